package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The OVF 2 {@code PlacementSection} of a virtual system or collection: membership in the
 * placement group {@code ovf:group} declared by a {@code PlacementGroupSection}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "PlacementSection")
@XmlType(name = "PlacementSection_Type", propOrder = {"any"})
public class PlacementSection extends Section {
    @XmlAttribute(name = "group")
    private String group;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public PlacementSection() {
    }

    /** The {@code ovf:group}: id of the placement group. */
    public String getGroup() {
        return group;
    }

    /** Sets {@code ovf:group}. */
    public void setGroup(String group) {
        this.group = group;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
