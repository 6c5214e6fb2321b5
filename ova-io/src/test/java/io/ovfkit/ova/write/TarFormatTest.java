package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ova.PackageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TarFormatTest {
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    private static String field(byte[] h, int off, int len) {
        return new String(h, off, len, StandardCharsets.ISO_8859_1);
    }

    @Test
    void headerIsUstarWithMode0644OwnerZeroAndNoNames() {
        byte[] h = TarFormat.header("web-disk1.vmdk", 1000, T);
        assertThat(h).hasSize(512);
        assertThat(field(h, 0, 15)).isEqualTo("web-disk1.vmdk\0");
        assertThat(field(h, 100, 8)).isEqualTo("0000644 ");
        assertThat(field(h, 108, 8)).isEqualTo("0000000 ");
        assertThat(field(h, 116, 8)).isEqualTo("0000000 ");
        assertThat(field(h, 124, 12)).isEqualTo("00000001750 ");
        assertThat(Long.parseLong(field(h, 136, 11), 8)).isEqualTo(1_700_000_000L);
        assertThat((char) h[156]).isEqualTo('0');
        assertThat(field(h, 257, 8)).isEqualTo("ustar\u000000");
        assertThat(h[265]).isZero(); // uname empty
        assertThat(h[297]).isZero(); // gname empty
    }

    @Test
    void checksumCoversTheHeaderWithItsFieldAsSpaces() {
        byte[] h = TarFormat.header("a.ovf", 1, T);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        assertThat(Fixtures.number(h, 148, 8)).isEqualTo(sum);
    }

    @Test
    void largestOctalSizeStaysOctal() {
        long max = (1L << 33) - 1;
        byte[] h = TarFormat.header("big", max, T);
        assertThat(field(h, 124, 12)).isEqualTo("77777777777 ");
    }

    @Test
    void sizeOf8GiBIsBase256() {
        long size = 1L << 33;
        byte[] h = TarFormat.header("big", size, T);
        assertThat(h[124] & 0xff).isEqualTo(0x80);
        assertThat(Fixtures.number(h, 124, 12)).isEqualTo(size);
    }

    @Test
    void sizeOf100TiBIsBase256() {
        long size = 100L << 40;
        assertThat(Fixtures.number(TarFormat.header("big", size, T), 124, 12)).isEqualTo(size);
    }

    @Test
    void nameOf100BytesIsAccepted() {
        String name = "d".repeat(95) + ".vmdk";
        TarFormat.checkName(name, "x.ova");
        assertThat(field(TarFormat.header(name, 0, T), 0, 100)).isEqualTo(name);
    }

    @Test
    void nameOf101BytesIsRefused() {
        assertThatThrownBy(() -> TarFormat.checkName("d".repeat(96) + ".vmdk", "x.ova"))
                .isInstanceOf(PackageException.class).hasMessageContaining("101 bytes").hasMessageContaining("at most 100");
    }

    @Test
    void multiByteCharactersCountInBytes() {
        assertThat(TarFormat.problem("é".repeat(50) + ".vmdk")).contains("105 bytes");
    }

    @Test
    void parentSegmentIsRefused() {
        assertThat(TarFormat.problem("../etc/passwd")).contains("'..'");
        assertThat(TarFormat.problem("a/../../b")).contains("'..'");
    }

    @Test
    void absoluteAndWindowsPathsAreRefused() {
        assertThat(TarFormat.problem("/etc/passwd")).contains("absolute");
        assertThat(TarFormat.problem("C:disk.vmdk")).contains("absolute");
        assertThat(TarFormat.problem("a\\b.vmdk")).contains("backslash");
    }

    @Test
    void emptyAndControlCharacterNamesAreRefused() {
        assertThat(TarFormat.problem("")).contains("empty");
        assertThat(TarFormat.problem("a\nb")).contains("control");
        assertThat(TarFormat.problem("a//b")).contains("empty");
    }

    @Test
    void subfolderNamesAreAccepted() {
        assertThat(TarFormat.problem("disks/web-disk1.vmdk")).isNull();
    }

    @Test
    void paddingFillsTheLastBlock() {
        assertThat(TarFormat.padding(0)).isZero();
        assertThat(TarFormat.padding(1)).isEqualTo(511);
        assertThat(TarFormat.padding(512)).isZero();
        assertThat(TarFormat.roundUp(513)).isEqualTo(1024);
    }
}
