package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The {@code NetworkSection}: the logical networks ({@code Network}) that Ethernet items connect
 * to by name in {@code rasd:Connection}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "NetworkSection")
@XmlType(name = "NetworkSection_Type", propOrder = {"networks", "any"})
public class NetworkSection extends Section {
    @XmlElement(name = "Network")
    private List<Network> networks = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public NetworkSection() {
    }

    /** The {@code Network} entries in document order (live list). */
    public List<Network> getNetworks() {
        return networks;
    }

    /** The {@code Network} with the given {@code ovf:name}, if any. */
    public Optional<Network> network(String name) {
        return networks.stream().filter(n -> name.equals(n.getName())).findFirst();
    }

    /** Foreign child elements after the networks, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
