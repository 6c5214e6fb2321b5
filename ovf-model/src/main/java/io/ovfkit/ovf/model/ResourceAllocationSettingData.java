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
 * A hardware {@code Item} ({@code RASD_Type}, CIM_ResourceAllocationSettingData): one virtual
 * device or resource request of a {@code VirtualHardwareSection} or
 * {@code ResourceAllocationSection}. Children are in the rasd namespace and, as the CIM schema
 * demands, marshalled in alphabetical order; extension elements ({@code vmw:Config},
 * {@code vmw:CoresPerSocket}, unknown ones) follow in document order. CIM elements not modelled
 * here (such as {@code ComponentSetting}) are kept among the extensions.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "RASD_Type", propOrder = {
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
        "hostResources",
        "instanceId",
        "limit",
        "mappingBehavior",
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
        "weight",
        "extensions"
})
public class ResourceAllocationSettingData implements DeviceItem {
    @XmlElement(name = "Address", namespace = Namespaces.RASD)
    private String address;

    @XmlElement(name = "AddressOnParent", namespace = Namespaces.RASD)
    private String addressOnParent;

    @XmlElement(name = "AllocationUnits", namespace = Namespaces.RASD)
    private String allocationUnits;

    @XmlElement(name = "AutomaticAllocation", namespace = Namespaces.RASD)
    private String automaticAllocation;

    @XmlElement(name = "AutomaticDeallocation", namespace = Namespaces.RASD)
    private String automaticDeallocation;

    @XmlElement(name = "Caption", namespace = Namespaces.RASD)
    private String caption;

    @XmlElement(name = "ChangeableType", namespace = Namespaces.RASD)
    private String changeableType;

    @XmlElement(name = "ConfigurationName", namespace = Namespaces.RASD)
    private String configurationName;

    @XmlElement(name = "Connection", namespace = Namespaces.RASD)
    private List<String> connections = new ArrayList<>();

    @XmlElement(name = "ConsumerVisibility", namespace = Namespaces.RASD)
    private String consumerVisibility;

    @XmlElement(name = "Description", namespace = Namespaces.RASD)
    private String description;

    @XmlElement(name = "ElementName", namespace = Namespaces.RASD)
    private String elementName;

    @XmlElement(name = "Generation", namespace = Namespaces.RASD)
    private String generation;

    @XmlElement(name = "HostResource", namespace = Namespaces.RASD)
    private List<String> hostResources = new ArrayList<>();

    @XmlElement(name = "InstanceID", namespace = Namespaces.RASD)
    private String instanceId;

    @XmlElement(name = "Limit", namespace = Namespaces.RASD)
    private String limit;

    @XmlElement(name = "MappingBehavior", namespace = Namespaces.RASD)
    private String mappingBehavior;

    @XmlElement(name = "OtherResourceType", namespace = Namespaces.RASD)
    private String otherResourceType;

    @XmlElement(name = "Parent", namespace = Namespaces.RASD)
    private String parent;

    @XmlElement(name = "PoolID", namespace = Namespaces.RASD)
    private String poolId;

    @XmlElement(name = "Reservation", namespace = Namespaces.RASD)
    private String reservation;

    @XmlElement(name = "ResourceSubType", namespace = Namespaces.RASD)
    private String resourceSubType;

    @XmlElement(name = "ResourceType", namespace = Namespaces.RASD)
    private String resourceType;

    @XmlElement(name = "SoID", namespace = Namespaces.RASD)
    private String soId;

    @XmlElement(name = "SoOrgID", namespace = Namespaces.RASD)
    private String soOrgId;

    @XmlElement(name = "VirtualQuantity", namespace = Namespaces.RASD)
    private String virtualQuantity;

    @XmlElement(name = "VirtualQuantityUnits", namespace = Namespaces.RASD)
    private String virtualQuantityUnits;

    @XmlElement(name = "Weight", namespace = Namespaces.RASD)
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
    public ResourceAllocationSettingData() {
    }

    /** Always {@link DeviceItem.Kind#ITEM}. */
    @Override
    public Kind kind() {
        return Kind.ITEM;
    }

    /** {@code rasd:Address}: the bus number of a controller, or the MAC address of a NIC; {@code null} when absent. */
    @Override
    public String getAddress() {
        return address;
    }

    /** Sets {@code rasd:Address}; {@code null} removes it. */
    @Override
    public void setAddress(String value) {
        this.address = value;
    }

    /** {@code rasd:AddressOnParent}: the slot or unit on the parent controller; {@code null} when absent. */
    @Override
    public String getAddressOnParent() {
        return addressOnParent;
    }

    /** Sets {@code rasd:AddressOnParent}; {@code null} removes it. */
    @Override
    public void setAddressOnParent(String value) {
        this.addressOnParent = value;
    }

    /** {@code rasd:AllocationUnits}: DSP0004 programmatic units such as {@code byte * 2^20}; {@code null} when absent. */
    @Override
    public String getAllocationUnits() {
        return allocationUnits;
    }

    /** Sets {@code rasd:AllocationUnits}; {@code null} removes it. */
    @Override
    public void setAllocationUnits(String value) {
        this.allocationUnits = value;
    }

    /** {@code rasd:AutomaticAllocation}: whether the device is connected at power-on; {@code null} when absent. */
    @Override
    public String getAutomaticAllocation() {
        return automaticAllocation;
    }

    /** Sets {@code rasd:AutomaticAllocation}; {@code null} removes it. */
    @Override
    public void setAutomaticAllocation(String value) {
        this.automaticAllocation = value;
    }

    /** {@code rasd:AutomaticDeallocation}: whether the resource is released when the system stops; {@code null} when absent. */
    public String getAutomaticDeallocation() {
        return automaticDeallocation;
    }

    /** Sets {@code rasd:AutomaticDeallocation}; {@code null} removes it. */
    public void setAutomaticDeallocation(String value) {
        this.automaticDeallocation = value;
    }

    /** {@code rasd:Caption}: a short description (64 characters at most); {@code null} when absent. */
    @Override
    public String getCaption() {
        return caption;
    }

    /** Sets {@code rasd:Caption}; {@code null} removes it. */
    @Override
    public void setCaption(String value) {
        this.caption = value;
    }

    /** {@code rasd:ChangeableType}: whether the setting is fixed, a template or changeable (CIM 2.x); {@code null} when absent. */
    public String getChangeableType() {
        return changeableType;
    }

    /** Sets {@code rasd:ChangeableType}; {@code null} removes it. */
    public void setChangeableType(String value) {
        this.changeableType = value;
    }

    /** {@code rasd:ConfigurationName}: the CIM configuration name (CIM 2.x); {@code null} when absent. */
    public String getConfigurationName() {
        return configurationName;
    }

    /** Sets {@code rasd:ConfigurationName}; {@code null} removes it. */
    public void setConfigurationName(String value) {
        this.configurationName = value;
    }

    /** {@code rasd:Connection} elements: network names from the {@code NetworkSection} (live list). */
    @Override
    public List<String> getConnections() {
        return connections;
    }

    /** {@code rasd:ConsumerVisibility}: whether the guest sees the resource as passed-through or virtualized; {@code null} when absent. */
    public String getConsumerVisibility() {
        return consumerVisibility;
    }

    /** Sets {@code rasd:ConsumerVisibility}; {@code null} removes it. */
    public void setConsumerVisibility(String value) {
        this.consumerVisibility = value;
    }

    /** {@code rasd:Description}: free text; {@code null} when absent. */
    @Override
    public String getDescription() {
        return description;
    }

    /** Sets {@code rasd:Description}; {@code null} removes it. */
    @Override
    public void setDescription(String value) {
        this.description = value;
    }

    /** {@code rasd:ElementName}: the human-readable label; {@code null} when absent. */
    @Override
    public String getElementName() {
        return elementName;
    }

    /** Sets {@code rasd:ElementName}; {@code null} removes it. */
    @Override
    public void setElementName(String value) {
        this.elementName = value;
    }

    /** {@code rasd:Generation}: the CIM generation counter (CIM 2.x); {@code null} when absent. */
    public String getGeneration() {
        return generation;
    }

    /** Sets {@code rasd:Generation}; {@code null} removes it. */
    public void setGeneration(String value) {
        this.generation = value;
    }

    /** {@code rasd:HostResource} elements: backings such as {@code ovf:/disk/<id>} or {@code ovf:/file/<id>} (live list). */
    @Override
    public List<String> getHostResources() {
        return hostResources;
    }

    /** {@code rasd:InstanceID}: the id within the section, referenced by {@code Parent}; {@code null} when absent. */
    @Override
    public String getInstanceId() {
        return instanceId;
    }

    /** Sets {@code rasd:InstanceID}; {@code null} removes it. */
    @Override
    public void setInstanceId(String value) {
        this.instanceId = value;
    }

    /** {@code rasd:Limit}: the maximum; {@code null} when absent. */
    @Override
    public String getLimit() {
        return limit;
    }

    /** Sets {@code rasd:Limit}; {@code null} removes it. */
    @Override
    public void setLimit(String value) {
        this.limit = value;
    }

    /** {@code rasd:MappingBehavior}: how the resource maps to the host resource; {@code null} when absent. */
    public String getMappingBehavior() {
        return mappingBehavior;
    }

    /** Sets {@code rasd:MappingBehavior}; {@code null} removes it. */
    public void setMappingBehavior(String value) {
        this.mappingBehavior = value;
    }

    /** {@code rasd:OtherResourceType}: free text for resource type 1 (Other); {@code null} when absent. */
    @Override
    public String getOtherResourceType() {
        return otherResourceType;
    }

    /** Sets {@code rasd:OtherResourceType}; {@code null} removes it. */
    @Override
    public void setOtherResourceType(String value) {
        this.otherResourceType = value;
    }

    /** {@code rasd:Parent}: the {@code InstanceID} of the controller this device is attached to; {@code null} when absent. */
    @Override
    public String getParent() {
        return parent;
    }

    /** Sets {@code rasd:Parent}; {@code null} removes it. */
    @Override
    public void setParent(String value) {
        this.parent = value;
    }

    /** {@code rasd:PoolID}: the resource pool the resource comes from; {@code null} when absent. */
    public String getPoolId() {
        return poolId;
    }

    /** Sets {@code rasd:PoolID}; {@code null} removes it. */
    public void setPoolId(String value) {
        this.poolId = value;
    }

    /** {@code rasd:Reservation}: the guaranteed minimum; {@code null} when absent. */
    @Override
    public String getReservation() {
        return reservation;
    }

    /** Sets {@code rasd:Reservation}; {@code null} removes it. */
    @Override
    public void setReservation(String value) {
        this.reservation = value;
    }

    /** {@code rasd:ResourceSubType}: the device model, possibly a list of acceptable models; {@code null} when absent. */
    @Override
    public String getResourceSubType() {
        return resourceSubType;
    }

    /** Sets {@code rasd:ResourceSubType}; {@code null} removes it. */
    @Override
    public void setResourceSubType(String value) {
        this.resourceSubType = value;
    }

    /** {@code rasd:ResourceType}: the CIM resource type number (3 processor, 4 memory, 17 disk, ...); {@code null} when absent. */
    @Override
    public String getResourceType() {
        return resourceType;
    }

    /** Sets {@code rasd:ResourceType}; {@code null} removes it. */
    @Override
    public void setResourceType(String value) {
        this.resourceType = value;
    }

    /** {@code rasd:SoID}: the service-offering id (CIM 2.x); {@code null} when absent. */
    public String getSoId() {
        return soId;
    }

    /** Sets {@code rasd:SoID}; {@code null} removes it. */
    public void setSoId(String value) {
        this.soId = value;
    }

    /** {@code rasd:SoOrgID}: the service-offering organisation id (CIM 2.x); {@code null} when absent. */
    public String getSoOrgId() {
        return soOrgId;
    }

    /** Sets {@code rasd:SoOrgID}; {@code null} removes it. */
    public void setSoOrgId(String value) {
        this.soOrgId = value;
    }

    /** {@code rasd:VirtualQuantity}: the amount in {@code AllocationUnits}, or a count; {@code null} when absent. */
    @Override
    public String getVirtualQuantity() {
        return virtualQuantity;
    }

    /** Sets {@code rasd:VirtualQuantity}; {@code null} removes it. */
    @Override
    public void setVirtualQuantity(String value) {
        this.virtualQuantity = value;
    }

    /** {@code rasd:VirtualQuantityUnits}: the units of {@code VirtualQuantity} when it is not a count; {@code null} when absent. */
    public String getVirtualQuantityUnits() {
        return virtualQuantityUnits;
    }

    /** Sets {@code rasd:VirtualQuantityUnits}; {@code null} removes it. */
    public void setVirtualQuantityUnits(String value) {
        this.virtualQuantityUnits = value;
    }

    /** {@code rasd:Weight}: the relative share; {@code null} when absent. */
    @Override
    public String getWeight() {
        return weight;
    }

    /** Sets {@code rasd:Weight}; {@code null} removes it. */
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
