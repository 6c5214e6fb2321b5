package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/**
 * A {@code VirtualSystem}: one virtual machine, described by its sections
 * ({@code VirtualHardwareSection}, {@code OperatingSystemSection}, {@code ProductSection}, ...).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "VirtualSystem")
@XmlType(name = "VirtualSystem_Type")
public class VirtualSystem extends Content {
    /** An empty virtual system; JAXB uses this constructor. */
    public VirtualSystem() {
    }

    /** The {@code VirtualHardwareSection}s in document order (a snapshot; usually one). */
    public List<VirtualHardwareSection> virtualHardwareSections() {
        return sectionsOf(VirtualHardwareSection.class);
    }

    /** The {@code ProductSection}s in document order (a snapshot). */
    public List<ProductSection> productSections() {
        return sectionsOf(ProductSection.class);
    }

    @Override
    void collectVirtualSystems(List<VirtualSystem> out) {
        out.add(this);
    }
}
