package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * VMware's {@code vmw:CoresPerSocket} extension element in the processor {@code Item}: the number
 * of cores per virtual socket, kept as written.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "CoresPerSocket", namespace = Namespaces.VMW)
@XmlType(name = "CoresPerSocket_Type", namespace = Namespaces.VMW)
public class VmwCoresPerSocket {
    @XmlValue
    private String value;

    @XmlAttribute(name = "required", namespace = Namespaces.OVF)
    private Boolean required;

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty element; JAXB uses this constructor. */
    public VmwCoresPerSocket() {
    }

    /** An element with the given text. */
    public VmwCoresPerSocket(String value) {
        this.value = value;
    }

    /** The cores per socket as written (normally a positive integer). */
    public String getValue() {
        return value;
    }

    /** Sets the cores per socket. */
    public void setValue(String value) {
        this.value = value;
    }

    /** The {@code ovf:required} attribute as written, or {@code null}. */
    public Boolean getRequired() {
        return required;
    }

    /** Sets {@code ovf:required}; {@code null} removes it (meaning true). */
    public void setRequired(Boolean required) {
        this.required = required;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
