package io.ovfkit.disk.vdi;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.PositionalReads;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A VirtualBox VDI, version 1.1 (disk-formats.md §6): normal (dynamic), fixed (static) or
 * differencing. The block map is read whole at open (at most {@value #MAX_BLOCKS} entries: 16 TiB
 * with 1 MiB blocks, 64 MiB of memory); every entry that names a block is checked to lie inside
 * the file. Entry {@code 0xFFFFFFFF} (free) reads zeros or, for a differencing image, the parent;
 * {@code 0xFFFFFFFE} (zero) reads zeros even over a parent.
 *
 * <p>{@link #open(Path)} finds the parent of a differencing image by its UUID (the header's linkage
 * UUID) among the {@code .vdi} files in the child's folder, compared with their creation UUID;
 * VirtualBox's own registry is not consulted and the parent's modification UUID is not compared.
 * {@link #open(Path, DiskImage)} takes a parent the caller opened instead, wherever it lies
 * (VirtualBox keeps snapshots in a {@code Snapshots/} folder away from their base): a VDI parent
 * must carry the linkage UUID as its creation UUID, a parent of another format (VirtualBox also
 * chains a VDI onto, say, a VMDK base) is taken as it is. Chains are at most {@value #MAX_CHAIN}
 * deep.
 *
 * <p>Thread-safe for concurrent {@link #read} and {@link #extents} calls from several threads, as
 * {@link io.ovfkit.disk.DiskImage} requires: the tables read at open are not changed afterwards and
 * nothing is cached; close it once no call is running.
 */
public final class VdiImage implements DiskImage {
    /** Most images in a parent chain, this one included. */
    public static final int MAX_CHAIN = 32;
    /** Most block map entries accepted. */
    public static final long MAX_BLOCKS = 16L << 20;
    static final int SIGNATURE = 0xBEDA107F;
    static final int VERSION_1_1 = 0x00010001;
    static final int FREE = -1;
    static final int ZERO = -2;
    private static final int MAX_SCAN = 4096;

    private final Path path;
    private final FileChannel channel;
    private final int type;
    private final long capacity;
    private final long offBlocks;
    private final long offData;
    private final int blockSize;
    private final int blockExtra;
    private final int[] map;
    private final long allocated;
    private final byte[] uuidCreate;
    private final byte[] uuidModify;
    private final byte[] uuidParent;
    private final String comment;
    private final int headerSize;
    private final DiskImage parent;

    private VdiImage(Path path, FileChannel channel, long fileSize, int type, long capacity, long offBlocks, long offData,
            int blockSize, int blockExtra, int[] map, long allocated, byte[] uuidCreate, byte[] uuidModify, byte[] uuidParent,
            String comment, int headerSize, DiskImage parent) {
        this.path = path;
        this.channel = channel;
        this.type = type;
        this.capacity = capacity;
        this.offBlocks = offBlocks;
        this.offData = offData;
        this.blockSize = blockSize;
        this.blockExtra = blockExtra;
        this.map = map;
        this.allocated = allocated;
        this.uuidCreate = uuidCreate;
        this.uuidModify = uuidModify;
        this.uuidParent = uuidParent;
        this.comment = comment;
        this.headerSize = headerSize;
        this.parent = parent;
    }

    /** Whether the file's first {@code n} bytes carry the VDI signature at offset 64. */
    public static boolean looksLikeVdi(byte[] head, int n) {
        return n >= 72 && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(64) == SIGNATURE;
    }

    /**
     * Opens a VDI and, for a differencing image, its parents.
     *
     * @throws DiskFormatException when the header, the block map or the parent chain is invalid
     */
    public static VdiImage open(Path path) throws IOException {
        return open(path, new LinkedHashSet<>());
    }

    /**
     * Opens a differencing VDI over {@code parent}, which the caller opened (with its own parents)
     * instead of letting {@link #open(Path)} look for it beside the child. A {@code VdiImage} parent
     * must have the child's linkage UUID (offset 424) as its creation UUID; a parent of another
     * format is accepted as it is, and child blocks beyond its capacity read as zeros. The chain,
     * this image included, must be at most {@value #MAX_CHAIN} deep and must not contain this file.
     *
     * <p>On success the image owns {@code parent}: {@link #close()} closes it too. On failure
     * {@code parent} is left open and stays the caller's to close.
     *
     * @param path the differencing image
     * @param parent the opened parent image
     * @throws DiskFormatException when the header or the block map is invalid, when the image is not
     *         a differencing image (type 4), when a VDI {@code parent} has another creation UUID
     *         than the child's linkage UUID, or when the chain would loop back to {@code path} or be
     *         deeper than {@value #MAX_CHAIN}
     * @throws NullPointerException when {@code parent} is null
     */
    public static VdiImage open(Path path, DiskImage parent) throws IOException {
        Objects.requireNonNull(parent, "parent");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(path, ch, new LinkedHashSet<>(), parent);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static VdiImage open(Path path, Set<Path> chain) throws IOException {
        Path real = path.toAbsolutePath().normalize();
        if (!chain.add(real)) {
            throw new DiskFormatException(path, -1, "the parent chain loops back to this file: " + chain);
        }
        if (chain.size() > MAX_CHAIN) {
            throw new DiskFormatException(path, -1, "the parent chain is deeper than " + MAX_CHAIN + " images");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(path, ch, chain, null);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Opens the image in {@code ch}; a differencing image takes {@code given} as its parent, or finds one when null. */
    private static VdiImage open(Path path, FileChannel ch, Set<Path> chain, DiskImage given) throws IOException {
        long size = ch.size();
        if (size < 512) {
            throw new DiskFormatException(path, 0, "a VDI starts with a 512-byte header; the file has " + size + " bytes");
        }
        byte[] h = PositionalReads.readAt(path, ch, 0, 512);
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(64) != SIGNATURE) {
            throw new DiskFormatException(path, 64, String.format("signature 0x%08x is not the VDI signature 0xbeda107f", b.getInt(64)));
        }
        if (b.getInt(68) != VERSION_1_1) {
            throw new DiskFormatException(path, 68, String.format("VDI version 0x%08x is not supported; expected 0x00010001 (1.1)",
                    b.getInt(68)));
        }
        int hs = b.getInt(72);
        if (hs < 0x180 || hs > 512 - 72) {
            throw new DiskFormatException(path, 72, "header size " + Integer.toUnsignedString(hs) + " is not 384..440 bytes");
        }
        int type = b.getInt(76);
        if (type < 1 || type > 4) {
            throw new DiskFormatException(path, 76, "image type " + Integer.toUnsignedString(type)
                    + " is unknown; expected 1 (normal), 2 (fixed), 3 (undo) or 4 (differencing)");
        }
        long offBlocks = Integer.toUnsignedLong(b.getInt(340));
        long offData = Integer.toUnsignedLong(b.getInt(344));
        long cap = b.getLong(368);
        int bs = b.getInt(376);
        int extra = b.getInt(380);
        long blocks = Integer.toUnsignedLong(b.getInt(384));
        long allocated = Integer.toUnsignedLong(b.getInt(388));
        if (offBlocks < 512 || offBlocks % 512 != 0) {
            throw new DiskFormatException(path, 340, "block map offset " + offBlocks + " is not a sector after the header");
        }
        if (bs < 512 || Integer.bitCount(bs) != 1 || bs > (256 << 20)) {
            throw new DiskFormatException(path, 376, "block size " + Integer.toUnsignedString(bs)
                    + " is not a power of 2 from 512 bytes to 256 MiB (VirtualBox and qemu write 1 MiB)");
        }
        if (extra < 0 || extra % 512 != 0 || extra > (1 << 20)) {
            throw new DiskFormatException(path, 380, "block extra " + Integer.toUnsignedString(extra)
                    + " is not a multiple of 512 up to 1 MiB");
        }
        if (cap <= 0) {
            throw new DiskFormatException(path, 368, "disk size " + Long.toUnsignedString(cap) + " is not positive");
        }
        if (blocks > MAX_BLOCKS) {
            throw new DiskFormatException(path, 384, "blocks in image " + blocks + " exceeds the " + MAX_BLOCKS + " accepted");
        }
        if (blocks * bs < cap) {
            throw new DiskFormatException(path, 384, blocks + " blocks of " + bs + " bytes cannot hold the disk size " + cap);
        }
        if (allocated > blocks) {
            throw new DiskFormatException(path, 388, "blocks allocated " + allocated + " exceeds blocks in image " + blocks);
        }
        if (offBlocks + 4 * blocks > size) {
            throw new DiskFormatException(path, 340, "the block map (" + blocks + " entries at " + offBlocks
                    + ") ends beyond the end of the file (" + size + " bytes)");
        }
        if (offData % 512 != 0 || offData < offBlocks + 4 * blocks) {
            throw new DiskFormatException(path, 344, "data offset " + offData + " is not a sector after the block map (which ends at "
                    + (offBlocks + 4 * blocks) + ")");
        }
        int n = (int) blocks;
        int[] map = new int[n];
        ByteBuffer t = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        PositionalReads.readFully(path, ch, t, offBlocks);
        t.flip().asIntBuffer().get(map);
        long step = (long) bs + extra;
        for (int i = 0; i < n; i++) {
            if (map[i] != FREE && map[i] != ZERO) {
                long idx = Integer.toUnsignedLong(map[i]);
                // A file may end inside its last block (qemu writes whole blocks, but tolerate a short tail).
                long start = offData + idx * step + extra;
                if (idx >= blocks || start >= size) {
                    throw new DiskFormatException(path, offBlocks + 4L * i, "block map entry " + i + " names block " + idx
                            + ", which lies beyond the end of the file (" + size + " bytes) or the " + blocks + " blocks of the image");
                }
            }
        }
        byte[] uc = Arrays.copyOfRange(h, 392, 408);
        byte[] um = Arrays.copyOfRange(h, 408, 424);
        byte[] up = Arrays.copyOfRange(h, 424, 440);
        int cEnd = 84;
        while (cEnd < 340 && h[cEnd] != 0) {
            cEnd++;
        }
        String comment = new String(h, 84, cEnd - 84, StandardCharsets.UTF_8);
        DiskImage parent = null;
        if (given != null) {
            checkGivenParent(path, type, up, given);
            parent = given;
        } else if (type == 4) {
            parent = findParent(path, up, chain);
        }
        return new VdiImage(path, ch, size, type, cap, offBlocks, offData, bs, extra, map, allocated, uc, um, up, comment, hs,
                parent);
    }

    private static VdiImage findParent(Path child, byte[] uuid, Set<Path> chain) throws IOException {
        Path abs = child.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        int seen = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (++seen > MAX_SCAN) {
                    break;
                }
                if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vdi") || !Files.isRegularFile(p)
                        || p.toAbsolutePath().normalize().equals(abs)) {
                    continue;
                }
                if (Arrays.equals(createUuid(p), uuid)) {
                    return open(p, chain);
                }
            }
        }
        throw new DiskFormatException(child, 424, "the parent of this differencing image (UUID " + uuidText(uuid)
                + ") is missing: no .vdi file in " + dir + " has that creation UUID");
    }

    /** Refuses a parent for a base image, a VDI parent of another UUID, and a chain too deep or looping back to {@code child}. */
    private static void checkGivenParent(Path child, int type, byte[] uuidParent, DiskImage given) {
        if (type != 4) {
            throw new DiskFormatException(child, -1, "a parent (" + given.path() + ") was given, but this is a "
                    + typeName(type) + " VDI (image type " + type + "), not a differencing image (type 4): it has no parent");
        }
        if (given instanceof VdiImage v && !Arrays.equals(v.uuidCreate, uuidParent)) {
            throw new DiskFormatException(child, 424, "the parent UUID of this differencing image is " + uuidText(uuidParent)
                    + ", but the given parent " + given.path() + " has the UUID " + uuidText(v.uuidCreate)
                    + ": it is not this image's parent");
        }
        Path self = child.toAbsolutePath().normalize();
        int depth = 1;
        for (DiskImage p = given; p != null; p = p.parent().orElse(null)) {
            if (++depth > MAX_CHAIN) {
                throw new DiskFormatException(child, -1, "the parent chain is deeper than " + MAX_CHAIN + " images");
            }
            if (p.path().toAbsolutePath().normalize().equals(self)) {
                throw new DiskFormatException(child, -1, "the parent chain loops back to this file (through " + given.path()
                        + ")");
            }
        }
    }

    private static String typeName(int type) {
        return switch (type) {
            case 2 -> "fixed";
            case 3 -> "undo";
            case 4 -> "differencing";
            default -> "dynamic";
        };
    }

    private static byte[] createUuid(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            if (ch.size() < 512) {
                return null;
            }
            byte[] h = PositionalReads.readAt(p, ch, 0, 512);
            return looksLikeVdi(h, 512) ? Arrays.copyOfRange(h, 392, 408) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A VirtualBox UUID (stored as a little-endian RTUUID) in the usual spelling. */
    static String uuidText(byte[] u) {
        byte[] be = {u[3], u[2], u[1], u[0], u[5], u[4], u[7], u[6], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]};
        String h = HexFormat.of().formatHex(be);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.VDI;
    }

    @Override
    public String subformat() {
        return typeName(type);
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

    private Extent.Kind kind(int entry) {
        return entry == FREE ? Extent.Kind.UNALLOCATED : entry == ZERO ? Extent.Kind.ZERO : Extent.Kind.DATA;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        int len = dst.remaining();
        if (offset < 0 || offset > capacity - len) {
            throw new IllegalArgumentException(path + ": read of " + len + " bytes at " + offset
                    + " is outside the disk (" + capacity + " bytes)");
        }
        long pos = offset;
        while (dst.hasRemaining()) {
            int block = (int) (pos / blockSize);
            long in = pos % blockSize;
            int n = (int) Math.min(dst.remaining(), blockSize - in);
            ByteBuffer part = dst.slice(dst.position(), n);
            int e = map[block];
            if (e == FREE) {
                PositionalReads.readParentOrZero(parent, pos, part);
            } else if (e == ZERO) {
                PositionalReads.zero(part);
            } else {
                long at = offData + Integer.toUnsignedLong(e) * ((long) blockSize + blockExtra) + blockExtra + in;
                long p = at;
                while (part.hasRemaining()) {
                    int r = channel.read(part, p);
                    if (r < 0) {
                        PositionalReads.zero(part); // a file that ends inside its last block: the rest reads as zeros
                        break;
                    }
                    p += r;
                }
            }
            dst.position(dst.position() + n);
            pos += n;
        }
    }


    @Override
    public List<Extent> extents(long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        List<Extent> out = new ArrayList<>();
        long end = offset >= capacity ? offset : offset + Math.min(length, capacity - offset);
        long pos = offset;
        while (pos < end) {
            int block = (int) (pos / blockSize);
            long runEnd = Math.min(end, (block + 1L) * blockSize);
            Extent.Kind k = kind(map[block]);
            PositionalReads.appendOverParent(out, pos, runEnd, k, parent);
            pos = runEnd;
        }
        return out;
    }

    /**
     * Format facts, keys in this order: {@code imageType} ({@code dynamic}, {@code fixed},
     * {@code undo}, {@code differencing}), {@code headerSize}, {@code comment}, {@code blockSize},
     * {@code blocks}, {@code blocksAllocated}, {@code uuid}, {@code modificationUuid},
     * {@code parentUuid} (null for a base image) and {@code parent} (the parent's path, or null).
     */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imageType", subformat());
        m.put("headerSize", (long) headerSize);
        m.put("comment", comment);
        m.put("blockSize", (long) blockSize);
        m.put("blocks", (long) map.length);
        m.put("blocksAllocated", allocated);
        m.put("uuid", uuidText(uuidCreate));
        m.put("modificationUuid", uuidText(uuidModify));
        m.put("parentUuid", type == 4 ? uuidText(uuidParent) : null);
        m.put("parent", parent == null ? null : parent.path().toString());
        return m;
    }

    /**
     * Structural consistency of this file, like {@code qemu-img check -f vdi}: no block used by two
     * map entries, the allocated count equal to the number of entries naming a block, and no
     * non-zero linkage UUID on a base image.
     */
    @Override
    public CheckResult check() throws IOException {
        List<String> corruptions = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        java.util.BitSet used = new java.util.BitSet();
        long count = 0;
        for (int i = 0; i < map.length; i++) {
            if (map[i] != FREE && map[i] != ZERO) {
                int idx = map[i];
                if (used.get(idx)) {
                    corruptions.add(path + ": at offset " + (offBlocks + 4L * i) + ": block map entry " + i + " names block "
                            + idx + ", which another entry uses too");
                }
                used.set(idx);
                count++;
            }
        }
        if (count != allocated) {
            corruptions.add(path + ": at offset 388: blocks allocated is " + allocated + ", but " + count
                    + " map entries name a block");
        }
        if (type != 4 && !Arrays.equals(uuidParent, new byte[16])) {
            corruptions.add(path + ": at offset 424: a base image (type " + type + ") has a non-zero parent UUID");
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
        return "VdiImage[" + path + ", " + subformat() + ", " + capacity + " bytes]";
    }
}
