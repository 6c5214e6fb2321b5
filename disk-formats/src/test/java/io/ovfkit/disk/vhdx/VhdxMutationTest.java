package io.ovfkit.disk.vhdx;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.vhd.TestDisks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to the unchecksummed structures (metadata, BAT) of a valid template: every outcome is
 * a readable image or a {@link DiskFormatException}, never another exception.
 */
class VhdxMutationTest {
    @TempDir
    Path dir;

    @Test
    void damagedMetadataAndBatFailCleanly() throws Exception {
        Path src = TestDisks.source(dir, "src.raw", 8 * MIB, 3);
        Path vhdx = dir.resolve("t.vhdx");
        try (DiskImage in = DiskImages.open(src);
                VhdxWriter w = VhdxWriter.create(vhdx, WriteOptions.builder(DiskFormat.VHDX, in.capacity()).contentSeed(1).build(),
                        (int) MIB, 512)) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        byte[] template = Files.readAllBytes(vhdx);
        Random r = new Random(4);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] f = template.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                long base = r.nextBoolean() ? 3 * MIB : 2 * MIB; // metadata or BAT
                int span = r.nextBoolean() ? 128 : 64 * 1024 + 64;
                f[(int) (base + r.nextInt(span))] = (byte) r.nextInt(256);
            }
            Path p = dir.resolve("f.vhdx");
            Files.write(p, f);
            try (DiskImage img = VhdxImage.open(p)) {
                TestDisks.digest(img);
                img.extents(0, img.capacity());
                img.check();
            } catch (DiskFormatException e) {
                assertThat(e.getMessage()).contains(p.toString());
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }
}
