package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Common shape of the VMware key/value extension elements {@link VmwConfig} and
 * {@link VmwExtraConfig}: {@code vmw:key}, {@code vmw:value} and {@code ovf:required}
 * (VMware writes {@code false}).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlTransient
public abstract class VmwKeyValue {
    @XmlAttribute(name = "required", namespace = Namespaces.OVF)
    private Boolean required;

    @XmlAttribute(name = "key", namespace = Namespaces.VMW)
    private String key;

    @XmlAttribute(name = "value", namespace = Namespaces.VMW)
    private String value;

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An entry with no key or value. */
    protected VmwKeyValue() {
    }

    /** An entry with the given key and value and no {@code ovf:required}. */
    protected VmwKeyValue(String key, String value) {
        this.key = key;
        this.value = value;
    }

    /** The {@code vmw:key}. */
    public String getKey() {
        return key;
    }

    /** Sets the {@code vmw:key}. */
    public void setKey(String key) {
        this.key = key;
    }

    /** The {@code vmw:value}. */
    public String getValue() {
        return value;
    }

    /** Sets the {@code vmw:value}. */
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

    /** Whether consumers must understand this element: {@code ovf:required}, true when absent. */
    public boolean isRequired() {
        return required == null || required;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }

    /** {@code key=value}, for debugging. */
    @Override
    public String toString() {
        return key + "=" + value;
    }
}
