package io.ovfkit.convert.vm;

import io.ovfkit.convert.vm.VirtualMachine.Bus;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.ProgressListener;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.env.Environments;
import io.ovfkit.ovf.env.OvfEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Imports an OVF package as a runnable VM definition for one platform: the VM of the chosen
 * deployment option, its disks converted straight from the package (read in place, no extracted
 * copy) into the platform's format, and the OVF environment for the chosen property values
 * delivered the way the platform does it.
 *
 * <table>
 * <caption>What each platform gets</caption>
 * <tr><th>platform</th><th>definition</th><th>disks</th><th>OVF environment</th></tr>
 * <tr><td>{@link Platform#LIBVIRT}</td><td>{@code NAME.xml} (KVM domain)</td><td>qcow2</td><td>{@code ovf-env.iso} on a CD-ROM</td></tr>
 * <tr><td>{@link Platform#VMX}</td><td>{@code NAME.vmx}</td><td>monolithicSparse VMDK</td><td>{@code guestinfo.ovfEnv}</td></tr>
 * <tr><td>{@link Platform#VBOX}</td><td>{@code NAME.vbox}</td><td>VDI</td><td>{@code ovf-env.iso} on a DVD drive</td></tr>
 * </table>
 *
 * <p>The folder is written under a temporary name beside it and renamed when complete: a failure
 * leaves nothing.
 *
 * <p>Stateless; safe to call from any thread for distinct outputs, with a package that no other thread
 * uses meanwhile (disks are converted on the disk engine's worker threads, which end before the call
 * returns).
 */
public final class VmImporter {
    /** The platform to import to. */
    public enum Platform {
        /** libvirt/KVM. */
        LIBVIRT("libvirt"),
        /** VMware Workstation, Fusion, Player, ESXi (a .vmx). */
        VMX("vmx"),
        /** VirtualBox. */
        VBOX("vbox");

        private final String id;

        Platform(String id) {
            this.id = id;
        }

        /** The name on the command line. */
        public String id() {
            return id;
        }

        /** The platform called {@code id}. */
        public static Platform parse(String id) {
            for (Platform p : values()) {
                if (p.id.equalsIgnoreCase(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown platform \"" + id + "\"; expected libvirt, vmx or vbox");
        }
    }

    /**
     * What was written.
     *
     * @param definition the VM definition file
     * @param vm the VM as written (disks with their images)
     * @param environmentIso the ISO with {@code ovf-env.xml}, empty for {@code vmx}
     */
    public record Result(Path definition, VirtualMachine vm, Optional<Path> environmentIso) {
        /** Checks the components. */
        public Result {
            Objects.requireNonNull(definition);
            Objects.requireNonNull(vm);
            Objects.requireNonNull(environmentIso);
        }
    }

    private VmImporter() {
    }

    /**
     * Imports {@code pkg} into the folder {@code out}, which must not exist or be empty.
     *
     * @param configuration the deployment option, {@code null} for the default
     * @param properties property values by key or id, checked as {@link Environments#forDescriptor} checks them
     * @throws IllegalArgumentException for an unknown configuration or property, a value that does
     *     not fit, or a descriptor without a VirtualSystem
     * @throws IOException when the package or a disk cannot be read, or {@code out} not written
     */
    public static Result importPackage(OvfPackage pkg, Platform platform, Path out, String configuration,
            Map<String, String> properties, ProgressListener progress) throws IOException {
        OvfDescriptor d = pkg.descriptor();
        OvfEnvironment env = Environments.forDescriptor(d, configuration, properties);
        OvfMapping.FromOvf from = OvfMapping.toVirtualMachine(d, configuration);
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new IOException(out + ": already exists and is not an empty folder");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException(out + ": cannot write: the folder " + parent + " does not exist");
        }
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        boolean ok = false;
        try {
            Result r = write(pkg, platform, from, env, tmp, target, progress);
            Files.deleteIfExists(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            ok = true;
            return new Result(target.resolve(r.definition().getFileName()), r.vm(),
                    r.environmentIso().map(p -> target.resolve(p.getFileName())));
        } finally {
            if (!ok) {
                deleteTree(tmp);
            }
        }
    }

    private static Result write(OvfPackage pkg, Platform platform, OvfMapping.FromOvf from, OvfEnvironment env, Path tmp,
            Path target, ProgressListener progress) throws IOException {
        VirtualMachine vm = from.vm();
        String base = fileName(vm.name());
        VirtualMachine.Builder b = vm.toBuilder().clearDisks().clearCdroms();
        List<String> vdiUuids = new ArrayList<>();
        DiskConverter converter = DiskConverter.builder().progress(progress).build();
        for (int i = 0; i < vm.disks().size(); i++) {
            VirtualMachine.Disk disk = vm.disks().get(i);
            String href = from.diskHrefs().get(i);
            String ext = switch (platform) {
                case LIBVIRT -> "qcow2";
                case VMX -> "vmdk";
                case VBOX -> "vdi";
            };
            String file = base + "-disk" + (i + 1) + "." + ext;
            Path written = tmp.resolve(file);
            long capacity;
            try (DiskImage image = pkg.openDiskStream(href)) {
                capacity = (image.capacity() + 511) / 512 * 512;
                WriteOptions.Builder o = WriteOptions.builder(switch (platform) {
                    case LIBVIRT -> DiskFormat.QCOW2;
                    case VMX -> DiskFormat.VMDK;
                    case VBOX -> DiskFormat.VDI;
                }, capacity);
                if (platform == Platform.VMX) {
                    o.subformat("monolithicSparse").adapterType(disk.slot().bus() == Bus.IDE ? "ide"
                            : vm.controller(disk.slot()).map(c -> c.model().equals("buslogic") ? "buslogic" : "lsilogic").orElse("lsilogic"));
                }
                try (DiskWriter w = DiskWriters.create(written, o.build())) {
                    converter.convert(image, w);
                }
            }
            if (platform == Platform.VBOX) {
                vdiUuids.add(vdiCreationUuid(written));
            }
            Path image = platform == Platform.LIBVIRT ? target.resolve(file) : Path.of(file);
            b.disk(new VirtualMachine.Disk(disk.slot(), file, image, null, ext, capacity));
        }
        Path iso = null;
        if (platform != Platform.VMX) {
            iso = tmp.resolve("ovf-env.iso");
            IsoImage.write(iso, "OVF_ENV", "OVF-ENV.XML", env.toXml(), ZonedDateTime.now(ZoneOffset.UTC));
        }
        List<VirtualMachine.CdRom> cdroms = new ArrayList<>(vm.cdroms());
        if (iso != null) {
            Path isoPath = platform == Platform.LIBVIRT ? target.resolve(iso.getFileName()) : iso.getFileName();
            int k = -1;
            for (int i = 0; i < cdroms.size(); i++) {
                if (cdroms.get(i).image() == null && (platform == Platform.VBOX || cdroms.get(i).slot().bus() != Bus.IDE
                        || usesIde(vm))) {
                    k = i;
                    break;
                }
            }
            if (k >= 0) {
                cdroms.set(k, new VirtualMachine.CdRom(cdroms.get(k).slot(), isoPath));
            } else {
                cdroms.add(new VirtualMachine.CdRom(freeCdSlot(vm, platform), isoPath));
            }
        }
        cdroms.forEach(b::cdrom);
        VirtualMachine written = b.build();
        Path def;
        switch (platform) {
            case LIBVIRT -> {
                def = tmp.resolve(base + ".xml");
                Files.writeString(def, LibvirtFormat.write(written), StandardCharsets.UTF_8);
            }
            case VMX -> {
                def = tmp.resolve(base + ".vmx");
                String text = VmxFormat.write(written, 14, Map.of("guestinfo.ovfEnv",
                        new String(env.toXml(), StandardCharsets.UTF_8)));
                Files.writeString(def, text, StandardCharsets.UTF_8);
            }
            default -> {
                def = tmp.resolve(base + ".vbox");
                VboxFormat.Media media = new VboxFormat.Media(UUID.randomUUID().toString(), vdiUuids,
                        UUID.randomUUID().toString());
                Files.writeString(def, VboxFormat.write(written, media), StandardCharsets.UTF_8);
            }
        }
        return new Result(def, written, Optional.ofNullable(iso));
    }

    private static boolean usesIde(VirtualMachine vm) {
        return vm.disks().stream().anyMatch(d -> d.slot().bus() == Bus.IDE);
    }

    /** Where the environment's CD-ROM goes: IDE 1:0 when IDE is free to use, else a free SATA port. */
    private static VirtualMachine.Slot freeCdSlot(VirtualMachine vm, Platform platform) {
        List<VirtualMachine.Slot> used = new ArrayList<>();
        vm.disks().forEach(d -> used.add(d.slot()));
        vm.cdroms().forEach(c -> used.add(c.slot()));
        boolean ideOk = platform != Platform.LIBVIRT || usesIde(vm);
        if (ideOk) {
            for (int ch = 1; ch >= 0; ch--) {
                for (int u = 0; u < 2; u++) {
                    VirtualMachine.Slot s = new VirtualMachine.Slot(Bus.IDE, ch, u);
                    if (!used.contains(s)) {
                        return s;
                    }
                }
            }
        }
        for (int port = 0; ; port++) {
            VirtualMachine.Slot s = new VirtualMachine.Slot(Bus.SATA, 0, port);
            if (!used.contains(s)) {
                return s;
            }
        }
    }

    /** The creation UUID of a VDI (header offset 392), as VirtualBox writes it in a .vbox. */
    static String vdiCreationUuid(Path vdi) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(vdi)) {
            while (b.hasRemaining() && ch.read(b, 392 + b.position()) > 0) {
                // read the 16 bytes
            }
        }
        b.flip();
        long a = b.getInt(0) & 0xffffffffL;
        int c1 = b.getShort(4) & 0xffff;
        int c2 = b.getShort(6) & 0xffff;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%08x-%04x-%04x-", a, c1, c2));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                s.append('-');
            }
            s.append(String.format(Locale.ROOT, "%02x", b.get(i) & 0xff));
        }
        return s.toString();
    }

    /** A file name made of the VM's name: letters, digits, {@code . _ -} (others become {@code _}). */
    static String fileName(String vmName) {
        String s = vmName.strip().replaceAll("[^A-Za-z0-9._-]", "_");
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s.isEmpty() ? "vm" : s.length() > 100 ? s.substring(0, 100) : s;
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
            return !s.iterator().hasNext();
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
