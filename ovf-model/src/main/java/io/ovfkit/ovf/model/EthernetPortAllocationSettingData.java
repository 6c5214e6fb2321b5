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
 * An OVF 2 {@code EthernetPortItem} ({@code EPASD_Type}, CIM_EthernetPortAllocationSettingData): a
 * network adapter of a {@code VirtualHardwareSection}, or an {@code Item} of a
 * {@code NetworkPortProfile}. Children are in the epasd namespace: the RASD properties plus the
 * Ethernet port ones (VLANs, MAC filters, bandwidth), marshalled in alphabetical order; extension
 * elements follow in document order.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "EPASD_Type", propOrder = {
        "address",
        "addressOnParent",
        "allocationUnits",
        "allowedPriorities",
        "allowedToReceiveMacAddresses",
        "allowedToReceiveVlans",
        "allowedToTransmitMacAddresses",
        "allowedToTransmitVlans",
        "automaticAllocation",
        "automaticDeallocation",
        "caption",
        "changeableType",
        "configurationName",
        "connections",
        "consumerVisibility",
        "defaultPortVid",
        "defaultPriority",
        "description",
        "desiredVlanEndpointMode",
        "elementName",
        "generation",
        "groupId",
        "hostResources",
        "instanceId",
        "limit",
        "managerId",
        "mappingBehavior",
        "networkPortProfileId",
        "networkPortProfileIdType",
        "otherEndpointMode",
        "otherNetworkPortProfileIdTypeInfo",
        "otherResourceType",
        "parent",
        "poolId",
        "portCorrelationId",
        "portVid",
        "promiscuous",
        "receiveBandwidthLimit",
        "receiveBandwidthReservation",
        "reservation",
        "resourceSubType",
        "resourceType",
        "soId",
        "soOrgId",
        "sourceMacFilteringEnabled",
        "vsiTypeId",
        "vsiTypeIdVersion",
        "virtualQuantity",
        "virtualQuantityUnits",
        "weight",
        "extensions"
})
public class EthernetPortAllocationSettingData implements DeviceItem {
    @XmlElement(name = "Address", namespace = Namespaces.EPASD)
    private String address;

    @XmlElement(name = "AddressOnParent", namespace = Namespaces.EPASD)
    private String addressOnParent;

    @XmlElement(name = "AllocationUnits", namespace = Namespaces.EPASD)
    private String allocationUnits;

    @XmlElement(name = "AllowedPriorities", namespace = Namespaces.EPASD)
    private List<String> allowedPriorities = new ArrayList<>();

    @XmlElement(name = "AllowedToReceiveMACAddresses", namespace = Namespaces.EPASD)
    private List<String> allowedToReceiveMacAddresses = new ArrayList<>();

    @XmlElement(name = "AllowedToReceiveVLANs", namespace = Namespaces.EPASD)
    private List<String> allowedToReceiveVlans = new ArrayList<>();

    @XmlElement(name = "AllowedToTransmitMACAddresses", namespace = Namespaces.EPASD)
    private List<String> allowedToTransmitMacAddresses = new ArrayList<>();

    @XmlElement(name = "AllowedToTransmitVLANs", namespace = Namespaces.EPASD)
    private List<String> allowedToTransmitVlans = new ArrayList<>();

    @XmlElement(name = "AutomaticAllocation", namespace = Namespaces.EPASD)
    private String automaticAllocation;

    @XmlElement(name = "AutomaticDeallocation", namespace = Namespaces.EPASD)
    private String automaticDeallocation;

    @XmlElement(name = "Caption", namespace = Namespaces.EPASD)
    private String caption;

    @XmlElement(name = "ChangeableType", namespace = Namespaces.EPASD)
    private String changeableType;

    @XmlElement(name = "ConfigurationName", namespace = Namespaces.EPASD)
    private String configurationName;

    @XmlElement(name = "Connection", namespace = Namespaces.EPASD)
    private List<String> connections = new ArrayList<>();

    @XmlElement(name = "ConsumerVisibility", namespace = Namespaces.EPASD)
    private String consumerVisibility;

    @XmlElement(name = "DefaultPortVID", namespace = Namespaces.EPASD)
    private String defaultPortVid;

    @XmlElement(name = "DefaultPriority", namespace = Namespaces.EPASD)
    private String defaultPriority;

    @XmlElement(name = "Description", namespace = Namespaces.EPASD)
    private String description;

    @XmlElement(name = "DesiredVLANEndpointMode", namespace = Namespaces.EPASD)
    private String desiredVlanEndpointMode;

    @XmlElement(name = "ElementName", namespace = Namespaces.EPASD)
    private String elementName;

    @XmlElement(name = "Generation", namespace = Namespaces.EPASD)
    private String generation;

    @XmlElement(name = "GroupID", namespace = Namespaces.EPASD)
    private String groupId;

    @XmlElement(name = "HostResource", namespace = Namespaces.EPASD)
    private List<String> hostResources = new ArrayList<>();

    @XmlElement(name = "InstanceID", namespace = Namespaces.EPASD)
    private String instanceId;

    @XmlElement(name = "Limit", namespace = Namespaces.EPASD)
    private String limit;

    @XmlElement(name = "ManagerID", namespace = Namespaces.EPASD)
    private String managerId;

    @XmlElement(name = "MappingBehavior", namespace = Namespaces.EPASD)
    private String mappingBehavior;

    @XmlElement(name = "NetworkPortProfileID", namespace = Namespaces.EPASD)
    private String networkPortProfileId;

    @XmlElement(name = "NetworkPortProfileIDType", namespace = Namespaces.EPASD)
    private String networkPortProfileIdType;

    @XmlElement(name = "OtherEndpointMode", namespace = Namespaces.EPASD)
    private String otherEndpointMode;

    @XmlElement(name = "OtherNetworkPortProfileIDTypeInfo", namespace = Namespaces.EPASD)
    private String otherNetworkPortProfileIdTypeInfo;

    @XmlElement(name = "OtherResourceType", namespace = Namespaces.EPASD)
    private String otherResourceType;

    @XmlElement(name = "Parent", namespace = Namespaces.EPASD)
    private String parent;

    @XmlElement(name = "PoolID", namespace = Namespaces.EPASD)
    private String poolId;

    @XmlElement(name = "PortCorrelationID", namespace = Namespaces.EPASD)
    private String portCorrelationId;

    @XmlElement(name = "PortVID", namespace = Namespaces.EPASD)
    private String portVid;

    @XmlElement(name = "Promiscuous", namespace = Namespaces.EPASD)
    private String promiscuous;

    @XmlElement(name = "ReceiveBandwidthLimit", namespace = Namespaces.EPASD)
    private String receiveBandwidthLimit;

    @XmlElement(name = "ReceiveBandwidthReservation", namespace = Namespaces.EPASD)
    private String receiveBandwidthReservation;

    @XmlElement(name = "Reservation", namespace = Namespaces.EPASD)
    private String reservation;

    @XmlElement(name = "ResourceSubType", namespace = Namespaces.EPASD)
    private String resourceSubType;

    @XmlElement(name = "ResourceType", namespace = Namespaces.EPASD)
    private String resourceType;

    @XmlElement(name = "SoID", namespace = Namespaces.EPASD)
    private String soId;

    @XmlElement(name = "SoOrgID", namespace = Namespaces.EPASD)
    private String soOrgId;

    @XmlElement(name = "SourceMACFilteringEnabled", namespace = Namespaces.EPASD)
    private String sourceMacFilteringEnabled;

    @XmlElement(name = "VSITypeID", namespace = Namespaces.EPASD)
    private String vsiTypeId;

    @XmlElement(name = "VSITypeIDVersion", namespace = Namespaces.EPASD)
    private String vsiTypeIdVersion;

    @XmlElement(name = "VirtualQuantity", namespace = Namespaces.EPASD)
    private String virtualQuantity;

    @XmlElement(name = "VirtualQuantityUnits", namespace = Namespaces.EPASD)
    private String virtualQuantityUnits;

    @XmlElement(name = "Weight", namespace = Namespaces.EPASD)
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
    public EthernetPortAllocationSettingData() {
    }

    /** Always {@link DeviceItem.Kind#ETHERNET_PORT_ITEM}. */
    @Override
    public Kind kind() {
        return Kind.ETHERNET_PORT_ITEM;
    }

    /** {@code epasd:Address}: the bus number of a controller, or the MAC address of a NIC; {@code null} when absent. */
    @Override
    public String getAddress() {
        return address;
    }

    /** Sets {@code epasd:Address}; {@code null} removes it. */
    @Override
    public void setAddress(String value) {
        this.address = value;
    }

    /** {@code epasd:AddressOnParent}: the slot or unit on the parent controller; {@code null} when absent. */
    @Override
    public String getAddressOnParent() {
        return addressOnParent;
    }

    /** Sets {@code epasd:AddressOnParent}; {@code null} removes it. */
    @Override
    public void setAddressOnParent(String value) {
        this.addressOnParent = value;
    }

    /** {@code epasd:AllocationUnits}: DSP0004 programmatic units such as {@code byte * 2^20}; {@code null} when absent. */
    @Override
    public String getAllocationUnits() {
        return allocationUnits;
    }

    /** Sets {@code epasd:AllocationUnits}; {@code null} removes it. */
    @Override
    public void setAllocationUnits(String value) {
        this.allocationUnits = value;
    }

    /** {@code epasd:AllowedPriorities} elements: the allowed priorities (live list). */
    public List<String> getAllowedPriorities() {
        return allowedPriorities;
    }

    /** {@code epasd:AllowedToReceiveMACAddresses} elements: MAC addresses the port may receive for (live list). */
    public List<String> getAllowedToReceiveMacAddresses() {
        return allowedToReceiveMacAddresses;
    }

    /** {@code epasd:AllowedToReceiveVLANs} elements: VLANs the port may receive on (live list). */
    public List<String> getAllowedToReceiveVlans() {
        return allowedToReceiveVlans;
    }

    /** {@code epasd:AllowedToTransmitMACAddresses} elements: MAC addresses the port may transmit from (live list). */
    public List<String> getAllowedToTransmitMacAddresses() {
        return allowedToTransmitMacAddresses;
    }

    /** {@code epasd:AllowedToTransmitVLANs} elements: VLANs the port may transmit on (live list). */
    public List<String> getAllowedToTransmitVlans() {
        return allowedToTransmitVlans;
    }

    /** {@code epasd:AutomaticAllocation}: whether the device is connected at power-on; {@code null} when absent. */
    @Override
    public String getAutomaticAllocation() {
        return automaticAllocation;
    }

    /** Sets {@code epasd:AutomaticAllocation}; {@code null} removes it. */
    @Override
    public void setAutomaticAllocation(String value) {
        this.automaticAllocation = value;
    }

    /** {@code epasd:AutomaticDeallocation}: whether the resource is released when the system stops; {@code null} when absent. */
    public String getAutomaticDeallocation() {
        return automaticDeallocation;
    }

    /** Sets {@code epasd:AutomaticDeallocation}; {@code null} removes it. */
    public void setAutomaticDeallocation(String value) {
        this.automaticDeallocation = value;
    }

    /** {@code epasd:Caption}: a short description (64 characters at most); {@code null} when absent. */
    @Override
    public String getCaption() {
        return caption;
    }

    /** Sets {@code epasd:Caption}; {@code null} removes it. */
    @Override
    public void setCaption(String value) {
        this.caption = value;
    }

    /** {@code epasd:ChangeableType}: whether the setting is fixed, a template or changeable (CIM 2.x); {@code null} when absent. */
    public String getChangeableType() {
        return changeableType;
    }

    /** Sets {@code epasd:ChangeableType}; {@code null} removes it. */
    public void setChangeableType(String value) {
        this.changeableType = value;
    }

    /** {@code epasd:ConfigurationName}: the CIM configuration name (CIM 2.x); {@code null} when absent. */
    public String getConfigurationName() {
        return configurationName;
    }

    /** Sets {@code epasd:ConfigurationName}; {@code null} removes it. */
    public void setConfigurationName(String value) {
        this.configurationName = value;
    }

    /** {@code epasd:Connection} elements: network names from the {@code NetworkSection} (live list). */
    @Override
    public List<String> getConnections() {
        return connections;
    }

    /** {@code epasd:ConsumerVisibility}: whether the guest sees the resource as passed-through or virtualized; {@code null} when absent. */
    public String getConsumerVisibility() {
        return consumerVisibility;
    }

    /** Sets {@code epasd:ConsumerVisibility}; {@code null} removes it. */
    public void setConsumerVisibility(String value) {
        this.consumerVisibility = value;
    }

    /** {@code epasd:DefaultPortVID}: the default VLAN id of the port; {@code null} when absent. */
    public String getDefaultPortVid() {
        return defaultPortVid;
    }

    /** Sets {@code epasd:DefaultPortVID}; {@code null} removes it. */
    public void setDefaultPortVid(String value) {
        this.defaultPortVid = value;
    }

    /** {@code epasd:DefaultPriority}: the default priority; {@code null} when absent. */
    public String getDefaultPriority() {
        return defaultPriority;
    }

    /** Sets {@code epasd:DefaultPriority}; {@code null} removes it. */
    public void setDefaultPriority(String value) {
        this.defaultPriority = value;
    }

    /** {@code epasd:Description}: free text; {@code null} when absent. */
    @Override
    public String getDescription() {
        return description;
    }

    /** Sets {@code epasd:Description}; {@code null} removes it. */
    @Override
    public void setDescription(String value) {
        this.description = value;
    }

    /** {@code epasd:DesiredVLANEndpointMode}: the desired VLAN endpoint mode; {@code null} when absent. */
    public String getDesiredVlanEndpointMode() {
        return desiredVlanEndpointMode;
    }

    /** Sets {@code epasd:DesiredVLANEndpointMode}; {@code null} removes it. */
    public void setDesiredVlanEndpointMode(String value) {
        this.desiredVlanEndpointMode = value;
    }

    /** {@code epasd:ElementName}: the human-readable label; {@code null} when absent. */
    @Override
    public String getElementName() {
        return elementName;
    }

    /** Sets {@code epasd:ElementName}; {@code null} removes it. */
    @Override
    public void setElementName(String value) {
        this.elementName = value;
    }

    /** {@code epasd:Generation}: the CIM generation counter (CIM 2.x); {@code null} when absent. */
    public String getGeneration() {
        return generation;
    }

    /** Sets {@code epasd:Generation}; {@code null} removes it. */
    public void setGeneration(String value) {
        this.generation = value;
    }

    /** {@code epasd:GroupID}: the group id; {@code null} when absent. */
    public String getGroupId() {
        return groupId;
    }

    /** Sets {@code epasd:GroupID}; {@code null} removes it. */
    public void setGroupId(String value) {
        this.groupId = value;
    }

    /** {@code epasd:HostResource} elements: backings such as {@code ovf:/disk/<id>} or {@code ovf:/file/<id>} (live list). */
    @Override
    public List<String> getHostResources() {
        return hostResources;
    }

    /** {@code epasd:InstanceID}: the id within the section, referenced by {@code Parent}; {@code null} when absent. */
    @Override
    public String getInstanceId() {
        return instanceId;
    }

    /** Sets {@code epasd:InstanceID}; {@code null} removes it. */
    @Override
    public void setInstanceId(String value) {
        this.instanceId = value;
    }

    /** {@code epasd:Limit}: the maximum; {@code null} when absent. */
    @Override
    public String getLimit() {
        return limit;
    }

    /** Sets {@code epasd:Limit}; {@code null} removes it. */
    @Override
    public void setLimit(String value) {
        this.limit = value;
    }

    /** {@code epasd:ManagerID}: the VSI manager id; {@code null} when absent. */
    public String getManagerId() {
        return managerId;
    }

    /** Sets {@code epasd:ManagerID}; {@code null} removes it. */
    public void setManagerId(String value) {
        this.managerId = value;
    }

    /** {@code epasd:MappingBehavior}: how the resource maps to the host resource; {@code null} when absent. */
    public String getMappingBehavior() {
        return mappingBehavior;
    }

    /** Sets {@code epasd:MappingBehavior}; {@code null} removes it. */
    public void setMappingBehavior(String value) {
        this.mappingBehavior = value;
    }

    /** {@code epasd:NetworkPortProfileID}: the network port profile id; {@code null} when absent. */
    public String getNetworkPortProfileId() {
        return networkPortProfileId;
    }

    /** Sets {@code epasd:NetworkPortProfileID}; {@code null} removes it. */
    public void setNetworkPortProfileId(String value) {
        this.networkPortProfileId = value;
    }

    /** {@code epasd:NetworkPortProfileIDType}: the type of {@code NetworkPortProfileID}; {@code null} when absent. */
    public String getNetworkPortProfileIdType() {
        return networkPortProfileIdType;
    }

    /** Sets {@code epasd:NetworkPortProfileIDType}; {@code null} removes it. */
    public void setNetworkPortProfileIdType(String value) {
        this.networkPortProfileIdType = value;
    }

    /** {@code epasd:OtherEndpointMode}: free text when {@code DesiredVLANEndpointMode} is Other; {@code null} when absent. */
    public String getOtherEndpointMode() {
        return otherEndpointMode;
    }

    /** Sets {@code epasd:OtherEndpointMode}; {@code null} removes it. */
    public void setOtherEndpointMode(String value) {
        this.otherEndpointMode = value;
    }

    /** {@code epasd:OtherNetworkPortProfileIDTypeInfo}: free text when {@code NetworkPortProfileIDType} is Other; {@code null} when absent. */
    public String getOtherNetworkPortProfileIdTypeInfo() {
        return otherNetworkPortProfileIdTypeInfo;
    }

    /** Sets {@code epasd:OtherNetworkPortProfileIDTypeInfo}; {@code null} removes it. */
    public void setOtherNetworkPortProfileIdTypeInfo(String value) {
        this.otherNetworkPortProfileIdTypeInfo = value;
    }

    /** {@code epasd:OtherResourceType}: free text for resource type 1 (Other); {@code null} when absent. */
    @Override
    public String getOtherResourceType() {
        return otherResourceType;
    }

    /** Sets {@code epasd:OtherResourceType}; {@code null} removes it. */
    @Override
    public void setOtherResourceType(String value) {
        this.otherResourceType = value;
    }

    /** {@code epasd:Parent}: the {@code InstanceID} of the controller this device is attached to; {@code null} when absent. */
    @Override
    public String getParent() {
        return parent;
    }

    /** Sets {@code epasd:Parent}; {@code null} removes it. */
    @Override
    public void setParent(String value) {
        this.parent = value;
    }

    /** {@code epasd:PoolID}: the resource pool the resource comes from; {@code null} when absent. */
    public String getPoolId() {
        return poolId;
    }

    /** Sets {@code epasd:PoolID}; {@code null} removes it. */
    public void setPoolId(String value) {
        this.poolId = value;
    }

    /** {@code epasd:PortCorrelationID}: the port correlation id; {@code null} when absent. */
    public String getPortCorrelationId() {
        return portCorrelationId;
    }

    /** Sets {@code epasd:PortCorrelationID}; {@code null} removes it. */
    public void setPortCorrelationId(String value) {
        this.portCorrelationId = value;
    }

    /** {@code epasd:PortVID}: the port VLAN id; {@code null} when absent. */
    public String getPortVid() {
        return portVid;
    }

    /** Sets {@code epasd:PortVID}; {@code null} removes it. */
    public void setPortVid(String value) {
        this.portVid = value;
    }

    /** {@code epasd:Promiscuous}: whether promiscuous mode is allowed; {@code null} when absent. */
    public String getPromiscuous() {
        return promiscuous;
    }

    /** Sets {@code epasd:Promiscuous}; {@code null} removes it. */
    public void setPromiscuous(String value) {
        this.promiscuous = value;
    }

    /** {@code epasd:ReceiveBandwidthLimit}: the receive bandwidth limit; {@code null} when absent. */
    public String getReceiveBandwidthLimit() {
        return receiveBandwidthLimit;
    }

    /** Sets {@code epasd:ReceiveBandwidthLimit}; {@code null} removes it. */
    public void setReceiveBandwidthLimit(String value) {
        this.receiveBandwidthLimit = value;
    }

    /** {@code epasd:ReceiveBandwidthReservation}: the receive bandwidth reservation; {@code null} when absent. */
    public String getReceiveBandwidthReservation() {
        return receiveBandwidthReservation;
    }

    /** Sets {@code epasd:ReceiveBandwidthReservation}; {@code null} removes it. */
    public void setReceiveBandwidthReservation(String value) {
        this.receiveBandwidthReservation = value;
    }

    /** {@code epasd:Reservation}: the guaranteed minimum; {@code null} when absent. */
    @Override
    public String getReservation() {
        return reservation;
    }

    /** Sets {@code epasd:Reservation}; {@code null} removes it. */
    @Override
    public void setReservation(String value) {
        this.reservation = value;
    }

    /** {@code epasd:ResourceSubType}: the device model, possibly a list of acceptable models; {@code null} when absent. */
    @Override
    public String getResourceSubType() {
        return resourceSubType;
    }

    /** Sets {@code epasd:ResourceSubType}; {@code null} removes it. */
    @Override
    public void setResourceSubType(String value) {
        this.resourceSubType = value;
    }

    /** {@code epasd:ResourceType}: the CIM resource type number (3 processor, 4 memory, 17 disk, ...); {@code null} when absent. */
    @Override
    public String getResourceType() {
        return resourceType;
    }

    /** Sets {@code epasd:ResourceType}; {@code null} removes it. */
    @Override
    public void setResourceType(String value) {
        this.resourceType = value;
    }

    /** {@code epasd:SoID}: the service-offering id (CIM 2.x); {@code null} when absent. */
    public String getSoId() {
        return soId;
    }

    /** Sets {@code epasd:SoID}; {@code null} removes it. */
    public void setSoId(String value) {
        this.soId = value;
    }

    /** {@code epasd:SoOrgID}: the service-offering organisation id (CIM 2.x); {@code null} when absent. */
    public String getSoOrgId() {
        return soOrgId;
    }

    /** Sets {@code epasd:SoOrgID}; {@code null} removes it. */
    public void setSoOrgId(String value) {
        this.soOrgId = value;
    }

    /** {@code epasd:SourceMACFilteringEnabled}: whether source MAC filtering is enabled; {@code null} when absent. */
    public String getSourceMacFilteringEnabled() {
        return sourceMacFilteringEnabled;
    }

    /** Sets {@code epasd:SourceMACFilteringEnabled}; {@code null} removes it. */
    public void setSourceMacFilteringEnabled(String value) {
        this.sourceMacFilteringEnabled = value;
    }

    /** {@code epasd:VSITypeID}: the VSI type id; {@code null} when absent. */
    public String getVsiTypeId() {
        return vsiTypeId;
    }

    /** Sets {@code epasd:VSITypeID}; {@code null} removes it. */
    public void setVsiTypeId(String value) {
        this.vsiTypeId = value;
    }

    /** {@code epasd:VSITypeIDVersion}: the VSI type id version; {@code null} when absent. */
    public String getVsiTypeIdVersion() {
        return vsiTypeIdVersion;
    }

    /** Sets {@code epasd:VSITypeIDVersion}; {@code null} removes it. */
    public void setVsiTypeIdVersion(String value) {
        this.vsiTypeIdVersion = value;
    }

    /** {@code epasd:VirtualQuantity}: the amount in {@code AllocationUnits}, or a count; {@code null} when absent. */
    @Override
    public String getVirtualQuantity() {
        return virtualQuantity;
    }

    /** Sets {@code epasd:VirtualQuantity}; {@code null} removes it. */
    @Override
    public void setVirtualQuantity(String value) {
        this.virtualQuantity = value;
    }

    /** {@code epasd:VirtualQuantityUnits}: the units of {@code VirtualQuantity} when it is not a count; {@code null} when absent. */
    public String getVirtualQuantityUnits() {
        return virtualQuantityUnits;
    }

    /** Sets {@code epasd:VirtualQuantityUnits}; {@code null} removes it. */
    public void setVirtualQuantityUnits(String value) {
        this.virtualQuantityUnits = value;
    }

    /** {@code epasd:Weight}: the relative share; {@code null} when absent. */
    @Override
    public String getWeight() {
        return weight;
    }

    /** Sets {@code epasd:Weight}; {@code null} removes it. */
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
