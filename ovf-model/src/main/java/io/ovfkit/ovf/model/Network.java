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
 * A {@code NetworkSection/Network}: one logical network, named by {@code ovf:name}, with an
 * optional {@code Description} and (OVF 2) {@code NetworkPortProfile} /
 * {@code NetworkPortProfileURI} port settings.
 *
 * <p>The schema lets profiles and profile URIs interleave; the model keeps them in two lists, so
 * a network mixing both is marshalled with all profiles first.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"description", "portProfiles", "portProfileUris", "any"})
public class Network {
    @XmlAttribute(name = "name")
    private String name;

    @XmlElement(name = "Description")
    private Msg description;

    @XmlElement(name = "NetworkPortProfile")
    private List<NetworkPortProfile> portProfiles = new ArrayList<>();

    @XmlElement(name = "NetworkPortProfileURI")
    private List<String> portProfileUris = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty network; JAXB uses this constructor. */
    public Network() {
    }

    /** A network with the given {@code ovf:name}. */
    public Network(String name) {
        this.name = name;
    }

    /** The {@code ovf:name} of the logical network. */
    public String getName() {
        return name;
    }

    /** Sets the {@code ovf:name}. */
    public void setName(String name) {
        this.name = name;
    }

    /** The optional {@code Description}, or {@code null}. */
    public Msg getDescription() {
        return description;
    }

    /** Sets the {@code Description}; {@code null} removes it. */
    public void setDescription(Msg description) {
        this.description = description;
    }

    /** The OVF 2 {@code NetworkPortProfile}s in document order (live list). */
    public List<NetworkPortProfile> getPortProfiles() {
        return portProfiles;
    }

    /** The OVF 2 {@code NetworkPortProfileURI}s in document order (live list). */
    public List<String> getPortProfileUris() {
        return portProfileUris;
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
