package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * The {@code References} element: the list of external files of the package ({@code File}
 * elements), with any foreign elements kept in place.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "References")
@XmlType(name = "References_Type", propOrder = {"children"})
public class References {
    @XmlElementRef(type = FileReference.class)
    @XmlAnyElement
    private List<Object> children = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** Attributes of {@code References}, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }

    /** The live, mixed list of {@link FileReference}s and unknown {@link Element}s in document order. */
    public List<Object> children() {
        return children;
    }

    /** The {@code File} entries in document order (a snapshot). */
    public List<FileReference> files() {
        return children.stream().filter(FileReference.class::isInstance).map(FileReference.class::cast).toList();
    }

    /** The {@code File} with the given {@code ovf:id}, if any (the first one when duplicated). */
    public Optional<FileReference> file(String id) {
        return files().stream().filter(f -> id.equals(f.getId())).findFirst();
    }

    /** Children the model does not know, as DOM elements in document order (a snapshot). */
    public List<Element> unknownElements() {
        return children.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
    }
}
