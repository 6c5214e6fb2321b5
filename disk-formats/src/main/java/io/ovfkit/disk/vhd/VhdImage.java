package io.ovfkit.disk.vhd;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.PositionalReads;
import io.ovfkit.disk.RunMap.Run;
import io.ovfkit.disk.RunMap;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Microsoft VHD (disk-formats.md §3): fixed (the guest bytes then a footer), dynamic (footer copy
 * at 0, {@code cxsparse} header, BAT, blocks of a sector bitmap and data) or differencing (a dynamic
 * layout whose unallocated sectors read the parent's).
 *
 * <p>The virtual size is the footer's <em>current size</em>, as Hyper-V, Azure, VirtualBox and
 * Disk2vhd read it, never the CHS product (qemu reads CHS for the creators {@code vpc }, {@code qemu}
 * and unknown ones unless the geometry is 65535/16/255; files qemu wrote have both equal).
 * Footer and dynamic-header checksums are verified; a mismatch is a {@link DiskFormatException}
 * naming the checksum's offset, as qemu refuses such files too.
 *
 * <p>Within an allocated block, the sector bitmap decides: a set bit is data here, a clear bit reads
 * zeros (dynamic) or the parent (differencing). The parent of a differencing disk is looked for in
 * the child's folder only: first under the file names of the parent locators ({@code W2ku},
 * {@code W2ru}: UTF-16LE Windows paths; {@code MacX}: a UTF-8 file URL, percent-decoded; only their
 * last path component is used; a {@code Mac } alias record is binary and ignored) and the parent
 * unicode name, then among the {@code .vhd}/{@code .avhd} files beside it by the parent unique id.
 * A locator whose data lie outside the file or exceed {@value #MAX_LOCATOR_BYTES} bytes is a
 * {@link DiskFormatException} naming the locator entry's offset. The parent's footer unique id must
 * equal the child's parent unique id: a file of another identity under a locator's name is refused,
 * naming both ids, rather than read as the parent (its data would not be the child's base). Chains
 * are at most {@value #MAX_CHAIN} deep and may not loop.
 *
 * <p>Thread-safe for concurrent {@link #read} and {@link #extents} calls from several threads, as
 * {@link io.ovfkit.disk.DiskImage} requires: the tables read at open are not changed afterwards and
 * sector bitmaps are cached in a concurrent map; close it once no call is running.
 */
public final class VhdImage implements DiskImage {
    /** Most images in a parent chain, this one included. */
    public static final int MAX_CHAIN = 32;
    /** Most BAT entries accepted (qemu: INT_MAX / 4), and at most 64 MiB of table. */
    static final long MAX_BAT_ENTRIES = 16L << 20;
    private static final int DYN_HEADER = 1024;
    private static final int MAX_SCAN = 4096;
    /** Most bytes of one parent locator's data: the longest Windows path, 32,767 UTF-16 units, and a terminator. */
    static final int MAX_LOCATOR_BYTES = 65536;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final VhdFooter footer;
    private final long footerOffset;
    private final long capacity;
    // dynamic / differencing
    private final long headerOffset;
    private final long batOffset;
    private final int blockSize;
    private final int bitmapBytes;
    private final int[] bat;
    private final byte[] parentUuid;
    private final String parentName;
    private final List<String> locators;
    private final VhdImage parent;
    private final Map<Integer, byte[]> bitmaps = new ConcurrentHashMap<>();

    private VhdImage(Path path, FileChannel channel, long fileSize, VhdFooter footer, long footerOffset, long headerOffset,
            long batOffset, int blockSize, int[] bat, byte[] parentUuid, String parentName, List<String> locators,
            VhdImage parent) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
        this.footer = footer;
        this.footerOffset = footerOffset;
        this.capacity = footer.currentSize();
        this.headerOffset = headerOffset;
        this.batOffset = batOffset;
        this.blockSize = blockSize;
        this.bitmapBytes = blockSize == 0 ? 0 : roundUp(blockSize / 512 / 8 == 0 ? 1 : blockSize / 512 / 8, 512);
        this.bat = bat;
        this.parentUuid = parentUuid;
        this.parentName = parentName;
        this.locators = locators;
        this.parent = parent;
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /** Whether {@code head} (the file's first bytes) or {@code tail} (its last 512) holds a VHD footer cookie. */
    public static boolean looksLikeVhd(byte[] head, int n, byte[] tail) {
        return (n >= 8 && VhdFooter.hasCookie(head, 0)) || (tail != null && VhdFooter.hasCookie(tail, 0));
    }

    /**
     * Opens a VHD and, for a differencing disk, its parents.
     *
     * @throws DiskFormatException when the file is not a valid VHD or its parent chain is broken
     */
    public static VhdImage open(Path path) throws IOException {
        return open(path, new LinkedHashSet<>());
    }

    private static VhdImage open(Path path, Set<Path> chain) throws IOException {
        Path real = path.toAbsolutePath().normalize();
        if (!chain.add(real)) {
            throw new DiskFormatException(path, -1, "the parent chain loops back to this file: " + chain);
        }
        if (chain.size() > MAX_CHAIN) {
            throw new DiskFormatException(path, -1, "the parent chain is deeper than " + MAX_CHAIN + " images");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(path, ch, chain);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static VhdImage open(Path path, FileChannel ch, Set<Path> chain) throws IOException {
        long size = ch.size();
        if (size < VhdFooter.SIZE) {
            throw new DiskFormatException(path, 0, "a VHD holds at least its 512-byte footer; the file has " + size + " bytes");
        }
        byte[] tail = PositionalReads.readAt(path, ch, size - VhdFooter.SIZE, VhdFooter.SIZE);
        byte[] head = PositionalReads.readAt(path, ch, 0, VhdFooter.SIZE);
        VhdFooter f;
        long fOff;
        if (VhdFooter.hasCookie(tail, 0)) {
            fOff = size - VhdFooter.SIZE;
            f = VhdFooter.parse(path, fOff, tail);
        } else if (VhdFooter.hasCookie(head, 0)) {
            // A dynamic disk whose trailing footer is missing (truncated, or appended to): use the copy at 0.
            fOff = 0;
            f = VhdFooter.parse(path, 0, head);
        } else {
            throw new DiskFormatException(path, size - VhdFooter.SIZE, "no VHD footer (cookie \"conectix\") at the end or the start");
        }
        if (f.currentSize() <= 0 || f.currentSize() % 512 != 0) {
            throw new DiskFormatException(path, fOff + 48, "the current size " + Long.toUnsignedString(f.currentSize())
                    + " is not a positive multiple of 512 bytes");
        }
        switch (f.diskType()) {
            case VhdFooter.FIXED -> {
                if (f.currentSize() > fOff) {
                    throw new DiskFormatException(path, fOff + 48, "the fixed disk's current size " + f.currentSize()
                            + " exceeds the " + fOff + " data bytes before its footer: the file is truncated");
                }
                return new VhdImage(path, ch, size, f, fOff, -1, -1, 0, null, null, null, List.of(), null);
            }
            case VhdFooter.DYNAMIC, VhdFooter.DIFFERENCING -> {
                return openDynamic(path, ch, size, f, fOff, chain);
            }
            default -> throw new DiskFormatException(path, fOff + 60, "disk type " + f.diskType()
                    + " is not supported; expected 2 (fixed), 3 (dynamic) or 4 (differencing)");
        }
    }

    private static VhdImage openDynamic(Path path, FileChannel ch, long size, VhdFooter f, long fOff, Set<Path> chain)
            throws IOException {
        long hOff = f.dataOffset();
        if (hOff < 0 || hOff % 512 != 0 || hOff + DYN_HEADER > size) {
            throw new DiskFormatException(path, fOff + 16, "the dynamic header offset " + Long.toUnsignedString(hOff)
                    + " is not a sector inside the file (" + size + " bytes)");
        }
        byte[] h = PositionalReads.readAt(path, ch, hOff, DYN_HEADER);
        if (!new String(h, 0, 8, StandardCharsets.ISO_8859_1).equals("cxsparse")) {
            throw new DiskFormatException(path, hOff, "no dynamic disk header: expected the cookie \"cxsparse\"");
        }
        ByteBuffer hb = ByteBuffer.wrap(h);
        long batOff = hb.getLong(16);
        long entries = Integer.toUnsignedLong(hb.getInt(28));
        long bs = Integer.toUnsignedLong(hb.getInt(32));
        if (bs < 512 || Long.bitCount(bs) != 1 || bs > (256L << 20)) {
            throw new DiskFormatException(path, hOff + 32, "block size " + bs + " is not a power of 2 from 512 bytes to 256 MiB");
        }
        if (entries > MAX_BAT_ENTRIES || entries > Integer.MAX_VALUE / 4) {
            throw new DiskFormatException(path, hOff + 28, "Max Table Entries too large (" + entries + "); at most "
                    + MAX_BAT_ENTRIES + " are accepted");
        }
        if (entries * bs < f.currentSize()) {
            throw new DiskFormatException(path, hOff + 28, "the BAT has " + entries + " entries of " + bs
                    + " bytes, too few for the current size " + f.currentSize());
        }
        int stored = hb.getInt(36);
        int computed = VhdFooter.checksum(h, 0, DYN_HEADER, 36);
        if (stored != computed) {
            throw new DiskFormatException(path, hOff + 36, String.format("dynamic header checksum 0x%08x does not match the "
                    + "computed 0x%08x (one's complement of the byte sum): the header is corrupt", stored, computed));
        }
        if (batOff < 0 || batOff % 512 != 0 || batOff + entries * 4 > size) {
            throw new DiskFormatException(path, hOff + 16, "the BAT offset " + Long.toUnsignedString(batOff) + " with "
                    + entries + " entries does not lie inside the file (" + size + " bytes)");
        }
        int n = (int) entries;
        int[] bat = new int[n];
        ByteBuffer t = ByteBuffer.allocate(n * 4);
        PositionalReads.readFully(path, ch, t, batOff);
        t.flip().asIntBuffer().get(bat);
        int bitmapBytes = roundUp((int) Math.max(1, bs / 512 / 8), 512);
        for (int i = 0; i < n; i++) {
            if (bat[i] != -1) {
                long start = Integer.toUnsignedLong(bat[i]) * 512;
                if (start + bitmapBytes + bs > size) {
                    throw new DiskFormatException(path, batOff + 4L * i, "BAT entry " + i + " points at sector "
                            + Integer.toUnsignedLong(bat[i]) + ", whose block ends beyond the end of the file (" + size + " bytes)");
                }
            }
        }
        byte[] pUuid = null;
        String pName = null;
        List<String> locs = new ArrayList<>();
        VhdImage parent = null;
        if (f.diskType() == VhdFooter.DIFFERENCING) {
            pUuid = Arrays.copyOfRange(h, 40, 56);
            pName = utf16z(h, 64, 512, StandardCharsets.UTF_16BE);
            for (int i = 0; i < 8; i++) {
                int at = 576 + 24 * i;
                String code = new String(h, at, 4, StandardCharsets.ISO_8859_1);
                long len = Integer.toUnsignedLong(hb.getInt(at + 8));
                long off = hb.getLong(at + 16);
                if (hb.getInt(at) == 0 || len == 0) {
                    continue;
                }
                if (len > MAX_LOCATOR_BYTES) {
                    throw new DiskFormatException(path, hOff + at, "parent locator " + i + " (" + code.trim() + ") claims "
                            + len + " bytes of data; a parent path takes at most " + MAX_LOCATOR_BYTES);
                }
                // "off > size - len" rather than "off + len > size": off is any 64-bit value, and the sum could wrap.
                if (off < 0 || off > size - len) {
                    throw new DiskFormatException(path, hOff + at, "parent locator " + i + " (" + code.trim() + ") of "
                            + len + " bytes at " + Long.toUnsignedString(off) + " does not lie inside the file ("
                            + size + " bytes)");
                }
                String text = switch (code) {
                    case "W2ru", "W2ku" -> utf16z(PositionalReads.readAt(path, ch, off, (int) len), 0, (int) len,
                            StandardCharsets.UTF_16LE);
                    case "MacX" -> fileUrlPath(PositionalReads.readAt(path, ch, off, (int) len));
                    default -> null; // "Mac " is a binary Mac OS alias record, not a path
                };
                if (text != null && !text.isBlank()) {
                    locs.add(code + ":" + text);
                }
            }
            parent = openParent(path, pUuid, pName, locs, chain);
        }
        return new VhdImage(path, ch, size, f, fOff, hOff, batOff, (int) bs, bat, pUuid, pName, locs, parent);
    }

    private static VhdImage openParent(Path child, byte[] uuid, String name, List<String> locators, Set<Path> chain)
            throws IOException {
        Path dir = child.toAbsolutePath().getParent();
        List<String> names = new ArrayList<>();
        for (String l : locators) {
            names.add(l.substring(5));
        }
        if (name != null) {
            names.add(name);
        }
        List<String> tried = new ArrayList<>();
        for (String n : names) {
            String base = lastComponent(n);
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
            if (Files.isRegularFile(p) && !p.toAbsolutePath().normalize().equals(child.toAbsolutePath().normalize())) {
                VhdImage img = open(p, chain);
                if (!Arrays.equals(img.footer.uuid(), uuid)) {
                    img.close();
                    throw new DiskFormatException(child, -1, "the parent " + p + " has the unique id " + img.footer.uuidText()
                            + ", not the parent unique id " + VhdFooter.uuidText(uuid) + " this differencing disk names");
                }
                return img;
            }
        }
        // Not under a locator's name: look for the parent unique id among the VHDs beside the child.
        int seen = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (++seen > MAX_SCAN) {
                    break;
                }
                String fn = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (!(fn.endsWith(".vhd") || fn.endsWith(".avhd")) || !Files.isRegularFile(p)
                        || p.toAbsolutePath().normalize().equals(child.toAbsolutePath().normalize())) {
                    continue;
                }
                if (Arrays.equals(footerUuid(p), uuid)) {
                    return open(p, chain);
                }
            }
        }
        throw new DiskFormatException(child, -1, "the parent of this differencing disk (unique id " + VhdFooter.uuidText(uuid)
                + ") is missing: not found as " + tried + " nor by its unique id among the VHDs in " + dir);
    }

    private static byte[] footerUuid(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 512) {
                return null;
            }
            byte[] t = PositionalReads.readAt(p, ch, size - 512, 512);
            if (!VhdFooter.hasCookie(t, 0)) {
                t = PositionalReads.readAt(p, ch, 0, 512);
            }
            return VhdFooter.hasCookie(t, 0) ? Arrays.copyOfRange(t, 68, 84) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String lastComponent(String n) {
        String s = n.trim();
        int i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return s.substring(i + 1);
    }

    /**
     * The path of a {@code MacX} locator: a UTF-8 file URL (RFC 2396, so a space is {@code %20}),
     * possibly NUL-terminated; the text as found when it is not a well-formed URL.
     */
    private static String fileUrlPath(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        String s = new String(data, 0, end, StandardCharsets.UTF_8).trim();
        String body = s.regionMatches(true, 0, "file://", 0, 7) ? s.substring(7) : s;
        try {
            return URLDecoder.decode(body.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    private static String utf16z(byte[] b, int off, int len, java.nio.charset.Charset cs) {
        int end = off;
        while (end + 1 < off + len && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return new String(b, off, end - off, cs);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.VHD;
    }

    @Override
    public String subformat() {
        return switch (footer.diskType()) {
            case VhdFooter.FIXED -> "fixed";
            case VhdFooter.DYNAMIC -> "dynamic";
            default -> "differencing";
        };
    }

    /** The footer the image was read with. */
    public VhdFooter footer() {
        return footer;
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


    private byte[] bitmap(int block) throws IOException {
        byte[] b = bitmaps.get(block);
        if (b == null) {
            b = PositionalReads.readAt(path, channel, Integer.toUnsignedLong(bat[block]) * 512, bitmapBytes);
            if (bitmaps.size() > 1024) {
                bitmaps.clear();
            }
            bitmaps.put(block, b);
        }
        return b;
    }

    private Run run(long pos, long max) throws IOException {
        if (bat == null) {
            return new Run(Extent.Kind.DATA, max, pos);
        }
        int block = (int) (pos / blockSize);
        long in = pos % blockSize;
        long limit = Math.min(max, blockSize - in);
        int entry = bat[block];
        if (entry == -1) {
            return new Run(Extent.Kind.UNALLOCATED, limit, -1);
        }
        byte[] bm = bitmap(block);
        long sector = in / 512;
        boolean set = bit(bm, sector);
        long end = (sector + 1) * 512;
        while (end < in + limit && bit(bm, end / 512) == set) {
            end += 512;
        }
        long len = Math.min(limit, end - in);
        return set ? new Run(Extent.Kind.DATA, len, Integer.toUnsignedLong(entry) * 512 + bitmapBytes + in)
                : new Run(Extent.Kind.UNALLOCATED, len, -1);
    }

    private static boolean bit(byte[] bm, long sector) {
        return (bm[(int) (sector >>> 3)] & (0x80 >>> (sector & 7))) != 0;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        RunMap.read(path, capacity, offset, dst, this::run, (at, part) -> PositionalReads.readFully(path, channel, part, at), parent);
    }

    @Override
    public List<Extent> extents(long offset, long length) throws IOException {
        return RunMap.extents(capacity, offset, length, this::run, parent);
    }

    /**
     * Format facts, keys in this order: {@code diskType} ({@code fixed}, {@code dynamic},
     * {@code differencing}), {@code creatorApp}, {@code creatorVersion} ({@code "major.minor"}),
     * {@code creatorHostOs}, {@code uuid}, {@code timestamp} (ISO-8601), {@code geometry}
     * ({@code cylinders}, {@code heads}, {@code sectors}), {@code currentSize}, {@code originalSize},
     * {@code blockSize} (null for fixed), {@code batEntries} (null for fixed), {@code parentUuid},
     * {@code parentName}, {@code parentLocators} and {@code parent} (the parent's path), the last four null
     * unless differencing.
     */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("diskType", subformat());
        m.put("creatorApp", footer.creatorApp().replace('\0', ' ').trim());
        m.put("creatorVersion", (footer.creatorVersion() >>> 16) + "." + (footer.creatorVersion() & 0xFFFF));
        m.put("creatorHostOs", footer.creatorHostOs().replace('\0', ' ').trim());
        m.put("uuid", footer.uuidText());
        m.put("timestamp", Instant.ofEpochSecond(946684800L + footer.timestamp()).toString());
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("cylinders", (long) footer.cylinders());
        g.put("heads", (long) footer.heads());
        g.put("sectors", (long) footer.sectors());
        m.put("geometry", g);
        m.put("currentSize", footer.currentSize());
        m.put("originalSize", footer.originalSize());
        m.put("blockSize", bat == null ? null : (Object) (long) blockSize);
        m.put("batEntries", bat == null ? null : (Object) (long) bat.length);
        m.put("parentUuid", parentUuid == null ? null : VhdFooter.uuidText(parentUuid));
        m.put("parentName", parentName);
        m.put("parentLocators", parentUuid == null ? null : List.copyOf(locators));
        m.put("parent", parent == null ? null : parent.path().toString());
        return m;
    }

    /**
     * Structural consistency of this file (not its parents'): for dynamic and differencing disks, the
     * footer copy at 0 equals the footer at the end, every block lies after the BAT, inside the file,
     * and no two blocks overlap; the CHS product is reported when qemu would read a different size.
     */
    @Override
    public CheckResult check() throws IOException {
        List<String> corruptions = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        if (bat != null) {
            byte[] head = PositionalReads.readAt(path, channel, 0, 512);
            byte[] tail = PositionalReads.readAt(path, channel, fileSize - 512, 512);
            if (!Arrays.equals(head, tail)) {
                corruptions.add(path + ": at offset " + (VhdFooter.hasCookie(tail, 0) ? 0 : fileSize - 512)
                        + ": the footer copy at the start differs from the footer at the end");
            }
            long metaEnd = Math.max(headerOffset + DYN_HEADER, batOffset + 4L * bat.length);
            long step = bitmapBytes + (long) blockSize;
            Integer[] order = new Integer[bat.length];
            int k = 0;
            for (int i = 0; i < bat.length; i++) {
                if (bat[i] != -1) {
                    long s = Integer.toUnsignedLong(bat[i]) * 512;
                    if (s < metaEnd) {
                        corruptions.add(path + ": at offset " + (batOffset + 4L * i) + ": BAT entry " + i
                                + " points into the metadata (offset " + s + ")");
                    }
                    order[k++] = i;
                }
            }
            Integer[] alloc = Arrays.copyOf(order, k);
            Arrays.sort(alloc, (a, b) -> Integer.compareUnsigned(bat[a], bat[b]));
            for (int j = 1; j < alloc.length; j++) {
                long prev = Integer.toUnsignedLong(bat[alloc[j - 1]]) * 512;
                long cur = Integer.toUnsignedLong(bat[alloc[j]]) * 512;
                if (cur < prev + step) {
                    corruptions.add(path + ": at offset " + (batOffset + 4L * alloc[j]) + ": block " + alloc[j]
                            + " overlaps block " + alloc[j - 1]);
                }
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
        return "VhdImage[" + path + ", " + subformat() + ", " + capacity + " bytes]";
    }
}
