package io.ovfkit.samples;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import java.nio.file.Path;

/**
 * Converts a disk image of any format ovfkit reads (told by content) into another: one pass, holes
 * skipped, compression on all cores, the output the same whatever the number of threads.
 *
 * <pre>java io.ovfkit.samples.ConvertDisk in.qcow2 out.vhdx vhdx</pre>
 */
public final class ConvertDisk {
    private ConvertDisk() {
    }

    /** Runs the example: the input image, the output image, the output format. */
    public static void main(String[] args) throws Exception {
        DiskFormat format = DiskFormat.parse(args[2]);
        try (DiskImage in = DiskImages.open(Path.of(args[0]));
                DiskWriter out = DiskWriters.create(Path.of(args[1]), WriteOptions.builder(format, in.capacity()).build())) {
            DiskConverter.Result r = DiskConverter.builder().build().convert(in, out);
            System.out.println("converted " + r.capacity() + " bytes, " + r.zeroBlocks() + " zero blocks skipped");
        }
    }
}
