package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * A {@code Category} of a {@code ProductSection}: a localizable group heading. Every
 * {@link Property} after it, up to the next category, belongs to the group.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "Category")
public class Category extends Msg {
    /** An empty category; JAXB uses this constructor. */
    public Category() {
    }

    /** A category with the given heading. */
    public Category(String value) {
        super(value);
    }
}
