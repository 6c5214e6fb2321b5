package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Base of every OVF section ({@code Section_Type}, the head of the {@code ovf:Section} substitution
 * group): an {@code Info} message telling a consumer what the section is about, and
 * {@code ovf:required} saying whether a consumer that does not understand the section must refuse
 * the package (the default) or may skip it.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Section_Type", propOrder = {"info"})
public abstract class Section {
    @XmlElement(name = "Info")
    private Msg info;

    @XmlAttribute(name = "required")
    private Boolean required;

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** Creates a section with no {@code Info}. */
    protected Section() {
    }

    /** The {@code Info} message (required by the schema), or {@code null} when absent. */
    public Msg getInfo() {
        return info;
    }

    /** Sets the {@code Info} message. */
    public void setInfo(Msg info) {
        this.info = info;
    }

    /** The {@code ovf:required} attribute as written, {@code null} when absent. */
    public Boolean getRequired() {
        return required;
    }

    /** Sets {@code ovf:required}; {@code null} removes the attribute (meaning true). */
    public void setRequired(Boolean required) {
        this.required = required;
    }

    /** Whether consumers must understand this section: {@code ovf:required}, true when absent. */
    public boolean isRequired() {
        return required == null || required;
    }

    /** Attributes not modelled by the section class, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
