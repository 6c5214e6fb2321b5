package io.ovfkit.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DiskImage#read} and {@link DiskImage#extents} for a format that answers one question:
 * what is at guest offset {@code pos}, and for how many bytes ({@link Runs}). Data runs are read
 * from the image's file; unallocated runs from the parent of a differencing image where it reaches,
 * else as zeros; zero runs as zeros.
 *
 * <p>Stateless; safe to call from any thread, as far as the {@link Runs} and {@link Data} given are.
 */
public final class RunMap {
    private RunMap() {
    }

    /**
     * One run of the guest address space.
     *
     * @param kind what the bytes are
     * @param length bytes, at least 1
     * @param fileOffset where the first byte is stored, for {@link Extent.Kind#DATA}; else -1
     */
    public record Run(Extent.Kind kind, long length, long fileOffset) {
    }

    /** The format's answer: the run starting at {@code pos}, at most {@code max} bytes long. */
    @FunctionalInterface
    public interface Runs {
        Run run(long pos, long max) throws IOException;
    }

    /** Reads stored bytes at a file offset into the whole of {@code part}. */
    @FunctionalInterface
    public interface Data {
        void read(long fileOffset, ByteBuffer part) throws IOException;
    }

    /**
     * Fills {@code dst} with the guest bytes from {@code offset}.
     *
     * @throws IllegalArgumentException when the range is outside {@code capacity}
     */
    public static void read(Path path, long capacity, long offset, ByteBuffer dst, Runs runs, Data data, DiskImage parent)
            throws IOException {
        int len = dst.remaining();
        if (offset < 0 || offset > capacity - len) {
            throw new IllegalArgumentException(path + ": read of " + len + " bytes at " + offset
                    + " is outside the disk (" + capacity + " bytes)");
        }
        long pos = offset;
        while (dst.hasRemaining()) {
            Run r = runs.run(pos, dst.remaining());
            int n = (int) r.length();
            ByteBuffer part = dst.slice(dst.position(), n);
            if (r.kind() == Extent.Kind.DATA) {
                data.read(r.fileOffset(), part);
            } else if (r.kind() == Extent.Kind.UNALLOCATED) {
                PositionalReads.readParentOrZero(parent, pos, part);
            } else {
                PositionalReads.zero(part);
            }
            dst.position(dst.position() + n);
            pos += n;
        }
    }

    /** The allocation map of {@code [offset, offset + length)}, clipped to {@code capacity}, the parent's runs in the gaps. */
    public static List<Extent> extents(long capacity, long offset, long length, Runs runs, DiskImage parent)
            throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        List<Extent> out = new ArrayList<>();
        long end = offset >= capacity ? offset : offset + Math.min(length, capacity - offset);
        long pos = offset;
        while (pos < end) {
            Run r = runs.run(pos, end - pos);
            long runEnd = pos + r.length();
            PositionalReads.appendOverParent(out, pos, runEnd, r.kind(), parent);
            pos = runEnd;
        }
        return out;
    }
}
