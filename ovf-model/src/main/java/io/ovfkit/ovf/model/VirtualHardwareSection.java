package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The {@code VirtualHardwareSection} of a virtual system: the {@code System} settings, then the
 * devices as {@code Item}s, (OVF 2) {@code EthernetPortItem}s and {@code StorageItem}s, then
 * extension elements ({@code vmw:Config}, {@code vmw:ExtraConfig}, unknown ones) in document
 * order. {@code ovf:transport} lists how the OVF environment reaches the guest.
 *
 * <p>The three item lists are marshalled in schema order (all {@code Item}s, then
 * {@code EthernetPortItem}s, then {@code StorageItem}s), whatever their order in the source.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "VirtualHardwareSection")
@XmlType(name = "VirtualHardwareSection_Type",
        propOrder = {"system", "items", "ethernetPortItems", "storageItems", "extensions"})
public class VirtualHardwareSection extends Section {
    @XmlAttribute(name = "id")
    private String id;

    @XmlAttribute(name = "transport")
    private String transport;

    @XmlElement(name = "System")
    private VirtualSystemSettingData system;

    @XmlElement(name = "Item")
    private List<ResourceAllocationSettingData> items = new ArrayList<>();

    @XmlElement(name = "EthernetPortItem")
    private List<EthernetPortAllocationSettingData> ethernetPortItems = new ArrayList<>();

    @XmlElement(name = "StorageItem")
    private List<StorageAllocationSettingData> storageItems = new ArrayList<>();

    @XmlElementRefs({
        @XmlElementRef(type = VmwConfig.class),
        @XmlElementRef(type = VmwExtraConfig.class)
    })
    @XmlAnyElement
    private List<Object> extensions = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public VirtualHardwareSection() {
    }

    /** The {@code ovf:id} distinguishing several hardware sections, or {@code null}. */
    public String getId() {
        return id;
    }

    /** Sets {@code ovf:id}; {@code null} removes it. */
    public void setId(String id) {
        this.id = id;
    }

    /** The {@code ovf:transport} list as written (such as {@code "iso com.vmware.guestInfo"}), or {@code null}. */
    public String getTransport() {
        return transport;
    }

    /** Sets {@code ovf:transport}; {@code null} removes it. */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    /**
     * The transports of {@code ovf:transport}, split on whitespace and commas (OVF 1.0 documented
     * commas, 2.0.1 spaces); empty when the attribute is absent or blank.
     */
    public List<String> transports() {
        if (transport == null || transport.isBlank()) {
            return List.of();
        }
        return Arrays.stream(transport.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The {@code System} (virtual system settings), or {@code null}. */
    public VirtualSystemSettingData getSystem() {
        return system;
    }

    /** Sets the {@code System}; {@code null} removes it. */
    public void setSystem(VirtualSystemSettingData system) {
        this.system = system;
    }

    /** The {@code Item}s in document order (live list). */
    public List<ResourceAllocationSettingData> getItems() {
        return items;
    }

    /** The OVF 2 {@code EthernetPortItem}s in document order (live list). */
    public List<EthernetPortAllocationSettingData> getEthernetPortItems() {
        return ethernetPortItems;
    }

    /** The OVF 2 {@code StorageItem}s in document order (live list). */
    public List<StorageAllocationSettingData> getStorageItems() {
        return storageItems;
    }

    /**
     * The live, mixed list of extension children after the items, in document order:
     * {@link VmwConfig}, {@link VmwExtraConfig} and unknown {@link Element}s.
     */
    public List<Object> getExtensions() {
        return extensions;
    }

    /** All devices: the {@code Item}s, then the {@code EthernetPortItem}s, then the {@code StorageItem}s (a snapshot). */
    public List<DeviceItem> devices() {
        List<DeviceItem> out = new ArrayList<>(items.size() + ethernetPortItems.size() + storageItems.size());
        out.addAll(items);
        out.addAll(ethernetPortItems);
        out.addAll(storageItems);
        return out;
    }

    /** The {@code vmw:Config} extensions in document order (a snapshot). */
    public List<VmwConfig> vmwConfigs() {
        return extensions.stream().filter(VmwConfig.class::isInstance).map(VmwConfig.class::cast).toList();
    }

    /** The {@code vmw:ExtraConfig} extensions in document order (a snapshot). */
    public List<VmwExtraConfig> vmwExtraConfigs() {
        return extensions.stream().filter(VmwExtraConfig.class::isInstance).map(VmwExtraConfig.class::cast).toList();
    }

    /** Extension children the model does not know, as DOM elements (a snapshot). */
    public List<Element> unknownElements() {
        return extensions.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
    }
}
