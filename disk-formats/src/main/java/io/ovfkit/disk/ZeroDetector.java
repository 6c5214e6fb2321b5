package io.ovfkit.disk;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Finds all-zero blocks at memory speed (a vectorised compare against a zero array).
 *
 * <p>Stateless; safe to call from any thread (the zero arrays it compares with are never written).
 */
public final class ZeroDetector {
    private static final byte[] ZEROS = new byte[1 << 16];
    private static final ByteBuffer DIRECT_ZEROS = DirectBuffers.allocate(1 << 16).asReadOnlyBuffer();

    private ZeroDetector() {
    }

    /** {@code n} zero bytes ({@code n} at most 64 KiB), read-only: the source to clear buffers from. */
    static ByteBuffer zeros(int n) {
        return DIRECT_ZEROS.slice(0, n);
    }

    /** The largest {@link #zeros} answer. */
    static int zerosCapacity() {
        return DIRECT_ZEROS.capacity();
    }

    /** Whether {@code buf[off, off + len)} is all zero. */
    public static boolean isZero(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int n = Math.min(ZEROS.length, end - i);
            if (Arrays.mismatch(buf, i, i + n, ZEROS, 0, n) >= 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /** Whether the remaining bytes of {@code b} are all zero (position unchanged). */
    public static boolean isZero(ByteBuffer b) {
        if (b.hasArray()) {
            return isZero(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        // ByteBuffer.mismatch compares in wide words for direct buffers too.
        for (int i = b.position(); i < b.limit(); i += DIRECT_ZEROS.capacity()) {
            int n = Math.min(DIRECT_ZEROS.capacity(), b.limit() - i);
            if (b.slice(i, n).mismatch(DIRECT_ZEROS.slice(0, n)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
