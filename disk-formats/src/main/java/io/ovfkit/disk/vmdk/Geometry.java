package io.ovfkit.disk.vmdk;

import java.util.Locale;

/**
 * The informational CHS geometry of a VMDK descriptor ({@code ddb.geometry.*}, disk-formats.md
 * §7.2). ESXi and VirtualBox recompute it; it only has to be plausible. IDE: 16 heads, 63 sectors,
 * at most 16383 cylinders; SCSI adapters: 255 heads, 63 sectors, at most 65535 cylinders. The
 * cylinder count is the capacity divided by heads × sectors, rounded down, and at least 1.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param cylinders the cylinder count
 * @param heads the head count
 * @param sectors sectors per track
 */
public record Geometry(long cylinders, int heads, int sectors) {
    /**
     * The geometry of a disk of {@code capacitySectors} on {@code adapterType}.
     *
     * @param adapterType {@code ide}, {@code lsilogic}, {@code buslogic} or {@code legacyESX}
     */
    public static Geometry of(long capacitySectors, String adapterType) {
        boolean ide = "ide".equals(adapterType.toLowerCase(Locale.ROOT));
        int heads = ide ? 16 : 255;
        long max = ide ? 16383 : 65535;
        long c = capacitySectors / (heads * 63L);
        return new Geometry(Math.max(1, Math.min(max, c)), heads, 63);
    }
}
