package io.ovfkit.ovf.edit;

import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.AnnotationSection;
import io.ovfkit.ovf.model.Content;
import io.ovfkit.ovf.model.DeploymentOption;
import io.ovfkit.ovf.model.DeploymentOptionSection;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.EulaSection;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Network;
import io.ovfkit.ovf.model.NetworkSection;
import io.ovfkit.ovf.model.OvfJaxb;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.PropertyValue;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.ResourceAllocationSettingData;
import io.ovfkit.ovf.model.Section;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VirtualSystemSettingData;
import io.ovfkit.ovf.model.VmwConfig;
import io.ovfkit.ovf.model.VmwCoresPerSocket;
import io.ovfkit.ovf.value.AllocationUnits;
import io.ovfkit.ovf.value.PropertyType;
import io.ovfkit.ovf.value.Qualifiers;
import io.ovfkit.ovf.value.ResourceType;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;

/**
 * Edits an {@link OvfDescriptor} the way people who maintain appliances change them: hardware
 * (CPUs, memory, NICs, networks, disks, controllers, firmware), product texts, properties,
 * deployment options and file references. Every method changes the descriptor's live model, so
 * {@link OvfDescriptor#toBytes()} then rewrites only the edited elements and attributes; the rest
 * of the text stays byte for byte.
 *
 * <p>Edits apply to one virtual system: the first one, unless {@link #virtualSystem(String)} picks
 * another. Hardware and property edits apply to every deployment option unless
 * {@link #configuration(String)} scopes them to one: a hardware item shared by all options is then
 * copied into an item for that option (same {@code InstanceID}, {@code ovf:configuration} set), and
 * a property gets a {@code Value} for that option.
 *
 * <p>Every method checks its arguments before changing anything and throws
 * {@link IllegalArgumentException} with a message that quotes the bad value and says what was
 * expected; an edit that fails leaves the model as it was. Not thread-safe, like the descriptor it
 * edits: confine both to one thread.
 */
public final class DescriptorEditor {
    /** NIC models accepted by {@link #nicType(String)}, in the spelling written. */
    public static final List<String> NIC_TYPES = List.of("E1000", "E1000e", "PCNet32", "VmxNet", "VmxNet2", "VmxNet3",
            "virtio");
    /** Controller kinds accepted by {@link #addDisk}. */
    public static final List<String> CONTROLLERS = List.of("scsi", "sata", "ide", "nvme");
    /** Environment transports accepted by {@link #transport(List)}. */
    public static final List<String> TRANSPORTS = List.of("iso", "com.vmware.guestInfo");

    private static final Pattern SYSTEM_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]*([ ,]+[A-Za-z0-9][A-Za-z0-9:._-]*)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]*");
    private static final String MIB_UNITS = "byte * 2^20";
    /** ovftool's labels of the processor and memory items, which state the amount. */
    private static final Pattern CPU_LABEL = Pattern.compile("\\d+ virtual CPU\\(s\\)");
    private static final Pattern MEMORY_LABEL = Pattern.compile("\\d+ ?MB of memory");

    private final OvfDescriptor descriptor;
    private final Envelope envelope;
    private VirtualSystem system;
    private String configuration;

    private DescriptorEditor(OvfDescriptor descriptor) {
        this.descriptor = descriptor;
        this.envelope = descriptor.envelope();
        List<VirtualSystem> systems = envelope.virtualSystems();
        this.system = systems.isEmpty() ? null : systems.get(0);
    }

    /**
     * An editor of {@code descriptor}'s live model.
     *
     * @param descriptor the descriptor to edit
     * @return the editor, acting on the first virtual system and on every deployment option
     */
    public static DescriptorEditor of(OvfDescriptor descriptor) {
        return new DescriptorEditor(Objects.requireNonNull(descriptor, "descriptor"));
    }

    /** The descriptor being edited. */
    public OvfDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Makes later edits act on the virtual system with {@code ovf:id} {@code id}.
     *
     * @throws IllegalArgumentException if there is no such virtual system
     */
    public DescriptorEditor virtualSystem(String id) {
        system = envelope.virtualSystems().stream().filter(v -> id.equals(v.getId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no virtual system has the id " + quote(id)
                        + "; the package has " + envelope.virtualSystems().stream().map(v -> quote(v.getId()))
                        .collect(Collectors.joining(", "))));
        return this;
    }

    /**
     * Scopes later hardware and property edits to the deployment option {@code id}; {@code null}
     * makes them apply to every option again.
     *
     * @throws IllegalArgumentException if the descriptor has no such deployment option
     */
    public DescriptorEditor configuration(String id) {
        if (id != null && option(id).isEmpty()) {
            throw new IllegalArgumentException("no deployment option " + quote(id) + "; " + knownOptions());
        }
        configuration = id;
        return this;
    }

    // =============================================================================================
    // Hardware

    /**
     * Sets the number of virtual CPUs ({@code VirtualQuantity} of the processor items).
     *
     * @param count 1 or more
     */
    public DescriptorEditor cpus(int count) {
        positive(count, "CPU count");
        List<ResourceAllocationSettingData> items = scopedItems(ResourceType.PROCESSOR, "processor");
        for (ResourceAllocationSettingData item : items) {
            item.setVirtualQuantity(Integer.toString(count));
            relabel(item, CPU_LABEL, count + " virtual CPU(s)");
        }
        return this;
    }

    /** Rewrites an {@code ElementName} that states the old amount in the producer's usual words. */
    private static void relabel(ResourceAllocationSettingData item, Pattern usual, String label) {
        if (item.getElementName() != null && usual.matcher(item.getElementName().trim()).matches()) {
            item.setElementName(label);
        }
    }

    /**
     * Sets VMware's cores per socket ({@code vmw:CoresPerSocket} in the processor items, marked
     * {@code ovf:required="false"} so that other importers may ignore it).
     *
     * @param cores 1 or more; must divide the CPU count of every processor item edited
     */
    public DescriptorEditor coresPerSocket(int cores) {
        positive(cores, "cores per socket");
        List<ResourceAllocationSettingData> items = scopedItems(ResourceType.PROCESSOR, "processor");
        for (ResourceAllocationSettingData item : items) {
            BigInteger cpus = wholeNumber(item.getVirtualQuantity());
            if (cpus != null && cpus.signum() > 0 && cpus.mod(BigInteger.valueOf(cores)).signum() != 0) {
                throw new IllegalArgumentException(cores + " cores per socket do not divide the " + cpus
                        + " CPUs of item " + item.getInstanceId() + configurationText(item));
            }
        }
        for (ResourceAllocationSettingData item : items) {
            VmwCoresPerSocket existing = item.getExtensions().stream().filter(VmwCoresPerSocket.class::isInstance)
                    .map(VmwCoresPerSocket.class::cast).findFirst().orElse(null);
            if (existing != null) {
                existing.setValue(Integer.toString(cores));
            } else {
                VmwCoresPerSocket c = new VmwCoresPerSocket(Integer.toString(cores));
                c.setRequired(false);
                item.getExtensions().add(c);
            }
        }
        return this;
    }

    /**
     * Sets the memory size. It is written in the units the item already uses when the size is a
     * whole number of them, else in MiB ({@code byte * 2^20}).
     *
     * @param bytes a positive whole number of MiB
     */
    public DescriptorEditor memory(long bytes) {
        if (bytes <= 0 || bytes % (1L << 20) != 0) {
            throw new IllegalArgumentException("memory of " + bytes + " bytes is not a positive whole number of MiB");
        }
        for (ResourceAllocationSettingData item : scopedItems(ResourceType.MEMORY, "memory")) {
            AllocationUnits units = null;
            try {
                String text = item.getAllocationUnits();
                units = text == null || text.isBlank() ? null : AllocationUnits.parse(text);
            } catch (IllegalArgumentException e) {
                units = null;
            }
            BigInteger size = BigInteger.valueOf(bytes);
            relabel(item, MEMORY_LABEL, (bytes >> 20) + "MB of memory");
            if (units != null && units.isBytes() && size.mod(units.multiplier()).signum() == 0) {
                item.setVirtualQuantity(size.divide(units.multiplier()).toString());
            } else {
                item.setAllocationUnits(MIB_UNITS);
                item.setVirtualQuantity(Long.toString(bytes >> 20));
            }
        }
        return this;
    }

    /**
     * Sets the number of network adapters: adapters are removed from the end, or added as copies
     * of the last one (next {@code InstanceID} and slot, no MAC address, the same network).
     *
     * @param count 0 or more; adding needs an adapter to copy
     */
    public DescriptorEditor nicCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("NIC count " + count + " is negative");
        }
        VirtualHardwareSection vhs = hardware();
        List<ResourceAllocationSettingData> nics = nics();
        if (count > nics.size() && nics.isEmpty()) {
            throw new IllegalArgumentException("the virtual system has no network adapter to copy; add one first");
        }
        if (count < nics.size()) {
            for (ResourceAllocationSettingData nic : nics.subList(count, nics.size())) {
                removeItemAndChildren(vhs, nic);
            }
            return this;
        }
        ResourceAllocationSettingData last = nics.get(nics.size() - 1);
        int insertAt = vhs.getItems().indexOf(last) + 1;
        for (int n = nics.size() + 1; n <= count; n++) {
            ResourceAllocationSettingData copy = copy(last);
            copy.setInstanceId(nextInstanceId(vhs));
            copy.setAddress(null);
            BigInteger slot = wholeNumber(last.getAddressOnParent());
            if (slot != null) {
                copy.setAddressOnParent(slot.add(BigInteger.valueOf(n - nics.size())).toString());
            }
            copy.setElementName("Network adapter " + n);
            vhs.getItems().add(insertAt++, copy);
        }
        return this;
    }

    /**
     * Sets the model of every network adapter ({@code ResourceSubType}).
     *
     * @param type one of {@link #NIC_TYPES}, any case
     */
    public DescriptorEditor nicType(String type) {
        String canonical = NIC_TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("NIC type " + quote(type) + " is not one of "
                        + String.join(", ", NIC_TYPES)));
        List<ResourceAllocationSettingData> nics = nics();
        if (nics.isEmpty()) {
            throw new IllegalArgumentException("the virtual system has no network adapter");
        }
        for (ResourceAllocationSettingData nic : nics) {
            nic.setResourceSubType(canonical);
        }
        return this;
    }

    /**
     * Names network adapter {@code n} ({@code ElementName}).
     *
     * @param n 1 for the first adapter in document order
     * @param name the new name, not blank
     */
    public DescriptorEditor nicName(int n, String name) {
        notBlank(name, "NIC name");
        nic(n).setElementName(name);
        return this;
    }

    /**
     * Connects network adapter {@code n} to {@code network}, which the {@code NetworkSection} must
     * declare.
     *
     * @param n 1 for the first adapter in document order
     */
    public DescriptorEditor nicNetwork(int n, String network) {
        ResourceAllocationSettingData nic = nic(n);
        if (networks().network(network).isEmpty()) {
            throw new IllegalArgumentException("no network " + quote(network) + " is declared; " + knownNetworks()
                    + "; declare it first");
        }
        nic.getConnections().clear();
        nic.getConnections().add(network);
        return this;
    }

    /**
     * Declares a network in the {@code NetworkSection} (made when absent).
     *
     * @param description its description, or {@code null} to use the name
     */
    public DescriptorEditor addNetwork(String name, String description) {
        notBlank(name, "network name");
        NetworkSection section = envelope.networkSection().orElse(null);
        if (section != null && section.network(name).isPresent()) {
            throw new IllegalArgumentException("the network " + quote(name) + " is already declared");
        }
        if (section == null) {
            section = new NetworkSection();
            section.setInfo(new Msg("The list of logical networks"));
            insertEnvelopeSection(section, DiskSection.class, References.class);
        }
        Network n = new Network(name);
        n.setDescription(new Msg(description == null || description.isBlank() ? "The " + name + " network" : description));
        section.getNetworks().add(n);
        return this;
    }

    /** Renames a network and every adapter's connection to it. */
    public DescriptorEditor renameNetwork(String oldName, String newName) {
        notBlank(newName, "network name");
        NetworkSection section = networks();
        Network n = section.network(oldName).orElseThrow(() -> new IllegalArgumentException("no network "
                + quote(oldName) + " is declared; " + knownNetworks()));
        if (!oldName.equals(newName) && section.network(newName).isPresent()) {
            throw new IllegalArgumentException("the network " + quote(newName) + " is already declared");
        }
        n.setName(newName);
        for (VirtualSystem vs : envelope.virtualSystems()) {
            for (VirtualHardwareSection vhs : vs.virtualHardwareSections()) {
                for (DeviceItem item : vhs.devices()) {
                    List<String> c = item.getConnections();
                    for (int i = 0; i < c.size(); i++) {
                        if (c.get(i) != null && c.get(i).trim().equals(oldName)) {
                            c.set(i, newName);
                        }
                    }
                }
            }
        }
        return this;
    }

    /**
     * Adds a disk: a {@code Disk} in the {@code DiskSection} and a disk drive item on a controller
     * of kind {@code controller} (the first with a free slot, else a new one of model
     * {@code controllerType}). With {@code fileHref} the disk's content is that file (a
     * {@code File} is added); without, it is a blank disk of {@code capacityBytes} created at
     * deployment.
     *
     * @param fileHref the href of the disk image in the package, or {@code null} for a blank disk
     * @param fileSize the size of that file in bytes, or {@code null}
     * @param capacityBytes the disk's capacity, positive
     * @param formatUri the {@code ovf:format} of the image, or {@code null} for a blank disk
     * @param controller one of {@link #CONTROLLERS}
     * @param controllerType the model of a new controller ({@code lsilogic}, {@code VirtualSCSI},
     *     {@code vmware.sata.ahci}, ...), or {@code null} for the usual one of its kind
     * @return the new disk's {@code ovf:diskId}
     */
    public String addDisk(String fileHref, Long fileSize, long capacityBytes, String formatUri, String controller,
            String controllerType) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("disk capacity " + capacityBytes + " is not positive");
        }
        String kind = controller == null ? "scsi" : controller.toLowerCase(Locale.ROOT);
        if (!CONTROLLERS.contains(kind)) {
            throw new IllegalArgumentException("controller " + quote(controller) + " is not one of "
                    + String.join(", ", CONTROLLERS));
        }
        if (fileHref != null) {
            checkNewHref(fileHref);
        }
        VirtualHardwareSection vhs = hardware();
        Slot slot = freeSlot(vhs, kind, controllerType);
        DiskSection disks = envelope.diskSection().orElse(null);
        if (disks == null) {
            disks = new DiskSection();
            disks.setInfo(new Msg("List of the virtual disks"));
            insertEnvelopeSection(disks, References.class);
        }
        String diskId = unique("vmdisk", disks.getDisks().stream().map(VirtualDisk::getDiskId).collect(Collectors.toSet()));
        VirtualDisk d = new VirtualDisk();
        d.setDiskId(diskId);
        if (fileHref != null) {
            d.setFileRef(addFileReference(fileHref, fileSize));
        }
        setCapacity(d, capacityBytes);
        d.setFormat(formatUri != null ? formatUri : "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized");
        disks.getDisks().add(d);
        slot.commit(vhs);
        ResourceAllocationSettingData item = new ResourceAllocationSettingData();
        item.setAddressOnParent(Integer.toString(slot.unit));
        item.setElementName("Hard disk " + (countOfType(vhs, ResourceType.DISK_DRIVE.code()) + 1));
        item.getHostResources().add("ovf:/disk/" + diskId);
        item.setInstanceId(nextInstanceId(vhs));
        item.setParent(slot.controllerId);
        item.setResourceType(Integer.toString(ResourceType.DISK_DRIVE.code()));
        insertItem(vhs, item);
        return diskId;
    }

    /**
     * Adds a CD-ROM drive holding the ISO image {@code isoHref} (a {@code File} is added), on the
     * first IDE controller with a free slot (a new one when none has).
     *
     * @param isoSize the image's size in bytes, or {@code null}
     */
    public DescriptorEditor addCdrom(String isoHref, Long isoSize) {
        checkNewHref(isoHref);
        VirtualHardwareSection vhs = hardware();
        Slot slot = freeSlot(vhs, "ide", null);
        String fileId = addFileReference(isoHref, isoSize);
        slot.commit(vhs);
        ResourceAllocationSettingData item = new ResourceAllocationSettingData();
        item.setAddressOnParent(Integer.toString(slot.unit));
        item.setAutomaticAllocation("true");
        item.setElementName("CD/DVD drive " + (countOfType(vhs, ResourceType.CD_DRIVE.code()) + 1));
        item.getHostResources().add("ovf:/file/" + fileId);
        item.setInstanceId(nextInstanceId(vhs));
        item.setParent(slot.controllerId);
        item.setResourceType(Integer.toString(ResourceType.CD_DRIVE.code()));
        item.setRequired(false);
        insertItem(vhs, item);
        return this;
    }

    /**
     * Adds a serial port (VMware's {@code vmware.serialport.device}, not required, so that other
     * importers may leave it out).
     */
    public DescriptorEditor addSerialPort() {
        VirtualHardwareSection vhs = hardware();
        ResourceAllocationSettingData item = new ResourceAllocationSettingData();
        item.setAutomaticAllocation("true");
        item.setElementName("Serial port " + (countOfType(vhs, ResourceType.SERIAL_PORT.code()) + 1));
        item.setInstanceId(nextInstanceId(vhs));
        item.setResourceSubType("vmware.serialport.device");
        item.setResourceType(Integer.toString(ResourceType.SERIAL_PORT.code()));
        item.setRequired(false);
        insertItem(vhs, item);
        return this;
    }

    /**
     * Removes hardware items: the items whose {@code InstanceID} is {@code selector} (every
     * deployment option's, or with a configuration scope that option's only), or else every item
     * of a resource type named by number ({@code 15}) or by name ({@code cdrom}, {@code serial},
     * {@code floppy}, {@code usb}, {@code sound}, {@code nic}, {@code disk}, {@code ide},
     * {@code scsi}, {@code sata}, {@code video}). Devices attached to a removed controller are
     * removed with it.
     *
     * @return how many items were removed (at least one)
     */
    public int removeItem(String selector) {
        notBlank(selector, "item");
        VirtualHardwareSection vhs = hardware();
        List<DeviceItem> chosen = new ArrayList<>();
        for (DeviceItem item : vhs.devices()) {
            if (item.getInstanceId() != null && item.getInstanceId().trim().equals(selector.trim()) && inScope(item)) {
                chosen.add(item);
            }
        }
        if (chosen.isEmpty()) {
            Set<Integer> types = typesNamed(selector);
            for (DeviceItem item : vhs.devices()) {
                Integer t = resourceType(item);
                if (t != null && types.contains(t) && inScope(item)) {
                    chosen.add(item);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no hardware item has the InstanceID or type " + quote(selector)
                    + "; InstanceIDs: " + vhs.devices().stream().map(DeviceItem::getInstanceId).distinct()
                    .collect(Collectors.joining(", ")));
        }
        int before = vhs.devices().size();
        for (DeviceItem item : chosen) {
            removeItemAndChildren(vhs, item);
        }
        return before - vhs.devices().size();
    }

    /** Sets {@code vssd:VirtualSystemType} (such as {@code vmx-19}, or a list {@code vmx-13 vmx-14}). */
    public DescriptorEditor virtualSystemType(String type) {
        if (type == null || !SYSTEM_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("virtual system type " + quote(type)
                    + " is not a name such as vmx-19 or a list such as 'vmx-13 vmx-14'");
        }
        VirtualHardwareSection vhs = hardware();
        VirtualSystemSettingData s = vhs.getSystem();
        if (s == null) {
            s = new VirtualSystemSettingData();
            s.setElementName("Virtual Hardware Family");
            s.setInstanceId("0");
            s.setVirtualSystemIdentifier(system.getId());
            vhs.setSystem(s);
        }
        s.setVirtualSystemType(type);
        return this;
    }

    /**
     * Sets the firmware: VMware's {@code vmw:Config ovf:required="false" vmw:key="firmware"} in
     * the {@code VirtualHardwareSection}.
     *
     * @param firmware {@code efi} or {@code bios}
     */
    public DescriptorEditor firmware(String firmware) {
        String f = firmware == null ? "" : firmware.toLowerCase(Locale.ROOT);
        if (!f.equals("efi") && !f.equals("bios")) {
            throw new IllegalArgumentException("firmware " + quote(firmware) + " is not efi or bios");
        }
        VirtualHardwareSection vhs = hardware();
        Optional<VmwConfig> existing = vhs.vmwConfigs().stream().filter(c -> "firmware".equals(c.getKey())).findFirst();
        if (existing.isPresent()) {
            existing.get().setValue(f);
        } else {
            VmwConfig c = new VmwConfig("firmware", f);
            c.setRequired(false);
            int at = 0;
            List<Object> ext = vhs.getExtensions();
            while (at < ext.size() && ext.get(at) instanceof VmwConfig) {
                at++;
            }
            ext.add(at, c);
        }
        return this;
    }

    /**
     * Sets the OVF environment transports of the {@code VirtualHardwareSection}
     * ({@code ovf:transport}); an empty list removes the attribute.
     *
     * @param transports each one of {@link #TRANSPORTS}
     */
    public DescriptorEditor transport(List<String> transports) {
        List<String> out = new ArrayList<>();
        for (String t : transports) {
            String known = TRANSPORTS.stream().filter(k -> k.equalsIgnoreCase(t.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("transport " + quote(t) + " is not one of "
                            + String.join(", ", TRANSPORTS)));
            if (!out.contains(known)) {
                out.add(known);
            }
        }
        hardware().setTransport(out.isEmpty() ? null : String.join(" ", out));
        return this;
    }

    // =============================================================================================
    // Product and texts

    /** Sets the {@code ProductSection}'s {@code Product} name (the section is made when absent). */
    public DescriptorEditor product(String name) {
        ProductSection ps = productSection();
        ps.setProduct(msg(ps.getProduct(), name));
        return this;
    }

    /** Sets the {@code Vendor}. */
    public DescriptorEditor vendor(String vendor) {
        ProductSection ps = productSection();
        ps.setVendor(msg(ps.getVendor(), vendor));
        return this;
    }

    /** Sets the short {@code Version}. */
    public DescriptorEditor productVersion(String version) {
        notBlank(version, "product version");
        productSection().setVersion(version);
        return this;
    }

    /** Sets the {@code FullVersion}. */
    public DescriptorEditor fullVersion(String version) {
        notBlank(version, "full version");
        productSection().setFullVersion(version);
        return this;
    }

    /** Sets the {@code ProductUrl}. */
    public DescriptorEditor productUrl(String url) {
        productSection().setProductUrl(url(url, "product URL"));
        return this;
    }

    /** Sets the {@code VendorUrl}. */
    public DescriptorEditor vendorUrl(String url) {
        productSection().setVendorUrl(url(url, "vendor URL"));
        return this;
    }

    /** Sets the {@code AnnotationSection}'s text (the section is made when absent). */
    public DescriptorEditor annotation(String text) {
        Objects.requireNonNull(text, "text");
        AnnotationSection a = system().section(AnnotationSection.class).orElse(null);
        if (a == null) {
            a = new AnnotationSection();
            a.setInfo(new Msg("A human-readable annotation"));
            addSystemSection(a);
        }
        a.setAnnotation(msg(a.getAnnotation(), text));
        return this;
    }

    /** Sets the licence text of the first {@code EulaSection} (the section is made when absent). */
    public DescriptorEditor eula(String licence) {
        notBlank(licence, "licence text");
        EulaSection e = system().section(EulaSection.class).orElse(null);
        if (e == null) {
            e = new EulaSection();
            e.setInfo(new Msg("An end-user license agreement"));
            addSystemSection(e);
        }
        e.setLicense(msg(e.getLicense(), licence));
        return this;
    }

    /** Sets the virtual system's display {@code Name}. */
    public DescriptorEditor name(String name) {
        notBlank(name, "name");
        system().setName(msg(system().getName(), name));
        return this;
    }

    // =============================================================================================
    // Properties

    /**
     * Creates or updates a property. A new property goes in the first {@code ProductSection} (made
     * when absent), typed {@code string} unless {@code type} says otherwise. With a configuration
     * scope the value is set as a {@code Value} for that option.
     *
     * @param key the {@code ovf:key}
     * @param value the value, or {@code null} to leave it as it is (a new property gets none)
     * @param type the {@code ovf:type}, or {@code null} to keep it ({@code string} for a new one)
     * @throws IllegalArgumentException if the key is malformed, the type unknown, or the value does
     *     not fit the type or the qualifiers, or the property is a password (whose values never
     *     come from here: see {@link #propertyPasswordValue})
     */
    public DescriptorEditor property(String key, String value, String type) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("property key " + quote(key)
                    + " is not a key such as 'hostname' or 'net.ip0' (letters, digits, _ . : -)");
        }
        PropertyType t = null;
        if (type != null) {
            t = PropertyType.parse(type);
            if (!t.known()) {
                throw new IllegalArgumentException("property type " + quote(type) + " is not one of uint8, sint8, uint16,"
                        + " sint16, uint32, sint32, uint64, sint64, real32, real64, boolean, string, password, ip,"
                        + " ip:NETWORK, expression");
            }
        }
        Optional<Located> found = findProperty(key);
        Property p = found.map(Located::property).orElse(null);
        if (p != null && p.isPassword() && value != null) {
            throw new IllegalArgumentException("the property " + quote(key) + " is a password: its value never comes"
                    + " from an argument");
        }
        PropertyType effective = t != null ? t : p != null && p.getType() != null ? PropertyType.parse(p.getType())
                : PropertyType.STRING;
        if (value != null) {
            checkValue(key, value, effective, p == null ? null : p.getQualifiers());
        } else if (t != null && p != null) {
            String current = p.getValue();
            if (current != null && !current.isEmpty()) {
                checkValue(key, current, effective, p.getQualifiers());
            }
        }
        if (p == null) {
            p = new Property(key, t != null ? type : "string");
            productSection().children().add(p);
            if (value != null && configuration != null) {
                p.setValue("");
            }
        } else if (t != null) {
            p.setType(type);
        }
        if (value != null) {
            setValue(p, value);
        }
        return this;
    }

    /** Sets a property's {@code Label}. */
    public DescriptorEditor propertyLabel(String key, String label) {
        Property p = existingProperty(key);
        p.setLabel(msg(p.getLabel(), label));
        return this;
    }

    /** Sets a property's {@code Description}. */
    public DescriptorEditor propertyDescription(String key, String description) {
        Property p = existingProperty(key);
        p.setDescription(msg(p.getDescription(), description));
        return this;
    }

    /**
     * Sets a property's {@code ovf:qualifiers} ({@code MaxLen(64)}, {@code ValueMap{"a","b"}}, ...);
     * blank removes them. Its current value must satisfy them.
     */
    public DescriptorEditor propertyQualifiers(String key, String qualifiers) {
        Property p = existingProperty(key);
        String q = qualifiers == null || qualifiers.isBlank() ? null : qualifiers;
        Qualifiers parsed;
        try {
            parsed = Qualifiers.parse(q);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("qualifiers of " + quote(key) + ": " + e.getMessage(), e);
        }
        if (!parsed.unknown().isEmpty()) {
            throw new IllegalArgumentException("qualifiers " + quote(qualifiers) + " of " + quote(key) + " name unknown"
                    + " qualifiers " + parsed.unknown() + "; expected MinLen, MaxLen, MinValue, MaxValue, ValueMap");
        }
        if (p.getValue() != null && !p.getValue().isEmpty() && !p.isPassword()) {
            checkValue(key, p.getValue(), PropertyType.parse(p.getType() == null ? "string" : p.getType()), q);
        }
        p.setQualifiers(q);
        return this;
    }

    /** Sets whether the deployer may change a property ({@code ovf:userConfigurable}). */
    public DescriptorEditor userConfigurable(String key, boolean configurable) {
        existingProperty(key).setUserConfigurable(configurable);
        return this;
    }

    /** Marks a property as a password ({@code ovf:password="true"}): user interfaces mask its value. */
    public DescriptorEditor propertyPassword(String key) {
        existingProperty(key).setPassword(true);
        return this;
    }

    /**
     * Sets the value of a password property, read by the caller from a file or a prompt (never
     * from a command-line argument). With a configuration scope it is that option's value.
     */
    public DescriptorEditor propertyPasswordValue(String key, char[] value) {
        Property p = existingProperty(key);
        if (!p.isPassword()) {
            throw new IllegalArgumentException("the property " + quote(key) + " is not a password property");
        }
        String v = new String(value);
        checkValue(key, v, PropertyType.parse(p.getType() == null ? "string" : p.getType()), p.getQualifiers());
        setValue(p, v);
        return this;
    }

    /** Removes a property (from whichever {@code ProductSection} of the virtual system holds it). */
    public DescriptorEditor removeProperty(String key) {
        Located l = findProperty(key).orElseThrow(() -> unknownProperty(key));
        l.section().children().remove(l.property());
        return this;
    }

    // =============================================================================================
    // Deployment options

    /**
     * Adds a deployment option ({@code Configuration} with a {@code Label} and a
     * {@code Description}); the {@code DeploymentOptionSection} is made when absent.
     *
     * @param label its label, or {@code null} to use the id
     */
    public DescriptorEditor addConfiguration(String id, String label) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("deployment option id " + quote(id)
                    + " is not an identifier (a letter or _, then letters, digits, _ . -)");
        }
        if (option(id).isPresent()) {
            throw new IllegalArgumentException("the deployment option " + quote(id) + " exists already");
        }
        DeploymentOptionSection s = envelope.deploymentOptionSection().orElse(null);
        if (s == null) {
            s = new DeploymentOptionSection();
            s.setInfo(new Msg("List of profiles"));
            insertEnvelopeSection(s, NetworkSection.class, DiskSection.class, References.class);
        }
        DeploymentOption o = new DeploymentOption(id);
        String text = label == null || label.isBlank() ? id : label;
        o.setLabel(new Msg(text));
        o.setDescription(new Msg(text));
        s.getConfigurations().add(o);
        return this;
    }

    /**
     * Removes a deployment option, the hardware items and property values for it alone, and its id
     * from the lists of those that name others too. The section goes when it becomes empty.
     */
    public DescriptorEditor removeConfiguration(String id) {
        DeploymentOption o = option(id).orElseThrow(() -> new IllegalArgumentException("no deployment option "
                + quote(id) + "; " + knownOptions()));
        DeploymentOptionSection s = envelope.deploymentOptionSection().orElseThrow();
        s.getConfigurations().remove(o);
        if (s.getConfigurations().isEmpty()) {
            envelope.children().remove(s);
        }
        for (VirtualSystem vs : envelope.virtualSystems()) {
            for (VirtualHardwareSection vhs : vs.virtualHardwareSections()) {
                for (DeviceItem item : vhs.devices()) {
                    String rest = without(item.getConfiguration(), id);
                    if (rest == null) {
                        continue;
                    }
                    if (rest.isEmpty()) {
                        removeItemAndChildren(vhs, item);
                    } else {
                        item.setConfiguration(rest);
                    }
                }
            }
            for (ProductSection ps : vs.productSections()) {
                for (Property p : ps.properties()) {
                    String rest = without(p.getConfiguration(), id);
                    if (rest != null) {
                        if (rest.isEmpty()) {
                            ps.children().remove(p);
                            continue;
                        }
                        p.setConfiguration(rest);
                    }
                    p.getValues().removeIf(v -> "".equals(without(v.getConfiguration(), id)));
                    for (PropertyValue v : p.getValues()) {
                        String r = without(v.getConfiguration(), id);
                        if (r != null) {
                            v.setConfiguration(r);
                        }
                    }
                }
            }
        }
        if (id.equals(configuration)) {
            configuration = null;
        }
        return this;
    }

    /** Makes {@code id} the default deployment option ({@code ovf:default="true"}, removed from the others). */
    public DescriptorEditor defaultConfiguration(String id) {
        DeploymentOption o = option(id).orElseThrow(() -> new IllegalArgumentException("no deployment option "
                + quote(id) + "; " + knownOptions()));
        for (DeploymentOption other : envelope.deploymentOptionSection().orElseThrow().getConfigurations()) {
            if (other != o && other.getDefault() != null) {
                other.setDefault(null);
            }
        }
        o.setDefault(true);
        return this;
    }

    // =============================================================================================
    // Files

    /**
     * Adds a {@code File} to {@code References} for a file that will be in the package.
     *
     * @param size its size in bytes, or {@code null}
     * @return the new file's {@code ovf:id}
     */
    public String addFile(String href, Long size) {
        checkNewHref(href);
        return addFileReference(href, size);
    }

    /**
     * Removes the {@code File} whose {@code ovf:href} is {@code href}, the {@code Disk}s it holds
     * and the items that use those disks; items that use the file itself (a CD-ROM's image) keep
     * the drive, empty.
     *
     * @return the {@code ovf:id} of the removed file
     */
    public String removeFile(String href) {
        References refs = envelope.references().orElseThrow(() -> new IllegalArgumentException("the descriptor has no"
                + " References"));
        FileReference f = refs.files().stream().filter(r -> href.equals(r.getHref())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no File has the href " + quote(href) + "; files: "
                        + refs.files().stream().map(r -> quote(r.getHref())).collect(Collectors.joining(", "))));
        refs.children().remove(f);
        List<String> diskIds = new ArrayList<>();
        for (DiskSection ds : envelope.sectionsOf(DiskSection.class)) {
            for (VirtualDisk d : List.copyOf(ds.getDisks())) {
                if (f.getId() != null && f.getId().equals(d.getFileRef())) {
                    ds.getDisks().remove(d);
                    diskIds.add(d.getDiskId());
                }
            }
        }
        for (VirtualSystem vs : envelope.virtualSystems()) {
            for (VirtualHardwareSection vhs : vs.virtualHardwareSections()) {
                for (DeviceItem item : vhs.devices()) {
                    for (String hr : List.copyOf(item.getHostResources())) {
                        String target = hostResourceTarget(hr);
                        if (target == null) {
                            continue;
                        }
                        if (hr.contains("disk/") && diskIds.contains(target)) {
                            removeItemAndChildren(vhs, item);
                        } else if (hr.contains("file/") && target.equals(f.getId())) {
                            item.getHostResources().remove(hr);
                        }
                    }
                }
            }
        }
        return f.getId();
    }

    /** Sets the {@code ovf:size} of the {@code File} with {@code href}, if there is one. */
    public DescriptorEditor fileSize(String href, long size) {
        envelope.references().ifPresent(r -> r.files().stream().filter(f -> href.equals(f.getHref()))
                .forEach(f -> f.setSize(size)));
        return this;
    }

    // =============================================================================================
    // Helpers

    private VirtualSystem system() {
        if (system == null) {
            throw new IllegalArgumentException("the descriptor has no virtual system");
        }
        return system;
    }

    private VirtualHardwareSection hardware() {
        List<VirtualHardwareSection> l = system().virtualHardwareSections();
        if (l.isEmpty()) {
            throw new IllegalArgumentException("the virtual system " + quote(system.getId()) + " has no VirtualHardwareSection");
        }
        return l.get(0);
    }

    private NetworkSection networks() {
        return envelope.networkSection().orElseThrow(() -> new IllegalArgumentException("the descriptor declares no"
                + " network (no NetworkSection)"));
    }

    private String knownNetworks() {
        return envelope.networkSection().map(s -> "declared: " + s.getNetworks().stream().map(n -> quote(n.getName()))
                .collect(Collectors.joining(", "))).orElse("none is declared");
    }

    private Optional<DeploymentOption> option(String id) {
        return envelope.deploymentOptionSection().flatMap(s -> s.configuration(id));
    }

    private String knownOptions() {
        return envelope.deploymentOptionSection().map(s -> "the options are " + s.getConfigurations().stream()
                .map(o -> quote(o.getId())).collect(Collectors.joining(", "))).orElse("the descriptor has no deployment options");
    }

    private boolean inScope(DeviceItem item) {
        return configuration == null || names(item.getConfiguration(), configuration);
    }

    private List<ResourceAllocationSettingData> nics() {
        List<ResourceAllocationSettingData> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ResourceAllocationSettingData item : hardware().getItems()) {
            Integer t = resourceType(item);
            if (t != null && t == ResourceType.ETHERNET_ADAPTER.code() && normalBound(item)
                    && (item.getInstanceId() == null || seen.add(item.getInstanceId().trim()))) {
                out.add(item);
            }
        }
        return out;
    }

    private ResourceAllocationSettingData nic(int n) {
        List<ResourceAllocationSettingData> nics = nics();
        if (n < 1 || n > nics.size()) {
            throw new IllegalArgumentException("NIC " + n + " does not exist; the virtual system has " + nics.size()
                    + " network adapter" + (nics.size() == 1 ? "" : "s") + ", numbered from 1");
        }
        return nics.get(n - 1);
    }

    /**
     * The items of {@code type} an edit changes: without a scope every normal item of that type;
     * with one, the items for that option, made by copying the shared ones when there are none.
     */
    private List<ResourceAllocationSettingData> scopedItems(ResourceType type, String what) {
        VirtualHardwareSection vhs = hardware();
        List<ResourceAllocationSettingData> all = new ArrayList<>();
        for (ResourceAllocationSettingData item : vhs.getItems()) {
            Integer t = resourceType(item);
            if (t != null && t == type.code() && normalBound(item)) {
                all.add(item);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the virtual system " + quote(system.getId()) + " has no " + what + " item");
        }
        if (configuration == null) {
            return all;
        }
        List<ResourceAllocationSettingData> mine = all.stream().filter(i -> names(i.getConfiguration(), configuration))
                .toList();
        if (!mine.isEmpty()) {
            return mine;
        }
        List<ResourceAllocationSettingData> shared = all.stream()
                .filter(i -> i.getConfiguration() == null || i.getConfiguration().isBlank()).toList();
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " item applies to the deployment option "
                    + quote(configuration));
        }
        List<ResourceAllocationSettingData> out = new ArrayList<>();
        for (ResourceAllocationSettingData s : shared) {
            ResourceAllocationSettingData c = copy(s);
            c.setConfiguration(configuration);
            vhs.getItems().add(vhs.getItems().indexOf(s) + 1, c);
            out.add(c);
        }
        return out;
    }

    private static boolean normalBound(DeviceItem item) {
        String b = item.getBound();
        return b == null || b.isBlank() || b.trim().equalsIgnoreCase("normal");
    }

    private static Integer resourceType(DeviceItem item) {
        try {
            return item.getResourceType() == null ? null : ResourceType.parseCode(item.getResourceType());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int countOfType(VirtualHardwareSection vhs, int type) {
        return (int) vhs.devices().stream().filter(i -> Objects.equals(resourceType(i), type))
                .map(DeviceItem::getInstanceId).distinct().count();
    }

    /** The next free numeric {@code InstanceID}: one more than the largest. */
    private static String nextInstanceId(VirtualHardwareSection vhs) {
        BigInteger max = BigInteger.ZERO;
        for (DeviceItem item : vhs.devices()) {
            BigInteger n = wholeNumber(item.getInstanceId());
            if (n != null && n.compareTo(max) > 0) {
                max = n;
            }
        }
        return max.add(BigInteger.ONE).toString();
    }

    /** Inserts a new item after the last {@code Item} (before OVF 2 storage and port items, which are in their own lists). */
    private static void insertItem(VirtualHardwareSection vhs, ResourceAllocationSettingData item) {
        vhs.getItems().add(item);
    }

    private void removeItemAndChildren(VirtualHardwareSection vhs, DeviceItem item) {
        String id = item.getInstanceId();
        removeDevice(vhs, item);
        if (id == null) {
            return;
        }
        boolean stillThere = vhs.devices().stream().anyMatch(d -> id.equals(d.getInstanceId()));
        if (stillThere) {
            return; // another deployment option's item with this id keeps its children
        }
        for (DeviceItem child : vhs.devices()) {
            if (child.getParent() != null && child.getParent().trim().equals(id.trim())) {
                removeItemAndChildren(vhs, child);
            }
        }
    }

    private static void removeDevice(VirtualHardwareSection vhs, DeviceItem item) {
        switch (item.kind()) {
            case ITEM -> vhs.getItems().remove(item);
            case STORAGE_ITEM -> vhs.getStorageItems().remove(item);
            case ETHERNET_PORT_ITEM -> vhs.getEthernetPortItems().remove(item);
            default -> throw new IllegalStateException("unknown item kind " + item.kind());
        }
    }

    private static Set<Integer> typesNamed(String selector) {
        String s = selector.trim().toLowerCase(Locale.ROOT);
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() <= 5) {
            return Set.of(Integer.parseInt(s));
        }
        return switch (s) {
            case "cdrom", "cd", "dvd", "cd-rom" -> Set.of(15, 16);
            case "floppy" -> Set.of(14);
            case "serial", "serialport" -> Set.of(21);
            case "parallel", "parallelport" -> Set.of(22);
            case "usb" -> Set.of(23);
            case "sound", "soundcard" -> Set.of(35);
            case "video", "graphics" -> Set.of(24);
            case "nic", "ethernet" -> Set.of(10);
            case "disk", "harddisk" -> Set.of(17);
            case "ide" -> Set.of(5);
            case "scsi" -> Set.of(6);
            case "sata", "nvme" -> Set.of(20);
            default -> Set.of();
        };
    }

    /** A controller and a unit on it for a new device; a new controller is made on {@link #commit}. */
    private final class Slot {
        String controllerId;
        int unit;
        ResourceAllocationSettingData newController;

        void commit(VirtualHardwareSection vhs) {
            if (newController != null) {
                newController.setInstanceId(nextInstanceId(vhs));
                controllerId = newController.getInstanceId();
                insertItem(vhs, newController);
            }
        }
    }

    private Slot freeSlot(VirtualHardwareSection vhs, String kind, String controllerType) {
        int type;
        int units;
        String defaultSubType;
        switch (kind) {
            case "ide" -> {
                type = ResourceType.IDE_CONTROLLER.code();
                units = 2;
                defaultSubType = null;
            }
            case "sata" -> {
                type = ResourceType.OTHER_STORAGE_DEVICE.code();
                units = 30;
                defaultSubType = "vmware.sata.ahci";
            }
            case "nvme" -> {
                type = ResourceType.OTHER_STORAGE_DEVICE.code();
                units = 64;
                defaultSubType = "vmware.nvme.controller";
            }
            default -> {
                type = ResourceType.PARALLEL_SCSI_HBA.code();
                units = 16;
                defaultSubType = "lsilogic";
            }
        }
        Slot slot = new Slot();
        for (DeviceItem c : vhs.devices()) {
            if (!Objects.equals(resourceType(c), type) || c.getInstanceId() == null) {
                continue;
            }
            if (type == ResourceType.OTHER_STORAGE_DEVICE.code()) {
                String sub = c.getResourceSubType() == null ? "" : c.getResourceSubType().toLowerCase(Locale.ROOT);
                boolean nvme = sub.contains("nvme");
                if (nvme != kind.equals("nvme")) {
                    continue;
                }
            }
            Set<Integer> used = new java.util.HashSet<>();
            for (DeviceItem d : vhs.devices()) {
                if (d.getParent() != null && d.getParent().trim().equals(c.getInstanceId().trim())) {
                    BigInteger u = wholeNumber(d.getAddressOnParent());
                    if (u != null && u.bitLength() < 31) {
                        used.add(u.intValue());
                    }
                }
            }
            for (int u = 0; u < units; u++) {
                if (kind.equals("scsi") && u == 7) {
                    continue;
                }
                if (!used.contains(u)) {
                    slot.controllerId = c.getInstanceId().trim();
                    slot.unit = u;
                    return slot;
                }
            }
        }
        ResourceAllocationSettingData c = new ResourceAllocationSettingData();
        long existing = vhs.devices().stream().filter(d -> Objects.equals(resourceType(d), type)).count();
        c.setAddress(Long.toString(existing));
        c.setDescription(kind.toUpperCase(Locale.ROOT) + " Controller");
        c.setElementName(kind.toUpperCase(Locale.ROOT) + " Controller " + existing);
        String sub = controllerType != null ? controllerType : defaultSubType;
        if (sub != null) {
            c.setResourceSubType(sub);
        }
        c.setResourceType(Integer.toString(type));
        slot.newController = c;
        slot.unit = 0;
        return slot;
    }

    private void setCapacity(VirtualDisk d, long bytes) {
        if (bytes % (1L << 30) == 0) {
            d.setCapacity(Long.toString(bytes >> 30));
            d.setCapacityAllocationUnits("byte * 2^30");
        } else if (bytes % (1L << 20) == 0) {
            d.setCapacity(Long.toString(bytes >> 20));
            d.setCapacityAllocationUnits("byte * 2^20");
        } else {
            d.setCapacity(Long.toString(bytes));
        }
    }

    private void checkNewHref(String href) {
        notBlank(href, "file name");
        if (href.contains("/") || href.contains("\\") || href.equals(".") || href.equals("..")
                || href.toLowerCase(Locale.ROOT).endsWith(".ovf") || href.toLowerCase(Locale.ROOT).endsWith(".mf")
                || href.toLowerCase(Locale.ROOT).endsWith(".cert")) {
            throw new IllegalArgumentException("file name " + quote(href) + " cannot be a member of the package (a plain"
                    + " name, not .ovf, .mf or .cert, is needed)");
        }
        if (envelope.references().map(r -> r.files().stream().anyMatch(f -> href.equals(f.getHref()))).orElse(false)) {
            throw new IllegalArgumentException("the package already has a file " + quote(href));
        }
    }

    private String addFileReference(String href, Long size) {
        References refs = envelope.references().orElseThrow(() -> new IllegalArgumentException("the descriptor has no"
                + " References"));
        String id = unique("file", refs.files().stream().map(FileReference::getId).collect(Collectors.toSet()));
        FileReference f = new FileReference(id, href);
        f.setSize(size);
        int at = refs.children().size();
        for (int i = refs.children().size() - 1; i >= 0; i--) {
            if (refs.children().get(i) instanceof FileReference) {
                at = i + 1;
                break;
            }
        }
        refs.children().add(at, f);
        return id;
    }

    private static String unique(String base, Set<String> taken) {
        for (int n = 1; ; n++) {
            if (!taken.contains(base + n)) {
                return base + n;
            }
        }
    }

    /** Inserts a package-level section after the last of the first of {@code after} present, else after References. */
    @SafeVarargs
    private void insertEnvelopeSection(Section section, Class<?>... after) {
        List<Object> children = envelope.children();
        for (Class<?> type : after) {
            for (int i = children.size() - 1; i >= 0; i--) {
                if (type.isInstance(children.get(i))) {
                    children.add(i + 1, section);
                    return;
                }
            }
        }
        int content = 0;
        while (content < children.size() && !(children.get(content) instanceof Content)) {
            content++;
        }
        children.add(content, section);
    }

    /** Adds a section to the virtual system in ovftool's order: after the hardware and other text sections. */
    private void addSystemSection(Section section) {
        List<Object> children = system().children();
        int at = children.size();
        List<Class<?>> later = section instanceof ProductSection ? List.of(EulaSection.class, AnnotationSection.class)
                : section instanceof EulaSection ? List.of(AnnotationSection.class) : List.of();
        for (int i = 0; i < children.size(); i++) {
            Object c = children.get(i);
            if (later.stream().anyMatch(t -> t.isInstance(c))) {
                at = i;
                break;
            }
        }
        if (at == children.size()) {
            // after the last section, before unknown vendor elements that end the system
            while (at > 0 && !(children.get(at - 1) instanceof Section)) {
                at--;
            }
            if (at == 0 && children.stream().noneMatch(Section.class::isInstance)) {
                at = children.size();
            }
        }
        children.add(at, section);
    }

    private ProductSection productSectionOrNull() {
        List<ProductSection> l = system().productSections();
        return l.isEmpty() ? null : l.get(0);
    }

    private ProductSection productSection() {
        ProductSection ps = productSectionOrNull();
        if (ps == null) {
            ps = new ProductSection();
            ps.setInfo(new Msg("Information about the installed software"));
            addSystemSection(ps);
        }
        return ps;
    }

    private record Located(ProductSection section, Property property) {
    }

    private Optional<Located> findProperty(String key) {
        for (ProductSection ps : system().productSections()) {
            for (Property p : ps.properties()) {
                if (key.equals(p.getKey()) || key.equals(ps.propertyId(p))) {
                    return Optional.of(new Located(ps, p));
                }
            }
        }
        return Optional.empty();
    }

    private Property existingProperty(String key) {
        return findProperty(key).map(Located::property).orElseThrow(() -> unknownProperty(key));
    }

    private IllegalArgumentException unknownProperty(String key) {
        List<String> keys = system().productSections().stream().flatMap(ps -> ps.properties().stream())
                .map(Property::getKey).toList();
        return new IllegalArgumentException("no property " + quote(key) + (keys.isEmpty() ? "; the virtual system has none"
                : "; properties: " + String.join(", ", keys)));
    }

    private static void checkValue(String key, String value, PropertyType type, String qualifiers) {
        Optional<String> bad = type.check(value);
        if (bad.isPresent()) {
            throw new IllegalArgumentException("value of " + quote(key) + ": " + bad.get());
        }
        try {
            List<String> problems = Qualifiers.parse(qualifiers).check(value, type);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("value of " + quote(key) + ": " + String.join("; ", problems));
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("value of ")) {
                throw e;
            }
            // malformed qualifiers in the source: the validator reports them; the value stands
        }
    }

    private void setValue(Property p, String value) {
        if (configuration == null) {
            p.setValue(value);
            return;
        }
        for (PropertyValue v : p.getValues()) {
            if (v.getConfiguration() != null && v.getConfiguration().trim().equals(configuration)) {
                v.setValue(value);
                return;
            }
        }
        p.getValues().add(new PropertyValue(value, configuration));
    }

    /** {@code list} (space-separated ids) without {@code id}: {@code null} when it did not name it. */
    private static String without(String list, String id) {
        if (list == null || !names(list, id)) {
            return null;
        }
        return Arrays.stream(list.trim().split("[\\s,]+")).filter(s -> !s.equals(id) && !s.isEmpty())
                .collect(Collectors.joining(" "));
    }

    private static boolean names(String list, String id) {
        if (list == null || id == null) {
            return false;
        }
        return Arrays.asList(list.trim().split("[\\s,]+")).contains(id);
    }

    private static String hostResourceTarget(String hr) {
        if (hr == null) {
            return null;
        }
        String t = hr.trim();
        int slash = t.lastIndexOf('/');
        return slash < 0 ? null : t.substring(slash + 1);
    }

    private static String configurationText(DeviceItem item) {
        return item.getConfiguration() == null ? "" : " (deployment option " + item.getConfiguration().trim() + ")";
    }

    private static Msg msg(Msg old, String text) {
        Objects.requireNonNull(text, "text");
        if (old == null) {
            return new Msg(text);
        }
        // Keep the element (and its attributes) but the msgid: a translation of the old text no longer fits.
        old.setValue(text);
        old.setMsgid(null);
        return old;
    }

    private static String url(String url, String what) {
        notBlank(url, what);
        try {
            java.net.URI u = new java.net.URI(url);
            if (u.getScheme() == null) {
                throw new IllegalArgumentException(what + " " + quote(url) + " is not an absolute URL such as https://example.com/");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(what + " " + quote(url) + " is not a URL: " + e.getReason(), e);
        }
        return url;
    }

    private static void positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " " + n + " is not positive");
        }
    }

    private static void notBlank(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }

    private static BigInteger wholeNumber(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > 40 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return null;
        }
        return new BigInteger(t);
    }

    static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }

    /** A deep copy of an item, through the JAXB binding (unknown extension content included). */
    private static ResourceAllocationSettingData copy(ResourceAllocationSettingData item) {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultInstance();
            dbf.setNamespaceAware(true);
            Document doc = dbf.newDocumentBuilder().newDocument();
            QName name = new QName(Namespaces.OVF, "Item");
            OvfJaxb.context().createMarshaller().marshal(new JAXBElement<>(name, ResourceAllocationSettingData.class, item), doc);
            return OvfJaxb.context().createUnmarshaller().unmarshal(doc.getDocumentElement(),
                    ResourceAllocationSettingData.class).getValue();
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot copy an item: " + e, e);
        }
    }
}
