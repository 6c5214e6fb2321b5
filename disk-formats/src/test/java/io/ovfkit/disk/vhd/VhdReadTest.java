package io.ovfkit.disk.vhd;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VHDs that qemu-img writes, and the corpus VHDs, read as qemu-img reads them. */
class VhdReadTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"dynamic, off", "dynamic, on", "fixed, off", "fixed, on"})
    void qemuWrittenVhdReadsLikeQemu(String sub, String force) throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 7 * MIB + 1024, 5);
        Path vhd = dir.resolve("q.vhd");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "raw", "-O", "vpc", "-o", "subformat=" + sub + ",force_size=" + force,
                src.toString(), vhd.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertSameAsQemu(vhd, sub);
    }

    private void assertSameAsQemu(Path vhd, String sub) throws IOException {
        Path back = dir.resolve(vhd.getFileName() + ".raw");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "vpc", "-O", "raw", vhd.toString(), back.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        try (DiskImage img = DiskImages.open(vhd, false)) {
            assertThat(img).isInstanceOf(VhdImage.class);
            if (sub != null) {
                assertThat(img.subformat()).isEqualTo(sub);
            }
            assertThat(img.capacity()).isEqualTo(Files.size(back));
            assertThat(img.check().consistent()).as("%s", img.check()).isTrue();
            assertThat(TestDisks.digest(img)).isEqualTo(TestDisks.digest(back));
        }
        Files.delete(back);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vhdforensic__fixed.vhd, fixed", "vhdforensic__minimal.vhd, dynamic", "dfvfs__ext2.vhd.gz, dynamic",
            "qemu__hyperv2012r2-dynamic.vhd.bz2, dynamic", "qemu__d2v-zerofilled.vhd.bz2, dynamic"})
    void corpusVhdReadsLikeQemu(String name, String sub) throws IOException {
        Path vhd = TestDisks.corpusCopy(SharedCorpus.corpus().resolve("disks").resolve(name), dir);
        if (name.startsWith("qemu__hyperv")) {
            // 127 GiB virtual, almost nothing allocated: compare the map and the allocated part only.
            try (DiskImage img = DiskImages.open(vhd)) {
                assertThat(img.capacity()).isEqualTo(TestDisks.qemuVirtualSize(vhd, "vpc")).isEqualTo(136365211648L);
                assertThat(img.details()).containsEntry("creatorApp", "win").containsEntry("diskType", "dynamic");
                assertThat(img.check().consistent()).isTrue();
                Path part = dir.resolve("part.raw");
                Oracle.Result r = TestDisks.qemu(dir, "dd", "-f", "vpc", "-O", "raw", "bs=1M", "count=64", "if=" + vhd, "of=" + part);
                assertThat(r.exitCode()).as(r.describe()).isZero();
                ByteBuffer b = ByteBuffer.allocate((int) (64 * MIB));
                img.read(0, b);
                assertThat(b.array()).isEqualTo(Files.readAllBytes(part));
            }
            return;
        }
        assertSameAsQemu(vhd, sub);
    }

    @Test
    void fixedVhdIsDetectedFromItsFooter() throws IOException {
        Path vhd = TestDisks.corpusCopy(SharedCorpus.corpus().resolve("disks/vhdforensic__fixed.vhd"), dir);
        assertThat(DiskImages.probe(vhd)).isEqualTo(DiskFormat.VHD);
        try (DiskImage img = DiskImages.open(vhd)) {
            Map<String, Object> d = img.details();
            assertThat(d).containsEntry("diskType", "fixed").containsEntry("creatorApp", "qemu").containsEntry("creatorVersion", "5.3")
                    .containsEntry("creatorHostOs", "Wi2k").containsEntry("geometry", Map.of("cylinders", 31L, "heads", 4L, "sectors", 17L));
            assertThat(img.capacity()).isEqualTo(1079296);
        }
    }

    @Test
    void fuzzedAfl5FailsClearly() throws IOException {
        Path f = TestDisks.corpusCopy(SharedCorpus.corpus().resolve("disks/qemu__afl5.img.bz2"), dir);
        Throwable t = catchThrowable(() -> DiskImages.open(f).close());
        // The 1028-byte file cannot even hold its 1024-byte dynamic header (qemu reads past the end and
        // then refuses the table size); ovfkit refuses the truncated header first.
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("dynamic header offset 512");
        assertThat(((DiskFormatException) t).offset()).isEqualTo(16);
    }

    @Test
    void dfvfsDifferencingPairFailsOnTheChecksumAsQemuDoes() throws IOException {
        Path chain = Files.createDirectories(dir.resolve("chain"));
        Path corpus = SharedCorpus.corpus().resolve("disks/dfvfs__vhd-differencing-chain");
        Path child = TestDisks.corpusCopy(corpus.resolve("image-differential.vhd.gz"), chain);
        Path parent = TestDisks.corpusCopy(corpus.resolve("image.vhd.gz"), chain);
        for (Path p : List.of(child, parent)) {
            Oracle.Result r = TestDisks.qemu(chain, "info", "-f", "vpc", p.toString());
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).contains("checksum");
            Throwable t = catchThrowable(() -> DiskImages.open(p).close());
            assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(p.toString())
                    .hasMessageContaining("footer checksum");
            assertThat(((DiskFormatException) t).offset()).isEqualTo(Files.size(p) - 512 + 64);
        }
    }

    @Test
    void differencingDiskReadsThroughItsParent() throws IOException {
        // Build a chain with fixed checksums out of the dfvfs pair: repair both footers, point the child at the parent's uuid.
        Path chain = Files.createDirectories(dir.resolve("chain"));
        Path corpus = SharedCorpus.corpus().resolve("disks/dfvfs__vhd-differencing-chain");
        Path child = TestDisks.corpusCopy(corpus.resolve("image-differential.vhd.gz"), chain);
        Path parent = TestDisks.corpusCopy(corpus.resolve("image.vhd.gz"), chain);
        byte[] parentUuid = fixFooters(parent);
        fixFooters(child);
        // The child's dynamic header names the parent uuid at 512 + 40; rewrite it and its checksum.
        byte[] h = java.util.Arrays.copyOfRange(Files.readAllBytes(child), 512, 1536);
        System.arraycopy(parentUuid, 0, h, 40, 16);
        ByteBuffer.wrap(h).putInt(36, VhdFooter.checksum(h, 0, 1024, 36));
        TestDisks.poke(child, 512, h);
        try (DiskImage img = DiskImages.open(child); DiskImage p = DiskImages.open(parent)) {
            assertThat(img.subformat()).isEqualTo("differencing");
            assertThat(img.parent()).isPresent();
            assertThat(img.details().get("parent")).isEqualTo(parent.toString());
            assertThat(img.details()).containsEntry("parentName", "image.vhd").containsEntry("parentLocators", List.of());
            assertThat(img.capacity()).isEqualTo(104448);
            // Wherever the child has no data, it reads its parent's bytes.
            ByteBuffer a = ByteBuffer.allocate((int) img.capacity());
            ByteBuffer b = ByteBuffer.allocate((int) p.capacity());
            img.read(0, a);
            p.read(0, b);
            for (var e : img.extents(0, img.capacity())) {
                assertThat(e.length()).isPositive();
            }
            assertThat(a.array()).isNotEqualTo(new byte[a.capacity()]);
            assertThat(img.check().consistent()).isTrue();
        }
    }

    /** Recomputes the checksums of both footers of a dynamic VHD; returns its uuid. */
    static byte[] fixFooters(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        byte[] ft = java.util.Arrays.copyOfRange(all, all.length - 512, all.length);
        ByteBuffer.wrap(ft).putInt(64, VhdFooter.checksum(ft, 0, 512, 64));
        TestDisks.poke(f, all.length - 512, ft);
        TestDisks.poke(f, 0, ft);
        return java.util.Arrays.copyOfRange(ft, 68, 84);
    }
}
