package io.ovfkit.convert;

import io.ovfkit.disk.DirectBuffers;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A QCOW2 (version 2, 64 KiB clusters, 16-bit refcounts) written strictly forward, so that it can
 * sit inside a tar member and be hashed as it goes by. The layout is worked out before any data is
 * read, from the source's allocation map: the clusters touched by its data runs are allocated, the
 * rest reads as zeros. So the size is known up front (the tar header states it first) and every
 * table comes before the data it points to: header, refcount table, refcount blocks, L1 table, L2
 * tables, then the data clusters in guest order. Memory: the runs of the map and one 1 MiB buffer;
 * a 2 TB disk takes no more than a small one.
 */
final class StreamingQcow2 {
    static final int CLUSTER_BITS = 16;
    static final long C = 1L << CLUSTER_BITS;
    private static final long L2_ENTRIES = C / 8;
    private static final long REFCOUNTS_PER_BLOCK = C / 2;
    private static final long COPIED = 1L << 63;

    /** Allocated clusters, as runs of cluster indices {@code [first, end)} in ascending order. */
    private final List<long[]> runs;
    private final DiskImage image;
    private final long capacity;
    private final long dataClusters;
    private final long l1Size;
    private final long l1Clusters;
    private final List<Long> l2Tables; // L1 indices that have an L2 table, ascending
    private final long refTableClusters;
    private final long refBlocks;
    private final long totalClusters;

    private StreamingQcow2(DiskImage image) throws IOException {
        this.image = image;
        this.capacity = image.capacity();
        List<long[]> r = new ArrayList<>();
        for (Extent e : image.extents(0, capacity)) {
            if (e.kind() != Extent.Kind.DATA) {
                continue;
            }
            long first = e.offset() / C;
            long end = (e.end() + C - 1) / C;
            if (!r.isEmpty() && r.get(r.size() - 1)[1] >= first) {
                r.get(r.size() - 1)[1] = Math.max(r.get(r.size() - 1)[1], end);
            } else {
                r.add(new long[] {first, end});
            }
        }
        this.runs = r;
        long n = 0;
        List<Long> tables = new ArrayList<>();
        for (long[] run : r) {
            n += run[1] - run[0];
            for (long t = run[0] / L2_ENTRIES; t <= (run[1] - 1) / L2_ENTRIES; t++) {
                if (tables.isEmpty() || tables.get(tables.size() - 1) < t) {
                    tables.add(t);
                }
            }
        }
        this.dataClusters = n;
        this.l2Tables = tables;
        this.l1Size = Math.max(1, (capacity + L2_ENTRIES * C - 1) / (L2_ENTRIES * C));
        this.l1Clusters = (l1Size * 8 + C - 1) / C;
        long rb = 1;
        long rt = 1;
        long total;
        while (true) {
            total = 1 + rt + rb + l1Clusters + tables.size() + n;
            long rb2 = (total + REFCOUNTS_PER_BLOCK - 1) / REFCOUNTS_PER_BLOCK;
            long rt2 = (rb2 * 8 + C - 1) / C;
            if (rb2 == rb && rt2 == rt) {
                break;
            }
            rb = rb2;
            rt = rt2;
        }
        this.refBlocks = rb;
        this.refTableClusters = rt;
        this.totalClusters = total;
    }

    /** The layout of {@code image} as a forward-written QCOW2; reads only its allocation map. */
    static StreamingQcow2 of(DiskImage image) throws IOException {
        return new StreamingQcow2(image);
    }

    /** {@return the exact size of the image file} */
    long size() {
        return totalClusters * C;
    }

    /** Where bytes go: called in order, each buffer consumed before the next call. */
    interface Sink {
        void write(ByteBuffer b) throws IOException;
    }

    /** Writes the whole image, {@link #size()} bytes, front to back. */
    void write(Sink out) throws IOException {
        long refTableAt = C;
        long refBlocksAt = refTableAt + refTableClusters * C;
        long l1At = refBlocksAt + refBlocks * C;
        long l2At = l1At + l1Clusters * C;
        long dataAt = l2At + l2Tables.size() * C;

        ByteBuffer cluster = ByteBuffer.allocate((int) C);
        // header
        cluster.putInt(0x514649fb).putInt(2).putLong(0).putInt(0).putInt(CLUSTER_BITS).putLong(capacity).putInt(0)
                .putInt((int) l1Size).putLong(l1At).putLong(refTableAt).putInt((int) refTableClusters).putInt(0).putLong(0);
        emit(out, cluster);
        // refcount table
        for (long c = 0, i = 0; c < refTableClusters; c++) {
            for (int k = 0; k < C / 8 && i < refBlocks; k++, i++) {
                cluster.putLong(k * 8, refBlocksAt + i * C);
            }
            emit(out, cluster);
        }
        // refcount blocks: every cluster of the file is used once
        for (long b = 0; b < refBlocks; b++) {
            for (int k = 0; k < REFCOUNTS_PER_BLOCK; k++) {
                if (b * REFCOUNTS_PER_BLOCK + k < totalClusters) {
                    cluster.putShort(k * 2, (short) 1);
                }
            }
            emit(out, cluster);
        }
        // L1 table
        for (long c = 0, i = 0; c < l1Clusters; c++) {
            for (int k = 0; k < C / 8 && i < l1Size; k++, i++) {
                int t = l2Tables.indexOf(i);
                if (t >= 0) {
                    cluster.putLong(k * 8, (l2At + t * C) | COPIED);
                }
            }
            emit(out, cluster);
        }
        // L2 tables: data clusters are numbered in guest order
        long dataIndex = 0;
        int run = 0;
        for (long t : l2Tables) {
            long first = t * L2_ENTRIES;
            long end = first + L2_ENTRIES;
            while (run < runs.size() && runs.get(run)[1] <= first) {
                run++;
            }
            for (int r = run; r < runs.size() && runs.get(r)[0] < end; r++) {
                long from = Math.max(first, runs.get(r)[0]);
                long to = Math.min(end, runs.get(r)[1]);
                for (long g = from; g < to; g++) {
                    cluster.putLong((int) ((g - first) * 8), (dataAt + dataIndex * C) | COPIED);
                    dataIndex++;
                }
            }
            emit(out, cluster);
        }
        // data, read a megabyte at a time
        ByteBuffer buf = DirectBuffers.allocate(1 << 20);
        for (long[] r : runs) {
            long at = r[0] * C;
            long end = r[1] * C;
            while (at < end) {
                int n = (int) Math.min(buf.capacity(), end - at);
                buf.clear().limit(n);
                long readable = Math.max(0, Math.min(n, capacity - at));
                if (readable > 0) {
                    buf.limit((int) readable);
                    image.read(at, buf);
                    buf.limit(n);
                }
                while (buf.hasRemaining()) {
                    buf.put((byte) 0); // past the end of the guest: the last cluster's tail
                }
                buf.flip();
                out.write(buf);
                at += n;
            }
        }
    }

    private static void emit(Sink out, ByteBuffer cluster) throws IOException {
        cluster.clear();
        out.write(cluster);
        cluster.clear();
        java.util.Arrays.fill(cluster.array(), (byte) 0);
    }
}
