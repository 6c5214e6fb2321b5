package io.ovfkit.ovf.schema;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Validates OVF descriptors and OVF environment documents against the DMTF XML schemas of a local
 * schema folder, offline.
 *
 * <p>The schema folder has one subfolder per {@link SchemaKind}: {@code ovf-1/} (OVF 1.x
 * descriptors, DSP8023 1.1), {@code ovf-2/} (OVF 2.x descriptors, DSP8023 2.0.1) and
 * {@code ovf-env/} (OVF environment documents, DSP8027). Only the sets for the kinds of documents
 * validated are needed. Each subfolder is flat and holds the files of {@link SchemaKind#files()}
 * under the last segment of their URLs, so downloading each URL into the subfolder builds it:
 *
 * <pre>
 * schemas/ovf-1/dsp8023_1.1.xsd        (root schema: dsp8023.xsd or any dsp8023_1*.xsd)
 * schemas/ovf-1/common.xsd
 * schemas/ovf-1/CIM_VirtualSystemSettingData.xsd
 * schemas/ovf-1/CIM_ResourceAllocationSettingData.xsd
 * schemas/ovf-1/xml.xsd
 * schemas/ovf-2/dsp8023_2.0.1.xsd      (dsp8023.xsd or any dsp8023_2*.xsd), and its 12 imports
 * schemas/ovf-env/dsp8027_1.1.0.xsd    (dsp8027.xsd or any dsp8027_1*.xsd), common.xsd
 * </pre>
 *
 * <p>The root schema is found by name ({@link SchemaKind#isRootFileName(String)}, any case); when
 * several files qualify, the short name ({@code dsp8023.xsd}) wins, then the highest version
 * ({@code dsp8023_1.1.1.xsd} over {@code dsp8023_1.1.xsd}), then the first name in
 * {@link String#compareTo} order. Imports are resolved by base name inside the same subfolder
 * whatever URL they give; {@code XMLSchema.dtd} (named by the W3C schemas' DOCTYPE) is not needed.
 * Nothing is ever fetched from the network.
 *
 * <p>Before a set is compiled (on first use; the compiled set is kept), its subfolder is checked:
 * an absent or incomplete set is one {@link OvfException} naming the folder and every missing file
 * with the URL to download it from.
 *
 * <p>Schema findings are data: every violation becomes a {@link Diagnostic} with rule
 * {@value #RULE_INVALID} and severity {@link Severity#WARNING} (many real descriptors are not
 * schema-valid; a strict profile may raise them). Prefer {@link #validate(byte[], String)}, which
 * reports real line and column numbers; {@link #validate(Document, String)} can only name the
 * element path.
 *
 * <p>Instances are immutable apart from the compiled-schema cache and safe to share between
 * threads.
 */
public final class SchemaValidator {
    /** Rule id of a schema violation. */
    public static final String RULE_INVALID = "XSD_INVALID";
    /** Rule id of the finding that no schema covers the document's root namespace. */
    public static final String RULE_NO_SCHEMA = "XSD_NO_SCHEMA";
    /** At most this many findings are returned per document, followed by one summary finding. */
    public static final int MAX_FINDINGS = 1000;

    private final Path folder;
    private final ConcurrentMap<SchemaKind, Schema> compiled = new ConcurrentHashMap<>();

    private SchemaValidator(Path folder) {
        this.folder = folder;
    }

    /**
     * A validator for the schema sets in {@code dir}. The folder itself is checked now; each kind's
     * subfolder is checked for completeness (and compiled) the first time a document of that kind
     * is validated.
     *
     * @param dir the schema folder, holding at least one of the subfolders {@code ovf-1},
     *     {@code ovf-2} and {@code ovf-env} (see the class description for their content)
     * @return the validator
     * @throws OvfException when {@code dir} is not a folder or holds none of the expected
     *     subfolders; the message lists the layout and every file with its URL
     */
    public static SchemaValidator fromFolder(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new OvfException(abs.toString(), "schema folder not found; " + expectedLayout());
        }
        boolean any = false;
        for (SchemaKind k : SchemaKind.values()) {
            any |= Files.isDirectory(abs.resolve(k.folder()));
        }
        if (!any) {
            throw new OvfException(abs.toString(), "not a schema folder: it holds none of the subfolders "
                    + folderNames() + "; " + expectedLayout());
        }
        return new SchemaValidator(abs);
    }

    /** The absolute schema folder this validator reads. */
    public Path folder() {
        return folder;
    }

    /**
     * The compiled schema set of one kind, compiling it on first use. The returned {@link Schema} is
     * immutable and thread-safe.
     *
     * @param kind which schema set
     * @return the compiled schema
     * @throws OvfException when the subfolder is absent or incomplete (the message names every
     *     missing file and its URL), or the schema set does not compile (the message names the file
     *     and place)
     */
    public Schema schema(SchemaKind kind) {
        Objects.requireNonNull(kind, "kind");
        return compiled.computeIfAbsent(kind, this::compile);
    }

    /**
     * Validates a parsed document. The root element's namespace selects the schema set. A DOM keeps
     * no source positions, so findings carry line and column 0 and name the element path in the
     * message instead; use {@link #validate(byte[], String)} when the bytes are at hand.
     *
     * @param doc the document (built namespace-aware)
     * @param sourceName the file name, for messages
     * @return the findings, empty when the document is valid
     * @throws OvfException when the schema set for the document's kind is missing or broken
     */
    public List<Diagnostic> validate(Document doc, String sourceName) {
        Objects.requireNonNull(doc, "doc");
        Element root = doc.getDocumentElement();
        if (root == null) {
            return List.of(Diagnostic.warning(RULE_NO_SCHEMA, 0, 0, "document has no root element; nothing to validate"));
        }
        SchemaKind kind = SchemaKind.forNamespace(root.getNamespaceURI()).orElse(null);
        if (kind == null) {
            return List.of(noSchema(root.getNamespaceURI(), root.getLocalName() != null ? root.getLocalName()
                    : root.getNodeName(), 0, 0));
        }
        Validator v = newValidator(kind);
        Findings findings = new Findings(() -> elementPath(currentNode(v)));
        v.setErrorHandler(findings);
        try {
            v.validate(new DOMSource(doc, sourceName));
        } catch (SAXException e) {
            if (!findings.stopped(e)) {
                findings.add(0, 0, message(e));
            }
        } catch (IOException e) {
            throw new OvfException(sourceName, 0, 0, "schema validation failed: " + e.getMessage(), e);
        }
        return findings.result();
    }

    /**
     * Validates a document from its bytes, reporting the real line and column of every finding. The
     * root element's namespace selects the schema set. The document is parsed with a hardened parser:
     * a DOCTYPE is refused and no external entity or DTD is ever loaded.
     *
     * @param xml the document bytes (any encoding the XML declaration or BOM announces; a declaration
     *     saying UTF-16 over single-byte content, as XenCenter writes, is read as UTF-8)
     * @param sourceName the file name, for messages
     * @return the findings, empty when the document is valid
     * @throws MalformedDescriptorException when the bytes are not well-formed XML or contain a
     *     DOCTYPE (the message names line and column)
     * @throws OvfException when the schema set for the document's kind is missing or broken
     */
    public List<Diagnostic> validate(byte[] xml, String sourceName) {
        Objects.requireNonNull(xml, "xml");
        RootName root = rootName(xml, sourceName);
        SchemaKind kind = SchemaKind.forNamespace(root.namespace).orElse(null);
        if (kind == null) {
            return List.of(noSchema(root.namespace, root.localName, root.line, root.column));
        }
        Validator v = newValidator(kind);
        Findings findings = new Findings(() -> null);
        v.setErrorHandler(findings);
        XMLReader reader = io.ovfkit.ovf.xml.HardenedXml.newReader();
        try {
            v.validate(new SAXSource(reader, io.ovfkit.ovf.xml.HardenedXml.inputSource(xml, sourceName)));
        } catch (SAXParseException e) {
            if (findings.fatal != null) {
                throw malformed(sourceName, findings.fatal);
            }
            if (!findings.stopped(e)) {
                findings.add(pos(e.getLineNumber()), pos(e.getColumnNumber()), message(e));
            }
        } catch (SAXException e) {
            if (!findings.stopped(e)) {
                findings.add(0, 0, message(e));
            }
        } catch (IOException e) {
            throw new OvfException(sourceName, 0, 0, "cannot read the document: " + e.getMessage(), e);
        }
        return findings.result();
    }

    @Override
    public String toString() {
        return "SchemaValidator[" + folder + "]";
    }

    // ---------------------------------------------------------------------------------------------

    private Schema compile(SchemaKind kind) {
        Path dir = folder.resolve(kind.folder());
        if (!Files.isDirectory(dir)) {
            throw new OvfException(dir.toString(), "schema set " + kind.folder() + " (" + kind.title()
                    + ") not found: no such folder; it needs " + SchemaSet.requirements(kind));
        }
        List<SchemaSet.Missing> missing = SchemaSet.missing(dir, kind);
        if (!missing.isEmpty()) {
            throw new OvfException(dir.toString(), "schema set " + kind.folder() + " (" + kind.title()
                    + ") is incomplete: missing " + SchemaSet.join(missing));
        }
        Path root = SchemaSet.root(dir, kind).orElseThrow();
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK SchemaFactory does not support secure processing", e);
        }
        f.setResourceResolver(new FolderResourceResolver(dir));
        List<SAXParseException> problems = new ArrayList<>();
        f.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // Schema-loading warnings (skipped duplicate imports, ...) are not the caller's concern.
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(e);
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                problems.add(e);
                throw e;
            }
        });
        Schema schema;
        try {
            byte[] bytes = Files.readAllBytes(root);
            StreamSource src = new StreamSource(new ByteArrayInputStream(bytes), root.toUri().toString());
            schema = f.newSchema(new Source[] {src});
        } catch (FolderResourceResolver.UnresolvedResourceException e) {
            throw new OvfException(root.toString(), "cannot compile the " + describe(kind) + " schema set: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new OvfException(root, "cannot read the root schema: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw schemaError(kind, root, e, problems);
        } catch (RuntimeException e) {
            Throwable c = e.getCause();
            if (c instanceof FolderResourceResolver.UnresolvedResourceException) {
                throw new OvfException(root.toString(), "cannot compile the " + describe(kind) + " schema set: "
                        + c.getMessage());
            }
            throw e;
        }
        if (!problems.isEmpty()) {
            throw schemaError(kind, root, problems.get(0), problems);
        }
        return schema;
    }

    private static OvfException schemaError(SchemaKind kind, Path root, Exception e, List<SAXParseException> problems) {
        SAXParseException p = e instanceof SAXParseException ? (SAXParseException) e
                : problems.isEmpty() ? null : problems.get(0);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FolderResourceResolver.UnresolvedResourceException) {
                return new OvfException(root.toString(), "cannot compile the " + describe(kind) + " schema set: "
                        + t.getMessage());
            }
        }
        String where = p != null && p.getSystemId() != null ? p.getSystemId() : root.toString();
        if (where.startsWith("file:")) {
            try {
                where = Path.of(java.net.URI.create(where)).toString();
            } catch (IllegalArgumentException ignored) {
                // keep the URI
            }
        }
        int line = p == null ? 0 : pos(p.getLineNumber());
        int col = p == null ? 0 : pos(p.getColumnNumber());
        return new OvfException(where, line, col, "the " + describe(kind) + " schema set does not compile: "
                + message(e) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more schema errors)" : ""), e);
    }

    private Validator newValidator(SchemaKind kind) {
        Validator v = schema(kind).newValidator();
        try {
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK Validator does not support access restrictions", e);
        }
        return v;
    }

    /** Reads up to the root start tag and returns its name; refuses DOCTYPEs and malformed XML. */
    private static RootName rootName(byte[] xml, String sourceName) {
        XMLReader reader = io.ovfkit.ovf.xml.HardenedXml.newReader();
        RootFinder finder = new RootFinder();
        reader.setContentHandler(finder);
        reader.setErrorHandler(finder);
        try {
            reader.parse(io.ovfkit.ovf.xml.HardenedXml.inputSource(xml, sourceName));
        } catch (SAXParseException e) {
            throw malformed(sourceName, e);
        } catch (RootFound found) {
            return found.root;
        } catch (SAXException e) {
            if (e.getException() instanceof RootFound) {
                return ((RootFound) e.getException()).root;
            }
            throw new MalformedDescriptorException(sourceName, 0, 0, "not well-formed XML: " + message(e), e);
        } catch (IOException e) {
            throw new OvfException(sourceName, 0, 0, "cannot read the document: " + e.getMessage(), e);
        }
        throw new MalformedDescriptorException(sourceName, "no root element");
    }

    private static MalformedDescriptorException malformed(String sourceName, SAXParseException e) {
        String msg = io.ovfkit.ovf.xml.HardenedXml.isDoctypeRefusal(e)
                ? "DOCTYPE declarations are refused: OVF documents need no DTD, and DTDs and entities are not"
                        + " processed for security reasons; remove the <!DOCTYPE ...> declaration"
                : "not well-formed XML: " + message(e);
        return new MalformedDescriptorException(sourceName, pos(e.getLineNumber()), pos(e.getColumnNumber()), msg, e);
    }

    private static Diagnostic noSchema(String ns, String local, int line, int column) {
        String name = (ns == null || ns.isEmpty() ? "" : "{" + ns + "}") + local;
        StringBuilder known = new StringBuilder();
        for (SchemaKind k : SchemaKind.values()) {
            known.append(known.length() == 0 ? "" : ", ").append(k.namespace());
        }
        return Diagnostic.warning(RULE_NO_SCHEMA, line, column, "no schema for the root element " + name
                + "; schema validation covers only the namespaces " + known + " (skipped)");
    }

    private static String describe(SchemaKind kind) {
        return kind.title() + " (" + kind.specification() + ")";
    }

    private static String folderNames() {
        StringBuilder b = new StringBuilder();
        for (SchemaKind k : SchemaKind.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k.folder()).append('/');
        }
        return b.toString();
    }

    /** The layout with every file and its URL, one line per schema set. */
    private static String expectedLayout() {
        StringBuilder b = new StringBuilder("a schema folder has a subfolder per schema set (only those for the"
                + " documents validated are needed), each holding these files side by side:");
        for (SchemaKind k : SchemaKind.values()) {
            b.append("\n  ").append(k.folder()).append("/ (").append(k.title()).append("): ")
                    .append(SchemaSet.requirements(k));
        }
        return b.toString();
    }

    private static int pos(int n) {
        return Math.max(n, 0);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.trim();
    }

    private static Node currentNode(Validator v) {
        try {
            Object o = v.getProperty("http://apache.org/xml/properties/dom/current-element-node");
            return o instanceof Node ? (Node) o : null;
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            return null;
        }
    }

    /** {@code /Envelope/VirtualSystem/VirtualHardwareSection/Item[3]/rasd:InstanceID}. */
    static String elementPath(Node node) {
        if (node == null || node.getNodeType() != Node.ELEMENT_NODE) {
            return null;
        }
        List<String> steps = new ArrayList<>();
        for (Node n = node; n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            String name = n.getNodeName();
            int index = 0;
            int same = 0;
            Node parent = n.getParentNode();
            if (parent != null && parent.getNodeType() == Node.ELEMENT_NODE) {
                for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c.getNodeType() == Node.ELEMENT_NODE && c.getNodeName().equals(name)) {
                        same++;
                        if (c == n) {
                            index = same;
                        }
                    }
                }
            }
            steps.add(same > 1 ? name + "[" + index + "]" : name);
        }
        Collections.reverse(steps);
        return "/" + String.join("/", steps);
    }

    // ---------------------------------------------------------------------------------------------

    /** Collects validation errors as diagnostics, capped at {@link #MAX_FINDINGS}. */
    private static final class Findings implements ErrorHandler {
        private final List<Diagnostic> list = new ArrayList<>();
        private final Supplier<String> location;
        private int omitted;
        SAXParseException fatal;

        Findings(Supplier<String> location) {
            this.location = location;
        }

        void add(int line, int column, String message) {
            if (list.size() < MAX_FINDINGS) {
                list.add(Diagnostic.warning(RULE_INVALID, line, column, message));
            } else {
                omitted++;
            }
        }

        @Override
        public void warning(SAXParseException e) {
            // Validator warnings carry no schema violation.
        }

        @Override
        public void error(SAXParseException e) {
            String msg = message(e);
            String where = location.get();
            add(pos(e.getLineNumber()), pos(e.getColumnNumber()), where == null ? msg : msg + " (at " + where + ")");
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            if (fatal == null) {
                fatal = e;
            }
            throw e;
        }

        /** Whether {@code e} is merely the end of processing already recorded. */
        boolean stopped(SAXException e) {
            return fatal != null && e == fatal;
        }

        List<Diagnostic> result() {
            if (omitted > 0) {
                List<Diagnostic> out = new ArrayList<>(list);
                out.add(Diagnostic.warning(RULE_INVALID, 0, 0, "\u2026 " + omitted + " more findings omitted"));
                return Collections.unmodifiableList(out);
            }
            return Collections.unmodifiableList(list);
        }
    }

    /** Namespace, local name and position of a root start tag. */
    private static final class RootName {
        final String namespace;
        final String localName;
        final int line;
        final int column;

        RootName(String namespace, String localName, int line, int column) {
            this.namespace = namespace;
            this.localName = localName;
            this.line = line;
            this.column = column;
        }
    }

    /** Stops the parse at the root start tag. */
    private static final class RootFound extends SAXException {
        private static final long serialVersionUID = 1L;
        final transient RootName root;

        RootFound(RootName root) {
            super("root element found");
            this.root = root;
        }
    }

    private static final class RootFinder extends DefaultHandler {
        private org.xml.sax.Locator locator;

        @Override
        public void setDocumentLocator(org.xml.sax.Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            int line = locator == null ? 0 : pos(locator.getLineNumber());
            int col = locator == null ? 0 : pos(locator.getColumnNumber());
            throw new RootFound(new RootName(uri == null || uri.isEmpty() ? null : uri, localName, line, col));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
