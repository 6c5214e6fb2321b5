package io.ovfkit.disk.vhdx;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.vhd.TestDisks;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corruptions of a valid VHDX template, each refused with the file and the offset named. */
class VhdxCorruptionTest {
    static final long BAT = VhdxWriter.BAT_OFFSET;
    static final long MD = BAT + MIB; // the template's BAT is 1 MiB long
    @TempDir
    Path dir;
    Path vhdx;
    String digest;

    @BeforeEach
    void template() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 8 * MIB, 3);
        digest = TestDisks.digest(src);
        vhdx = dir.resolve("t.vhdx");
        try (DiskImage in = DiskImages.open(src);
                VhdxWriter w = VhdxWriter.create(vhdx, WriteOptions.builder(DiskFormat.VHDX, in.capacity()).contentSeed(1).build(),
                        (int) MIB, 512)) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        try (DiskImage img = VhdxImage.open(vhdx)) {
            assertThat(TestDisks.digest(img)).isEqualTo(digest);
        }
    }

    private void refused(long offset, String text) {
        assertThatThrownBy(() -> VhdxImage.open(vhdx).close()).isInstanceOfSatisfying(DiskFormatException.class, e -> {
            assertThat(e.file()).isEqualTo(vhdx);
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.getMessage()).contains(vhdx.toString()).contains("at offset " + offset).contains(text);
        });
    }

    private byte[] read(long at, int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(vhdx.toFile(), "r")) {
            byte[] b = new byte[n];
            f.seek(at);
            f.readFully(b);
            return b;
        }
    }

    /** Writes {@code b} back at {@code at} with its CRC-32C (at 4) recomputed. */
    private void writeWithCrc(long at, byte[] b) throws IOException {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Vhdx.crc(b, 0, b.length, 4));
        TestDisks.poke(vhdx, at, b);
    }

    @Test
    void identifier() throws IOException {
        TestDisks.poke(vhdx, 0, (byte) 'V');
        refused(0, "vhdxfile");
    }

    @Test
    void oneBadHeaderFallsBackToTheOther() throws IOException {
        TestDisks.poke(vhdx, Vhdx.HEADER2 + 100, (byte) 1);
        try (DiskImage img = VhdxImage.open(vhdx)) {
            assertThat(img.details()).containsEntry("headerSequence", 1L);
            assertThat(TestDisks.digest(img)).isEqualTo(digest);
        }
    }

    @Test
    void bothHeadersBad() throws IOException {
        TestDisks.poke(vhdx, Vhdx.HEADER1 + 100, (byte) 1);
        TestDisks.poke(vhdx, Vhdx.HEADER2, (byte) 'x');
        refused(Vhdx.HEADER1, "neither header is valid");
    }

    @Test
    void headerCrc() throws IOException {
        TestDisks.poke(vhdx, Vhdx.HEADER1 + 4, (byte) 0x55);
        TestDisks.poke(vhdx, Vhdx.HEADER2 + 4, (byte) 0x55);
        refused(Vhdx.HEADER1, "CRC-32C");
    }

    @Test
    void regionTableCrc() throws IOException {
        TestDisks.poke(vhdx, Vhdx.REGION1 + 40000, (byte) 1);
        try (DiskImage img = VhdxImage.open(vhdx)) {
            assertThat(TestDisks.digest(img)).isEqualTo(digest);
        }
        TestDisks.poke(vhdx, Vhdx.REGION2 + 40000, (byte) 1);
        refused(Vhdx.REGION1, "CRC-32C");
    }

    @Test
    void regionEntryCount() throws IOException {
        for (long at : new long[] {Vhdx.REGION1, Vhdx.REGION2}) {
            byte[] t = read(at, Vhdx.REGION_SIZE);
            ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2048);
            writeWithCrc(at, t);
        }
        refused(Vhdx.REGION1, "2047");
    }

    @Test
    void metadataTableCount() throws IOException {
        TestDisks.poke(vhdx, MD + 10, (byte) 0xFF, (byte) 0x0F);
        refused(MD + 10, "2047");
    }

    @Test
    void blockSize() throws IOException {
        TestDisks.poke(vhdx, MD + 65536, (byte) 0, (byte) 0, (byte) 0x30, (byte) 0);
        refused(MD + 65536, "block size");
    }

    @Test
    void virtualSize() throws IOException {
        TestDisks.poke(vhdx, MD + 65536 + 8, (byte) 1);
        refused(MD + 65536 + 8, "virtual disk size");
    }

    @Test
    void logicalSectorSize() throws IOException {
        TestDisks.poke(vhdx, MD + 65536 + 32, (byte) 0, (byte) 4);
        refused(MD + 65536 + 32, "logical sector size");
    }

    @Test
    void unknownRequiredMetadataItem() throws IOException {
        TestDisks.poke(vhdx, MD + 32, (byte) 0x99);
        refused(MD + 32, "required");
    }

    @Test
    void batEntryBeyondTheEndOfTheFile() throws IOException {
        TestDisks.poke(vhdx, BAT + 8, (byte) 6, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 1);
        refused(BAT + 8, "beyond the end of the file");
    }

    @Test
    void dirtyLogWithoutEntries() throws IOException {
        for (long at : new long[] {Vhdx.HEADER1, Vhdx.HEADER2}) {
            byte[] h = read(at, Vhdx.HEADER_SIZE);
            h[48] = 1;
            writeWithCrc(at, h);
        }
        refused(VhdxWriter.LOG_OFFSET, "no valid sequence");
    }

    @Test
    void truncatedFile() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(vhdx.toFile(), "rw")) {
            f.setLength(300 * 1024);
        }
        refused(0, "at least 1 MiB");
    }
}
