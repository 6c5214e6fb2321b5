package io.ovfkit.disk;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The small operations every format reader needs: filling a buffer from a position of a file (the
 * end of the file inside a structure is a {@link DiskFormatException} naming the offset), zeroing
 * the rest of a buffer, and appending a run to an allocation map while merging it with a neighbour
 * of the same kind, or, for what a differencing image does not hold, with its parent's runs.
 *
 * <p>Stateless; safe to call from any thread (positional reads of a {@code FileChannel} may run
 * concurrently).
 */
public final class PositionalReads {
    private PositionalReads() {
    }

    /** Fills the remaining bytes of {@code dst} with zeros (heap or direct, at memory speed). */
    public static void zero(ByteBuffer dst) {
        if (dst.hasArray()) {
            int p = dst.arrayOffset() + dst.position();
            java.util.Arrays.fill(dst.array(), p, p + dst.remaining(), (byte) 0);
            dst.position(dst.limit());
            return;
        }
        while (dst.hasRemaining()) {
            dst.put(ZeroDetector.zeros(Math.min(dst.remaining(), ZeroDetector.zerosCapacity())));
        }
    }

    /**
     * Fills {@code part} with what a differencing image's {@code parent} holds at guest offset
     * {@code pos}, zeros beyond the parent's end; all zeros when {@code parent} is null.
     */
    public static void readParentOrZero(DiskImage parent, long pos, ByteBuffer part) throws java.io.IOException {
        if (parent != null && pos < parent.capacity()) {
            int p = (int) Math.min(part.remaining(), parent.capacity() - pos);
            parent.read(pos, part.slice(part.position(), p));
            part.position(part.position() + p);
        }
        zero(part);
    }

    /**
     * Appends the run {@code [pos, runEnd)} of kind {@code kind} to {@code out}; an unallocated run of
     * a differencing image (non-null {@code parent}) becomes the parent's runs over the part the
     * parent covers, and stays unallocated beyond the parent's end.
     */
    public static void appendOverParent(List<Extent> out, long pos, long runEnd, Extent.Kind kind, DiskImage parent)
            throws java.io.IOException {
        if (kind == Extent.Kind.UNALLOCATED && parent != null && pos < parent.capacity()) {
            long pEnd = Math.min(runEnd, parent.capacity());
            for (Extent e : parent.extents(pos, pEnd - pos)) {
                appendExtent(out, e.offset(), e.length(), e.kind());
            }
            appendExtent(out, pEnd, runEnd - pEnd, Extent.Kind.UNALLOCATED);
        } else {
            appendExtent(out, pos, runEnd - pos, kind);
        }
    }

    /** Fills {@code b} from {@code ch} at byte {@code at}; thread-safe (positional reads). */
    public static void readFully(Path file, FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new DiskFormatException(file, pos, "the file ends here, inside a structure that needs "
                        + b.remaining() + " more bytes", new EOFException());
            }
            pos += n;
        }
    }

    /** {@code len} bytes of {@code ch} at byte {@code at}. */
    public static byte[] readAt(Path file, FileChannel ch, long at, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        readFully(file, ch, b, at);
        return b.array();
    }

    /** Appends a run to {@code out}, merged into the last run when contiguous and of the same kind. */
    public static void appendExtent(List<Extent> out, long offset, long length, Extent.Kind kind) {
        if (length <= 0) {
            return;
        }
        if (!out.isEmpty()) {
            Extent last = out.get(out.size() - 1);
            if (last.kind() == kind && last.end() == offset) {
                out.set(out.size() - 1, new Extent(last.offset(), last.length() + length, kind));
                return;
            }
        }
        out.add(new Extent(offset, length, kind));
    }
}
