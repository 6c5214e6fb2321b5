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
 * The OVF 2 {@code SharedDiskSection}: disks ({@code SharedDisk}) shared by several virtual systems.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "SharedDiskSection")
@XmlType(name = "SharedDiskSection_Type", propOrder = {"disks", "any"})
public class SharedDiskSection extends Section {
    @XmlElement(name = "SharedDisk")
    private List<SharedDisk> disks = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public SharedDiskSection() {
    }

    /** The {@code SharedDisk} entries in document order (live list). */
    public List<SharedDisk> getDisks() {
        return disks;
    }

    /** The {@code SharedDisk} with the given {@code ovf:diskId}, if any. */
    public Optional<SharedDisk> disk(String diskId) {
        return disks.stream().filter(d -> diskId.equals(d.getDiskId())).findFirst();
    }

    /** Foreign child elements after the disks, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
