package io.ovfkit.convert;

import io.ovfkit.ova.Member;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ova.PackageForm;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.model.Content;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.StartupSection;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VirtualSystemCollection;
import io.ovfkit.ovf.model.VirtualSystemSettingData;
import io.ovfkit.ovf.model.VmwConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Gathers, once per package, every value a target rule can judge ({@link Observation}s by aspect),
 * reading the descriptor model, the manifest, the member list, the tar headers of a local OVA and
 * the first bytes of each disk file; nothing is extracted.
 */
final class PackageFacts {
    private final List<Observation> observations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PackageFacts() {
    }

    /** The observations of {@code pkg}. */
    static PackageFacts of(OvfPackage pkg) throws IOException {
        PackageFacts f = new PackageFacts();
        f.gather(pkg);
        return f;
    }

    List<Observation> observations(Aspect aspect) {
        return observations.stream().filter(o -> o.aspect() == aspect).toList();
    }

    /** What could not be looked at (a disk that could not be opened, tar headers of a remote OVA). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    private void add(Aspect a, String value, Place place, String subject) {
        add(a, value, place, subject, "");
    }

    private void add(Aspect a, String value, Place place, String subject, String id) {
        observations.add(new Observation(a, value == null ? "" : value, place, subject, id == null ? "" : id));
    }

    private void gather(OvfPackage pkg) throws IOException {
        OvfDescriptor d = pkg.descriptor();
        String descriptorName = d.sourceName() != null ? d.sourceName() : pkg.name();
        DescriptorPositions pos = new DescriptorPositions(d, descriptorName);
        Envelope env = d.envelope();
        Place pkgPlace = Place.of(pkg.name());

        add(Aspect.PACKAGE_FORM, pkg.form() == PackageForm.OVA ? "ova" : "folder", pkgPlace, pkg.name());
        add(Aspect.OVF_VERSION, family(d.version()), pos.of(env), "the envelope (" + d.envelopeNamespace() + ")");
        add(Aspect.DESCRIPTOR_SIZE, Long.toString(pkg.descriptorMember().size()), Place.of(descriptorName),
                "the descriptor");

        sections(env, pos);
        for (VirtualSystem vs : env.virtualSystems()) {
            for (VirtualHardwareSection hw : vs.virtualHardwareSections()) {
                hardware(vs, hw, pos);
            }
        }
        Map<String, String> diskFileIds = disks(env, pos);
        files(pkg, env, pos, diskFileIds);
        manifest(pkg);
        members(pkg);
    }

    private static String family(OvfVersion v) {
        return switch (v.family()) {
            case OVF_0_9 -> "0.9";
            case OVF_1 -> "1";
            case OVF_2 -> "2";
        };
    }

    // ------------------------------------------------------------------------------------------ descriptor

    private void sections(Envelope env, DescriptorPositions pos) {
        env.deploymentOptionSection().ifPresent(s -> add(Aspect.SECTION, "DeploymentOptionSection", pos.of(s),
                "DeploymentOptionSection"));
        Optional<Content> top = env.content();
        if (top.isPresent() && top.get() instanceof VirtualSystemCollection c) {
            add(Aspect.SECTION, "VirtualSystemCollection", pos.of(c), "VirtualSystemCollection \"" + c.getId() + "\"");
        }
        for (StartupSection s : env.sectionsOf(StartupSection.class)) {
            add(Aspect.SECTION, "StartupSection", pos.of(s), "StartupSection");
        }
        List<Content> contents = new ArrayList<>();
        top.ifPresent(c -> collect(c, contents));
        for (Content c : contents) {
            for (StartupSection s : c.sectionsOf(StartupSection.class)) {
                add(Aspect.SECTION, "StartupSection", pos.of(s), "StartupSection");
            }
            for (Element e : c.unknownElements()) {
                unknownSection(c, e, pos);
            }
            if (c instanceof VirtualSystem vs) {
                for (VirtualHardwareSection hw : vs.virtualHardwareSections()) {
                    for (Element e : hw.unknownElements()) {
                        unknownSection(hw, e, pos);
                    }
                }
            }
        }
    }

    private void unknownSection(Object owner, Element e, DescriptorPositions pos) {
        String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        if (name.equals("VirtualSystemOtherConfigurationData")) {
            Place p = pos.of(owner);
            add(Aspect.SECTION, name, p.line() == 0 ? p : pos.child(owner, ownerName(owner), name), name);
        }
    }

    private static String ownerName(Object owner) {
        return owner instanceof VirtualHardwareSection ? "VirtualHardwareSection"
                : owner instanceof VirtualSystemCollection ? "VirtualSystemCollection" : "VirtualSystem";
    }

    private static void collect(Content c, List<Content> out) {
        out.add(c);
        if (c instanceof VirtualSystemCollection vsc) {
            for (Content child : vsc.contents()) {
                collect(child, out);
            }
        }
    }

    private void hardware(VirtualSystem vs, VirtualHardwareSection hw, DescriptorPositions pos) {
        VirtualSystemSettingData sys = hw.getSystem();
        if (sys != null && sys.getVirtualSystemType() != null && !sys.getVirtualSystemType().isBlank()) {
            add(Aspect.SYSTEM_TYPE, sys.getVirtualSystemType().trim(), pos.child(sys, "System", "VirtualSystemType"),
                    "VirtualSystem \"" + vs.getId() + "\"");
        }
        Map<String, DeviceItem> byId = new HashMap<>();
        for (DeviceItem item : hw.devices()) {
            if (item.getInstanceId() != null) {
                byId.put(item.getInstanceId().trim(), item);
            }
        }
        for (DeviceItem item : hw.devices()) {
            String element = item.kind().elementName();
            String id = item.getInstanceId() == null ? "" : item.getInstanceId().trim();
            String subject = element + " " + id
                    + (item.getElementName() == null ? "" : " \"" + item.getElementName() + "\"");
            if (item.kind() != DeviceItem.Kind.ITEM) {
                add(Aspect.ITEM_ELEMENT, element, pos.of(item), subject, id);
            }
            String type = item.getResourceType() == null ? "" : item.getResourceType().trim();
            if (item.isRequired() && !type.isEmpty()) {
                add(Aspect.DEVICE_TYPE, type, pos.child(item, element, "ResourceType"), subject, id);
            }
            String subtype = item.getResourceSubType() == null ? "" : item.getResourceSubType().trim();
            Place subPlace = item.getResourceSubType() == null ? pos.of(item) : pos.child(item, element, "ResourceSubType");
            switch (type) {
                case "4" -> add(Aspect.MEMORY_UNITS, item.getAllocationUnits() == null ? "" : item.getAllocationUnits(),
                        item.getAllocationUnits() == null ? pos.of(item) : pos.child(item, element, "AllocationUnits"),
                        subject, id);
                case "5" -> add(Aspect.IDE_SUBTYPE, subtype, subPlace, subject, id);
                case "6" -> add(Aspect.SCSI_SUBTYPE, subtype, subPlace, subject, id);
                case "20" -> add(Aspect.SATA_SUBTYPE, subtype, subPlace, subject, id);
                case "10" -> add(Aspect.NIC_SUBTYPE, subtype, subPlace, subject, id);
                case "17" -> disk(item, id, element, subject, byId, pos);
                default -> {
                }
            }
        }
        String firmware = "";
        Place fwPlace = pos.of(hw);
        for (VmwConfig c : hw.vmwConfigs()) {
            if ("firmware".equals(c.getKey())) {
                firmware = c.getValue() == null ? "" : c.getValue();
                fwPlace = pos.of(c);
            }
        }
        add(Aspect.FIRMWARE, firmware, fwPlace, "VirtualSystem \"" + vs.getId() + "\"");
    }

    private void disk(DeviceItem item, String id, String element, String subject, Map<String, DeviceItem> byId,
            DescriptorPositions pos) {
        List<String> hrs = item.getHostResources();
        for (int i = 0; i < hrs.size(); i++) {
            String hr = hrs.get(i) == null ? "" : hrs.get(i).trim();
            add(Aspect.HOST_RESOURCE, hr, pos.child(item, element, "HostResource", i), subject, id);
        }
        String parent = item.getParent() == null ? "" : item.getParent().trim();
        DeviceItem controller = byId.get(parent);
        String parentType = controller == null || controller.getResourceType() == null ? ""
                : controller.getResourceType().trim();
        add(Aspect.DISK_CONTROLLER, parentType, item.getParent() == null ? pos.of(item)
                : pos.child(item, element, "Parent"), subject + (controller == null ? " (no parent controller)"
                : " on " + controller.kind().elementName() + " " + controller.getInstanceId()), id);
    }

    /** Disk observations; returns fileRef → diskId of the files that hold disks. */
    private Map<String, String> disks(Envelope env, DescriptorPositions pos) {
        Map<String, String> fileIds = new HashMap<>();
        Optional<DiskSection> ds = env.diskSection();
        if (ds.isEmpty()) {
            return fileIds;
        }
        for (VirtualDisk disk : ds.get().getDisks()) {
            String subject = "Disk \"" + disk.getDiskId() + "\"";
            Place p = pos.of(disk);
            add(Aspect.DISK_FORMAT, disk.getFormat() == null ? "" : disk.getFormat(), p, subject);
            add(Aspect.CAPACITY_UNITS, disk.getCapacityAllocationUnits() == null ? ""
                    : disk.getCapacityAllocationUnits(), p, subject);
            if (disk.getFileRef() != null) {
                fileIds.put(disk.getFileRef(), disk.getDiskId());
            }
        }
        return fileIds;
    }

    private void files(OvfPackage pkg, Envelope env, DescriptorPositions pos, Map<String, String> diskFileIds) {
        List<FileReference> files = env.references().map(References::files).orElse(List.of());
        for (FileReference f : files) {
            String href = f.getHref() == null ? "" : f.getHref();
            String subject = "File \"" + f.getId() + "\" (" + href + ")";
            Place p = pos.of(f);
            String comp = f.getCompression() == null ? "" : f.getCompression().trim().toLowerCase(Locale.ROOT);
            add(Aspect.COMPRESSION, comp.isEmpty() || comp.equals("identity") ? "none" : comp, p, subject, href);
            add(Aspect.FILE_NAME, href, p, subject, href);
            if (diskFileIds.containsKey(f.getId())) {
                add(Aspect.DISK_FILE_NAME, href, p, subject, href);
                payload(pkg, href, subject);
            }
        }
    }

    private void payload(OvfPackage pkg, String href, String subject) {
        byte[] head = new byte[DiskPayloads.HEAD];
        int n;
        try (InputStream in = pkg.openFile(href)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException | PackageException e) {
            notes.add(href + ": the disk's content was not looked at (" + e.getMessage() + ")");
            return;
        }
        add(Aspect.DISK_PAYLOAD, DiskPayloads.classify(head, n), Place.of(display(pkg, href)), subject, href);
    }

    private static String display(OvfPackage pkg, String member) {
        return pkg.form() == PackageForm.OVA ? pkg.name() + "!/" + member : member;
    }

    // ------------------------------------------------------------------------------------------ manifest

    private void manifest(OvfPackage pkg) throws IOException {
        Optional<byte[]> bytes = pkg.manifestBytes();
        if (bytes.isEmpty()) {
            return;
        }
        String name = manifestName(pkg);
        String shown = display(pkg, name);
        add(Aspect.MANIFEST_SIZE, Long.toString(bytes.get().length), Place.of(shown), "the manifest");
        Set<String> listed = new HashSet<>();
        for (ManifestLines.Line l : ManifestLines.parse(bytes.get())) {
            Place p = new Place(shown, l.number(), 1);
            String subject = "manifest line " + l.number();
            add(Aspect.MANIFEST_SYNTAX, l.shape(), p, subject, l.algorithm());
            if (!l.algorithm().isEmpty()) {
                add(Aspect.MANIFEST_ALGORITHM, l.algorithm(), p, subject);
                add(Aspect.MANIFEST_NAME, l.name(), p, subject);
                listed.add(l.name());
            }
        }
        if (pkg.form() == PackageForm.OVA && pkg.randomAccess()) {
            // The descriptor is left out: the report behind the rule is about a data file, and
            // VirtualBox's own test appliance (tdAppliance1-t2) lists only its disk.
            String cert = name.substring(0, name.length() - 3) + ".cert";
            for (Member m : pkg.members()) {
                if (!m.name().equals(name) && !m.name().equals(cert)
                        && !m.name().equals(pkg.descriptorMember().name())) {
                    add(Aspect.MANIFEST_COMPLETE, listed.contains(m.name()) ? "complete" : "missing",
                            Place.of(display(pkg, m.name())), m.name(), m.name());
                }
            }
        }
    }

    private static String manifestName(OvfPackage pkg) {
        String d = pkg.descriptorMember().name();
        String base = d.substring(0, d.length() - 4) + ".mf";
        for (Member m : pkg.members()) {
            if (m.name().equals(base)) {
                return base;
            }
        }
        for (Member m : pkg.members()) {
            if (m.name().toLowerCase(Locale.ROOT).endsWith(".mf")) {
                return m.name();
            }
        }
        return base;
    }

    // ------------------------------------------------------------------------------------------ members

    private void members(OvfPackage pkg) throws IOException {
        if (pkg.form() != PackageForm.OVA) {
            return;
        }
        List<Member> members = pkg.members();
        StringBuilder kinds = new StringBuilder();
        for (Member m : members) {
            String n = m.name().toLowerCase(Locale.ROOT);
            kinds.append(n.endsWith(".ovf") ? 'O' : n.endsWith(".mf") ? 'M' : n.endsWith(".cert") ? 'C' : 'F');
            if (m.name().contains("/")) {
                add(Aspect.TAR_LAYOUT, "folders", Place.of(display(pkg, m.name())), m.name());
            }
        }
        if (!members.isEmpty() && pkg.randomAccess()) {
            add(Aspect.TAR_ORDER, kinds.toString(), Place.of(display(pkg, members.get(0).name())),
                    "member order " + String.join(", ", members.stream().map(Member::name).toList()));
        }
        Path file = localFile(pkg.name());
        if (file == null) {
            notes.add(pkg.name() + ": tar header flavour not checked (not a local, uncompressed OVA)");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (TarHeaders.Header h : TarHeaders.read(file)) {
            if (seen.add(h.flavour())) {
                add(Aspect.TAR_FORMAT, h.flavour(), Place.of(display(pkg, h.name())), h.name());
            }
        }
    }

    private static Path localFile(String name) {
        try {
            Path p = Path.of(name);
            if (!Files.isRegularFile(p)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(p)) {
                int a = in.read();
                int b = in.read();
                if (a == 0x1f && b == 0x8b) {
                    return null;
                }
            }
            return p;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
