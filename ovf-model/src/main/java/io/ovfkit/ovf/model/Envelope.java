package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * The root {@code Envelope} of an OVF descriptor: {@code References}, package-level sections,
 * exactly one {@code VirtualSystem} or {@code VirtualSystemCollection}, then {@code Strings}
 * bundles.
 *
 * <p>All children live in one list ({@link #children()}) in document order: typed
 * {@link References}, {@link Section}s, {@link Content} and {@link Strings}, and unknown elements
 * (vendor sections such as {@code vmw:IpAssignmentSection}) as DOM {@link Element}s in their
 * place. The accessors below are views over that list; they never create anything.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "Envelope")
@XmlType(name = "EnvelopeType", propOrder = {"children"})
public class Envelope {
    @XmlAttribute(name = "lang", namespace = XMLConstants.XML_NS_URI)
    private String lang;

    @XmlAttribute(name = "version")
    private String version;

    @XmlElementRefs({
        @XmlElementRef(type = References.class),
        @XmlElementRef(type = DiskSection.class),
        @XmlElementRef(type = NetworkSection.class),
        @XmlElementRef(type = DeploymentOptionSection.class),
        @XmlElementRef(type = SharedDiskSection.class),
        @XmlElementRef(type = EncryptionSection.class),
        @XmlElementRef(type = PlacementGroupSection.class),
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
        @XmlElementRef(type = VirtualSystem.class),
        @XmlElementRef(type = VirtualSystemCollection.class),
        @XmlElementRef(type = Strings.class)
    })
    @XmlAnyElement
    private List<Object> children = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** The {@code xml:lang} default language of the descriptor's messages, or {@code null}. */
    public String getLang() {
        return lang;
    }

    /** Sets {@code xml:lang}; {@code null} removes it (the OVF 2 schema default is en-US). */
    public void setLang(String lang) {
        this.lang = lang;
    }

    /** The informative {@code ovf:version} attribute (such as "2.0"), or {@code null}. */
    public String getVersion() {
        return version;
    }

    /** Sets {@code ovf:version}; {@code null} removes it. */
    public void setVersion(String version) {
        this.version = version;
    }

    /** Attributes not modelled above ({@code vmw:buildId}, ...), in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }

    /**
     * The live, mixed list of children in document order: {@link References}, {@link Section},
     * {@link Content}, {@link Strings} and unknown {@link Element}s. Edit it to add, remove or
     * move children.
     */
    public List<Object> children() {
        return children;
    }

    /** The {@code References} element, if present. */
    public Optional<References> references() {
        return first(References.class);
    }

    /** The typed package-level sections in document order (a snapshot). */
    public List<Section> sections() {
        return all(Section.class);
    }

    /** The first package-level section of the given type, if any. */
    public <T extends Section> Optional<T> section(Class<T> type) {
        return first(type);
    }

    /** All package-level sections of the given type, in document order (a snapshot). */
    public <T extends Section> List<T> sectionsOf(Class<T> type) {
        return all(type);
    }

    /** The {@code DiskSection}, if present. */
    public Optional<DiskSection> diskSection() {
        return first(DiskSection.class);
    }

    /** The {@code NetworkSection}, if present. */
    public Optional<NetworkSection> networkSection() {
        return first(NetworkSection.class);
    }

    /** The {@code DeploymentOptionSection}, if present. */
    public Optional<DeploymentOptionSection> deploymentOptionSection() {
        return first(DeploymentOptionSection.class);
    }

    /** The OVF 2 {@code SharedDiskSection}, if present. */
    public Optional<SharedDiskSection> sharedDiskSection() {
        return first(SharedDiskSection.class);
    }

    /** The top-level {@code VirtualSystem} or {@code VirtualSystemCollection}, if present. */
    public Optional<Content> content() {
        return first(Content.class);
    }

    /**
     * Every {@code VirtualSystem} of the package, depth-first in document order: the top-level
     * one, or those nested (at any depth) in the top-level collection.
     */
    public List<VirtualSystem> virtualSystems() {
        List<VirtualSystem> out = new ArrayList<>();
        for (Object child : children) {
            if (child instanceof Content c) {
                c.collectVirtualSystems(out);
            }
        }
        return out;
    }

    /** The {@code Strings} bundles (translations) in document order (a snapshot). */
    public List<Strings> strings() {
        return all(Strings.class);
    }

    /** Children the model does not know, as DOM elements in document order (a snapshot). */
    public List<Element> unknownElements() {
        return all(Element.class);
    }

    private <T> Optional<T> first(Class<T> type) {
        return children.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private <T> List<T> all(Class<T> type) {
        return children.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
