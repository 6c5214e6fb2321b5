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
 */
public final class RawImage implements DiskImage {
    private final Path path;
    private final FileChannel channel;
    /** The smallest file whose holes are looked up. */
    public static final long HOLE_LOOKUP_MIN_SIZE = 64L << 20;

    private final long size;
    private final boolean lookup;
    private FileHoles holes;
    private boolean looked;
    private boolean closed;

    private RawImage(Path path, FileChannel channel, long size, boolean lookup) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.lookup = lookup;
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
        return new RawImage(path, ch, size, size >= HOLE_LOOKUP_MIN_SIZE);
    }

    /** Wraps an open channel (the extent of a flat VMDK, for example) of {@code size} bytes; no hole lookup. */
    public static RawImage of(Path path, FileChannel channel, long size) {
        return new RawImage(path, channel, size, false);
    }

    /** Whether this image's allocation map comes from the file's holes (see the class comment). */
    public boolean seesHoles() {
        return holes() != null;
    }

    private synchronized FileHoles holes() {
        if (!looked && lookup && !closed) {
            looked = true;
            holes = FileHoles.open(path);
        }
        return holes;
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
        FileHoles holes = holes();
        if (holes == null) {
            return List.of(new Extent(offset, len, Extent.Kind.DATA));
        }
        long end = offset + len;
        List<Extent> out = new ArrayList<>();
        long pos = offset;
        try {
            while (pos < end) {
                long data = holes.nextData(pos);
                if (data < 0 || data >= end) {
                    PositionalReads.appendExtent(out, pos, end - pos, Extent.Kind.UNALLOCATED);
                    break;
                }
                PositionalReads.appendExtent(out, pos, data - pos, Extent.Kind.UNALLOCATED);
                long hole = Math.min(end, Math.max(data + 1, holes.nextHole(data)));
                PositionalReads.appendExtent(out, data, hole - data, Extent.Kind.DATA);
                pos = hole;
            }
        } catch (RuntimeException e) {
            // The system stopped answering (a file system that refuses the call midway): what is not
            // mapped yet is data, read and zero-detected as without hole lookup.
            PositionalReads.appendExtent(out, pos, end - pos, Extent.Kind.DATA);
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
            synchronized (this) {
                closed = true;
                if (holes != null) {
                    holes.close();
                }
            }
        }
    }
}
