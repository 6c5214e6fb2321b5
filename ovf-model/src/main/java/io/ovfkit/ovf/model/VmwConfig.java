package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * VMware's {@code vmw:Config} extension element in a {@code VirtualHardwareSection} or an
 * {@code Item}: a vSphere VM or device setting such as {@code firmware=efi}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "Config", namespace = Namespaces.VMW)
@XmlType(name = "Config_Type", namespace = Namespaces.VMW)
public class VmwConfig extends VmwKeyValue {
    /** An empty entry; JAXB uses this constructor. */
    public VmwConfig() {
    }

    /** A {@code vmw:Config} with the given key and value. */
    public VmwConfig(String key, String value) {
        super(key, value);
    }
}
