package io.ovfkit.convert;

import java.util.Locale;

/**
 * What {@link Retargeter} writes for a target: an OVA for the targets that import OVF packages,
 * and for the others what their import takes instead.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum OutputForm {
    /** An {@code .ova} file. */
    OVA("an .ova file"),
    /** A fixed VHD of a whole number of MiB (the boot disk), and {@code OUT.json} with the hardware (Azure). */
    FIXED_VHD("a .vhd file"),
    /** A folder with one {@code .vhdx} per disk and {@code VM.json} with the hardware (Hyper-V). */
    VHDX_FOLDER("a folder"),
    /** A gzip-compressed GNU tar holding {@code disk.raw}, the boot disk (GCE image import). */
    GCE_IMAGE("a .tar.gz file"),
    /** An OCI image layout archive: a containerDisk with the boot disk as {@code /disk/NAME.qcow2} (KubeVirt). */
    OCI_ARCHIVE("a .tar file");

    private final String output;

    OutputForm(String output) {
        this.output = output;
    }

    /** {@return what {@code -o OUT} names, for people: "an .ova file", "a folder" …} */
    public String output() {
        return output;
    }

    /** {@return the lower-case, dashed name ({@code fixed-vhd})} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The form for a profile: by the id of the built-in targets that take no OVF package
     * ({@code azure}, {@code hyperv}, {@code gce}, {@code kubevirt}, and profiles whose id starts
     * with one of them and a colon or dash), else an OVA.
     *
     * @param profile the target
     * @return its output form
     */
    public static OutputForm of(TargetProfile profile) {
        String id = profile.id();
        if (is(id, "azure")) {
            return FIXED_VHD;
        }
        if (is(id, "hyperv")) {
            return VHDX_FOLDER;
        }
        if (is(id, "gce")) {
            return GCE_IMAGE;
        }
        if (is(id, "kubevirt")) {
            return OCI_ARCHIVE;
        }
        return OVA;
    }

    private static boolean is(String id, String base) {
        return id.equals(base) || id.startsWith(base + ":") || id.startsWith(base + "-");
    }
}
