package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.PositionalReads;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.NotADiskImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
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

/**
 * A VMDK opened for reading, in pure Java: every subformat listed in the
 * {@linkplain io.ovfkit.disk.vmdk package description}, from one file with an embedded descriptor
 * ({@code KDMV} header) or from a text descriptor naming its extent files, with its chain of
 * parents.
 *
 * <p>Guest bytes come from the extents in descriptor order. Inside a sparse extent a grain whose
 * table entry is 0 (or whose whole grain table is absent) is unallocated: it reads as zeros, or as
 * the parent's bytes when the disk has a parent; a zeroed grain (entry 1, when the header allows
 * it) and a {@code ZERO} extent read as zeros even over a parent. {@link #extents} reports the
 * same: for a disk with a parent, ranges unallocated here take their kind from the parent, so that
 * a copy reads what the chain holds.
 *
 * <p>Extent and parent files must lie in the descriptor's folder: absolute names, folders and
 * {@code ..} are refused. Every size and offset read from the files is bounded before it is used, so
 * a hostile image fails with a {@link DiskFormatException} naming the file and the offset, never
 * with an {@link OutOfMemoryError}. Instances are thread-safe for concurrent {@link #read} and
 * {@link #extents} calls (the caches are synchronized); memory
 * stays bounded (a cache of at most 1024 grain tables and 16 decoded grains per chain).
 */
public final class VmdkImage implements DiskImage {
    /** Most images in a parent chain, this one included. */
    public static final int MAX_CHAIN = 64;

    private final Path path;
    private final VmdkDescriptor descriptor;
    private final boolean embedded;
    private final List<VmdkExtent> extents;
    private final long[] starts;
    private final long capacity;
    private final VmdkImage parent;
    private final ReaderCaches caches;
    private final boolean ownsCaches;
    /** The channel's size for an image opened from a channel ({@link #open(FileChannel, Path)}), else -1. */
    private long channelSize = -1;

    private VmdkImage(Path path, VmdkDescriptor descriptor, boolean embedded, List<VmdkExtent> extents, VmdkImage parent,
            ReaderCaches caches, boolean ownsCaches) {
        this.path = path;
        this.descriptor = descriptor;
        this.embedded = embedded;
        this.extents = List.copyOf(extents);
        this.starts = new long[extents.size()];
        long c = 0;
        for (int i = 0; i < extents.size(); i++) {
            starts[i] = c;
            c += extents.get(i).length();
        }
        this.capacity = c;
        this.parent = parent;
        this.caches = caches;
        this.ownsCaches = ownsCaches;
    }

    /**
     * Opens the VMDK at {@code path}: a hosted sparse or streamOptimized file ({@code KDMV}) or a
     * text descriptor, with its extent files and parents.
     *
     * @param path the sparse file or the descriptor
     * @return the open image; close it to release its files
     * @throws NoSuchFileException when {@code path} does not exist
     * @throws NotADiskImageException when the file is neither a sparse extent nor a descriptor
     * @throws DiskFormatException when it is corrupt, of an unsupported variant, names a missing or
     *     out-of-folder file, or its parent chain is broken
     */
    public static VmdkImage open(Path path) throws IOException {
        ReaderCaches caches = new ReaderCaches();
        try {
            return open(path, new LinkedHashSet<>(), caches, true);
        } catch (IOException | RuntimeException | Error e) {
            caches.close();
            throw e;
        }
    }

    /**
     * Opens a single-file VMDK (a {@code KDMV} sparse or streamOptimized extent with its embedded
     * descriptor) from an open channel, such as a range of an OVA file. Text descriptors and
     * delta disks need other files and are refused. The image takes the channel: closing the image
     * closes it.
     *
     * @param channel the extent's bytes, position 0 being the header
     * @param name the name used in messages and returned by {@link #path()}; no file is opened by it
     * @throws NotADiskImageException when the channel does not start with a sparse header
     * @throws DiskFormatException when the extent is corrupt, has no embedded descriptor or has a parent
     */
    public static VmdkImage open(FileChannel channel, Path name) throws IOException {
        ReaderCaches caches = new ReaderCaches();
        SparseExtent se = null;
        try {
            ByteBuffer head = ByteBuffer.allocate(4);
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // fill
            }
            if (head.position() < 4 || !isSparseMagic(head.array())) {
                throw new NotADiskImageException(name, "not a single-file VMDK: no KDMV sparse header");
            }
            se = SparseExtent.open(name, channel, -1, caches);
            VmdkDescriptor d = se.embeddedDescriptor();
            if (d == null) {
                throw new DiskFormatException(name, 28, "the sparse extent has no embedded descriptor: it is one extent "
                        + "of a split (twoGbMaxExtentSparse) or snapshot disk, which cannot be opened on its own");
            }
            if (d.parentCid() != VmdkDescriptor.NO_PARENT) {
                throw new DiskFormatException(name, -1, "a delta disk (parentCID set) needs its parent file and cannot "
                        + "be opened on its own");
            }
            VmdkImage img = new VmdkImage(name, d, true, List.of(se), null, caches, true);
            img.channelSize = channel.size();
            return img;
        } catch (IOException | RuntimeException | Error e) {
            if (se != null) {
                closeQuietly(List.of(se), null, e);
            } else {
                try {
                    channel.close();
                } catch (IOException c) {
                    e.addSuppressed(c);
                }
            }
            caches.close();
            throw e;
        }
    }

    private static VmdkImage open(Path path, Set<Path> chain, ReaderCaches caches, boolean owns) throws IOException {
        Path real = path.toRealPath();
        if (chain.contains(real)) {
            throw new DiskFormatException(path, -1, "the parent chain loops back to this file: " + chain);
        }
        if (chain.size() >= MAX_CHAIN) {
            throw new DiskFormatException(path, -1, "the parent chain is deeper than " + MAX_CHAIN + " images");
        }
        chain.add(real);
        List<VmdkExtent> opened = new ArrayList<>();
        VmdkImage parent = null;
        try {
            VmdkDescriptor d;
            boolean embedded;
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer head = ByteBuffer.allocate(4);
                while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                    // fill
                }
                embedded = head.position() == 4 && isSparseMagic(head.array());
                if (!embedded) {
                    d = readDescriptorFile(path, ch, head.array(), head.position());
                } else {
                    d = null;
                }
            }
            if (embedded) {
                FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                SparseExtent se;
                try {
                    se = SparseExtent.open(path, ch, -1, caches);
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                opened.add(se);
                d = se.embeddedDescriptor();
                if (d == null) {
                    throw new DiskFormatException(path, 28, "the sparse extent has no embedded descriptor: it is one "
                            + "extent of a split (twoGbMaxExtentSparse) or snapshot disk; open the descriptor file that "
                            + "names it");
                }
            } else {
                openExtents(path, d, caches, opened);
            }
            if (d.parentCid() != VmdkDescriptor.NO_PARENT && d.parentFileNameHint() != null
                    && !d.parentFileNameHint().isBlank()) {
                Path pp = sibling(path, d.parentFileNameHint(), "parentFileNameHint");
                if (!Files.exists(pp)) {
                    throw new DiskFormatException(path, -1, "the parent \"" + d.parentFileNameHint()
                            + "\" (parentFileNameHint) is missing: expected it at " + pp);
                }
                parent = open(pp, chain, caches, false);
                if (parent.descriptor.cid() != d.parentCid()) {
                    throw new DiskFormatException(path, -1, String.format(Locale.ROOT,
                            "parentCID %08x does not match the CID %08x of the parent %s: the parent was modified "
                                    + "after this delta disk was created",
                            d.parentCid(), parent.descriptor.cid(), pp));
                }
            }
            return new VmdkImage(path, d, embedded, opened, parent, caches, owns);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(opened, parent, e);
            throw e;
        }
    }

    private static boolean isSparseMagic(byte[] b) {
        return (b[0] == 'K' && b[1] == 'D' && b[2] == 'M' && b[3] == 'V') || (b[0] == 'k' && b[1] == 'd' && b[2] == 'm' && b[3] == 'v');
    }

    private static VmdkDescriptor readDescriptorFile(Path path, FileChannel ch, byte[] magic, int n) throws IOException {
        if (n == 4 && magic[0] == 'C' && magic[1] == 'O' && magic[2] == 'W' && magic[3] == 'D') {
            throw new DiskFormatException(path, 0, "a vmfsSparse (COWD) extent is not supported; ovfkit reads hosted "
                    + "sparse, streamOptimized and flat VMDKs");
        }
        long size = ch.size();
        int len = (int) Math.min(size, VmdkDescriptor.MAX_BYTES + 1L);
        ByteBuffer b = ByteBuffer.allocate(len);
        GrainDirectory.readFully(ch, b, 0, path);
        byte[] bytes = b.array();
        if (binary(bytes, Math.min(len, 16))) {
            if (len >= 512 + 21 && new String(bytes, 512, 21, StandardCharsets.ISO_8859_1).startsWith("# Disk Descriptor")) {
                throw new DiskFormatException(path, 0, String.format(Locale.ROOT, "bad magic 0x%02x%02x%02x%02x; expected "
                        + "KDMV: the file has an embedded VMDK descriptor at sector 1 but its sparse header is damaged",
                        bytes[0], bytes[1], bytes[2], bytes[3]));
            }
            throw new NotADiskImageException(path, "not a VMDK: no KDMV sparse header and no text descriptor");
        }
        String head = new String(bytes, 0, Math.min(len, 4096), StandardCharsets.ISO_8859_1);
        boolean looks = head.startsWith("# Disk DescriptorFile") || head.startsWith("# Disk Descriptor File")
                || (head.contains("createType") && head.contains("="));
        if (!looks) {
            throw new NotADiskImageException(path, "not a VMDK: no KDMV sparse header and no text descriptor "
                    + "(\"# Disk DescriptorFile\" with createType)");
        }
        if (size > VmdkDescriptor.MAX_BYTES) {
            throw new DiskFormatException(path, VmdkDescriptor.MAX_BYTES, "the descriptor file has " + size
                    + " bytes; a VMDK descriptor has at most " + VmdkDescriptor.MAX_BYTES);
        }
        return VmdkDescriptor.parse(bytes, len, path);
    }

    /** Whether the first {@code n} bytes hold a control character other than tab, CR and LF. */
    private static boolean binary(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    private static void openExtents(Path path, VmdkDescriptor d, ReaderCaches caches, List<VmdkExtent> opened)
            throws IOException {
        if (d.extents().isEmpty()) {
            throw new DiskFormatException(path, -1, "the descriptor has no extent lines");
        }
        long total = 0;
        int lineNo = 0;
        for (VmdkDescriptor.ExtentLine line : d.extents()) {
            lineNo++;
            String what = "extent " + lineNo + " (" + line.render() + ")";
            try {
                total = Math.addExact(total, Math.multiplyExact(line.sectors(), 512L));
            } catch (ArithmeticException e) {
                throw new DiskFormatException(path, -1, "the extents add up to more than 2^63 bytes at " + what);
            }
            if (line.access().equals("NOACCESS")) {
                throw new DiskFormatException(path, -1, what + ": NOACCESS extents are not supported");
            }
            switch (line.type()) {
                case "ZERO" -> opened.add(new ZeroExtent(line.sectors() * 512));
                case "FLAT", "VMFS" -> {
                    if (line.offset() > Long.MAX_VALUE / 512 - line.sectors()) {
                        throw new DiskFormatException(path, -1, what + ": offset " + line.offset() + " is out of range");
                    }
                    Path f = extentFile(path, line, what);
                    FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
                    opened.add(new FlatExtent(f, ch, line.offset() * 512, line.sectors() * 512));
                }
                case "SPARSE" -> {
                    Path f = extentFile(path, line, what);
                    FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
                    try {
                        ByteBuffer m = ByteBuffer.allocate(4);
                        ch.read(m, 0);
                        if (m.position() < 4 || !isSparseMagic(m.array())) {
                            throw new DiskFormatException(f, 0, "the SPARSE extent named by " + path.getFileName() + " "
                                    + what + " has no KDMV sparse header");
                        }
                        opened.add(SparseExtent.open(f, ch, line.sectors(), caches));
                    } catch (IOException | RuntimeException e) {
                        ch.close();
                        throw e;
                    }
                }
                case "VMFSSPARSE", "SESPARSE" -> throw new DiskFormatException(path, -1, what + ": ESXi snapshot extents ("
                        + line.type() + ") are not supported");
                case "VMFSRDM", "VMFSRAW" -> throw new DiskFormatException(path, -1, what + ": raw device mappings ("
                        + line.type() + ") point to a LUN, not a file, and cannot be read");
                default -> throw new DiskFormatException(path, -1, what + ": unknown extent type " + line.type()
                        + "; expected FLAT, SPARSE, ZERO or VMFS");
            }
        }
    }

    private static Path extentFile(Path descriptor, VmdkDescriptor.ExtentLine line, String what) {
        Path f = sibling(descriptor, line.file(), what);
        if (!Files.isRegularFile(f)) {
            throw new DiskFormatException(descriptor, -1, "the extent file \"" + line.file() + "\" named by " + what
                    + " is missing (or not a regular file): expected it at " + f);
        }
        return f;
    }

    /** {@code name} in {@code descriptor}'s folder; anything but a plain file name is refused. */
    static Path sibling(Path descriptor, String name, String what) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || (name.length() >= 2 && name.charAt(1) == ':')) {
            throw new DiskFormatException(descriptor, -1, what + ": \"" + name + "\" is not a plain file name; extent and "
                    + "parent files must lie in the descriptor's folder (absolute paths, folders and \"..\" are refused)");
        }
        Path dir = descriptor.toAbsolutePath().getParent();
        try {
            return dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new DiskFormatException(descriptor, -1, what + ": \"" + name + "\" is not a valid file name", e);
        }
    }

    private static void closeQuietly(List<VmdkExtent> opened, VmdkImage parent, Throwable failure) {
        for (VmdkExtent x : opened) {
            try {
                x.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        if (parent != null) {
            try {
                parent.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ DiskImage

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.VMDK;
    }

    /** The descriptor's {@code createType}, such as {@code streamOptimized}. */
    @Override
    public String subformat() {
        return descriptor.createType();
    }

    /** The descriptor: the embedded one of a single-file VMDK, or the descriptor file's. */
    public VmdkDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    /**
     * Sizes of the descriptor and extent files (each counted once), without the parents; for an image
     * opened from a channel, the channel's size.
     */
    @Override
    public long actualSize() throws IOException {
        if (channelSize >= 0) {
            return channelSize;
        }
        Set<Path> files = new LinkedHashSet<>();
        files.add(path.toAbsolutePath().normalize());
        for (VmdkExtent x : extents) {
            if (x.file() != null) {
                files.add(x.file().toAbsolutePath().normalize());
            }
        }
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return total;
    }

    @Override
    public Optional<DiskImage> parent() {
        return Optional.ofNullable(parent);
    }

    private int extentIndex(long pos) {
        int i = Arrays.binarySearch(starts, pos);
        return i >= 0 ? i : -i - 2; // extent lines have at least one sector, so starts are strictly increasing
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
            int i = extentIndex(pos);
            VmdkExtent x = extents.get(i);
            long in = pos - starts[i];
            long max = Math.min(dst.remaining(), x.length() - in);
            VmdkExtent.Run r = x.run(in, max);
            int n = (int) r.length();
            ByteBuffer part = dst.slice(dst.position(), n);
            switch (r.kind()) {
                case DATA -> x.read(in, part);
                case ZERO -> VmdkExtent.zero(part);
                case UNALLOCATED -> PositionalReads.readParentOrZero(parent, pos, part);
                default -> throw new IllegalStateException();
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
            int i = extentIndex(pos);
            VmdkExtent x = extents.get(i);
            long in = pos - starts[i];
            VmdkExtent.Run r = x.run(in, Math.min(end - pos, x.length() - in));
            long runEnd = pos + r.length();
            PositionalReads.appendOverParent(out, pos, runEnd, r.kind(), parent);
            pos = runEnd;
        }
        return out;
    }

    /**
     * Format facts, keys in this order: {@code createType}, {@code cid}, {@code parentCid} (8 hex
     * digits), {@code adapterType}, {@code hardwareVersion}, {@code geometry} ({@code cylinders},
     * {@code heads}, {@code sectors}, or null), {@code version} (sparse header version, null for flat
     * disks), {@code compressed}, {@code grainSize} (bytes, null for flat disks), {@code extents}
     * ({@code access}, {@code sectors}, {@code type}, {@code file}, {@code offset} per line) and
     * {@code parent} (the parent's path, or null). Values are Strings, Longs, Booleans, Lists and Maps.
     */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, String> ddb = descriptor.ddb();
        SparseExtent sparse = null;
        boolean compressed = false;
        for (VmdkExtent x : extents) {
            if (x instanceof SparseExtent s) {
                if (sparse == null) {
                    sparse = s;
                }
                compressed |= s.effectiveHeader().compressed();
            }
        }
        m.put("createType", descriptor.createType());
        m.put("cid", String.format(Locale.ROOT, "%08x", descriptor.cid()));
        m.put("parentCid", String.format(Locale.ROOT, "%08x", descriptor.parentCid()));
        m.put("adapterType", ddb.get("ddb.adapterType"));
        m.put("hardwareVersion", ddb.get("ddb.virtualHWVersion"));
        m.put("geometry", geometry(ddb));
        m.put("version", sparse == null ? null : (Object) (long) sparse.header().version());
        m.put("compressed", compressed);
        m.put("grainSize", sparse == null ? null : (Object) sparse.grainBytes());
        List<Object> lines = new ArrayList<>();
        List<VmdkDescriptor.ExtentLine> described = descriptor.extents();
        if (embedded && described.isEmpty()) {
            described = List.of(new VmdkDescriptor.ExtentLine("RW", capacity / 512, "SPARSE",
                    path.getFileName().toString(), 0));
        }
        for (VmdkDescriptor.ExtentLine e : described) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("access", e.access());
            l.put("sectors", e.sectors());
            l.put("type", e.type());
            l.put("file", e.file());
            l.put("offset", e.offset());
            lines.add(l);
        }
        m.put("extents", lines);
        m.put("parent", parent == null ? null : parent.path().toString());
        return m;
    }

    static Map<String, Object> geometry(Map<String, String> ddb) {
        try {
            String c = ddb.get("ddb.geometry.cylinders");
            String h = ddb.get("ddb.geometry.heads");
            String s = ddb.get("ddb.geometry.sectors");
            if (c == null || h == null || s == null) {
                return null;
            }
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("cylinders", Long.parseLong(c.trim()));
            g.put("heads", Long.parseLong(h.trim()));
            g.put("sectors", Long.parseLong(s.trim()));
            return g;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Structural consistency of this image's own files (not its parents'), like {@code qemu-img
     * check}: table entries inside the file and past the metadata, no grain used twice, grain markers
     * that match their table position, footer equal to the header, flat extent files as long as
     * their extent lines. Compressed grains are not inflated. Unreferenced grains of a sparse extent
     * are leaks.
     */
    @Override
    public CheckResult check() throws IOException {
        List<String> corruptions = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (VmdkExtent x : extents) {
            try {
                x.check(corruptions, leaks);
            } catch (DiskFormatException e) {
                corruptions.add(e.getMessage());
            }
        }
        return new CheckResult(corruptions, leaks);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (VmdkExtent x : extents) {
            try {
                x.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (parent != null) {
            try {
                parent.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (ownsCaches) {
            caches.close();
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "VmdkImage[" + path + ", " + descriptor.createType() + ", " + capacity + " bytes]";
    }
}
