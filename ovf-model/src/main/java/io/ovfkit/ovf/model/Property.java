package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A {@code ProductSection/Property}: a customization parameter delivered to the guest in the OVF
 * environment. {@code ovf:key} and {@code ovf:type} are required; {@code ovf:value} is the
 * default, which {@code Value} children override per deployment option.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "Property")
@XmlType(propOrder = {"label", "description", "values", "any"})
public class Property {
    @XmlAttribute(name = "key")
    private String key;

    @XmlAttribute(name = "type")
    private String type;

    @XmlAttribute(name = "value")
    private String value;

    @XmlAttribute(name = "userConfigurable")
    private Boolean userConfigurable;

    @XmlAttribute(name = "password")
    private Boolean password;

    @XmlAttribute(name = "qualifiers")
    private String qualifiers;

    @XmlAttribute(name = "configuration")
    private String configuration;

    @XmlAttribute(name = "qualifiers", namespace = Namespaces.VMW)
    private String vmwQualifiers;

    @XmlElement(name = "Label")
    private Msg label;

    @XmlElement(name = "Description")
    private Msg description;

    @XmlElement(name = "Value")
    private List<PropertyValue> values = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty property; JAXB uses this constructor. */
    public Property() {
    }

    /** A property with the given {@code ovf:key} and {@code ovf:type}. */
    public Property(String key, String type) {
        this.key = key;
        this.type = type;
    }

    /** The {@code ovf:key}, unique within the virtual system after class/instance qualification. */
    public String getKey() {
        return key;
    }

    /** Sets {@code ovf:key}. */
    public void setKey(String key) {
        this.key = key;
    }

    /** The {@code ovf:type} as written ({@code string}, {@code uint8}, {@code boolean}, ...). */
    public String getType() {
        return type;
    }

    /** Sets {@code ovf:type}. */
    public void setType(String type) {
        this.type = type;
    }

    /** The {@code ovf:value} default, or {@code null} when absent (the schema default is ""). */
    public String getValue() {
        return value;
    }

    /** Sets {@code ovf:value}; {@code null} removes it. */
    public void setValue(String value) {
        this.value = value;
    }

    /** The {@code ovf:userConfigurable} attribute as written, or {@code null}. */
    public Boolean getUserConfigurable() {
        return userConfigurable;
    }

    /** Sets {@code ovf:userConfigurable}; {@code null} removes it (meaning false). */
    public void setUserConfigurable(Boolean userConfigurable) {
        this.userConfigurable = userConfigurable;
    }

    /** Whether the deployer may set the value: {@code ovf:userConfigurable}, false when absent. */
    public boolean isUserConfigurable() {
        return Boolean.TRUE.equals(userConfigurable);
    }

    /** The {@code ovf:password} attribute (OVF 1.1+) as written, or {@code null}. */
    public Boolean getPassword() {
        return password;
    }

    /** Sets {@code ovf:password}; {@code null} removes it (meaning false). */
    public void setPassword(Boolean password) {
        this.password = password;
    }

    /** Whether user interfaces must mask the value: {@code ovf:password}, false when absent. */
    public boolean isPassword() {
        return Boolean.TRUE.equals(password);
    }

    /** The {@code ovf:qualifiers} CIM constraints ({@code MaxLen(64)}, {@code ValueMap{...}}), or {@code null}. */
    public String getQualifiers() {
        return qualifiers;
    }

    /** Sets {@code ovf:qualifiers}; {@code null} removes it. */
    public void setQualifiers(String qualifiers) {
        this.qualifiers = qualifiers;
    }

    /** The OVF 2 {@code ovf:configuration} deployment options this property applies to, or {@code null}. */
    public String getConfiguration() {
        return configuration;
    }

    /** Sets {@code ovf:configuration}; {@code null} removes it. */
    public void setConfiguration(String configuration) {
        this.configuration = configuration;
    }

    /** VMware's {@code vmw:qualifiers} (such as {@code Ip('Network 1')}), or {@code null}. */
    public String getVmwQualifiers() {
        return vmwQualifiers;
    }

    /** Sets {@code vmw:qualifiers}; {@code null} removes it. */
    public void setVmwQualifiers(String vmwQualifiers) {
        this.vmwQualifiers = vmwQualifiers;
    }

    /** The {@code Label} shown to the deployer, or {@code null}. */
    public Msg getLabel() {
        return label;
    }

    /** Sets the {@code Label}; {@code null} removes it. */
    public void setLabel(Msg label) {
        this.label = label;
    }

    /** The {@code Description}, or {@code null}. */
    public Msg getDescription() {
        return description;
    }

    /** Sets the {@code Description}; {@code null} removes it. */
    public void setDescription(Msg description) {
        this.description = description;
    }

    /** The per-configuration {@code Value} overrides in document order (live list). */
    public List<PropertyValue> getValues() {
        return values;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
