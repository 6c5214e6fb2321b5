package io.ovfkit.disk.raw;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A raw image: the guest bytes as they are. Java cannot see a file's holes, so the allocation map
 * is one DATA run and copies find zeros by looking ({@link io.ovfkit.disk.ZeroDetector}).
 */
public final class RawImage implements DiskImage {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    private RawImage(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code path} as a raw image; its size is the guest size. */
    public static RawImage open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return new RawImage(path, ch, ch.size());
    }

    /** Wraps an open channel (the extent of a flat VMDK, for example) of {@code size} bytes. */
    public static RawImage of(Path path, FileChannel channel, long size) {
        return new RawImage(path, channel, size);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.RAW;
    }

    @Override
    public String subformat() {
        return "raw";
    }

    @Override
    public long capacity() {
        return size;
    }

    @Override
    public long actualSize() throws IOException {
        return Files.size(path);
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0 || offset + dst.remaining() > size) {
            throw new IllegalArgumentException(path + ": read of " + dst.remaining() + " bytes at " + offset
                    + " is outside the disk (" + size + " bytes)");
        }
        long pos = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new EOFException(path + ": file ends at " + pos + ", before the " + size + " bytes it had when opened");
            }
            pos += n;
        }
    }

    @Override
    public List<Extent> extents(long offset, long length) {
        long len = Math.min(length, size - offset);
        return len <= 0 ? List.of() : List.of(new Extent(offset, len, Extent.Kind.DATA));
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }

    @Override
    public CheckResult check() {
        return CheckResult.clean();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
