package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * A {@code Category} of a {@code ProductSection}: a localizable group heading. Every
 * {@link Property} after it, up to the next category, belongs to the group.
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
