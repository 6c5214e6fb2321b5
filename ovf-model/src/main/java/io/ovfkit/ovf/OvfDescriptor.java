package io.ovfkit.ovf;

import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.OvfJaxb;
import io.ovfkit.ovf.xml.DecodedText;
import io.ovfkit.ovf.xml.NamespaceNormalizer;
import io.ovfkit.ovf.xml.SourceEditor;
import io.ovfkit.ovf.xml.SourceParser;
import io.ovfkit.ovf.xml.Span;
import io.ovfkit.ovf.xml.VersionConverter;
import jakarta.xml.bind.Binder;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.ValidationEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An OVF descriptor that was read from bytes: its typed, editable {@linkplain #envelope() model},
 * the version it was written in, and what the reader noticed. Writing it back
 * ({@link #toBytes()}) returns the original bytes when the model is unchanged, and otherwise the
 * original text with only the edited elements and attributes changed: comments, formatting,
 * prefixes and unknown content elsewhere stay as they were.
 *
 * <p>Not thread-safe: the model is mutable, and even {@link #toBytes()} reads DOM state the instance
 * keeps (DOM is not thread-safe); confine an instance to one thread (or synchronize externally);
 * distinct instances are independent. Obtain them from {@link Ovf}.
 */
public final class OvfDescriptor {
    private final String sourceName;
    private final byte[] original;
    private final DecodedText decoded;
    private final NamespaceNormalizer.Result normalization;
    /** The normalised, screened document: what the model is bound from. */
    private final Document document;
    /** What decoding, normalisation and screening noticed, in that order. */
    private final List<Diagnostic> readNotes;
    /** Notes that follow the binding's own (source positions). */
    private final List<Diagnostic> tailNotes;
    /** Notes of an operation that made this descriptor (a conversion), listed first. */
    private final List<Diagnostic> leadNotes;
    // The typed model, bound from the document on first use (see bind()).
    private Envelope envelope;
    private Binder<Node> binder;
    private Document snapshot;
    private List<Diagnostic> diagnostics;

    OvfDescriptor(String sourceName, byte[] original) {
        this.sourceName = sourceName;
        this.original = original;
        this.decoded = DecodedText.decode(original, sourceName);
        SourceParser.Parsed parsed = SourceParser.parse(decoded.text(), sourceName);
        this.normalization = NamespaceNormalizer.normalize(parsed.document(), sourceName);
        this.document = parsed.document();
        Element root = document.getDocumentElement();
        if (root == null || !Namespaces.OVF.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw new MalformedDescriptorException(sourceName, "the root element is not an OVF Envelope");
        }
        List<Diagnostic> notes = new ArrayList<>(decoded.diagnostics());
        notes.addAll(normalization.diagnostics());
        notes.addAll(io.ovfkit.ovf.xml.ValueScreen.screen(document));
        this.readNotes = List.copyOf(notes);
        this.tailNotes = parsed.spansReliable() ? List.of() : List.of(Diagnostic.info("OVF_SOURCE_POSITIONS", 0, 0,
                "source positions could not all be mapped; edits may reformat more than the edited elements"));
        this.leadNotes = List.of();
    }

    /**
     * Binds the typed model from the document, once: building JAXB's context costs about 0.15 s
     * the first time in a process, which read-only summaries ({@link #unbound()}) do without.
     */
    private synchronized void bind() {
        // Synchronized although the class is not thread-safe: a cheap guard so that a descriptor
        // shared by mistake for reading still never binds two different models.
        if (envelope != null) {
            return;
        }
        List<Diagnostic> diags = new ArrayList<>(leadNotes);
        diags.addAll(readNotes);
        try {
            Binder<Node> b = OvfJaxb.context().createBinder();
            List<ValidationEvent> events = new ArrayList<>();
            b.setEventHandler(ev -> {
                events.add(ev);
                return true;
            });
            Object root = b.unmarshal(document);
            if (!(root instanceof Envelope env)) {
                throw new MalformedDescriptorException(sourceName, "the root element is not an OVF Envelope");
            }
            for (ValidationEvent ev : events) {
                Node n = ev.getLocator() == null ? null : ev.getLocator().getNode();
                Span s = Span.of(n instanceof org.w3c.dom.Attr a ? a.getOwnerElement() : n);
                diags.add(Diagnostic.error("OVF_BAD_VALUE", s == null ? 0 : s.line(), s == null ? 0 : s.column(),
                        ev.getMessage()));
            }
            this.snapshot = OvfJaxb.marshal(env);
            this.binder = b;
            this.envelope = env;
        } catch (JAXBException e) {
            throw new MalformedDescriptorException(sourceName, 0, 0, "cannot bind the descriptor to the OVF model: " + e, e);
        }
        diags.addAll(tailNotes);
        this.diagnostics = List.copyOf(diags);
    }

    /**
     * The document as read and what the reader noticed so far, while the typed model has not been
     * built: for read-only summaries that need not pay for the model's binding (about 0.15 s the
     * first time in a process; {@link io.ovfkit.ovf.info.DescriptorInfo#of} uses it). The document
     * is namespace-normalised onto OVF 2 and value-screened, exactly what the model is bound from;
     * do not modify it. Empty once the model was built by any method that needs it
     * ({@link #envelope()}, {@link #readDiagnostics()}, {@link #locate}, or writing an edited
     * descriptor), since edits live in the model from then on.
     *
     * @return the document and the reader's diagnostics, or empty
     */
    public synchronized Optional<Unbound> unbound() {
        if (envelope != null) {
            return Optional.empty();
        }
        List<Diagnostic> d = new ArrayList<>(leadNotes);
        d.addAll(readNotes);
        d.addAll(tailNotes);
        return Optional.of(new Unbound(document, List.copyOf(d)));
    }

    /**
     * A descriptor's document before its model is built (see {@link #unbound()}).
     *
     * @param document the normalised document; not to be modified
     * @param diagnostics what decoding, namespace normalisation and value screening noticed; the
     *     model's binding may add errors for values it cannot convert, which the screening is
     *     meant to catch first
     */
    public record Unbound(Document document, List<Diagnostic> diagnostics) {
    }

    /** The file or resource the descriptor was read from (for messages), or {@code null}. */
    public String sourceName() {
        return sourceName;
    }

    /**
     * The live, editable model, built on first use. Edits show in {@link #toBytes()}.
     *
     * @throws MalformedDescriptorException when the document cannot be bound to the model at all
     *     (rare: reading has already checked the root element and screened the values)
     */
    public Envelope envelope() {
        bind();
        return envelope;
    }

    /** The OVF version the descriptor was written in. */
    public OvfVersion version() {
        return normalization.version();
    }

    /** The envelope namespace exactly as written (possibly an alias such as a trailing slash). */
    public String envelopeNamespace() {
        return normalization.envelopeNamespace();
    }

    /**
     * What the reader noticed: producer deviations (warnings) and values that do not parse
     * (errors), including what binding the model reported; builds the model if it was not yet
     * (see {@link #unbound()} for the diagnostics without it).
     *
     * @throws MalformedDescriptorException as {@link #envelope()}
     */
    public List<Diagnostic> readDiagnostics() {
        bind();
        return diagnostics;
    }

    /** The bytes as read. */
    public byte[] originalBytes() {
        return original.clone();
    }

    /** The charset the descriptor is encoded in. */
    public java.nio.charset.Charset charset() {
        return decoded.charset();
    }

    /**
     * Where a model object came from: its element's line and column in the source, if it was read
     * (objects added after reading have none).
     */
    public Optional<int[]> locate(Object modelObject) {
        bind();
        Node n;
        try {
            n = binder.getXMLNode(modelObject);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Span s = Span.of(n);
        return s == null ? Optional.empty() : Optional.of(new int[] {s.line(), s.column()});
    }

    /** Whether the model differs from what was read. */
    public boolean isModified() {
        return !Arrays.equals(toBytes(), original);
    }

    /**
     * The descriptor as bytes: the original bytes when unmodified, otherwise the source with just the
     * edits applied, in the original encoding.
     */
    public byte[] toBytes() {
        if (envelope == null) {
            // The model was never handed out, so nothing can have been edited.
            return original.clone();
        }
        Document now;
        try {
            now = OvfJaxb.marshal(envelope);
        } catch (JAXBException e) {
            throw new OvfException(sourceName, 0, 0, "cannot marshal the model: " + e, e);
        }
        if (now.getDocumentElement().isEqualNode(snapshot.getDocumentElement())) {
            return original.clone();
        }
        SourceEditor editor = newEditor(normalization.originalNamespaces());
        editor.applyModelChanges(snapshot, now);
        return encode(editor.render());
    }

    private SourceEditor newEditor(Map<String, String> outputNamespaces) {
        SourceParser.Parsed fresh = SourceParser.parse(decoded.text(), sourceName);
        NamespaceNormalizer.normalize(fresh.document(), sourceName);
        return new SourceEditor(fresh, outputNamespaces, decoded.charset());
    }

    private byte[] encode(String text) {
        ByteBuffer bb = decoded.charset().encode(text);
        byte[] bom = decoded.bom();
        byte[] out = new byte[bom.length + bb.remaining()];
        System.arraycopy(bom, 0, out, 0, bom.length);
        bb.get(out, bom.length, bb.remaining());
        return out;
    }

    /**
     * Writes {@link #toBytes()} to {@code target} through a temporary file in the same folder that
     * is renamed over the target when complete, so a failure never leaves a partial file.
     */
    public void write(Path target) {
        writeAtomically(target, toBytes());
    }

    static void writeAtomically(Path target, byte[] bytes) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp", outputPermissions());
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what matters
                }
            }
            throw new OvfException(target, "cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * This descriptor (with any edits) in another OVF version. Content the target cannot express
     * (OVF 2 sections, StorageItem/EthernetPortItem, per-configuration properties when going to
     * 1.x) is refused with an {@link OvfConversionException} listing all of it, unless
     * {@code dropInexpressible} is true: then it is removed and listed among the result's
     * {@link #readDiagnostics()} as warnings.
     */
    public OvfDescriptor convert(OvfVersion target, boolean dropInexpressible) {
        if (target.family() == OvfVersion.Family.OVF_0_9) {
            throw new IllegalArgumentException("OVF 0.9 can be read but not written; convert to 1.0 or 2.0");
        }
        Map<String, String> out = new HashMap<>(normalization.originalNamespaces());
        out.put(Namespaces.OVF, target.family().namespace());
        for (String cim : List.of(Namespaces.RASD, Namespaces.VSSD, Namespaces.SASD, Namespaces.EPASD)) {
            out.put(cim, cim);
        }
        SourceParser.Parsed fresh = SourceParser.parse(decoded.text(), sourceName);
        NamespaceNormalizer.normalize(fresh.document(), sourceName);
        SourceEditor editor = new SourceEditor(fresh, out, decoded.charset());
        if (envelope != null) {
            Document now;
            try {
                now = OvfJaxb.marshal(envelope);
            } catch (JAXBException e) {
                throw new OvfException(sourceName, 0, 0, "cannot marshal the model: " + e, e);
            }
            editor.applyModelChanges(snapshot, now);
        }
        List<Diagnostic> notes = VersionConverter.convert(fresh.document(), editor, version(), target, dropInexpressible);
        if (!dropInexpressible) {
            List<Diagnostic> losses = notes.stream().filter(d -> d.rule().equals(VersionConverter.LOSS_RULE)).toList();
            if (!losses.isEmpty()) {
                throw new OvfConversionException(sourceName, target, losses);
            }
        }
        byte[] bytes = encode(editor.render());
        return new OvfDescriptor(new OvfDescriptor(sourceName, bytes), notes);
    }

    /** {@code base}, not yet bound, with {@code lead} listed before its own diagnostics. */
    private OvfDescriptor(OvfDescriptor base, List<Diagnostic> lead) {
        this.sourceName = base.sourceName;
        this.original = base.original;
        this.decoded = base.decoded;
        this.normalization = base.normalization;
        this.document = base.document;
        this.readNotes = base.readNotes;
        this.tailNotes = base.tailNotes;
        this.leadNotes = List.copyOf(lead);
    }

    /**
     * Where an unknown element kept by the model (a DOM element in an {@code any} list of
     * {@code owner}) came from, if it was read.
     */
    public Optional<int[]> locateUnknown(Object owner, Element unknown) {
        Element parent = sourceElement(owner);
        if (parent == null) {
            return Optional.empty();
        }
        Element first = null;
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && java.util.Objects.equals(e.getNamespaceURI(), unknown.getNamespaceURI())
                    && java.util.Objects.equals(e.getLocalName(), unknown.getLocalName())) {
                if (first == null) {
                    first = e;
                }
                if (e.isEqualNode(unknown) || e.getTextContent().equals(unknown.getTextContent())) {
                    first = e;
                    break;
                }
            }
        }
        Span s = Span.of(first);
        return s == null ? Optional.empty() : Optional.of(new int[] {s.line(), s.column()});
    }

    /** The source element a model object was read from, for validators in this package. */
    Element sourceElement(Object modelObject) {
        bind();
        try {
            Node n = binder.getXMLNode(modelObject);
            return n instanceof Element e ? e : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Permissions of a new output file: rw-r--r-- (less the umask) where the file system has POSIX
     * permissions, as for any file a tool creates; temporary files would otherwise stay owner-only.
     */
    private static java.nio.file.attribute.FileAttribute<?>[] outputPermissions() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"))};
    }
}
