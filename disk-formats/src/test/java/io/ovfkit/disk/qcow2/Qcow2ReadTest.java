package io.ovfkit.disk.qcow2;

import static io.ovfkit.disk.qcow2.Q.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.vhd.TestDisks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** QCOW2 images written by qemu-img and qemu-io read to the bytes of their source. */
class Qcow2ReadTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "compat={0} cluster_size={1} compressed={2}")
    @CsvSource({"0.10, 4096, false", "0.10, 65536, false", "0.10, 2097152, false", "1.1, 4096, false", "1.1, 65536, false",
            "1.1, 2097152, false", "1.1, 65536, true", "0.10, 65536, true", "1.1, 4096, true", "1.1, 2097152, true"})
    void qemuImagesReadLikeTheirSource(String compat, int clusterSize, boolean compressed) throws IOException {
        long size = 9 * MIB + 512;
        Path src = Q.mixed(dir, "src.raw", size, 5);
        Path out = dir.resolve("out.qcow2");
        List<String> args = new ArrayList<>(List.of("convert", "-f", "raw", "-O", "qcow2", "-o",
                "compat=" + compat + ",cluster_size=" + clusterSize));
        if (compressed) {
            args.add("-c");
        }
        args.add(src.toString());
        args.add(out.toString());
        Q.qemuOk(dir, args.toArray(String[]::new));
        assertThat(DiskImages.probe(out)).isEqualTo(DiskFormat.QCOW2);
        try (DiskImage img = DiskImages.open(out, false)) {
            assertThat(img).isInstanceOf(Qcow2Image.class);
            assertThat(img.capacity()).isEqualTo(size);
            assertThat(img.subformat()).isEqualTo("compat=" + compat);
            assertThat(img.details()).containsEntry("compat", compat).containsEntry("clusterSize", (long) clusterSize)
                    .containsEntry("compressionType", "zlib").containsEntry("backingFile", null);
            assertThat(TestDisks.digest(img)).isEqualTo(TestDisks.digest(src));
            assertThat(img.check().corruptions()).isEmpty();
            assertThat(img.check().leaks()).isEmpty();
            List<Extent> ex = img.extents(0, size);
            assertThat(ex.get(0).kind()).isEqualTo(Extent.Kind.DATA);
            assertThat(ex).anyMatch(e -> e.kind() == Extent.Kind.UNALLOCATED);
            assertThat(ex.stream().mapToLong(Extent::length).sum()).isEqualTo(size);
        }
    }

    @Test
    void overlayReadsThroughItsBackingFileAndMasksWithZeroClusters() throws IOException {
        Path src = Q.mixed(dir, "base.raw", 8 * MIB, 9);
        Path base = dir.resolve("base.qcow2");
        Q.qemuOk(dir, "convert", "-f", "raw", "-O", "qcow2", src.toString(), base.toString());
        Path over = dir.resolve("over.qcow2");
        Q.qemuOk(dir, "create", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", over.toString(), "12M");
        Q.qemuIo(dir, "qcow2", over, "write -P 0xab 1M 64k");
        Q.qemuIo(dir, "qcow2", over, "write -P 0xcd 7M 2M");
        Q.qemuIo(dir, "qcow2", over, "write -z 0 64k");
        try (DiskImage img = DiskImages.open(over, false)) {
            assertThat(img.capacity()).isEqualTo(12 * MIB);
            assertThat(img.details()).containsEntry("backingFile", "base.qcow2").containsEntry("backingFormat", "qcow2");
            assertThat(img.parent()).isPresent();
            assertThat(TestDisks.digest(img)).isEqualTo(Q.qemuDigest(over, "qcow2"));
            assertThat(img.extents(0, 64 * 1024)).containsExactly(new Extent(0, 64 * 1024, Extent.Kind.ZERO));
            ByteBuffer b = ByteBuffer.allocate(4);
            img.read(MIB, b);
            assertThat(b.array()).containsOnly((byte) 0xab);
            assertThat(img.check().consistent()).isTrue();
        }
    }

    @Test
    void overlayOnARawBackingFile() throws IOException {
        Path src = Q.mixed(dir, "base.img", 6 * MIB, 2);
        Path over = dir.resolve("over.qcow2");
        Q.qemuOk(dir, "create", "-f", "qcow2", "-o", "compat=0.10", "-b", "base.img", "-F", "raw", over.toString(), "6M");
        Q.qemuIo(dir, "qcow2", over, "write -P 0xab 3M 100k");
        assertThat(Q.ourDigest(over)).isEqualTo(Q.qemuDigest(over, "qcow2"));
        try (DiskImage img = DiskImages.open(over)) {
            assertThat(img.parent().orElseThrow().format()).isEqualTo(DiskFormat.RAW);
        }
        assertThat(TestDisks.digest(src)).isNotEqualTo(Q.ourDigest(over));
    }

    @Test
    void backingFileOutsideTheFolderIsRefused() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Q.mixed(dir, "base.raw", 2 * MIB, 1);
        Path over = sub.resolve("over.qcow2");
        Q.qemuOk(sub, "create", "-f", "qcow2", "-b", "../base.raw", "-F", "raw", over.toString(), "2M");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiskImages.open(over))
                .isInstanceOf(io.ovfkit.disk.DiskFormatException.class).hasMessageContaining("outside the image's folder")
                .hasMessageContaining(over.toString());
    }

    @Test
    void corpusQcow2ReadsLikeQemu() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/work/shared/corpus/disks"), "*qcow2*")) {
            for (Path f : ds) {
                Path copy = TestDisks.corpusCopy(f, dir);
                var r = Q.qemu(dir, "convert", "-f", "qcow2", "-O", "raw", copy.toString(), dir.resolve("q.raw").toString());
                if (r.exitCode() == 0) {
                    assertThat(Q.ourDigest(copy)).as(f.toString()).isEqualTo(TestDisks.digest(dir.resolve("q.raw")));
                    try (DiskImage img = DiskImages.open(copy)) {
                        assertThat(img.check().consistent()).as(f.toString()).isTrue();
                    }
                    n++;
                } else {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Q.ourDigest(copy))
                            .isInstanceOf(io.ovfkit.disk.DiskFormatException.class);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            org.junit.jupiter.api.Assumptions.abort("no corpus");
        }
        assertThat(n).isGreaterThanOrEqualTo(1);
    }

    @Test
    void backingLoopIsRefused() throws IOException {
        Path a = dir.resolve("a.qcow2");
        Q.qemuOk(dir, "create", "-f", "qcow2", "-u", "-b", "b.qcow2", "-F", "qcow2", a.toString(), "1M");
        Path b = dir.resolve("b.qcow2");
        Q.qemuOk(dir, "create", "-f", "qcow2", "-u", "-b", "a.qcow2", "-F", "qcow2", b.toString(), "1M");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiskImages.open(a))
                .isInstanceOf(io.ovfkit.disk.DiskFormatException.class).hasMessageContaining("deeper than 32");
    }

    @Test
    void missingBackingFileIsNamed() throws IOException {
        Path a = dir.resolve("a.qcow2");
        Q.qemuOk(dir, "create", "-f", "qcow2", "-u", "-b", "gone.raw", "-F", "raw", a.toString(), "1M");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiskImages.open(a))
                .isInstanceOf(io.ovfkit.disk.DiskFormatException.class).hasMessageContaining("gone.raw").hasMessageContaining("missing");
    }

    @ParameterizedTest(name = "cluster_size={0}")
    @CsvSource({"65536", "2097152", "16384"})
    void extendedL2SubclustersReadLikeQemu(int clusterSize) throws IOException {
        Path src = Q.mixed(dir, "base.raw", 8 * MIB, 12);
        Path plain = dir.resolve("plain.qcow2");
        Q.qemuOk(dir, "convert", "-f", "raw", "-O", "qcow2", "-o", "extended_l2=on,cluster_size=" + clusterSize, src.toString(),
                plain.toString());
        assertThat(Q.ourDigest(plain)).isEqualTo(TestDisks.digest(src));
        Path over = dir.resolve("over.qcow2");
        Q.qemuOk(dir, "create", "-f", "qcow2", "-o", "extended_l2=on,cluster_size=" + clusterSize, "-b", "base.raw", "-F", "raw",
                over.toString(), "9M");
        Q.qemuIo(dir, "qcow2", over, "write -P 0xab 4096 4096");
        Q.qemuIo(dir, "qcow2", over, "write -z 1M 64k");
        Q.qemuIo(dir, "qcow2", over, "write -P 0xcd 5M 700k");
        Q.qemuIo(dir, "qcow2", over, "write -P 0xef 8M 12288");
        try (DiskImage img = DiskImages.open(over)) {
            assertThat(img.details()).containsEntry("extendedL2", true);
            assertThat(TestDisks.digest(img)).isEqualTo(Q.qemuDigest(over, "qcow2"));
            assertThat(img.check().corruptions()).isEmpty();
            assertThat(img.check().leaks()).isEmpty();
            assertThat(img.extents(0, img.capacity()).stream().mapToLong(Extent::length).sum()).isEqualTo(9 * MIB);
            assertThat(img.extents(MIB, 65536)).containsExactly(new Extent(MIB, 65536, Extent.Kind.ZERO));
        }
    }
}
