package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A {@code ProductSection/Icon}: a display icon of the product, stored in a {@code File}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"any"})
public class Icon {
    @XmlAttribute(name = "fileRef")
    private String fileRef;

    @XmlAttribute(name = "mimeType")
    private String mimeType;

    @XmlAttribute(name = "width")
    private Integer width;

    @XmlAttribute(name = "height")
    private Integer height;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty icon; JAXB uses this constructor. */
    public Icon() {
    }

    /** The {@code ovf:fileRef}: id of the {@code File} holding the image. */
    public String getFileRef() {
        return fileRef;
    }

    /** Sets {@code ovf:fileRef}. */
    public void setFileRef(String fileRef) {
        this.fileRef = fileRef;
    }

    /** The {@code ovf:mimeType} (such as {@code image/png}), or {@code null}. */
    public String getMimeType() {
        return mimeType;
    }

    /** Sets {@code ovf:mimeType}; {@code null} removes it. */
    public void setMimeType(String mimeType) {
        this.mimeType = mimeType;
    }

    /** The {@code ovf:width} in pixels, or {@code null}. */
    public Integer getWidth() {
        return width;
    }

    /** Sets {@code ovf:width}; {@code null} removes it. */
    public void setWidth(Integer width) {
        this.width = width;
    }

    /** The {@code ovf:height} in pixels, or {@code null}. */
    public Integer getHeight() {
        return height;
    }

    /** Sets {@code ovf:height}; {@code null} removes it. */
    public void setHeight(Integer height) {
        this.height = height;
    }

    /** Foreign child elements (not allowed by the schema, kept anyway), in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
