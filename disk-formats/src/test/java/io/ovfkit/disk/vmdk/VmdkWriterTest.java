package io.ovfkit.disk.vmdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.EncodedBlock;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.raw.RawImage;
import io.ovfkit.ovf.testing.Oracle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The VMDK writers' structure, determinism, limits and failure behaviour (the oracles are in {@link VmdkWriterOracleTest}). */
class VmdkWriterTest {
    private static final long TIB = 1L << 40;

    @TempDir
    static Path sources;

    @BeforeAll
    static void makeSources() throws IOException {
        VmdkWriterOracleTest.Sources.writeAll(sources);
    }

    static List<String> subformats() {
        return VmdkWriters.SUBFORMATS;
    }

    private static Path source(String name) {
        return sources.resolve(name);
    }

    private static WriteOptions.Builder options(long capacity, String subformat) {
        return WriteOptions.builder(DiskFormat.VMDK, capacity).subformat(subformat);
    }

    private static DiskConverter.Result convert(Path src, Path target, WriteOptions.Builder o, int threads) throws IOException {
        try (RawImage in = RawImage.open(src); DiskWriter w = DiskWriters.create(target, o.build())) {
            return DiskConverter.builder().threads(threads).batchBytes(1 << 20).build().convert(in, w);
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("subformats")
    void sameSourceAndSeedGiveTheSameBytesWhateverTheThreadCount(String subformat, @TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.GT_CROSS);
        long cap = Files.size(src);
        Path one = Files.createDirectory(out.resolve("one"));
        Path four = Files.createDirectory(out.resolve("four"));
        convert(src, one.resolve("d.vmdk"), options(cap, subformat).contentSeed(7), 1);
        convert(src, four.resolve("d.vmdk"), options(cap, subformat).contentSeed(7), 4);
        Map<String, byte[]> a = contents(one);
        Map<String, byte[]> b = contents(four);
        assertThat(a.keySet()).isEqualTo(b.keySet()).contains("d.vmdk");
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
        }
        // Another seed changes the identifiers only.
        Path other = Files.createDirectory(out.resolve("other"));
        convert(src, other.resolve("d.vmdk"), options(cap, subformat).contentSeed(8), 2);
        VmdkDescriptor d7 = descriptorOf(one.resolve("d.vmdk"));
        VmdkDescriptor d8 = descriptorOf(other.resolve("d.vmdk"));
        assertThat(d8.cid()).isNotEqualTo(d7.cid());
        assertThat(d8.ddb().get("ddb.uuid")).isNotEqualTo(d7.ddb().get("ddb.uuid"));
        assertThat(d8.extents()).isEqualTo(d7.extents());
    }

    @ParameterizedTest
    @MethodSource("subformats")
    void closedWithoutFinishLeavesNothing(String subformat, @TempDir Path out) throws IOException {
        // 5 GiB so that split subformats have opened their second extent when the writer is closed.
        long cap = 5L << 30;
        byte[] data = new byte[65536];
        new Random(1).nextBytes(data);
        try (DiskWriter w = DiskWriters.create(out.resolve("d.vmdk"), options(cap, subformat).build());
                Scratchpad s = new Scratchpad(w)) {
            w.write(s.block(0, data));
            w.write(s.block(3L << 30, data));
            assertThat(names(out)).isNotEmpty();
        }
        assertThat(names(out)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("subformats")
    void aFailedConversionLeavesNothing(String subformat, @TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.GT_CROSS);
        try (RawImage raw = RawImage.open(src); DiskImage failing = new FailingAfter(raw, 34L << 20);
                DiskWriter w = DiskWriters.create(out.resolve("d.vmdk"), options(raw.capacity(), subformat).build())) {
            assertThatThrownBy(() -> DiskConverter.builder().threads(2).batchBytes(1 << 20).build().convert(failing, w))
                    .isInstanceOf(IOException.class).hasMessageContaining("simulated");
        }
        assertThat(names(out)).isEmpty();
    }

    @Test
    void unknownSubformatIsRefusedWithTheList(@TempDir Path out) {
        assertThatThrownBy(() -> DiskWriters.create(out.resolve("d.vmdk"), options(1 << 20, "monolithicThick").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monolithicThick")
                .hasMessageContaining("streamOptimized, monolithicSparse, monolithicFlat, twoGbMaxExtentSparse, twoGbMaxExtentFlat");
        assertThatThrownBy(() -> DiskWriters.create(out.resolve("d.vmdk"), options(1 << 20, null).adapterType("nvme").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ide, buslogic, lsilogic, legacyESX");
        assertThat(VmdkWriters.subformat(null)).isEqualTo("streamOptimized");
        assertThat(VmdkWriters.subformat("MONOLITHICSPARSE")).isEqualTo("monolithicSparse");
    }

    @Test
    void monolithicSparseRefusesWhatThirtyTwoBitPointersCannotAddress(@TempDir Path out) throws IOException {
        assertThatThrownBy(() -> DiskWriters.create(out.resolve("d.vmdk"), options(2 * TIB, "monolithicSparse").build()))
                .isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("2 TiB")
                .hasMessageContaining("twoGbMaxExtentSparse");
        assertThatThrownBy(() -> DiskWriters.create(out.resolve("d.vmdk"), options(3 * TIB, "monolithicSparse").build()))
                .isInstanceOf(DiskFormatException.class);
        assertThat(names(out)).isEmpty();
        // The limit is 2 TiB minus the metadata (two 2 KiB grain tables per 32 MiB: 256 MiB), to the sector.
        long max = SparseExtentWriter.maxAddressableSectors(true) * 512;
        assertThat(max).isBetween(2 * TIB - (257L << 20), 2 * TIB - (256L << 20));
        try (DiskWriter w = DiskWriters.create(out.resolve("d.vmdk"), options(max, "monolithicSparse").build())) {
            assertThat(w.capacity()).isEqualTo(max);
        }
        assertThatThrownBy(() -> DiskWriters.create(out.resolve("d.vmdk"), options(max + 1, "monolithicSparse").build()))
                .isInstanceOf(DiskFormatException.class).hasMessageContaining("at most " + max + " bytes");
        assertThat(names(out)).isEmpty();
    }

    @Test
    void streamOptimizedAddressesMoreThanTwoTebibytesOfSparseDisk(@TempDir Path out) throws IOException {
        Path qemu = Oracle.require("qemu-img");
        Path vmdk = out.resolve("big.vmdk");
        long cap = 4 * TIB;
        byte[] data = new byte[65536];
        new Random(2).nextBytes(data);
        try (DiskWriter w = DiskWriters.create(vmdk, options(cap, "streamOptimized").build()); Scratchpad s = new Scratchpad(w)) {
            w.write(s.encode(0, data));
            w.write(s.encode(cap - 65536, data));
            w.finish();
        }
        assertThat(Files.size(vmdk)).isLessThan(1 << 20);
        Oracle.Result check = Oracle.run(List.of(qemu.toString(), "check", "-f", "vmdk", vmdk.toString()), null, Duration.ofSeconds(60));
        assertThat(check.exitCode()).as(check.describe()).isZero();
        Oracle.Result info = Oracle.run(List.of(qemu.toString(), "info", "-f", "vmdk", "--output=json", vmdk.toString()), null,
                Duration.ofSeconds(60));
        assertThat(info.stdout()).contains("\"virtual-size\": " + cap + ",");
    }

    @Test
    void streamOptimizedFailsClearlyWhenTheFileWouldPassItsLimit(@TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.RANDOM);
        long cap = Files.size(src);
        VmdkWriters.Settings s = VmdkWriters.settings(out.resolve("d.vmdk"), options(cap, null).build(), "streamOptimized");
        try (RawImage in = RawImage.open(src); DiskWriter w = StreamOptimizedWriter.create(out.resolve("d.vmdk"), s, 1 << 20)) {
            assertThatThrownBy(() -> DiskConverter.builder().threads(2).build().convert(in, w))
                    .isInstanceOf(DiskFormatException.class)
                    .hasMessageContaining("2 TiB")
                    .hasMessageContaining("32-bit sector");
        }
        assertThat(names(out)).isEmpty();
    }

    @Test
    void streamOptimizedLayout(@TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.GT_CROSS);
        Path vmdk = out.resolve("d.vmdk");
        convert(src, vmdk, options(Files.size(src), null).contentSeed(1), 2);
        byte[] f = Files.readAllBytes(vmdk);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        SparseExtentHeader h = SparseExtentHeader.parse(b.slice(0, 512), vmdk, 0, f.length);
        assertThat(h.version()).isEqualTo(3);
        assertThat(h.flags()).isEqualTo(0x30001);
        assertThat(h.compressAlgorithm()).isEqualTo(1);
        assertThat(h.grainSize()).isEqualTo(128);
        assertThat(h.numGtesPerGt()).isEqualTo(512);
        assertThat(h.descriptorOffset()).isEqualTo(1);
        assertThat(h.descriptorSize()).isEqualTo(20);
        assertThat(h.overHead()).isEqualTo(128);
        assertThat(h.rgdOffset()).isZero();
        assertThat(h.gdOffset()).isEqualTo(SparseExtentHeader.GD_AT_END);
        assertThat(h.capacity()).isEqualTo(40L << 11);
        assertThat(f.length % 512).isZero();
        // The last three sectors: footer marker, footer (the header with the real gdOffset), EOS.
        int end = f.length;
        assertThat(b.getLong(end - 1536)).isEqualTo(1);
        assertThat(b.getInt(end - 1536 + 8)).isZero();
        assertThat(b.getInt(end - 1536 + 12)).isEqualTo(3);
        SparseExtentHeader footer = SparseExtentHeader.parse(b.slice(end - 1024, 512), vmdk, end - 1024, f.length);
        assertThat(footer.withGdOffset(SparseExtentHeader.GD_AT_END)).isEqualTo(h);
        assertThat(new byte[512]).isEqualTo(java.util.Arrays.copyOfRange(f, end - 512, end));
        // GD marker right before the GD; two grain tables, both with data here.
        long gd = footer.gdOffset();
        assertThat(b.getLong((int) (gd - 1) * 512)).isEqualTo(1);
        assertThat(b.getInt((int) (gd - 1) * 512 + 12)).isEqualTo(2);
        int gt0 = b.getInt((int) gd * 512);
        int gt1 = b.getInt((int) gd * 512 + 4);
        assertThat(gt0).isPositive();
        assertThat(gt1).isGreaterThan(gt0);
        assertThat(b.getInt((gt0 - 1) * 512 + 12)).as("GT marker type").isEqualTo(1);
        assertThat(b.getLong((gt0 - 1) * 512)).as("GT marker sectors").isEqualTo(4);
        // Walk every grain marker of the file: ascending LBAs, zlib data inflating to 64 KiB, table entries pointing at them.
        long pos = 128L * 512;
        long lastLba = -1;
        int grains = 0;
        while (true) {
            long lba = b.getLong((int) pos);
            int size = b.getInt((int) pos + 8);
            if (size == 0) {
                int type = b.getInt((int) pos + 12);
                if (type == 0) {
                    break;
                }
                pos += (1 + lba) * 512;
                continue;
            }
            assertThat(lba).isGreaterThan(lastLba);
            assertThat(lba % 128).isZero();
            assertThat(f[(int) pos + 12]).as("zlib header").isEqualTo((byte) 0x78);
            long grain = lba / 128;
            int gt = grain < 512 ? gt0 : gt1;
            assertThat(b.getInt(gt * 512 + (int) (grain % 512) * 4)).isEqualTo((int) (pos / 512));
            Inflater inf = new Inflater(false);
            inf.setInput(f, (int) pos + 12, size);
            byte[] grainBytes = new byte[65536 + 1];
            try {
                assertThat(inf.inflate(grainBytes)).isEqualTo(65536);
                assertThat(inf.finished()).isTrue();
            } catch (java.util.zip.DataFormatException e) {
                throw new AssertionError(e);
            } finally {
                inf.end();
            }
            lastLba = lba;
            grains++;
            pos += (12L + size + 511) / 512 * 512;
        }
        assertThat(pos).isEqualTo(end - 512);
        // 1 MiB random + 3 MiB text + 64 KiB random + the last 4 KiB: 16 + 48 + 1 + 1 grains.
        assertThat(grains).isEqualTo(66);
        VmdkDescriptor d = descriptorOf(vmdk);
        assertThat(d.createType()).isEqualTo("streamOptimized");
        assertThat(d.extents()).containsExactly(new VmdkDescriptor.ExtentLine("RW", 40L << 11, "SPARSE", "d.vmdk", 0));
    }

    @Test
    void monolithicSparseLayout(@TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.ODD);
        Path vmdk = out.resolve("d.vmdk");
        convert(src, vmdk, options(Files.size(src), "monolithicSparse").adapterType("ide"), 2);
        byte[] f = Files.readAllBytes(vmdk);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        SparseExtentHeader h = SparseExtentHeader.parse(b.slice(0, 512), vmdk, 0, f.length);
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.flags()).isEqualTo(0x3);
        assertThat(h.compressAlgorithm()).isZero();
        assertThat(h.capacity()).isEqualTo(10241);
        assertThat(h.descriptorOffset()).isEqualTo(1);
        assertThat(h.descriptorSize()).isEqualTo(20);
        // 81 grains → 1 GT: RGD at 21, RGT at 22..25, GD at 26, GT at 27..30, overhead 128 (as qemu).
        assertThat(h.rgdOffset()).isEqualTo(21);
        assertThat(h.gdOffset()).isEqualTo(26);
        assertThat(h.overHead()).isEqualTo(128);
        assertThat(b.getInt(21 * 512)).isEqualTo(22);
        assertThat(b.getInt(26 * 512)).isEqualTo(27);
        byte[] rgt = java.util.Arrays.copyOfRange(f, 22 * 512, 26 * 512);
        byte[] gt = java.util.Arrays.copyOfRange(f, 27 * 512, 31 * 512);
        assertThat(rgt).isEqualTo(gt);
        // Grains 0..15 (random), 48..79 (text), 80 (the last sector, padded): 49 grains, in order from sector 128.
        assertThat(b.getInt(27 * 512)).isEqualTo(128);
        assertThat(b.getInt(27 * 512 + 15 * 4)).isEqualTo(128 + 15 * 128);
        assertThat(b.getInt(27 * 512 + 16 * 4)).isZero();
        assertThat(b.getInt(27 * 512 + 48 * 4)).isEqualTo(128 + 16 * 128);
        assertThat(b.getInt(27 * 512 + 80 * 4)).isEqualTo(128 + 48 * 128);
        assertThat(f.length).isEqualTo((128 + 49 * 128) * 512);
        VmdkDescriptor d = descriptorOf(vmdk);
        assertThat(d.createType()).isEqualTo("monolithicSparse");
        assertThat(d.ddb()).containsEntry("ddb.adapterType", "ide").containsEntry("ddb.geometry.heads", "16")
                .containsEntry("ddb.geometry.sectors", "63").containsEntry("ddb.geometry.cylinders", "10");
    }

    @Test
    void descriptorCarriesTheIdentifiersAndDiskDatabase(@TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.UNALIGNED);
        Path vmdk = out.resolve("disk.img");
        convert(src, vmdk, options(Files.size(src), "monolithicFlat").hardwareVersion("7").contentSeed(99), 1);
        assertThat(names(out)).containsExactly("disk-flat.img", "disk.img");
        assertThat(Files.size(out.resolve("disk-flat.img"))).isEqualTo(2049L * 512);
        String text = Files.readString(vmdk, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# Disk DescriptorFile\nversion=1\n");
        assertThat(text.indexOf("CID=")).isLessThan(text.indexOf("parentCID=ffffffff"));
        assertThat(text).contains("createType=\"monolithicFlat\"\n").contains("\nRW 2049 FLAT \"disk-flat.img\" 0\n");
        VmdkDescriptor d = VmdkDescriptor.parse(text.getBytes(StandardCharsets.UTF_8), text.length(), vmdk);
        ContentIds ids = ContentIds.derived(99);
        assertThat(d.cid()).isEqualTo(ids.cid());
        assertThat(d.parentCid()).isEqualTo(VmdkDescriptor.NO_PARENT);
        assertThat(d.ddb().keySet()).containsExactly("ddb.adapterType", "ddb.geometry.cylinders", "ddb.geometry.heads",
                "ddb.geometry.sectors", "ddb.longContentID", "ddb.uuid", "ddb.virtualHWVersion", "ddb.toolsInstallType",
                "ddb.toolsVersion");
        assertThat(d.ddb()).containsEntry("ddb.adapterType", "lsilogic").containsEntry("ddb.geometry.heads", "255")
                .containsEntry("ddb.geometry.cylinders", "1").containsEntry("ddb.virtualHWVersion", "7")
                .containsEntry("ddb.toolsInstallType", "4").containsEntry("ddb.toolsVersion", "2147483647");
        String longId = d.ddb().get("ddb.longContentID");
        assertThat(longId).matches("[0-9a-f]{32}").endsWith(String.format("%08x", d.cid()));
        assertThat(d.ddb().get("ddb.uuid")).matches("([0-9a-f]{2} ){7}[0-9a-f]{2}-([0-9a-f]{2} ){7}[0-9a-f]{2}");
    }

    @Test
    void contentIdsAreRandomOrDerivedAndNeverReserved() {
        assertThat(ContentIds.derived(5)).isEqualTo(ContentIds.derived(5));
        assertThat(ContentIds.derived(5)).isNotEqualTo(ContentIds.derived(6));
        assertThat(ContentIds.random().cid()).isNotEqualTo(ContentIds.random().cid());
        for (long seed = 0; seed < 2000; seed++) {
            long cid = ContentIds.derived(seed).cid();
            assertThat(cid).isBetween(0L, 0xfffffffdL);
        }
    }

    @Test
    void geometryFollowsTheAdapter() {
        assertThat(Geometry.of(1, "lsilogic")).isEqualTo(new Geometry(1, 255, 63));
        assertThat(Geometry.of(41943040, "lsilogic")).isEqualTo(new Geometry(2610, 255, 63));
        assertThat(Geometry.of(6291456, "ide")).isEqualTo(new Geometry(6241, 16, 63));
        assertThat(Geometry.of(1L << 40, "ide").cylinders()).isEqualTo(16383);
        assertThat(Geometry.of(1L << 40, "buslogic").cylinders()).isEqualTo(65535);
    }

    @Test
    void extentNamesFollowQemu() {
        assertThat(VmdkWriters.extentName(Path.of("/x/disk.vmdk"), "-flat")).isEqualTo("disk-flat.vmdk");
        assertThat(VmdkWriters.extentName(Path.of("/x/disk.img"), "-s001")).isEqualTo("disk-s001.img");
        assertThat(VmdkWriters.extentName(Path.of("/x/disk"), "-f002")).isEqualTo("disk-f002.vmdk");
        assertThatThrownBy(() -> VmdkWriters.settings(Path.of("a\"b.vmdk"), options(512, null).build(), "streamOptimized"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote");
    }

    @Test
    void capacityIsRoundedUpToASector(@TempDir Path out) throws IOException {
        try (DiskWriter w = DiskWriters.create(out.resolve("d.vmdk"), options(1000, "monolithicSparse").build())) {
            assertThat(w.capacity()).isEqualTo(1024);
            assertThat(w.blockSize()).isEqualTo(65536);
        }
    }

    @Test
    void blocksMustComeInOrderOnGrainBoundaries(@TempDir Path out) throws IOException {
        byte[] data = new byte[65536];
        data[0] = 1;
        for (String sub : VmdkWriters.SUBFORMATS) {
            try (DiskWriter w = DiskWriters.create(out.resolve(sub + ".vmdk"), options(1 << 20, sub).build());
                    Scratchpad s = new Scratchpad(w)) {
                w.write(s.block(131072, data));
                assertThatThrownBy(() -> w.write(s.block(65536, data))).as(sub).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> w.write(s.block(131072 + 512, data))).as(sub).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> w.write(s.block(1 << 20, data))).as(sub).isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(names(out)).isEmpty();
    }

    @Test
    void streamOptimizedWritesToANonSeekableChannelTheSameBytesAsToAFile(@TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.ODD);
        long cap = Files.size(src);
        Path file = out.resolve("d.vmdk");
        convert(src, file, options(cap, null).contentSeed(3), 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RawImage in = RawImage.open(src);
                StreamOptimizedWriter w = StreamOptimizedWriter.toStream(Channels.newChannel(bytes), "d.vmdk",
                        options(cap, null).contentSeed(3).build())) {
            DiskConverter.builder().threads(3).build().convert(in, w);
            assertThat(w.size()).isEqualTo(bytes.size());
        }
        assertThat(bytes.toByteArray()).isEqualTo(Files.readAllBytes(file));
        assertThatThrownBy(() -> StreamOptimizedWriter.toStream(Channels.newChannel(bytes), "d.vmdk",
                options(cap, "monolithicSparse").build())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamWriteRefusesBytesThatAreNotAGrainRecord(@TempDir Path out) throws IOException {
        byte[] data = new byte[65536];
        data[7] = 7;
        try (DiskWriter w = DiskWriters.create(out.resolve("d.vmdk"), options(1 << 20, null).build())) {
            assertThat(w.encodes()).isTrue();
            assertThatThrownBy(() -> w.write(new EncodedBlock(0, data.length, ByteBuffer.wrap(data))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encode()");
        }
    }

    @Test
    void allZeroDisksAreTablesOnly(@TempDir Path out) throws IOException {
        Path src = source(VmdkWriterOracleTest.Sources.ZERO);
        for (String sub : List.of("streamOptimized", "monolithicSparse", "twoGbMaxExtentSparse")) {
            Path dir = Files.createDirectory(out.resolve(sub));
            DiskConverter.Result r = convert(src, dir.resolve("d.vmdk"), options(Files.size(src), sub), 2);
            assertThat(r.blocksWritten()).isZero();
            long total = 0;
            for (byte[] b : contents(dir).values()) {
                total += b.length;
            }
            assertThat(total).as(sub).isLessThanOrEqualTo(128 * 512 + 4096);
        }
    }

    private static VmdkDescriptor descriptorOf(Path vmdk) throws IOException {
        byte[] f = Files.readAllBytes(vmdk);
        if (f.length >= 4 && f[0] == 'K' && f[1] == 'D' && f[2] == 'M' && f[3] == 'V') {
            return VmdkDescriptor.parse(java.util.Arrays.copyOfRange(f, 512, 512 + 20 * 512), 20 * 512, vmdk);
        }
        return VmdkDescriptor.parse(f, f.length, vmdk);
    }

    /** Encodes blocks for direct writer calls, with a scratch that is released at the end. */
    private static final class Scratchpad implements AutoCloseable {
        private final DiskWriter w;
        private final DiskWriter.Scratch scratch;

        Scratchpad(DiskWriter w) {
            this.w = w;
            this.scratch = w.newScratch();
        }

        EncodedBlock encode(long offset, byte[] data) {
            return w.encode(offset, ByteBuffer.wrap(data), scratch);
        }

        EncodedBlock block(long offset, byte[] data) {
            return w.encodes() ? encode(offset, data) : new EncodedBlock(offset, data.length, ByteBuffer.wrap(data));
        }

        @Override
        public void close() {
            scratch.end();
        }
    }

    /** A source whose reads fail past a point, as a disk error would. */
    private static final class FailingAfter implements DiskImage {
        private final DiskImage inner;
        private final long failAt;

        FailingAfter(DiskImage inner, long failAt) {
            this.inner = inner;
            this.failAt = failAt;
        }

        @Override
        public Path path() {
            return inner.path();
        }

        @Override
        public DiskFormat format() {
            return inner.format();
        }

        @Override
        public String subformat() {
            return inner.subformat();
        }

        @Override
        public long capacity() {
            return inner.capacity();
        }

        @Override
        public long actualSize() throws IOException {
            return inner.actualSize();
        }

        @Override
        public void read(long offset, ByteBuffer dst) throws IOException {
            if (offset + dst.remaining() > failAt) {
                throw new IOException("simulated read error at " + offset);
            }
            inner.read(offset, dst);
        }

        @Override
        public List<Extent> extents(long offset, long length) throws IOException {
            return inner.extents(offset, length);
        }

        @Override
        public Map<String, Object> details() {
            return inner.details();
        }

        @Override
        public CheckResult check() throws IOException {
            return inner.check();
        }

        @Override
        public void close() {
            // the wrapped image is closed by its owner
        }
    }
}
