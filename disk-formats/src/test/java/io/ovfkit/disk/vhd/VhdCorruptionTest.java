package io.ovfkit.disk.vhd;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One corruption per test, from valid templates; each is a DiskFormatException naming file and offset. */
class VhdCorruptionTest {
    @TempDir
    Path dir;
    Path dynamic;
    Path fixed;
    long dynSize;

    @BeforeEach
    void templates() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 6 * MIB, 1);
        dynamic = dir.resolve("d.vhd");
        fixed = dir.resolve("f.vhd");
        TestDisks.convert(src, dynamic, DiskFormat.VHD, "dynamic");
        TestDisks.convert(src, fixed, DiskFormat.VHD, "fixed");
        dynSize = Files.size(dynamic);
    }

    private void expect(Path f, long offset, String text) {
        Throwable t = catchThrowable(() -> DiskImages.open(f).close());
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(f.toString()).hasMessageContaining(text);
        assertThat(((DiskFormatException) t).offset()).isEqualTo(offset);
        assertThat(((DiskFormatException) t).file()).isEqualTo(f);
    }

    /** Sets a footer field (both copies for a dynamic disk) and recomputes the checksum. */
    private void footerField(Path f, int at, byte... v) throws IOException {
        long size = Files.size(f);
        byte[] ft = Arrays.copyOfRange(Files.readAllBytes(f), (int) size - 512, (int) size);
        System.arraycopy(v, 0, ft, at, v.length);
        ByteBuffer.wrap(ft).putInt(64, VhdFooter.checksum(ft, 0, 512, 64));
        TestDisks.poke(f, size - 512, ft);
        if (f.equals(dynamic)) {
            TestDisks.poke(f, 0, ft);
        }
    }

    private void headerField(int at, byte... v) throws IOException {
        byte[] h = Arrays.copyOfRange(Files.readAllBytes(dynamic), 512, 1536);
        System.arraycopy(v, 0, h, at, v.length);
        ByteBuffer.wrap(h).putInt(36, VhdFooter.checksum(h, 0, 1024, 36));
        TestDisks.poke(dynamic, 512, h);
    }

    @Test
    void footerChecksum() throws IOException {
        TestDisks.poke(fixed, 6 * MIB + 64, (byte) 0x12);
        expect(fixed, 6 * MIB + 64, "footer checksum");
    }

    @Test
    void footerDiskType() throws IOException {
        footerField(fixed, 60, (byte) 0, (byte) 0, (byte) 0, (byte) 7);
        expect(fixed, 6 * MIB + 60, "disk type 7");
    }

    @Test
    void footerCurrentSizeNotSectors() throws IOException {
        footerField(fixed, 48, ByteBuffer.allocate(8).putLong(6 * MIB - 100).array());
        expect(fixed, 6 * MIB + 48, "current size");
    }

    @Test
    void fixedFooterSizeBeyondData() throws IOException {
        footerField(fixed, 48, ByteBuffer.allocate(8).putLong(8 * MIB).array());
        expect(fixed, 6 * MIB + 48, "truncated");
    }

    @Test
    void dynamicHeaderOffset() throws IOException {
        footerField(dynamic, 16, ByteBuffer.allocate(8).putLong(dynSize * 2).array());
        expect(dynamic, dynSize - 512 + 16, "dynamic header offset");
    }

    @Test
    void dynamicHeaderCookie() throws IOException {
        TestDisks.poke(dynamic, 512, "cxspars!".getBytes());
        expect(dynamic, 512, "cxsparse");
    }

    @Test
    void dynamicHeaderChecksum() throws IOException {
        TestDisks.poke(dynamic, 512 + 100, (byte) 1);
        expect(dynamic, 512 + 36, "dynamic header checksum");
    }

    @Test
    void dynamicHeaderBlockSize() throws IOException {
        headerField(32, ByteBuffer.allocate(4).putInt(3 << 20).array());
        expect(dynamic, 512 + 32, "block size");
    }

    @Test
    void dynamicHeaderTooManyEntries() throws IOException {
        headerField(28, ByteBuffer.allocate(4).putInt(0x40000001).array());
        expect(dynamic, 512 + 28, "Max Table Entries too large");
    }

    @Test
    void dynamicHeaderTooFewEntries() throws IOException {
        headerField(28, ByteBuffer.allocate(4).putInt(2).array());
        expect(dynamic, 512 + 28, "too few");
    }

    @Test
    void batEntryBeyondEndOfFile() throws IOException {
        TestDisks.poke(dynamic, 1536 + 4, ByteBuffer.allocate(4).putInt(0x00100000).array());
        expect(dynamic, 1536 + 4, "beyond the end of the file");
    }

    @Test
    void overlappingBlocksFailTheCheck() throws IOException {
        byte[] first = Arrays.copyOfRange(Files.readAllBytes(dynamic), 1536, 1540);
        TestDisks.poke(dynamic, 1536 + 8, first);
        try (var img = DiskImages.open(dynamic)) {
            assertThat(img.check().consistent()).isFalse();
            assertThat(img.check().corruptions().get(0)).contains("at offset").contains("overlaps");
        }
    }
}
