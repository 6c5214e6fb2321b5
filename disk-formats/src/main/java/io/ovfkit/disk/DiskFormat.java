package io.ovfkit.disk;

import java.util.Locale;

/**
 * The virtual disk formats ovfkit knows.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum DiskFormat {
    /** A plain byte-for-byte image. */
    RAW,
    /** VMware VMDK (every subformat: sparse, streamOptimized, flat, split, vmfs descriptors). */
    VMDK,
    /** Microsoft VHD (Virtual PC, Hyper-V generation 1, Azure). */
    VHD,
    /** Microsoft VHDX. */
    VHDX,
    /** QEMU copy-on-write v2/v3. */
    QCOW2,
    /** VirtualBox disk image. */
    VDI;

    /** The lower-case name used on the command line and in JSON ({@code vmdk}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named {@code text} (case-insensitive; {@code vpc} is accepted for VHD as qemu names it).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static DiskFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("vpc")) {
            return VHD;
        }
        for (DiskFormat f : values()) {
            if (f.id().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown disk format \"" + text + "\"; expected raw, vmdk, vhd, vhdx, qcow2 or vdi");
    }
}
