package io.ovfkit.disk.qcow2;

import static io.ovfkit.disk.qcow2.Q.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.vhd.TestDisks;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupted copies of a valid qemu-img template: each gives a DiskFormatException naming the file and offset. */
class Qcow2CorruptionTest {
    @TempDir
    Path dir;
    Path img;
    long l1Offset;

    @BeforeEach
    void template() throws IOException {
        Path src = Q.mixed(dir, "src.raw", 4 * MIB, 3);
        img = dir.resolve("t.qcow2");
        Q.qemuOk(dir, "convert", "-c", "-f", "raw", "-O", "qcow2", src.toString(), img.toString());
        l1Offset = readLong(40);
    }

    private long readLong(long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            f.seek(at);
            return f.readLong();
        }
    }

    private static byte[] be(long v, int n) {
        ByteBuffer b = ByteBuffer.allocate(8).putLong(v);
        byte[] a = new byte[n];
        System.arraycopy(b.array(), 8 - n, a, 0, n);
        return a;
    }

    private void refusedAt(long offset, String text) {
        assertThatThrownBy(() -> {
            try (DiskImage i = Qcow2Image.open(img)) {
                TestDisks.digest(i);
            }
        }).isInstanceOfSatisfying(DiskFormatException.class, e -> {
            assertThat(e.file()).isEqualTo(img);
            assertThat(e.offset()).isEqualTo(offset);
        }).hasMessageContaining(img.toString()).hasMessageContaining(text);
    }

    @Test
    void templateIsValid() throws IOException {
        try (DiskImage i = Qcow2Image.open(img)) {
            assertThat(i.check().consistent()).isTrue();
        }
    }

    @Test
    void badMagic() throws IOException {
        TestDisks.poke(img, 0, (byte) 'X');
        refusedAt(0, "magic");
    }

    @Test
    void badVersion() throws IOException {
        TestDisks.poke(img, 4, be(4, 4));
        refusedAt(4, "version 4");
    }

    @Test
    void badClusterBits() throws IOException {
        TestDisks.poke(img, 20, be(30, 4));
        refusedAt(20, "cluster_bits 30");
    }

    @Test
    void hugeL1() throws IOException {
        TestDisks.poke(img, 36, be(0x10000000L, 4));
        refusedAt(36, "32 MiB");
    }

    @Test
    void l1BeyondEof() throws IOException {
        TestDisks.poke(img, 40, be(1L << 40, 8));
        refusedAt(40, "beyond the end of the file");
    }

    @Test
    void l2BeyondEof() throws IOException {
        TestDisks.poke(img, l1Offset, be(Qcow2Image.COPIED | (1L << 40), 8));
        refusedAt(l1Offset, "L1 entry 0");
    }

    @Test
    void compressedDescriptorBeyondEof() throws IOException {
        long l2 = readLong(l1Offset) & Qcow2Image.OFFSET_MASK;
        long e = readLong(l2);
        assertThat(e & Qcow2Image.COMPRESSED).as("template's first cluster is compressed").isNotZero();
        TestDisks.poke(img, l2, be(Qcow2Image.COMPRESSED | (1L << 40), 8));
        refusedAt(l2, "compressed cluster descriptor");
    }

    @Test
    void compressedDataGarbage() throws IOException {
        long l2 = readLong(l1Offset) & Qcow2Image.OFFSET_MASK;
        long host = readLong(l2) & ((1L << 54) - 1);
        byte[] junk = new byte[64];
        java.util.Arrays.fill(junk, (byte) 0xFF);
        TestDisks.poke(img, host, junk);
        refusedAt(host, "compressed cluster");
    }

    @Test
    void encryptionRefused() throws IOException {
        TestDisks.poke(img, 32, be(2, 4));
        refusedAt(32, "encrypted");
    }

    @Test
    void zstdClustersReadAndExtendedL2WithSmallClustersRefused() throws IOException {
        Path src = Q.mixed(dir, "z.raw", MIB, 1);
        Path z = dir.resolve("z.qcow2");
        Q.qemuOk(dir, "convert", "-c", "-f", "raw", "-O", "qcow2", "-o", "compression_type=zstd", src.toString(), z.toString());
        try (Qcow2Image img = Qcow2Image.open(z)) {
            byte[] all = new byte[(int) img.capacity()];
            img.read(0, java.nio.ByteBuffer.wrap(all));
            org.assertj.core.api.Assertions.assertThat(all).isEqualTo(java.nio.file.Files.readAllBytes(src));
            org.assertj.core.api.Assertions.assertThat(img.details()).containsEntry("compressionType", "zstd");
        }
        // A zstd cluster with its frame damaged is a clear error naming the offset.
        byte[] bytes = java.nio.file.Files.readAllBytes(z);
        long damaged = 0;
        for (int i = bytes.length - 4; i > 0; i--) {
            if (bytes[i] == (byte) 0x28 && bytes[i + 1] == (byte) 0xB5 && bytes[i + 2] == (byte) 0x2F && bytes[i + 3] == (byte) 0xFD) {
                bytes[i] ^= 0x55;
                damaged = i;
                break;
            }
        }
        org.assertj.core.api.Assertions.assertThat(damaged).isPositive();
        java.nio.file.Files.write(z, bytes);
        assertThatThrownBy(() -> {
            try (Qcow2Image img = Qcow2Image.open(z)) {
                img.read(0, java.nio.ByteBuffer.allocate((int) img.capacity()));
            }
        }).isInstanceOf(DiskFormatException.class).hasMessageContaining("zstd");
        Path x = dir.resolve("x.qcow2");
        Q.qemuOk(dir, "convert", "-f", "raw", "-O", "qcow2", "-o", "extended_l2=on,cluster_size=64k", src.toString(), x.toString());
        TestDisks.poke(x, 20, be(13, 4));
        assertThatThrownBy(() -> Qcow2Image.open(x)).isInstanceOf(DiskFormatException.class).hasMessageContaining("extended L2");
    }

    @Test
    void refcountDamageIsReportedByCheck() throws IOException {
        long rt = readLong(48);
        long rb = readLong(rt);
        TestDisks.poke(img, rb, be(0, 2));
        try (DiskImage i = Qcow2Image.open(img)) {
            assertThat(i.check().corruptions()).anyMatch(s -> s.contains("host cluster at 0"));
        }
    }
}
