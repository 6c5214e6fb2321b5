package io.ovfkit.ova.write;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ova.PackageForm;
import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.edit.DescriptorEditor;
import io.ovfkit.ovf.edit.UnifiedDiff;
import io.ovfkit.ovf.validation.Profile;
import io.ovfkit.ovf.validation.Validator;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Manifest;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Edits a package: its descriptor through a {@link DescriptorEditor} (lossless: only the edited
 * elements change), files added and removed, then the package written in one pass with every
 * other member copied as it is stored (no disk is converted unless one is added from another
 * format), the manifest computed anew with the package's own digest algorithm, and the package
 * signed anew when a signer is given. A signature the edit invalidates is never kept: without a
 * signer it is removed, with a warning in the result.
 *
 * <pre>{@code
 * try (PackageEditor e = PackageEditor.open(Path.of("app.ova"))) {
 *     e.descriptor().cpus(4).memory(8L << 30).property("hostname", "web1", null);
 *     e.addFile(Path.of("README.txt"));
 *     EditPlan plan = e.plan();                      // diff and changed members; nothing written
 *     if (!Validator.hasErrors(plan.newFindings())) {
 *         e.write(null, e.writeOptions().build());   // in place, through a temporary name
 *     }
 * }
 * }</pre>
 *
 * <p>Packages are local: an {@code .ova} file, or an {@code .ovf} with its folder (edited in
 * place, or written as an OVA with another output path). Instances are not thread-safe (confine one to a thread,
 * like the descriptor it edits); close them
 * to delete the temporary files of converted disks.
 */
public final class PackageEditor implements Closeable {
    private static final String STREAM_OPTIMIZED_URI = DiskEncoding.STREAM_OPTIMIZED.formatUri();

    private final Path pkg;
    private final boolean folder;
    private final String descriptorName;
    private final OvfDescriptor descriptor;
    private final DescriptorEditor editor;
    private final List<String> originalMembers;
    private final Optional<DigestAlgorithm> manifestAlgorithm;
    private final boolean signed;
    private final String originalText;
    private final Map<String, Path> added = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private final List<Path> temporary = new ArrayList<>();

    private PackageEditor(Path pkg, OvfPackage p) throws IOException {
        this.pkg = pkg;
        this.folder = p.form() != PackageForm.OVA;
        this.descriptorName = p.descriptorMember().name();
        this.descriptor = Ovf.read(p.descriptor().originalBytes(), descriptorName);
        this.editor = DescriptorEditor.of(descriptor);
        this.originalMembers = p.members().stream().map(m -> m.name()).toList();
        Optional<Manifest> mf = p.manifest();
        this.manifestAlgorithm = mf.flatMap(m -> m.algorithms().stream().findFirst());
        this.signed = p.certificate().isPresent();
        this.originalText = new String(descriptor.originalBytes(), descriptor.charset());
    }

    /**
     * Opens the package at {@code pkg} for editing.
     *
     * @param pkg an {@code .ova} file, an {@code .ovf} descriptor with its files, or a folder holding one
     * @throws PackageException when it is not a package ovfkit can read
     * @throws IOException when it cannot be read
     */
    public static PackageEditor open(Path pkg) throws IOException {
        Objects.requireNonNull(pkg, "pkg");
        try (OvfPackage p = OvfPackage.open(pkg)) {
            return new PackageEditor(pkg, p);
        }
    }

    /** The editor of the descriptor: hardware, product, properties, deployment options. */
    public DescriptorEditor descriptor() {
        return editor;
    }

    /**
     * Adds a file as a member of the package (a {@code File} in {@code References}, named by the
     * file's name).
     *
     * @return the new {@code File}'s {@code ovf:id}
     */
    public String addFile(Path file) throws IOException {
        requireRegularFile(file);
        String href = file.getFileName().toString();
        String id = editor.addFile(href, Files.size(file));
        added.put(href, file);
        return id;
    }

    /**
     * Adds a disk from an image file. A streamOptimized VMDK is copied as it is; any other image
     * ovfkit reads (raw, VMDK, VHD, VHDX, QCOW2, VDI) is converted to a streamOptimized VMDK first,
     * into a temporary file.
     *
     * @param controller {@code scsi}, {@code sata}, {@code ide} or {@code nvme}
     * @param controllerType the model of a new controller, or {@code null} for the usual one
     * @return the new disk's {@code ovf:diskId}
     */
    public String addDisk(Path image, String controller, String controllerType) throws IOException {
        requireRegularFile(image);
        long capacity;
        boolean streamOptimized;
        try (DiskImage in = DiskImages.open(image, true)) {
            capacity = in.capacity();
            streamOptimized = in.format() == DiskFormat.VMDK && "streamOptimized".equalsIgnoreCase(in.subformat());
        }
        String name = image.getFileName().toString();
        Path content = image;
        if (!streamOptimized) {
            int dot = name.lastIndexOf('.');
            name = (dot > 0 ? name.substring(0, dot) : name) + ".vmdk";
            content = convert(image, capacity);
        }
        String diskId = editor.addDisk(name, Files.size(content), capacity, STREAM_OPTIMIZED_URI, controller,
                controllerType);
        added.put(name, content);
        return diskId;
    }

    /**
     * Adds a blank disk of {@code capacityBytes}, created empty at deployment (a {@code Disk}
     * without a file).
     *
     * @return the new disk's {@code ovf:diskId}
     */
    public String addBlankDisk(long capacityBytes, String controller, String controllerType) {
        return editor.addDisk(null, null, capacityBytes, null, controller, controllerType);
    }

    /** Adds a CD-ROM drive holding the ISO image {@code iso} (which becomes a member). */
    public void addCdrom(Path iso) throws IOException {
        requireRegularFile(iso);
        String href = iso.getFileName().toString();
        editor.addCdrom(href, Files.size(iso));
        added.put(href, iso);
    }

    /**
     * Removes the file whose {@code ovf:href} is {@code href} from the package, with the disk it
     * holds and the items that use that disk.
     */
    public void removeFile(String href) {
        editor.removeFile(href);
        if (added.remove(href) == null) {
            removed.add(href);
        }
    }

    /**
     * What {@link #write} would do now, without writing anything: the new descriptor, its diff,
     * the members that change and the validation errors the edit introduces.
     */
    public EditPlan plan() {
        return plan(false);
    }

    /**
     * As {@link #plan()}, saying how the manifest and certificate change when the package is
     * signed ({@code signing} true) or not.
     */
    public EditPlan plan(boolean signing) {
        byte[] bytes = descriptor.toBytes();
        String text = new String(bytes, descriptor.charset());
        String diff = UnifiedDiff.of(originalText, text, "a/" + descriptorName, "b/" + descriptorName);
        String base = descriptorName.substring(0, descriptorName.length() - 4);
        List<EditPlan.Change> changes = new ArrayList<>();
        boolean descriptorChanged = !text.equals(originalText);
        boolean anything = descriptorChanged || !added.isEmpty() || !removed.isEmpty();
        if (descriptorChanged) {
            changes.add(new EditPlan.Change(descriptorName, EditPlan.Action.MODIFIED));
        }
        Set<String> old = new HashSet<>(originalMembers);
        for (String a : added.keySet()) {
            changes.add(new EditPlan.Change(a, old.contains(a) ? EditPlan.Action.MODIFIED : EditPlan.Action.ADDED));
        }
        for (String m : originalMembers) {
            if (removed.contains(m) || removed.stream().anyMatch(r -> m.startsWith(r + ".") && m.length() == r.length() + 10)) {
                changes.add(new EditPlan.Change(m, EditPlan.Action.REMOVED));
            }
        }
        if (anything || signing) {
            String mf = base + ".mf";
            if (manifestAlgorithm.isPresent()) {
                changes.add(new EditPlan.Change(mf, EditPlan.Action.MODIFIED));
            } else if (signing) {
                changes.add(new EditPlan.Change(mf, EditPlan.Action.ADDED));
            }
            if (signing) {
                changes.add(new EditPlan.Change(base + ".cert", signed ? EditPlan.Action.MODIFIED : EditPlan.Action.ADDED));
            } else if (signed) {
                changes.add(new EditPlan.Change(base + ".cert", EditPlan.Action.REMOVED));
            }
        }
        List<Diagnostic> findings = newFindings(bytes);
        return new EditPlan(descriptorName, bytes, diff, changes, findings);
    }

    /**
     * A builder of write options preset for this package: its manifest digest algorithm (SHA-256
     * when it has no manifest: a signer given later needs one), no manifest when it had none.
     * Add a signer, reproducibility or sync, then pass the result to {@link #write}.
     */
    public PackageOptions.Builder writeOptions() {
        PackageOptions.Builder b = PackageOptions.builder();
        if (manifestAlgorithm.isPresent()) {
            b.digest(manifestAlgorithm.get());
        } else {
            b.noManifest();
        }
        return b;
    }

    /** Whether the package had a manifest when opened. */
    public Optional<DigestAlgorithm> manifestAlgorithm() {
        return manifestAlgorithm;
    }

    /** Whether the package had a certificate (signature) when opened. */
    public boolean signed() {
        return signed;
    }

    /**
     * Writes the edited package: to {@code out}, or in place when {@code out} is {@code null} or
     * {@code pkg} itself (an OVA through a temporary name renamed over it, a folder's files each
     * through a temporary name). Nothing is written when the edit introduces validation errors.
     *
     * @param options from {@link #writeOptions()}, with a signer to sign the new manifest
     * @return what was written; its warnings say what was removed (an old signature)
     * @throws EditRejectedException when the edited descriptor has validation errors the original
     *     did not have; nothing is written
     * @throws IOException when a file cannot be read or written; the package is then as it was
     */
    public PackageResult write(Path out, PackageOptions options) throws IOException {
        EditPlan plan = plan(options.signer().isPresent());
        if (plan.newFindings().stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            throw new EditRejectedException(descriptorName, plan.newFindings());
        }
        PackageOptions effective = options;
        if (options.signer().isPresent() && options.manifestDigest().isEmpty()) {
            effective = options.toBuilder().digest(DigestAlgorithm.DEFAULT).build();
        }
        Path target = out;
        if (folder && target != null && Files.isDirectory(target)) {
            throw new PackageException(target.toString(), "an edited folder package is written in place or as an .ova file,"
                    + " not into another folder");
        }
        Path source = pkg;
        return PackageRewriter.rewrite(source, target, effective,
                new PackageRewriter.Edit(plan.descriptor(), Map.copyOf(added), Set.copyOf(removed)));
    }

    /** Deletes the temporary files of converted disks. */
    @Override
    public void close() throws IOException {
        for (Path p : temporary) {
            Files.deleteIfExists(p);
        }
        temporary.clear();
    }

    // ---------------------------------------------------------------------------------------------

    /** Errors and warnings of the edited descriptor that the original did not have. */
    private List<Diagnostic> newFindings(byte[] bytes) {
        Validator v = Validator.builder().profile(Profile.LAX).build();
        OvfDescriptor before = Ovf.read(descriptor.originalBytes(), descriptorName);
        Set<String> known = new HashSet<>();
        for (Diagnostic d : v.validate(before)) {
            known.add(d.rule() + "\u0000" + d.message());
        }
        OvfDescriptor after;
        try {
            after = Ovf.read(bytes, descriptorName);
        } catch (RuntimeException e) {
            return List.of(Diagnostic.error("OVF_EDIT_UNREADABLE", 0, 0, "the edited descriptor cannot be read back: "
                    + e.getMessage()));
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : v.validate(after)) {
            if (d.severity() != Severity.INFO && !known.contains(d.rule() + "\u0000" + d.message())) {
                out.add(d);
            }
        }
        return out;
    }

    private Path convert(Path image, long capacity) throws IOException {
        Path dir = pkg.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".ovfkit-edit-", ".vmdk");
        temporary.add(tmp);
        Files.delete(tmp);
        try (DiskImage in = DiskImages.open(image, true)) {
            WriteOptions o = WriteOptions.builder(DiskFormat.VMDK, capacity).subformat("streamOptimized").build();
            DiskWriter w = DiskWriters.create(tmp, o);
            try {
                DiskConverter.builder().build().convert(in, w);
            } finally {
                w.close();
            }
        }
        return tmp;
    }

    private static void requireRegularFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new IllegalArgumentException(file + ": no file name");
        }
    }
}
