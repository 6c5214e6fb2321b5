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
 * The {@code DiskSection}: the virtual disks ({@code Disk}) of the package.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "DiskSection")
@XmlType(name = "DiskSection_Type", propOrder = {"disks", "any"})
public class DiskSection extends Section {
    @XmlElement(name = "Disk")
    private List<VirtualDisk> disks = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public DiskSection() {
    }

    /** The {@code Disk} entries in document order (live list). */
    public List<VirtualDisk> getDisks() {
        return disks;
    }

    /** The {@code Disk} with the given {@code ovf:diskId}, if any. */
    public Optional<VirtualDisk> disk(String diskId) {
        return disks.stream().filter(d -> diskId.equals(d.getDiskId())).findFirst();
    }

    /** Foreign child elements after the disks, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
