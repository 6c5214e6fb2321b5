package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The {@code ResourceAllocationSection} of a virtual system collection: reservations, limits and
 * shares for the whole group, as {@code Item}s (and OVF 2 {@code EthernetPortItem}s and
 * {@code StorageItem}s).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "ResourceAllocationSection")
@XmlType(name = "ResourceAllocationSection_Type",
        propOrder = {"items", "ethernetPortItems", "storageItems", "any"})
public class ResourceAllocationSection extends Section {
    @XmlAttribute(name = "configuration")
    private String configuration;

    @XmlAttribute(name = "bound")
    private String bound;

    @XmlElement(name = "Item")
    private List<ResourceAllocationSettingData> items = new ArrayList<>();

    @XmlElement(name = "EthernetPortItem")
    private List<EthernetPortAllocationSettingData> ethernetPortItems = new ArrayList<>();

    @XmlElement(name = "StorageItem")
    private List<StorageAllocationSettingData> storageItems = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public ResourceAllocationSection() {
    }

    /** The {@code ovf:configuration} deployment options this section applies to, or {@code null}. */
    public String getConfiguration() {
        return configuration;
    }

    /** Sets {@code ovf:configuration}; {@code null} removes it. */
    public void setConfiguration(String configuration) {
        this.configuration = configuration;
    }

    /** The {@code ovf:bound} ({@code min}, {@code max}, {@code normal}), or {@code null}. */
    public String getBound() {
        return bound;
    }

    /** Sets {@code ovf:bound}; {@code null} removes it. */
    public void setBound(String bound) {
        this.bound = bound;
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

    /** All items: the {@code Item}s, then the {@code EthernetPortItem}s, then the {@code StorageItem}s (a snapshot). */
    public List<DeviceItem> devices() {
        List<DeviceItem> out = new ArrayList<>(items);
        out.addAll(ethernetPortItems);
        out.addAll(storageItems);
        return out;
    }

    /** Foreign child elements after the items, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
