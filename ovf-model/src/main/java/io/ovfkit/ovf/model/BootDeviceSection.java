package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The OVF 2 {@code BootDeviceSection}: one boot configuration, a
 * {@code bootc:CIM_BootConfigSetting} with {@code boots:CIM_BootSourceSetting} children. The CIM
 * content is kept as DOM elements, not modelled.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "BootDeviceSection")
@XmlType(name = "BootDeviceSection_Type", propOrder = {"content"})
public class BootDeviceSection extends Section {
    @XmlAnyElement
    private List<Element> content = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public BootDeviceSection() {
    }

    /** The child elements after {@code Info} (the boot configuration), in document order (live list). */
    public List<Element> getContent() {
        return content;
    }
}
