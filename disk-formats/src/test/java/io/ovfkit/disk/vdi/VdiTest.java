package io.ovfkit.disk.vdi;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.vhd.TestDisks;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VDI written by us and read by qemu-img, written by qemu-img and read by us, and corrupted. */
class VdiTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"dynamic, 8388608", "fixed, 8388608", "dynamic, 7341568", "fixed, 7341568", "dynamic, 512", "dynamic, 52429312"})
    void writtenVdiReadsBackEverywhere(String sub, long size) throws IOException {
        Path src = TestDisks.source(dir, "src.raw", size, size);
        Path out = dir.resolve("out.vdi");
        TestDisks.convert(src, out, DiskFormat.VDI, sub);
        assertThat(TestDisks.qemuVirtualSize(out, "vdi")).isEqualTo(size);
        Oracle.Result c = TestDisks.qemu(dir, "check", "-f", "vdi", out.toString());
        assertThat(c.exitCode()).as(c.describe()).isZero();
        TestDisks.qemuCompare(src, out, "raw", "vdi");
        try (DiskImage img = DiskImages.open(out, false)) {
            assertThat(img).isInstanceOf(VdiImage.class);
            assertThat(img.subformat()).isEqualTo(sub);
            assertThat(img.capacity()).isEqualTo(size);
            assertThat(img.check().consistent()).as("%s", img.check()).isTrue();
            assertThat(TestDisks.digest(img)).isEqualTo(TestDisks.digest(src));
        }
    }

    @ParameterizedTest(name = "static={0}")
    @CsvSource({"on", "off"})
    void qemuWrittenVdiReadsLikeQemu(String stat) throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 9 * MIB + 512, 9);
        Path vdi = dir.resolve("q.vdi");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "raw", "-O", "vdi", "-o", "static=" + stat, src.toString(), vdi.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        try (DiskImage img = DiskImages.open(vdi)) {
            assertThat(img.subformat()).isEqualTo(stat.equals("on") ? "fixed" : "dynamic");
            assertThat(img.capacity()).isEqualTo(TestDisks.qemuVirtualSize(vdi, "vdi"));
            assertThat(img.check().consistent()).isTrue();
            assertThat(TestDisks.digest(img)).isEqualTo(TestDisks.digest(src));
        }
    }

    @Test
    void differencingImageReadsThroughItsParentFoundByUuid() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 4 * MIB, 2);
        Path base = dir.resolve("base.vdi");
        TestDisks.convert(src, base, DiskFormat.VDI, "dynamic");
        byte[] b = Files.readAllBytes(base);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        // Child: same layout, type 4, linkage = base's uuid, block 1 replaced by 0x5A, block 0 free (-> parent), block 3 zero.
        Path child = dir.resolve("child.vdi");
        byte[] c = b.clone();
        ByteBuffer ch = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        ch.putInt(76, 4);
        System.arraycopy(b, 392, c, 424, 16);
        c[392] ^= 1;
        long map = h.getInt(340);
        ch.putInt((int) map, -1);
        ch.putInt((int) map + 12, -2);
        int idx1 = ch.getInt((int) map + 4);
        java.util.Arrays.fill(c, h.getInt(344) + idx1 * (int) MIB, h.getInt(344) + (idx1 + 1) * (int) MIB, (byte) 0x5A);
        Files.write(child, c);
        try (DiskImage img = DiskImages.open(child); DiskImage parent = DiskImages.open(base)) {
            assertThat(img.subformat()).isEqualTo("differencing");
            assertThat(img.details().get("parent")).isEqualTo(base.toString());
            ByteBuffer x = ByteBuffer.allocate((int) MIB);
            ByteBuffer y = ByteBuffer.allocate((int) MIB);
            img.read(0, x);
            parent.read(0, y);
            assertThat(x.array()).isEqualTo(y.array());
            img.read(MIB, x.clear());
            assertThat(x.array()).containsOnly(0x5A);
            img.read(3 * MIB, x.clear());
            assertThat(x.array()).containsOnly(0);
            assertThat(img.extents(3 * MIB, MIB)).containsExactly(new Extent(3 * MIB, MIB, Extent.Kind.ZERO));
        }
        Files.delete(base);
        Throwable t = catchThrowable(() -> DiskImages.open(child).close());
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining("parent").hasMessageContaining(child.toString());
    }

    private Path template() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 6 * MIB, 4);
        Path out = dir.resolve("t.vdi");
        TestDisks.convert(src, out, DiskFormat.VDI, "dynamic");
        return out;
    }

    private void expect(Path f, long offset, String text) {
        Throwable t = catchThrowable(() -> DiskImages.open(f).close());
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(f.toString()).hasMessageContaining(text);
        assertThat(((DiskFormatException) t).offset()).isEqualTo(offset);
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    @Test
    void corruptVersion() throws IOException {
        Path f = template();
        TestDisks.poke(f, 68, le(0x00010000));
        expect(f, 68, "version");
    }

    @Test
    void corruptImageType() throws IOException {
        Path f = template();
        TestDisks.poke(f, 76, le(9));
        expect(f, 76, "image type 9");
    }

    @Test
    void corruptBlockSize() throws IOException {
        Path f = template();
        TestDisks.poke(f, 376, le(3 << 20));
        expect(f, 376, "block size");
    }

    @Test
    void corruptBlockCount() throws IOException {
        Path f = template();
        TestDisks.poke(f, 384, le(0x7FFFFFFF));
        expect(f, 384, "blocks in image");
    }

    @Test
    void corruptMapOffset() throws IOException {
        Path f = template();
        TestDisks.poke(f, 340, le(100));
        expect(f, 340, "block map offset");
    }

    @Test
    void mapEntryBeyondEndOfFile() throws IOException {
        Path f = template();
        TestDisks.poke(f, (1 << 20) + 8, le(5));
        expect(f, (1 << 20) + 8, "beyond the end of the file");
    }

    @Test
    void duplicateMapEntryFailsTheCheck() throws IOException {
        Path f = template();
        TestDisks.poke(f, (1 << 20) + 4, le(0));
        try (DiskImage img = DiskImages.open(f)) {
            assertThat(img.check().consistent()).isFalse();
        }
        Oracle.Result c = TestDisks.qemu(dir, "check", "-f", "vdi", f.toString());
        assertThat(c.exitCode()).isNotZero();
    }
}
