package io.ovfkit.disk.vhdx;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.vhd.TestDisks;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VHDXs that qemu-img writes, and the corpus VHDXs, read as qemu-img reads them. */
class VhdxReadTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} block {1} size {2} log {3}")
    @CsvSource({"dynamic, 1M, 8388608, 1M", "fixed, 1M, 8388608, 1M", "dynamic, 32M, 104861184, 1M",
            "fixed, 32M, 7341568, 1M", "dynamic, 1M, 7341568, 4M", "dynamic, 8M, 1048576, 1M"})
    void qemuWrittenVhdxReadsLikeItsSource(String sub, String block, long size, String log) throws IOException {
        Path src = TestDisks.source(dir, "src.raw", size, size + 1);
        Path vhdx = dir.resolve("q.vhdx");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "raw", "-O", "vhdx", "-o",
                "subformat=" + sub + ",block_size=" + block + ",log_size=" + log, src.toString(), vhdx.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(DiskImages.probe(vhdx)).isEqualTo(DiskFormat.VHDX);
        try (DiskImage img = DiskImages.open(vhdx, false)) {
            assertThat(img).isInstanceOf(VhdxImage.class);
            assertThat(img.format()).isEqualTo(DiskFormat.VHDX);
            assertThat(img.subformat()).isEqualTo(sub);
            assertThat(img.capacity()).isEqualTo(size);
            assertThat(img.check().consistent()).isTrue();
            assertThat(img.details()).containsEntry("blockSize", parse(block)).containsEntry("logicalSectorSize", 512L)
                    .containsEntry("logReplayed", 0L);
            assertThat(TestDisks.digest(img)).isEqualTo(TestDisks.digest(src));
            List<Extent> map = img.extents(0, size);
            assertThat(map.get(0).offset()).isZero();
            assertThat(map.get(map.size() - 1).end()).isEqualTo(size);
            if (sub.equals("dynamic") && size > 8 * MIB && parse(block) == MIB) {
                assertThat(map).anyMatch(e -> e.kind() != Extent.Kind.DATA);
            }
        }
    }

    private static long parse(String block) {
        return Long.parseLong(block.substring(0, block.length() - 1)) * MIB;
    }

    @Test
    void crossesAChunkRatioBoundary() throws IOException {
        // 1 MiB blocks with 512-byte sectors: chunk ratio 4096, so block 4096 sits at BAT index 4097.
        long size = 4097 * MIB + 512 * 3;
        Path src = dir.resolve("big.raw");
        try (var f = new java.io.RandomAccessFile(src.toFile(), "rw")) {
            f.setLength(size);
            f.seek(4096 * MIB + 5);
            f.write("beyond the first chunk".getBytes());
            f.seek(100);
            f.write("first block".getBytes());
            f.seek(size - 4);
            f.write(new byte[] {1, 2, 3, 4});
        }
        Path vhdx = dir.resolve("big.vhdx");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "raw", "-O", "vhdx", "-o", "subformat=dynamic,block_size=1M",
                src.toString(), vhdx.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        try (DiskImage img = DiskImages.open(vhdx)) {
            assertThat(img.capacity()).isEqualTo(size);
            ByteBuffer b = ByteBuffer.allocate(64);
            img.read(4096 * MIB, b);
            assertThat(new String(b.array(), 5, 22)).isEqualTo("beyond the first chunk");
            b.clear();
            img.read(100, b);
            assertThat(new String(b.array(), 0, 11)).isEqualTo("first block");
            ByteBuffer t = ByteBuffer.allocate(4);
            img.read(size - 4, t);
            assertThat(t.array()).containsExactly(1, 2, 3, 4);
            long data = img.extents(0, size).stream().filter(e -> e.kind() == Extent.Kind.DATA).mapToLong(Extent::length).sum();
            assertThat(data).isEqualTo(2 * MIB + 512 * 3);
        }
    }

    @Test
    void hyperVDynamicCorpusImageReadsLikeQemu() throws IOException {
        Path vhdx = TestDisks.corpusCopy(SharedCorpus.corpus().resolve("disks/qemu__iotest-dynamic-1G.vhdx.bz2"), dir);
        Path raw = dir.resolve("q.raw");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "vhdx", "-O", "raw", vhdx.toString(), raw.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String before = TestDisks.digest(vhdx);
        try (DiskImage img = DiskImages.open(vhdx)) {
            assertThat(img.capacity()).isEqualTo(Files.size(raw));
            assertThat(img.subformat()).isEqualTo("dynamic");
            assertThat(img.check().consistent()).isTrue();
            assertThat(TestDisks.digest(img)).isEqualTo(TestDisks.digest(raw));
        }
        assertThat(TestDisks.digest(vhdx)).isEqualTo(before);
        // And converts to our VHDX with the same content.
        Path out = dir.resolve("ours.vhdx");
        TestDisks.convert(vhdx, out, DiskFormat.VHDX, "dynamic");
        Oracle.Result c = TestDisks.qemu(dir, "check", "-f", "vhdx", out.toString());
        assertThat(c.exitCode()).as(c.describe()).isZero();
        Oracle.Result cmp = TestDisks.qemu(dir, "compare", "-f", "raw", "-F", "vhdx", raw.toString(), out.toString());
        assertThat(cmp.exitCode()).as(cmp.describe()).isZero();
    }

    @Test
    void dirtyLogIsReplayedInMemoryAsQemuRepairsIt() throws IOException {
        Path vhdx = TestDisks.corpusCopy(SharedCorpus.corpus().resolve("disks/qemu__iotest-dirtylog-10G-4M.vhdx.bz2"), dir);
        Path copy = dir.resolve("repaired.vhdx");
        Files.copy(vhdx, copy);
        Oracle.Result c = TestDisks.qemu(dir, "check", "-r", "all", "-f", "vhdx", copy.toString());
        assertThat(c.exitCode()).as(c.describe()).isIn(0, 3);
        String before = TestDisks.digest(vhdx);
        try (DiskImage fixed = DiskImages.open(copy); DiskImage img = DiskImages.open(vhdx)) {
            assertThat(img.details().get("logReplayed")).isNotEqualTo(0L);
            assertThat(fixed.details()).containsEntry("logReplayed", 0L);
            assertThat(img.capacity()).isEqualTo(fixed.capacity());
            // qemu-img's reading of the repaired copy, over the allocated parts.
            Path raw = dir.resolve("repaired.raw");
            Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "vhdx", "-O", "raw", copy.toString(), raw.toString());
            assertThat(r.exitCode()).as(r.describe()).isZero();
            try (DiskImage q = DiskImages.open(raw)) {
                assertThat(io.ovfkit.disk.DiskComparison.compare(q, img).identical()).isTrue();
            }
            assertThat(img.extents(0, img.capacity())).isEqualTo(fixed.extents(0, fixed.capacity()));
        }
        assertThat(TestDisks.digest(vhdx)).as("the input is never changed").isEqualTo(before);
    }
}
