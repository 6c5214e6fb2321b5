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
 * The OVF 2 {@code EncryptionSection}: W3C XML Encryption key declarations
 * ({@code xenc11:DerivedKey}, {@code xenc:EncryptedKey}) for encrypted files or descriptor parts.
 * The content is kept opaque, as DOM elements, so it is never corrupted.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "EncryptionSection")
@XmlType(name = "EncryptionSection_Type", propOrder = {"content"})
public class EncryptionSection extends Section {
    @XmlAnyElement
    private List<Element> content = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public EncryptionSection() {
    }

    /** The child elements after {@code Info} (the key declarations), in document order (live list). */
    public List<Element> getContent() {
        return content;
    }
}
