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
 * The {@code InstallSection}: the virtual system must be booted once to install itself and then
 * powers off; {@code ovf:initialBootStopDelay} is how long (seconds) to wait for that.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "InstallSection")
@XmlType(name = "InstallSection_Type", propOrder = {"any"})
public class InstallSection extends Section {
    @XmlAttribute(name = "initialBootStopDelay")
    private Integer initialBootStopDelay;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public InstallSection() {
    }

    /** The {@code ovf:initialBootStopDelay} in seconds (required in OVF 2), or {@code null}. */
    public Integer getInitialBootStopDelay() {
        return initialBootStopDelay;
    }

    /** Sets {@code ovf:initialBootStopDelay}; {@code null} removes it. */
    public void setInitialBootStopDelay(Integer initialBootStopDelay) {
        this.initialBootStopDelay = initialBootStopDelay;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
