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
 * A {@code DiskSection/Disk} ({@code VirtualDiskDesc_Type}): a virtual disk, referenced from
 * hardware items as {@code ovf:/disk/<diskId>}, backed by a {@code File} or (without
 * {@code ovf:fileRef}) created empty at deploy time.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "VirtualDiskDesc_Type", propOrder = {"any"})
public class VirtualDisk {
    @XmlAttribute(name = "diskId")
    private String diskId;

    @XmlAttribute(name = "fileRef")
    private String fileRef;

    @XmlAttribute(name = "capacity")
    private String capacity;

    @XmlAttribute(name = "capacityAllocationUnits")
    private String capacityAllocationUnits;

    @XmlAttribute(name = "populatedSize")
    private Long populatedSize;

    @XmlAttribute(name = "format")
    private String format;

    @XmlAttribute(name = "parentRef")
    private String parentRef;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty disk; JAXB uses this constructor. */
    public VirtualDisk() {
    }

    /** The {@code ovf:diskId} hardware items refer to. */
    public String getDiskId() {
        return diskId;
    }

    /** Sets the {@code ovf:diskId}. */
    public void setDiskId(String diskId) {
        this.diskId = diskId;
    }

    /** The {@code ovf:fileRef}: id of the backing {@code File}, {@code null} for an empty disk. */
    public String getFileRef() {
        return fileRef;
    }

    /** Sets {@code ovf:fileRef}; {@code null} removes it. */
    public void setFileRef(String fileRef) {
        this.fileRef = fileRef;
    }

    /**
     * The {@code ovf:capacity} as written: an integer in {@link #getCapacityAllocationUnits()} or a
     * property reference {@code ${key}}.
     */
    public String getCapacity() {
        return capacity;
    }

    /** Sets {@code ovf:capacity}. */
    public void setCapacity(String capacity) {
        this.capacity = capacity;
    }

    /** The {@code ovf:capacityAllocationUnits} (such as {@code byte * 2^30}); absent means byte. */
    public String getCapacityAllocationUnits() {
        return capacityAllocationUnits;
    }

    /** Sets {@code ovf:capacityAllocationUnits}; {@code null} removes it. */
    public void setCapacityAllocationUnits(String capacityAllocationUnits) {
        this.capacityAllocationUnits = capacityAllocationUnits;
    }

    /** The {@code ovf:populatedSize}: estimated bytes used inside the disk, or {@code null}. */
    public Long getPopulatedSize() {
        return populatedSize;
    }

    /** Sets {@code ovf:populatedSize}; {@code null} removes it. */
    public void setPopulatedSize(Long populatedSize) {
        this.populatedSize = populatedSize;
    }

    /** The {@code ovf:format} URI of the disk image format, or {@code null}. */
    public String getFormat() {
        return format;
    }

    /** Sets {@code ovf:format}; {@code null} removes it. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The {@code ovf:parentRef}: {@code diskId} of the parent in a delta-disk chain, or {@code null}. */
    public String getParentRef() {
        return parentRef;
    }

    /** Sets {@code ovf:parentRef}; {@code null} removes it. */
    public void setParentRef(String parentRef) {
        this.parentRef = parentRef;
    }

    /** Foreign child elements, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes not modelled here ({@code vbox:uuid}, ...), in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
