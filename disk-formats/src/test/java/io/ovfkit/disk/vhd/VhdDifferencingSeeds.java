package io.ovfkit.disk.vhd;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.vhd.VhdDifferencingTest.DifferencingVhd;
import io.ovfkit.disk.vhd.VhdDifferencingTest.Locator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a small differencing VHD over a parent beside it, for the fuzz seeds: laid out as Hyper-V
 * does ({@link VhdDifferencingTest}'s builder), with {@code W2ku} and {@code W2ru} locators naming
 * the parent's file, and a few sectors of its own in one block whose other sectors are zeros.
 */
public final class VhdDifferencingSeeds {
    private VhdDifferencingSeeds() {
    }

    /** Writes {@code child}, a differencing disk over {@code parent} (a VHD in the same folder). */
    public static void writeChild(Path parent, Path child) throws IOException {
        long size;
        try (DiskImage p = DiskImages.open(parent)) {
            size = p.capacity();
        }
        String name = parent.getFileName().toString();
        byte[] a = new byte[2 * 512];
        byte[] b = new byte[512];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 13 + 5);
        }
        java.util.Arrays.fill(b, (byte) 0x5A);
        new DifferencingVhd(size, VhdDifferencingTest.footerUuid(parent)).garbage((byte) 0).parentName(name)
                .parentTimestamp(VhdDifferencingTest.vhdTime(parent))
                .locator(Locator.w2ku("C:\\VMs\\Hyper-V\\" + name)).locator(Locator.w2ru(".\\" + name))
                .write(0, a).write(size / 512 - 1, b).writeTo(child);
    }
}
