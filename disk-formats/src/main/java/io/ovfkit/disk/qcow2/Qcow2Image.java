package io.ovfkit.disk.qcow2;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.PositionalReads;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.raw.RawImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A QCOW2 image, version 2 (compat 0.10) or 3 (compat 1.1) (disk-formats.md §5): L1 table read whole
 * at open (at most 32 MiB, as qemu), L2 tables read on demand and cached (at most 32 MiB of them),
 * standard clusters, v3 zero clusters, extended L2 entries (32 subclusters, each allocated, zero or
 * unallocated) and compressed clusters in raw deflate (compression type 0).
 *
 * <p>Compressed clusters are read with deflate (type 0) or zstd (type 1, pure-Java decoder).
 * <p>Refused with a {@link DiskFormatException}: encryption, external data
 * files and unknown incompatible feature bits. A backing file is opened through
 * {@link DiskImages#open(Path)} (as raw when the backing-format extension says {@code raw}, as QCOW2
 * when it says {@code qcow2}); its name is resolved against this image's folder and must stay inside
 * it. Chains are at most {@value #MAX_CHAIN} deep. Refcounts are read only by {@link #check()}.
 *
 * <p>Thread-safe for concurrent {@link #read} and {@link #extents} calls from several threads, as
 * {@link io.ovfkit.disk.DiskImage} requires: the tables read at open are not changed afterwards and the
 * L2 table cache is guarded by a lock; close it once no call is running.
 */
public final class Qcow2Image implements DiskImage {
    /** Most images in a backing chain, this one included. */
    public static final int MAX_CHAIN = 32;
    static final int MAGIC = 0x514649FB;
    static final long MAX_L1_BYTES = 32L << 20;
    static final long MAX_RT_BYTES = 8L << 20;
    static final long OFFSET_MASK = 0x00FFFFFFFFFFFE00L;
    static final long COPIED = 1L << 63;
    static final long COMPRESSED = 1L << 62;
    static final long INCOMPAT_KNOWN = 0x1F;
    private static final long L2_CACHE_BYTES = 32L << 20;
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private final Path path;
    private final FileChannel ch;
    private final long fileSize;
    private final int version;
    private final int clusterBits;
    /** 0 deflate, 1 zstd; set once by {@code open}. */
    private int compression;
    private final int clusterSize;
    private final long capacity;
    private final long[] l1;
    private final long l1Offset;
    private final long rtOffset;
    private final int rtClusters;
    private final int refcountOrder;
    private final int nbSnapshots;
    private final long incompatible;
    private final String backingName;
    private final String backingFormat;
    private final DiskImage backing;
    private final Map<Long, long[]> l2Cache;
    private final int l2CacheMax;
    private final boolean extL2;
    private final int l2n;
    private final int subSize;

    private Qcow2Image(Path path, FileChannel ch, long fileSize, int version, int clusterBits, long capacity, long[] l1, long l1Offset,
            long rtOffset, int rtClusters, int refcountOrder, int nbSnapshots, long incompatible, String backingName,
            String backingFormat, DiskImage backing) {
        this.path = path;
        this.ch = ch;
        this.fileSize = fileSize;
        this.version = version;
        this.clusterBits = clusterBits;
        this.clusterSize = 1 << clusterBits;
        this.capacity = capacity;
        this.l1 = l1;
        this.l1Offset = l1Offset;
        this.rtOffset = rtOffset;
        this.rtClusters = rtClusters;
        this.refcountOrder = refcountOrder;
        this.nbSnapshots = nbSnapshots;
        this.incompatible = incompatible;
        this.backingName = backingName;
        this.backingFormat = backingFormat;
        this.backing = backing;
        this.l2CacheMax = (int) Math.max(16, L2_CACHE_BYTES / clusterSize);
        this.extL2 = (incompatible & 16) != 0;
        this.l2n = clusterSize / (extL2 ? 16 : 8);
        this.subSize = extL2 ? clusterSize / 32 : clusterSize;
        this.l2Cache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, long[]> e) {
                return size() > l2CacheMax;
            }
        };
    }

    /** Whether the first bytes carry the QCOW2 magic {@code QFI\xFB}. */
    public static boolean looksLikeQcow2(byte[] head, int n) {
        return n >= 4 && ByteBuffer.wrap(head).getInt(0) == MAGIC;
    }

    /**
     * Opens a QCOW2 image and its backing chain.
     *
     * @throws DiskFormatException when the header or tables are invalid or use an unsupported feature
     */
    public static Qcow2Image open(Path path) throws IOException {
        int depth = DEPTH.get();
        if (depth >= MAX_CHAIN) {
            throw new DiskFormatException(path, -1, "the backing chain is deeper than " + MAX_CHAIN + " images (or loops)");
        }
        DEPTH.set(depth + 1);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        } finally {
            DEPTH.set(depth);
        }
    }

    private static Qcow2Image open(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 72) {
            throw new DiskFormatException(path, 0, "a QCOW2 header needs at least 72 bytes; the file has " + size);
        }
        ByteBuffer h = ByteBuffer.wrap(PositionalReads.readAt(path, ch, 0, (int) Math.min(size, 4096)));
        if (h.getInt(0) != MAGIC) {
            throw new DiskFormatException(path, 0, String.format("magic 0x%08x is not the QCOW2 magic 0x514649fb (QFI\\xfb)", h.getInt(0)));
        }
        int version = h.getInt(4);
        if (version != 2 && version != 3) {
            throw new DiskFormatException(path, 4, "QCOW2 version " + Integer.toUnsignedString(version) + " is not supported; expected 2 or 3");
        }
        long backingOff = h.getLong(8);
        int backingLen = h.getInt(16);
        int clusterBits = h.getInt(20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw new DiskFormatException(path, 20, "cluster_bits " + Integer.toUnsignedString(clusterBits)
                    + " is outside 9..21 (512 bytes to 2 MiB clusters)");
        }
        int cs = 1 << clusterBits;
        long cap = h.getLong(24);
        if (cap < 0 || cap > (1L << 62)) {
            throw new DiskFormatException(path, 24, "virtual size " + Long.toUnsignedString(cap) + " is out of range");
        }
        int crypt = h.getInt(32);
        if (crypt != 0) {
            throw new DiskFormatException(path, 32, "the image is encrypted (crypt_method " + Integer.toUnsignedString(crypt)
                    + (crypt == 1 ? ", AES" : crypt == 2 ? ", LUKS" : "") + "); encrypted QCOW2 is not supported");
        }
        long l1Size = Integer.toUnsignedLong(h.getInt(36));
        long l1Off = h.getLong(40);
        long rtOff = h.getLong(48);
        int rtClusters = h.getInt(56);
        int nbSnap = h.getInt(60);
        long incompat = 0;
        int refOrder = 4;
        int headerLen = 72;
        int compression = 0;
        if (version == 3) {
            if (size < 104) {
                throw new DiskFormatException(path, 72, "a QCOW2 v3 header needs 104 bytes; the file has " + size);
            }
            incompat = h.getLong(72);
            refOrder = h.getInt(96);
            headerLen = h.getInt(100);
            if (headerLen < 104 || headerLen % 8 != 0 || headerLen > cs || headerLen > h.capacity()) {
                throw new DiskFormatException(path, 100, "header_length " + Integer.toUnsignedString(headerLen)
                        + " is not a multiple of 8 from 104 to the cluster size");
            }
            if ((incompat & ~INCOMPAT_KNOWN) != 0) {
                throw new DiskFormatException(path, 72, String.format("unknown incompatible feature bits 0x%x", incompat & ~INCOMPAT_KNOWN));
            }
            if ((incompat & 4) != 0) {
                throw new DiskFormatException(path, 72, "the image keeps its data in an external data file, which is not supported");
            }
            if ((incompat & 16) != 0 && clusterBits < 14) {
                throw new DiskFormatException(path, 20, "extended L2 entries need clusters of at least 16 KiB; cluster_bits is "
                        + clusterBits);
            }
            if ((incompat & 8) != 0) {
                if (headerLen < 105) {
                    throw new DiskFormatException(path, 100, "the compression-type feature bit is set but the header ("
                            + headerLen + " bytes) has no compression_type field");
                }
                compression = h.get(104) & 0xFF;
            }
            if (compression != 0 && compression != 1) {
                throw new DiskFormatException(path, 104, "compression_type " + compression + " is unknown; expected 0 (zlib) or 1 (zstd)");
            }
            if (refOrder < 0 || refOrder > 6) {
                throw new DiskFormatException(path, 96, "refcount_order " + Integer.toUnsignedString(refOrder) + " is outside 0..6");
            }
        }
        long clusters = cap == 0 ? 0 : (cap - 1) / cs + 1;
        long l2Entries = cs / ((incompat & 16) != 0 ? 16 : 8);
        long l1Needed = clusters == 0 ? 0 : (clusters - 1) / l2Entries + 1;
        if (l1Size * 8 > MAX_L1_BYTES) {
            throw new DiskFormatException(path, 36, "l1_size " + l1Size + " makes an L1 table larger than 32 MiB");
        }
        if (l1Size < l1Needed) {
            throw new DiskFormatException(path, 36, "l1_size " + l1Size + " cannot map the virtual size " + cap + " (needs " + l1Needed + ")");
        }
        if (l1Size > 0 && (l1Off % cs != 0 || l1Off <= 0 || l1Off > size - l1Size * 8)) {
            throw new DiskFormatException(path, 40, "L1 table offset " + Long.toUnsignedString(l1Off) + " (" + l1Size
                    + " entries) is not cluster-aligned or lies beyond the end of the file (" + size + " bytes)");
        }
        // Extensions.
        String backingFormat = null;
        long ext = headerLen;
        long extEnd = backingOff > 0 && backingOff < cs ? backingOff : cs;
        ByteBuffer c0 = ByteBuffer.wrap(PositionalReads.readAt(path, ch, 0, (int) Math.min(size, cs)));
        while (ext + 8 <= Math.min(extEnd, c0.capacity())) {
            int type = c0.getInt((int) ext);
            long len = Integer.toUnsignedLong(c0.getInt((int) ext + 4));
            if (type == 0) {
                break;
            }
            if (ext + 8 + len > c0.capacity()) {
                throw new DiskFormatException(path, ext, "header extension of type 0x" + Integer.toHexString(type) + " and length " + len
                        + " runs past the first cluster");
            }
            if (type == 0xE2792ACA) {
                backingFormat = new String(c0.array(), (int) ext + 8, (int) len, StandardCharsets.UTF_8);
            } else if (type == 0x0537BE77) {
                throw new DiskFormatException(path, ext, "the image has a full-disk-encryption header; encrypted QCOW2 is not supported");
            }
            ext += 8 + (len + 7) / 8 * 8;
        }
        String backingName = null;
        DiskImage backing = null;
        if (backingOff != 0) {
            if (backingLen <= 0 || backingLen > 1023 || backingOff < 0 || backingOff > size - backingLen) {
                throw new DiskFormatException(path, 8, "backing file name (" + Integer.toUnsignedString(backingLen) + " bytes at "
                        + Long.toUnsignedString(backingOff) + ") is longer than 1023 bytes or lies beyond the end of the file");
            }
            backingName = new String(PositionalReads.readAt(path, ch, backingOff, backingLen), StandardCharsets.UTF_8);
        }
        long[] l1 = new long[(int) l1Size];
        if (l1Size > 0) {
            ByteBuffer t = ByteBuffer.allocate((int) l1Size * 8);
            PositionalReads.readFully(path, ch, t, l1Off);
            t.flip().asLongBuffer().get(l1);
        }
        for (int i = 0; i < l1.length; i++) {
            long o = l1[i] & OFFSET_MASK;
            if (o != 0 && (o % cs != 0 || o > size - cs)) {
                throw new DiskFormatException(path, l1Off + 8L * i, "L1 entry " + i + " points at L2 table offset " + o
                        + ", which is not cluster-aligned or lies beyond the end of the file (" + size + " bytes)");
            }
        }
        if (backingName != null) {
            backing = openBacking(path, backingName, backingFormat);
        }
        Qcow2Image image = new Qcow2Image(path, ch, size, version, clusterBits, cap, l1, l1Off, rtOff, rtClusters, refOrder, nbSnap,
                incompat, backingName, backingFormat, backing);
        image.compression = compression;
        return image;
    }

    private static DiskImage openBacking(Path path, String name, String fmt) throws IOException {
        Path dir = path.toAbsolutePath().normalize().getParent();
        Path p;
        try {
            p = dir.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new DiskFormatException(path, -1, "backing file name \"" + name + "\" is not a valid path", e);
        }
        if (Path.of(name).isAbsolute() && !p.startsWith(dir) || !p.startsWith(dir) || p.equals(dir)) {
            throw new DiskFormatException(path, -1, "backing file \"" + name + "\" lies outside the image's folder " + dir
                    + "; only backing files beside the image (or below it) are opened");
        }
        if (!Files.isRegularFile(p)) {
            throw new DiskFormatException(path, -1, "backing file \"" + name + "\" is missing (looked for " + p + ")");
        }
        if ("raw".equals(fmt)) {
            return RawImage.open(p);
        }
        if ("qcow2".equals(fmt)) {
            return open(p);
        }
        return DiskImages.open(p); // a QCOW2 found there comes back through open(Path), which counts the depth
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.QCOW2;
    }

    @Override
    public String subformat() {
        return version == 2 ? "compat=0.10" : "compat=1.1";
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long actualSize() throws IOException {
        // This file only, like qemu-img's "disk size": the backing file is an image of its own (parent()).
        return Files.size(path);
    }

    @Override
    public Optional<DiskImage> parent() {
        return Optional.ofNullable(backing);
    }

    /** The L2 table of L1 index {@code i}, or null when the L1 entry is empty. */
    private long[] l2(int i) throws IOException {
        long off = l1[i] & OFFSET_MASK;
        if (off == 0) {
            return null;
        }
        synchronized (l2Cache) {
            long[] t = l2Cache.get(off);
            if (t != null) {
                return t;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(clusterSize);
        PositionalReads.readFully(path, ch, b, off);
        long[] t = new long[clusterSize / 8];
        b.flip().asLongBuffer().get(t);
        synchronized (l2Cache) {
            l2Cache.put(off, t);
        }
        return t;
    }

    /** The L2 entry of guest cluster {@code c}, 0 when unallocated. */
    private long entry(long c) throws IOException {
        long[] t = l2((int) (c / l2n));
        return t == null ? 0 : t[(int) (c % l2n) * (extL2 ? 2 : 1)];
    }

    /** The subcluster bitmap of guest cluster {@code c} (extended L2 only). */
    private long bitmap(long c) throws IOException {
        long[] t = l2((int) (c / l2n));
        return t == null ? 0 : t[(int) (c % l2n) * 2 + 1];
    }

    /** What subcluster {@code sc} of a cluster with entry {@code e} and bitmap {@code bm} holds (extended L2). */
    private static Extent.Kind subKind(long e, long bm, int sc) {
        if ((e & COMPRESSED) != 0) {
            return Extent.Kind.DATA;
        }
        if (((bm >>> (32 + sc)) & 1) != 0) {
            return Extent.Kind.ZERO;
        }
        return ((bm >>> sc) & 1) != 0 ? Extent.Kind.DATA : Extent.Kind.UNALLOCATED;
    }

    private long l2EntryOffset(long c) {
        return (l1[(int) (c / l2n)] & OFFSET_MASK) + (extL2 ? 16 : 8) * (c % l2n);
    }

    private Extent.Kind kind(long e) {
        if ((e & COMPRESSED) != 0) {
            return Extent.Kind.DATA;
        }
        if (version == 3 && (e & 1) != 0) {
            return Extent.Kind.ZERO;
        }
        return (e & OFFSET_MASK) == 0 ? Extent.Kind.UNALLOCATED : Extent.Kind.DATA;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        int len = dst.remaining();
        if (offset < 0 || offset > capacity - len) {
            throw new IllegalArgumentException(path + ": read of " + len + " bytes at " + offset + " is outside the disk (" + capacity
                    + " bytes)");
        }
        long pos = offset;
        byte[] cluster = null;
        while (dst.hasRemaining()) {
            long c = pos >>> clusterBits;
            int in = (int) (pos & (clusterSize - 1));
            long e = entry(c);
            Extent.Kind k;
            int n;
            if (extL2 && (e & COMPRESSED) == 0) {
                k = subKind(e, bitmap(c), in / subSize);
                n = (int) Math.min(dst.remaining(), subSize - in % subSize);
            } else {
                k = kind(e);
                n = (int) Math.min(dst.remaining(), clusterSize - in);
            }
            ByteBuffer part = dst.slice(dst.position(), n);
            if ((e & COMPRESSED) != 0) {
                if (cluster == null) {
                    cluster = new byte[clusterSize];
                }
                inflate(c, e, cluster);
                part.put(cluster, in, n);
            } else if (k == Extent.Kind.DATA) {
                long host = (e & OFFSET_MASK);
                if (host == 0 || host % clusterSize != 0 || host >= fileSize) {
                    throw new DiskFormatException(path, l2EntryOffset(c), "L2 entry of guest cluster " + c + " points at host offset " + host
                            + ", which is not cluster-aligned or lies beyond the end of the file (" + fileSize + " bytes)");
                }
                long p = host + in;
                while (part.hasRemaining()) {
                    int r = ch.read(part, p);
                    if (r < 0) {
                        PositionalReads.zero(part); // the file ends inside its last cluster: the rest reads as zeros, as in qemu
                        break;
                    }
                    p += r;
                }
            } else if (k == Extent.Kind.UNALLOCATED) {
                PositionalReads.readParentOrZero(backing, pos, part);
            } else {
                PositionalReads.zero(part);
            }
            dst.position(dst.position() + n);
            pos += n;
        }
    }

    private void inflate(long c, long e, byte[] out) throws IOException {
        int x = 62 - (clusterBits - 8);
        long off = e & ((1L << x) - 1);
        long add = (e & ~(COMPRESSED | COPIED)) >>> x;
        long span = (add + 1) * 512 - (off & 511);
        long where = l2EntryOffset(c);
        if (off >= fileSize || span <= 0 || span > 2L * clusterSize + 512) {
            throw new DiskFormatException(path, where, "compressed cluster descriptor of guest cluster " + c + " (host offset " + off
                    + ", " + span + " bytes) lies beyond the end of the file (" + fileSize + " bytes) or is too long");
        }
        int n = (int) Math.min(span, fileSize - off);
        byte[] in = PositionalReads.readAt(path, ch, off, n);
        if (compression == 1) {
            unzstd(c, off, where, in, out);
            return;
        }
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(in);
            int got = 0;
            while (got < out.length) {
                int r = inf.inflate(out, got, out.length - got);
                got += r;
                if (r == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
            }
            if (got != out.length) {
                throw new DiskFormatException(path, off, "compressed cluster for guest cluster " + c + " inflates to " + got
                        + " bytes instead of " + out.length + " (L2 entry at " + where + ")");
            }
        } catch (DataFormatException ex) {
            throw new DiskFormatException(path, off, "compressed cluster for guest cluster " + c + " is not valid deflate data (L2 entry at "
                    + where + "): " + ex.getMessage(), ex);
        } finally {
            inf.end();
        }
    }

    /**
     * A zstd-compressed cluster: one zstd frame (qemu pads it to a sector), decoded by streaming
     * until the cluster is full. The decoder sees the frame only ({@link #zstdFrameLength}): given the
     * bytes after it, aircompressor reads them as the next frame's magic number as soon as the frame
     * ends, and the zeros that pad the last compressed cluster of a file made it fail.
     */
    private void unzstd(long c, long off, long where, byte[] in, byte[] out) {
        int frame = zstdFrameLength(in);
        if (frame < 0) {
            throw new DiskFormatException(path, off, "compressed cluster for guest cluster " + c + " is not valid zstd data (L2 entry at "
                    + where + "): not one whole zstd frame within its " + in.length + " bytes");
        }
        try (java.io.InputStream z = new io.airlift.compress.zstd.ZstdInputStream(new java.io.ByteArrayInputStream(in, 0, frame))) {
            int got = z.readNBytes(out, 0, out.length);
            if (got != out.length) {
                throw new DiskFormatException(path, off, "zstd-compressed cluster for guest cluster " + c + " decodes to " + got
                        + " bytes instead of " + out.length + " (L2 entry at " + where + ")");
            }
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof DiskFormatException d) {
                throw d;
            }
            throw new DiskFormatException(path, off, "compressed cluster for guest cluster " + c + " is not valid zstd data (L2 entry at "
                    + where + "): " + ex.getMessage(), ex);
        }
    }

    /**
     * The length of the zstd frame at the start of {@code in} (RFC 8878 §3.1.1: header, blocks up to
     * the last, optional checksum), or -1 when {@code in} does not start with a whole one.
     */
    static int zstdFrameLength(byte[] in) {
        if (in.length < 6 || (in[0] & 0xFF) != 0x28 || (in[1] & 0xFF) != 0xB5 || (in[2] & 0xFF) != 0x2F || (in[3] & 0xFF) != 0xFD) {
            return -1;
        }
        int fhd = in[4] & 0xFF;
        int fcsFlag = fhd >>> 6;
        boolean singleSegment = (fhd & 0x20) != 0;
        int at = 5 + (singleSegment ? 0 : 1) + new int[] {0, 1, 2, 4}[fhd & 3]
                + (fcsFlag == 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag);
        while (true) {
            if (at + 3 > in.length) {
                return -1;
            }
            int h = (in[at] & 0xFF) | (in[at + 1] & 0xFF) << 8 | (in[at + 2] & 0xFF) << 16;
            int type = (h >>> 1) & 3;
            if (type == 3) {
                return -1;
            }
            at += 3 + (type == 1 ? 1 : h >>> 3);
            if (at > in.length) {
                return -1;
            }
            if ((h & 1) != 0) {
                break;
            }
        }
        at += (fhd & 4) != 0 ? 4 : 0;
        return at <= in.length ? at : -1;
    }

    @Override
    public List<Extent> extents(long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        List<Extent> out = new ArrayList<>();
        long end = offset >= capacity ? offset : offset + Math.min(length, capacity - offset);
        long pos = offset;
        long l2Span = (long) l2n * clusterSize;
        while (pos < end) {
            long c = pos >>> clusterBits;
            long runEnd;
            Extent.Kind k;
            if ((l1[(int) (pos / l2Span)] & OFFSET_MASK) == 0) {
                runEnd = Math.min(end, (pos / l2Span + 1) * l2Span);
                k = Extent.Kind.UNALLOCATED;
            } else if (extL2 && (entry(c) & COMPRESSED) == 0) {
                int sc = (int) ((pos & (clusterSize - 1)) / subSize);
                runEnd = Math.min(end, (c << clusterBits) + (long) (sc + 1) * subSize);
                k = subKind(entry(c), bitmap(c), sc);
            } else {
                runEnd = Math.min(end, (c + 1) << clusterBits);
                k = kind(entry(c));
            }
            PositionalReads.appendOverParent(out, pos, runEnd, k, backing);
            pos = runEnd;
        }
        return out;
    }

    /**
     * Format facts, keys in this order: {@code compat} ({@code 0.10} or {@code 1.1}), {@code version},
     * {@code clusterSize}, {@code compressionType} ({@code zlib}), {@code refcountBits},
     * {@code l1Size}, {@code snapshots}, {@code incompatibleFeatures}, {@code extendedL2}, {@code backingFile} and
     * {@code backingFormat} (null when absent).
     */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compat", version == 2 ? "0.10" : "1.1");
        m.put("version", (long) version);
        m.put("clusterSize", (long) clusterSize);
        m.put("compressionType", compression == 1 ? "zstd" : "zlib");
        m.put("refcountBits", 1L << refcountOrder);
        m.put("l1Size", (long) l1.length);
        m.put("snapshots", (long) nbSnapshots);
        m.put("incompatibleFeatures", incompatible);
        m.put("extendedL2", extL2);
        m.put("backingFile", backingName);
        m.put("backingFormat", backingFormat);
        return m;
    }

    /**
     * Refcount consistency like {@code qemu-img check}: the counts this file's structures imply
     * (header, refcount table and blocks, L1, L2 tables, standard and compressed clusters) against the
     * stored refcounts. A higher stored count is a leak, a lower one a corruption. Images with internal
     * snapshots are only checked for references outside the file (their snapshot tables are not walked).
     */
    @Override
    public CheckResult check() throws IOException {
        List<String> corruptions = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        long hostClusters = (fileSize + clusterSize - 1) / clusterSize;
        if (hostClusters > (256L << 20)) {
            throw new DiskFormatException(path, -1, "the file has too many clusters (" + hostClusters + ") to check in memory");
        }
        int[] want = new int[(int) hostClusters];
        java.util.function.LongConsumer ref = o -> {
            long i = o / clusterSize;
            if (i < want.length) {
                want[(int) i]++;
            } else {
                corruptions.add(path + ": cluster at " + o + " is referenced but lies beyond the end of the file");
            }
        };
        ref.accept(0);
        // refcount_table_clusters is unsigned: a value over 2^31 read as a negative int (found by fuzzing).
        if (rtClusters <= 0 || (long) rtClusters * clusterSize > MAX_RT_BYTES || rtOffset % clusterSize != 0 || rtOffset <= 0
                || rtOffset > fileSize - (long) rtClusters * clusterSize) {
            corruptions.add(path + ": at offset 48: refcount table (" + rtClusters + " clusters at " + rtOffset
                    + ") is misaligned, larger than 8 MiB or beyond the end of the file");
            return new CheckResult(corruptions, leaks);
        }
        for (int i = 0; i < rtClusters; i++) {
            ref.accept(rtOffset + (long) i * clusterSize);
        }
        long[] rt = new long[rtClusters * clusterSize / 8];
        ByteBuffer rb = ByteBuffer.allocate(rtClusters * clusterSize);
        PositionalReads.readFully(path, ch, rb, rtOffset);
        rb.flip().asLongBuffer().get(rt);
        for (int i = 0; i < rt.length; i++) {
            long o = rt[i] & OFFSET_MASK;
            if (o != 0) {
                if (o % clusterSize != 0 || o > fileSize - clusterSize) {
                    corruptions.add(path + ": at offset " + (rtOffset + 8L * i) + ": refcount block " + i + " at " + o
                            + " is misaligned or beyond the end of the file");
                    rt[i] = 0;
                } else {
                    ref.accept(o);
                }
            }
        }
        for (long o = 0; o < (long) l1.length * 8; o += clusterSize) {
            ref.accept(l1Offset + o);
        }
        int x = 62 - (clusterBits - 8);
        int step = extL2 ? 2 : 1;
        for (int i = 0; i < l1.length; i++) {
            long[] t = l2(i);
            if (t == null) {
                continue;
            }
            ref.accept(l1[i] & OFFSET_MASK);
            for (int j = 0; j < l2n; j++) {
                long e = t[j * step];
                long at = (l1[i] & OFFSET_MASK) + 8L * step * j;
                if ((e & COMPRESSED) != 0) {
                    long off = e & ((1L << x) - 1);
                    long add = (e & ~(COMPRESSED | COPIED)) >>> x;
                    long last = ((off >> 9) + add) << 9;
                    if (last >= fileSize + 511) {
                        corruptions.add(path + ": at offset " + at + ": compressed cluster at " + off + " runs beyond the end of the file");
                        continue;
                    }
                    for (long hc = off / clusterSize; hc <= Math.min(last, fileSize - 1) / clusterSize; hc++) {
                        ref.accept(hc * clusterSize);
                    }
                } else if ((e & OFFSET_MASK) != 0) {
                    long o = e & OFFSET_MASK;
                    if (o % clusterSize != 0 || o >= fileSize) {
                        corruptions.add(path + ": at offset " + at + ": L2 entry " + ((long) i * l2n + j) + " points at " + o
                                + ", misaligned or beyond the end of the file");
                    } else {
                        ref.accept(o);
                    }
                }
            }
        }
        if (nbSnapshots > 0) {
            return new CheckResult(corruptions, leaks);
        }
        int bits = 1 << refcountOrder;
        long perBlock = (long) clusterSize * 8 / bits;
        long[] blockCache = null;
        long cachedBlock = -1;
        byte[] block = new byte[clusterSize];
        for (long hc = 0; hc < hostClusters; hc++) {
            long bi = hc / perBlock;
            long have = 0;
            if (bi < rt.length && (rt[(int) bi] & OFFSET_MASK) != 0) {
                if (bi != cachedBlock) {
                    ByteBuffer bb = ByteBuffer.wrap(block);
                    PositionalReads.readFully(path, ch, bb, rt[(int) bi] & OFFSET_MASK);
                    cachedBlock = bi;
                }
                have = refcount(block, (int) (hc % perBlock), bits);
            }
            int w = want[(int) hc];
            if (have < w) {
                corruptions.add(path + ": host cluster at " + hc * clusterSize + ": refcount " + have + " but " + w + " references");
            } else if (have > w) {
                leaks.add(path + ": host cluster at " + hc * clusterSize + ": refcount " + have + " but " + w + " references (leaked)");
            }
            if (corruptions.size() + leaks.size() > 1000) {
                break;
            }
        }
        return new CheckResult(corruptions, leaks);
    }

    static long refcount(byte[] block, int i, int bits) {
        if (bits >= 8) {
            int bytes = bits / 8;
            long v = 0;
            for (int k = 0; k < bytes; k++) {
                v = (v << 8) | (block[i * bytes + k] & 0xFF);
            }
            return v;
        }
        long bit = (long) i * bits;
        return ((block[(int) (bit / 8)] & 0xFF) >>> (bit % 8)) & ((1 << bits) - 1);
    }

    @Override
    public void close() throws IOException {
        try {
            ch.close();
        } finally {
            if (backing != null) {
                backing.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Qcow2Image[" + path + ", " + subformat() + ", " + capacity + " bytes]";
    }
}
