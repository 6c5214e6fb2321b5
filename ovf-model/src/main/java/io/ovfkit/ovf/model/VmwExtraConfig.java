package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * VMware's {@code vmw:ExtraConfig} extension element in a {@code VirtualHardwareSection}: a raw
 * VMX key/value (deployers need explicit permission to apply it).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "ExtraConfig", namespace = Namespaces.VMW)
@XmlType(name = "ExtraConfig_Type", namespace = Namespaces.VMW)
public class VmwExtraConfig extends VmwKeyValue {
    /** An empty entry; JAXB uses this constructor. */
    public VmwExtraConfig() {
    }

    /** A {@code vmw:ExtraConfig} with the given key and value. */
    public VmwExtraConfig(String key, String value) {
        super(key, value);
    }
}
