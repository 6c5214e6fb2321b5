package io.ovfkit.convert.vm;

import io.ovfkit.convert.vm.VirtualMachine.Bus;
import io.ovfkit.convert.vm.VirtualMachine.Firmware;
import io.ovfkit.convert.vm.XmlTree.Node;
import io.ovfkit.ovf.value.OsType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * VirtualBox machine settings ({@code .vbox}, settings versions 1.12 to 1.19, the innotek and the
 * current namespace): read from the machine's current state (not its snapshots: a disk attached
 * through a differencing image is that image, with its parent from the media registry), written as
 * settings version 1.16 that VirtualBox 6.1 and later open.
 *
 * <p>Stateless; safe to call from any thread (each call parses or builds its own DOM document).
 */
public final class VboxFormat {
    /** The current settings namespace. */
    public static final String NAMESPACE = "http://www.virtualbox.org/";

    /** The largest {@code .vbox} read. */
    public static final int MAX_BYTES = 16 << 20;

    /** A medium the machine's media registry declares. */
    private record Medium(String location, String format, String parent, boolean encrypted, int line) {
    }

    /** VirtualBox OS types and the VMware guest ids they correspond to (both ways, first match wins). */
    private static final String[][] OS_TYPES = {
        {"Ubuntu_64", "ubuntu64Guest"}, {"Ubuntu", "ubuntuGuest"},
        {"Debian_64", "debian10_64Guest"}, {"Debian", "debian10Guest"},
        {"Fedora_64", "fedora64Guest"}, {"Fedora", "fedoraGuest"},
        {"RedHat_64", "rhel8_64Guest"}, {"RedHat", "rhel6Guest"},
        {"OpenSUSE_64", "opensuse64Guest"},
        {"Windows11_64", "windows11_64Guest"}, {"Windows10_64", "windows9_64Guest"}, {"Windows10", "windows9Guest"},
        {"Windows81_64", "windows8_64Guest"}, {"Windows7_64", "windows7_64Guest"}, {"Windows7", "windows7Guest"},
        {"Windows2019_64", "windows2019srv_64Guest"}, {"Windows2016_64", "windows9Server64Guest"},
        {"WindowsXP", "winXPProGuest"},
        {"Linux26_64", "other26xLinux64Guest"}, {"Linux_64", "otherLinux64Guest"}, {"Linux26", "other26xLinuxGuest"},
        {"Linux", "otherLinuxGuest"}, {"FreeBSD_64", "freebsd64Guest"}, {"Other_64", "otherGuest64"}, {"Other", "otherGuest"},
    };

    private VboxFormat() {
    }

    /**
     * Reads the machine's current hardware: CPUs, memory, firmware (and secure boot), the storage
     * controllers with their hard disks and DVD drives (images from the media registry, resolved
     * against the file's folder), the enabled network adapters.
     *
     * @param bytes the file
     * @param file where it is
     * @throws VmDefinitionException when malformed, when an attached image is not in the registry,
     *     or when a medium is encrypted ({@code CRYPT/KeyStore})
     */
    public static VirtualMachine read(byte[] bytes, Path file) throws VmDefinitionException {
        String name = file.toString();
        if (bytes.length > MAX_BYTES) {
            throw new VmDefinitionException(name, 0, "larger than " + MAX_BYTES + " bytes: not a .vbox file");
        }
        Node root = XmlTree.parse(bytes, name);
        if (!root.name.equals("VirtualBox")) {
            throw new VmDefinitionException(name, root.line, "the root element is <" + root.name + ">, not <VirtualBox>");
        }
        if (root.child("MachineEncrypted").isPresent()) {
            throw new VmDefinitionException(name, root.child("MachineEncrypted").get().line, "the VM is encrypted"
                    + " (VirtualBox full VM encryption, <MachineEncrypted>): decrypt it in VirtualBox first");
        }
        Node machine = root.child("Machine").orElseThrow(() -> new VmDefinitionException(name, root.line, "no <Machine>"));
        Map<String, Medium> media = new HashMap<>();
        machine.child("MediaRegistry").ifPresent(r -> {
            r.child("HardDisks").ifPresent(h -> collect(h.children("HardDisk"), null, media));
            r.child("DVDImages").ifPresent(d -> collect(d.children("Image"), null, media));
        });
        String vmName = machine.attr("name", "VirtualBox VM");
        VirtualMachine.Builder b = VirtualMachine.builder(vmName.isBlank() ? "VirtualBox VM" : vmName);
        String osType = machine.attr("OSType", "Other");
        b.guestOs(guestOs(osType));
        Node hw = machine.child("Hardware").orElseThrow(() -> new VmDefinitionException(name, machine.line, "no <Hardware>"));
        hw.child("CPU").ifPresent(cpu -> {
            try {
                b.cpus(Math.max(1, Integer.parseInt(cpu.attr("count", "1"))));
            } catch (NumberFormatException ignored) {
                // the schema's default
            }
        });
        Optional<Node> memory = hw.child("Memory");
        if (memory.isPresent()) {
            try {
                b.memoryMiB(Math.max(1, Long.parseLong(memory.get().attr("RAMSize", "128"))));
            } catch (NumberFormatException e) {
                throw new VmDefinitionException(name, memory.get().line, "RAMSize \"" + memory.get().attr("RAMSize")
                        + "\" is not a whole number of MiB");
            }
        }
        String fw = hw.child("Firmware").map(f -> f.attr("type", "BIOS")).orElse("BIOS");
        if (fw.startsWith("EFI")) {
            b.firmware(Firmware.EFI);
            boolean secure = hw.descendants().stream()
                    .anyMatch(n -> n.name.equals("SecureBoot") && "true".equals(n.attr("enabled")));
            b.secureBoot(secure);
        }
        String arch = hw.child("Platform").map(p -> p.attr("architecture", "")).orElse("");
        if (arch.equalsIgnoreCase("ARM") || osType.toLowerCase(Locale.ROOT).contains("arm64")) {
            b.architecture("aarch64");
        }
        Node controllers = machine.child("StorageControllers").or(() -> hw.child("StorageControllers")).orElse(null);
        if (controllers != null) {
            readStorage(controllers, media, b, file, name);
        }
        Map<String, String> extra = new HashMap<>();
        machine.child("ExtraData").ifPresent(x -> x.children("ExtraDataItem")
                .forEach(i -> extra.put(i.attr("name", ""), i.attr("value", ""))));
        Optional<Node> network = hw.child("Network");
        if (network.isPresent()) {
            for (Node a : network.get().children("Adapter")) {
                if (!"true".equals(a.attr("enabled"))) {
                    continue;
                }
                String slot = a.attr("slot", "0");
                String net = extra.get("ovfkit/nic" + slot + "/network");
                if (net == null) {
                    net = attachment(a);
                }
                String mac = a.attr("MACAddress");
                b.nic(new VirtualMachine.Nic(nicModel(a.attr("type", "Am79C973")), net, mac == null ? null : colons(mac)));
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new VmDefinitionException(name, machine.line, ex.getMessage(), ex);
        }
    }

    private static void collect(List<Node> nodes, String parent, Map<String, Medium> media) {
        for (Node n : nodes) {
            String uuid = n.attr("uuid", "").toLowerCase(Locale.ROOT);
            boolean encrypted = n.children("Property").stream().anyMatch(p -> p.attr("name", "").startsWith("CRYPT/"));
            Medium parentMedium = parent == null ? null : media.get(parent);
            media.put(uuid, new Medium(n.attr("location", ""), n.attr("format"), parent,
                    encrypted || (parentMedium != null && parentMedium.encrypted()), n.line));
            collect(n.children("HardDisk"), uuid, media);
        }
    }

    private static void readStorage(Node controllers, Map<String, Medium> media, VirtualMachine.Builder b, Path file,
            String name) throws VmDefinitionException {
        Path dir = file.toAbsolutePath().getParent();
        Map<Bus, Integer> counts = new EnumMap<>(Bus.class);
        for (Node c : controllers.children("StorageController")) {
            String type = c.attr("type", "");
            Bus bus;
            String model;
            switch (type) {
                case "PIIX3", "PIIX4", "ICH6" -> {
                    bus = Bus.IDE;
                    model = type.toLowerCase(Locale.ROOT);
                }
                case "AHCI" -> {
                    bus = Bus.SATA;
                    model = "ahci";
                }
                case "LsiLogic" -> {
                    bus = Bus.SCSI;
                    model = "lsilogic";
                }
                case "LsiLogicSas" -> {
                    bus = Bus.SCSI;
                    model = "lsilogicsas";
                }
                case "BusLogic" -> {
                    bus = Bus.SCSI;
                    model = "buslogic";
                }
                case "VirtioSCSI" -> {
                    bus = Bus.SCSI;
                    model = "virtio-scsi";
                }
                case "NVMe" -> {
                    bus = Bus.NVME;
                    model = "nvme";
                }
                default -> {
                    continue; // floppy (I82078) and USB storage are not carried over
                }
            }
            int index = counts.merge(bus, 1, Integer::sum) - 1;
            if (bus != Bus.IDE) {
                b.controller(new VirtualMachine.Controller(bus, index, model));
            }
            for (Node d : c.children("AttachedDevice")) {
                int port = intAttr(d, "port");
                int device = intAttr(d, "device");
                VirtualMachine.Slot slot = bus == Bus.IDE ? new VirtualMachine.Slot(Bus.IDE, index * 2 + port, device)
                        : new VirtualMachine.Slot(bus, index, port);
                String uuid = d.child("Image").map(i -> i.attr("uuid", "")).orElse(null);
                String type2 = d.attr("type", "");
                if (type2.equals("HardDisk")) {
                    if (uuid == null) {
                        throw new VmDefinitionException(name, d.line, "a hard disk attachment without an <Image>");
                    }
                    Medium m = media.get(uuid.toLowerCase(Locale.ROOT));
                    if (m == null) {
                        throw new VmDefinitionException(name, d.line, "the hard disk " + uuid + " on " + c.attr("name", type)
                                + " port " + port + " is not in this file's media registry (it is registered in"
                                + " VirtualBox's global VirtualBox.xml): its image cannot be found");
                    }
                    if (m.encrypted()) {
                        throw new VmDefinitionException(name, m.line(), "the disk " + m.location() + " is encrypted"
                                + " (VirtualBox encrypted medium, CRYPT/KeyStore): decrypt it in VirtualBox first"
                                + " (VBoxManage encryptmedium --newpassword \"\")");
                    }
                    Path image = resolve(dir, m.location());
                    Path parent = m.parent() == null || media.get(m.parent()) == null ? null
                            : resolve(dir, media.get(m.parent()).location());
                    String format = m.format() == null ? null : m.format().toLowerCase(Locale.ROOT);
                    b.disk(new VirtualMachine.Disk(slot, m.location(), image, parent, format, 0));
                } else if (type2.equals("DVD")) {
                    Medium m = uuid == null ? null : media.get(uuid.toLowerCase(Locale.ROOT));
                    b.cdrom(new VirtualMachine.CdRom(slot, m == null ? null : resolve(dir, m.location())));
                }
            }
        }
    }

    private static int intAttr(Node n, String key) {
        try {
            return Integer.parseInt(n.attr(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Path resolve(Path dir, String location) {
        String l = location.replace('\\', '/');
        Path p = Path.of(l);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    private static String attachment(Node adapter) {
        for (Node n : adapter.children) {
            switch (n.name) {
                case "NAT":
                    return "NAT";
                case "BridgedInterface", "InternalNetwork", "HostOnlyInterface", "NATNetwork", "GenericInterface":
                    return n.attr("name", n.name);
                default:
                    break;
            }
        }
        return "NAT";
    }

    private static String colons(String mac) {
        String m = mac.replace(":", "").toLowerCase(Locale.ROOT);
        if (m.length() != 12) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            b.append(i == 0 ? "" : ":").append(m, i, i + 2);
        }
        return b.toString();
    }

    static String nicModel(String vboxType) {
        return switch (vboxType) {
            case "82540EM", "82543GC", "82545EM" -> "e1000";
            case "virtio" -> "virtio";
            default -> "pcnet32";
        };
    }

    static OsType guestOs(String vboxOsType) {
        for (String[] row : OS_TYPES) {
            if (row[0].equalsIgnoreCase(vboxOsType)) {
                Optional<OsType> os = OsType.ofVmwareGuestId(row[1]);
                if (os.isPresent()) {
                    return os.get();
                }
            }
        }
        String t = vboxOsType.toLowerCase(Locale.ROOT);
        String guess = t.startsWith("windows") ? (t.endsWith("_64") ? "windows9_64Guest" : "windows9Guest")
                : t.contains("linux") || t.startsWith("arch") || t.startsWith("gentoo") || t.startsWith("mandriva")
                        || t.startsWith("oracle") || t.startsWith("turbolinux") || t.startsWith("xandros")
                        ? (t.endsWith("_64") ? "otherLinux64Guest" : "otherLinuxGuest") : null;
        return guess == null ? OsType.ofCim(1) : OsType.ofVmwareGuestId(guess).orElse(OsType.ofCim(1));
    }

    static String vboxOsType(OsType os) {
        String id = os.effectiveVmwareGuestId();
        if (id != null) {
            for (String[] row : OS_TYPES) {
                if (row[1].equalsIgnoreCase(id)) {
                    return row[0];
                }
            }
            String l = id.toLowerCase(Locale.ROOT);
            boolean b64 = l.contains("64");
            if (l.startsWith("win")) {
                return b64 ? "Windows10_64" : "Windows10";
            }
            if (l.contains("linux") || l.contains("ubuntu") || l.contains("debian") || l.contains("rhel") || l.contains("centos")) {
                return b64 ? "Linux_64" : "Linux";
            }
        }
        return "Other";
    }

    /** What {@link #write} needs beyond the VM: the UUIDs of the disk images it attaches. */
    public record Media(String machineUuid, List<String> diskUuids, String isoUuid) {
        /** Copies the list. */
        public Media {
            diskUuids = List.copyOf(diskUuids);
        }
    }

    /**
     * Writes a {@code .vbox} (settings 1.16) for {@code vm}: the disks at their
     * {@link VirtualMachine.Disk#location()} (relative to the file) with the UUIDs of {@code media},
     * CD-ROMs as DVD drives, network adapters on NAT (their network names kept as
     * {@code ovfkit/nicN/network} extra data, which {@link #read} reads back). virtio-blk disks go to
     * a SATA controller, which every VirtualBox has.
     */
    public static String write(VirtualMachine vm, Media media) {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\"?>\n<VirtualBox xmlns=\"").append(NAMESPACE).append("\" version=\"1.16-linux\">\n");
        x.append("  <Machine uuid=\"{").append(media.machineUuid()).append("}\" name=\"").append(XmlText.esc(vm.name()))
                .append("\" OSType=\"").append(vboxOsType(vm.guestOs())).append("\" snapshotFolder=\"Snapshots\">\n");
        x.append("    <MediaRegistry>\n");
        if (!vm.disks().isEmpty()) {
            x.append("      <HardDisks>\n");
            for (int i = 0; i < vm.disks().size(); i++) {
                VirtualMachine.Disk d = vm.disks().get(i);
                x.append("        <HardDisk uuid=\"{").append(media.diskUuids().get(i)).append("}\" location=\"")
                        .append(XmlText.esc(d.location())).append("\" format=\"")
                        .append(d.format() == null ? "VDI" : d.format().toUpperCase(Locale.ROOT)).append("\" type=\"Normal\"/>\n");
            }
            x.append("      </HardDisks>\n");
        }
        List<VirtualMachine.CdRom> isos = vm.cdroms().stream().filter(c -> c.image() != null).toList();
        if (!isos.isEmpty()) {
            x.append("      <DVDImages>\n");
            for (int i = 0; i < isos.size(); i++) {
                x.append("        <Image uuid=\"{").append(i == 0 && media.isoUuid() != null ? media.isoUuid()
                        : UUID.nameUUIDFromBytes(isos.get(i).image().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .append("}\" location=\"").append(XmlText.esc(isos.get(i).image().toString())).append("\"/>\n");
            }
            x.append("      </DVDImages>\n");
        }
        x.append("    </MediaRegistry>\n");
        if (!vm.nics().isEmpty()) {
            x.append("    <ExtraData>\n");
            for (int i = 0; i < vm.nics().size(); i++) {
                x.append("      <ExtraDataItem name=\"ovfkit/nic").append(i).append("/network\" value=\"")
                        .append(XmlText.esc(vm.nics().get(i).network())).append("\"/>\n");
            }
            x.append("    </ExtraData>\n");
        }
        x.append("    <Hardware>\n      <CPU count=\"").append(vm.cpus()).append("\">\n        <PAE enabled=\"true\"/>\n")
                .append("        <LongMode enabled=\"").append(vm.architecture().equals("x86_64")).append("\"/>\n      </CPU>\n");
        x.append("      <Memory RAMSize=\"").append(vm.memoryMiB()).append("\"/>\n");
        x.append("      <Firmware type=\"").append(vm.firmware() == Firmware.EFI ? "EFI" : "BIOS").append("\"/>\n");
        if (!vm.nics().isEmpty()) {
            x.append("      <Network>\n");
            for (int i = 0; i < vm.nics().size(); i++) {
                VirtualMachine.Nic n = vm.nics().get(i);
                x.append("        <Adapter slot=\"").append(i).append("\" enabled=\"true\"");
                if (n.mac() != null) {
                    x.append(" MACAddress=\"").append(n.mac().replace(":", "").toUpperCase(Locale.ROOT)).append('"');
                }
                x.append(" type=\"").append(switch (n.model()) {
                    case "virtio" -> "virtio";
                    case "pcnet32" -> "Am79C973";
                    default -> "82540EM";
                }).append("\">\n          <NAT/>\n        </Adapter>\n");
            }
            x.append("      </Network>\n");
        }
        x.append("    </Hardware>\n");
        writeStorage(x, vm, media, isos);
        x.append("  </Machine>\n</VirtualBox>\n");
        return x.toString();
    }

    private static void writeStorage(StringBuilder x, VirtualMachine vm, Media media, List<VirtualMachine.CdRom> isos) {
        List<Attach> attach = new ArrayList<>();
        int virtio = 0;
        for (int i = 0; i < vm.disks().size(); i++) {
            VirtualMachine.Slot s = vm.disks().get(i).slot();
            String what = "HardDisk|" + media.diskUuids().get(i);
            attach.add(place(s, what, s.bus() == Bus.VIRTIO || s.bus() == Bus.NVME ? 20 + virtio++ : -1));
        }
        for (VirtualMachine.CdRom c : vm.cdroms()) {
            int k = isos.indexOf(c);
            String uuid = c.image() == null ? null : k == 0 && media.isoUuid() != null ? media.isoUuid()
                    : UUID.nameUUIDFromBytes(c.image().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            attach.add(place(c.slot(), "DVD|" + (uuid == null ? "" : uuid), -1));
        }
        if (attach.isEmpty()) {
            return;
        }
        x.append("    <StorageControllers>\n");
        for (Bus bus : new Bus[] {Bus.IDE, Bus.SATA, Bus.SCSI}) {
            Map<Integer, List<Attach>> byController = new java.util.TreeMap<>();
            for (Attach a : attach) {
                if (a.bus() == bus) {
                    byController.computeIfAbsent(a.controller(), k -> new ArrayList<>()).add(a);
                }
            }
            for (Map.Entry<Integer, List<Attach>> e : byController.entrySet()) {
                String model = vm.controllers().stream().filter(c -> c.bus() == bus && c.index() == e.getKey())
                        .map(VirtualMachine.Controller::model).findFirst().orElse("");
                String type = switch (bus) {
                    case IDE -> "PIIX4";
                    case SATA -> "AHCI";
                    default -> switch (model) {
                        case "lsilogicsas" -> "LsiLogicSas";
                        case "buslogic" -> "BusLogic";
                        case "virtio-scsi" -> "VirtioSCSI";
                        default -> "LsiLogic";
                    };
                };
                String label = (bus == Bus.IDE ? "IDE" : bus == Bus.SATA ? "SATA" : "SCSI") + (e.getKey() == 0 ? "" : " " + e.getKey());
                int ports = bus == Bus.IDE ? 2 : bus == Bus.SATA ? 30 : 16;
                x.append("      <StorageController name=\"").append(label).append("\" type=\"").append(type)
                        .append("\" PortCount=\"").append(ports).append("\" useHostIOCache=\"").append(bus == Bus.IDE)
                        .append("\" Bootable=\"true\">\n");
                for (Attach a : e.getValue()) {
                    String[] w = a.what().split("\\|", -1);
                    x.append("        <AttachedDevice type=\"").append(w[0]).append("\"")
                            .append(w[0].equals("DVD") ? " passthrough=\"false\"" : "").append(" hotpluggable=\"false\" port=\"")
                            .append(a.port()).append("\" device=\"").append(a.device()).append("\"");
                    if (w[1].isEmpty()) {
                        x.append("/>\n");
                    } else {
                        x.append(">\n          <Image uuid=\"{").append(w[1]).append("}\"/>\n        </AttachedDevice>\n");
                    }
                }
                x.append("      </StorageController>\n");
            }
        }
        x.append("    </StorageControllers>\n");
    }

    /** One attachment as VirtualBox numbers it. */
    private record Attach(Bus bus, int controller, int port, int device, String what) {
    }

    private static Attach place(VirtualMachine.Slot s, String what, int sataPort) {
        return switch (s.bus()) {
            case IDE -> new Attach(Bus.IDE, s.controller() / 2, s.controller() % 2, s.unit(), what);
            case VIRTIO, NVME -> new Attach(Bus.SATA, 0, sataPort, 0, what);
            default -> new Attach(s.bus(), s.controller(), s.unit(), 0, what);
        };
    }
}
