package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A {@code References/File} entry ({@code File_Type}): one external file of the package (disk
 * image, ISO, string bundle, ...), named by {@code ovf:id} and located by {@code ovf:href}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "File")
@XmlType(name = "File_Type", propOrder = {"any"})
public class FileReference {
    @XmlAttribute(name = "id")
    private String id;

    @XmlAttribute(name = "href")
    private String href;

    @XmlAttribute(name = "size")
    private Long size;

    @XmlAttribute(name = "compression")
    private String compression;

    @XmlAttribute(name = "chunkSize")
    private Long chunkSize;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty file entry; JAXB uses this constructor. */
    public FileReference() {
    }

    /** A file entry with the given {@code ovf:id} and {@code ovf:href}. */
    public FileReference(String id, String href) {
        this.id = id;
        this.href = href;
    }

    /** The {@code ovf:id} other elements refer to ({@code Disk/@fileRef}, ...). */
    public String getId() {
        return id;
    }

    /** Sets the {@code ovf:id}. */
    public void setId(String id) {
        this.id = id;
    }

    /** The {@code ovf:href}: a URL relative to the descriptor, or the OVA member name. */
    public String getHref() {
        return href;
    }

    /** Sets the {@code ovf:href}. */
    public void setHref(String href) {
        this.href = href;
    }

    /** The {@code ovf:size} in bytes as stored (compressed, all chunks), or {@code null}. */
    public Long getSize() {
        return size;
    }

    /** Sets {@code ovf:size}; {@code null} removes it. */
    public void setSize(Long size) {
        this.size = size;
    }

    /** The {@code ovf:compression} ({@code gzip}, or absent/empty for none), or {@code null}. */
    public String getCompression() {
        return compression;
    }

    /** Sets {@code ovf:compression}; {@code null} removes it. */
    public void setCompression(String compression) {
        this.compression = compression;
    }

    /** The {@code ovf:chunkSize} in bytes when the file is split into chunks, or {@code null}. */
    public Long getChunkSize() {
        return chunkSize;
    }

    /** Sets {@code ovf:chunkSize}; {@code null} removes it. */
    public void setChunkSize(Long chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
