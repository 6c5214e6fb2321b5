package io.ovfkit.disk.qcow2;

import static io.ovfkit.disk.qcow2.Q.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.vhd.TestDisks;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * QCOW2 images written through {@link DiskConverter}: {@code qemu-img check} clean, {@code compare}
 * identical, {@code info} exact size, libqcow and our reader equal to the source.
 */
class Qcow2WriterTest {
    @TempDir
    Path dir;

    static void convert(Path src, Path out, String sub, int threads) throws IOException {
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.QCOW2, in.capacity()).subformat(sub).build())) {
            DiskConverter.builder().threads(threads).build().convert(in, w);
        }
    }

    static void verify(Path src, Path out, String compat) throws IOException {
        long size = Files.size(src);
        Oracle.Result chk = Q.qemu(out.getParent(), "check", "-f", "qcow2", "--output=json", out.toString());
        assertThat(chk.exitCode()).as(chk.describe()).isZero();
        TestDisks.qemuCompare(src, out, "raw", "qcow2");
        assertThat(TestDisks.qemuVirtualSize(out, "qcow2")).isEqualTo(size);
        Oracle.Result info = Q.qemu(out.getParent(), "info", "-f", "qcow2", "--output=json", out.toString());
        assertThat(info.stdout()).contains("\"compat\": \"" + compat + "\"");
        String digest = TestDisks.digest(src);
        try (DiskImage img = DiskImages.open(out, false)) {
            assertThat(img).isInstanceOf(Qcow2Image.class);
            assertThat(img.capacity()).isEqualTo(size);
            assertThat(img.check().corruptions()).isEmpty();
            assertThat(img.check().leaks()).isEmpty();
            assertThat(TestDisks.digest(img)).isEqualTo(digest);
        }
        assertThat(Q.pyqcowDigest(out)).isEqualTo(size + " " + digest);
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @CsvSource({"'', 9437696, 1.1", "v2, 9437696, 0.10", "compat=0.10, 1048576, 0.10", "v3, 600047616, 1.1",
            "'cluster_size=4096', 5243392, 1.1", "'cluster_size=2M', 7340544, 1.1", "'cluster_size=512', 2097152, 1.1",
            "compressed, 9437696, 1.1", "'v2,compressed', 9437696, 0.10", "'compressed,cluster_size=4k', 5243392, 1.1",
            "'compressed,cluster_size=2M', 7340544, 1.1", "compressed, 600047616, 1.1"})
    void writtenImagesAreCleanAndIdentical(String sub, long size, String compat) throws IOException {
        Path src = Q.mixed(dir, "src.raw", size, 17);
        if (size > 512 * MIB) {
            // data across the 512 MiB boundary of the first L2 table (64 KiB clusters)
            try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
                byte[] b = new byte[300_000];
                new Random(3).nextBytes(b);
                f.seek(512 * MIB - 100_000);
                f.write(b);
            }
        }
        Path out = dir.resolve("out.qcow2");
        convert(src, out, sub.isEmpty() ? null : sub, 3);
        verify(src, out, compat);
    }

    @Test
    void compressedOutputIsSmallAndCompressed() throws IOException {
        Path src = Q.mixed(dir, "src.raw", 9 * MIB, 4);
        Path out = dir.resolve("c.qcow2");
        convert(src, out, "compressed", 2);
        Path plain = dir.resolve("p.qcow2");
        convert(src, plain, null, 2);
        assertThat(Files.size(out)).isLessThan(Files.size(plain));
        Path ref = dir.resolve("q.qcow2");
        Q.qemuOk(dir, "convert", "-c", "-f", "raw", "-O", "qcow2", src.toString(), ref.toString());
        // qemu packs the tail; we align each L2 table after its data and the refcount block at the end:
        // at most two clusters more per L2 table, which vanishes on real disks.
        assertThat((double) Files.size(out)).isLessThanOrEqualTo(Files.size(ref) * 1.05 + 2 * 65536);
        Oracle.Result map = Q.qemu(dir, "map", "-f", "qcow2", "--output=json", out.toString());
        // qemu-img 7.2 reports compressed clusters as data without a host offset
        assertThat(map.stdout()).contains("\"data\": true}");
    }

    @Test
    void allZeroDiskStaysEmptyAndOutputDoesNotDependOnThreads() throws IOException {
        Path zero = dir.resolve("z.raw");
        try (RandomAccessFile f = new RandomAccessFile(zero.toFile(), "rw")) {
            f.setLength(3 * MIB);
        }
        Path out = dir.resolve("z.qcow2");
        convert(zero, out, null, 2);
        verify(zero, out, "1.1");
        try (DiskImage img = DiskImages.open(out)) {
            assertThat(img.extents(0, img.capacity())).containsExactly(new Extent(0, 3 * MIB, Extent.Kind.UNALLOCATED));
        }
        Path src = Q.mixed(dir, "s.raw", 6 * MIB, 8);
        convert(src, dir.resolve("a.qcow2"), "compressed", 1);
        convert(src, dir.resolve("b.qcow2"), "compressed", 4);
        assertThat(Files.readAllBytes(dir.resolve("a.qcow2"))).isEqualTo(Files.readAllBytes(dir.resolve("b.qcow2")));
    }

    @Test
    void qcow2ToQcow2AndToOtherFormats() throws IOException {
        Path src = Q.mixed(dir, "src.raw", 5 * MIB + 512, 6);
        Path q = dir.resolve("a.qcow2");
        convert(src, q, "compressed", 2);
        Path vmdk = dir.resolve("b.vmdk");
        TestDisks.convert(q, vmdk, DiskFormat.VMDK, "streamOptimized");
        TestDisks.qemuCompare(src, vmdk, "raw", "vmdk");
        Path back = dir.resolve("c.qcow2");
        convert(vmdk, back, "v2", 2);
        verify(src, back, "0.10");
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> DiskWriters.create(dir.resolve("x.qcow2"),
                WriteOptions.builder(DiskFormat.QCOW2, MIB).subformat("fixed").build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed");
        assertThatThrownBy(() -> DiskWriters.create(dir.resolve("x.qcow2"),
                WriteOptions.builder(DiskFormat.QCOW2, MIB).subformat("cluster_size=3000").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskWriters.create(dir.resolve("x.qcow2"),
                WriteOptions.builder(DiskFormat.QCOW2, 1L << 60).subformat("cluster_size=512").build()))
                .isInstanceOf(DiskFormatException.class).hasMessageContaining("32 MiB");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"v3", "compressed"})
    void largeSparseDiskHasSmallMetadata(String sub) throws IOException {
        Path src = dir.resolve("big-src.qcow2");
        Q.qemuOk(dir, "create", "-f", "qcow2", src.toString(), "1T");
        Q.qemuIo(dir, "qcow2", src, "write -P 0x11 0 100k");
        Q.qemuIo(dir, "qcow2", src, "write -P 0x22 549755800000 300k");
        Q.qemuIo(dir, "qcow2", src, "write -P 0x33 1099511527424 100000");
        Path out = dir.resolve("big.qcow2");
        convert(src, out, sub, 2);
        Oracle.Result chk = Q.qemu(dir, "check", "-f", "qcow2", out.toString());
        assertThat(chk.exitCode()).as(chk.describe()).isZero();
        assertThat(TestDisks.qemuVirtualSize(out, "qcow2")).isEqualTo(1L << 40);
        Oracle.Result cmp = Q.qemu(dir, "compare", "-f", "qcow2", "-F", "qcow2", src.toString(), out.toString());
        assertThat(cmp.exitCode()).as(cmp.describe()).isZero();
        assertThat(Files.size(out)).isLessThan(8 * MIB);
        try (DiskImage img = DiskImages.open(out)) {
            assertThat(img.check().consistent()).isTrue();
            assertThat(img.check().leaks()).isEmpty();
        }
    }
}
