package io.ovfkit.disk.vhdx;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.vhd.TestDisks;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VHDXs written through {@link DiskConverter}, checked with qemu-img ({@code info -f vhdx} exact
 * size, {@code check}, {@code compare}), libvhdi and our own reader.
 */
class VhdxWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} bytes")
    @CsvSource({"dynamic, 8388608", "fixed, 8388608", "dynamic, 7341568", "fixed, 7341568", "dynamic, 1048576",
            "fixed, 512", "dynamic, 104861184", "fixed, 37748736"})
    void writtenVhdxReadsBackEverywhere(String sub, long size) throws IOException {
        Path src = TestDisks.source(dir, "src.raw", size, size);
        Path out = dir.resolve("out.vhdx");
        TestDisks.convert(src, out, DiskFormat.VHDX, sub);
        verify(src, out, sub, size, true);
    }

    private void verify(Path src, Path out, String sub, long size, boolean qemu) throws IOException {
        String srcDigest = TestDisks.digest(src);
        if (qemu) {
            assertThat(TestDisks.qemuVirtualSize(out, "vhdx")).isEqualTo(size);
            Oracle.Result c = TestDisks.qemu(dir, "check", "-f", "vhdx", out.toString());
            assertThat(c.exitCode()).as(c.describe()).isZero();
            TestDisks.qemuCompare(src, out, "raw", "vhdx");
        }
        assertThat(TestDisks.pyvhdiDigest(out)).isEqualTo(size + " " + srcDigest);
        try (DiskImage img = DiskImages.open(out, false)) {
            assertThat(img).isInstanceOf(VhdxImage.class);
            assertThat(img.subformat()).isEqualTo(sub);
            assertThat(img.capacity()).isEqualTo(size);
            assertThat(img.check().consistent()).isTrue();
            assertThat(img.check().leaks()).isEmpty();
            assertThat(TestDisks.digest(img)).isEqualTo(srcDigest);
            assertThat(img.details()).containsEntry("creator", "ovfkit");
        }
        assertThat(Files.size(out) % MIB).isZero();
    }

    @Test
    void defaultsAre32MiBBlocksAnd512ByteSectorsAndZeroBlocksStayUnallocated() throws IOException {
        long size = 200 * MIB;
        Path src = TestDisks.source(dir, "src.raw", size, 5);
        Path out = dir.resolve("out.vhdx");
        TestDisks.convert(src, out, DiskFormat.VHDX, null);
        try (DiskImage img = DiskImages.open(out)) {
            assertThat(img.subformat()).isEqualTo("dynamic");
            assertThat(img.details()).containsEntry("blockSize", 32 * MIB).containsEntry("logicalSectorSize", 512L)
                    .containsEntry("batEntries", 7L);
            long data = img.extents(0, size).stream().filter(e -> e.kind() == Extent.Kind.DATA).mapToLong(Extent::length).sum();
            assertThat(data).isEqualTo(32 * MIB + 8 * MIB); // block 0 and the last (8 MiB) block hold the random pieces
        }
        // Header, tables, log, BAT (1 MiB), metadata (1 MiB), two 32 MiB blocks.
        assertThat(Files.size(out)).isEqualTo(4 * MIB + 2 * 32 * MIB);
    }

    @ParameterizedTest(name = "block {0} logical sector {1}")
    @CsvSource({"1048576, 512", "1048576, 4096", "33554432, 4096", "268435456, 512"})
    void blockAndSectorSizeOptions(int block, int sector) throws IOException {
        long size = 9 * MIB + 4096;
        Path src = TestDisks.source(dir, "src.raw", size, 11);
        for (String sub : new String[] {"dynamic", "fixed"}) {
            Path out = dir.resolve(sub + ".vhdx");
            try (DiskImage in = DiskImages.open(src);
                    DiskWriter w = VhdxWriter.create(out, WriteOptions.builder(DiskFormat.VHDX, size).subformat(sub).build(),
                            block, sector)) {
                DiskConverter.builder().threads(3).build().convert(in, w);
            }
            // qemu opens only 512-byte logical sectors: libvhdi checks the 4096 ones.
            verify(src, out, sub, size, sector == 512);
            try (DiskImage img = DiskImages.open(out)) {
                assertThat(img.details()).containsEntry("blockSize", (long) block).containsEntry("logicalSectorSize", (long) sector);
            }
        }
    }

    @Test
    void crossesAChunkRatioBoundary() throws IOException {
        long size = 4097 * MIB + 1536;
        Path src = dir.resolve("big.raw");
        try (var f = new java.io.RandomAccessFile(src.toFile(), "rw")) {
            f.setLength(size);
            f.seek(4096 * MIB + 5);
            f.write("beyond the first chunk".getBytes());
            f.seek(size - 4);
            f.write(new byte[] {1, 2, 3, 4});
        }
        Path out = dir.resolve("big.vhdx");
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = VhdxWriter.create(out, WriteOptions.builder(DiskFormat.VHDX, size).build(), (int) MIB, 512)) {
            DiskConverter.builder().threads(2).build().convert(in, w);
        }
        assertThat(TestDisks.qemuVirtualSize(out, "vhdx")).isEqualTo(size);
        Oracle.Result c = TestDisks.qemu(dir, "check", "-f", "vhdx", out.toString());
        assertThat(c.exitCode()).as(c.describe()).isZero();
        TestDisks.qemuCompare(src, out, "raw", "vhdx");
        try (DiskImage img = DiskImages.open(out)) {
            assertThat(img.details()).containsEntry("batEntries", 4098L + 1);
        }
    }

    @Test
    void seededOutputIsReproducible() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 3 * MIB, 7);
        byte[][] outs = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("o" + i + ".vhdx");
            try (DiskImage in = DiskImages.open(src);
                    DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.VHDX, in.capacity()).contentSeed(42).build())) {
                DiskConverter.builder().threads(1 + i).build().convert(in, w);
            }
            outs[i] = Files.readAllBytes(out);
        }
        assertThat(outs[0]).isEqualTo(outs[1]);
    }

    @Test
    void allZeroDiskHasNoBlocks() throws IOException {
        Path src = dir.resolve("zero.raw");
        try (var f = new java.io.RandomAccessFile(src.toFile(), "rw")) {
            f.setLength(64 * MIB);
        }
        Path out = dir.resolve("zero.vhdx");
        TestDisks.convert(src, out, DiskFormat.VHDX, "dynamic");
        assertThat(Files.size(out)).isEqualTo(4 * MIB);
        verify(src, out, "dynamic", 64 * MIB, true);
    }
}
