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
 * The OVF 2 {@code PlacementGroupSection}: a named placement group ({@code ovf:id}) with a policy
 * ({@code affinity}, {@code availability}, ...) that members join with a {@code PlacementSection}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "PlacementGroupSection")
@XmlType(name = "PlacementGroupSection_Type", propOrder = {"description", "any"})
public class PlacementGroupSection extends Section {
    @XmlAttribute(name = "id")
    private String id;

    @XmlAttribute(name = "policy")
    private String policy;

    @XmlElement(name = "Description")
    private Msg description;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public PlacementGroupSection() {
    }

    /** The {@code ovf:id} of the group. */
    public String getId() {
        return id;
    }

    /** Sets {@code ovf:id}. */
    public void setId(String id) {
        this.id = id;
    }

    /** The {@code ovf:policy} ({@code affinity}, {@code availability}, ...). */
    public String getPolicy() {
        return policy;
    }

    /** Sets {@code ovf:policy}. */
    public void setPolicy(String policy) {
        this.policy = policy;
    }

    /** The {@code Description}, or {@code null}. */
    public Msg getDescription() {
        return description;
    }

    /** Sets the {@code Description}; {@code null} removes it. */
    public void setDescription(Msg description) {
        this.description = description;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
