package io.ovfkit.convert;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.write.DiskEncoding;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes a package suit a target: every fix for what {@link Linter} finds, applied in one streaming
 * pass over the input, the result written in the form the target imports ({@link OutputForm}).
 *
 * <pre>{@code
 * try (OvfPackage p = OvfPackage.open("appliance.ova")) {
 *     TargetProfile vsphere = Targets.builtIn().get("vsphere");
 *     RetargetReport plan = Retargeter.plan(p, vsphere);               // what would change; writes nothing
 *     RetargetReport done = Retargeter.retarget(p, vsphere, Path.of("out.ova"),
 *             RetargetOptions.builder().signer(signer).build());       // the OVA, re-hashed and signed
 *     done.changes().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p><b>OVA targets.</b> The descriptor is edited through the lossless model (only the edited
 * values change): VirtualSystemType, controller and NIC subtypes, the controller type of disks,
 * HostResource forms, memory and capacity units, refused sections removed and refused required
 * devices marked {@code ovf:required="false"}, OVF 2 items rewritten as {@code Item}s, and the OVF
 * version converted last. Each value written is one the profile takes as it is
 * ({@link TargetProfile#preferred}). Files: gzip and chunks undone, names made safe, disks the
 * target does not take converted on the fly into streamOptimized VMDK (others copied byte for
 * byte); members the descriptor does not name are left out. The package is written by ova-io's
 * {@link PackageWriter} in one pass: descriptor first, then the new manifest (the profile's
 * algorithm, canonical {@code ALG(name)= hex} lines) and certificate, then the files, in ustar
 * headers (GNU base-256 above 8 GiB). An old signature cannot survive the rewrite: it is dropped
 * with a warning, and a new one is made when a signer is given.
 *
 * <p><b>Disk targets.</b> Azure: the boot disk as a fixed VHD of whole MiB (at least 20 MiB) and
 * {@code OUT.json} with the hardware (generation 2 for EFI); Hyper-V: a folder with one VHDX per
 * disk and {@code VM.json}; GCE: {@code disk.raw} (whole GiB) in a GNU tar compressed with gzip on
 * every core; KubeVirt: an OCI image layout archive holding {@code /disk/NAME.qcow2}. None stages
 * a disk in a temporary file; outputs appear under their names only when complete.
 *
 * <p>Stateless; safe to call from any thread, with a package that no other thread uses meanwhile
 * ({@link io.ovfkit.ova.OvfPackage} is not thread-safe).
 */
public final class Retargeter {
    private Retargeter() {
    }

    /**
     * What {@link #retarget} would change and write, without writing anything (a dry run). Reads the
     * descriptor, the manifest and the first bytes of each disk.
     *
     * @param pkg an open package
     * @param target the target
     * @return the changes and warnings, with no outputs
     * @throws IOException when the package cannot be read
     * @throws RetargetException when the package cannot be made to suit the target
     */
    public static RetargetReport plan(OvfPackage pkg, TargetProfile target) throws IOException {
        Objects.requireNonNull(pkg, "pkg");
        OutputForm form = OutputForm.of(Objects.requireNonNull(target, "target"));
        if (form == OutputForm.OVA) {
            PackageFixes f = PackageFixes.of(pkg, target);
            return new RetargetReport(pkg.name(), target.id(), form, withRepack(f), f.warnings(), List.of(), true);
        }
        List<String> warnings = new ArrayList<>();
        List<Change> changes = DiskOutputs.plan(pkg, VmHardware.of(pkg.descriptor()), form, warnings);
        return new RetargetReport(pkg.name(), target.id(), form, changes, warnings, List.of(), true);
    }

    /**
     * Writes {@code pkg} made to suit {@code target} at {@code out} (see {@link OutputForm} for what
     * {@code out} is). Nothing partial is left when it fails; an existing OVA or file at {@code out}
     * is replaced only by a complete one.
     *
     * @param pkg an open package; its disks must be readable at random when they are converted (an
     *     OVA file, a folder, a URL with range requests — not a gzip-compressed disk)
     * @param target the target
     * @param out where to write
     * @param options signer, threads, progress, reproducibility
     * @return what was changed and written
     * @throws IOException when the package cannot be read or the output written
     * @throws RetargetException when the package cannot be made to suit the target
     */
    public static RetargetReport retarget(OvfPackage pkg, TargetProfile target, Path out, RetargetOptions options)
            throws IOException {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        OutputForm form = OutputForm.of(Objects.requireNonNull(target, "target"));
        if (form == OutputForm.OVA) {
            return ova(pkg, target, out, options);
        }
        List<String> warnings = new ArrayList<>();
        VmHardware hw = VmHardware.of(pkg.descriptor());
        List<Change> changes = DiskOutputs.plan(pkg, hw, form, warnings);
        if (options.signer().isPresent()) {
            warnings.add(form.output() + " holds no manifest: the signing key is not used");
        }
        List<Path> outputs = switch (form) {
            case FIXED_VHD -> DiskOutputs.azure(pkg, hw, out, options);
            case VHDX_FOLDER -> DiskOutputs.hyperv(pkg, hw, out, options);
            case GCE_IMAGE -> DiskOutputs.gce(pkg, hw, out, options);
            case OCI_ARCHIVE -> OciArchiveWriter.write(pkg, hw, out, options);
            default -> throw new IllegalStateException(form.toString());
        };
        return new RetargetReport(pkg.name(), target.id(), form, changes, warnings, outputs, false);
    }

    private static List<Change> withRepack(PackageFixes f) {
        List<Change> all = new ArrayList<>(f.changes());
        return all;
    }

    private static RetargetReport ova(OvfPackage pkg, TargetProfile target, Path out, RetargetOptions o)
            throws IOException {
        PackageFixes f = PackageFixes.of(pkg, target);
        PackageOptions.Builder ob = PackageOptions.builder().digest(f.manifestAlgorithm()).threads(o.threads())
                .progress(o.progress()).reproducible(o.reproducible());
        o.modificationTime().ifPresent(ob::modificationTime);
        o.signer().ifPresent(ob::signer);
        List<DiskImage> opened = new ArrayList<>();
        List<String> warnings = new ArrayList<>(f.warnings());
        try (PackageWriter w = PackageWriter.toOva(out, ob.build())) {
            w.descriptor(f.descriptor(), f.descriptorMemberName());
            for (PackageFixes.FileJob job : f.jobs()) {
                if (job.convert()) {
                    DiskImage img = DiskOutputs.open(pkg, job.oldHref());
                    opened.add(img);
                    w.disk(job.newHref(), img, DiskEncoding.STREAM_OPTIMIZED);
                } else {
                    String href = job.oldHref();
                    w.file(job.newHref(), job.size(), () -> pkg.openFileChannel(href));
                }
            }
            PackageResult r = w.finish();
            warnings.addAll(r.warnings());
        } finally {
            for (DiskImage i : opened) {
                i.close();
            }
        }
        return new RetargetReport(pkg.name(), target.id(), OutputForm.OVA, withRepack(f), warnings, List.of(out), false);
    }
}
