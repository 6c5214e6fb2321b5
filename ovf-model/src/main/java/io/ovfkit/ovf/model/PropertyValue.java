package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A {@code Property/Value} ({@code PropertyConfigurationValue_Type}): the property's default for
 * the deployment options listed in {@code ovf:configuration}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "PropertyConfigurationValue_Type", propOrder = {"any"})
public class PropertyValue {
    @XmlAttribute(name = "value")
    private String value;

    @XmlAttribute(name = "configuration")
    private String configuration;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty value; JAXB uses this constructor. */
    public PropertyValue() {
    }

    /** A value for the given configurations. */
    public PropertyValue(String value, String configuration) {
        this.value = value;
        this.configuration = configuration;
    }

    /** The {@code ovf:value}. */
    public String getValue() {
        return value;
    }

    /** Sets {@code ovf:value}. */
    public void setValue(String value) {
        this.value = value;
    }

    /** The {@code ovf:configuration} space-separated deployment options, or {@code null}. */
    public String getConfiguration() {
        return configuration;
    }

    /** Sets {@code ovf:configuration}; {@code null} removes it. */
    public void setConfiguration(String configuration) {
        this.configuration = configuration;
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
