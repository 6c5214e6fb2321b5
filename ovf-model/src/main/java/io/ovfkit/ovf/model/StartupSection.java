package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The {@code StartupSection} of a virtual system collection: the power-on and power-off order of
 * its members ({@code Item}s).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "StartupSection")
@XmlType(name = "StartupSection_Type", propOrder = {"items", "any"})
public class StartupSection extends Section {
    @XmlElement(name = "Item")
    private List<StartupItem> items = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public StartupSection() {
    }

    /** The {@code Item}s in document order (live list). */
    public List<StartupItem> getItems() {
        return items;
    }

    /** Foreign child elements after the items, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
