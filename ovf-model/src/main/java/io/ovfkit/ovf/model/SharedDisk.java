package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;

/**
 * An OVF 2 {@code SharedDiskSection/SharedDisk} ({@code SharedVirtualDiskDesc_Type}): a disk
 * shared by several virtual systems; the attributes of {@code Disk} plus {@code ovf:readOnly}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "SharedVirtualDiskDesc_Type")
public class SharedDisk extends VirtualDisk {
    @XmlAttribute(name = "readOnly")
    private Boolean readOnly;

    /** An empty shared disk; JAXB uses this constructor. */
    public SharedDisk() {
    }

    /** The {@code ovf:readOnly} attribute as written (default false), or {@code null}. */
    public Boolean getReadOnly() {
        return readOnly;
    }

    /** Sets {@code ovf:readOnly}; {@code null} removes it. */
    public void setReadOnly(Boolean readOnly) {
        this.readOnly = readOnly;
    }
}
