package io.ovfkit.convert;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.raw.RawWriter;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ova.PackageForm;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outputs of the targets that import disks rather than OVF packages: Azure's fixed VHD,
 * Hyper-V's VHDX folder, GCE's {@code disk.raw} archive (the OCI containerDisk is
 * {@link OciArchiveWriter}). Each plan lists its changes first ({@link #plan}), so a dry run and a
 * real run report the same.
 */
final class DiskOutputs {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** Azure's smallest managed disk (platform-rules.md §7). */
    static final long AZURE_MIN = 20 * MIB;

    private DiskOutputs() {
    }

    /** The changes a disk-image output makes of {@code pkg}: one per disk written, and the hardware file. */
    static List<Change> plan(OvfPackage pkg, VmHardware hw, OutputForm form, List<String> warnings) {
        List<Change> out = new ArrayList<>();
        if (hw.disks().isEmpty()) {
            throw new RetargetException(pkg.name(), "the package has no disk with a file: " + form.output()
                    + " holds disk images");
        }
        List<VmHardware.Disk> disks = form == OutputForm.VHDX_FOLDER ? hw.disks() : hw.disks().subList(0, 1);
        for (VmHardware.Disk d : disks) {
            Place p = Place.of(display(pkg, d.href()));
            String subject = "Disk \"" + d.diskId() + "\" (" + d.href() + ")";
            switch (form) {
                case FIXED_VHD -> out.add(new Change("PKG-FORM", p, subject, "", "fixed VHD, size rounded up to whole MiB"
                        + " (at least 20 MiB)", "converted into the .vhd"));
                case VHDX_FOLDER -> out.add(new Change("PKG-FORM", p, subject, "", vhdxName(d), "converted into a VHDX"));
                case GCE_IMAGE -> out.add(new Change("PKG-FORM", p, subject, "", "disk.raw, size rounded up to whole GiB",
                        "converted into disk.raw of a gzip-compressed GNU tar"));
                case OCI_ARCHIVE -> out.add(new Change("PKG-FORM", p, subject, "", "/disk/" + OciArchiveWriter.diskName(d),
                        "converted into the containerDisk layer, owned by 107:107"));
                default -> throw new IllegalArgumentException(form.toString());
            }
        }
        if (form != OutputForm.VHDX_FOLDER && hw.disks().size() > 1) {
            warnings.add("only the boot disk (" + hw.disks().get(0).diskId() + ") is written; "
                    + (hw.disks().size() - 1) + " other disk(s) left out: " + form.output() + " holds one disk");
        }
        Place pkgPlace = Place.of(pkg.name());
        switch (form) {
            case FIXED_VHD -> out.add(new Change("PKG-FORM", pkgPlace, "the hardware", "", "OUT.json",
                    "written (CPUs, memory, firmware → generation " + (hw.efi() ? 2 : 1) + ", NICs)"));
            case VHDX_FOLDER -> out.add(new Change("PKG-FORM", pkgPlace, "the hardware", "", "VM.json",
                    "written (CPUs, memory, firmware → generation " + (hw.efi() ? 2 : 1) + ", NICs, disks)"));
            case GCE_IMAGE -> {
                if (hw.efi()) {
                    warnings.add("the guest boots with UEFI: import the image with --guest-os-features=UEFI_COMPATIBLE");
                }
            }
            default -> {
            }
        }
        return out;
    }

    static String display(OvfPackage pkg, String member) {
        return pkg.form() == PackageForm.OVA ? pkg.name() + "!/" + member : member;
    }

    static String vhdxName(VmHardware.Disk d) {
        String base = d.diskId() == null || d.diskId().isBlank() ? "disk" : d.diskId();
        return base.replaceAll("[^A-Za-z0-9._+=-]", "_") + ".vhdx";
    }

    /**
     * The disk {@code href} for a conversion that reads it front to back: in place when it is stored
     * plain, else as a stream (gzip inflated, chunks joined, a package on a pipe), which works for
     * streamOptimized VMDK and raw content; other formats stored that way are refused with a
     * {@link io.ovfkit.disk.DiskFormatException} that says why and what to do.
     */
    static DiskImage open(OvfPackage pkg, String href) throws IOException {
        return pkg.openDiskStream(href);
    }

    /**
     * The disk {@code href} with random access (its allocation map read up front, as the forward
     * QCOW2 of the KubeVirt target needs): only a disk stored plain.
     */
    static DiskImage openRandom(OvfPackage pkg, String href) throws IOException {
        try {
            return pkg.openDisk(href);
        } catch (PackageException e) {
            throw new RetargetException(display(pkg, href), "the disk cannot be read at random, which this target"
                    + " needs (" + e.getMessage() + "); run 'ovfkit unpack --expand' on the package first", e);
        }
    }

    private static DiskConverter converter(RetargetOptions o) {
        return DiskConverter.builder().threads(o.threads()).progress(o.progress()).build();
    }

    // ------------------------------------------------------------------------------------------ Azure

    /** The boot disk as a fixed VHD of whole MiB at {@code out}, and {@code out.json}. */
    static List<Path> azure(OvfPackage pkg, VmHardware hw, Path out, RetargetOptions o) throws IOException {
        VmHardware.Disk boot = hw.disks().get(0);
        Path json = out.resolveSibling(out.getFileName() + ".json");
        try (DiskImage img = open(pkg, boot.href())) {
            long size = Math.max(AZURE_MIN, (img.capacity() + MIB - 1) / MIB * MIB);
            try (DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.VHD, size).subformat("fixed")
                    .build())) {
                converter(o).convert(img, w);
            }
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("target", "\"azure\"");
            extra.put("generation", Integer.toString(hw.efi() ? 2 : 1));
            extra.put("disk", VmHardware.str(out.getFileName().toString()));
            extra.put("diskBytes", Long.toString(size));
            writeAtomically(json, hw.json(extra));
        }
        return List.of(out, json);
    }

    // ------------------------------------------------------------------------------------------ Hyper-V

    /** One VHDX per disk and {@code VM.json} in the folder {@code out} (new, or empty). */
    static List<Path> hyperv(OvfPackage pkg, VmHardware hw, Path out, RetargetOptions o) throws IOException {
        Path abs = out.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            try (var s = Files.list(abs)) {
                if (s.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(out.toString(), null, "the folder is not empty");
                }
            }
        } else if (Files.exists(abs)) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists and is not a folder");
        }
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".");
        boolean done = false;
        try {
            StringBuilder disks = new StringBuilder("[");
            java.util.Set<String> names = new java.util.HashSet<>();
            for (VmHardware.Disk d : hw.disks()) {
                String name = vhdxName(d);
                for (int i = 2; !names.add(name); i++) {
                    name = vhdxName(d).replace(".vhdx", "-" + i + ".vhdx");
                }
                try (DiskImage img = open(pkg, d.href());
                        DiskWriter w = DiskWriters.create(tmp.resolve(name),
                                WriteOptions.builder(DiskFormat.VHDX, (img.capacity() + MIB - 1) / MIB * MIB).build())) {
                    converter(o).convert(img, w);
                }
                String controller = hw.efi() || disks.length() > 1 ? "scsi" : "ide"; // generation 1 boots from IDE
                disks.append(disks.length() == 1 ? "\n" : ",\n").append("    {\"file\": ").append(VmHardware.str(name))
                        .append(", \"controller\": ").append(VmHardware.str(controller)).append("}");
            }
            disks.append("\n  ]");
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("target", "\"hyperv\"");
            extra.put("generation", Integer.toString(hw.efi() ? 2 : 1));
            extra.put("disks", disks.toString());
            Files.writeString(tmp.resolve("VM.json"), hw.json(extra), StandardCharsets.UTF_8);
            if (Files.isDirectory(abs)) {
                Files.delete(abs);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (DirectoryNotEmptyException e) {
                throw new FileAlreadyExistsException(out.toString(), null, "appeared while writing");
            }
            done = true;
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
        List<Path> written = new ArrayList<>();
        written.add(out);
        return written;
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: what matters is the original failure
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    // ------------------------------------------------------------------------------------------ GCE

    /**
     * {@code disk.raw} of the boot disk in a GNU tar, gzip-compressed on every core: one forward pass,
     * the tar header stating the size first (the raw size is the capacity, known beforehand).
     */
    static List<Path> gce(OvfPackage pkg, VmHardware hw, Path out, RetargetOptions o) throws IOException {
        VmHardware.Disk boot = hw.disks().get(0);
        try (DiskImage img = open(pkg, boot.href()); AtomicOutput a = AtomicOutput.create(out)) {
            long size = (img.capacity() + GIB - 1) / GIB * GIB;
            long mtime = o.reproducible() ? o.modificationTime().map(java.time.Instant::getEpochSecond).orElse(0L)
                    : System.currentTimeMillis() / 1000;
            ParallelGzipOutputStream gz = new ParallelGzipOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(a.channel()), 1 << 20), o.threads());
            OutputStream tar = new BufferedOutputStream(gz, 1 << 20);
            tar.write(TarBlocks.header("disk.raw", size, 0644, 0, mtime, TarBlocks.FILE));
            // Strictly forward (zeros written for the runs the converter skips), so the bytes can
            // go through gzip as they come; the stream itself stays open for the tar's tail.
            try (RawWriter w = RawWriter.toStream(Channels.newChannel(tar), size)) {
                converter(o).convert(img, w);
            }
            tar.write(new byte[TarBlocks.padding(size) + 2 * TarBlocks.BLOCK]);
            tar.flush();
            gz.finish();
            a.commit();
        }
        return List.of(out);
    }

    static void writeAtomically(Path target, String text) throws IOException {
        try (AtomicOutput a = AtomicOutput.create(target)) {
            a.channel().write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            a.commit();
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
