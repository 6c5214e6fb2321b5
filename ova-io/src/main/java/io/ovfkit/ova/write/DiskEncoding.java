package io.ovfkit.ova.write;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.vmdk.StreamOptimizedWriter;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;

/**
 * The disk formats a {@link PackageWriter} converts disks into, each written strictly forward into
 * its package member (no seek, no temporary file). Only formats whose writer can stream qualify:
 * today streamOptimized VMDK, the one format every importer accepts (vSphere takes no other).
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum DiskEncoding {
    /** VMDK streamOptimized: deflate-compressed grains, tables after the data (VMware's layout). */
    STREAM_OPTIMIZED("streamOptimized", "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized");

    private final String id;
    private final String formatUri;

    DiskEncoding(String id, String formatUri) {
        this.id = id;
        this.formatUri = formatUri;
    }

    /** The name used on the command line: {@code streamOptimized}. */
    public String id() {
        return id;
    }

    /** The URI written in the {@code Disk}'s {@code ovf:format}. */
    public String formatUri() {
        return formatUri;
    }

    /**
     * The encoding named {@code text}: {@code streamOptimized} or {@code vmdk} (case-insensitive).
     *
     * @throws IllegalArgumentException for another name, saying which formats can be written
     */
    public static DiskEncoding parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("vmdk") || t.equals("streamoptimized") || t.equals("stream-optimized")) {
            return STREAM_OPTIMIZED;
        }
        throw new IllegalArgumentException("disk format \"" + text + "\" cannot be written into a package; expected"
                + " streamOptimized (or vmdk): a package member is written in one forward pass, and streamOptimized"
                + " VMDK is the format whose writer streams and that every importer accepts");
    }

    /** A writer of this format to {@code out}; {@code fileName} is the file's name inside the image. */
    DiskWriter open(WritableByteChannel out, String fileName, WriteOptions.Builder options) throws IOException {
        return StreamOptimizedWriter.toStream(out, fileName, options.subformat(id).build());
    }

    /** The disk-formats format of this encoding. */
    DiskFormat format() {
        return DiskFormat.VMDK;
    }

    /**
     * An upper bound of the output size for a disk of {@code capacity} bytes: every 64 KiB grain
     * stored deflated at worst (zlib's stored blocks: 65,579 bytes with its marker, 129 sectors),
     * plus the header area, grain tables, grain directory, footer and end marker.
     */
    long maxOutputBytes(long capacity) {
        long grains = (capacity + 65535) / 65536;
        long gts = (grains + 511) / 512;
        return 65536 + grains * 129 * 512 + gts * (512 + 2048) + 512 + TarFormat.roundUp(gts * 4) + 3 * 512;
    }
}
