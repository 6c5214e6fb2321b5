package io.ovfkit.ovf.model;

import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * One virtual device or resource request of a {@code VirtualHardwareSection} or
 * {@code ResourceAllocationSection}, whatever element carries it: an {@code Item} (CIM RASD), an
 * OVF 2 {@code StorageItem} (SASD) or an OVF 2 {@code EthernetPortItem} (EPASD). The three share
 * the RASD properties below; {@link #kind()} tells which element it is, so it can be written back
 * as such.
 *
 * <p>Values are kept as written (strings); an absent element is {@code null}. Setting
 * {@code null} removes the element.
 *
 * <p>Implementations are mutable model objects and not thread-safe: confine them, like the descriptor
 * they belong to, to one thread.
 */
public interface DeviceItem {
    /** The element a device item is written as. */
    enum Kind {
        /** {@code Item}, children in the rasd namespace. */
        ITEM("Item"),
        /** OVF 2 {@code StorageItem}, children in the sasd namespace. */
        STORAGE_ITEM("StorageItem"),
        /** OVF 2 {@code EthernetPortItem}, children in the epasd namespace. */
        ETHERNET_PORT_ITEM("EthernetPortItem");

        private final String elementName;

        Kind(String elementName) {
            this.elementName = elementName;
        }

        /** The local name of the element in the OVF namespace. */
        public String elementName() {
            return elementName;
        }
    }

    /** Which element this item is. */
    Kind kind();

    /** {@code InstanceID}: the item's id within its section, referenced by {@code Parent}. */
    String getInstanceId();

    /** Sets {@code InstanceID}. */
    void setInstanceId(String value);

    /** {@code ElementName}: the human-readable label ("Hard disk 1"). */
    String getElementName();

    /** Sets {@code ElementName}. */
    void setElementName(String value);

    /** {@code Description}: free text. */
    String getDescription();

    /** Sets {@code Description}. */
    void setDescription(String value);

    /** {@code Caption}: a short description (64 characters at most). */
    String getCaption();

    /** Sets {@code Caption}. */
    void setCaption(String value);

    /** {@code ResourceType}: the CIM resource type number (3 processor, 4 memory, 17 disk, ...). */
    String getResourceType();

    /** Sets {@code ResourceType}. */
    void setResourceType(String value);

    /** {@code ResourceSubType}: the device model, possibly a list of acceptable models. */
    String getResourceSubType();

    /** Sets {@code ResourceSubType}. */
    void setResourceSubType(String value);

    /** {@code OtherResourceType}: free text for resource type 1 (Other). */
    String getOtherResourceType();

    /** Sets {@code OtherResourceType}. */
    void setOtherResourceType(String value);

    /** {@code Parent}: the {@code InstanceID} of the controller this device is attached to. */
    String getParent();

    /** Sets {@code Parent}. */
    void setParent(String value);

    /** {@code AddressOnParent}: the slot or unit on the parent controller. */
    String getAddressOnParent();

    /** Sets {@code AddressOnParent}. */
    void setAddressOnParent(String value);

    /** {@code Address}: the bus number of a controller, or the MAC address of a NIC. */
    String getAddress();

    /** Sets {@code Address}. */
    void setAddress(String value);

    /** {@code HostResource}s: backings such as {@code ovf:/disk/<id>} or {@code ovf:/file/<id>} (live list). */
    List<String> getHostResources();

    /** {@code Connection}s: network names from the {@code NetworkSection} (live list). */
    List<String> getConnections();

    /** {@code VirtualQuantity}: amount in {@code AllocationUnits}, or a count. */
    String getVirtualQuantity();

    /** Sets {@code VirtualQuantity}. */
    void setVirtualQuantity(String value);

    /** {@code AllocationUnits}: DSP0004 programmatic units such as {@code byte * 2^20}. */
    String getAllocationUnits();

    /** Sets {@code AllocationUnits}. */
    void setAllocationUnits(String value);

    /** {@code Reservation}: the guaranteed minimum. */
    String getReservation();

    /** Sets {@code Reservation}. */
    void setReservation(String value);

    /** {@code Limit}: the maximum. */
    String getLimit();

    /** Sets {@code Limit}. */
    void setLimit(String value);

    /** {@code Weight}: the relative share. */
    String getWeight();

    /** Sets {@code Weight}. */
    void setWeight(String value);

    /** {@code AutomaticAllocation}: whether the device is connected at power-on. */
    String getAutomaticAllocation();

    /** Sets {@code AutomaticAllocation}. */
    void setAutomaticAllocation(String value);

    /** {@code ovf:configuration}: space-separated deployment options this item applies to, or {@code null}. */
    String getConfiguration();

    /** Sets {@code ovf:configuration}; {@code null} removes it (the item applies to all options). */
    void setConfiguration(String value);

    /** {@code ovf:bound}: {@code min}, {@code max} or {@code normal} for range items, or {@code null}. */
    String getBound();

    /** Sets {@code ovf:bound}; {@code null} removes it. */
    void setBound(String value);

    /** The {@code ovf:required} attribute as written, or {@code null}. */
    Boolean getRequired();

    /** Sets {@code ovf:required}; {@code null} removes it (meaning true). */
    void setRequired(Boolean value);

    /** Whether the deployment must fail when the device cannot be provided: {@code ovf:required}, true when absent. */
    default boolean isRequired() {
        Boolean r = getRequired();
        return r == null || r;
    }

    /**
     * The live, mixed list of extension children after the CIM elements, in document order: typed
     * VMware elements ({@link VmwConfig}, {@link VmwCoresPerSocket}) and unknown {@link Element}s.
     */
    List<Object> getExtensions();

    /** Attributes not modelled, in document order (live map). */
    Map<QName, String> getOtherAttributes();

    /** The {@code vmw:Config} extensions in document order (a snapshot). */
    default List<VmwConfig> vmwConfigs() {
        return getExtensions().stream().filter(VmwConfig.class::isInstance).map(VmwConfig.class::cast).toList();
    }

    /** Extension children the model does not know, as DOM elements (a snapshot). */
    default List<Element> unknownElements() {
        return getExtensions().stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
    }
}
