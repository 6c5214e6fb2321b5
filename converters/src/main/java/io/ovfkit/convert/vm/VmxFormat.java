package io.ovfkit.convert.vm;

import io.ovfkit.convert.vm.VirtualMachine.Bus;
import io.ovfkit.convert.vm.VirtualMachine.Firmware;
import io.ovfkit.ovf.value.OsType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VMware's {@code .vmx} configuration files (ESX 3 to ESXi 8, Workstation, Fusion, GSX): the
 * {@code key = "value"} lines, keys compared without case, values with VMware's {@code |XX} escapes,
 * in the file's {@code .encoding} (UTF-8 when it names no charset Java knows).
 *
 * <p>Stateless; safe to call from any thread.
 */
public final class VmxFormat {
    /** The largest {@code .vmx} read: real ones are a few KiB (an encrypted one about 10). */
    public static final int MAX_BYTES = 4 << 20;

    private static final Pattern DEVICE = Pattern.compile("(scsi|sata|nvme|ide)(\\d+):(\\d+)\\.present");
    private static final Pattern CONTROLLER = Pattern.compile("(scsi|sata|nvme)(\\d+)\\.present");
    private static final Pattern ETHERNET = Pattern.compile("ethernet(\\d+)\\.present");
    private static final Pattern SERIAL = Pattern.compile("serial(\\d+)\\.present");

    private VmxFormat() {
    }

    /** The parsed lines: lower-case keys to values (unescaped), with the line of each. */
    static final class Entries {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Integer> lines = new LinkedHashMap<>();

        String get(String key) {
            return values.get(key.toLowerCase(Locale.ROOT));
        }

        String get(String key, String fallback) {
            String v = get(key);
            return v == null ? fallback : v;
        }

        boolean isTrue(String key) {
            String v = get(key);
            return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
        }

        int line(String key) {
            return lines.getOrDefault(key.toLowerCase(Locale.ROOT), 0);
        }
    }

    /**
     * Parses the lines of a {@code .vmx}.
     *
     * @param bytes the file
     * @param name the file's name in messages
     * @throws VmDefinitionException when a line is neither blank, a comment nor {@code key = value}
     */
    static Entries parse(byte[] bytes, String name) throws VmDefinitionException {
        if (bytes.length > MAX_BYTES) {
            throw new VmDefinitionException(name, 0, "larger than " + MAX_BYTES + " bytes: not a .vmx file");
        }
        String text = new String(bytes, charsetOf(bytes));
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        Entries e = new Entries();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new VmDefinitionException(name, i + 1, "expected key = \"value\", found \""
                        + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "\"");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (value.startsWith("\"")) {
                int end = value.lastIndexOf('"');
                if (end <= 0) {
                    throw new VmDefinitionException(name, i + 1, "the value of " + key + " has no closing quote");
                }
                value = value.substring(1, end);
            }
            e.values.put(key, unescape(value));
            e.lines.put(key, i + 1);
        }
        return e;
    }

    private static Charset charsetOf(byte[] bytes) {
        String ascii = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?im)^\\s*\\.encoding\\s*=\\s*\"([^\"]*)\"").matcher(ascii);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1).trim());
            } catch (RuntimeException unknown) {
                // windows-949-2000 and other VMware names: the content we need is ASCII
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String unescape(String v) {
        if (v.indexOf('|') < 0) {
            return v;
        }
        // |XX escapes are bytes of the UTF-8 text
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '|' && i + 2 < v.length() && isHex(v.charAt(i + 1)) && isHex(v.charAt(i + 2))) {
                out.write(Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code s} escaped as VMware writes values: control characters, {@code "}, {@code |} and {@code #} as {@code |XX}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (byte by : s.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            if (c < 0x20 || c == '"' || c == '|' || c == '#' || c == 0x7f) {
                b.append('|').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else if (c < 0x80) {
                b.append((char) c);
            } else {
                b.append('|').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return b.toString();
    }

    /**
     * Reads a {@code .vmx} into the neutral description: CPUs, memory, firmware, guest OS, the SCSI,
     * SATA, NVMe and IDE controllers with their disks and CD-ROMs, the Ethernet adapters and serial
     * ports. Disk paths are resolved against the file's folder; a delta disk of a snapshot is the
     * disk as the VM sees it now (its VMDK names its parent).
     *
     * @param bytes the file's content
     * @param file where it is (for relative paths and messages)
     * @throws VmDefinitionException when it is malformed or encrypted ({@code encryption.keySafe})
     */
    public static VirtualMachine read(byte[] bytes, Path file) throws VmDefinitionException {
        String name = file.toString();
        Entries e = parse(bytes, name);
        if (e.get("encryption.keySafe") != null) {
            throw new VmDefinitionException(name, e.line("encryption.keySafe"), "the VM is encrypted (VMware encryption"
                    + " with encryption.keySafe): its hardware and disks cannot be read without the key; decrypt it in"
                    + " VMware first");
        }
        Path dir = file.toAbsolutePath().getParent();
        String display = e.get("displayName");
        if (display == null || display.isBlank()) {
            String fn = file.getFileName().toString();
            display = fn.endsWith(".vmx") ? fn.substring(0, fn.length() - 4) : fn;
        }
        VirtualMachine.Builder b = VirtualMachine.builder(display);
        b.cpus(intValue(e, "numvcpus", 1, name));
        int cores = intValue(e, "cpuid.coresPerSocket", 1, name);
        b.coresPerSocket(cores);
        b.memoryMiB(intValue(e, "memsize", 32, name));
        if ("efi".equalsIgnoreCase(e.get("firmware", "").trim())) {
            b.firmware(Firmware.EFI).secureBoot(e.isTrue("uefi.secureBoot.enabled"));
        }
        String guest = e.get("guestOS", "other");
        b.guestOs(guestOs(guest));
        if (guest.toLowerCase(Locale.ROOT).startsWith("arm-")) {
            b.architecture("aarch64");
        }
        // controllers
        for (String key : e.values.keySet()) {
            Matcher m = CONTROLLER.matcher(key);
            if (m.matches() && e.isTrue(key)) {
                Bus bus = bus(m.group(1));
                int idx = Integer.parseInt(m.group(2));
                String dev = e.get(m.group(1) + idx + ".virtualDev", bus == Bus.SCSI ? "lsilogic" : "");
                b.controller(new VirtualMachine.Controller(bus, idx, controllerModel(bus, dev)));
            }
        }
        // disks and CD-ROMs, in the order of the file
        for (String key : e.values.keySet()) {
            Matcher m = DEVICE.matcher(key);
            if (!m.matches() || !e.isTrue(key)) {
                continue;
            }
            String prefix = key.substring(0, key.length() - ".present".length());
            VirtualMachine.Slot slot = slot(bus(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            String type = e.get(prefix + ".deviceType", "").toLowerCase(Locale.ROOT);
            String fileName = e.get(prefix + ".fileName");
            if (type.contains("cdrom")) {
                Path iso = type.equals("cdrom-image") && fileName != null && !fileName.isBlank() ? resolve(dir, fileName, name, e.line(prefix + ".fileName")) : null;
                b.cdrom(new VirtualMachine.CdRom(slot, iso));
            } else if (type.isEmpty() || type.contains("disk") || type.equals("rawdisk")) {
                if (fileName == null || fileName.isBlank()) {
                    throw new VmDefinitionException(name, e.line(key), prefix + " is a disk without a fileName");
                }
                b.disk(new VirtualMachine.Disk(slot, fileName, resolve(dir, fileName, name, e.line(prefix + ".fileName")), null,
                        "vmdk", 0));
            }
        }
        // network adapters
        TreeMap<Integer, String> nics = new TreeMap<>();
        for (String key : e.values.keySet()) {
            Matcher m = ETHERNET.matcher(key);
            if (m.matches() && e.isTrue(key)) {
                nics.put(Integer.parseInt(m.group(1)), "ethernet" + m.group(1));
            }
        }
        for (String p : nics.values()) {
            String model = nicModel(e.get(p + ".virtualDev", "e1000"));
            String network = e.get(p + ".networkName");
            if (network == null || network.isBlank()) {
                String ct = e.get(p + ".connectionType", "bridged");
                network = ct.equalsIgnoreCase("custom") ? e.get(p + ".vnet", "custom") : ct;
            }
            String mac = e.get(p + ".address");
            if (mac == null || mac.isBlank()) {
                mac = e.get(p + ".generatedAddress");
            }
            b.nic(new VirtualMachine.Nic(model, network, mac == null || mac.isBlank() ? null : mac.toLowerCase(Locale.ROOT)));
        }
        for (String key : e.values.keySet()) {
            Matcher m = SERIAL.matcher(key);
            if (m.matches() && e.isTrue(key)) {
                String p = "serial" + m.group(1);
                String kind = e.get(p + ".fileType", "device").toLowerCase(Locale.ROOT);
                b.serialPort(new VirtualMachine.SerialPort(Integer.parseInt(m.group(1)), kind, e.get(p + ".fileName")));
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new VmDefinitionException(name, 0, ex.getMessage(), ex);
        }
    }

    private static VirtualMachine.Slot slot(Bus bus, int controller, int unit) {
        return new VirtualMachine.Slot(bus, controller, unit);
    }

    private static int intValue(Entries e, String key, int fallback, String name) throws VmDefinitionException {
        String v = e.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new VmDefinitionException(name, e.line(key), key + " = \"" + v + "\" is not a positive whole number");
        }
    }

    private static Path resolve(Path dir, String fileName, String name, int line) throws VmDefinitionException {
        // Windows paths (C:\...) and datastore paths are kept as they are; relative ones are beside the .vmx.
        try {
            Path p = Path.of(fileName);
            return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
        } catch (RuntimeException e) {
            try {
                return Path.of(fileName.replace('\\', '/'));
            } catch (java.nio.file.InvalidPathException bad) {
                // A NUL (|00) in the name, found by fuzzing: no file system has such a file.
                throw new VmDefinitionException(name, line, "the fileName is not a path this system can name: "
                        + bad.getReason());
            }
        }
    }

    private static Bus bus(String s) {
        return switch (s) {
            case "scsi" -> Bus.SCSI;
            case "sata" -> Bus.SATA;
            case "nvme" -> Bus.NVME;
            default -> Bus.IDE;
        };
    }

    /** VMware's virtualDev names to the neutral ones. */
    static String controllerModel(Bus bus, String virtualDev) {
        String d = virtualDev.toLowerCase(Locale.ROOT).trim();
        return switch (bus) {
            case SCSI -> switch (d) {
                case "lsisas1068" -> "lsilogicsas";
                case "pvscsi" -> "pvscsi";
                case "buslogic" -> "buslogic";
                default -> "lsilogic";
            };
            case SATA -> "ahci";
            case NVME -> "nvme";
            case IDE -> "piix4";
            case VIRTIO -> "virtio";
        };
    }

    /** VMware's ethernet virtualDev names to the neutral ones. */
    static String nicModel(String virtualDev) {
        String d = virtualDev.toLowerCase(Locale.ROOT).trim();
        return switch (d) {
            case "vlance", "pcnet32" -> "pcnet32";
            case "vmxnet", "vmxnet2", "vmxnet3", "e1000", "e1000e" -> d;
            default -> d.isEmpty() ? "e1000" : d;
        };
    }

    /** A guest OS from a {@code .vmx} {@code guestOS} value ({@code ubuntu-64}, {@code windows7-64}, {@code rhel6-64}). */
    static OsType guestOs(String vmxGuest) {
        String g = vmxGuest.trim();
        for (String candidate : guestIdCandidates(g)) {
            for (String known : OsType.vmwareGuestIds()) {
                if (known.equalsIgnoreCase(candidate)) {
                    return OsType.ofVmwareGuestId(known).orElseThrow();
                }
            }
        }
        return OsType.ofCim(g.endsWith("-64") ? 102 : 1);
    }

    private static List<String> guestIdCandidates(String g) {
        List<String> c = new ArrayList<>();
        if (g.endsWith("-64")) {
            String base = g.substring(0, g.length() - 3);
            c.add(base + "_64Guest");
            c.add(base + "64Guest");
        } else {
            c.add(g + "Guest");
            c.add(g);
        }
        return c;
    }

    /** The {@code .vmx} guestOS value of a guest OS ({@code ubuntu64Guest} → {@code ubuntu-64}). */
    static String vmxGuestOs(OsType os) {
        String id = os.effectiveVmwareGuestId();
        if (id == null) {
            return "other";
        }
        String g = id.endsWith("Guest") ? id.substring(0, id.length() - 5) : id;
        if (g.endsWith("_64")) {
            g = g.substring(0, g.length() - 3) + "-64";
        } else if (g.endsWith("64") && !g.endsWith("-64")) {
            g = g.substring(0, g.length() - 2) + "-64";
        }
        return g.toLowerCase(Locale.ROOT);
    }

    /**
     * Writes a {@code .vmx} for {@code vm}: {@code numvcpus}, {@code cpuid.coresPerSocket},
     * {@code memsize}, {@code firmware}, {@code guestOS}, its controllers, disks (their
     * {@link VirtualMachine.Disk#location()} as {@code fileName}), CD-ROMs, Ethernet adapters and
     * serial ports, then {@code extra} (such as {@code guestinfo.ovfEnv}), each escaped.
     *
     * @param hardwareVersion {@code virtualHW.version}, such as 14
     */
    public static String write(VirtualMachine vm, int hardwareVersion, Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(".encoding", "UTF-8");
        out.put("config.version", "8");
        out.put("virtualHW.version", Integer.toString(hardwareVersion));
        out.put("displayName", vm.name());
        out.put("guestOS", vmxGuestOs(vm.guestOs()));
        out.put("numvcpus", Integer.toString(vm.cpus()));
        out.put("cpuid.coresPerSocket", Integer.toString(vm.coresPerSocket()));
        out.put("memsize", Long.toString(vm.memoryMiB()));
        if (vm.firmware() == Firmware.EFI) {
            out.put("firmware", "efi"); // BIOS is the default; virt-v2v warns about an explicit "bios"
        }
        if (vm.firmware() == Firmware.EFI && vm.secureBoot()) {
            out.put("uefi.secureBoot.enabled", "TRUE");
        }
        out.put("pciBridge0.present", "TRUE");
        List<VirtualMachine.Controller> controllers = new ArrayList<>(vm.controllers());
        controllers.sort(Comparator.comparing(VirtualMachine.Controller::bus).thenComparingInt(VirtualMachine.Controller::index));
        for (VirtualMachine.Controller c : controllers) {
            switch (c.bus()) {
                case SCSI -> {
                    out.put("scsi" + c.index() + ".present", "TRUE");
                    out.put("scsi" + c.index() + ".virtualDev", switch (c.model()) {
                        case "lsilogicsas" -> "lsisas1068";
                        case "buslogic" -> "buslogic";
                        case "pvscsi" -> "pvscsi";
                        default -> "lsilogic";
                    });
                }
                case SATA -> out.put("sata" + c.index() + ".present", "TRUE");
                case NVME -> out.put("nvme" + c.index() + ".present", "TRUE");
                default -> {
                    // IDE controllers are always there
                }
            }
        }
        for (VirtualMachine.Disk d : vm.disks()) {
            String p = prefix(d.slot());
            out.put(p + ".present", "TRUE");
            out.put(p + ".fileName", d.location());
            out.put(p + ".deviceType", d.slot().bus() == Bus.SCSI ? "scsi-hardDisk" : d.slot().bus() == Bus.IDE ? "ata-hardDisk" : "disk");
        }
        for (VirtualMachine.CdRom c : vm.cdroms()) {
            String p = prefix(c.slot());
            out.put(p + ".present", "TRUE");
            if (c.image() != null) {
                out.put(p + ".deviceType", "cdrom-image");
                out.put(p + ".fileName", c.image().toString());
            } else {
                out.put(p + ".deviceType", "cdrom-raw");
                out.put(p + ".fileName", "auto detect");
                out.put(p + ".autodetect", "TRUE");
                out.put(p + ".startConnected", "FALSE");
            }
        }
        for (int i = 0; i < vm.nics().size(); i++) {
            VirtualMachine.Nic n = vm.nics().get(i);
            String p = "ethernet" + i;
            out.put(p + ".present", "TRUE");
            out.put(p + ".virtualDev", switch (n.model()) {
                case "pcnet32" -> "vlance";
                case "vmxnet", "vmxnet2", "vmxnet3", "e1000", "e1000e" -> n.model();
                default -> "e1000";
            });
            out.put(p + ".connectionType", "bridged");
            if (!n.network().isEmpty()) {
                out.put(p + ".networkName", n.network());
            }
            if (n.mac() != null) {
                out.put(p + ".addressType", "static");
                out.put(p + ".address", n.mac());
            } else {
                out.put(p + ".addressType", "generated");
            }
        }
        for (VirtualMachine.SerialPort s : vm.serialPorts()) {
            String p = "serial" + s.index();
            out.put(p + ".present", "TRUE");
            out.put(p + ".fileType", s.kind());
            if (s.target() != null) {
                out.put(p + ".fileName", s.target());
            }
        }
        out.putAll(extra);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> en : out.entrySet()) {
            b.append(en.getKey()).append(" = \"").append(escape(en.getValue())).append("\"\n");
        }
        return b.toString();
    }

    private static String prefix(VirtualMachine.Slot s) {
        return switch (s.bus()) {
            case SCSI, VIRTIO -> "scsi";
            case SATA -> "sata";
            case NVME -> "nvme";
            case IDE -> "ide";
        } + s.controller() + ":" + s.unit();
    }

    /** The value of {@code key} in a {@code .vmx} (keys without case), unescaped; for tests and tools. */
    public static Optional<String> value(byte[] vmx, String key) throws VmDefinitionException {
        return Optional.ofNullable(parse(vmx, "<vmx>").get(key));
    }
}
