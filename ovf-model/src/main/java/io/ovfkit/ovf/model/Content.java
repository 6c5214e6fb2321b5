package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * Base of the two content elements ({@code Content_Type}): {@link VirtualSystem} and
 * {@link VirtualSystemCollection}. Carries the {@code ovf:id}, the {@code Info} and optional
 * {@code Name} messages, then one mixed list, in document order, of sections, nested content
 * (collections only) and unknown elements such as {@code vbox:Machine}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Content_Type", propOrder = {"info", "name", "children"})
public abstract class Content {
    @XmlAttribute(name = "id")
    private String id;

    @XmlElement(name = "Info")
    private Msg info;

    @XmlElement(name = "Name")
    private Msg name;

    @XmlElementRefs({
        @XmlElementRef(type = VirtualHardwareSection.class),
        @XmlElementRef(type = OperatingSystemSection.class),
        @XmlElementRef(type = ProductSection.class),
        @XmlElementRef(type = EulaSection.class),
        @XmlElementRef(type = AnnotationSection.class),
        @XmlElementRef(type = StartupSection.class),
        @XmlElementRef(type = ResourceAllocationSection.class),
        @XmlElementRef(type = InstallSection.class),
        @XmlElementRef(type = EnvironmentFilesSection.class),
        @XmlElementRef(type = BootDeviceSection.class),
        @XmlElementRef(type = ScaleOutSection.class),
        @XmlElementRef(type = PlacementSection.class),
        @XmlElementRef(type = PlacementGroupSection.class),
        @XmlElementRef(type = DiskSection.class),
        @XmlElementRef(type = NetworkSection.class),
        @XmlElementRef(type = DeploymentOptionSection.class),
        @XmlElementRef(type = SharedDiskSection.class),
        @XmlElementRef(type = EncryptionSection.class),
        @XmlElementRef(type = VirtualSystem.class),
        @XmlElementRef(type = VirtualSystemCollection.class)
    })
    @XmlAnyElement
    private List<Object> children = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** Creates content with no id. */
    protected Content() {
    }

    /** The {@code ovf:id} (required, unique in the package), or {@code null} when absent. */
    public String getId() {
        return id;
    }

    /** Sets the {@code ovf:id}. */
    public void setId(String id) {
        this.id = id;
    }

    /** The {@code Info} message (required by the schema), or {@code null} when absent. */
    public Msg getInfo() {
        return info;
    }

    /** Sets the {@code Info} message. */
    public void setInfo(Msg info) {
        this.info = info;
    }

    /** The optional {@code Name} display name, or {@code null}. */
    public Msg getName() {
        return name;
    }

    /** Sets the {@code Name} display name; {@code null} removes it. */
    public void setName(Msg name) {
        this.name = name;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }

    /**
     * The live, mixed list of children after {@code Name}, in document order: {@link Section}s,
     * nested {@link Content} (in collections) and unknown {@link Element}s.
     */
    public List<Object> children() {
        return children;
    }

    /** The typed sections in document order (a snapshot). */
    public List<Section> sections() {
        return sectionsOf(Section.class);
    }

    /** The first section of the given type, if any. */
    public <T extends Section> Optional<T> section(Class<T> type) {
        return children.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** All sections of the given type, in document order (a snapshot). */
    public <T extends Section> List<T> sectionsOf(Class<T> type) {
        return children.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Children the model does not know, as DOM elements in document order (a snapshot). */
    public List<Element> unknownElements() {
        return children.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
    }

    /** Adds this content's virtual systems, depth-first, to {@code out}. */
    abstract void collectVirtualSystems(List<VirtualSystem> out);
}
