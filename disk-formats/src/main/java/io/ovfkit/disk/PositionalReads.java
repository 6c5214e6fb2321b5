package io.ovfkit.disk;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The two small operations every format reader needs: filling a buffer from a position of a file
 * (the end of the file inside a structure is a {@link DiskFormatException} naming the offset), and
 * appending a run to an allocation map while merging it with a neighbour of the same kind.
 */
public final class PositionalReads {
    private PositionalReads() {
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
