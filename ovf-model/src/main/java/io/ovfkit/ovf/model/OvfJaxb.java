package io.ovfkit.ovf.model;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import jakarta.xml.bind.helpers.ValidationEventImpl;
import jakarta.xml.bind.helpers.ValidationEventLocatorImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * The JAXB binding of the OVF model: one shared {@link JAXBContext} for every model class, and
 * DOM-based convenience methods to unmarshal an {@link Envelope} and marshal it back.
 *
 * <p>The input DOM must already be in the canonical namespaces (OVF 2 envelope, canonical CIM
 * URIs); mapping other versions and aliases is the reader's job. Unmarshalling is lenient: values
 * JAXB cannot convert (a malformed number, an unexpected element) are reported as
 * {@link ValidationEvent}s and left {@code null} instead of failing the whole document.
 *
 * <p>Thread-safe: the shared {@link JAXBContext} (itself thread-safe) is created once, under a lock,
 * and published through a volatile field; each call makes its own {@code Marshaller} or
 * {@code Unmarshaller}, which are not thread-safe, and the DOM nodes passed in must not be used by
 * another thread meanwhile.
 */
public final class OvfJaxb {
    /** Every class bound by the context; the others are reached through them. */
    private static final Class<?>[] ROOT_CLASSES = {
        Envelope.class, References.class, FileReference.class, Strings.class,
        VirtualSystem.class, VirtualSystemCollection.class,
        AnnotationSection.class, BootDeviceSection.class, DeploymentOptionSection.class, DiskSection.class,
        EncryptionSection.class, EnvironmentFilesSection.class, EulaSection.class, InstallSection.class,
        NetworkSection.class, OperatingSystemSection.class, PlacementGroupSection.class, PlacementSection.class,
        ProductSection.class, ResourceAllocationSection.class, ScaleOutSection.class, SharedDiskSection.class,
        StartupSection.class, VirtualHardwareSection.class,
        Category.class, Property.class, VmwConfig.class, VmwExtraConfig.class, VmwCoresPerSocket.class,
        ResourceAllocationSettingData.class, StorageAllocationSettingData.class,
        EthernetPortAllocationSettingData.class, VirtualSystemSettingData.class, SharedDisk.class,
    };

    private static volatile JAXBContext context;

    private OvfJaxb() {
    }

    /**
     * The result of a lenient unmarshal: the envelope and the problems JAXB reported while
     * building it, in document order. Each event's locator carries the DOM node concerned.
     *
     * @param envelope the unmarshalled envelope
     * @param events validation events (unconvertible values, unexpected content); empty when clean
     */
    public record Result(Envelope envelope, List<ValidationEvent> events) {
        /** Checks and copies the components. */
        public Result {
            Objects.requireNonNull(envelope, "envelope");
            events = List.copyOf(events);
        }
    }

    /**
     * The shared context for all model classes, created on first use. Thread-safe; create a
     * {@link Marshaller} or {@link Unmarshaller} per use (they are not).
     *
     * @throws IllegalStateException if the binding itself is broken (a programming error)
     */
    public static JAXBContext context() {
        JAXBContext c = context;
        if (c == null) {
            synchronized (OvfJaxb.class) {
                c = context;
                if (c == null) {
                    try {
                        // Straight from the JAXB implementation this module depends on, rather than
                        // JAXBContext.newInstance: its provider search reads service files from
                        // every jar of the class path, tens of milliseconds at each start.
                        c = new org.glassfish.jaxb.runtime.v2.JAXBContextFactory().createContext(ROOT_CLASSES, Map.of());
                    } catch (JAXBException e) {
                        throw new IllegalStateException("the OVF JAXB model cannot be bound: " + e, e);
                    }
                    context = c;
                }
            }
        }
        return c;
    }

    /**
     * Unmarshals an {@code Envelope} from a DOM {@link Document} or {@link org.w3c.dom.Element},
     * ignoring the validation events (see {@link #unmarshalWithEvents(Node)} to get them).
     *
     * @throws JAXBException if the node is not an OVF 2 {@code Envelope} or JAXB fails outright
     */
    public static Envelope unmarshal(Node node) throws JAXBException {
        return unmarshalWithEvents(node).envelope();
    }

    /**
     * Unmarshals an {@code Envelope} from a DOM {@link Document} or {@link org.w3c.dom.Element},
     * collecting the validation events instead of failing on them.
     *
     * @throws JAXBException if the node is not an OVF 2 {@code Envelope} or JAXB fails outright
     */
    public static Result unmarshalWithEvents(Node node) throws JAXBException {
        Objects.requireNonNull(node, "node");
        List<ValidationEvent> events = new ArrayList<>();
        Unmarshaller u = context().createUnmarshaller();
        u.setEventHandler(event -> {
            events.add(snapshot(event));
            return true;
        });
        Object value = u.unmarshal(node);
        if (!(value instanceof Envelope envelope)) {
            throw new JAXBException("the root element is not an OVF 2 Envelope but "
                    + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        return new Result(envelope, events);
    }

    /**
     * Marshals an envelope into a new namespace-aware DOM document.
     *
     * @throws JAXBException if JAXB fails (for example on an object of a foreign type in a mixed list)
     */
    public static Document marshal(Envelope envelope) throws JAXBException {
        Objects.requireNonNull(envelope, "envelope");
        Document doc;
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultInstance();
            dbf.setNamespaceAware(true);
            doc = dbf.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no namespace-aware DOM builder: " + e, e);
        }
        Marshaller m = context().createMarshaller();
        m.marshal(envelope, doc);
        return doc;
    }

    /** A copy of the event whose locator no longer depends on the unmarshaller's state. */
    private static ValidationEvent snapshot(ValidationEvent event) {
        ValidationEventLocator from = event.getLocator();
        ValidationEventLocatorImpl locator = new ValidationEventLocatorImpl();
        if (from != null) {
            locator.setNode(from.getNode());
            locator.setObject(from.getObject());
            locator.setLineNumber(from.getLineNumber());
            locator.setColumnNumber(from.getColumnNumber());
            locator.setOffset(from.getOffset());
            locator.setURL(from.getURL());
        }
        return new ValidationEventImpl(event.getSeverity(), event.getMessage(), locator, event.getLinkedException());
    }
}
