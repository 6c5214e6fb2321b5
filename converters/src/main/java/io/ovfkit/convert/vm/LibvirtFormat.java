package io.ovfkit.convert.vm;

import io.ovfkit.convert.vm.VirtualMachine.Bus;
import io.ovfkit.convert.vm.VirtualMachine.Firmware;
import io.ovfkit.convert.vm.XmlTree.Node;
import io.ovfkit.ovf.value.OsType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * libvirt domain XML ({@code virsh dumpxml}, {@code /etc/libvirt/qemu/*.xml}, virt-install output):
 * read for any domain type (kvm, qemu, xen, vmware …), written for KVM with qcow2 disks.
 *
 * <p>What libvirt has no place for (the OVF network names, the guest OS id) is kept in the domain's
 * {@code <metadata>} under {@value #NAMESPACE}, which libvirt preserves and {@link #read} reads back.
 *
 * <p>Stateless; safe to call from any thread (each call parses or builds its own DOM document).
 */
public final class LibvirtFormat {
    /** The namespace of ovfkit's element in {@code <metadata>}. */
    public static final String NAMESPACE = "https://ovfkit.io/xmlns/libvirt-domain/1";

    /** The largest domain XML read. */
    public static final int MAX_BYTES = 8 << 20;

    private LibvirtFormat() {
    }

    /**
     * Reads a domain: memory, vCPUs and topology, firmware ({@code <os firmware="efi">} or an OVMF
     * loader; secure boot), architecture, disks (file and block sources, with the bus and address
     * of each), CD-ROMs, controllers, interfaces, serial ports. Disks with no file (network or pool
     * volumes) are kept with a {@code null} image.
     *
     * @param bytes the XML
     * @param file where it is (for relative paths and messages)
     * @throws VmDefinitionException when it is not a well-formed {@code <domain>}
     */
    public static VirtualMachine read(byte[] bytes, Path file) throws VmDefinitionException {
        String name = file.toString();
        if (bytes.length > MAX_BYTES) {
            throw new VmDefinitionException(name, 0, "larger than " + MAX_BYTES + " bytes: not a domain definition");
        }
        Node root = XmlTree.parse(bytes, name);
        if (!root.name.equals("domain")) {
            throw new VmDefinitionException(name, root.line, "the root element is <" + root.name + ">, not <domain>");
        }
        String vmName = root.child("name").map(Node::text).filter(s -> !s.isEmpty()).orElse(baseName(file));
        VirtualMachine.Builder b = VirtualMachine.builder(vmName);
        Node mem = root.child("memory").orElseThrow(() -> new VmDefinitionException(name, root.line, "<domain> has no <memory>"));
        b.memoryMiB(Math.max(1, mebibytes(mem, name)));
        Optional<Node> vcpu = root.child("vcpu");
        int cpus = vcpu.isPresent() ? positive(vcpu.get().text(), vcpu.get(), name) : 1;
        b.cpus(cpus);
        root.path("cpu", "topology").ifPresent(t -> {
            try {
                int cores = Integer.parseInt(t.attr("cores", "1"));
                if (cores > 0) {
                    b.coresPerSocket(cores);
                }
            } catch (NumberFormatException ignored) {
                // a malformed topology is libvirt's to refuse; the count of vCPUs is what matters
            }
        });
        Node os = root.child("os").orElse(null);
        Map<String, String> meta = metadata(root);
        if (os != null) {
            os.child("type").ifPresent(t -> {
                String arch = t.attr("arch");
                if (arch != null && !arch.isBlank()) {
                    b.architecture(arch.equals("amd64") ? "x86_64" : arch);
                }
            });
            boolean efi = "efi".equalsIgnoreCase(os.attr("firmware", ""));
            Optional<Node> loader = os.child("loader");
            if (loader.isPresent()) {
                String path = loader.get().text().toLowerCase(Locale.ROOT);
                if ("pflash".equals(loader.get().attr("type")) || path.contains("ovmf") || path.contains("edk2")
                        || path.contains("aavmf") || path.contains("efi")) {
                    efi = true;
                }
                if ("yes".equals(loader.get().attr("secure"))) {
                    b.secureBoot(true);
                }
            }
            for (Node f : os.path("firmware").map(n -> n.children("feature")).orElse(List.of())) {
                if ("secure-boot".equals(f.attr("name")) && "yes".equals(f.attr("enabled"))) {
                    b.secureBoot(true);
                }
            }
            if (efi) {
                b.firmware(Firmware.EFI);
            } else {
                b.secureBoot(false);
            }
        }
        b.guestOs(guestOs(root, meta));
        Node devices = root.child("devices").orElse(null);
        if (devices != null) {
            readDevices(devices, b, file, meta, name);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new VmDefinitionException(name, root.line, ex.getMessage(), ex);
        }
    }

    private static void readDevices(Node devices, VirtualMachine.Builder b, Path file, Map<String, String> meta, String name)
            throws VmDefinitionException {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Integer> virtioIndex = new HashMap<>();
        for (Node c : devices.children("controller")) {
            String type = c.attr("type", "");
            int index = intAttr(c, "index", 0);
            String model = c.attr("model", "");
            switch (type) {
                case "scsi" -> b.controller(new VirtualMachine.Controller(Bus.SCSI, index, switch (model) {
                    case "virtio-scsi", "virtio-transitional", "virtio-non-transitional" -> "virtio-scsi";
                    case "lsisas1068", "lsisas1078" -> "lsilogicsas";
                    case "vmpvscsi" -> "pvscsi";
                    case "buslogic" -> "buslogic";
                    default -> "lsilogic";
                }));
                case "sata" -> b.controller(new VirtualMachine.Controller(Bus.SATA, index, "ahci"));
                case "nvme" -> b.controller(new VirtualMachine.Controller(Bus.NVME, index, "nvme"));
                default -> {
                    // IDE channels are added with their devices; USB, PCI, virtio-serial are not storage
                }
            }
        }
        for (Node d : devices.children("disk")) {
            String device = d.attr("device", "disk");
            Node target = d.child("target").orElse(null);
            if (target == null) {
                throw new VmDefinitionException(name, d.line, "<disk> has no <target>");
            }
            String dev = target.attr("dev", "");
            String busName = target.attr("bus", guessBus(dev));
            Bus bus;
            switch (busName) {
                case "virtio", "xen" -> bus = Bus.VIRTIO;
                case "scsi", "usb", "sd" -> bus = Bus.SCSI;
                case "sata" -> bus = Bus.SATA;
                case "ide" -> bus = Bus.IDE;
                case "nvme" -> bus = Bus.NVME;
                case "fdc" -> {
                    continue; // floppies are not carried over
                }
                default -> bus = Bus.SCSI;
            }
            VirtualMachine.Slot slot = slot(bus, dev, d.child("address").orElse(null), virtioIndex);
            Optional<Node> source = d.child("source");
            String location = source.map(s -> s.attr("file", s.attr("dev", s.attr("volume", s.attr("name"))))).orElse(null);
            boolean isFile = source.isPresent() && (source.get().attr("file") != null || source.get().attr("dev") != null);
            Path image = isFile ? resolve(dir, location) : null;
            if (device.equals("cdrom")) {
                b.cdrom(new VirtualMachine.CdRom(slot, image));
            } else if (device.equals("disk") || device.equals("lun")) {
                String format = d.child("driver").map(x -> x.attr("type")).orElse(null);
                b.disk(new VirtualMachine.Disk(slot, location == null ? "(" + d.attr("type", "no") + " source)" : location,
                        image, null, format == null ? null : format.toLowerCase(Locale.ROOT), 0));
            }
        }
        int index = 0;
        for (Node i : devices.children("interface")) {
            String model = i.child("model").map(m -> m.attr("type", "")).orElse("");
            String mac = i.child("mac").map(m -> m.attr("address")).orElse(null);
            String network = meta.get("nic" + index);
            if (network == null) {
                Optional<Node> src = i.child("source");
                network = src.map(s -> s.attr("network", s.attr("bridge", s.attr("dev", "")))).orElse("");
                if (network.isEmpty()) {
                    network = i.attr("type", "");
                }
            }
            b.nic(new VirtualMachine.Nic(nicModel(model), network, mac == null ? null : mac.toLowerCase(Locale.ROOT)));
            index++;
        }
        for (Node s : devices.children("serial")) {
            int port = s.child("target").map(t -> intAttrQuiet(t, "port", 0)).orElse(0);
            String path = s.child("source").map(x -> x.attr("path", x.attr("host"))).orElse(null);
            b.serialPort(new VirtualMachine.SerialPort(port, s.attr("type", "pty"), path));
        }
    }

    private static String guessBus(String dev) {
        if (dev.startsWith("vd")) {
            return "virtio";
        }
        if (dev.startsWith("hd")) {
            return "ide";
        }
        if (dev.startsWith("xvd")) {
            return "xen";
        }
        if (dev.startsWith("fd")) {
            return "fdc";
        }
        return "scsi";
    }

    /** The index of a disk name's letters: vda 0, sdb 1, hdaa 26. */
    static int letterIndex(String dev) {
        String letters = dev.startsWith("xvd") ? dev.substring(3) : dev.length() > 2 ? dev.substring(2) : "";
        int n = 0;
        for (char c : letters.toCharArray()) {
            if (c < 'a' || c > 'z') {
                break;
            }
            n = n * 26 + (c - 'a' + 1);
        }
        return Math.max(0, n - 1);
    }

    private static VirtualMachine.Slot slot(Bus bus, String dev, Node address, Map<String, Integer> virtioIndex) {
        if (bus == Bus.VIRTIO) {
            int n = virtioIndex.merge("virtio", 1, Integer::sum) - 1;
            return new VirtualMachine.Slot(Bus.VIRTIO, 0, n);
        }
        if (address != null && "drive".equals(address.attr("type"))) {
            int controller = intAttrQuiet(address, "controller", 0);
            int busNo = intAttrQuiet(address, "bus", 0);
            int unit = intAttrQuiet(address, "unit", 0);
            if (bus == Bus.IDE) {
                return new VirtualMachine.Slot(Bus.IDE, controller * 2 + busNo, unit);
            }
            if (bus == Bus.SCSI) {
                int target = intAttrQuiet(address, "target", 0);
                return new VirtualMachine.Slot(Bus.SCSI, controller, target > 0 ? target : unit);
            }
            return new VirtualMachine.Slot(bus, controller, unit);
        }
        int n = letterIndex(dev);
        if (bus == Bus.IDE) {
            return new VirtualMachine.Slot(Bus.IDE, n / 2, n % 2);
        }
        if (bus == Bus.SCSI) {
            return new VirtualMachine.Slot(Bus.SCSI, n / 7, n % 7);
        }
        if (bus == Bus.SATA) {
            return new VirtualMachine.Slot(Bus.SATA, n / 6, n % 6);
        }
        return new VirtualMachine.Slot(bus, 0, n);
    }

    private static Path resolve(Path dir, String location) {
        Path p = Path.of(location);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    private static Map<String, String> metadata(Node root) {
        Map<String, String> out = new HashMap<>();
        root.path("metadata").ifPresent(m -> {
            for (Node n : m.children) {
                if (NAMESPACE.equals(n.namespace)) {
                    for (Node c : n.children) {
                        if (c.name.equals("nic")) {
                            out.put("nic" + c.attr("index", ""), c.attr("network", ""));
                        } else if (c.name.equals("guest")) {
                            out.put("cim", c.attr("cim"));
                            out.put("vmw", c.attr("vmw"));
                        }
                    }
                }
            }
        });
        return out;
    }

    private static OsType guestOs(Node root, Map<String, String> meta) {
        try {
            if (meta.get("cim") != null) {
                int cim = Integer.parseInt(meta.get("cim"));
                String vmw = meta.get("vmw");
                return vmw == null || vmw.isBlank() ? OsType.ofCim(cim) : OsType.of(cim, vmw);
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to libosinfo
        }
        for (Node n : root.path("metadata").map(Node::descendants).orElse(List.of())) {
            if (n.name.equals("os") && n.attr("id") != null) {
                String id = n.attr("id").toLowerCase(Locale.ROOT);
                String guest = id.contains("ubuntu") ? "ubuntu64Guest"
                        : id.contains("debian") ? "debian10_64Guest"
                        : id.contains("fedora") ? "fedora64Guest"
                        : id.contains("rhel") || id.contains("centos") ? "rhel8_64Guest"
                        : id.contains("win/11") ? "windows11_64Guest"
                        : id.contains("win/10") ? "windows9_64Guest"
                        : id.contains("microsoft") ? "windows9_64Guest"
                        : id.contains("linux") || id.contains("opensuse") ? "otherLinux64Guest" : null;
                if (guest != null) {
                    Optional<OsType> os = OsType.ofVmwareGuestId(guest);
                    if (os.isPresent()) {
                        return os.get();
                    }
                }
            }
        }
        return OsType.ofCim(1);
    }

    private static long mebibytes(Node n, String name) throws VmDefinitionException {
        long v;
        try {
            v = Long.parseLong(n.text());
        } catch (NumberFormatException e) {
            throw new VmDefinitionException(name, n.line, "<" + n.name + "> \"" + n.text() + "\" is not a whole number");
        }
        String unit = n.attr("unit", "KiB");
        long factor = switch (unit) {
            case "b", "bytes" -> 1;
            case "KB" -> 1000;
            case "k", "KiB" -> 1L << 10;
            case "MB" -> 1000_000;
            case "M", "MiB" -> 1L << 20;
            case "GB" -> 1000_000_000;
            case "G", "GiB" -> 1L << 30;
            case "T", "TiB" -> 1L << 40;
            default -> throw new VmDefinitionException(name, n.line, "unknown memory unit \"" + unit + "\"");
        };
        return Math.multiplyHigh(v, factor) != 0 ? Long.MAX_VALUE >> 20 : v * factor >> 20;
    }

    private static int positive(String text, Node n, String name) throws VmDefinitionException {
        try {
            int v = Integer.parseInt(text.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new VmDefinitionException(name, n.line, "<" + n.name + "> \"" + text + "\" is not a positive whole number");
    }

    private static int intAttr(Node n, String key, int fallback) {
        return intAttrQuiet(n, key, fallback);
    }

    private static int intAttrQuiet(Node n, String key, int fallback) {
        String v = n.attr(key);
        if (v == null) {
            return fallback;
        }
        try {
            return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".xml") ? n.substring(0, n.length() - 4) : n;
    }

    static String nicModel(String libvirtModel) {
        String m = libvirtModel.toLowerCase(Locale.ROOT);
        return switch (m) {
            case "" -> "rtl8139";
            case "pcnet" -> "pcnet32";
            case "e1000-82540em" -> "e1000";
            default -> m;
        };
    }

    /**
     * Writes a KVM domain for {@code vm}: disks as the files their {@link VirtualMachine.Disk#image()}
     * names ({@code driver type} from the disk's format), CD-ROMs, interfaces on the libvirt network
     * {@code default} (the VM's network names kept in the metadata), serial ports as ptys; machine
     * {@code pc} when an IDE device is present, else {@code q35}; NVMe disks become virtio disks.
     */
    public static String write(VirtualMachine vm) {
        StringBuilder x = new StringBuilder();
        boolean ide = vm.disks().stream().anyMatch(d -> d.slot().bus() == Bus.IDE)
                || vm.cdroms().stream().anyMatch(c -> c.slot().bus() == Bus.IDE);
        boolean x86 = vm.isX86();
        x.append("<domain type=\"kvm\">\n");
        x.append("  <name>").append(XmlText.esc(vm.name())).append("</name>\n");
        x.append("  <metadata>\n    <ovfkit:vm xmlns:ovfkit=\"").append(NAMESPACE).append("\">\n");
        x.append("      <ovfkit:guest cim=\"").append(vm.guestOs().cimId()).append('"');
        if (vm.guestOs().vmwareGuestId() != null) {
            x.append(" vmw=\"").append(XmlText.esc(vm.guestOs().vmwareGuestId())).append('"');
        }
        x.append("/>\n");
        for (int i = 0; i < vm.nics().size(); i++) {
            x.append("      <ovfkit:nic index=\"").append(i).append("\" network=\"")
                    .append(XmlText.esc(vm.nics().get(i).network())).append("\"/>\n");
        }
        x.append("    </ovfkit:vm>\n  </metadata>\n");
        // in KiB, libvirt's default unit: virt-v2v reads the number as KiB whatever the unit attribute says
        x.append("  <memory unit=\"KiB\">").append(vm.memoryMiB() * 1024).append("</memory>\n");
        x.append("  <vcpu placement=\"static\">").append(vm.cpus()).append("</vcpu>\n");
        boolean efi = vm.firmware() == Firmware.EFI;
        x.append("  <os").append(efi ? " firmware=\"efi\"" : "").append(">\n");
        x.append("    <type arch=\"").append(XmlText.esc(vm.architecture())).append("\" machine=\"")
                .append(x86 ? (ide ? "pc" : "q35") : vm.architecture().startsWith("ppc") ? "pseries" : "virt")
                .append("\">hvm</type>\n");
        if (efi) {
            x.append("    <firmware>\n      <feature enabled=\"").append(vm.secureBoot() ? "yes" : "no")
                    .append("\" name=\"secure-boot\"/>\n    </firmware>\n");
        }
        x.append("    <boot dev=\"hd\"/>\n  </os>\n");
        if (x86) {
            x.append("  <features>\n    <acpi/>\n    <apic/>\n");
            if (efi && vm.secureBoot()) {
                x.append("    <smm state=\"on\"/>\n");
            }
            x.append("  </features>\n");
        }
        int cores = vm.cpus() % vm.coresPerSocket() == 0 ? vm.coresPerSocket() : 1;
        x.append("  <cpu mode=\"host-model\">\n    <topology sockets=\"").append(vm.cpus() / cores)
                .append("\" dies=\"1\" cores=\"").append(cores).append("\" threads=\"1\"/>\n  </cpu>\n");
        x.append("  <devices>\n");
        for (VirtualMachine.Controller c : vm.controllers()) {
            switch (c.bus()) {
                case SCSI -> x.append("    <controller type=\"scsi\" index=\"").append(c.index()).append("\" model=\"")
                        .append(switch (c.model()) {
                            case "lsilogicsas" -> "lsisas1068";
                            case "pvscsi" -> "vmpvscsi";
                            case "buslogic" -> "buslogic";
                            case "virtio-scsi" -> "virtio-scsi";
                            default -> "lsilogic";
                        }).append("\"/>\n");
                case SATA -> x.append("    <controller type=\"sata\" index=\"").append(c.index()).append("\"/>\n");
                default -> {
                    // IDE comes with the machine; virtio and NVMe (written as virtio) need none
                }
            }
        }
        int[] letters = new int[3]; // vd, sd, hd
        for (VirtualMachine.Disk d : vm.disks()) {
            String type = d.format() == null ? "raw" : d.format();
            x.append("    <disk type=\"file\" device=\"disk\">\n      <driver name=\"qemu\" type=\"").append(type).append("\"/>\n");
            x.append("      <source file=\"").append(XmlText.esc(String.valueOf(d.image()))).append("\"/>\n");
            target(x, d.slot(), letters);
            x.append("    </disk>\n");
        }
        for (VirtualMachine.CdRom c : vm.cdroms()) {
            x.append("    <disk type=\"file\" device=\"cdrom\">\n      <driver name=\"qemu\" type=\"raw\"/>\n");
            if (c.image() != null) {
                x.append("      <source file=\"").append(XmlText.esc(c.image().toString())).append("\"/>\n");
            }
            target(x, c.slot(), letters);
            x.append("      <readonly/>\n    </disk>\n");
        }
        for (VirtualMachine.Nic n : vm.nics()) {
            x.append("    <interface type=\"network\">\n");
            if (n.mac() != null) {
                x.append("      <mac address=\"").append(XmlText.esc(n.mac())).append("\"/>\n");
            }
            x.append("      <source network=\"default\"/>\n      <model type=\"").append(switch (n.model()) {
                case "pcnet32" -> "pcnet";
                case "vmxnet", "vmxnet2" -> "vmxnet3";
                default -> n.model();
            }).append("\"/>\n    </interface>\n");
        }
        for (VirtualMachine.SerialPort s : vm.serialPorts()) {
            x.append("    <serial type=\"pty\">\n      <target port=\"").append(s.index()).append("\"/>\n    </serial>\n");
        }
        x.append("  </devices>\n</domain>\n");
        return x.toString();
    }

    private static void target(StringBuilder x, VirtualMachine.Slot s, int[] letters) {
        switch (s.bus()) {
            case VIRTIO, NVME -> x.append("      <target dev=\"vd").append(letters(letters[0]++)).append("\" bus=\"virtio\"/>\n");
            case IDE -> x.append("      <target dev=\"hd").append(letters(s.controller() * 2 + s.unit()))
                    .append("\" bus=\"ide\"/>\n      <address type=\"drive\" controller=\"0\" bus=\"")
                    .append(s.controller()).append("\" target=\"0\" unit=\"").append(s.unit()).append("\"/>\n");
            case SCSI, SATA -> x.append("      <target dev=\"sd").append(letters(letters[1]++)).append("\" bus=\"")
                    .append(s.bus() == Bus.SCSI ? "scsi" : "sata").append("\"/>\n      <address type=\"drive\" controller=\"")
                    .append(s.controller()).append("\" bus=\"0\" target=\"0\" unit=\"").append(s.unit()).append("\"/>\n");
        }
    }

    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        int v = n + 1;
        while (v > 0) {
            v--;
            b.insert(0, (char) ('a' + v % 26));
            v /= 26;
        }
        return b.toString();
    }
}
