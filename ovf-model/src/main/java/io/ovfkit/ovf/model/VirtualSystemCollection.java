package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/**
 * A {@code VirtualSystemCollection}: a group of virtual systems (and nested collections) deployed
 * together, with group-level sections such as {@code StartupSection},
 * {@code ResourceAllocationSection} and {@code ProductSection}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "VirtualSystemCollection")
@XmlType(name = "VirtualSystemCollection_Type")
public class VirtualSystemCollection extends Content {
    /** An empty collection; JAXB uses this constructor. */
    public VirtualSystemCollection() {
    }

    /** The directly nested {@code VirtualSystem}s and {@code VirtualSystemCollection}s, in order. */
    public List<Content> contents() {
        return children().stream().filter(Content.class::isInstance).map(Content.class::cast).toList();
    }

    @Override
    void collectVirtualSystems(List<VirtualSystem> out) {
        for (Content c : contents()) {
            c.collectVirtualSystems(out);
        }
    }
}
