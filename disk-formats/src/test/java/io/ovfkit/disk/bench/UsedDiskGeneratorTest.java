package io.ovfkit.disk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's input generator: deterministic, with the mix and compressibility it promises. */
class UsedDiskGeneratorTest {
    private static final long SIZE = 64L << 20;

    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
        Path a = tmp.resolve("a.raw");
        Path b = tmp.resolve("b.raw");
        Path c = tmp.resolve("c.raw");
        new UsedDiskGenerator(SIZE, 7, 0.45, 0.30, 0.25).write(a);
        new UsedDiskGenerator(SIZE, 7, 0.45, 0.30, 0.25).write(b);
        new UsedDiskGenerator(SIZE, 8, 0.45, 0.30, 0.25).write(c);
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
        assertThat(Files.mismatch(a, c)).isNotEqualTo(-1);
        assertThat(Files.size(a)).isEqualTo(SIZE);
    }

    @Test
    void theMixFollowsTheShares() throws IOException {
        UsedDiskGenerator.Summary s = new UsedDiskGenerator(SIZE, 1, 0.45, 0.30, 0.25).write(tmp.resolve("d.raw"));
        assertThat(s.neverWritten() + s.compressible() + s.random()).isEqualTo(SIZE);
        // 64 MiB holds about 30 runs of 2 MiB on average: loose bounds.
        assertThat((double) s.neverWritten() / SIZE).isBetween(0.2, 0.7);
        assertThat(s.compressible()).isPositive();
        assertThat(s.random()).isPositive();
    }

    @Test
    void theTextDeflatesThreeToFourTimes() {
        byte[] text = new byte[4 << 20];
        new UsedDiskGenerator.TextSource(3).fill(text, text.length);
        Deflater d = new Deflater(6);
        byte[] out = new byte[text.length];
        d.setInput(text);
        d.finish();
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(out, n, out.length - n);
        }
        d.end();
        assertThat((double) text.length / n).isBetween(3.0, 4.5);
    }

    @Test
    void sizesTakeBinaryUnits() {
        assertThat(UsedDiskGenerator.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(UsedDiskGenerator.parseSize("512KiB")).isEqualTo(512L << 10);
        assertThat(UsedDiskGenerator.parseSize("4096")).isEqualTo(4096);
    }
}
