package io.ovfkit.compose;

import io.ovfkit.convert.LintReport;
import io.ovfkit.convert.Linter;
import io.ovfkit.convert.TargetProfile;
import io.ovfkit.convert.Targets;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageWriter;
import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.AnnotationSection;
import io.ovfkit.ovf.model.Category;
import io.ovfkit.ovf.model.DeploymentOption;
import io.ovfkit.ovf.model.DeploymentOptionSection;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.EulaSection;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Network;
import io.ovfkit.ovf.model.NetworkSection;
import io.ovfkit.ovf.model.OperatingSystemSection;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.PropertyValue;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.ResourceAllocationSettingData;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VirtualSystemSettingData;
import io.ovfkit.ovf.model.VmwConfig;
import io.ovfkit.ovf.model.VmwExtraConfig;
import io.ovfkit.ovf.value.OsType;
import io.ovfkit.signing.PasswordSource;
import io.ovfkit.signing.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the package a {@link ComposeSpec} describes: the descriptor (as open-vmdk's ova-compose
 * writes it: the same sections, items, ids and VMware settings), the disks converted on the fly
 * into streamOptimized VMDK and the CD/floppy images copied, all written in one pass by
 * {@link PackageWriter} (each disk read once, no temporary copy); then, when the spec names a
 * {@code target:}, the result linted against it.
 *
 * <pre>{@code
 * ComposeSpec spec = ComposeSpec.read(Path.of("appliance.yaml"), Map.of());
 * ComposeResult r = Composer.compose(spec, Path.of("appliance.ova"),
 *         PackageOptions.builder().reproducible(true), PasswordSource.environment());
 * if (!r.clean()) { ... r.lint().get().findings() ... }
 * }</pre>
 *
 * <p>Stateless; safe to call from any thread for distinct outputs (each call writes through a
 * {@link PackageWriter} of its own, whose disk conversions run on the disk engine's worker threads and
 * end before the call returns).
 */
public final class Composer {
    /** The hardware settings ova-compose writes unless {@code system.no_default_configs} is true. */
    static final Map<String, String> CONFIG_DEFAULTS = configDefaults();

    private Composer() {
    }

    private static Map<String, String> configDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpuHotAddEnabled", "false");
        m.put("cpuHotRemoveEnabled", "false");
        m.put("memoryHotAddEnabled", "false");
        m.put("firmware", "bios");
        m.put("tools.syncTimeWithHost", "false");
        m.put("tools.afterPowerOn", "true");
        m.put("tools.afterResume", "true");
        m.put("tools.beforeGuestShutdown", "true");
        m.put("tools.beforeGuestStandby", "true");
        m.put("tools.toolsUpgradePolicy", "manual");
        m.put("powerOpInfo.powerOffType", "soft");
        m.put("powerOpInfo.resetType", "soft");
        m.put("powerOpInfo.suspendType", "hard");
        m.put("nestedHVEnabled", "false");
        m.put("virtualICH7MPresent", "false");
        m.put("virtualSMCPresent", "false");
        m.put("flags.vvtdEnabled", "false");
        m.put("flags.vbsEnabled", "false");
        m.put("bootOptions.efiSecureBootEnabled", "false");
        m.put("powerOpInfo.standbyAction", "checkpoint");
        return m;
    }

    /**
     * Composes {@code spec} into {@code out}: an OVA file, or a folder when {@code out} is an
     * existing folder. The descriptor and the other members are named after the OVA (or the
     * folder); the package is reproducible when {@code base} says so.
     *
     * @param base options the spec's {@code package:} settings are applied to (progress, threads,
     *     reproducibility; a signer set here wins over the spec's key)
     * @param passwords where the password of the spec's {@code sign_key} comes from
     * @return what was written and, with a {@code target:}, the lint report
     * @throws ComposeSpecException when a disk image named by the spec cannot be read
     */
    public static ComposeResult compose(ComposeSpec spec, Path out, PackageOptions.Builder base, PasswordSource passwords)
            throws IOException {
        PackageOptions options = options(spec, base, passwords).build();
        boolean folder = Files.isDirectory(out);
        String name = packageName(out, folder);
        PackageResult written;
        try (PackageWriter w = folder ? PackageWriter.toFolder(out, options) : PackageWriter.toOva(out, options)) {
            written = write(spec, w, name + ".ovf");
        }
        Optional<LintReport> lint = Optional.empty();
        if (spec.packaging().target() != null) {
            lint = Optional.of(lint(spec, folder ? out.resolve(name + ".ovf") : out));
        }
        return new ComposeResult(written, lint, spec.packaging().target());
    }

    /** The base name of the members: the OVA's name without {@code .ova}, or the folder's name. */
    static String packageName(Path out, boolean folder) {
        String n = out.toAbsolutePath().normalize().getFileName().toString();
        if (!folder && n.toLowerCase(java.util.Locale.ROOT).endsWith(".ova") && n.length() > 4) {
            n = n.substring(0, n.length() - 4);
        }
        return n;
    }

    /**
     * Applies the spec's {@code package:} settings (manifest digest, chunk size, compression,
     * signing key) to {@code b}; a {@code target:}'s manifest digest is used when the spec names none.
     */
    public static PackageOptions.Builder options(ComposeSpec spec, PackageOptions.Builder b, PasswordSource passwords)
            throws IOException {
        ComposeSpec.Packaging p = spec.packaging();
        if (p.noManifest()) {
            b.noManifest();
        } else if (p.manifest() != null) {
            b.digest(p.manifest());
        } else if (p.target() != null) {
            for (TargetProfile t : Targets.builtIn().parse(p.target())) {
                if (t.manifestAlgorithm().isPresent()) {
                    b.digest(t.manifestAlgorithm().get());
                    break;
                }
            }
        }
        if (p.chunkSize() != null) {
            b.chunkSize(p.chunkSize());
            if (p.chunkSize() <= PackageOptions.MAX_BUFFERED_CHUNK_SIZE) {
                b.streamChunkSize(p.chunkSize());
            }
        }
        if (p.compression()) {
            b.gzip(true);
        }
        if (p.signKey() != null && b.build().signer().isEmpty()) {
            b.signer(Keys.load(p.signKey(), p.signCert(), passwords));
        }
        return b;
    }

    /**
     * Writes the package of {@code spec} with {@code w} (which the caller opened and closes): opens
     * each disk image (its header only), builds the descriptor, adds the disks and files, and
     * finishes the writer, which reads each image once.
     */
    public static PackageResult write(ComposeSpec spec, PackageWriter w, String descriptorName) throws IOException {
        Map<String, DiskImage> images = new LinkedHashMap<>();
        try {
            for (ComposeSpec.DiskInput d : spec.disks()) {
                if (d.image() == null) {
                    continue;
                }
                try {
                    images.put(d.diskId(), d.raw() ? DiskImages.open(d.image(), true) : DiskImages.open(d.image()));
                } catch (IOException | RuntimeException e) {
                    String[] at = d.place().split(":");
                    int n = at.length;
                    ComposeSpecException x = new ComposeSpecException(String.join(":", java.util.Arrays.copyOf(at, n - 2)),
                            Integer.parseInt(at[n - 2]), Integer.parseInt(at[n - 1]),
                            "cannot read the disk image " + d.image() + ": " + e.getMessage());
                    x.initCause(e);
                    throw x;
                }
            }
            Map<String, Long> capacities = new HashMap<>();
            images.forEach((id, img) -> capacities.put(id, img.capacity()));
            OvfDescriptor d = descriptor(spec, capacities, descriptorName);
            w.descriptor(d, descriptorName);
            for (ComposeSpec.DiskInput disk : spec.disks()) {
                if (disk.image() != null) {
                    w.disk(disk.href(), images.get(disk.diskId()));
                }
            }
            for (ComposeSpec.Item i : spec.items()) {
                if (i.image() != null) {
                    w.file(i.image().getFileName().toString(), i.image());
                }
            }
            return w.finish();
        } finally {
            for (DiskImage i : images.values()) {
                i.close();
            }
        }
    }

    /** Lints the written package against the spec's {@code target:} profiles. */
    public static LintReport lint(ComposeSpec spec, Path written) throws IOException {
        List<TargetProfile> profiles = Targets.builtIn().parse(spec.packaging().target());
        try (OvfPackage pkg = OvfPackage.open(written)) {
            return Linter.lint(pkg, profiles);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The descriptor.

    /**
     * The descriptor of {@code spec}.
     *
     * @param capacities the capacity in bytes of each disk image, by disk id
     * @param sourceName the descriptor's name in messages
     */
    public static OvfDescriptor descriptor(ComposeSpec spec, Map<String, Long> capacities, String sourceName) {
        Envelope env = new Envelope();
        References refs = new References();
        env.children().add(refs);
        for (ComposeSpec.DiskInput d : spec.disks()) {
            if (d.href() != null) {
                refs.children().add(new FileReference(d.fileId(), d.href()));
            }
        }
        for (ComposeSpec.Item i : spec.items()) {
            if (i.image() != null) {
                refs.children().add(new FileReference(i.imageFileId(), i.image().getFileName().toString()));
            }
        }
        if (!spec.disks().isEmpty()) {
            DiskSection ds = new DiskSection();
            ds.setInfo(new Msg("Virtual disk information"));
            for (ComposeSpec.DiskInput d : spec.disks()) {
                ds.getDisks().add(disk(d, capacities));
            }
            env.children().add(ds);
        }
        if (!spec.configurations().isEmpty()) {
            DeploymentOptionSection dos = new DeploymentOptionSection();
            dos.setInfo(new Msg("List of profiles"));
            for (ComposeSpec.Configuration c : spec.configurations().values()) {
                DeploymentOption o = new DeploymentOption(c.id());
                if (c.isDefault()) {
                    o.setDefault(true);
                }
                o.setLabel(new Msg(c.label()));
                o.setDescription(new Msg(c.description()));
                dos.getConfigurations().add(o);
            }
            env.children().add(dos);
        }
        if (!spec.networks().isEmpty()) {
            NetworkSection ns = new NetworkSection();
            ns.setInfo(new Msg("Virtual Networks"));
            for (ComposeSpec.NetworkInfo n : spec.networks().values()) {
                Network net = new Network(n.name());
                net.setDescription(new Msg(n.description() != null ? n.description() : "The " + n.name() + " Network"));
                ns.getNetworks().add(net);
            }
            env.children().add(ns);
        }
        VirtualSystem vs = new VirtualSystem();
        vs.setId(systemId(spec.name()));
        vs.setInfo(new Msg("Virtual System"));
        vs.setName(new Msg(spec.name()));
        vs.children().add(operatingSystem(spec.system()));
        vs.children().add(hardware(spec));
        for (ComposeSpec.Product p : spec.products()) {
            vs.children().add(product(p));
        }
        spec.annotation().ifPresent(a -> {
            AnnotationSection s = new AnnotationSection();
            s.setInfo(new Msg(a.info()));
            s.setAnnotation(new Msg(a.text()));
            vs.children().add(s);
        });
        spec.eula().ifPresent(e -> {
            EulaSection s = new EulaSection();
            s.setInfo(new Msg(e.info()));
            s.setLicense(new Msg(e.text(), "eula"));
            vs.children().add(s);
        });
        spec.ipAssignment().ifPresent(ip -> vs.children().add(ipAssignment(ip)));
        env.children().add(vs);
        return Ovf.create(env, spec.packaging().ovfVersion(), sourceName);
    }

    private static String systemId(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9._-]*") ? name : "vm";
    }

    private static VirtualDisk disk(ComposeSpec.DiskInput d, Map<String, Long> capacities) {
        VirtualDisk disk = new VirtualDisk();
        disk.setDiskId(d.diskId());
        disk.setFormat("http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized");
        if (d.image() == null) {
            disk.setCapacity(Long.toString(d.emptyCapacity()));
            disk.setCapacityAllocationUnits(d.units());
            return disk;
        }
        disk.setFileRef(d.fileId());
        // VMDK capacities are whole sectors: an image of odd size becomes that much larger, its tail zero.
        long bytes = (capacities.get(d.diskId()) + 511) / 512 * 512;
        long factor = ComposeSpec.unitFactor(d.units());
        if (d.units() != null && bytes % factor == 0) {
            disk.setCapacity(Long.toString(bytes / factor));
            disk.setCapacityAllocationUnits(d.units());
        } else {
            // ova-compose truncates; a capacity smaller than the disk would be refused on import, so
            // a size that is not a whole number of the units asked for is given in bytes.
            disk.setCapacity(Long.toString(bytes));
            disk.setCapacityAllocationUnits("byte");
        }
        return disk;
    }

    private static OperatingSystemSection operatingSystem(ComposeSpec.SystemInfo s) {
        OperatingSystemSection os = new OperatingSystemSection();
        os.setInfo(new Msg("Operating System"));
        String vmw = s.osVmw();
        if (vmw != null && vmw.startsWith("vmw.")) {
            // Some of open-vmdk's own examples write the prefix of the enumeration's Java name.
            vmw = vmw.substring(4);
        }
        Integer cim = s.osCim();
        if (cim == null && vmw != null) {
            cim = OsType.cimIdOf(vmw).isPresent() ? OsType.cimIdOf(vmw).getAsInt() : null;
        }
        os.setId(cim != null ? cim : 100);
        os.setVmwOsType(vmw != null ? vmw : "other4xLinux64Guest");
        String description = s.osName();
        if (description == null) {
            description = OsType.cimName(os.getId()).orElse(null);
        }
        if (description != null) {
            os.setDescription(new Msg(description));
        }
        return os;
    }

    private static VirtualHardwareSection hardware(ComposeSpec spec) {
        VirtualHardwareSection hw = new VirtualHardwareSection();
        hw.setInfo(new Msg("Virtual Hardware"));
        Set<String> transports = new LinkedHashSet<>();
        spec.products().forEach(p -> transports.addAll(p.transports()));
        if (!transports.isEmpty()) {
            hw.setTransport(String.join(" ", transports));
        }
        VirtualSystemSettingData sys = new VirtualSystemSettingData();
        sys.setElementName("Virtual Hardware Family");
        sys.setInstanceId("0");
        sys.setVirtualSystemIdentifier(spec.name());
        sys.setVirtualSystemType(spec.system().type());
        hw.setSystem(sys);
        Map<String, ResourceAllocationSettingData> byId = new HashMap<>();
        Map<String, Integer> nextUnit = new HashMap<>();
        int instance = 1;
        for (ComposeSpec.Item i : spec.items()) {
            ResourceAllocationSettingData r = new ResourceAllocationSettingData();
            r.setInstanceId(Integer.toString(instance++));
            r.setElementName(i.id());
            if (i.configuration() != null) {
                r.setConfiguration(i.configuration());
            }
            Map<String, String> config = new TreeMap<>();
            switch (i.type()) {
                case "cpus" -> {
                    type(r, 3, "Virtual CPUs");
                    r.setAllocationUnits("hertz * 10^6");
                    r.setVirtualQuantity(Long.toString(i.quantity()));
                }
                case "memory" -> {
                    type(r, 4, "Virtual Memory");
                    r.setAllocationUnits("byte * 2^20");
                    r.setVirtualQuantity(Long.toString(i.quantity()));
                }
                case "scsi_controller" -> {
                    type(r, 6, "SCSI Controller");
                    r.setResourceSubType(i.subtype());
                }
                case "sata_controller" -> {
                    type(r, 20, "SATA Controller");
                    r.setResourceSubType("vmware.sata.ahci");
                }
                case "nvme_controller" -> {
                    type(r, 20, "NVME Controller");
                    r.setResourceSubType("vmware.nvme.controller");
                }
                case "ide_controller" -> type(r, 5, "IDE Controller");
                case "usb_controller" -> {
                    type(r, 23, "USB Controller");
                    r.setResourceSubType("vmware.usb.ehci");
                    config.put("ehciEnabled", "true");
                }
                case "usb3_controller" -> {
                    type(r, 23, "USB3 Controller");
                    r.setResourceSubType("vmware.usb.xhci");
                }
                case "vmci" -> {
                    type(r, 1, "VMCI");
                    r.setResourceSubType("vmware.vmci");
                }
                case "video_card" -> {
                    type(r, 24, "Video Card");
                    config.put("useAutoDetect", "false");
                    config.put("videoRamSizeInKB", "4096");
                    config.put("enable3DSupport", "false");
                    config.put("use3dRenderer", "automatic");
                    r.setAutomaticAllocation("false");
                }
                case "cd_drive" -> {
                    type(r, 15, "CD Drive");
                    r.setResourceSubType("vmware.cdrom.remotepassthrough");
                    config.put("connectable.allowGuestControl", "true");
                    r.setAutomaticAllocation(Boolean.TRUE.equals(i.connected()) ? "true" : "false");
                    if (i.image() != null) {
                        r.getHostResources().add("ovf:/file/" + i.imageFileId());
                    }
                }
                case "floppy" -> {
                    type(r, 14, "Floppy Drive");
                    config.put("connectable.allowGuestControl", "true");
                    r.setAutomaticAllocation(Boolean.TRUE.equals(i.connected()) ? "true" : "false");
                    if (i.image() != null) {
                        r.getHostResources().add("ovf:/file/" + i.imageFileId());
                    }
                }
                case "hard_disk" -> {
                    type(r, 17, "Hard Disk");
                    r.getHostResources().add("ovf:/disk/" + i.disk().diskId());
                }
                case "ethernet" -> {
                    type(r, 10, "Ethernet Adapter");
                    r.setResourceSubType(i.subtype());
                    r.getConnections().add(spec.networks().get(i.network()).name());
                    config.put("wakeOnLanEnabled", "false");
                    config.put("connectable.allowGuestControl", "true");
                    r.setAutomaticAllocation(Boolean.FALSE.equals(i.connected()) ? "false" : "true");
                }
                default -> throw new IllegalStateException("unknown item type " + i.type());
            }
            if (i.parent() != null) {
                // The parent's InstanceID is filled in below: a controller may come after its devices.
                String key = i.parent();
                int unit = nextUnit.getOrDefault(key, 0);
                ComposeSpec.Item p = spec.items().stream().filter(x -> x.id().equals(key)).findFirst().orElseThrow();
                if (p.type().equals("scsi_controller") && unit == 7) {
                    unit++; // the SCSI controller's own id
                }
                nextUnit.put(key, unit + 1);
                r.setParent(key); // replaced by the InstanceID below
                r.setAddressOnParent(Integer.toString(unit));
            }
            for (Map.Entry<String, String> c : config.entrySet()) {
                VmwConfig vc = new VmwConfig(c.getKey(), c.getValue());
                vc.setRequired(false);
                r.getExtensions().add(vc);
            }
            byId.put(i.id(), r);
            hw.getItems().add(r);
        }
        // Controllers get an Address: their index among controllers of the same kind.
        Map<String, Integer> controllerIndex = new HashMap<>();
        for (ComposeSpec.Item i : spec.items()) {
            if (i.type().endsWith("_controller") && !i.type().startsWith("usb")) {
                int idx = controllerIndex.merge(i.type(), 1, Integer::sum) - 1;
                byId.get(i.id()).setAddress(Integer.toString(idx));
            }
        }
        for (ResourceAllocationSettingData r : hw.getItems()) {
            if (r.getParent() != null) {
                r.setParent(byId.get(r.getParent()).getInstanceId());
            }
        }
        for (ComposeSpec.ExtraConfig x : spec.extraConfigs()) {
            VmwExtraConfig e = new VmwExtraConfig(x.key(), x.value());
            if (x.required() != null) {
                e.setRequired(x.required());
            }
            hw.getExtensions().add(e);
        }
        Map<String, String> settings = new TreeMap<>();
        if (spec.system().defaultConfigs()) {
            settings.putAll(CONFIG_DEFAULTS);
        }
        if (spec.system().firmware() != null) {
            settings.put("firmware", spec.system().firmware());
        }
        if (spec.system().secureBoot() != null) {
            settings.put("bootOptions.efiSecureBootEnabled", spec.system().secureBoot().toString());
        }
        settings.putAll(spec.hardwareConfig());
        for (Map.Entry<String, String> c : settings.entrySet()) {
            VmwConfig vc = new VmwConfig(c.getKey(), c.getValue());
            vc.setRequired(false);
            hw.getExtensions().add(vc);
        }
        return hw;
    }

    private static void type(ResourceAllocationSettingData r, int type, String description) {
        r.setResourceType(Integer.toString(type));
        r.setDescription(description);
    }

    private static ProductSection product(ComposeSpec.Product p) {
        ProductSection s = new ProductSection();
        s.setInfo(new Msg(p.info()));
        if (p.productClass() != null) {
            s.setProductClass(p.productClass());
        }
        if (p.instance() != null) {
            s.setInstance(p.instance());
        }
        if (p.required() != null) {
            s.setRequired(p.required());
        }
        if (p.product() != null) {
            s.setProduct(new Msg(p.product()));
        }
        if (p.vendor() != null) {
            s.setVendor(new Msg(p.vendor()));
        }
        s.setVersion(p.version());
        s.setFullVersion(p.fullVersion());
        if (p.productUrl() != null) {
            s.setProductUrl(p.productUrl());
        }
        s.setVendorUrl(p.vendorUrl());
        for (ComposeSpec.PropertyInfo prop : p.properties()) {
            if (prop.category() == null) {
                s.children().add(property(prop));
            }
        }
        for (Map.Entry<String, String> c : p.categories().entrySet()) {
            List<ComposeSpec.PropertyInfo> in = new ArrayList<>();
            for (ComposeSpec.PropertyInfo prop : p.properties()) {
                if (c.getKey().equals(prop.category())) {
                    in.add(prop);
                }
            }
            s.children().add(new Category(c.getValue()));
            in.forEach(prop -> s.children().add(property(prop)));
        }
        return s;
    }

    private static Property property(ComposeSpec.PropertyInfo p) {
        Property x = new Property(p.key(), p.type());
        if (p.value() != null) {
            x.setValue(p.value());
        }
        if (p.qualifiers() != null) {
            x.setQualifiers(p.qualifiers());
        }
        if (p.userConfigurable()) {
            x.setUserConfigurable(true);
        }
        if (p.password()) {
            x.setPassword(true);
        }
        if (p.label() != null) {
            x.setLabel(new Msg(p.label()));
        }
        if (p.description() != null) {
            x.setDescription(new Msg(p.description()));
        }
        for (Map.Entry<String, String> v : p.configurationValues().entrySet()) {
            x.getValues().add(new PropertyValue(v.getValue(), v.getKey()));
        }
        return x;
    }

    private static Element ipAssignment(ComposeSpec.IpAssignment ip) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element e = doc.createElementNS(Namespaces.VMW, "vmw:IpAssignmentSection");
        e.setAttributeNS(Namespaces.OVF, "ovf:required", "false");
        if (ip.protocols() != null) {
            e.setAttributeNS(Namespaces.VMW, "vmw:protocols", ip.protocols());
        }
        if (ip.schemes() != null) {
            e.setAttributeNS(Namespaces.VMW, "vmw:schemes", ip.schemes());
        }
        Element info = doc.createElementNS(Namespaces.OVF, "ovf:Info");
        info.setTextContent("Supported IP assignment schemes");
        e.appendChild(info);
        return e;
    }
}
