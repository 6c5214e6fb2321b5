package io.ovfkit.convert;

import io.ovfkit.ova.Member;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ova.PackageForm;
import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.model.Content;
import io.ovfkit.ovf.model.DeploymentOption;
import io.ovfkit.ovf.model.DeploymentOptionSection;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.ResourceAllocationSettingData;
import io.ovfkit.ovf.model.StartupSection;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VirtualSystemCollection;
import io.ovfkit.ovf.model.VirtualSystemSettingData;
import io.ovfkit.ovf.model.VmwConfig;
import io.ovfkit.ovf.value.Capacity;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The fixes that make an OVF package suit a target that imports OVAs, worked out on a fresh copy
 * of its descriptor: each descriptor edit (through the lossless model, so that only the edited
 * values change), the new name and treatment of each file (copied, decompressed, converted into a
 * streamOptimized VMDK), and the manifest algorithm. Every value written is one the profile's rules
 * take as it is ({@link TargetProfile#preferred}); the candidates below are only the values this
 * class knows how to write, in order of preference.
 */
final class PackageFixes {
    private static final long MIB = 1L << 20;

    /** What happens to one {@code File} of the package. */
    record FileJob(String oldHref, String newHref, boolean disk, boolean convert, long size, String payload) {
    }

    private final OvfPackage pkg;
    private final TargetProfile profile;
    private final String descriptorName;
    private final DescriptorPositions pos;
    private final List<Change> changes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<FileJob> jobs = new ArrayList<>();
    private OvfDescriptor descriptor;
    private String newDescriptorName;
    private DigestAlgorithm manifestAlgorithm;

    private PackageFixes(OvfPackage pkg, TargetProfile profile) {
        this.pkg = pkg;
        this.profile = profile;
        OvfDescriptor original = pkg.descriptor();
        String shown = original.sourceName() != null ? original.sourceName() : pkg.name();
        this.descriptor = Ovf.read(original.originalBytes(), shown);
        this.descriptorName = shown;
        this.pos = new DescriptorPositions(descriptor, shown);
    }

    /** Works out every fix of {@code pkg} for {@code profile}; nothing is written. */
    static PackageFixes of(OvfPackage pkg, TargetProfile profile) throws IOException {
        PackageFixes f = new PackageFixes(pkg, profile);
        f.run();
        return f;
    }

    OvfDescriptor descriptor() {
        return descriptor;
    }

    String descriptorMemberName() {
        return newDescriptorName;
    }

    List<FileJob> jobs() {
        return List.copyOf(jobs);
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    DigestAlgorithm manifestAlgorithm() {
        return manifestAlgorithm;
    }

    private void change(String rule, Place place, String subject, String from, String to, String action) {
        changes.add(new Change(rule, place, subject, from == null ? "" : from, to == null ? "" : to, action));
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }

    // ---------------------------------------------------------------------------------------------

    private void run() throws IOException {
        Envelope env = descriptor.envelope();
        sections(env);
        Set<String> diskFileIds = new HashSet<>();
        env.diskSection().ifPresent(ds -> ds.getDisks().forEach(d -> {
            if (d.getFileRef() != null) {
                diskFileIds.add(d.getFileRef());
            }
        }));
        for (VirtualSystem vs : env.virtualSystems()) {
            for (VirtualHardwareSection hw : vs.virtualHardwareSections()) {
                hardware(vs, hw);
            }
        }
        capacityUnits(env);
        files(env, diskFileIds);
        descriptorName();
        manifest();
        version(env);
    }

    // ------------------------------------------------------------------------------------------ sections

    private void sections(Envelope env) {
        for (StartupSection s : env.sectionsOf(StartupSection.class)) {
            if (!profile.acceptsAsIs(Aspect.SECTION, "StartupSection")) {
                change(Aspect.SECTION.ruleId(), pos.of(s), "StartupSection", "StartupSection", "", "removed");
                env.children().remove(s);
            }
        }
        Optional<DeploymentOptionSection> dos = env.deploymentOptionSection();
        if (dos.isPresent() && !profile.acceptsAsIs(Aspect.SECTION, "DeploymentOptionSection")) {
            deploymentOptions(env, dos.get());
        }
        List<Content> contents = new ArrayList<>();
        env.content().ifPresent(c -> collect(c, contents));
        for (Content c : contents) {
            if (c instanceof VirtualSystemCollection vsc && !profile.acceptsAsIs(Aspect.SECTION, "VirtualSystemCollection")) {
                warnings.add("VirtualSystemCollection \"" + vsc.getId() + "\" is not taken by " + profile.id()
                        + "; retarget cannot split it into single virtual systems (" + pos.of(vsc) + ")");
            }
            for (StartupSection s : c.sectionsOf(StartupSection.class)) {
                if (!profile.acceptsAsIs(Aspect.SECTION, "StartupSection")) {
                    change(Aspect.SECTION.ruleId(), pos.of(s), "StartupSection", "StartupSection", "", "removed");
                    c.children().remove(s);
                }
            }
            for (Element e : c.unknownElements()) {
                if (refusedSection(e)) {
                    change(Aspect.SECTION.ruleId(), pos.of(c), localName(e), localName(e), "", "removed");
                    c.children().remove(e);
                }
            }
            if (c instanceof VirtualSystem vs) {
                for (VirtualHardwareSection hw : vs.virtualHardwareSections()) {
                    for (Element e : hw.unknownElements()) {
                        if (refusedSection(e)) {
                            change(Aspect.SECTION.ruleId(), pos.of(hw), localName(e), localName(e), "", "removed");
                            hw.getExtensions().remove(e);
                        }
                    }
                }
            }
        }
    }

    private boolean refusedSection(Element e) {
        String name = localName(e);
        return name.equals("VirtualSystemOtherConfigurationData") && !profile.acceptsAsIs(Aspect.SECTION, name);
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static void collect(Content c, List<Content> out) {
        out.add(c);
        if (c instanceof VirtualSystemCollection vsc) {
            for (Content child : vsc.contents()) {
                collect(child, out);
            }
        }
    }

    /** Keeps the default configuration: items of other configurations go, the section goes. */
    private void deploymentOptions(Envelope env, DeploymentOptionSection s) {
        String keep = s.defaultConfiguration().or(() -> s.getConfigurations().stream().findFirst())
                .map(DeploymentOption::getId).orElse("");
        change(Aspect.SECTION.ruleId(), pos.of(s), "DeploymentOptionSection", "DeploymentOptionSection", "",
                "removed; the default configuration \"" + keep + "\" is kept");
        for (VirtualSystem vs : env.virtualSystems()) {
            for (VirtualHardwareSection hw : vs.virtualHardwareSections()) {
                for (DeviceItem item : hw.devices()) {
                    String cfg = item.getConfiguration();
                    if (cfg == null || cfg.isBlank()) {
                        continue;
                    }
                    if (List.of(cfg.trim().split("\\s+")).contains(keep)) {
                        change(Aspect.SECTION.ruleId(), pos.of(item), subject(item), cfg, "",
                                "ovf:configuration removed (the item is in the default configuration)");
                        item.setConfiguration(null);
                    } else {
                        change(Aspect.SECTION.ruleId(), pos.of(item), subject(item), cfg, "",
                                "removed (not in the default configuration)");
                        remove(hw, item);
                    }
                }
            }
        }
        env.children().remove(s);
    }

    private static void remove(VirtualHardwareSection hw, DeviceItem item) {
        hw.getItems().remove(item);
        hw.getStorageItems().remove(item);
        hw.getEthernetPortItems().remove(item);
    }

    // ------------------------------------------------------------------------------------------ hardware

    private static String subject(DeviceItem item) {
        return item.kind().elementName() + " " + nz(item.getInstanceId())
                + (item.getElementName() == null ? "" : " \"" + item.getElementName() + "\"");
    }

    private void hardware(VirtualSystem vs, VirtualHardwareSection hw) {
        Map<String, DeviceItem> byId = new HashMap<>();
        for (DeviceItem item : hw.devices()) {
            if (item.getInstanceId() != null) {
                byId.put(item.getInstanceId().trim(), item);
            }
        }
        for (DeviceItem item : hw.devices()) {
            if (nz(item.getResourceType()).equals("17")) {
                diskItem(item, byId);
            }
        }
        for (DeviceItem item : hw.devices()) {
            String type = nz(item.getResourceType());
            String element = item.kind().elementName();
            if (item.isRequired() && !type.isEmpty() && !profile.acceptsAsIs(Aspect.DEVICE_TYPE, type)) {
                change(Aspect.DEVICE_TYPE.ruleId(), pos.child(item, element, "ResourceType"), subject(item), "true",
                        "false", "set ovf:required (the target cannot use ResourceType " + type + ")");
                item.setRequired(false);
            }
            switch (type) {
                case "4" -> memory(item);
                case "5" -> subtype(item, Aspect.IDE_SUBTYPE, List.of("", "PIIX4", "PIIX3"));
                case "6" -> subtype(item, Aspect.SCSI_SUBTYPE, pvscsi(item)
                        ? List.of("VirtualSCSI", "lsilogic", "lsilogicsas", "")
                        : List.of("lsilogic", "lsilogicsas", "", "VirtualSCSI"));
                case "20" -> subtype(item, Aspect.SATA_SUBTYPE, nz(item.getResourceSubType()).toLowerCase(Locale.ROOT)
                        .contains("nvme") ? List.of("vmware.nvme.controller", "NVMe", "")
                        : List.of("vmware.sata.ahci", "AHCI", ""));
                case "10" -> subtype(item, Aspect.NIC_SUBTYPE, nz(item.getResourceSubType()).toLowerCase(Locale.ROOT)
                        .contains("virtio") ? List.of("virtio", "E1000", "e1000e", "VmxNet3")
                        : List.of("E1000", "e1000e", "VmxNet3", "virtio"));
                default -> {
                }
            }
        }
        systemType(vs, hw);
        firmware(vs, hw);
        itemElements(hw);
    }

    private static boolean pvscsi(DeviceItem item) {
        String s = nz(item.getResourceSubType()).toLowerCase(Locale.ROOT);
        return s.equals("virtualscsi") || s.equals("pvscsi");
    }

    private void subtype(DeviceItem item, Aspect aspect, List<String> candidates) {
        String now = nz(item.getResourceSubType());
        if (profile.acceptsAsIs(aspect, now)) {
            return;
        }
        Place place = item.getResourceSubType() == null ? pos.of(item)
                : pos.child(item, item.kind().elementName(), "ResourceSubType");
        Optional<String> to = profile.preferred(aspect, candidates);
        if (to.isEmpty()) {
            warnings.add(place + ": " + subject(item) + ": no ResourceSubType that " + profile.id()
                    + " takes is known to retarget (" + aspect.ruleId() + ")");
            return;
        }
        change(aspect.ruleId(), place, subject(item), now, to.get(), to.get().isEmpty() ? "removed rasd:ResourceSubType"
                : "set rasd:ResourceSubType");
        item.setResourceSubType(to.get().isEmpty() ? null : to.get());
    }

    private void memory(DeviceItem item) {
        String units = item.getAllocationUnits() == null ? "" : item.getAllocationUnits();
        if (profile.acceptsAsIs(Aspect.MEMORY_UNITS, units)) {
            return;
        }
        Place place = item.getAllocationUnits() == null ? pos.of(item)
                : pos.child(item, item.kind().elementName(), "AllocationUnits");
        String qty = nz(item.getVirtualQuantity());
        long mib;
        try {
            if (units.isBlank()) {
                mib = Long.parseLong(qty); // importers read a bare quantity as MiB
            } else {
                OptionalLong bytes = Capacity.parse(qty, units).bytes();
                if (bytes.isEmpty()) {
                    throw new IllegalArgumentException("not a number of bytes");
                }
                mib = (bytes.getAsLong() + MIB - 1) / MIB;
            }
        } catch (IllegalArgumentException e) {
            warnings.add(place + ": memory " + qty + " \"" + units + "\" cannot be read (" + e.getMessage()
                    + "); its units were left as they are");
            return;
        }
        Optional<String> to = profile.preferred(Aspect.MEMORY_UNITS, List.of("byte * 2^20", "MegaBytes", "MB"));
        if (to.isEmpty()) {
            warnings.add(place + ": no memory units that " + profile.id() + " takes are known to retarget");
            return;
        }
        change(Aspect.MEMORY_UNITS.ruleId(), place, subject(item), units + " (" + qty + ")",
                to.get() + " (" + mib + ")", "set rasd:AllocationUnits and rasd:VirtualQuantity");
        item.setAllocationUnits(to.get());
        item.setVirtualQuantity(Long.toString(mib));
    }

    private void diskItem(DeviceItem item, Map<String, DeviceItem> byId) {
        String element = item.kind().elementName();
        List<String> hrs = item.getHostResources();
        for (int i = 0; i < hrs.size(); i++) {
            String hr = nz(hrs.get(i));
            if (profile.acceptsAsIs(Aspect.HOST_RESOURCE, hr)) {
                continue;
            }
            String[] kindAndId = hostResource(hr);
            Place place = pos.child(item, element, "HostResource", i);
            if (kindAndId == null) {
                warnings.add(place + ": HostResource \"" + hr + "\" names no disk or file; left as it is");
                continue;
            }
            String k = kindAndId[0];
            String id = kindAndId[1];
            Optional<String> to = profile.preferred(Aspect.HOST_RESOURCE,
                    List.of("ovf:/" + k + "/" + id, "/" + k + "/" + id, "ovf:" + k + "/" + id));
            if (to.isPresent()) {
                change(Aspect.HOST_RESOURCE.ruleId(), place, subject(item), hr, to.get(), "set rasd:HostResource");
                hrs.set(i, to.get());
            }
        }
        DeviceItem controller = byId.get(nz(item.getParent()));
        if (controller == null) {
            return;
        }
        String type = nz(controller.getResourceType());
        if (profile.acceptsAsIs(Aspect.DISK_CONTROLLER, type)) {
            return;
        }
        Optional<String> to = profile.preferred(Aspect.DISK_CONTROLLER, List.of("6", "5", "20"));
        if (to.isEmpty()) {
            return;
        }
        change(Aspect.DISK_CONTROLLER.ruleId(), pos.child(controller, controller.kind().elementName(), "ResourceType"),
                subject(controller), type, to.get(), "set rasd:ResourceType (the controller of " + subject(item) + ")");
        controller.setResourceType(to.get());
        controller.setResourceSubType(null); // the subtype pass picks one the target takes
    }

    /** {@code [kind, id]} of {@code ovf:/disk/ID}, {@code ovf://disk/ID}, {@code /disk/ID}, {@code ovf:disk/ID}. */
    static String[] hostResource(String hr) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:ovf:)?/*(disk|file)/(.+)$").matcher(hr);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    private void systemType(VirtualSystem vs, VirtualHardwareSection hw) {
        VirtualSystemSettingData sys = hw.getSystem();
        if (sys == null || sys.getVirtualSystemType() == null || sys.getVirtualSystemType().isBlank()) {
            return;
        }
        String now = sys.getVirtualSystemType().trim();
        if (profile.acceptsAsIs(Aspect.SYSTEM_TYPE, now)) {
            return;
        }
        int needed = neededVmx(hw);
        List<String> candidates = new ArrayList<>();
        int[] families = {4, 7, 8, 9, 10, 11, 13, 14, 15, 17, 18, 19, 20, 21};
        for (int f : families) {
            if (f >= needed) {
                candidates.add(String.format(Locale.ROOT, "vmx-%02d", f));
            }
        }
        for (int i = families.length - 1; i >= 0; i--) {
            if (families[i] < needed) {
                candidates.add(String.format(Locale.ROOT, "vmx-%02d", families[i]));
            }
        }
        candidates.addAll(List.of("virtualbox-2.2", "xen-3.0-x86_64", "hvm-3.0-unknown"));
        Place place = pos.child(sys, "System", "VirtualSystemType");
        Optional<String> to = profile.preferred(Aspect.SYSTEM_TYPE, candidates);
        if (to.isEmpty()) {
            warnings.add(place + ": no VirtualSystemType that " + profile.id() + " takes is known to retarget");
            return;
        }
        change(Aspect.SYSTEM_TYPE.ruleId(), place, "VirtualSystem \"" + vs.getId() + "\"", now, to.get(),
                "set vssd:VirtualSystemType");
        sys.setVirtualSystemType(to.get());
    }

    /** The lowest VMware hardware family with the devices used (SATA 10, NVMe 13, E1000e and EFI 8), else 7. */
    private static int neededVmx(VirtualHardwareSection hw) {
        int n = 7;
        for (DeviceItem item : hw.devices()) {
            String type = nz(item.getResourceType());
            String sub = nz(item.getResourceSubType()).toLowerCase(Locale.ROOT);
            if (type.equals("20")) {
                n = Math.max(n, sub.contains("nvme") ? 13 : 10);
            } else if (type.equals("10") && sub.equals("e1000e")) {
                n = Math.max(n, 8);
            }
        }
        for (VmwConfig c : hw.vmwConfigs()) {
            if ("firmware".equals(c.getKey()) && "efi".equalsIgnoreCase(nz(c.getValue()))) {
                n = Math.max(n, 8);
            }
        }
        return n;
    }

    private void firmware(VirtualSystem vs, VirtualHardwareSection hw) {
        String fw = "";
        Place place = pos.of(hw);
        for (VmwConfig c : hw.vmwConfigs()) {
            if ("firmware".equals(c.getKey())) {
                fw = nz(c.getValue());
                place = pos.of(c);
            }
        }
        if (!profile.acceptsAsIs(Aspect.FIRMWARE, fw)) {
            warnings.add(place + ": VirtualSystem \"" + vs.getId() + "\": firmware \"" + fw + "\" is not taken as it is"
                    + " by " + profile.id() + "; only the guest's owner can change it (FIRMWARE)");
        }
    }

    /** OVF 2 {@code StorageItem}s and {@code EthernetPortItem}s become {@code Item}s when the target wants them. */
    private void itemElements(VirtualHardwareSection hw) {
        boolean toOne = !profile.acceptsAsIs(Aspect.OVF_VERSION, family(descriptor.version()))
                && profile.preferred(Aspect.OVF_VERSION, List.of("1", "2")).orElse("").equals("1");
        for (DeviceItem item : hw.devices()) {
            if (item.kind() == DeviceItem.Kind.ITEM) {
                continue;
            }
            if (!toOne && profile.acceptsAsIs(Aspect.ITEM_ELEMENT, item.kind().elementName())) {
                continue;
            }
            ResourceAllocationSettingData r = new ResourceAllocationSettingData();
            copy(item, r);
            int at = hw.getItems().size();
            remove(hw, item);
            hw.getItems().add(at, r);
            change(Aspect.ITEM_ELEMENT.ruleId(), pos.of(item), subject(item), item.kind().elementName(), "Item",
                    "rewritten as an Item");
        }
    }

    private static void copy(DeviceItem from, DeviceItem to) {
        to.setInstanceId(from.getInstanceId());
        to.setElementName(from.getElementName());
        to.setDescription(from.getDescription());
        to.setCaption(from.getCaption());
        to.setResourceType(from.getResourceType());
        to.setResourceSubType(from.getResourceSubType());
        to.setOtherResourceType(from.getOtherResourceType());
        to.setParent(from.getParent());
        to.setAddressOnParent(from.getAddressOnParent());
        to.setAddress(from.getAddress());
        to.getHostResources().addAll(from.getHostResources());
        to.getConnections().addAll(from.getConnections());
        to.setVirtualQuantity(from.getVirtualQuantity());
        to.setAllocationUnits(from.getAllocationUnits());
        to.setReservation(from.getReservation());
        to.setLimit(from.getLimit());
        to.setWeight(from.getWeight());
        to.setAutomaticAllocation(from.getAutomaticAllocation());
        to.setConfiguration(from.getConfiguration());
        to.setBound(from.getBound());
        to.setRequired(from.getRequired());
        to.getOtherAttributes().putAll(from.getOtherAttributes());
    }

    // ------------------------------------------------------------------------------------------ disks, files

    private void capacityUnits(Envelope env) {
        if (env.diskSection().isEmpty()) {
            return;
        }
        for (VirtualDisk d : env.diskSection().get().getDisks()) {
            String units = d.getCapacityAllocationUnits() == null ? "" : d.getCapacityAllocationUnits();
            if (profile.acceptsAsIs(Aspect.CAPACITY_UNITS, units)) {
                continue;
            }
            Place place = pos.of(d);
            OptionalLong bytes;
            try {
                bytes = Capacity.parse(d.getCapacity(), d.getCapacityAllocationUnits()).bytes();
            } catch (IllegalArgumentException e) {
                bytes = OptionalLong.empty();
            }
            if (bytes.isEmpty()) {
                warnings.add(place + ": Disk \"" + d.getDiskId() + "\": capacity \"" + d.getCapacity() + "\" \"" + units
                        + "\" cannot be read; left as it is");
                continue;
            }
            long b = bytes.getAsLong();
            List<String> candidates = b % MIB == 0 ? List.of("byte * 2^20", "", "byte * 2^0") : List.of("", "byte * 2^0");
            Optional<String> to = profile.preferred(Aspect.CAPACITY_UNITS, candidates);
            if (to.isEmpty()) {
                continue;
            }
            String cap = to.get().equals("byte * 2^20") ? Long.toString(b / MIB) : Long.toString(b);
            change(Aspect.CAPACITY_UNITS.ruleId(), place, "Disk \"" + d.getDiskId() + "\"", units + " (" + d.getCapacity()
                    + ")", to.get() + " (" + cap + ")", "set ovf:capacityAllocationUnits and ovf:capacity");
            d.setCapacity(cap);
            d.setCapacityAllocationUnits(to.get().isEmpty() ? null : to.get());
        }
    }

    private void files(Envelope env, Set<String> diskFileIds) throws IOException {
        List<FileReference> files = env.references().map(References::files).orElse(List.of());
        Set<String> names = new HashSet<>();
        Map<String, List<VirtualDisk>> disksOf = new LinkedHashMap<>();
        env.diskSection().ifPresent(ds -> ds.getDisks().forEach(d -> {
            if (d.getFileRef() != null) {
                disksOf.computeIfAbsent(d.getFileRef(), k -> new ArrayList<>()).add(d);
            }
        }));
        Set<String> referenced = new HashSet<>();
        for (FileReference f : files) {
            String href = f.getHref() == null ? "" : f.getHref();
            referenced.add(href);
            if (href.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                continue; // outside the package; the writer warns
            }
            Place place = pos.of(f);
            String subject = "File \"" + f.getId() + "\" (" + href + ")";
            String comp = nz(f.getCompression()).toLowerCase(Locale.ROOT);
            boolean compressed = !comp.isEmpty() && !comp.equals("identity");
            boolean chunked = f.getChunkSize() != null;
            boolean disk = diskFileIds.contains(f.getId());
            String payload = disk ? payload(href) : "";
            List<VirtualDisk> disks = disksOf.getOrDefault(f.getId(), List.of());
            boolean convert = false;
            if (disk) {
                boolean formatOk = disks.stream().allMatch(d -> profile.acceptsAsIs(Aspect.DISK_FORMAT, nz(d.getFormat())));
                convert = !profile.acceptsAsIs(Aspect.DISK_PAYLOAD, payload)
                        || (!payload.equals("vmdk-streamOptimized") && !formatOk);
                if (convert) {
                    change(Aspect.DISK_PAYLOAD.ruleId(), Place.of(display(href)), subject, payload,
                            "vmdk-streamOptimized", "converted on the fly");
                } else if (payload.equals("vmdk-streamOptimized") && !formatOk) {
                    for (VirtualDisk d : disks) {
                        change(Aspect.DISK_FORMAT.ruleId(), pos.of(d), "Disk \"" + d.getDiskId() + "\"",
                                nz(d.getFormat()), BuiltInTargets.STREAM_OPTIMIZED, "set ovf:format");
                        d.setFormat(BuiltInTargets.STREAM_OPTIMIZED);
                    }
                }
            }
            if (compressed) {
                change(Aspect.COMPRESSION.ruleId(), place, subject, comp, "", "decompressed (stored plain)");
                f.setCompression(null);
            }
            if (f.getChunkSize() != null) {
                change("REPACK", place, subject, Long.toString(f.getChunkSize()), "", "chunks joined into one member");
                f.setChunkSize(null);
            }
            String name = newName(href, compressed, disk && (convert || payload.startsWith("vmdk")), disk);
            name = unique(name, names);
            if (!name.equals(href)) {
                change(Aspect.FILE_NAME.ruleId(), place, subject, href, name, "renamed");
                f.setHref(name);
            }
            long size = -1;
            if (!compressed && !chunked && !convert) {
                Optional<Member> m = memberOf(href);
                size = m.map(Member::size).orElse(-1L);
            }
            jobs.add(new FileJob(href, name, disk, convert, size, payload));
        }
        if (pkg.form() == PackageForm.OVA && pkg.randomAccess()) {
            String base = pkg.descriptorMember().name();
            String stem = base.substring(0, base.length() - 4);
            for (Member m : pkg.members()) {
                String n = m.name();
                if (n.equals(base) || n.equals(stem + ".mf") || n.equals(stem + ".cert") || referenced.contains(n)
                        || isChunkOf(n, referenced)) {
                    continue;
                }
                if (n.toLowerCase(Locale.ROOT).endsWith(".mf") || n.toLowerCase(Locale.ROOT).endsWith(".cert")) {
                    continue;
                }
                change("REPACK", Place.of(display(n)), n, n, "", "left out (no File of the descriptor names it)");
            }
        }
        if (pkg.certificate().isPresent()) {
            warnings.add("the package's signature (" + stemName() + ".cert) no longer matches after retarget and is"
                    + " dropped" + " (give a key to sign the new manifest)");
        }
    }

    private String stemName() {
        String base = pkg.descriptorMember().name();
        return base.substring(0, base.length() - 4);
    }

    private static boolean isChunkOf(String member, Set<String> hrefs) {
        int dot = member.lastIndexOf('.');
        return dot > 0 && member.substring(dot + 1).matches("\\d{9}") && hrefs.contains(member.substring(0, dot));
    }

    private Optional<Member> memberOf(String href) {
        try {
            return pkg.member(href);
        } catch (IOException | PackageException e) {
            return Optional.empty();
        }
    }

    private String payload(String href) {
        byte[] head = new byte[DiskPayloads.HEAD];
        try (InputStream in = pkg.openFile(href)) {
            int n = in.readNBytes(head, 0, head.length);
            return DiskPayloads.classify(head, n);
        } catch (IOException | PackageException e) {
            throw new RetargetException(display(href), "cannot read the disk: " + e.getMessage(), e);
        }
    }

    private String display(String member) {
        return pkg.form() == PackageForm.OVA ? pkg.name() + "!/" + member : member;
    }

    /** A name the target takes: no {@code .gz} when decompressed, {@code .vmdk} for VMDK disks, safe characters. */
    private String newName(String href, boolean decompressed, boolean vmdk, boolean disk) {
        String n = href;
        if (decompressed && n.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (vmdk && !n.toLowerCase(Locale.ROOT).endsWith(".vmdk")) {
            int slash = n.lastIndexOf('/');
            int dot = n.lastIndexOf('.');
            n = (dot > slash + 1 ? n.substring(0, dot) : n) + ".vmdk";
        }
        if (!nameOk(n, disk)) {
            String safe = n.replace('/', '-').replaceAll("[^A-Za-z0-9._+=-]", "_");
            if (nameOk(safe, disk)) {
                n = safe;
            }
        }
        return n;
    }

    private boolean nameOk(String n, boolean disk) {
        return profile.acceptsAsIs(Aspect.FILE_NAME, n) && (!disk || profile.acceptsAsIs(Aspect.DISK_FILE_NAME, n))
                && profile.acceptsAsIs(Aspect.MANIFEST_NAME, n) && (!n.contains("/") || profile.rules(Aspect.TAR_LAYOUT)
                .isEmpty());
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n.toLowerCase(Locale.ROOT)); i++) {
            int dot = name.lastIndexOf('.');
            n = dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i;
        }
        return n;
    }

    private void descriptorName() {
        String base = pkg.descriptorMember().name();
        String n = base.substring(base.lastIndexOf('/') + 1);
        if (!profile.acceptsAsIs(Aspect.FILE_NAME, n) || n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 96) {
            String safe = n.substring(0, n.length() - 4).replaceAll("[^A-Za-z0-9._+=-]", "_");
            if (safe.length() > 90) {
                safe = safe.substring(0, 90);
            }
            n = safe + ".ovf";
        }
        newDescriptorName = n;
        if (!n.equals(base)) {
            change("REPACK", Place.of(display(base)), "the descriptor", base, n, "renamed");
        }
    }

    // ------------------------------------------------------------------------------------------ manifest, version

    private void manifest() throws IOException {
        DigestAlgorithm preferred = profile.manifestAlgorithm().orElse(DigestAlgorithm.SHA256);
        List<String> candidates = new ArrayList<>();
        candidates.add(preferred.manifestName());
        for (DigestAlgorithm a : List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1, DigestAlgorithm.SHA512)) {
            if (!candidates.contains(a.manifestName())) {
                candidates.add(a.manifestName());
            }
        }
        String chosen = profile.preferred(Aspect.MANIFEST_ALGORITHM, candidates).orElse(preferred.manifestName());
        manifestAlgorithm = DigestAlgorithm.parse(chosen);
        Optional<byte[]> old = pkg.manifestBytes();
        String stem = stemName();
        if (old.isEmpty()) {
            change(Aspect.MANIFEST_ALGORITHM.ruleId(), Place.of(display(stem + ".mf")), "the manifest", "",
                    chosen, "written");
            return;
        }
        Set<String> algorithms = new java.util.LinkedHashSet<>();
        Set<String> shapes = new java.util.LinkedHashSet<>();
        for (ManifestLines.Line l : ManifestLines.parse(old.get())) {
            if (!l.algorithm().isEmpty()) {
                algorithms.add(l.algorithm());
            }
            shapes.add(l.shape());
        }
        Place place = Place.of(display(stem + ".mf"));
        if (!algorithms.equals(Set.of(chosen))) {
            change(Aspect.MANIFEST_ALGORITHM.ruleId(), place, "the manifest", String.join(",", algorithms), chosen,
                    "digests computed anew");
        }
        if (!shapes.equals(Set.of("ALG(f)= h"))) {
            change(Aspect.MANIFEST_SYNTAX.ruleId(), place, "the manifest", String.join(",", shapes), "ALG(f)= h",
                    "lines rewritten");
        }
    }

    private static String family(OvfVersion v) {
        return switch (v.family()) {
            case OVF_0_9 -> "0.9";
            case OVF_1 -> "1";
            case OVF_2 -> "2";
        };
    }

    private void version(Envelope env) {
        String fam = family(descriptor.version());
        if (profile.acceptsAsIs(Aspect.OVF_VERSION, fam)) {
            return;
        }
        Optional<String> to = profile.preferred(Aspect.OVF_VERSION, List.of("1", "2"));
        if (to.isEmpty()) {
            warnings.add(descriptorName + ": no OVF version that " + profile.id() + " takes can be written");
            return;
        }
        OvfVersion target = to.get().equals("1") ? OvfVersion.V1_0 : OvfVersion.V2_0;
        change(Aspect.OVF_VERSION.ruleId(), pos.of(env), "the envelope", descriptor.version().toString(),
                target.toString(), "converted");
        OvfDescriptor converted = descriptor.convert(target, true);
        for (Diagnostic d : converted.readDiagnostics()) {
            if (d.severity() == Severity.WARNING || d.severity() == Severity.ERROR) {
                changes.add(new Change(Aspect.OVF_VERSION.ruleId(), new Place(descriptorName, d.line(), d.column()),
                        "the envelope", "", "", d.message()));
            }
        }
        descriptor = converted;
    }
}
