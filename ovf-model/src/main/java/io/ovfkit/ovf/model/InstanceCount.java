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
 * A {@code ScaleOutSection/InstanceCount}: how many copies of the prototype to deploy
 * ({@code ovf:minimum}, {@code ovf:maximum}, {@code ovf:default}), optionally only for the
 * deployment options in {@code ovf:configuration}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"any"})
public class InstanceCount {
    @XmlAttribute(name = "minimum")
    private Long minimum;

    @XmlAttribute(name = "maximum")
    private Long maximum;

    @XmlAttribute(name = "default")
    private Long defaultCount;

    @XmlAttribute(name = "configuration")
    private String configuration;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty instance count; JAXB uses this constructor. */
    public InstanceCount() {
    }

    /** The {@code ovf:minimum} (default 1), or {@code null}. */
    public Long getMinimum() {
        return minimum;
    }

    /** Sets {@code ovf:minimum}; {@code null} removes it. */
    public void setMinimum(Long minimum) {
        this.minimum = minimum;
    }

    /** The {@code ovf:maximum} (unbounded when absent), or {@code null}. */
    public Long getMaximum() {
        return maximum;
    }

    /** Sets {@code ovf:maximum}; {@code null} removes it. */
    public void setMaximum(Long maximum) {
        this.maximum = maximum;
    }

    /** The {@code ovf:default} number of instances (required), or {@code null}. */
    public Long getDefault() {
        return defaultCount;
    }

    /** Sets {@code ovf:default}. */
    public void setDefault(Long defaultCount) {
        this.defaultCount = defaultCount;
    }

    /** The {@code ovf:configuration} deployment options this count applies to, or {@code null}. */
    public String getConfiguration() {
        return configuration;
    }

    /** Sets {@code ovf:configuration}; {@code null} removes it. */
    public void setConfiguration(String configuration) {
        this.configuration = configuration;
    }

    /** Foreign child elements (not allowed by the schema, kept anyway), in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
