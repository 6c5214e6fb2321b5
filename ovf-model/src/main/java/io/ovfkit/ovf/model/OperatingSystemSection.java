package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
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
 * The {@code OperatingSystemSection}: the guest operating system as a CIM OSType number
 * ({@code ovf:id}), with VMware's guest id in {@code vmw:osType} and VirtualBox's in a
 * {@code vbox:OSType} child (kept among the foreign elements).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "OperatingSystemSection")
@XmlType(name = "OperatingSystemSection_Type", propOrder = {"description", "any"})
public class OperatingSystemSection extends Section {
    @XmlAttribute(name = "id")
    private Integer id;

    @XmlAttribute(name = "version")
    private String version;

    @XmlAttribute(name = "osType", namespace = Namespaces.VMW)
    private String vmwOsType;

    @XmlElement(name = "Description")
    private Msg description;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public OperatingSystemSection() {
    }

    /** The {@code ovf:id}: CIM_OperatingSystem.OSType (36 Linux, 94 Ubuntu 64-bit, ...), or {@code null}. */
    public Integer getId() {
        return id;
    }

    /** Sets {@code ovf:id}. */
    public void setId(Integer id) {
        this.id = id;
    }

    /** The {@code ovf:version} of the operating system, or {@code null}. */
    public String getVersion() {
        return version;
    }

    /** Sets {@code ovf:version}; {@code null} removes it. */
    public void setVersion(String version) {
        this.version = version;
    }

    /** VMware's {@code vmw:osType} guest id (such as {@code ubuntu64Guest}), or {@code null}. */
    public String getVmwOsType() {
        return vmwOsType;
    }

    /** Sets {@code vmw:osType}; {@code null} removes it. */
    public void setVmwOsType(String vmwOsType) {
        this.vmwOsType = vmwOsType;
    }

    /** The {@code Description}, or {@code null}. */
    public Msg getDescription() {
        return description;
    }

    /** Sets the {@code Description}; {@code null} removes it. */
    public void setDescription(Msg description) {
        this.description = description;
    }

    /** Foreign child elements ({@code vbox:OSType}, ...), in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
