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
 * The OVF 2 {@code EnvironmentFilesSection}: package files ({@code File}) delivered to the guest
 * together with the OVF environment (on the ISO transport: added to the generated image).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "EnvironmentFilesSection")
@XmlType(name = "EnvironmentFilesSection_Type", propOrder = {"files", "any"})
public class EnvironmentFilesSection extends Section {
    @XmlAttribute(name = "transport")
    private String transport;

    @XmlElement(name = "File")
    private List<EnvironmentFile> files = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public EnvironmentFilesSection() {
    }

    /** The {@code ovf:transport} the files are delivered with, or {@code null}. */
    public String getTransport() {
        return transport;
    }

    /** Sets {@code ovf:transport}; {@code null} removes it. */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    /** The {@code File} entries in document order (live list). */
    public List<EnvironmentFile> getFiles() {
        return files;
    }

    /** Foreign child elements after the files, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
