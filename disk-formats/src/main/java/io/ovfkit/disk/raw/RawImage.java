package io.ovfkit.disk.raw;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.PositionalReads;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw image: the guest bytes as they are. Its allocation map comes from the file's holes where
 * the operating system tells them ({@code lseek(SEEK_DATA/SEEK_HOLE)} on Linux and macOS, through
 * JNA: holes are {@link Extent.Kind#UNALLOCATED} and never read); elsewhere, and for an image that
 * is a part of another file, it is one DATA run and copies find zeros by looking
 * ({@link io.ovfkit.disk.ZeroDetector}). Loading the native bridge costs about 0.1 s, so files under
 * {@value #HOLE_LOOKUP_MIN_SIZE} bytes (64 MiB: read whole in less time) are not asked, and the
 * lookup starts at the first {@link #extents} call, never for plain reads. The system property
 * {@code ovfkit.disk.holes=false} turns it off.
 *
 * <p>Thread-safe for concurrent {@link #read} and {@link #extents} calls from several threads, as
 * {@link io.ovfkit.disk.DiskImage} requires: the tables read at open are not changed afterwards and the
 * hole map is looked up under a lock ({@link FileHoleMap}); close it once no call is running.
 */
public final class RawImage implements DiskImage {
    private final Path path;
    private final FileChannel channel;
    /** The smallest file whose holes are looked up. */
    public static final long HOLE_LOOKUP_MIN_SIZE = 64L << 20;

    private final long size;
    private final FileHoleMap holes;

    private RawImage(Path path, FileChannel channel, long size, FileHoleMap holes) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.holes = holes;
    }

    /** Opens {@code path} as a raw image; its size is the guest size. */
    public static RawImage open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        long size;
        try {
            size = ch.size();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new RawImage(path, ch, size, FileHoleMap.of(path, size));
    }

    /** Wraps an open channel (the extent of a flat VMDK, for example) of {@code size} bytes; no hole lookup. */
    public static RawImage of(Path path, FileChannel channel, long size) {
        return new RawImage(path, channel, size, null);
    }

    /** Whether this image's allocation map comes from the file's holes (see the class comment). */
    public boolean seesHoles() {
        return holes != null && holes.active();
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
        if (len <= 0) {
            return List.of();
        }
        if (holes == null) {
            return List.of(new Extent(offset, len, Extent.Kind.DATA));
        }
        long end = offset + len;
        List<Extent> out = new ArrayList<>();
        for (long pos = offset; pos < end; ) {
            Extent r = holes.run(pos, end - pos);
            PositionalReads.appendExtent(out, r.offset(), r.length(), r.kind());
            pos = r.end();
        }
        return out;
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
        try {
            channel.close();
        } finally {
            if (holes != null) {
                holes.close();
            }
        }
    }
}
