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
 * A {@code EulaSection}: one end-user licence agreement ({@code License}) the deployer must show
 * and have accepted.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "EulaSection")
@XmlType(name = "EulaSection_Type", propOrder = {"license", "any"})
public class EulaSection extends Section {
    @XmlElement(name = "License")
    private Msg license;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public EulaSection() {
    }

    /** The {@code License} text (required by the schema), or {@code null}. */
    public Msg getLicense() {
        return license;
    }

    /** Sets the {@code License} text. */
    public void setLicense(Msg license) {
        this.license = license;
    }

    /** Foreign child elements after the licence, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
