package io.ovfkit.disk.qcow2;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.EncodedBlock;
import io.ovfkit.disk.FileBlockWriter;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;

/**
 * Writes a QCOW2 image (disk-formats.md §5, §8.3 b) in one forward pass with one seek back.
 *
 * <p>Subformat: tokens separated by commas, any order: {@code v3} / {@code compat=1.1} (the default),
 * {@code v2} / {@code compat=0.10}; {@code compressed} (what {@code --compress} asks for) compresses
 * every cluster with raw deflate at {@link WriteOptions#compressionLevel()}; {@code cluster_size=N}
 * (a power of two, 512 bytes to 2 MiB; 64 KiB by default). {@code null} means v3, uncompressed, 64 KiB.
 *
 * <p>Layout: cluster 0 holds the header (v3: 112 bytes, compression type zlib, no extensions), then
 * the L1 table (sized from the capacity) and the refcount table (sized from an upper bound of the
 * file: every cluster stored, plus metadata; twice for compressed output, which may pad before a
 * standard cluster), both reserved. Clusters follow in guest order: standard clusters
 * cluster-aligned, compressed clusters packed byte by byte; each L2 table is appended right after
 * the last cluster it describes. At {@link #finish()} the refcount blocks are appended at the end
 * (their number is a fixed point, since they count themselves), and the header, L1 and refcount
 * table are written in one seek back to offset 0. Zero blocks are never written (they stay
 * unallocated), the zero flag is never used, the refcounts are 16-bit, and a compressed cluster
 * that does not shrink is stored as a standard cluster, as qemu does.
 *
 * <p>Not thread-safe beyond what {@link io.ovfkit.disk.DiskWriter} allows: {@link #encode} may run on
 * several converter threads at once (compression takes a {@code Deflater} from a concurrent pool);
 * {@link #write}, {@link #finish} and {@link #close} are for one thread at a time.
 */
public final class Qcow2Writer extends FileBlockWriter {
    private static final int MAX_DEFLATERS = 64;

    private final Path target;
    private final AtomicOutput file;
    private final int version;
    private final boolean compress;
    private final int level;
    private final int clusterBits;
    private final int cs;
    private final long capacity;
    private final int l2n;
    private final long[] l1;
    private final int l1Clusters;
    private final int rtClusters;
    private final long[] l2;
    private int curL1 = -1;
    private long pos;
    private char[] counts = new char[1024];
    private boolean finished;
    private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();

    private Qcow2Writer(Path target, AtomicOutput file, int version, boolean compress, int level, int clusterBits, long capacity,
            int l1Size, int l1Clusters, int rtClusters) {
        super(file, target);
        this.target = target;
        this.file = file;
        this.version = version;
        this.compress = compress;
        this.level = level;
        this.clusterBits = clusterBits;
        this.cs = 1 << clusterBits;
        this.capacity = capacity;
        this.l2n = cs / 8;
        this.l1 = new long[l1Size];
        this.l1Clusters = l1Clusters;
        this.rtClusters = rtClusters;
        this.l2 = new long[l2n];
        this.pos = (long) (1 + l1Clusters + rtClusters) * cs;
    }

    /**
     * A QCOW2 writer; see the class comment for the subformat.
     *
     * @throws IllegalArgumentException for an unknown subformat token or a bad cluster size
     * @throws DiskFormatException when the disk needs an L1 table over 32 MiB or a refcount table over 8 MiB
     */
    public static Qcow2Writer create(Path target, WriteOptions options) throws IOException {
        int version = 3;
        boolean compress = false;
        int cs = options.blockSize() == 0 ? 1 << 16 : options.blockSize();
        if (options.subformat() != null) {
            for (String t : options.subformat().toLowerCase(Locale.ROOT).split("[,;+\\s]+")) {
                switch (t) {
                    case "", "v3", "compat=1.1", "1.1", "dynamic" -> version = 3;
                    case "v2", "compat=0.10", "0.10" -> version = 2;
                    case "compressed", "compress" -> compress = true;
                    default -> {
                        if (t.startsWith("cluster_size=") || t.startsWith("cluster-size=")) {
                            int named = parseSize(t.substring(13));
                            if (options.blockSize() != 0 && named != options.blockSize()) {
                                throw new IllegalArgumentException("the subformat names " + named + "-byte clusters but the block"
                                        + " size option says " + options.blockSize() + "; give one of them");
                            }
                            cs = named;
                        } else {
                            throw new IllegalArgumentException("unknown QCOW2 subformat \"" + t + "\" in \"" + options.subformat()
                                    + "\"; expected v3 (compat=1.1), v2 (compat=0.10), compressed, cluster_size=N");
                        }
                    }
                }
            }
        }
        if (Integer.bitCount(cs) != 1 || cs < 512 || cs > (2 << 20)) {
            throw new IllegalArgumentException("QCOW2 cluster size " + cs + " is not a power of two from 512 bytes to 2 MiB");
        }
        int bits = Integer.numberOfTrailingZeros(cs);
        long cap = (options.capacity() + 511) / 512 * 512;
        long clusters = (cap + cs - 1) / cs;
        long l2n = cs / 8;
        long l1Size = (clusters + l2n - 1) / l2n;
        if (l1Size * 8 > Qcow2Image.MAX_L1_BYTES) {
            throw new DiskFormatException(target, -1, "a QCOW2 with " + cs + "-byte clusters maps at most "
                    + (Qcow2Image.MAX_L1_BYTES / 8 * l2n * cs) + " bytes (L1 ≤ 32 MiB); " + cap + " bytes do not fit");
        }
        long l1Clusters = Math.max(1, (l1Size * 8 + cs - 1) / cs);
        long epb = (long) cs * 8 / 16;
        long base = 1 + l1Clusters + l1Size + clusters * (compress ? 2 : 1);
        long rb = 0;
        long rt = 1;
        for (int i = 0; i < 64; i++) {
            long nrb = (base + rt + rb + epb - 1) / epb;
            long nrt = Math.max(1, (nrb * 8 + cs - 1) / cs);
            if (nrb == rb && nrt == rt) {
                break;
            }
            rb = nrb;
            rt = nrt;
        }
        if (rt * cs > Qcow2Image.MAX_RT_BYTES) {
            throw new DiskFormatException(target, -1, "the refcount table of a " + cap + "-byte QCOW2 with " + cs
                    + "-byte clusters would exceed 8 MiB; use larger clusters");
        }
        return new Qcow2Writer(target, AtomicOutput.create(target, options.sync()), version, compress, options.compressionLevel(), bits, cap,
                (int) l1Size, (int) l1Clusters, (int) rt);
    }

    private static int parseSize(String s) {
        String t = s.trim();
        long mul = 1;
        if (t.endsWith("k")) {
            mul = 1024;
        } else if (t.endsWith("m")) {
            mul = 1 << 20;
        }
        if (mul != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * mul;
            return v > Integer.MAX_VALUE ? -1 : (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("QCOW2 cluster size \"" + s + "\" is not a number", e);
        }
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public int blockSize() {
        return cs;
    }

    @Override
    public boolean encodes() {
        return compress;
    }

    /**
     * Compressed output: raw deflate of the cluster (the last one padded with zeros to a whole
     * cluster); a payload shorter than the cluster is stored compressed, otherwise the padded
     * cluster is returned and stored as a standard cluster.
     */
    @Override
    public EncodedBlock encode(long offset, ByteBuffer raw, Scratch scratch) {
        if (!compress) {
            return super.encode(offset, raw, scratch);
        }
        int length = raw.remaining();
        ByteBuffer in = raw.duplicate();
        if (length < cs) {
            ByteBuffer p = ByteBuffer.allocate(cs);
            p.put(in).clear();
            in = p;
        }
        Deflater d = deflaters.poll();
        if (d == null) {
            d = new Deflater(level, true);
        }
        ByteBuffer keep = in.duplicate();
        try {
            byte[] out = scratch.buffer(cs);
            d.setInput(in);
            d.finish();
            int n = 0;
            while (!d.finished() && n < cs) {
                n += d.deflate(out, n, cs - n);
            }
            if (d.finished() && n < cs) {
                return new EncodedBlock(offset, length, ByteBuffer.wrap(Arrays.copyOf(out, n)));
            }
            ByteBuffer copy = ByteBuffer.allocate(cs);
            copy.put(keep).clear();
            return new EncodedBlock(offset, length, copy);
        } finally {
            d.reset();
            if (deflaters.size() < MAX_DEFLATERS) {
                deflaters.add(d);
            } else {
                d.end();
            }
        }
    }

    @Override
    protected void store(EncodedBlock block) throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        long off = block.offset();
        long c = off / cs;
        int l1i = (int) (c / l2n);
        if (l1i != curL1) {
            flushL2();
            curL1 = l1i;
            Arrays.fill(l2, 0);
        }
        ByteBuffer data = block.payload().duplicate();
        int len = data.remaining();
        if (compress && len < cs) {
            int x = 62 - (clusterBits - 8);
            long at = pos;
            if (at >= (1L << x)) {
                throw new DiskFormatException(target, at, "compressed cluster offset exceeds the " + x + "-bit descriptor field");
            }
            writes.queue(data, at);
            long add = ((at + len - 1) >> 9) - (at >> 9);
            l2[(int) (c % l2n)] = Qcow2Image.COMPRESSED | (add << x) | at;
            for (long hc = at / cs; hc <= (at + len - 1) / cs; hc++) {
                ref(hc);
            }
            pos = at + len;
        } else {
            align();
            if (len < cs) {
                ByteBuffer p = ByteBuffer.allocate(cs);
                p.put(data).clear();
                data = p;
            }
            long at = pos;
            writes.queue(data, at);
            l2[(int) (c % l2n)] = at | Qcow2Image.COPIED;
            ref(at / cs);
            pos = at + cs;
        }
    }

    private void align() {
        pos = (pos + cs - 1) / cs * cs;
    }

    private void flushL2() throws IOException {
        if (curL1 < 0) {
            return;
        }
        align();
        ByteBuffer b = ByteBuffer.allocate(cs);
        b.asLongBuffer().put(l2);
        writes.write(b, pos);
        l1[curL1] = pos | Qcow2Image.COPIED;
        ref(pos / cs);
        pos += cs;
        curL1 = -1;
    }

    private void ref(long hostCluster) {
        if (hostCluster >= counts.length) {
            long n = Math.max(hostCluster + 1, (long) counts.length * 2);
            if (n > Integer.MAX_VALUE - 8) {
                throw new DiskFormatException(target, hostCluster * cs, "the image has too many host clusters");
            }
            counts = Arrays.copyOf(counts, (int) n);
        }
        int i = (int) hostCluster;
        if (counts[i] == Character.MAX_VALUE) {
            throw new DiskFormatException(target, hostCluster * cs, "refcount overflow (more than 65535 references)");
        }
        counts[i]++;
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        flushL2();
        align();
        long end = pos / cs;
        long epb = (long) cs * 8 / 16;
        long n = 0;
        while (n != (end + n + epb - 1) / epb) {
            n = (end + n + epb - 1) / epb;
        }
        if (n > (long) rtClusters * cs / 8) {
            throw new IllegalStateException(target + ": the reserved refcount table cannot hold " + n + " refcount blocks");
        }
        long l1Off = cs;
        long rtOff = (long) cs * (1 + l1Clusters);
        ref(0);
        for (int i = 0; i < l1Clusters; i++) {
            ref(1 + i);
        }
        for (int i = 0; i < rtClusters; i++) {
            ref(1 + l1Clusters + i);
        }
        for (long i = 0; i < n; i++) {
            ref(end + i);
        }
        // Refcount blocks at the end of the file.
        ByteBuffer rbBuf = ByteBuffer.allocate(cs);
        for (long b = 0; b < n; b++) {
            rbBuf.clear();
            for (long k = 0; k < epb; k++) {
                long hc = b * epb + k;
                rbBuf.putChar(hc < counts.length ? counts[(int) hc] : 0);
            }
            writes.write(rbBuf.flip(), (end + b) * cs);
        }
        // Header, L1 and refcount table: one write at offset 0.
        ByteBuffer meta = ByteBuffer.allocate((int) rtOff + rtClusters * cs);
        meta.putInt(0, Qcow2Image.MAGIC).putInt(4, version).putInt(20, clusterBits).putLong(24, capacity).putInt(36, l1.length)
                .putLong(40, l1Off).putLong(48, rtOff).putInt(56, rtClusters);
        if (version == 3) {
            meta.putInt(96, 4).putInt(100, 112);
        }
        for (int i = 0; i < l1.length; i++) {
            meta.putLong((int) l1Off + 8 * i, l1[i]);
        }
        for (long b = 0; b < n; b++) {
            meta.putLong((int) (rtOff + 8 * b), (end + b) * cs);
        }
        writes.write(meta, 0);
        file.commit();
        finished = true;
    }


    @Override
    public void close() throws IOException {
        Deflater d;
        while ((d = deflaters.poll()) != null) {
            d.end();
        }
        file.close();
    }
}
