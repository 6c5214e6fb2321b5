package io.ovfkit.disk.vhdx;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.vhd.TestDisks;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A dirty log written here by hand (a data descriptor and a zero descriptor, at the start of the log
 * or wrapping around its end) is replayed in memory, as {@code qemu-img check -r all} replays it on a copy.
 */
class VhdxLogTest {
    static final long DATA = 4 * MIB; // block 0 of the template
    @TempDir
    Path dir;

    @ParameterizedTest(name = "entry at log offset {0}")
    @ValueSource(ints = {0, 1044480, 8192})
    void dirtyLogReplaysInMemory(int at) throws Exception {
        Path src = TestDisks.source(dir, "src.raw", 8 * MIB, 3);
        Path vhdx = dir.resolve("t.vhdx");
        try (DiskImage in = DiskImages.open(src);
                VhdxWriter w = VhdxWriter.create(vhdx, WriteOptions.builder(DiskFormat.VHDX, in.capacity()).contentSeed(1).build(),
                        (int) MIB, 512)) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        byte[] expected = Files.readAllBytes(src);
        byte[] sector = new byte[4096];
        new Random(9).nextBytes(sector);
        System.arraycopy(sector, 0, expected, 4096, 4096);
        java.util.Arrays.fill(expected, 16384, 24576, (byte) 0);

        UUID g = UUID.randomUUID();
        long seq = 0x1_0000_0005L;
        byte[] entry = new byte[8192];
        ByteBuffer e = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        long fileSize = Files.size(vhdx);
        e.put(0, "loge".getBytes(StandardCharsets.US_ASCII)).putInt(8, 8192).putInt(12, at).putLong(16, seq).putInt(24, 2);
        e.put(32, Vhdx.guidBytes(g)).putLong(48, fileSize).putLong(56, fileSize);
        e.put(64, "desc".getBytes(StandardCharsets.US_ASCII)).putInt(68, ByteBuffer.wrap(sector, 4092, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt()).putLong(72, ByteBuffer.wrap(sector, 0, 8).order(ByteOrder.LITTLE_ENDIAN)
                .getLong()).putLong(80, DATA + 4096).putLong(88, seq);
        e.put(96, "zero".getBytes(StandardCharsets.US_ASCII)).putLong(104, 8192).putLong(112, DATA + 16384).putLong(120, seq);
        e.put(4096, "data".getBytes(StandardCharsets.US_ASCII)).putInt(4100, (int) (seq >>> 32));
        System.arraycopy(sector, 8, entry, 4104, 4084);
        e.putInt(8188, (int) seq);
        e.putInt(4, Vhdx.crc(entry, 0, entry.length, 4));
        TestDisks.poke(vhdx, MIB + at, java.util.Arrays.copyOfRange(entry, 0, 4096));
        TestDisks.poke(vhdx, MIB + (at + 4096) % MIB, java.util.Arrays.copyOfRange(entry, 4096, 8192));
        for (long h : new long[] {Vhdx.HEADER1, Vhdx.HEADER2}) {
            byte[] hb = new byte[4096];
            try (RandomAccessFile f = new RandomAccessFile(vhdx.toFile(), "r")) {
                f.seek(h);
                f.readFully(hb);
            }
            System.arraycopy(Vhdx.guidBytes(g), 0, hb, 48, 16);
            ByteBuffer.wrap(hb).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Vhdx.crc(hb, 0, 4096, 4));
            TestDisks.poke(vhdx, h, hb);
        }
        String before = TestDisks.digest(vhdx);
        String want = TestDisks.digest(writeRaw(expected));
        try (DiskImage img = DiskImages.open(vhdx)) {
            assertThat(img.details()).containsEntry("logReplayed", 1L);
            assertThat(TestDisks.digest(img)).isEqualTo(want);
            assertThat(img.check().leaks()).hasSize(1);
        }
        assertThat(TestDisks.digest(vhdx)).as("the input is never changed").isEqualTo(before);

        // qemu-img replays the same log on a copy.
        Path copy = dir.resolve("copy.vhdx");
        Files.copy(vhdx, copy);
        Oracle.Result c = TestDisks.qemu(dir, "check", "-r", "all", "-f", "vhdx", copy.toString());
        assertThat(c.exitCode()).as(c.describe()).isIn(0, 3);
        Path raw = dir.resolve("q.raw");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "vhdx", "-O", "raw", copy.toString(), raw.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(TestDisks.digest(raw)).isEqualTo(want);
    }

    private Path writeRaw(byte[] b) throws IOException {
        Path p = dir.resolve("expected.raw");
        Files.write(p, b);
        return p;
    }
}
