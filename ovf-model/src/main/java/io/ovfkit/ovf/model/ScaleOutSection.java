package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The OVF 2 {@code ScaleOutSection} of a collection: deploy several copies of the prototype
 * virtual system {@code ovf:id}, as many as its {@code InstanceCount} says.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "ScaleOutSection")
@XmlType(name = "ScaleOutSection_Type", propOrder = {"description", "instanceCounts", "any"})
public class ScaleOutSection extends Section {
    @XmlAttribute(name = "id")
    private String id;

    @XmlElement(name = "Description")
    private Msg description;

    @XmlElement(name = "InstanceCount")
    private List<InstanceCount> instanceCounts = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public ScaleOutSection() {
    }

    /** The {@code ovf:id} of the prototype virtual system. */
    public String getId() {
        return id;
    }

    /** Sets {@code ovf:id}. */
    public void setId(String id) {
        this.id = id;
    }

    /** The {@code Description}, or {@code null}. */
    public Msg getDescription() {
        return description;
    }

    /** Sets the {@code Description}; {@code null} removes it. */
    public void setDescription(Msg description) {
        this.description = description;
    }

    /** The {@code InstanceCount}s (one per deployment option at most) in document order (live list). */
    public List<InstanceCount> getInstanceCounts() {
        return instanceCounts;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
