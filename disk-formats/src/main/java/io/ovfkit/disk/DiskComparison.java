package io.ovfkit.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Compares the guest-visible content of two disk images, whatever their formats, like
 * {@code qemu-img compare} without {@code -s}:
 *
 * <ul>
 *   <li>images of different capacities compare equal when the part of the larger one beyond the
 *       smaller one's end reads all zero;</li>
 *   <li>ranges that both images report as {@link Extent.Kind#UNALLOCATED} or {@link Extent.Kind#ZERO}
 *       are not read (an unallocated range of a differencing disk reads its parent, so it is read);</li>
 *   <li>where one side is known to be zero only the other side is read, and checked for zeros;</li>
 *   <li>everything else is read in 1 MiB chunks from both sides.</li>
 * </ul>
 *
 * Allocation status itself is not compared: a stored block of zeros equals a hole. Memory is
 * bounded (two 1 MiB buffers and one allocation-map window per image) whatever the disk size.
 *
 * <p>Stateless; safe to call from any thread, within the images' own rules (a
 * {@linkplain DiskImage#sequential() sequential} image must not be used by another thread meanwhile).
 */
public final class DiskComparison {
    private static final int CHUNK = 1 << 20;
    private static final long WINDOW = 256L << 20;

    private DiskComparison() {
    }

    /**
     * What a comparison found.
     *
     * @param identical whether the guest-visible contents are equal
     * @param firstDifference the guest byte offset of the first byte that differs (exact to the
     *     byte, where {@code qemu-img} reports the start of its 512-byte sector); -1 when identical
     */
    public record Result(boolean identical, long firstDifference) {
        /** Checks that the components agree. */
        public Result {
            if (identical != (firstDifference < 0)) {
                throw new IllegalArgumentException("identical=" + identical + " with firstDifference=" + firstDifference);
            }
        }

        /** Equal content. */
        public static Result same() {
            return new Result(true, -1);
        }

        /** Content that first differs at {@code offset}. */
        public static Result differsAt(long offset) {
            return new Result(false, offset);
        }
    }

    /** Compares {@code a} and {@code b}. */
    public static Result compare(DiskImage a, DiskImage b) throws IOException {
        return compare(a, b, ProgressListener.NONE);
    }

    /**
     * Compares {@code a} and {@code b}, reporting progress in guest bytes of the larger capacity
     * (in order; the last report is the larger capacity when the images are identical).
     */
    public static Result compare(DiskImage a, DiskImage b, ProgressListener progress) throws IOException {
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        long common = Math.min(a.capacity(), b.capacity());
        long total = Math.max(a.capacity(), b.capacity());
        // Page-aligned direct buffers: the image reads into them without the JDK's copy through a
        // temporary buffer, and the kernel copies into them at full speed (see DirectBuffers).
        ByteBuffer bufA = DirectBuffers.allocate(CHUNK);
        ByteBuffer bufB = DirectBuffers.allocate(CHUNK);
        for (long w = 0; w < common; w += WINDOW) {
            long wlen = Math.min(WINDOW, common - w);
            List<Extent> ea = a.extents(w, wlen);
            List<Extent> eb = b.extents(w, wlen);
            int ia = 0;
            int ib = 0;
            long pos = w;
            long wend = w + wlen;
            while (pos < wend) {
                while (ia < ea.size() && ea.get(ia).end() <= pos) {
                    ia++;
                }
                while (ib < eb.size() && eb.get(ib).end() <= pos) {
                    ib++;
                }
                Extent xa = ia < ea.size() ? ea.get(ia) : null;
                Extent xb = ib < eb.size() ? eb.get(ib) : null;
                // A map that does not cover the whole window is read, never trusted to be zero.
                long endA = xa != null && xa.offset() <= pos ? xa.end() : nextStart(xa, wend);
                long endB = xb != null && xb.offset() <= pos ? xb.end() : nextStart(xb, wend);
                long end = Math.min(wend, Math.min(endA, endB));
                boolean zeroA = xa != null && xa.offset() <= pos && readsZero(a, xa);
                boolean zeroB = xb != null && xb.offset() <= pos && readsZero(b, xb);
                long diff;
                if (zeroA && zeroB) {
                    diff = -1;
                } else if (zeroA) {
                    diff = firstNonZero(b, pos, end, bufB);
                } else if (zeroB) {
                    diff = firstNonZero(a, pos, end, bufA);
                } else {
                    diff = firstMismatch(a, b, pos, end, bufA, bufB);
                }
                if (diff >= 0) {
                    return Result.differsAt(diff);
                }
                pos = end;
            }
            p.progress(wend, total);
        }
        if (total > common) {
            DiskImage larger = a.capacity() > b.capacity() ? a : b;
            for (long w = common; w < total; w += WINDOW) {
                long wlen = Math.min(WINDOW, total - w);
                long pos = w;
                for (Extent e : larger.extents(w, wlen)) {
                    long from = Math.max(pos, e.offset());
                    long to = Math.min(w + wlen, e.end());
                    if (from > pos) {
                        // A gap in the map: read it.
                        long diff = firstNonZero(larger, pos, from, bufA);
                        if (diff >= 0) {
                            return Result.differsAt(diff);
                        }
                    }
                    if (to > from && !readsZero(larger, e)) {
                        long diff = firstNonZero(larger, from, to, bufA);
                        if (diff >= 0) {
                            return Result.differsAt(diff);
                        }
                    }
                    pos = Math.max(pos, to);
                }
                if (pos < w + wlen) {
                    long diff = firstNonZero(larger, pos, w + wlen, bufA);
                    if (diff >= 0) {
                        return Result.differsAt(diff);
                    }
                }
                p.progress(w + wlen, total);
            }
        }
        if (total == 0) {
            p.progress(0, 0);
        }
        return Result.same();
    }

    private static long nextStart(Extent x, long wend) {
        return x == null ? wend : x.offset();
    }

    /** Whether a run is known to read zeros without reading it. */
    private static boolean readsZero(DiskImage image, Extent e) {
        return switch (e.kind()) {
            case ZERO -> true;
            case UNALLOCATED -> image.parent().isEmpty();
            case DATA -> false;
        };
    }

    /** The offset of the first non-zero byte of {@code [from, to)}, or -1. */
    private static long firstNonZero(DiskImage image, long from, long to, ByteBuffer buf) throws IOException {
        for (long off = from; off < to; off += CHUNK) {
            int len = (int) Math.min(CHUNK, to - off);
            image.read(off, buf.clear().limit(len));
            buf.flip();
            if (!ZeroDetector.isZero(buf)) {
                for (int i = 0; i < len; i++) {
                    if (buf.get(i) != 0) {
                        return off + i;
                    }
                }
            }
        }
        return -1;
    }

    /** The offset of the first byte of {@code [from, to)} that differs, or -1. */
    private static long firstMismatch(DiskImage a, DiskImage b, long from, long to, ByteBuffer bufA, ByteBuffer bufB)
            throws IOException {
        for (long off = from; off < to; off += CHUNK) {
            int len = (int) Math.min(CHUNK, to - off);
            a.read(off, bufA.clear().limit(len));
            b.read(off, bufB.clear().limit(len));
            // Vectorised like Arrays.mismatch, on the buffers in place.
            int i = bufA.flip().mismatch(bufB.flip());
            if (i >= 0) {
                return off + i;
            }
        }
        return -1;
    }
}
