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
 * An {@code EnvironmentFilesSection/File} ({@code EnvironmentFile_Type}): the package file
 * {@code ovf:fileRef} delivered to the guest at {@code ovf:path}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "EnvironmentFile_Type", propOrder = {"any"})
public class EnvironmentFile {
    @XmlAttribute(name = "fileRef")
    private String fileRef;

    @XmlAttribute(name = "path")
    private String path;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty entry; JAXB uses this constructor. */
    public EnvironmentFile() {
    }

    /** The {@code ovf:fileRef}: id of a {@code File} in {@code References}. */
    public String getFileRef() {
        return fileRef;
    }

    /** Sets {@code ovf:fileRef}. */
    public void setFileRef(String fileRef) {
        this.fileRef = fileRef;
    }

    /** The {@code ovf:path}: where the guest finds the file, relative to the environment medium. */
    public String getPath() {
        return path;
    }

    /** Sets {@code ovf:path}. */
    public void setPath(String path) {
        this.path = path;
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
