package io.ovfkit.compose;

import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compose spec, read and checked: open-vmdk's ova-compose YAML as it is (system, networks,
 * hardware, product or product_sections, environment, configurations, extra_configs, annotation,
 * eula, ip_assignment_settings, {@code !param}) plus ovfkit's {@code package:} and {@code target:}
 * keys. Reading checks everything that can be checked without opening the disks: every key, type,
 * reference between items, and that every file named exists; each error names the spec file, the
 * line and column and what was expected ({@link ComposeSpecException}). {@link Composer} turns it
 * into a package.
 *
 * <pre>{@code
 * ComposeSpec spec = ComposeSpec.read(Path.of("photon.yaml"), Map.of("disk", "build/photon.img"));
 * ComposeResult r = Composer.compose(spec, Path.of("photon.ova"), PackageOptions.builder().reproducible(true));
 * }</pre>
 *
 * <p>Relative paths in the spec (disk images, CD/floppy images, EULA and annotation files, signing
 * keys) are resolved against the spec's own folder, so a spec builds the same from any working
 * directory (ova-compose resolves them against the working directory; run from the spec's folder
 * the two agree).
 *
 * <p>Immutable once read (its collections are unmodifiable views of what the reader built) and safe to
 * share between threads.
 */
public final class ComposeSpec {
    /** The top-level keys ova-compose reads. */
    static final Set<String> OVA_COMPOSE_KEYS = Set.of("system", "networks", "hardware", "product", "product_sections",
            "environment", "configurations", "extra_configs", "annotation", "eula", "ip_assignment_settings");
    /** ovfkit's own top-level keys. */
    static final Set<String> OVFKIT_KEYS = Set.of("package", "target");

    /** The hardware item types, as ova-compose names them. */
    static final List<String> ITEM_TYPES = List.of("cpus", "memory", "scsi_controller", "sata_controller", "nvme_controller",
            "ide_controller", "usb_controller", "usb3_controller", "cd_drive", "floppy", "hard_disk", "ethernet",
            "video_card", "vmci");
    private static final Set<String> CONTROLLERS = Set.of("scsi_controller", "sata_controller", "nvme_controller", "ide_controller");
    private static final Pattern XML_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
    private static final Map<String, String> UNITS = unitMap();
    private static final long MAX_TEXT_FILE = 1 << 20;

    private final Path file;
    private final Path baseDirectory;
    private final SystemInfo system;
    private final Map<String, NetworkInfo> networks;
    private final List<Item> items;
    private final Map<String, String> hardwareConfig;
    private final List<Product> products;
    private final Map<String, Configuration> configurations;
    private final List<ExtraConfig> extraConfigs;
    private final TextBlock annotation;
    private final TextBlock eula;
    private final IpAssignment ipAssignment;
    private final Packaging packaging;
    private final Set<String> parameters;

    // ---------------------------------------------------------------------------------------------
    // The parts of a spec (immutable values).

    /** {@code system:}: the VM's name, hardware family, guest OS and firmware. */
    public record SystemInfo(String name, String type, Integer osCim, String osVmw, String osName, String firmware,
            Boolean secureBoot, String defaultConfiguration, boolean defaultConfigs) {
    }

    /** One of {@code networks:}: the logical network's name and description. */
    public record NetworkInfo(String id, String name, String description) {
    }

    /**
     * One entry of {@code hardware:}. Fields that do not apply to the item's type are null.
     *
     * @param id the entry's key (the item's ElementName)
     * @param type one of {@link #ITEM_TYPES}
     * @param configuration the deployment option the item belongs to, or null for all
     * @param quantity CPUs or MiB of memory
     * @param subtype controller or adapter model
     * @param parent the key of the controller the device is attached to
     * @param connected connected at power on
     * @param network the key of the network in {@code networks:}
     * @param disk the disk of a hard_disk
     * @param image a CD or floppy image file put in the package
     * @param imageFileId the File id of that image
     */
    public record Item(String id, String type, String configuration, Long quantity, String subtype, String parent,
            Boolean connected, String network, DiskInput disk, Path image, String imageFileId) {
    }

    /**
     * A disk of the appliance.
     *
     * @param diskId the Disk's id ({@code vmdisk0} … unless {@code disk_id} says otherwise)
     * @param fileId the File's id, null for an empty disk
     * @param href the member name, null for an empty disk
     * @param image the image to convert into the package (any format ovfkit reads), null for an empty disk
     * @param raw true when the image is given as {@code raw_image} (read as raw bytes, whatever they look like)
     * @param emptyCapacity for an empty disk ({@code disk_capacity}), its capacity in {@code units}; else null
     * @param units the capacity's allocation units as written in OVF ({@code byte * 2^20}), null for the default
     * @param place where the spec gives it, {@code FILE:LINE:COL}
     */
    public record DiskInput(String diskId, String fileId, String href, Path image, boolean raw, Long emptyCapacity,
            String units, String place) {
    }

    /** A property of a product section. */
    public record PropertyInfo(String key, String type, String value, Map<String, String> configurationValues,
            boolean userConfigurable, boolean password, String qualifiers, String label, String description,
            String category) {
    }

    /** A {@code product:} or one of {@code product_sections:} (the {@code environment:} properties join the first). */
    public record Product(String productClass, String instance, Boolean required, String info, String product, String vendor,
            String version, String fullVersion, String productUrl, String vendorUrl, List<String> transports,
            Map<String, String> categories, List<PropertyInfo> properties) {
    }

    /** One of {@code configurations:} (a deployment option). */
    public record Configuration(String id, String label, String description, boolean isDefault) {
    }

    /** One of {@code extra_configs:} ({@code vmw:ExtraConfig}). */
    public record ExtraConfig(String key, String value, Boolean required) {
    }

    /** {@code annotation:} or {@code eula:}: a text, given inline or read from a file. */
    public record TextBlock(String info, String text) {
    }

    /** {@code ip_assignment_settings:} ({@code vmw:IpAssignmentSection}). */
    public record IpAssignment(String protocols, String schemes) {
    }

    /**
     * ovfkit's {@code package:} and {@code target:} keys: how the package is written.
     *
     * @param ovfVersion the descriptor's OVF version (default 1.0)
     * @param manifest the manifest digest, or null for the default (the target's, else SHA-256)
     * @param noManifest {@code manifest: none}: no manifest (and so no signature)
     * @param signKey the private key signing the manifest (PEM or PKCS#12), or null
     * @param signCert the certificate for it, when the key file holds none
     * @param chunkSize {@code ovf:chunkSize} in bytes, or null
     * @param compression gzip every file ({@code ovf:compression="gzip"})
     * @param target the target profile ids the result must lint clean for (comma-separated), or null
     */
    public record Packaging(OvfVersion ovfVersion, DigestAlgorithm manifest, boolean noManifest, Path signKey, Path signCert,
            Long chunkSize, boolean compression, String target) {
    }

    private ComposeSpec(Builder b) {
        this.file = b.file;
        this.baseDirectory = b.base;
        this.system = b.system;
        this.networks = Collections.unmodifiableMap(b.networks);
        this.items = List.copyOf(b.items);
        this.hardwareConfig = Collections.unmodifiableMap(b.hardwareConfig);
        this.products = List.copyOf(b.products);
        this.configurations = Collections.unmodifiableMap(b.configurations);
        this.extraConfigs = List.copyOf(b.extraConfigs);
        this.annotation = b.annotation;
        this.eula = b.eula;
        this.ipAssignment = b.ipAssignment;
        this.packaging = b.packaging;
        this.parameters = Collections.unmodifiableSet(b.parameters);
    }

    /**
     * Reads and checks the spec in {@code file}; relative paths in it are resolved against its folder.
     *
     * @param params values for the spec's {@code !param} names (they override the defaults)
     * @throws ComposeSpecException when the spec is malformed or refers to what does not exist
     * @throws IOException when the file cannot be read
     */
    public static ComposeSpec read(Path file, Map<String, String> params) throws IOException {
        long size = Files.size(file);
        if (size > SpecNode.MAX_SPEC_CHARS) {
            throw new ComposeSpecException(file.toString(), 0, 0, "the spec is larger than "
                    + (SpecNode.MAX_SPEC_CHARS >> 20) + " MiB; a compose spec is a short YAML file");
        }
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SpecNode.MAX_SPEC_CHARS + 1); // the cap holds for a FIFO or device too
        }
        if (bytes.length > SpecNode.MAX_SPEC_CHARS) {
            throw new ComposeSpecException(file.toString(), 0, 0, "the spec is larger than "
                    + (SpecNode.MAX_SPEC_CHARS >> 20) + " MiB; a compose spec is a short YAML file");
        }
        String text = decode(bytes, file.toString());
        Path parent = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), parent, params);
    }

    /**
     * Checks the spec {@code yaml}.
     *
     * @param name the spec's name in messages (its path)
     * @param baseDirectory the folder relative paths are resolved against
     * @param params values for the spec's {@code !param} names
     */
    public static ComposeSpec parse(String yaml, String name, Path baseDirectory, Map<String, String> params)
            throws ComposeSpecException {
        Builder b = new Builder(Path.of(name), baseDirectory.toAbsolutePath(), params);
        b.read(SpecNode.parse(yaml, name, params, b.parameters));
        return new ComposeSpec(b);
    }

    private static String decode(byte[] bytes, String name) throws ComposeSpecException {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new ComposeSpecException(name, 0, 0, "not UTF-8 text; a compose spec is a YAML file in UTF-8");
        }
    }

    /** The spec's file, as given. */
    public Path file() {
        return file;
    }

    /** The folder relative paths were resolved against. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** {@code system:}. */
    public SystemInfo system() {
        return system;
    }

    /** The appliance's name ({@code system.name}). */
    public String name() {
        return system.name();
    }

    /** {@code networks:} by key, in order. */
    public Map<String, NetworkInfo> networks() {
        return networks;
    }

    /** {@code hardware:} items in order ({@code hardware.config} apart). */
    public List<Item> items() {
        return items;
    }

    /** {@code hardware.config} and the firmware settings, as {@code vmw:Config} keys and values. */
    public Map<String, String> hardwareConfig() {
        return hardwareConfig;
    }

    /** The disks, in the order of the hardware items. */
    public List<DiskInput> disks() {
        return items.stream().filter(i -> i.disk() != null).map(Item::disk).toList();
    }

    /** The product sections, the {@code environment:} properties in the first. */
    public List<Product> products() {
        return products;
    }

    /** {@code configurations:} by id, in order. */
    public Map<String, Configuration> configurations() {
        return configurations;
    }

    /** {@code extra_configs:}. */
    public List<ExtraConfig> extraConfigs() {
        return extraConfigs;
    }

    /** {@code annotation:}, if any. */
    public Optional<TextBlock> annotation() {
        return Optional.ofNullable(annotation);
    }

    /** {@code eula:}, if any. */
    public Optional<TextBlock> eula() {
        return Optional.ofNullable(eula);
    }

    /** {@code ip_assignment_settings:}, if any. */
    public Optional<IpAssignment> ipAssignment() {
        return Optional.ofNullable(ipAssignment);
    }

    /** ovfkit's {@code package:} and {@code target:} settings. */
    public Packaging packaging() {
        return packaging;
    }

    /** The names of the parameters the spec uses ({@code !param}). */
    public Set<String> parameters() {
        return parameters;
    }

    private static Map<String, String> unitMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("byte", "byte");
        m.put("KB", "byte * 2^10");
        m.put("MB", "byte * 2^20");
        m.put("GB", "byte * 2^30");
        m.put("TB", "byte * 2^40");
        return m;
    }

    /** The number of bytes in {@code units} ({@code byte * 2^20} → 2^20). */
    static long unitFactor(String units) {
        if (units == null || units.equals("byte")) {
            return 1;
        }
        return 1L << Integer.parseInt(units.substring(units.indexOf('^') + 1));
    }

    // ---------------------------------------------------------------------------------------------

    /** Reads the tree, one section at a time. */
    private static final class Builder {
        final Path file;
        final Path base;
        final Map<String, String> params;
        final Set<String> parameters = new LinkedHashSet<>();
        SystemInfo system;
        final Map<String, NetworkInfo> networks = new LinkedHashMap<>();
        final List<Item> items = new ArrayList<>();
        final Map<String, String> hardwareConfig = new LinkedHashMap<>();
        final List<Product> products = new ArrayList<>();
        final Map<String, Configuration> configurations = new LinkedHashMap<>();
        final List<ExtraConfig> extraConfigs = new ArrayList<>();
        TextBlock annotation;
        TextBlock eula;
        IpAssignment ipAssignment;
        Packaging packaging;
        int nextDisk;
        int nextFile;
        final Set<String> fileIds = new LinkedHashSet<>();
        final Set<String> diskIds = new LinkedHashSet<>();
        final Set<String> hrefs = new LinkedHashSet<>();

        Builder(Path file, Path base, Map<String, String> params) {
            this.file = file;
            this.base = base;
            this.params = Objects.requireNonNull(params, "params");
        }

        void read(SpecNode root) throws ComposeSpecException {
            if (!root.isMap()) {
                throw root.error("the spec: expected a mapping with the keys system and hardware, found " + root.describe());
            }
            Set<String> allowed = new LinkedHashSet<>(OVA_COMPOSE_KEYS);
            allowed.addAll(OVFKIT_KEYS);
            root.onlyKeys("the spec", allowed);
            SpecNode sys = root.require("system", "the spec");
            configurations(root);
            system(sys);
            networks(root);
            hardware(root.require("hardware", "the spec"));
            products(root);
            extraConfigs(root);
            Optional<SpecNode> a = root.get("annotation");
            if (a.isPresent()) {
                annotation = textBlock(a.get(), "annotation", "Description of the Product");
            }
            Optional<SpecNode> e = root.get("eula");
            if (e.isPresent()) {
                eula = textBlock(e.get(), "eula", "End User License Agreement");
            }
            Optional<SpecNode> ip = root.get("ip_assignment_settings");
            if (ip.isPresent()) {
                SpecNode n = ip.get();
                n.map("ip_assignment_settings");
                n.onlyKeys("ip_assignment_settings", Set.of("protocols", "schemes"));
                ipAssignment = new IpAssignment(n.text("protocols", "ip_assignment_settings").orElse(null),
                        n.text("schemes", "ip_assignment_settings").orElse(null));
            }
            packaging(root);
        }

        private void configurations(SpecNode root) throws ComposeSpecException {
            Optional<SpecNode> cs = root.get("configurations");
            if (cs.isEmpty()) {
                return;
            }
            for (Map.Entry<String, SpecNode> e : cs.get().map("configurations").entrySet()) {
                String id = e.getKey();
                SpecNode n = e.getValue();
                if (!XML_ID.matcher(id).matches()) {
                    throw cs.get().keyNode(id).error("configurations: '" + id + "' is not a valid id (letters, digits, . _ -)");
                }
                n.map("configurations." + id);
                n.onlyKeys("configurations." + id, Set.of("label", "description", "default"));
                String what = "configurations." + id;
                configurations.put(id, new Configuration(id, n.text("label", what).orElse(id),
                        n.text("description", what).orElse(id), n.bool("default", what).orElse(false)));
            }
        }

        private void system(SpecNode sys) throws ComposeSpecException {
            sys.map("system");
            sys.onlyKeys("system", Set.of("name", "type", "os_cim", "os_vmw", "os_name", "firmware", "secure_boot",
                    "default_configuration", "no_default_configs"));
            String name = sys.require("name", "system").text("system.name");
            if (name.isBlank()) {
                throw sys.require("name", "system").error("system.name: expected a name, found an empty one");
            }
            String type = sys.require("type", "system").text("system.type");
            Integer cim = null;
            Optional<SpecNode> c = sys.get("os_cim");
            if (c.isPresent()) {
                cim = (int) c.get().integer("system.os_cim", 0, 65535);
            }
            String osVmw = sys.text("os_vmw", "system").orElse(null);
            String firmware = null;
            Optional<SpecNode> fw = sys.get("firmware");
            if (fw.isPresent()) {
                firmware = fw.get().text("system.firmware").strip().toLowerCase(Locale.ROOT);
                if (!firmware.equals("bios") && !firmware.equals("efi")) {
                    throw fw.get().error("system.firmware: expected bios or efi, found " + fw.get().describe());
                }
            }
            Boolean secureBoot = sys.bool("secure_boot", "system").orElse(null);
            String dflt = null;
            Optional<SpecNode> d = sys.get("default_configuration");
            if (d.isPresent()) {
                dflt = d.get().text("system.default_configuration");
                if (!configurations.containsKey(dflt)) {
                    throw d.get().error("system.default_configuration: '" + dflt + "' is not one of configurations: "
                            + (configurations.isEmpty() ? "there are none" : String.join(", ", configurations.keySet())));
                }
                String chosen = dflt;
                configurations.replaceAll((k, v) -> new Configuration(v.id(), v.label(), v.description(),
                        v.isDefault() || k.equals(chosen)));
            }
            boolean defaults = !sys.bool("no_default_configs", "system").orElse(false);
            system = new SystemInfo(name, type, cim, osVmw, sys.text("os_name", "system").orElse(null), firmware,
                    secureBoot, dflt, defaults);
        }

        private void networks(SpecNode root) throws ComposeSpecException {
            Optional<SpecNode> ns = root.get("networks");
            if (ns.isEmpty()) {
                return;
            }
            for (Map.Entry<String, SpecNode> e : ns.get().map("networks").entrySet()) {
                SpecNode n = e.getValue();
                String what = "networks." + e.getKey();
                n.map(what);
                n.onlyKeys(what, Set.of("name", "description"));
                String name = n.require("name", what).text(what + ".name");
                networks.put(e.getKey(), new NetworkInfo(e.getKey(), name, n.text("description", what).orElse(null)));
            }
        }

        private void hardware(SpecNode hw) throws ComposeSpecException {
            Map<String, SpecNode> entries = hw.map("hardware");
            Map<String, SpecNode> typed = new LinkedHashMap<>();
            // First pass: types, so that parents may come after their children.
            Map<String, String> types = new LinkedHashMap<>();
            for (Map.Entry<String, SpecNode> e : entries.entrySet()) {
                String id = e.getKey();
                SpecNode n = e.getValue();
                if (id.equals("config")) {
                    for (Map.Entry<String, SpecNode> c : n.map("hardware.config").entrySet()) {
                        hardwareConfig.put(c.getKey(), configValue(c.getValue(), "hardware.config." + c.getKey()));
                    }
                    continue;
                }
                String type;
                if (!n.isMap() && (id.equals("cpus") || id.equals("memory"))) {
                    type = id;
                } else {
                    n.map("hardware." + id);
                    SpecNode t = n.get("type").orElse(null);
                    if (t == null) {
                        if (id.equals("cpus") || id.equals("memory")) {
                            type = id;
                        } else {
                            throw n.error("hardware." + id + ": the key 'type' is missing; expected one of "
                                    + String.join(", ", ITEM_TYPES));
                        }
                    } else {
                        type = t.text("hardware." + id + ".type");
                        if (!ITEM_TYPES.contains(type)) {
                            throw t.error("hardware." + id + ".type: unknown type '" + type + "'; expected one of "
                                    + String.join(", ", ITEM_TYPES));
                        }
                    }
                }
                types.put(id, type);
                typed.put(id, n);
            }
            if (types.values().stream().noneMatch("cpus"::equals)) {
                throw hw.error("hardware: no cpus; expected 'cpus: N' (or an item of type cpus)");
            }
            if (types.values().stream().noneMatch("memory"::equals)) {
                throw hw.error("hardware: no memory; expected 'memory: MIB' (or an item of type memory)");
            }
            for (Map.Entry<String, SpecNode> e : typed.entrySet()) {
                items.add(item(e.getKey(), types.get(e.getKey()), e.getValue(), types));
            }
        }

        private Item item(String id, String type, SpecNode n, Map<String, String> types) throws ComposeSpecException {
            String what = "hardware." + id;
            if (!n.isMap()) {
                long q = type.equals("cpus") ? n.integer(what, 1, 4096) : n.integer(what, 1, 1L << 40);
                return new Item(id, type, null, q, null, null, null, null, null, null, null);
            }
            Set<String> keys = new LinkedHashSet<>(List.of("type", "configuration", "required"));
            switch (type) {
                case "cpus" -> keys.add("number");
                case "memory" -> keys.add("size");
                case "scsi_controller", "sata_controller", "nvme_controller", "ide_controller" -> keys.add("subtype");
                case "cd_drive" -> keys.addAll(List.of("parent", "image", "connected", "file_id"));
                case "floppy" -> keys.addAll(List.of("image", "connected", "file_id"));
                case "hard_disk" -> keys.addAll(List.of("parent", "disk_image", "raw_image", "disk_capacity", "units",
                        "disk_id", "file_id"));
                case "ethernet" -> keys.addAll(List.of("network", "subtype", "connected"));
                default -> keys.add("subtype");
            }
            n.onlyKeys(what, keys);
            String configuration = null;
            Optional<SpecNode> cfg = n.get("configuration");
            if (cfg.isPresent()) {
                configuration = cfg.get().text(what + ".configuration");
                for (String c : configuration.trim().split("\\s+")) {
                    if (!configurations.containsKey(c)) {
                        throw cfg.get().error(what + ".configuration: '" + c + "' is not one of configurations: "
                                + (configurations.isEmpty() ? "there are none" : String.join(", ", configurations.keySet())));
                    }
                }
            }
            Long quantity = null;
            String subtype = n.text("subtype", what).orElse(null);
            String parent = null;
            Boolean connected = n.bool("connected", what).orElse(null);
            String network = null;
            DiskInput disk = null;
            Path image = null;
            String imageFileId = null;
            switch (type) {
                case "cpus" -> quantity = n.require("number", what).integer(what + ".number", 1, 4096);
                case "memory" -> quantity = n.require("size", what).integer(what + ".size", 1, 1L << 40);
                case "scsi_controller" -> {
                    if (subtype == null) {
                        subtype = "VirtualSCSI";
                    }
                    if (!List.of("virtualscsi", "lsilogic", "lsilogicsas", "buslogic").contains(subtype.toLowerCase(Locale.ROOT))) {
                        throw n.require("subtype", what).error(what + ".subtype: unknown SCSI controller '" + subtype
                                + "'; expected VirtualSCSI, lsilogic, lsilogicsas or buslogic");
                    }
                }
                case "ethernet" -> {
                    SpecNode net = n.require("network", what);
                    network = net.text(what + ".network");
                    if (!networks.containsKey(network)) {
                        throw net.error(what + ".network: '" + network + "' is not one of networks: "
                                + (networks.isEmpty() ? "there are none" : String.join(", ", networks.keySet())));
                    }
                    if (subtype == null) {
                        subtype = "E1000";
                    }
                }
                case "cd_drive", "floppy", "hard_disk" -> {
                    if (!type.equals("floppy")) {
                        SpecNode p = n.require("parent", what);
                        parent = p.text(what + ".parent");
                        String pt = types.get(parent);
                        if (pt == null || !CONTROLLERS.contains(pt)) {
                            List<String> cs = types.entrySet().stream().filter(t -> CONTROLLERS.contains(t.getValue()))
                                    .map(Map.Entry::getKey).toList();
                            throw p.error(what + ".parent: '" + parent + "' is not a controller of hardware; expected one of: "
                                    + (cs.isEmpty() ? "(there is none)" : String.join(", ", cs)));
                        }
                    }
                    if (type.equals("hard_disk")) {
                        disk = disk(id, n, what);
                    } else if (n.get("image").isPresent()) {
                        SpecNode img = n.get("image").get();
                        image = existingFile(img, what + ".image");
                        imageFileId = fileId(n, what, image.getFileName().toString());
                    }
                }
                default -> {
                }
            }
            return new Item(id, type, configuration, quantity, subtype, parent, connected, network, disk, image, imageFileId);
        }

        private DiskInput disk(String id, SpecNode n, String what) throws ComposeSpecException {
            String units = null;
            Optional<SpecNode> u = n.get("units");
            if (u.isPresent()) {
                String t = u.get().text(what + ".units").strip();
                if (UNITS.containsKey(t)) {
                    units = UNITS.get(t);
                } else if (UNITS.containsValue(t)) {
                    units = t;
                } else {
                    throw u.get().error(what + ".units: unknown units '" + t + "'; expected one of "
                            + String.join(", ", UNITS.keySet()) + " (or byte * 2^10 … byte * 2^40)");
                }
            }
            String diskId = null;
            Optional<SpecNode> did = n.get("disk_id");
            if (did.isPresent()) {
                diskId = did.get().text(what + ".disk_id");
                if (!XML_ID.matcher(diskId).matches()) {
                    throw did.get().error(what + ".disk_id: '" + diskId + "' is not a valid id (letters, digits, . _ -)");
                }
            } else {
                while (diskIds.contains("vmdisk" + nextDisk)) {
                    nextDisk++;
                }
                diskId = "vmdisk" + nextDisk++;
            }
            if (!diskIds.add(diskId)) {
                throw did.orElse(n).error(what + ".disk_id: '" + diskId + "' is already the id of another disk");
            }
            Optional<SpecNode> di = n.get("disk_image");
            Optional<SpecNode> ri = n.get("raw_image");
            Optional<SpecNode> cap = n.get("disk_capacity");
            if (di.isPresent() || ri.isPresent()) {
                if (cap.isPresent()) {
                    throw cap.get().error(what + ".disk_capacity: a disk has an image or a capacity, not both");
                }
                Path image;
                boolean raw;
                SpecNode node;
                // ova-compose converts raw_image into disk_image (or uses disk_image when the raw file is
                // missing); ovfkit converts either on the fly, so the raw image wins when it exists.
                if (ri.isPresent() && (di.isEmpty() || Files.exists(resolve(ri.get().text(what + ".raw_image"))))) {
                    node = ri.get();
                    image = existingFile(node, what + ".raw_image");
                    raw = true;
                } else {
                    node = di.get();
                    image = existingFile(node, what + ".disk_image");
                    raw = false;
                }
                String name = image.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String href = (dot > 0 ? name.substring(0, dot) : name) + ".vmdk";
                String base = href;
                for (int k = 2; hrefs.contains(href); k++) {
                    href = base.substring(0, base.length() - 5) + "-" + k + ".vmdk";
                }
                hrefs.add(href);
                String fileId = fileId(n, what, href);
                return new DiskInput(diskId, fileId, href, image, raw, null, units, node.place());
            }
            if (cap.isEmpty()) {
                throw n.error(what + ": a hard_disk needs disk_image, raw_image or disk_capacity");
            }
            long capacity = cap.get().integer(what + ".disk_capacity", 1, Long.MAX_VALUE >> 40);
            return new DiskInput(diskId, null, null, null, false, capacity, units == null ? UNITS.get("MB") : units,
                    cap.get().place());
        }

        private String fileId(SpecNode n, String what, String href) throws ComposeSpecException {
            Optional<SpecNode> f = n.get("file_id");
            String id;
            if (f.isPresent()) {
                id = f.get().text(what + ".file_id");
                if (!XML_ID.matcher(id).matches()) {
                    throw f.get().error(what + ".file_id: '" + id + "' is not a valid id (letters, digits, . _ -)");
                }
                if (fileIds.contains(id)) {
                    throw f.get().error(what + ".file_id: '" + id + "' is already the id of another file");
                }
            } else {
                do {
                    id = "file" + nextFile++;
                } while (fileIds.contains(id));
            }
            fileIds.add(id);
            hrefs.add(href);
            return id;
        }

        private Path resolve(String path) {
            return base.resolve(path).normalize();
        }

        private Path existingFile(SpecNode n, String what) throws ComposeSpecException {
            String t = n.text(what);
            Path p;
            try {
                p = resolve(t);
            } catch (java.nio.file.InvalidPathException e) {
                throw n.error(what + ": not a valid path: " + t);
            }
            if (!Files.isRegularFile(p)) {
                throw n.error(what + ": " + p + (Files.exists(p) ? " is not a regular file" : " does not exist")
                        + "; expected an image file (relative paths start at " + base + ")");
            }
            return p;
        }

        private static String configValue(SpecNode n, String what) throws ComposeSpecException {
            String t = n.text(what);
            // ova-compose writes Python's str(): booleans as True/False are what YAML calls true/false;
            // vSphere expects lower case.
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return lower;
            }
            return t;
        }

        private void products(SpecNode root) throws ComposeSpecException {
            Optional<SpecNode> p = root.get("product");
            Optional<SpecNode> ps = root.get("product_sections");
            if (p.isPresent() && ps.isPresent()) {
                throw ps.get().error("product_sections: a spec has product or product_sections, not both");
            }
            Optional<SpecNode> env = root.get("environment");
            if (env.isPresent()) {
                env.get().map("environment");
                env.get().onlyKeys("environment", Set.of("transports", "categories", "properties"));
            }
            if (p.isPresent() || env.isPresent()) {
                products.add(product(p.orElse(null), env.orElse(null), "product"));
            }
            if (ps.isPresent()) {
                List<SpecNode> list = ps.get().list("product_sections");
                for (int i = 0; i < list.size(); i++) {
                    products.add(product(list.get(i), null, "product_sections[" + i + "]"));
                }
            }
        }

        private Product product(SpecNode n, SpecNode env, String what) throws ComposeSpecException {
            if (n != null) {
                n.map(what);
                n.onlyKeys(what, Set.of("product", "vendor", "version", "full_version", "info", "class", "instance",
                        "required", "product_url", "vendor_url", "transports", "categories", "properties"));
            }
            SpecNode src = n == null ? env : n;
            List<String> transports = new ArrayList<>();
            Map<String, String> categories = new LinkedHashMap<>();
            List<PropertyInfo> properties = new ArrayList<>();
            for (SpecNode s : new SpecNode[] {n, env}) {
                if (s == null) {
                    continue;
                }
                String w = s == env ? "environment" : what;
                Optional<SpecNode> ts = s.get("transports");
                if (ts.isPresent()) {
                    for (SpecNode t : ts.get().list(w + ".transports")) {
                        transports.add(t.text(w + ".transports"));
                    }
                }
                Optional<SpecNode> cats = s.get("categories");
                if (cats.isPresent()) {
                    for (Map.Entry<String, SpecNode> c : cats.get().map(w + ".categories").entrySet()) {
                        categories.put(c.getKey(), c.getValue().text(w + ".categories." + c.getKey()));
                    }
                }
            }
            for (SpecNode s : new SpecNode[] {n, env}) {
                if (s == null) {
                    continue;
                }
                String w = s == env ? "environment" : what;
                Optional<SpecNode> props = s.get("properties");
                if (props.isPresent()) {
                    for (Map.Entry<String, SpecNode> e : props.get().map(w + ".properties").entrySet()) {
                        properties.add(property(e.getKey(), e.getValue(), w + ".properties." + e.getKey(), categories));
                    }
                }
            }
            String info = n == null ? null : n.text("info", what).orElse(null);
            return new Product(n == null ? null : n.text("class", what).orElse(null),
                    n == null ? null : n.text("instance", what).orElse(null),
                    n == null ? null : n.bool("required", what).orElse(null),
                    info != null ? info : "Information about the installed software",
                    n == null ? null : n.text("product", what).orElse(null),
                    n == null ? null : n.text("vendor", what).orElse(null),
                    n == null ? null : n.text("version", what).orElse(null),
                    n == null ? null : n.text("full_version", what).orElse(null),
                    n == null ? null : n.text("product_url", what).orElse(null),
                    n == null ? null : n.text("vendor_url", what).orElse(null),
                    List.copyOf(new LinkedHashSet<>(transports)), Collections.unmodifiableMap(categories),
                    List.copyOf(properties));
        }

        private PropertyInfo property(String key, SpecNode n, String what, Map<String, String> categories)
                throws ComposeSpecException {
            n.map(what);
            n.onlyKeys(what, Set.of("type", "value", "user_configurable", "password", "qualifiers", "label",
                    "description", "category", "required"));
            SpecNode typeNode = n.require("type", what);
            String type = typeNode.text(what + ".type");
            if (!List.of("string", "boolean", "uint8", "sint8", "uint16", "sint16", "uint32", "sint32", "uint64", "sint64",
                    "real32", "real64", "password", "ip", "ip:network").contains(type) && !type.startsWith("ip:")
                    && !type.startsWith("expression")) {
                throw typeNode.error(what + ".type: unknown property type '" + type + "'; expected string, boolean, uint8 … sint64,"
                        + " real32, real64 (CIM types as OVF names them)");
            }
            String value = null;
            Map<String, String> perConfiguration = new LinkedHashMap<>();
            Optional<SpecNode> v = n.get("value");
            if (v.isPresent()) {
                if (v.get().isMap()) {
                    v.get().onlyKeys(what + ".value", Set.of("default", "configurations"));
                    value = v.get().text("default", what + ".value").map(s -> configValue(s, type)).orElse(null);
                    Optional<SpecNode> cs = v.get().get("configurations");
                    if (cs.isPresent()) {
                        for (Map.Entry<String, SpecNode> e : cs.get().map(what + ".value.configurations").entrySet()) {
                            if (!configurations.containsKey(e.getKey())) {
                                throw cs.get().keyNode(e.getKey()).error(what + ".value.configurations: '" + e.getKey()
                                        + "' is not one of configurations: " + (configurations.isEmpty() ? "there are none"
                                                : String.join(", ", configurations.keySet())));
                            }
                            perConfiguration.put(e.getKey(), configValue(e.getValue().text(what + ".value.configurations."
                                    + e.getKey()), type));
                        }
                    }
                } else {
                    value = configValue(v.get().text(what + ".value"), type);
                }
            }
            String category = null;
            Optional<SpecNode> c = n.get("category");
            if (c.isPresent()) {
                category = c.get().text(what + ".category");
                if (!categories.containsKey(category)) {
                    throw c.get().error(what + ".category: '" + category + "' is not one of the categories: "
                            + (categories.isEmpty() ? "there are none" : String.join(", ", categories.keySet())));
                }
            }
            return new PropertyInfo(key, type, value, Collections.unmodifiableMap(perConfiguration),
                    n.bool("user_configurable", what).orElse(false), n.bool("password", what).orElse(false),
                    n.text("qualifiers", what).orElse(null), n.text("label", what).orElse(null),
                    n.text("description", what).orElse(null), category);
        }

        private static String configValue(String value, String type) {
            if (type.equals("boolean")) {
                String l = value.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("false")) {
                    return l;
                }
            }
            return value;
        }

        private void extraConfigs(SpecNode root) throws ComposeSpecException {
            Optional<SpecNode> xs = root.get("extra_configs");
            if (xs.isEmpty()) {
                return;
            }
            for (Map.Entry<String, SpecNode> e : xs.get().map("extra_configs").entrySet()) {
                String what = "extra_configs." + e.getKey();
                SpecNode n = e.getValue();
                n.map(what);
                n.onlyKeys(what, Set.of("value", "required"));
                String value = configValue(n.require("value", what), what + ".value");
                extraConfigs.add(new ExtraConfig(e.getKey(), value, n.bool("required", what).orElse(null)));
            }
        }

        private TextBlock textBlock(SpecNode n, String what, String defaultInfo) throws ComposeSpecException {
            if (n.isScalar()) {
                return new TextBlock(defaultInfo, n.text(what));
            }
            n.map(what);
            n.onlyKeys(what, Set.of("text", "file", "info"));
            Optional<SpecNode> t = n.get("text");
            Optional<SpecNode> f = n.get("file");
            if (t.isPresent() && f.isPresent()) {
                throw f.get().error(what + ".file: give text or file, not both");
            }
            String text;
            if (f.isPresent()) {
                Path p = existingFile(f.get(), what + ".file");
                try {
                    if (Files.size(p) > MAX_TEXT_FILE) {
                        throw f.get().error(what + ".file: " + p + " is larger than 1 MiB");
                    }
                    byte[] bytes;
                    try (java.io.InputStream in = Files.newInputStream(p)) {
                        bytes = in.readNBytes((int) MAX_TEXT_FILE + 1); // a FIFO or device reports no size
                    }
                    if (bytes.length > MAX_TEXT_FILE) {
                        throw f.get().error(what + ".file: " + p + " is larger than 1 MiB");
                    }
                    text = decode(bytes, p.toString());
                } catch (ComposeSpecException e) {
                    throw f.get().error(what + ".file: " + e.problem());
                } catch (IOException e) {
                    throw f.get().fileError(what + ".file " + p, e);
                }
            } else if (t.isPresent()) {
                text = t.get().text(what + ".text");
            } else {
                throw n.error(what + ": expected text or file");
            }
            return new TextBlock(n.text("info", what).orElse(defaultInfo), text);
        }

        private void packaging(SpecNode root) throws ComposeSpecException {
            OvfVersion version = OvfVersion.V1_0;
            DigestAlgorithm manifest = null;
            boolean noManifest = false;
            Path key = null;
            Path cert = null;
            Long chunk = null;
            boolean gzip = false;
            Optional<SpecNode> pk = root.get("package");
            if (pk.isPresent()) {
                SpecNode n = pk.get();
                n.map("package");
                n.onlyKeys("package", Set.of("ovf_version", "manifest", "sign_key", "sign_cert", "chunk_size", "compression"));
                Optional<SpecNode> v = n.get("ovf_version");
                if (v.isPresent()) {
                    String t = v.get().text("package.ovf_version").strip();
                    version = switch (t) {
                        case "1", "1.0" -> OvfVersion.V1_0;
                        case "2", "2.0" -> OvfVersion.V2_0;
                        default -> throw v.get().error("package.ovf_version: expected 1.0 or 2.0, found " + v.get().describe());
                    };
                }
                Optional<SpecNode> m = n.get("manifest");
                if (m.isPresent()) {
                    String t = m.get().text("package.manifest").strip();
                    if (t.equalsIgnoreCase("none") || t.equalsIgnoreCase("false")) {
                        noManifest = true;
                    } else {
                        try {
                            manifest = DigestAlgorithm.parse(t);
                        } catch (IllegalArgumentException e) {
                            throw m.get().error("package.manifest: expected sha1, sha256, sha512 or none, found "
                                    + m.get().describe());
                        }
                    }
                }
                Optional<SpecNode> k = n.get("sign_key");
                if (k.isPresent()) {
                    key = existingFile(k.get(), "package.sign_key");
                    if (noManifest) {
                        throw k.get().error("package.sign_key: signing needs a manifest, and package.manifest is none");
                    }
                }
                Optional<SpecNode> c = n.get("sign_cert");
                if (c.isPresent()) {
                    if (key == null) {
                        throw c.get().error("package.sign_cert: needs package.sign_key");
                    }
                    cert = existingFile(c.get(), "package.sign_cert");
                }
                Optional<SpecNode> cs = n.get("chunk_size");
                if (cs.isPresent()) {
                    chunk = size(cs.get(), "package.chunk_size");
                }
                Optional<SpecNode> z = n.get("compression");
                if (z.isPresent()) {
                    String t = z.get().text("package.compression").strip().toLowerCase(Locale.ROOT);
                    gzip = switch (t) {
                        case "gzip", "true" -> true;
                        case "none", "false" -> false;
                        default -> throw z.get().error("package.compression: expected gzip or none, found " + z.get().describe());
                    };
                }
            }
            String target = null;
            Optional<SpecNode> t = root.get("target");
            if (t.isPresent()) {
                target = t.get().text("target").strip();
                try {
                    io.ovfkit.convert.Targets.builtIn().parse(target);
                } catch (IllegalArgumentException e) {
                    throw t.get().error("target: " + e.getMessage());
                }
            }
            packaging = new Packaging(version, manifest, noManifest, key, cert, chunk, gzip, target);
        }

        private static long size(SpecNode n, String what) throws ComposeSpecException {
            String t = n.text(what).strip();
            java.util.regex.Matcher m = Pattern.compile("(?i)(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)").matcher(t);
            if (!m.matches()) {
                throw n.error(what + ": expected a size such as 2G, 512M or 1073741824, found " + n.describe());
            }
            long v = Long.parseLong(m.group(1));
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k", "kb", "kib" -> 10;
                case "m", "mb", "mib" -> 20;
                case "g", "gb", "gib" -> 30;
                case "t", "tb", "tib" -> 40;
                default -> 0;
            };
            if (v <= 0 || v > (Long.MAX_VALUE >> shift)) {
                throw n.error(what + ": " + t + " is out of range");
            }
            return v << shift;
        }
    }
}
