package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A {@code DeploymentOptionSection/Configuration}: one deployment option, identified by
 * {@code ovf:id}, with a {@code Label} and a {@code Description} shown to the deployer.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"label", "description", "any"})
public class DeploymentOption {
    @XmlAttribute(name = "id")
    private String id;

    @XmlAttribute(name = "default")
    private Boolean defaultOption;

    @XmlElement(name = "Label")
    private Msg label;

    @XmlElement(name = "Description")
    private Msg description;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty configuration; JAXB uses this constructor. */
    public DeploymentOption() {
    }

    /** A configuration with the given {@code ovf:id}. */
    public DeploymentOption(String id) {
        this.id = id;
    }

    /** The {@code ovf:id} that {@code ovf:configuration} attributes list. */
    public String getId() {
        return id;
    }

    /** Sets the {@code ovf:id}. */
    public void setId(String id) {
        this.id = id;
    }

    /** The {@code ovf:default} attribute as written, or {@code null}. */
    public Boolean getDefault() {
        return defaultOption;
    }

    /** Sets {@code ovf:default}; {@code null} removes it (meaning false). */
    public void setDefault(Boolean defaultOption) {
        this.defaultOption = defaultOption;
    }

    /** Whether {@code ovf:default} is true (false when absent). */
    public boolean isDefault() {
        return Boolean.TRUE.equals(defaultOption);
    }

    /** The {@code Label} (required by the schema), or {@code null}. */
    public Msg getLabel() {
        return label;
    }

    /** Sets the {@code Label}. */
    public void setLabel(Msg label) {
        this.label = label;
    }

    /** The {@code Description} (required by the schema), or {@code null}. */
    public Msg getDescription() {
        return description;
    }

    /** Sets the {@code Description}. */
    public void setDescription(Msg description) {
        this.description = description;
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
