package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.Extent;
import io.ovfkit.disk.raw.FileHoleMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code FLAT} or {@code VMFS} extent line: the guest bytes stored as they are in a file, from a
 * sector offset on (monolithicFlat, twoGbMaxExtentFlat, vmfs, vmfsThin). A file shorter than the
 * line reads zeros past its end, as qemu does; {@link #check} reports it as a corruption. The
 * file's holes, where the system tells them ({@link FileHoleMap}), are unallocated runs.
 */
final class FlatExtent implements VmdkExtent {
    private final Path file;
    private final FileChannel channel;
    private final long fileOffset;
    private final long length;
    private final FileHoleMap holes;

    /**
     * @param fileOffset byte offset of the extent's first guest byte in {@code file}
     * @param length guest bytes of the extent
     */
    FlatExtent(Path file, FileChannel channel, long fileOffset, long length) {
        this.file = file;
        this.channel = channel;
        this.fileOffset = fileOffset;
        this.length = length;
        this.holes = FileHoleMap.of(file, length);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Run run(long offset, long max) {
        Extent r = holes.run(fileOffset + offset, Math.min(max, length - offset));
        return new Run(r.kind(), r.length());
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        long pos = fileOffset + offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                VmdkExtent.zero(dst); // short file: qemu reads zeros past the end too
                return;
            }
            pos += n;
        }
    }

    @Override
    public void check(List<String> corruptions, List<String> leaks) throws IOException {
        long size = channel.size();
        if (size < fileOffset + length) {
            corruptions.add(file + ": at offset " + size + ": the flat extent file has " + size
                    + " bytes; its extent line needs " + (fileOffset + length) + " (" + length + " bytes from offset "
                    + fileOffset + "); the missing part reads as zeros");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            holes.close();
        }
    }
}
