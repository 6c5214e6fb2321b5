package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * An OVF 2 {@code StorageItem} ({@code SASD_Type}, CIM_StorageAllocationSettingData): a disk or
 * other storage device of a {@code VirtualHardwareSection}. Children are in the sasd namespace:
 * the RASD properties plus the storage ones, marshalled in alphabetical order; extension elements
 * follow in document order.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "SASD_Type", propOrder = {
        "access",
        "address",
        "addressOnParent",
        "allocationUnits",
        "automaticAllocation",
        "automaticDeallocation",
        "caption",
        "changeableType",
        "configurationName",
        "connections",
        "consumerVisibility",
        "description",
        "elementName",
        "generation",
        "hostExtentName",
        "hostExtentNameFormat",
        "hostExtentNameNamespace",
        "hostExtentStartingAddress",
        "hostResources",
        "hostResourceBlockSize",
        "instanceId",
        "limit",
        "mappingBehavior",
        "otherHostExtentNameFormat",
        "otherHostExtentNameNamespace",
        "otherResourceType",
        "parent",
        "poolId",
        "reservation",
        "resourceSubType",
        "resourceType",
        "soId",
        "soOrgId",
        "virtualQuantity",
        "virtualQuantityUnits",
        "virtualResourceBlockSize",
        "weight",
        "extensions"
})
public class StorageAllocationSettingData implements DeviceItem {
    @XmlElement(name = "Access", namespace = Namespaces.SASD)
    private String access;

    @XmlElement(name = "Address", namespace = Namespaces.SASD)
    private String address;

    @XmlElement(name = "AddressOnParent", namespace = Namespaces.SASD)
    private String addressOnParent;

    @XmlElement(name = "AllocationUnits", namespace = Namespaces.SASD)
    private String allocationUnits;

    @XmlElement(name = "AutomaticAllocation", namespace = Namespaces.SASD)
    private String automaticAllocation;

    @XmlElement(name = "AutomaticDeallocation", namespace = Namespaces.SASD)
    private String automaticDeallocation;

    @XmlElement(name = "Caption", namespace = Namespaces.SASD)
    private String caption;

    @XmlElement(name = "ChangeableType", namespace = Namespaces.SASD)
    private String changeableType;

    @XmlElement(name = "ConfigurationName", namespace = Namespaces.SASD)
    private String configurationName;

    @XmlElement(name = "Connection", namespace = Namespaces.SASD)
    private List<String> connections = new ArrayList<>();

    @XmlElement(name = "ConsumerVisibility", namespace = Namespaces.SASD)
    private String consumerVisibility;

    @XmlElement(name = "Description", namespace = Namespaces.SASD)
    private String description;

    @XmlElement(name = "ElementName", namespace = Namespaces.SASD)
    private String elementName;

    @XmlElement(name = "Generation", namespace = Namespaces.SASD)
    private String generation;

    @XmlElement(name = "HostExtentName", namespace = Namespaces.SASD)
    private String hostExtentName;

    @XmlElement(name = "HostExtentNameFormat", namespace = Namespaces.SASD)
    private String hostExtentNameFormat;

    @XmlElement(name = "HostExtentNameNamespace", namespace = Namespaces.SASD)
    private String hostExtentNameNamespace;

    @XmlElement(name = "HostExtentStartingAddress", namespace = Namespaces.SASD)
    private String hostExtentStartingAddress;

    @XmlElement(name = "HostResource", namespace = Namespaces.SASD)
    private List<String> hostResources = new ArrayList<>();

    @XmlElement(name = "HostResourceBlockSize", namespace = Namespaces.SASD)
    private String hostResourceBlockSize;

    @XmlElement(name = "InstanceID", namespace = Namespaces.SASD)
    private String instanceId;

    @XmlElement(name = "Limit", namespace = Namespaces.SASD)
    private String limit;

    @XmlElement(name = "MappingBehavior", namespace = Namespaces.SASD)
    private String mappingBehavior;

    @XmlElement(name = "OtherHostExtentNameFormat", namespace = Namespaces.SASD)
    private String otherHostExtentNameFormat;

    @XmlElement(name = "OtherHostExtentNameNamespace", namespace = Namespaces.SASD)
    private String otherHostExtentNameNamespace;

    @XmlElement(name = "OtherResourceType", namespace = Namespaces.SASD)
    private String otherResourceType;

    @XmlElement(name = "Parent", namespace = Namespaces.SASD)
    private String parent;

    @XmlElement(name = "PoolID", namespace = Namespaces.SASD)
    private String poolId;

    @XmlElement(name = "Reservation", namespace = Namespaces.SASD)
    private String reservation;

    @XmlElement(name = "ResourceSubType", namespace = Namespaces.SASD)
    private String resourceSubType;

    @XmlElement(name = "ResourceType", namespace = Namespaces.SASD)
    private String resourceType;

    @XmlElement(name = "SoID", namespace = Namespaces.SASD)
    private String soId;

    @XmlElement(name = "SoOrgID", namespace = Namespaces.SASD)
    private String soOrgId;

    @XmlElement(name = "VirtualQuantity", namespace = Namespaces.SASD)
    private String virtualQuantity;

    @XmlElement(name = "VirtualQuantityUnits", namespace = Namespaces.SASD)
    private String virtualQuantityUnits;

    @XmlElement(name = "VirtualResourceBlockSize", namespace = Namespaces.SASD)
    private String virtualResourceBlockSize;

    @XmlElement(name = "Weight", namespace = Namespaces.SASD)
    private String weight;

    @XmlElementRefs({
        @XmlElementRef(type = VmwConfig.class),
        @XmlElementRef(type = VmwCoresPerSocket.class)
    })
    @XmlAnyElement
    private List<Object> extensions = new ArrayList<>();

    @XmlAttribute(name = "required")
    private Boolean required;

    @XmlAttribute(name = "configuration")
    private String configuration;

    @XmlAttribute(name = "bound")
    private String bound;

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty element; JAXB uses this constructor. */
    public StorageAllocationSettingData() {
    }

    /** Always {@link DeviceItem.Kind#STORAGE_ITEM}. */
    @Override
    public Kind kind() {
        return Kind.STORAGE_ITEM;
    }

    /** {@code sasd:Access}: the access the storage allows (1 read, 2 write, 3 read/write); {@code null} when absent. */
    public String getAccess() {
        return access;
    }

    /** Sets {@code sasd:Access}; {@code null} removes it. */
    public void setAccess(String value) {
        this.access = value;
    }

    /** {@code sasd:Address}: the bus number of a controller, or the MAC address of a NIC; {@code null} when absent. */
    @Override
    public String getAddress() {
        return address;
    }

    /** Sets {@code sasd:Address}; {@code null} removes it. */
    @Override
    public void setAddress(String value) {
        this.address = value;
    }

    /** {@code sasd:AddressOnParent}: the slot or unit on the parent controller; {@code null} when absent. */
    @Override
    public String getAddressOnParent() {
        return addressOnParent;
    }

    /** Sets {@code sasd:AddressOnParent}; {@code null} removes it. */
    @Override
    public void setAddressOnParent(String value) {
        this.addressOnParent = value;
    }

    /** {@code sasd:AllocationUnits}: DSP0004 programmatic units such as {@code byte * 2^20}; {@code null} when absent. */
    @Override
    public String getAllocationUnits() {
        return allocationUnits;
    }

    /** Sets {@code sasd:AllocationUnits}; {@code null} removes it. */
    @Override
    public void setAllocationUnits(String value) {
        this.allocationUnits = value;
    }

    /** {@code sasd:AutomaticAllocation}: whether the device is connected at power-on; {@code null} when absent. */
    @Override
    public String getAutomaticAllocation() {
        return automaticAllocation;
    }

    /** Sets {@code sasd:AutomaticAllocation}; {@code null} removes it. */
    @Override
    public void setAutomaticAllocation(String value) {
        this.automaticAllocation = value;
    }

    /** {@code sasd:AutomaticDeallocation}: whether the resource is released when the system stops; {@code null} when absent. */
    public String getAutomaticDeallocation() {
        return automaticDeallocation;
    }

    /** Sets {@code sasd:AutomaticDeallocation}; {@code null} removes it. */
    public void setAutomaticDeallocation(String value) {
        this.automaticDeallocation = value;
    }

    /** {@code sasd:Caption}: a short description (64 characters at most); {@code null} when absent. */
    @Override
    public String getCaption() {
        return caption;
    }

    /** Sets {@code sasd:Caption}; {@code null} removes it. */
    @Override
    public void setCaption(String value) {
        this.caption = value;
    }

    /** {@code sasd:ChangeableType}: whether the setting is fixed, a template or changeable (CIM 2.x); {@code null} when absent. */
    public String getChangeableType() {
        return changeableType;
    }

    /** Sets {@code sasd:ChangeableType}; {@code null} removes it. */
    public void setChangeableType(String value) {
        this.changeableType = value;
    }

    /** {@code sasd:ConfigurationName}: the CIM configuration name (CIM 2.x); {@code null} when absent. */
    public String getConfigurationName() {
        return configurationName;
    }

    /** Sets {@code sasd:ConfigurationName}; {@code null} removes it. */
    public void setConfigurationName(String value) {
        this.configurationName = value;
    }

    /** {@code sasd:Connection} elements: network names from the {@code NetworkSection} (live list). */
    @Override
    public List<String> getConnections() {
        return connections;
    }

    /** {@code sasd:ConsumerVisibility}: whether the guest sees the resource as passed-through or virtualized; {@code null} when absent. */
    public String getConsumerVisibility() {
        return consumerVisibility;
    }

    /** Sets {@code sasd:ConsumerVisibility}; {@code null} removes it. */
    public void setConsumerVisibility(String value) {
        this.consumerVisibility = value;
    }

    /** {@code sasd:Description}: free text; {@code null} when absent. */
    @Override
    public String getDescription() {
        return description;
    }

    /** Sets {@code sasd:Description}; {@code null} removes it. */
    @Override
    public void setDescription(String value) {
        this.description = value;
    }

    /** {@code sasd:ElementName}: the human-readable label; {@code null} when absent. */
    @Override
    public String getElementName() {
        return elementName;
    }

    /** Sets {@code sasd:ElementName}; {@code null} removes it. */
    @Override
    public void setElementName(String value) {
        this.elementName = value;
    }

    /** {@code sasd:Generation}: the CIM generation counter (CIM 2.x); {@code null} when absent. */
    public String getGeneration() {
        return generation;
    }

    /** Sets {@code sasd:Generation}; {@code null} removes it. */
    public void setGeneration(String value) {
        this.generation = value;
    }

    /** {@code sasd:HostExtentName}: the name of the host storage extent; {@code null} when absent. */
    public String getHostExtentName() {
        return hostExtentName;
    }

    /** Sets {@code sasd:HostExtentName}; {@code null} removes it. */
    public void setHostExtentName(String value) {
        this.hostExtentName = value;
    }

    /** {@code sasd:HostExtentNameFormat}: the format of {@code HostExtentName}; {@code null} when absent. */
    public String getHostExtentNameFormat() {
        return hostExtentNameFormat;
    }

    /** Sets {@code sasd:HostExtentNameFormat}; {@code null} removes it. */
    public void setHostExtentNameFormat(String value) {
        this.hostExtentNameFormat = value;
    }

    /** {@code sasd:HostExtentNameNamespace}: the namespace of {@code HostExtentName}; {@code null} when absent. */
    public String getHostExtentNameNamespace() {
        return hostExtentNameNamespace;
    }

    /** Sets {@code sasd:HostExtentNameNamespace}; {@code null} removes it. */
    public void setHostExtentNameNamespace(String value) {
        this.hostExtentNameNamespace = value;
    }

    /** {@code sasd:HostExtentStartingAddress}: the start of the allocation in the host extent, in blocks; {@code null} when absent. */
    public String getHostExtentStartingAddress() {
        return hostExtentStartingAddress;
    }

    /** Sets {@code sasd:HostExtentStartingAddress}; {@code null} removes it. */
    public void setHostExtentStartingAddress(String value) {
        this.hostExtentStartingAddress = value;
    }

    /** {@code sasd:HostResource} elements: backings such as {@code ovf:/disk/<id>} or {@code ovf:/file/<id>} (live list). */
    @Override
    public List<String> getHostResources() {
        return hostResources;
    }

    /** {@code sasd:HostResourceBlockSize}: the block size of the host extent; {@code null} when absent. */
    public String getHostResourceBlockSize() {
        return hostResourceBlockSize;
    }

    /** Sets {@code sasd:HostResourceBlockSize}; {@code null} removes it. */
    public void setHostResourceBlockSize(String value) {
        this.hostResourceBlockSize = value;
    }

    /** {@code sasd:InstanceID}: the id within the section, referenced by {@code Parent}; {@code null} when absent. */
    @Override
    public String getInstanceId() {
        return instanceId;
    }

    /** Sets {@code sasd:InstanceID}; {@code null} removes it. */
    @Override
    public void setInstanceId(String value) {
        this.instanceId = value;
    }

    /** {@code sasd:Limit}: the maximum; {@code null} when absent. */
    @Override
    public String getLimit() {
        return limit;
    }

    /** Sets {@code sasd:Limit}; {@code null} removes it. */
    @Override
    public void setLimit(String value) {
        this.limit = value;
    }

    /** {@code sasd:MappingBehavior}: how the resource maps to the host resource; {@code null} when absent. */
    public String getMappingBehavior() {
        return mappingBehavior;
    }

    /** Sets {@code sasd:MappingBehavior}; {@code null} removes it. */
    public void setMappingBehavior(String value) {
        this.mappingBehavior = value;
    }

    /** {@code sasd:OtherHostExtentNameFormat}: free text when {@code HostExtentNameFormat} is Other; {@code null} when absent. */
    public String getOtherHostExtentNameFormat() {
        return otherHostExtentNameFormat;
    }

    /** Sets {@code sasd:OtherHostExtentNameFormat}; {@code null} removes it. */
    public void setOtherHostExtentNameFormat(String value) {
        this.otherHostExtentNameFormat = value;
    }

    /** {@code sasd:OtherHostExtentNameNamespace}: free text when {@code HostExtentNameNamespace} is Other; {@code null} when absent. */
    public String getOtherHostExtentNameNamespace() {
        return otherHostExtentNameNamespace;
    }

    /** Sets {@code sasd:OtherHostExtentNameNamespace}; {@code null} removes it. */
    public void setOtherHostExtentNameNamespace(String value) {
        this.otherHostExtentNameNamespace = value;
    }

    /** {@code sasd:OtherResourceType}: free text for resource type 1 (Other); {@code null} when absent. */
    @Override
    public String getOtherResourceType() {
        return otherResourceType;
    }

    /** Sets {@code sasd:OtherResourceType}; {@code null} removes it. */
    @Override
    public void setOtherResourceType(String value) {
        this.otherResourceType = value;
    }

    /** {@code sasd:Parent}: the {@code InstanceID} of the controller this device is attached to; {@code null} when absent. */
    @Override
    public String getParent() {
        return parent;
    }

    /** Sets {@code sasd:Parent}; {@code null} removes it. */
    @Override
    public void setParent(String value) {
        this.parent = value;
    }

    /** {@code sasd:PoolID}: the resource pool the resource comes from; {@code null} when absent. */
    public String getPoolId() {
        return poolId;
    }

    /** Sets {@code sasd:PoolID}; {@code null} removes it. */
    public void setPoolId(String value) {
        this.poolId = value;
    }

    /** {@code sasd:Reservation}: the guaranteed minimum; {@code null} when absent. */
    @Override
    public String getReservation() {
        return reservation;
    }

    /** Sets {@code sasd:Reservation}; {@code null} removes it. */
    @Override
    public void setReservation(String value) {
        this.reservation = value;
    }

    /** {@code sasd:ResourceSubType}: the device model, possibly a list of acceptable models; {@code null} when absent. */
    @Override
    public String getResourceSubType() {
        return resourceSubType;
    }

    /** Sets {@code sasd:ResourceSubType}; {@code null} removes it. */
    @Override
    public void setResourceSubType(String value) {
        this.resourceSubType = value;
    }

    /** {@code sasd:ResourceType}: the CIM resource type number (3 processor, 4 memory, 17 disk, ...); {@code null} when absent. */
    @Override
    public String getResourceType() {
        return resourceType;
    }

    /** Sets {@code sasd:ResourceType}; {@code null} removes it. */
    @Override
    public void setResourceType(String value) {
        this.resourceType = value;
    }

    /** {@code sasd:SoID}: the service-offering id (CIM 2.x); {@code null} when absent. */
    public String getSoId() {
        return soId;
    }

    /** Sets {@code sasd:SoID}; {@code null} removes it. */
    public void setSoId(String value) {
        this.soId = value;
    }

    /** {@code sasd:SoOrgID}: the service-offering organisation id (CIM 2.x); {@code null} when absent. */
    public String getSoOrgId() {
        return soOrgId;
    }

    /** Sets {@code sasd:SoOrgID}; {@code null} removes it. */
    public void setSoOrgId(String value) {
        this.soOrgId = value;
    }

    /** {@code sasd:VirtualQuantity}: the amount in {@code AllocationUnits}, or a count; {@code null} when absent. */
    @Override
    public String getVirtualQuantity() {
        return virtualQuantity;
    }

    /** Sets {@code sasd:VirtualQuantity}; {@code null} removes it. */
    @Override
    public void setVirtualQuantity(String value) {
        this.virtualQuantity = value;
    }

    /** {@code sasd:VirtualQuantityUnits}: the units of {@code VirtualQuantity} when it is not a count; {@code null} when absent. */
    public String getVirtualQuantityUnits() {
        return virtualQuantityUnits;
    }

    /** Sets {@code sasd:VirtualQuantityUnits}; {@code null} removes it. */
    public void setVirtualQuantityUnits(String value) {
        this.virtualQuantityUnits = value;
    }

    /** {@code sasd:VirtualResourceBlockSize}: the block size the guest sees; {@code null} when absent. */
    public String getVirtualResourceBlockSize() {
        return virtualResourceBlockSize;
    }

    /** Sets {@code sasd:VirtualResourceBlockSize}; {@code null} removes it. */
    public void setVirtualResourceBlockSize(String value) {
        this.virtualResourceBlockSize = value;
    }

    /** {@code sasd:Weight}: the relative share; {@code null} when absent. */
    @Override
    public String getWeight() {
        return weight;
    }

    /** Sets {@code sasd:Weight}; {@code null} removes it. */
    @Override
    public void setWeight(String value) {
        this.weight = value;
    }

    @Override
    public String getConfiguration() {
        return configuration;
    }

    @Override
    public void setConfiguration(String value) {
        this.configuration = value;
    }

    @Override
    public String getBound() {
        return bound;
    }

    @Override
    public void setBound(String value) {
        this.bound = value;
    }

    @Override
    public Boolean getRequired() {
        return required;
    }

    @Override
    public void setRequired(Boolean value) {
        this.required = value;
    }

    @Override
    public List<Object> getExtensions() {
        return extensions;
    }

    @Override
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
