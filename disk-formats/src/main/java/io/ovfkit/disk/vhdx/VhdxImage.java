package io.ovfkit.disk.vhdx;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.PositionalReads;
import io.ovfkit.disk.RunMap.Run;
import io.ovfkit.disk.RunMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Microsoft VHDX (disk-formats.md §4, MS-VHDX 1.0): dynamic, fixed or differencing
 * ({@code .avhdx}, Hyper-V checkpoints).
 *
 * <p>Opening validates, in this order: the file identifier {@code vhdxfile} at 0; both headers at
 * 64 and 128 KiB (signature {@code head}, CRC-32C over 4 KiB with the checksum zeroed, version 1),
 * taking the valid one with the larger sequence number (equal numbers only when both headers are
 * identical); when its log GUID is not zero, the log is replayed <em>in memory</em> ({@link VhdxLog}):
 * every later read of the file's structures and data goes through the replayed writes, and the
 * input file is never written; the region tables at 192 and 256 KiB (signature {@code regi},
 * CRC-32C over 64 KiB, at most {@value Vhdx#MAX_ENTRIES} entries; the first valid one is used; an
 * unknown region marked required is refused); the metadata table (at most 2047 entries, items at
 * region offset ≥ 64 KiB, ≤ 1 MiB, inside the region; an unknown required item is refused) and its
 * items: file parameters (block size a power of 2 from 1 to 256 MiB, leave-blocks-allocated,
 * has-parent), virtual disk size (a positive multiple of the logical sector, ≤ 64 TiB), page 83
 * id, logical and physical sector size (512 or 4096); then the BAT, whose every allocated entry
 * must lie inside the file.
 *
 * <p>BAT states: FULLY_PRESENT reads the block; ZERO and UNMAPPED read zeros (map kind ZERO);
 * NOT_PRESENT and UNDEFINED read zeros, or the parent's bytes in a differencing disk (UNALLOCATED);
 * PARTIALLY_PRESENT (differencing only) reads, per sector, the block where the chunk's sector
 * bitmap has the bit set (least significant bit first) and the parent elsewhere.
 *
 * <p>The parent of a differencing disk is found beside the child, under the last path component
 * of the locator's {@code relative_path}, then {@code absolute_win32_path}, then
 * {@code volume_path}; failing that, among the {@code .vhdx}/{@code .avhdx} files in the same
 * folder whose data write GUID equals {@code parent_linkage}. The parent's data write GUID must
 * equal {@code parent_linkage} (or {@code parent_linkage2}). Chains are at most
 * {@value #MAX_CHAIN} deep and may not loop.
 *
 * <p>Thread-safe for concurrent {@link #read} and {@link #extents} calls from several threads, as
 * {@link io.ovfkit.disk.DiskImage} requires: the tables read at open are not changed afterwards and
 * sector bitmaps are cached in a concurrent map; close it once no call is running.
 */
public final class VhdxImage implements DiskImage {
    /** Most images in a parent chain, this one included. */
    public static final int MAX_CHAIN = 32;
    /** Largest virtual size (the specification's 64 TiB). */
    static final long MAX_SIZE = 64L << 40;
    private static final int MAX_SCAN = 4096;
    /** Most BAT entries accepted (128 MiB of table: 16 TiB with 1 MiB blocks, 64 TiB from 4 MiB blocks). */
    static final long MAX_BAT_ENTRIES = 16L << 20;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final long effectiveSize;
    private final long capacity;
    private final int blockSize;
    private final int logicalSector;
    private final int physicalSector;
    private final boolean leaveAllocated;
    private final boolean hasParent;
    private final long chunkRatio;
    private final long batOffset;
    private final long[] bat;
    private final UUID page83;
    private final UUID dataWriteGuid;
    private final UUID logGuid;
    private final long headerSequence;
    private final String creator;
    private final List<VhdxLog.Write> overlay;
    private final long overlayMin;
    private final long overlayMax;
    private final long logEntries;
    private final Map<String, String> locator;
    private final VhdxImage parent;
    private final Map<Long, byte[]> bitmaps = new ConcurrentHashMap<>();

    private VhdxImage(Builder b) {
        this.path = b.path;
        this.channel = b.ch;
        this.fileSize = b.fileSize;
        this.effectiveSize = b.effectiveSize;
        this.capacity = b.capacity;
        this.blockSize = b.blockSize;
        this.logicalSector = b.logicalSector;
        this.physicalSector = b.physicalSector;
        this.leaveAllocated = b.leaveAllocated;
        this.hasParent = b.hasParent;
        this.chunkRatio = b.chunkRatio;
        this.batOffset = b.batOffset;
        this.bat = b.bat;
        this.page83 = b.page83;
        this.dataWriteGuid = b.dataWriteGuid;
        this.logGuid = b.logGuid;
        this.headerSequence = b.headerSequence;
        this.creator = b.creator;
        this.overlay = b.overlay;
        this.overlayMin = b.overlayMin;
        this.overlayMax = b.overlayMax;
        this.logEntries = b.logEntries;
        this.locator = b.locator;
        this.parent = b.parent;
    }

    /** The state gathered while opening. */
    private static final class Builder {
        Path path;
        FileChannel ch;
        long fileSize;
        long effectiveSize;
        long capacity;
        int blockSize;
        int logicalSector;
        int physicalSector;
        boolean leaveAllocated;
        boolean hasParent;
        long chunkRatio;
        long batOffset;
        long[] bat;
        UUID page83;
        UUID dataWriteGuid;
        UUID logGuid;
        long headerSequence;
        String creator;
        List<VhdxLog.Write> overlay = List.of();
        long overlayMin = Long.MAX_VALUE;
        long overlayMax = Long.MIN_VALUE;
        long logEntries;
        Map<String, String> locator = Map.of();
        VhdxImage parent;

        /** Reads file bytes through the replayed log; past the end of the file, zeros. */
        void read(long at, ByteBuffer dst) throws IOException {
            readThrough(path, ch, fileSize, overlay, overlayMin, overlayMax, at, dst);
        }

        byte[] readAt(long at, int len) throws IOException {
            if (at < 0 || at + len > effectiveSize) {
                throw new DiskFormatException(path, at, "the file ends (" + effectiveSize + " bytes) inside a structure of "
                        + len + " bytes that starts here");
            }
            ByteBuffer b = ByteBuffer.allocate(len);
            read(at, b);
            return b.array();
        }
    }

    /** Whether the first bytes of a file are a VHDX file identifier. */
    public static boolean looksLikeVhdx(byte[] head, int n) {
        return n >= 8 && Vhdx.sig(head, 0, "vhdxfile");
    }

    /**
     * Opens a VHDX and, for a differencing disk, its parents.
     *
     * @throws DiskFormatException when the file is not a valid VHDX or its parent chain is broken
     */
    public static VhdxImage open(Path path) throws IOException {
        return open(path, new LinkedHashSet<>());
    }

    private static VhdxImage open(Path path, Set<Path> chain) throws IOException {
        Path real = path.toAbsolutePath().normalize();
        if (!chain.add(real)) {
            throw new DiskFormatException(path, -1, "the parent chain loops back to this file: " + chain);
        }
        if (chain.size() > MAX_CHAIN) {
            throw new DiskFormatException(path, -1, "the parent chain is deeper than " + MAX_CHAIN + " images");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            Builder b = new Builder();
            b.path = path;
            b.ch = ch;
            b.fileSize = ch.size();
            b.effectiveSize = b.fileSize;
            parse(b, chain);
            return new VhdxImage(b);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void parse(Builder b, Set<Path> chain) throws IOException {
        Path path = b.path;
        if (b.fileSize < Vhdx.MIB) {
            throw new DiskFormatException(path, 0, "a VHDX is at least 1 MiB (identifier, headers, region tables); the file has "
                    + b.fileSize + " bytes");
        }
        byte[] id = b.readAt(0, 520);
        if (!Vhdx.sig(id, 0, "vhdxfile")) {
            throw new DiskFormatException(path, 0, "no VHDX file identifier: expected the signature \"vhdxfile\"");
        }
        String cr = new String(id, 8, 512, StandardCharsets.UTF_16LE);
        int z = cr.indexOf('\0');
        b.creator = (z >= 0 ? cr.substring(0, z) : cr).trim();

        // Headers.
        byte[] h1 = b.readAt(Vhdx.HEADER1, Vhdx.HEADER_SIZE);
        byte[] h2 = b.readAt(Vhdx.HEADER2, Vhdx.HEADER_SIZE);
        String why1 = headerProblem(h1);
        String why2 = headerProblem(h2);
        byte[] h;
        long hOff;
        if (why1 != null && why2 != null) {
            throw new DiskFormatException(path, Vhdx.HEADER1, "neither header is valid: header 1 (offset " + Vhdx.HEADER1 + "): "
                    + why1 + "; header 2 (offset " + Vhdx.HEADER2 + "): " + why2);
        } else if (why1 != null) {
            h = h2;
            hOff = Vhdx.HEADER2;
        } else if (why2 != null) {
            h = h1;
            hOff = Vhdx.HEADER1;
        } else {
            long s1 = Vhdx.le(h1).getLong(8);
            long s2 = Vhdx.le(h2).getLong(8);
            if (s1 == s2 && !Arrays.equals(h1, h2)) {
                throw new DiskFormatException(path, Vhdx.HEADER2 + 8, "both headers have the sequence number "
                        + Long.toUnsignedString(s1) + " but differ: cannot tell which is current");
            }
            boolean second = Long.compareUnsigned(s2, s1) > 0;
            h = second ? h2 : h1;
            hOff = second ? Vhdx.HEADER2 : Vhdx.HEADER1;
        }
        ByteBuffer hb = Vhdx.le(h);
        b.headerSequence = hb.getLong(8);
        b.dataWriteGuid = Vhdx.guid(h, 32);
        b.logGuid = Vhdx.guid(h, 48);
        long logLength = Integer.toUnsignedLong(hb.getInt(68));
        long logOffset = hb.getLong(72);

        // A dirty log: replay it in memory.
        if (!b.logGuid.equals(new UUID(0, 0))) {
            if (logLength == 0 || logLength % Vhdx.MIB != 0 || logOffset < Vhdx.MIB || logOffset % Vhdx.MIB != 0
                    || logLength > VhdxLog.MAX_LOG || logOffset + logLength > b.fileSize) {
                throw new DiskFormatException(path, hOff + 68, "the log of " + logLength + " bytes at " + logOffset
                        + " must be whole MiB inside the file (and at most " + VhdxLog.MAX_LOG + " bytes to be replayed)");
            }
            byte[] log = b.readAt(logOffset, (int) logLength);
            VhdxLog.Replay r = VhdxLog.replay(path, log, logOffset, b.logGuid);
            b.overlay = r.writes();
            b.logEntries = r.entries();
            for (VhdxLog.Write w : r.writes()) {
                b.overlayMin = Math.min(b.overlayMin, w.fileOffset());
                b.overlayMax = Math.max(b.overlayMax, w.fileOffset() + w.length());
            }
            b.effectiveSize = Math.max(b.fileSize, Math.max(r.lastFileOffset(), b.overlayMax));
        }

        // Region tables.
        byte[] rt = null;
        long rtOff = -1;
        String rtWhy = null;
        for (long at : new long[] {Vhdx.REGION1, Vhdx.REGION2}) {
            byte[] t = b.readAt(at, Vhdx.REGION_SIZE);
            String why = regionProblem(t);
            if (why == null) {
                rt = t;
                rtOff = at;
                break;
            }
            if (rtWhy == null) {
                rtWhy = why;
            }
        }
        if (rt == null) {
            throw new DiskFormatException(path, Vhdx.REGION1, "neither region table (at 192 and 256 KiB) is valid: " + rtWhy);
        }
        ByteBuffer rb = Vhdx.le(rt);
        int regions = rb.getInt(8);
        long batOff = -1;
        long batLen = 0;
        long mdOff = -1;
        long mdLen = 0;
        for (int i = 0; i < regions; i++) {
            int e = 16 + 32 * i;
            UUID g = Vhdx.guid(rt, e);
            long off = rb.getLong(e + 16);
            long len = Integer.toUnsignedLong(rb.getInt(e + 24));
            boolean required = (rb.getInt(e + 28) & 1) != 0;
            if (g.equals(Vhdx.BAT) || g.equals(Vhdx.METADATA)) {
                if (off < Vhdx.MIB || off % Vhdx.MIB != 0 || len == 0 || len % Vhdx.MIB != 0 || off + len > b.effectiveSize) {
                    throw new DiskFormatException(path, rtOff + e + 16, "region " + g + " of " + len + " bytes at " + off
                            + " must be whole MiB, from 1 MiB on, inside the file (" + b.effectiveSize + " bytes)");
                }
                if (g.equals(Vhdx.BAT)) {
                    batOff = off;
                    batLen = len;
                } else {
                    mdOff = off;
                    mdLen = len;
                }
            } else if (required) {
                throw new DiskFormatException(path, rtOff + e, "unknown region " + g + " is marked required");
            }
        }
        if (batOff < 0 || mdOff < 0) {
            throw new DiskFormatException(path, rtOff, "the region table lacks the " + (batOff < 0 ? "BAT" : "metadata") + " region");
        }

        // Metadata.
        byte[] mt = b.readAt(mdOff, Vhdx.REGION_SIZE);
        if (!Vhdx.sig(mt, 0, "metadata")) {
            throw new DiskFormatException(path, mdOff, "no metadata table: expected the signature \"metadata\"");
        }
        ByteBuffer mb = Vhdx.le(mt);
        int items = Short.toUnsignedInt(mb.getShort(10));
        if (items > Vhdx.MAX_ENTRIES) {
            throw new DiskFormatException(path, mdOff + 10, "the metadata table has " + items + " entries; at most "
                    + Vhdx.MAX_ENTRIES + " are allowed");
        }
        Map<UUID, byte[]> found = new LinkedHashMap<>();
        Map<UUID, Long> where = new LinkedHashMap<>();
        for (int i = 0; i < items; i++) {
            int e = 32 + 32 * i;
            UUID g = Vhdx.guid(mt, e);
            long off = Integer.toUnsignedLong(mb.getInt(e + 16));
            long len = Integer.toUnsignedLong(mb.getInt(e + 20));
            int flags = mb.getInt(e + 24);
            boolean known = g.equals(Vhdx.FILE_PARAMETERS) || g.equals(Vhdx.VIRTUAL_DISK_SIZE) || g.equals(Vhdx.PAGE83)
                    || g.equals(Vhdx.LOGICAL_SECTOR) || g.equals(Vhdx.PHYSICAL_SECTOR) || g.equals(Vhdx.PARENT_LOCATOR);
            if (!known) {
                if ((flags & 4) != 0) {
                    throw new DiskFormatException(path, mdOff + e, "unknown metadata item " + g + " is marked required");
                }
                continue;
            }
            if (len == 0 ? off != 0 : (off < Vhdx.REGION_SIZE || len > Vhdx.MIB || off + len > mdLen)) {
                throw new DiskFormatException(path, mdOff + e + 16, "metadata item " + g + " of " + len + " bytes at region offset "
                        + off + " must lie from 64 KiB on inside the " + mdLen + "-byte region and be at most 1 MiB");
            }
            found.put(g, b.readAt(mdOff + off, (int) len));
            where.put(g, mdOff + off);
        }
        byte[] fp = item(path, found, Vhdx.FILE_PARAMETERS, 8, mdOff, "file parameters");
        byte[] vs = item(path, found, Vhdx.VIRTUAL_DISK_SIZE, 8, mdOff, "virtual disk size");
        byte[] ls = item(path, found, Vhdx.LOGICAL_SECTOR, 4, mdOff, "logical sector size");
        byte[] ps = item(path, found, Vhdx.PHYSICAL_SECTOR, 4, mdOff, "physical sector size");
        byte[] p83 = found.get(Vhdx.PAGE83);
        long bs = Integer.toUnsignedLong(Vhdx.le(fp).getInt(0));
        int fpFlags = Vhdx.le(fp).getInt(4);
        if (bs < Vhdx.MIB || bs > 256 * Vhdx.MIB || Long.bitCount(bs) != 1) {
            throw new DiskFormatException(path, where.get(Vhdx.FILE_PARAMETERS), "block size " + bs
                    + " is not a power of 2 from 1 MiB to 256 MiB");
        }
        long lss = Integer.toUnsignedLong(Vhdx.le(ls).getInt(0));
        long pss = Integer.toUnsignedLong(Vhdx.le(ps).getInt(0));
        if (lss != 512 && lss != 4096) {
            throw new DiskFormatException(path, where.get(Vhdx.LOGICAL_SECTOR), "logical sector size " + lss + " is not 512 or 4096");
        }
        if (pss != 512 && pss != 4096) {
            throw new DiskFormatException(path, where.get(Vhdx.PHYSICAL_SECTOR), "physical sector size " + pss + " is not 512 or 4096");
        }
        long size = Vhdx.le(vs).getLong(0);
        if (size <= 0 || size > MAX_SIZE || size % lss != 0) {
            throw new DiskFormatException(path, where.get(Vhdx.VIRTUAL_DISK_SIZE), "virtual disk size " + Long.toUnsignedString(size)
                    + " is not a positive multiple of the logical sector size " + lss + " up to 64 TiB");
        }
        b.blockSize = (int) bs;
        b.leaveAllocated = (fpFlags & 1) != 0;
        b.hasParent = (fpFlags & 2) != 0;
        b.logicalSector = (int) lss;
        b.physicalSector = (int) pss;
        b.capacity = size;
        b.page83 = p83 != null && p83.length >= 16 ? Vhdx.guid(p83, 0) : null;
        b.chunkRatio = (1L << 23) * lss / bs;

        // BAT.
        long dataBlocks = (size + bs - 1) / bs;
        long entries = b.hasParent ? (dataBlocks + b.chunkRatio - 1) / b.chunkRatio * (b.chunkRatio + 1)
                : dataBlocks + (dataBlocks - 1) / b.chunkRatio;
        if (entries > MAX_BAT_ENTRIES) {
            throw new DiskFormatException(path, where.get(Vhdx.VIRTUAL_DISK_SIZE), "the disk needs " + entries
                    + " BAT entries; at most " + MAX_BAT_ENTRIES + " are accepted");
        }
        if (entries * 8 > batLen) {
            throw new DiskFormatException(path, rtOff, "the BAT region of " + batLen + " bytes is too small for the "
                    + entries + " entries a " + size + "-byte disk with " + bs + "-byte blocks needs");
        }
        b.batOffset = batOff;
        b.bat = new long[(int) entries];
        ByteBuffer t = ByteBuffer.allocate((int) entries * 8);
        b.read(batOff, t);
        Vhdx.le(t.array()).asLongBuffer().get(b.bat);
        for (int i = 0; i < entries; i++) {
            long e = b.bat[i];
            int state = (int) (e & 7);
            boolean bitmapEntry = (i + 1) % (b.chunkRatio + 1) == 0;
            long off = e & 0xFFFFFFFFFFF00000L;
            boolean present = bitmapEntry ? state == 6
                    : (state == Vhdx.FULLY_PRESENT || state == Vhdx.PARTIALLY_PRESENT);
            if (!bitmapEntry && state == Vhdx.PARTIALLY_PRESENT && !b.hasParent) {
                throw new DiskFormatException(path, batOff + 8L * i, "BAT entry " + i
                        + " is PARTIALLY_PRESENT in a disk without a parent");
            }
            if (!bitmapEntry && !(state <= 3 || state == 6 || state == 7)) {
                throw new DiskFormatException(path, batOff + 8L * i, "BAT entry " + i + " has the unknown state " + state);
            }
            if (present) {
                long len = bitmapEntry ? Vhdx.MIB : bs;
                if (off < Vhdx.MIB || off > b.effectiveSize - len) {
                    throw new DiskFormatException(path, batOff + 8L * i, "BAT entry " + i + " points at " + off + ", whose "
                            + len + "-byte block ends beyond the end of the file (" + b.effectiveSize + " bytes)");
                }
            }
        }
        if (b.hasParent) {
            byte[] pl = found.get(Vhdx.PARENT_LOCATOR);
            if (pl == null) {
                throw new DiskFormatException(path, mdOff, "a differencing VHDX (has-parent set) without a parent locator item");
            }
            b.locator = parseLocator(path, pl, where.get(Vhdx.PARENT_LOCATOR));
            b.parent = openParent(path, b.locator, chain);
        }
    }

    private static byte[] item(Path path, Map<UUID, byte[]> found, UUID g, int min, long mdOff, String what) {
        byte[] v = found.get(g);
        if (v == null || v.length < min) {
            throw new DiskFormatException(path, mdOff, "the metadata lacks the " + what + " item (" + g + ") of at least " + min
                    + " bytes");
        }
        return v;
    }

    private static String headerProblem(byte[] h) {
        if (!Vhdx.sig(h, 0, "head")) {
            return "no signature \"head\"";
        }
        ByteBuffer b = Vhdx.le(h);
        int stored = b.getInt(4);
        int computed = Vhdx.crc(h, 0, Vhdx.HEADER_SIZE, 4);
        if (stored != computed) {
            return String.format("CRC-32C 0x%08x does not match the computed 0x%08x", stored, computed);
        }
        if (b.getShort(66) != 1) {
            return "version " + b.getShort(66) + " is not 1";
        }
        return null;
    }

    private static String regionProblem(byte[] t) {
        if (!Vhdx.sig(t, 0, "regi")) {
            return "no signature \"regi\"";
        }
        ByteBuffer b = Vhdx.le(t);
        int stored = b.getInt(4);
        int computed = Vhdx.crc(t, 0, Vhdx.REGION_SIZE, 4);
        if (stored != computed) {
            return String.format("CRC-32C 0x%08x does not match the computed 0x%08x", stored, computed);
        }
        long n = Integer.toUnsignedLong(b.getInt(8));
        if (n > Vhdx.MAX_ENTRIES) {
            return "entry count " + n + " exceeds " + Vhdx.MAX_ENTRIES;
        }
        return null;
    }

    private static Map<String, String> parseLocator(Path path, byte[] pl, long at) {
        if (pl.length < 20) {
            throw new DiskFormatException(path, at, "the parent locator is shorter than its 20-byte header");
        }
        ByteBuffer b = Vhdx.le(pl);
        UUID type = Vhdx.guid(pl, 0);
        if (!type.equals(Vhdx.VHDX_LOCATOR_TYPE)) {
            throw new DiskFormatException(path, at, "parent locator type " + type + " is not the VHDX one ("
                    + Vhdx.VHDX_LOCATOR_TYPE + ")");
        }
        int count = Short.toUnsignedInt(b.getShort(18));
        if (20 + 12L * count > pl.length) {
            throw new DiskFormatException(path, at + 18, "the parent locator's " + count + " entries do not fit its " + pl.length + " bytes");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int e = 20 + 12 * i;
            long ko = Integer.toUnsignedLong(b.getInt(e));
            long vo = Integer.toUnsignedLong(b.getInt(e + 4));
            int kl = Short.toUnsignedInt(b.getShort(e + 8));
            int vl = Short.toUnsignedInt(b.getShort(e + 10));
            if (ko + kl > pl.length || vo + vl > pl.length) {
                throw new DiskFormatException(path, at + e, "parent locator entry " + i + " points outside the locator");
            }
            m.put(new String(pl, (int) ko, kl, StandardCharsets.UTF_16LE),
                    new String(pl, (int) vo, vl, StandardCharsets.UTF_16LE));
        }
        return m;
    }

    private static VhdxImage openParent(Path child, Map<String, String> loc, Set<Path> chain) throws IOException {
        Path dir = child.toAbsolutePath().getParent();
        Set<UUID> linkage = new LinkedHashSet<>();
        for (String k : new String[] {"parent_linkage", "parent_linkage2"}) {
            UUID u = parseGuid(loc.get(k));
            if (u != null) {
                linkage.add(u);
            }
        }
        if (linkage.isEmpty()) {
            throw new DiskFormatException(child, -1, "the parent locator has no parent_linkage GUID: " + loc);
        }
        List<String> tried = new ArrayList<>();
        for (String k : new String[] {"relative_path", "absolute_win32_path", "volume_path"}) {
            String v = loc.get(k);
            if (v == null) {
                continue;
            }
            String base = lastComponent(v);
            if (base.isEmpty() || base.equals(".") || base.equals("..")) {
                continue;
            }
            Path p;
            try {
                p = dir.resolve(base);
            } catch (InvalidPathException e) {
                continue; // a name this file system cannot hold (a NUL, say) names no file beside the child
            }
            tried.add(base);
            if (Files.isRegularFile(p)) {
                VhdxImage img = open(p, chain);
                if (!linkage.contains(img.dataWriteGuid)) {
                    img.close();
                    throw new DiskFormatException(child, -1, "the parent " + p + " has the data write GUID " + img.dataWriteGuid
                            + ", not the parent_linkage " + linkage + " this differencing disk names");
                }
                return img;
            }
        }
        int seen = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (++seen > MAX_SCAN) {
                    break;
                }
                String fn = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!(fn.endsWith(".vhdx") || fn.endsWith(".avhdx")) || !Files.isRegularFile(p)
                        || p.toAbsolutePath().normalize().equals(child.toAbsolutePath().normalize())) {
                    continue;
                }
                UUID g = dataWriteGuidOf(p);
                if (g != null && linkage.contains(g)) {
                    return open(p, chain);
                }
            }
        }
        throw new DiskFormatException(child, -1, "the parent of this differencing disk (parent_linkage " + linkage
                + ") is missing: not found as " + tried + " nor by its data write GUID among the VHDX files in " + dir);
    }

    /** The data write GUID of the current header of {@code p} (parents are not opened), or null. */
    private static UUID dataWriteGuidOf(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            UUID best = null;
            long bestSeq = 0;
            for (long at : new long[] {Vhdx.HEADER1, Vhdx.HEADER2}) {
                ByteBuffer b = ByteBuffer.allocate(Vhdx.HEADER_SIZE);
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                    // fill
                }
                byte[] h = b.array();
                if (!b.hasRemaining() && headerProblem(h) == null) {
                    long seq = Vhdx.le(h).getLong(8);
                    if (best == null || Long.compareUnsigned(seq, bestSeq) > 0) {
                        best = Vhdx.guid(h, 32);
                        bestSeq = seq;
                    }
                }
            }
            return best;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static UUID parseGuid(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String lastComponent(String n) {
        String s = n.trim();
        int i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return s.substring(i + 1);
    }

    static void readThrough(Path path, FileChannel ch, long fileSize, List<VhdxLog.Write> overlay, long oMin, long oMax,
            long at, ByteBuffer dst) throws IOException {
        int start = dst.position();
        int len = dst.remaining();
        long pos = at;
        while (dst.hasRemaining() && pos < fileSize) {
            if (pos + dst.remaining() > fileSize) {
                ByteBuffer part = dst.slice(dst.position(), (int) (fileSize - pos));
                int n = ch.read(part, pos);
                if (n < 0) {
                    break;
                }
                dst.position(dst.position() + n);
                pos += n;
                continue;
            }
            int n = ch.read(dst, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        while (dst.hasRemaining()) {
            dst.put((byte) 0);
        }
        if (!overlay.isEmpty() && at < oMax && at + len > oMin) {
            for (VhdxLog.Write w : overlay) {
                long s = Math.max(at, w.fileOffset());
                long e = Math.min(at + len, w.fileOffset() + w.length());
                if (s >= e) {
                    continue;
                }
                int di = start + (int) (s - at);
                int n = (int) (e - s);
                if (w.data() == null) {
                    for (int i = 0; i < n; i++) {
                        dst.put(di + i, (byte) 0);
                    }
                } else {
                    dst.put(di, w.data(), (int) (s - w.fileOffset()), n);
                }
            }
        }
    }

    private void readFile(long at, ByteBuffer dst) throws IOException {
        readThrough(path, channel, fileSize, overlay, overlayMin, overlayMax, at, dst);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.VHDX;
    }

    @Override
    public String subformat() {
        return hasParent ? "differencing" : leaveAllocated ? "fixed" : "dynamic";
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long actualSize() throws IOException {
        return Files.size(path);
    }

    @Override
    public Optional<DiskImage> parent() {
        return Optional.ofNullable(parent);
    }

    /** The block size in bytes. */
    public int blockSize() {
        return blockSize;
    }

    /** The logical sector size (512 or 4096). */
    public int logicalSectorSize() {
        return logicalSector;
    }


    private long entry(long block) {
        return bat[(int) (block + block / chunkRatio)];
    }

    private byte[] sectorBitmap(long chunk) throws IOException {
        byte[] bm = bitmaps.get(chunk);
        if (bm == null) {
            long e = bat[(int) (chunk * (chunkRatio + 1) + chunkRatio)];
            bm = new byte[(int) Vhdx.MIB];
            if ((e & 7) == 6) {
                readFile(e & 0xFFFFFFFFFFF00000L, ByteBuffer.wrap(bm));
            }
            if (bitmaps.size() > 16) {
                bitmaps.clear();
            }
            bitmaps.put(chunk, bm);
        }
        return bm;
    }

    private Run run(long pos, long max) throws IOException {
        long block = pos / blockSize;
        long in = pos % blockSize;
        long limit = Math.min(max, blockSize - in);
        long e = entry(block);
        long off = e & 0xFFFFFFFFFFF00000L;
        switch ((int) (e & 7)) {
            case Vhdx.FULLY_PRESENT:
                return new Run(Extent.Kind.DATA, limit, off + in);
            case Vhdx.ZERO:
            case Vhdx.UNMAPPED:
                return new Run(Extent.Kind.ZERO, limit, -1);
            case Vhdx.PARTIALLY_PRESENT: {
                byte[] bm = sectorBitmap(block / chunkRatio);
                long sectorsPerBlock = blockSize / logicalSector;
                long base = (block % chunkRatio) * sectorsPerBlock;
                long s = in / logicalSector;
                boolean set = bit(bm, base + s);
                long end = (s + 1) * logicalSector;
                while (end < in + limit && bit(bm, base + end / logicalSector) == set) {
                    end += logicalSector;
                }
                long len = Math.min(limit, end - in);
                return set ? new Run(Extent.Kind.DATA, len, off + in) : new Run(Extent.Kind.UNALLOCATED, len, -1);
            }
            default:
                return new Run(Extent.Kind.UNALLOCATED, limit, -1);
        }
    }

    private static boolean bit(byte[] bm, long i) {
        return (bm[(int) (i >>> 3)] & (1 << (i & 7))) != 0;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        RunMap.read(path, capacity, offset, dst, this::run, this::readFile, parent);
    }

    @Override
    public List<Extent> extents(long offset, long length) throws IOException {
        return RunMap.extents(capacity, offset, length, this::run, parent);
    }

    /**
     * Format facts, keys in this order: {@code subformat}, {@code creator}, {@code blockSize},
     * {@code logicalSectorSize}, {@code physicalSectorSize}, {@code virtualSize}, {@code page83},
     * {@code dataWriteGuid}, {@code headerSequence}, {@code batEntries}, {@code logReplayed} (entries
     * of a dirty log replayed in memory, 0 when clean), {@code parentLocator} and {@code parent}
     * (null unless differencing).
     */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subformat", subformat());
        m.put("creator", creator);
        m.put("blockSize", (long) blockSize);
        m.put("logicalSectorSize", (long) logicalSector);
        m.put("physicalSectorSize", (long) physicalSector);
        m.put("virtualSize", capacity);
        m.put("page83", page83 == null ? null : page83.toString());
        m.put("dataWriteGuid", dataWriteGuid.toString());
        m.put("headerSequence", headerSequence);
        m.put("batEntries", (long) bat.length);
        m.put("logReplayed", logEntries);
        m.put("parentLocator", hasParent ? Map.copyOf(locator) : null);
        m.put("parent", parent == null ? null : parent.path().toString());
        return m;
    }

    /**
     * Structural consistency of this file: every present block lies after the headers and log
     * area (1 MiB), inside the file, and no two blocks overlap. A dirty log is reported as a leak
     * (qemu-img check reports it and repairs it with {@code -r all}).
     */
    @Override
    public CheckResult check() throws IOException {
        List<String> corruptions = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        if (!logGuid.equals(new UUID(0, 0))) {
            leaks.add(path + ": the log is dirty (" + logEntries + " entries replayed in memory; the file was not changed)");
        }
        List<long[]> used = new ArrayList<>();
        for (int i = 0; i < bat.length; i++) {
            long e = bat[i];
            boolean bitmapEntry = (i + 1) % (chunkRatio + 1) == 0;
            int state = (int) (e & 7);
            boolean present = bitmapEntry ? state == 6 : (state == 6 || state == 7);
            if (present) {
                used.add(new long[] {e & 0xFFFFFFFFFFF00000L, bitmapEntry ? Vhdx.MIB : blockSize, i});
            }
        }
        used.sort((a, c) -> Long.compare(a[0], c[0]));
        for (int j = 1; j < used.size(); j++) {
            long[] prev = used.get(j - 1);
            long[] cur = used.get(j);
            if (cur[0] < prev[0] + prev[1]) {
                corruptions.add(path + ": at offset " + (batOffset + 8 * cur[2]) + ": BAT entry " + cur[2]
                        + " overlaps BAT entry " + prev[2]);
            }
        }
        return new CheckResult(corruptions, leaks);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (parent != null) {
                parent.close();
            }
        }
    }

    @Override
    public String toString() {
        return "VhdxImage[" + path + ", " + subformat() + ", " + capacity + " bytes]";
    }
}
