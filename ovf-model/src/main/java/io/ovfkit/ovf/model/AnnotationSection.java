package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * An {@code AnnotationSection}: a free-text {@code Annotation} about the virtual system or
 * collection (VMware shows it as the VM notes).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "AnnotationSection")
@XmlType(name = "AnnotationSection_Type", propOrder = {"annotation", "any"})
public class AnnotationSection extends Section {
    @XmlElement(name = "Annotation")
    private Msg annotation;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public AnnotationSection() {
    }

    /** The {@code Annotation} (required by the schema), or {@code null}. */
    public Msg getAnnotation() {
        return annotation;
    }

    /** Sets the {@code Annotation}. */
    public void setAnnotation(Msg annotation) {
        this.annotation = annotation;
    }

    /** Foreign child elements after the annotation, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
