package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * An OVF 2 {@code Network/NetworkPortProfile}: Ethernet port settings (VLAN, bandwidth, ...) for
 * the network, as {@code Item}s of EPASD type.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"items", "any"})
public class NetworkPortProfile {
    @XmlElement(name = "Item")
    private List<EthernetPortAllocationSettingData> items = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty profile; JAXB uses this constructor. */
    public NetworkPortProfile() {
    }

    /** The EPASD {@code Item}s in document order (live list). */
    public List<EthernetPortAllocationSettingData> getItems() {
        return items;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes of the profile element, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
