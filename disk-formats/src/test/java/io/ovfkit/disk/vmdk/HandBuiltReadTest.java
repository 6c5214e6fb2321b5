package io.ovfkit.disk.vmdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.Extent.Kind;
import io.ovfkit.disk.NotADiskImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads VMDKs built byte by byte here (no external tool needed): sparse extents with zeroed grains
 * and absent grain tables, VMware-layout streams (grain directory at the end, footer), text
 * descriptors with flat, VMFS and ZERO extents, split sparse disks, and parent chains. {@link Build}
 * is also the template source of {@link VmdkCorruptionTest}.
 */
class HandBuiltReadTest {
    /** Small grains (4 KiB) keep a grain table's coverage at 2 MiB, so multi-table disks stay small. */
    static final int G = 8;
    static final int GB = G * 512;

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------ builder

    /** Writes hosted sparse extents, VMware streams and descriptors. */
    static final class Build {
        private Build() {
        }

        /** A descriptor's text. */
        static String descriptor(String createType, long cid, long parentCid, String parentHint, String... extentLines) {
            StringBuilder b = new StringBuilder("# Disk DescriptorFile\nversion=1\nencoding=\"UTF-8\"\n");
            b.append(String.format("CID=%08x%nparentCID=%08x%n", cid, parentCid));
            b.append("createType=\"").append(createType).append("\"\n");
            if (parentHint != null) {
                b.append("parentFileNameHint=\"").append(parentHint).append("\"\n");
            }
            b.append("\n# Extent description\n");
            for (String l : extentLines) {
                b.append(l).append('\n');
            }
            b.append("\n# The Disk Data Base\n#DDB\n\nddb.adapterType = \"lsilogic\"\nddb.geometry.cylinders = \"16\"\n"
                    + "ddb.geometry.heads = \"16\"\nddb.geometry.sectors = \"63\"\nddb.virtualHWVersion = \"4\"\n");
            return b.toString();
        }

        static ByteBuffer header(int version, int flags, long capacity, long grainSize, long descOffset, long descSize,
                long rgd, long gd, long overHead, int compress) {
            return new SparseExtentHeader(version, flags, capacity, grainSize, descOffset, descSize, 512, rgd, gd, overHead,
                    0, compress).encode();
        }

        /**
         * A hosted sparse extent (monolithicSparse when {@code descriptor} is given, else a split-disk
         * extent): header, descriptor at sector 1 (20 sectors), GD at 21, GTs, grains from overHead.
         *
         * @param grains guest grain index → content (shorter arrays are zero-padded)
         * @param zeroed grains whose entry is 1 (zeroed grain); sets flag 0x4 and version 2
         * @param omitEmptyGts give grain tables without any entry a GDE of 0
         */
        static byte[] sparse(long capacity, int grainSize, SortedMap<Long, byte[]> grains, Set<Long> zeroed,
                String descriptor, boolean omitEmptyGts) {
            int gb = grainSize * 512;
            long numGrains = (capacity + grainSize - 1) / grainSize;
            int gtCount = (int) ((numGrains + 511) / 512);
            int gdSectors = (gtCount * 4 + 511) / 512;
            long gdSector = 21;
            long gt0 = gdSector + gdSectors;
            long overHead = ((gt0 + 4L * gtCount + grainSize - 1) / grainSize) * grainSize;
            int[] gd = new int[gtCount];
            int[][] gts = new int[gtCount][512];
            boolean[] used = new boolean[gtCount];
            long next = overHead;
            for (long g : grains.keySet()) {
                gts[(int) (g / 512)][(int) (g % 512)] = (int) next;
                used[(int) (g / 512)] = true;
                next += grainSize;
            }
            for (long g : zeroed) {
                gts[(int) (g / 512)][(int) (g % 512)] = 1;
                used[(int) (g / 512)] = true;
            }
            for (int i = 0; i < gtCount; i++) {
                gd[i] = omitEmptyGts && !used[i] ? 0 : (int) (gt0 + 4L * i);
            }
            ByteBuffer f = ByteBuffer.allocate((int) (next * 512)).order(ByteOrder.LITTLE_ENDIAN);
            int flags = 0x1 | (zeroed.isEmpty() ? 0 : 0x4);
            f.put(header(zeroed.isEmpty() ? 1 : 2, flags, capacity, grainSize, descriptor == null ? 0 : 1,
                    descriptor == null ? 0 : 20, 0, gdSector, overHead, 0).array());
            if (descriptor != null) {
                f.put(512, descriptor.getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < gtCount; i++) {
                f.putInt((int) (gdSector * 512 + 4 * i), gd[i]);
                for (int j = 0; j < 512; j++) {
                    f.putInt((int) ((gt0 + 4L * i) * 512 + 4 * j), gts[i][j]);
                }
            }
            long s = overHead;
            for (byte[] d : grains.values()) {
                f.put((int) (s * 512), d, 0, Math.min(d.length, gb));
                s += grainSize;
            }
            return f.array();
        }

        /** Options of a VMware-layout stream. */
        record StreamOptions(boolean omitEmptyGts, int paddingAfterEos, boolean unknownMarker, boolean shortLastGrain,
                boolean eos) {
            static StreamOptions defaults() {
                return new StreamOptions(true, 0, false, false, true);
            }
        }

        /**
         * A streamOptimized extent in VMware's layout A: header with gdOffset = GD_AT_END, grains
         * (marker + zlib) per grain table, GT marker + GT, GD marker + GD, footer marker + footer, EOS.
         */
        static byte[] streamA(long capacity, int grainSize, SortedMap<Long, byte[]> grains, String descriptor,
                StreamOptions o) {
            int gb = grainSize * 512;
            long numGrains = (capacity + grainSize - 1) / grainSize;
            int gtCount = (int) ((numGrains + 511) / 512);
            int gdSectors = (gtCount * 4 + 511) / 512;
            long overHead = Math.max(128, ((21 + grainSize - 1) / grainSize) * grainSize);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] head = new byte[(int) (overHead * 512)];
            ByteBuffer hb = header(3, 0x30001, capacity, grainSize, 1, 20, 0, SparseExtentHeader.GD_AT_END, overHead, 1);
            System.arraycopy(hb.array(), 0, head, 0, 512);
            byte[] desc = descriptor.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(desc, 0, head, 512, desc.length);
            out.writeBytes(head);
            int[] gd = new int[gtCount];
            for (int gt = 0; gt < gtCount; gt++) {
                int[] table = new int[512];
                boolean any = false;
                for (Map.Entry<Long, byte[]> e : grains.subMap((long) gt * 512, (long) (gt + 1) * 512).entrySet()) {
                    long g = e.getKey();
                    byte[] full = Arrays.copyOf(e.getValue(), gb);
                    int len = gb;
                    long rest = (capacity - g * grainSize) * 512;
                    if (o.shortLastGrain() && rest < gb) {
                        len = (int) rest;
                    }
                    byte[] z = zlib(full, len);
                    table[(int) (g % 512)] = (int) (out.size() / 512);
                    ByteBuffer m = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                    m.putLong(g * grainSize).putInt(z.length);
                    out.writeBytes(m.array());
                    out.writeBytes(z);
                    pad(out);
                    any = true;
                }
                if (any || !o.omitEmptyGts()) {
                    out.writeBytes(metaMarker(4, 1));
                    gd[gt] = out.size() / 512;
                    ByteBuffer t = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
                    for (int v : table) {
                        t.putInt(v);
                    }
                    out.writeBytes(t.array());
                }
            }
            if (o.unknownMarker()) {
                out.writeBytes(metaMarker(1, 4));
                out.writeBytes(new byte[512]);
            }
            out.writeBytes(metaMarker(gdSectors, 2));
            long gdSector = out.size() / 512;
            ByteBuffer gdb = ByteBuffer.allocate(gdSectors * 512).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : gd) {
                gdb.putInt(v);
            }
            out.writeBytes(gdb.array());
            out.writeBytes(metaMarker(1, 3));
            out.writeBytes(header(3, 0x30001, capacity, grainSize, 1, 20, 0, gdSector, overHead, 1).array());
            if (o.eos()) {
                out.writeBytes(new byte[512]);
            }
            out.writeBytes(new byte[512 * o.paddingAfterEos()]);
            return out.toByteArray();
        }

        static byte[] metaMarker(long numSectors, int type) {
            ByteBuffer m = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
            m.putLong(0, numSectors).putInt(8, 0).putInt(12, type);
            return m.array();
        }

        static byte[] zlib(byte[] data, int len) {
            Deflater d = new Deflater(6, false);
            d.setInput(data, 0, len);
            d.finish();
            byte[] buf = new byte[len + len / 100 + 1024];
            int n = 0;
            while (!d.finished()) {
                n += d.deflate(buf, n, buf.length - n);
            }
            d.end();
            return Arrays.copyOf(buf, n);
        }

        private static void pad(java.io.ByteArrayOutputStream out) {
            int r = out.size() % 512;
            if (r != 0) {
                out.writeBytes(new byte[512 - r]);
            }
        }

        /** The guest bytes the grains describe. */
        static byte[] expected(long capacity, int grainSize, SortedMap<Long, byte[]> grains) {
            byte[] e = new byte[(int) (capacity * 512)];
            int gb = grainSize * 512;
            for (Map.Entry<Long, byte[]> x : grains.entrySet()) {
                int at = (int) (x.getKey() * gb);
                System.arraycopy(x.getValue(), 0, e, at, Math.min(Math.min(x.getValue().length, gb), e.length - at));
            }
            return e;
        }

        static byte[] random(long seed, int n) {
            byte[] b = new byte[n];
            new Random(seed).nextBytes(b);
            return b;
        }

        static byte[] text(int n, String s) {
            byte[] b = new byte[n];
            byte[] t = s.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < n; i++) {
                b[i] = t[i % t.length];
            }
            return b;
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    static byte[] readAll(DiskImage img) throws IOException {
        byte[] all = new byte[(int) img.capacity()];
        // odd-sized chunks so reads cross grain, table and extent boundaries
        int chunk = 3 * 1000 + 7;
        for (int off = 0; off < all.length; off += chunk) {
            img.read(off, ByteBuffer.wrap(all, off, Math.min(chunk, all.length - off)));
        }
        return all;
    }

    static Kind kindAt(List<Extent> map, long pos) {
        for (Extent e : map) {
            if (pos >= e.offset() && pos < e.end()) {
                return e.kind();
            }
        }
        throw new AssertionError("no extent covers " + pos + " in " + map);
    }

    static void assertCovering(List<Extent> map, long offset, long length) {
        long pos = offset;
        Extent prev = null;
        for (Extent e : map) {
            assertThat(e.offset()).as("contiguous").isEqualTo(pos);
            if (prev != null) {
                assertThat(e.kind()).as("neighbours merged").isNotEqualTo(prev.kind());
            }
            pos = e.end();
            prev = e;
        }
        assertThat(pos).isEqualTo(offset + length);
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** 4 grain tables with 4 KiB grains (6 MiB + 12 KiB + 512), the third empty, the last grain partial. */
    static final long CAP = 3L * 512 * G + 3 * G + 1;

    static SortedMap<Long, byte[]> someGrains() {
        SortedMap<Long, byte[]> g = new TreeMap<>();
        g.put(0L, Build.random(1, GB));
        g.put(1L, Build.text(GB, "compressible "));
        g.put(7L, Build.random(2, GB));
        g.put(600L, Build.random(3, GB));
        long last = (CAP - 1) / G;
        g.put(last, Build.random(4, 512)); // data in the very last sector
        return g;
    }

    // ------------------------------------------------------------------------------------ tests

    @Test
    void sparseWithZeroedGrainsAndAbsentTables() throws IOException {
        SortedMap<Long, byte[]> grains = someGrains();
        Set<Long> zeroed = Set.of(3L, 700L);
        Path p = write("mono.vmdk", Build.sparse(CAP, G, grains, zeroed,
                Build.descriptor("monolithicSparse", 0x1234abcdL, 0xffffffffL, null, "RW " + CAP + " SPARSE \"mono.vmdk\""),
                true));
        try (DiskImage img = DiskImages.open(p)) {
            assertThat(img).isInstanceOf(VmdkImage.class);
            assertThat(img.format()).isEqualTo(DiskFormat.VMDK);
            assertThat(img.subformat()).isEqualTo("monolithicSparse");
            assertThat(img.capacity()).isEqualTo(CAP * 512);
            assertThat(readAll(img)).isEqualTo(Build.expected(CAP, G, grains));
            List<Extent> map = img.extents(0, img.capacity());
            assertCovering(map, 0, img.capacity());
            assertThat(kindAt(map, 0)).isEqualTo(Kind.DATA);
            assertThat(kindAt(map, 2L * GB)).isEqualTo(Kind.UNALLOCATED);
            assertThat(kindAt(map, 3L * GB)).isEqualTo(Kind.ZERO);
            assertThat(kindAt(map, 700L * GB)).isEqualTo(Kind.ZERO);
            assertThat(kindAt(map, 1024L * GB + 5)).as("grain table 2 is absent (GDE 0)").isEqualTo(Kind.UNALLOCATED);
            assertThat(kindAt(map, img.capacity() - 1)).isEqualTo(Kind.DATA);
            assertThat(map.get(0)).isEqualTo(new Extent(0, 2L * GB, Kind.DATA));
            // a window: bounded to what was asked, and beyond the end nothing
            assertThat(img.extents(GB + 100, 10)).containsExactly(new Extent(GB + 100, 10, Kind.DATA));
            assertThat(img.extents(img.capacity(), 100)).isEmpty();
            assertThat(img.extents(img.capacity() - 10, Long.MAX_VALUE)).hasSize(1);
            CheckResult c = img.check();
            assertThat(c.corruptions()).isEmpty();
            assertThat(c.leaks()).isEmpty();
            Map<String, Object> d = img.details();
            assertThat(d.keySet()).containsExactly("createType", "cid", "parentCid", "adapterType", "hardwareVersion",
                    "geometry", "version", "compressed", "grainSize", "extents", "parent");
            assertThat(d).containsEntry("cid", "1234abcd").containsEntry("parentCid", "ffffffff")
                    .containsEntry("adapterType", "lsilogic").containsEntry("hardwareVersion", "4")
                    .containsEntry("version", 2L).containsEntry("compressed", false).containsEntry("grainSize", (long) GB);
            assertThat(d.get("geometry")).isEqualTo(Map.of("cylinders", 16L, "heads", 16L, "sectors", 63L));
            assertThat(img.actualSize()).isEqualTo(Files.size(p));
            assertThatThrownBy(() -> img.read(img.capacity() - 1, ByteBuffer.allocate(2)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> img.read(-1, ByteBuffer.allocate(1))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unreferencedGrainIsALeak() throws IOException {
        SortedMap<Long, byte[]> grains = someGrains();
        byte[] f = Build.sparse(CAP, G, grains, Set.of(),
                Build.descriptor("monolithicSparse", 1, 0xffffffffL, null, "RW " + CAP + " SPARSE \"x.vmdk\""), false);
        byte[] bigger = Arrays.copyOf(f, f.length + GB); // one grain nobody points to
        try (VmdkImage img = VmdkImage.open(write("leak.vmdk", bigger))) {
            CheckResult c = img.check();
            assertThat(c.consistent()).isTrue();
            assertThat(c.leaks()).singleElement().asString().contains("1 grain-sized area").contains("offset " + f.length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "padded", "unknownMarker", "shortLastGrain", "allTables"})
    void vmwareStreamWithFooter(String variant) throws IOException {
        SortedMap<Long, byte[]> grains = someGrains();
        Build.StreamOptions o = switch (variant) {
            case "padded" -> new Build.StreamOptions(true, 7, false, false, true);
            case "unknownMarker" -> new Build.StreamOptions(true, 0, true, false, true);
            case "shortLastGrain" -> new Build.StreamOptions(true, 0, false, true, true);
            case "allTables" -> new Build.StreamOptions(false, 0, false, false, true);
            default -> Build.StreamOptions.defaults();
        };
        Path p = write("s.vmdk", Build.streamA(CAP, G, grains,
                Build.descriptor("streamOptimized", 0xcafe, 0xffffffffL, null, "RW " + CAP + " SPARSE \"s.vmdk\""), o));
        try (VmdkImage img = VmdkImage.open(p)) {
            assertThat(img.subformat()).isEqualTo("streamOptimized");
            assertThat(img.details()).containsEntry("compressed", true).containsEntry("version", 3L);
            assertThat(readAll(img)).isEqualTo(Build.expected(CAP, G, grains));
            List<Extent> map = img.extents(0, img.capacity());
            assertCovering(map, 0, img.capacity());
            assertThat(kindAt(map, 2L * GB)).isEqualTo(Kind.UNALLOCATED);
            assertThat(kindAt(map, 600L * GB)).isEqualTo(Kind.DATA);
            assertThat(img.check().corruptions()).isEmpty();
        }
    }

    @Test
    void streamWithoutEndOfStreamMarkerReadsButCheckComplains() throws IOException {
        SortedMap<Long, byte[]> grains = someGrains();
        Path p = write("noeos.vmdk", Build.streamA(CAP, G, grains,
                Build.descriptor("streamOptimized", 1, 0xffffffffL, null, "RW " + CAP + " SPARSE \"noeos.vmdk\""),
                new Build.StreamOptions(true, 0, false, false, false)));
        try (VmdkImage img = VmdkImage.open(p)) {
            assertThat(readAll(img)).isEqualTo(Build.expected(CAP, G, grains));
            assertThat(img.check().corruptions()).singleElement().asString().contains("end-of-stream");
        }
    }

    @Test
    void concurrentReadersSeeTheSameBytes() throws Exception {
        SortedMap<Long, byte[]> grains = new TreeMap<>();
        for (long g = 0; g < 900; g += 3) {
            grains.put(g, g % 2 == 0 ? Build.random(g, GB) : Build.text(GB, "grain " + g));
        }
        byte[] expected = Build.expected(CAP, G, grains);
        Path s = write("c.vmdk", Build.streamA(CAP, G, grains,
                Build.descriptor("streamOptimized", 1, 0xffffffffL, null, "RW " + CAP + " SPARSE \"c.vmdk\""),
                Build.StreamOptions.defaults()));
        Path m = write("m.vmdk", Build.sparse(CAP, G, grains, Set.of(),
                Build.descriptor("monolithicSparse", 1, 0xffffffffL, null, "RW " + CAP + " SPARSE \"m.vmdk\""), false));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Path p : List.of(s, m)) {
                try (VmdkImage img = VmdkImage.open(p)) {
                    List<Future<?>> fs = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        long seed = t;
                        fs.add(pool.submit(() -> {
                            Random r = new Random(seed);
                            for (int i = 0; i < 300; i++) {
                                int len = 1 + r.nextInt(3 * GB);
                                int off = r.nextInt(expected.length - len);
                                ByteBuffer b = r.nextBoolean() ? ByteBuffer.allocate(len) : ByteBuffer.allocateDirect(len);
                                img.read(off, b);
                                b.flip();
                                byte[] got = new byte[len];
                                b.get(got);
                                assertThat(Arrays.equals(got, 0, len, expected, off, off + len)).as("read %d+%d", off, len)
                                        .isTrue();
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : fs) {
                        f.get();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parentChainReadsThroughUnallocatedGrains() throws IOException {
        SortedMap<Long, byte[]> base = new TreeMap<>();
        base.put(0L, Build.random(10, GB)); // kept: child leaves it unallocated
        base.put(1L, Build.random(11, GB)); // overwritten by the child
        base.put(2L, Build.random(12, GB)); // hidden by a zeroed grain in the child
        base.put(600L, Build.random(13, GB)); // in a grain table the child does not have (GDE 0)
        write("base.vmdk", Build.sparse(CAP, G, base, Set.of(),
                Build.descriptor("monolithicSparse", 0xbbbbbbbbL, 0xffffffffL, null, "RW " + CAP + " SPARSE \"base.vmdk\""),
                false));
        SortedMap<Long, byte[]> child = new TreeMap<>();
        child.put(1L, Build.random(21, GB));
        child.put(5L, Build.random(22, GB));
        Path c = write("child.vmdk", Build.sparse(CAP, G, child, Set.of(2L),
                Build.descriptor("monolithicSparse", 0xccccccccL, 0xbbbbbbbbL, "base.vmdk",
                        "RW " + CAP + " SPARSE \"child.vmdk\""), true));
        byte[] expected = Build.expected(CAP, G, base);
        System.arraycopy(child.get(1L), 0, expected, GB, GB);
        System.arraycopy(child.get(5L), 0, expected, 5 * GB, GB);
        Arrays.fill(expected, 2 * GB, 3 * GB, (byte) 0);
        try (VmdkImage img = VmdkImage.open(c)) {
            assertThat(img.parent()).isPresent();
            assertThat(img.details()).containsEntry("parent", dir.resolve("base.vmdk").toString())
                    .containsEntry("parentCid", "bbbbbbbb");
            assertThat(readAll(img)).isEqualTo(expected);
            List<Extent> map = img.extents(0, img.capacity());
            assertCovering(map, 0, img.capacity());
            assertThat(kindAt(map, 0)).as("parent's data").isEqualTo(Kind.DATA);
            assertThat(kindAt(map, GB)).isEqualTo(Kind.DATA);
            assertThat(kindAt(map, 2L * GB)).as("zeroed grain hides the parent").isEqualTo(Kind.ZERO);
            assertThat(kindAt(map, 3L * GB)).isEqualTo(Kind.UNALLOCATED);
            assertThat(kindAt(map, 600L * GB)).as("parent's data under an absent table").isEqualTo(Kind.DATA);
            assertThat(img.actualSize()).isEqualTo(Files.size(c));
        }
    }

    @Test
    void parentWithAnotherCidIsRefused() throws IOException {
        write("base.vmdk", Build.sparse(CAP, G, new TreeMap<>(), Set.of(),
                Build.descriptor("monolithicSparse", 0x11111111L, 0xffffffffL, null, "RW " + CAP + " SPARSE \"base.vmdk\""),
                false));
        Path c = write("child.vmdk", Build.sparse(CAP, G, new TreeMap<>(), Set.of(),
                Build.descriptor("monolithicSparse", 3, 0x22222222L, "base.vmdk", "RW " + CAP + " SPARSE \"child.vmdk\""),
                false));
        assertThatThrownBy(() -> VmdkImage.open(c)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("child.vmdk").hasMessageContaining("22222222").hasMessageContaining("11111111");
    }

    @Test
    void missingParentIsNamed() throws IOException {
        Path c = write("child.vmdk", Build.sparse(CAP, G, new TreeMap<>(), Set.of(),
                Build.descriptor("monolithicSparse", 3, 0x22222222L, "gone.vmdk", "RW " + CAP + " SPARSE \"child.vmdk\""),
                false));
        assertThatThrownBy(() -> VmdkImage.open(c)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("child.vmdk").hasMessageContaining("gone.vmdk");
    }

    @Test
    void parentLoopIsRefused() throws IOException {
        write("a.vmdk", Build.descriptor("monolithicFlat", 0xa, 0xb, "b.vmdk", "RW 8 ZERO"));
        Path b = write("b.vmdk", Build.descriptor("monolithicFlat", 0xb, 0xa, "a.vmdk", "RW 8 ZERO"));
        assertThatThrownBy(() -> VmdkImage.open(b)).isInstanceOf(DiskFormatException.class).hasMessageContaining("loop");
        Path self = write("self.vmdk", Build.descriptor("monolithicFlat", 0xc, 0xc, "self.vmdk", "RW 8 ZERO"));
        assertThatThrownBy(() -> VmdkImage.open(self)).isInstanceOf(DiskFormatException.class).hasMessageContaining("loop");
    }

    @Test
    void chainDeeperThan64IsRefused() throws IOException {
        for (int i = 0; i < 70; i++) {
            write("d" + i + ".vmdk", Build.descriptor("monolithicFlat", i + 1, i == 0 ? 0xffffffffL : i,
                    i == 0 ? null : "d" + (i - 1) + ".vmdk", "RW 8 ZERO"));
        }
        try (VmdkImage ok = VmdkImage.open(dir.resolve("d63.vmdk"))) {
            assertThat(ok.capacity()).isEqualTo(4096);
        }
        assertThatThrownBy(() -> VmdkImage.open(dir.resolve("d69.vmdk"))).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("deeper than 64");
    }

    @Test
    void descriptorWithFlatVmfsAndZeroExtents() throws IOException {
        byte[] a = Build.random(30, 64 * 1024);
        byte[] b = Build.random(31, 32 * 1024);
        write("a-flat.vmdk", a);
        write("b-flat.vmdk", b);
        // a's second half, then 16 sectors of zeros, then b whole (VMFS line, no offset), then a's first 8 sectors
        Path d = write("multi.vmdk", Build.descriptor("vmfsThin", 0x42, 0xffffffffL, null,
                "RW 64 FLAT \"a-flat.vmdk\" 64", "RW 16 ZERO", "RDONLY 64 VMFS \"b-flat.vmdk\"", "RW 8 FLAT \"a-flat.vmdk\" 0"));
        byte[] expected = new byte[(64 + 16 + 64 + 8) * 512];
        System.arraycopy(a, 32 * 1024, expected, 0, 32 * 1024);
        System.arraycopy(b, 0, expected, 40 * 1024, 32 * 1024);
        System.arraycopy(a, 0, expected, 72 * 1024, 4096);
        try (DiskImage img = DiskImages.open(d)) {
            assertThat(img.subformat()).isEqualTo("vmfsThin");
            assertThat(img.capacity()).isEqualTo(expected.length);
            assertThat(readAll(img)).isEqualTo(expected);
            assertThat(img.extents(0, img.capacity())).containsExactly(new Extent(0, 32 * 1024, Kind.DATA),
                    new Extent(32 * 1024, 8 * 1024, Kind.ZERO), new Extent(40 * 1024, 36 * 1024, Kind.DATA));
            assertThat(img.check().corruptions()).isEmpty();
            assertThat(img.actualSize()).isEqualTo(Files.size(d) + a.length + b.length);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) img.details().get("extents");
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).containsExactly(Map.entry("access", "RW"), Map.entry("sectors", 64L),
                    Map.entry("type", "FLAT"), Map.entry("file", "a-flat.vmdk"), Map.entry("offset", 64L));
            assertThat(img.details()).containsEntry("version", null).containsEntry("grainSize", null);
        }
    }

    @Test
    void tabsAndCrlfInTheDescriptor() throws IOException {
        byte[] a = Build.random(33, 8192);
        write("t-flat.vmdk", a);
        Path d = write("t.vmdk", Build.descriptor("monolithicFlat", 1, 0xffffffffL, null, "RW\t16\tFLAT\t\"t-flat.vmdk\"\t0")
                .replace("\n", "\r\n"));
        try (VmdkImage img = VmdkImage.open(d)) {
            assertThat(readAll(img)).isEqualTo(a);
            assertThat(img.details()).containsEntry("adapterType", "lsilogic");
        }
    }

    @Test
    void shortFlatFileReadsZerosAndCheckReportsIt() throws IOException {
        byte[] a = Build.random(32, 3000);
        write("short-flat.vmdk", a);
        Path d = write("short.vmdk", Build.descriptor("monolithicFlat", 1, 0xffffffffL, null,
                "RW 16 FLAT \"short-flat.vmdk\" 0"));
        try (VmdkImage img = VmdkImage.open(d)) {
            assertThat(readAll(img)).isEqualTo(Arrays.copyOf(a, 8192));
            assertThat(img.check().corruptions()).singleElement().asString().contains("short-flat.vmdk")
                    .contains("at offset 3000");
        }
    }

    @Test
    void splitSparseTakesSizesFromTheExtentLines() throws IOException {
        long cap1 = 600L * G; // first extent: more than one grain table
        long cap2 = 5L * G + 3;
        SortedMap<Long, byte[]> g1 = new TreeMap<>(Map.of(0L, Build.random(40, GB), 599L, Build.random(41, GB)));
        SortedMap<Long, byte[]> g2 = new TreeMap<>(Map.of(5L, Build.random(42, 3 * 512)));
        write("split-s001.vmdk", Build.sparse(cap1, G, g1, Set.of(), null, true));
        write("split-s002.vmdk", Build.sparse(cap2, G, g2, Set.of(), null, true));
        Path d = write("split.vmdk", Build.descriptor("twoGbMaxExtentSparse", 7, 0xffffffffL, null,
                "RW " + cap1 + " SPARSE \"split-s001.vmdk\"", "RW " + cap2 + " SPARSE \"split-s002.vmdk\""));
        byte[] expected = new byte[(int) ((cap1 + cap2) * 512)];
        byte[] e1 = Build.expected(cap1, G, g1);
        byte[] e2 = Build.expected(cap2, G, g2);
        System.arraycopy(e1, 0, expected, 0, e1.length);
        System.arraycopy(e2, 0, expected, e1.length, e2.length);
        try (VmdkImage img = VmdkImage.open(d)) {
            assertThat(img.capacity()).isEqualTo(expected.length);
            assertThat(readAll(img)).isEqualTo(expected);
            assertThat(img.extents(0, img.capacity())).containsExactly(new Extent(0, GB, Kind.DATA),
                    new Extent(GB, 598L * GB, Kind.UNALLOCATED), new Extent(599L * GB, GB, Kind.DATA),
                    new Extent(600L * GB, 5L * GB, Kind.UNALLOCATED), new Extent(605L * GB, 3 * 512, Kind.DATA));
            assertThat(img.check().corruptions()).isEmpty();
            assertThat(img.details()).containsEntry("version", 1L);
        }
        // the extent alone has no descriptor: refused with a pointer to the descriptor
        assertThatThrownBy(() -> VmdkImage.open(dir.resolve("split-s001.vmdk"))).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("split-s001.vmdk").hasMessageContaining("descriptor file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../outside-flat.vmdk", "sub/inner-flat.vmdk", "C:\\vms\\x-flat.vmdk", ".."})
    void extentNamesOutsideTheFolderAreRefused(String name) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/inner-flat.vmdk"), new byte[4096]);
        Path d = write("bad.vmdk", Build.descriptor("monolithicFlat", 1, 0xffffffffL, null, "RW 8 FLAT \"" + name + "\" 0"));
        assertThatThrownBy(() -> VmdkImage.open(d)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("bad.vmdk").hasMessageContaining(name).hasMessageContaining("descriptor's folder");
        Path c = write("badparent.vmdk", Build.descriptor("monolithicFlat", 1, 2, name, "RW 8 ZERO"));
        assertThatThrownBy(() -> VmdkImage.open(c)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("badparent.vmdk").hasMessageContaining("descriptor's folder");
    }

    @Test
    void missingExtentNamesDescriptorAndFile() throws IOException {
        Path d = write("lonely.vmdk", Build.descriptor("twoGbMaxExtentSparse", 1, 0xffffffffL, null,
                "RW 8 SPARSE \"lonely-s001.vmdk\""));
        assertThatThrownBy(() -> VmdkImage.open(d)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("lonely.vmdk").hasMessageContaining("lonely-s001.vmdk").hasMessageContaining("missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOACCESS 8 FLAT \"x-flat.vmdk\" 0", "RW 8 VMFSSPARSE \"x-flat.vmdk\"",
        "RW 8 VMFSRDM \"x-flat.vmdk\"", "RW 8 SESPARSE \"x-flat.vmdk\"", "RW 8 WEIRD \"x-flat.vmdk\"",
        "RW 8 SPARSE \"x-flat.vmdk\""})
    void unsupportedExtentsAreRefusedClearly(String line) throws IOException {
        write("x-flat.vmdk", new byte[4096]);
        Path d = write("u.vmdk", Build.descriptor("custom", 1, 0xffffffffL, null, line));
        assertThatThrownBy(() -> VmdkImage.open(d)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("u.vmdk");
    }

    @Test
    void notAVmdkIsNotADiskImage() throws IOException {
        Path r = write("random.vmdk", Build.random(50, 4096));
        assertThatThrownBy(() -> VmdkImage.open(r)).isInstanceOf(NotADiskImageException.class)
                .hasMessageContaining("random.vmdk");
        Path e = write("empty.vmdk", new byte[0]);
        assertThatThrownBy(() -> VmdkImage.open(e)).isInstanceOf(NotADiskImageException.class);
        byte[] big = new byte[(1 << 20) + 10];
        byte[] t = Build.descriptor("monolithicFlat", 1, 0xffffffffL, null, "RW 8 ZERO").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, big, 0, t.length);
        Arrays.fill(big, t.length, big.length, (byte) '#');
        Path huge = write("huge.vmdk", big);
        assertThatThrownBy(() -> VmdkImage.open(huge)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("huge.vmdk").hasMessageContaining("at most");
    }

    @Test
    void aPebibyteDiskWithTheLargestDirectoryOpensAndMapsInBoundedWork() throws IOException {
        // 2^25 grain tables (qemu's bound): a 128 MiB grain directory, all zero, in a sparse file
        long gts = 1L << 25;
        long capacity = gts * 512 * 128;
        Path p = dir.resolve("huge.vmdk");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(21 * 512 + gts * 4);
            f.write(Build.header(1, 0x1, capacity, 128, 1, 20, 0, 21, 21 + gts * 4 / 512, 0).array());
            f.write(Build.descriptor("monolithicSparse", 9, 0xffffffffL, null, "RW " + capacity + " SPARSE \"huge.vmdk\"")
                    .getBytes(StandardCharsets.UTF_8));
        }
        try (VmdkImage img = VmdkImage.open(p)) {
            assertThat(img.capacity()).isEqualTo(capacity * 512).isEqualTo(1L << 50);
            long tib = 1L << 40;
            assertThat(img.extents(img.capacity() - tib, tib)).containsExactly(
                    new Extent(img.capacity() - tib, tib, Kind.UNALLOCATED));
            ByteBuffer b = ByteBuffer.allocate(4096);
            img.read(img.capacity() - 4096, b);
            assertThat(b.array()).containsOnly(0);
            b.clear();
            img.read(123L << 40, b);
            assertThat(b.array()).containsOnly(0);
        }
    }

    @Test
    void manyOpenAndCloseCyclesReleaseFiles() throws IOException {
        SortedMap<Long, byte[]> grains = someGrains();
        Path p = write("cyc.vmdk", Build.streamA(CAP, G, grains,
                Build.descriptor("streamOptimized", 1, 0xffffffffL, null, "RW " + CAP + " SPARSE \"cyc.vmdk\""),
                Build.StreamOptions.defaults()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            try (VmdkImage img = VmdkImage.open(p)) {
                ByteBuffer b = ByteBuffer.allocate(16);
                img.read(7L * GB, b);
                seen.add(Arrays.toString(b.array()));
            }
        }
        assertThat(seen).hasSize(1);
    }
}
