package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * The {@code System} element of a {@code VirtualHardwareSection} ({@code VSSD_Type},
 * CIM_VirtualSystemSettingData): settings of the virtual system as a whole, above all
 * {@code VirtualSystemType}. Children are in the vssd namespace and marshalled in alphabetical
 * order; foreign elements follow in document order.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "VSSD_Type", propOrder = {
        "automaticRecoveryAction",
        "automaticShutdownAction",
        "automaticStartupAction",
        "automaticStartupActionDelay",
        "automaticStartupActionSequenceNumber",
        "caption",
        "changeableType",
        "configurationDataRoot",
        "configurationFile",
        "configurationId",
        "configurationName",
        "creationTime",
        "description",
        "elementName",
        "generation",
        "instanceId",
        "logDataRoot",
        "notes",
        "recoveryFile",
        "snapshotDataRoot",
        "soId",
        "soOrgId",
        "suspendDataRoot",
        "swapFileDataRoot",
        "virtualSystemIdentifier",
        "virtualSystemType",
        "any"
})
public class VirtualSystemSettingData {
    @XmlElement(name = "AutomaticRecoveryAction", namespace = Namespaces.VSSD)
    private String automaticRecoveryAction;

    @XmlElement(name = "AutomaticShutdownAction", namespace = Namespaces.VSSD)
    private String automaticShutdownAction;

    @XmlElement(name = "AutomaticStartupAction", namespace = Namespaces.VSSD)
    private String automaticStartupAction;

    @XmlElement(name = "AutomaticStartupActionDelay", namespace = Namespaces.VSSD)
    private String automaticStartupActionDelay;

    @XmlElement(name = "AutomaticStartupActionSequenceNumber", namespace = Namespaces.VSSD)
    private String automaticStartupActionSequenceNumber;

    @XmlElement(name = "Caption", namespace = Namespaces.VSSD)
    private String caption;

    @XmlElement(name = "ChangeableType", namespace = Namespaces.VSSD)
    private String changeableType;

    @XmlElement(name = "ConfigurationDataRoot", namespace = Namespaces.VSSD)
    private String configurationDataRoot;

    @XmlElement(name = "ConfigurationFile", namespace = Namespaces.VSSD)
    private String configurationFile;

    @XmlElement(name = "ConfigurationID", namespace = Namespaces.VSSD)
    private String configurationId;

    @XmlElement(name = "ConfigurationName", namespace = Namespaces.VSSD)
    private String configurationName;

    @XmlElement(name = "CreationTime", namespace = Namespaces.VSSD)
    private String creationTime;

    @XmlElement(name = "Description", namespace = Namespaces.VSSD)
    private String description;

    @XmlElement(name = "ElementName", namespace = Namespaces.VSSD)
    private String elementName;

    @XmlElement(name = "Generation", namespace = Namespaces.VSSD)
    private String generation;

    @XmlElement(name = "InstanceID", namespace = Namespaces.VSSD)
    private String instanceId;

    @XmlElement(name = "LogDataRoot", namespace = Namespaces.VSSD)
    private String logDataRoot;

    @XmlElement(name = "Notes", namespace = Namespaces.VSSD)
    private List<String> notes = new ArrayList<>();

    @XmlElement(name = "RecoveryFile", namespace = Namespaces.VSSD)
    private String recoveryFile;

    @XmlElement(name = "SnapshotDataRoot", namespace = Namespaces.VSSD)
    private String snapshotDataRoot;

    @XmlElement(name = "SoID", namespace = Namespaces.VSSD)
    private String soId;

    @XmlElement(name = "SoOrgID", namespace = Namespaces.VSSD)
    private String soOrgId;

    @XmlElement(name = "SuspendDataRoot", namespace = Namespaces.VSSD)
    private String suspendDataRoot;

    @XmlElement(name = "SwapFileDataRoot", namespace = Namespaces.VSSD)
    private String swapFileDataRoot;

    @XmlElement(name = "VirtualSystemIdentifier", namespace = Namespaces.VSSD)
    private String virtualSystemIdentifier;

    @XmlElement(name = "VirtualSystemType", namespace = Namespaces.VSSD)
    private String virtualSystemType;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty element; JAXB uses this constructor. */
    public VirtualSystemSettingData() {
    }

    /** {@code vssd:AutomaticRecoveryAction}: the action on failure (2 none, 3 restart, 4 revert to snapshot); {@code null} when absent. */
    public String getAutomaticRecoveryAction() {
        return automaticRecoveryAction;
    }

    /** Sets {@code vssd:AutomaticRecoveryAction}; {@code null} removes it. */
    public void setAutomaticRecoveryAction(String value) {
        this.automaticRecoveryAction = value;
    }

    /** {@code vssd:AutomaticShutdownAction}: the action when the host shuts down; {@code null} when absent. */
    public String getAutomaticShutdownAction() {
        return automaticShutdownAction;
    }

    /** Sets {@code vssd:AutomaticShutdownAction}; {@code null} removes it. */
    public void setAutomaticShutdownAction(String value) {
        this.automaticShutdownAction = value;
    }

    /** {@code vssd:AutomaticStartupAction}: the action when the host starts; {@code null} when absent. */
    public String getAutomaticStartupAction() {
        return automaticStartupAction;
    }

    /** Sets {@code vssd:AutomaticStartupAction}; {@code null} removes it. */
    public void setAutomaticStartupAction(String value) {
        this.automaticStartupAction = value;
    }

    /** {@code vssd:AutomaticStartupActionDelay}: the delay before the startup action (a CIM interval); {@code null} when absent. */
    public String getAutomaticStartupActionDelay() {
        return automaticStartupActionDelay;
    }

    /** Sets {@code vssd:AutomaticStartupActionDelay}; {@code null} removes it. */
    public void setAutomaticStartupActionDelay(String value) {
        this.automaticStartupActionDelay = value;
    }

    /** {@code vssd:AutomaticStartupActionSequenceNumber}: the order of automatic startup; {@code null} when absent. */
    public String getAutomaticStartupActionSequenceNumber() {
        return automaticStartupActionSequenceNumber;
    }

    /** Sets {@code vssd:AutomaticStartupActionSequenceNumber}; {@code null} removes it. */
    public void setAutomaticStartupActionSequenceNumber(String value) {
        this.automaticStartupActionSequenceNumber = value;
    }

    /** {@code vssd:Caption}: a short description (64 characters at most); {@code null} when absent. */
    public String getCaption() {
        return caption;
    }

    /** Sets {@code vssd:Caption}; {@code null} removes it. */
    public void setCaption(String value) {
        this.caption = value;
    }

    /** {@code vssd:ChangeableType}: whether the setting is fixed, a template or changeable (CIM 2.x); {@code null} when absent. */
    public String getChangeableType() {
        return changeableType;
    }

    /** Sets {@code vssd:ChangeableType}; {@code null} removes it. */
    public void setChangeableType(String value) {
        this.changeableType = value;
    }

    /** {@code vssd:ConfigurationDataRoot}: where the configuration data is kept; {@code null} when absent. */
    public String getConfigurationDataRoot() {
        return configurationDataRoot;
    }

    /** Sets {@code vssd:ConfigurationDataRoot}; {@code null} removes it. */
    public void setConfigurationDataRoot(String value) {
        this.configurationDataRoot = value;
    }

    /** {@code vssd:ConfigurationFile}: the configuration file; {@code null} when absent. */
    public String getConfigurationFile() {
        return configurationFile;
    }

    /** Sets {@code vssd:ConfigurationFile}; {@code null} removes it. */
    public void setConfigurationFile(String value) {
        this.configurationFile = value;
    }

    /** {@code vssd:ConfigurationID}: the configuration id; {@code null} when absent. */
    public String getConfigurationId() {
        return configurationId;
    }

    /** Sets {@code vssd:ConfigurationID}; {@code null} removes it. */
    public void setConfigurationId(String value) {
        this.configurationId = value;
    }

    /** {@code vssd:ConfigurationName}: the CIM configuration name (CIM 2.x); {@code null} when absent. */
    public String getConfigurationName() {
        return configurationName;
    }

    /** Sets {@code vssd:ConfigurationName}; {@code null} removes it. */
    public void setConfigurationName(String value) {
        this.configurationName = value;
    }

    /** {@code vssd:CreationTime}: the creation time (a CIM datetime; only its text is kept); {@code null} when absent. */
    public String getCreationTime() {
        return creationTime;
    }

    /** Sets {@code vssd:CreationTime}; {@code null} removes it. */
    public void setCreationTime(String value) {
        this.creationTime = value;
    }

    /** {@code vssd:Description}: free text; {@code null} when absent. */
    public String getDescription() {
        return description;
    }

    /** Sets {@code vssd:Description}; {@code null} removes it. */
    public void setDescription(String value) {
        this.description = value;
    }

    /** {@code vssd:ElementName}: the human-readable label; {@code null} when absent. */
    public String getElementName() {
        return elementName;
    }

    /** Sets {@code vssd:ElementName}; {@code null} removes it. */
    public void setElementName(String value) {
        this.elementName = value;
    }

    /** {@code vssd:Generation}: the CIM generation counter (CIM 2.x); {@code null} when absent. */
    public String getGeneration() {
        return generation;
    }

    /** Sets {@code vssd:Generation}; {@code null} removes it. */
    public void setGeneration(String value) {
        this.generation = value;
    }

    /** {@code vssd:InstanceID}: the id within the section, referenced by {@code Parent}; {@code null} when absent. */
    public String getInstanceId() {
        return instanceId;
    }

    /** Sets {@code vssd:InstanceID}; {@code null} removes it. */
    public void setInstanceId(String value) {
        this.instanceId = value;
    }

    /** {@code vssd:LogDataRoot}: where log data is kept; {@code null} when absent. */
    public String getLogDataRoot() {
        return logDataRoot;
    }

    /** Sets {@code vssd:LogDataRoot}; {@code null} removes it. */
    public void setLogDataRoot(String value) {
        this.logDataRoot = value;
    }

    /** {@code vssd:Notes} elements: free-text notes (live list). */
    public List<String> getNotes() {
        return notes;
    }

    /** {@code vssd:RecoveryFile}: the recovery file; {@code null} when absent. */
    public String getRecoveryFile() {
        return recoveryFile;
    }

    /** Sets {@code vssd:RecoveryFile}; {@code null} removes it. */
    public void setRecoveryFile(String value) {
        this.recoveryFile = value;
    }

    /** {@code vssd:SnapshotDataRoot}: where snapshot data is kept; {@code null} when absent. */
    public String getSnapshotDataRoot() {
        return snapshotDataRoot;
    }

    /** Sets {@code vssd:SnapshotDataRoot}; {@code null} removes it. */
    public void setSnapshotDataRoot(String value) {
        this.snapshotDataRoot = value;
    }

    /** {@code vssd:SoID}: the service-offering id (CIM 2.x); {@code null} when absent. */
    public String getSoId() {
        return soId;
    }

    /** Sets {@code vssd:SoID}; {@code null} removes it. */
    public void setSoId(String value) {
        this.soId = value;
    }

    /** {@code vssd:SoOrgID}: the service-offering organisation id (CIM 2.x); {@code null} when absent. */
    public String getSoOrgId() {
        return soOrgId;
    }

    /** Sets {@code vssd:SoOrgID}; {@code null} removes it. */
    public void setSoOrgId(String value) {
        this.soOrgId = value;
    }

    /** {@code vssd:SuspendDataRoot}: where suspend data is kept; {@code null} when absent. */
    public String getSuspendDataRoot() {
        return suspendDataRoot;
    }

    /** Sets {@code vssd:SuspendDataRoot}; {@code null} removes it. */
    public void setSuspendDataRoot(String value) {
        this.suspendDataRoot = value;
    }

    /** {@code vssd:SwapFileDataRoot}: where the swap file is kept; {@code null} when absent. */
    public String getSwapFileDataRoot() {
        return swapFileDataRoot;
    }

    /** Sets {@code vssd:SwapFileDataRoot}; {@code null} removes it. */
    public void setSwapFileDataRoot(String value) {
        this.swapFileDataRoot = value;
    }

    /** {@code vssd:VirtualSystemIdentifier}: the virtual system's name or id; {@code null} when absent. */
    public String getVirtualSystemIdentifier() {
        return virtualSystemIdentifier;
    }

    /** Sets {@code vssd:VirtualSystemIdentifier}; {@code null} removes it. */
    public void setVirtualSystemIdentifier(String value) {
        this.virtualSystemIdentifier = value;
    }

    /** {@code vssd:VirtualSystemType}: the virtualization platform type(s), such as {@code vmx-13} or {@code virtualbox-2.2}; {@code null} when absent. */
    public String getVirtualSystemType() {
        return virtualSystemType;
    }

    /** Sets {@code vssd:VirtualSystemType}; {@code null} removes it. */
    public void setVirtualSystemType(String value) {
        this.virtualSystemType = value;
    }

    /** Foreign child elements after the CIM ones, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes not modelled, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
