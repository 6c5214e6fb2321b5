package io.ovfkit.ovf.xml;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.OvfVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Maps the namespaces a producer wrote onto the canonical ones the model is bound to, in place:
 * OVF 1.x and 0.9 envelopes onto OVF 2, the {@code .xsd}-suffixed and slash-terminated aliases of
 * the CIM namespaces onto the real ones, unqualified OVF attributes into the OVF namespace, and the
 * 0.9 {@code <Section xsi:type="ovf:X_Type">} form onto element names. Every renamed node keeps its
 * original namespace as user data so that new content can be written back in the producer's terms.
 *
 * <p>The static entry points are safe to call from any thread (each call uses a normalizer of its own),
 * provided each thread works on its own DOM document, which is not thread-safe.
 */
public final class NamespaceNormalizer {
    static final String ORIGINAL_NS = "io.ovfkit.originalNs";
    static final String ORIGINAL_NAME = "io.ovfkit.originalName";
    static final String HIDDEN_ATTRS = "io.ovfkit.hiddenAttrs";

    private static final String CIM = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        ALIASES.put(Namespaces.OVF_1 + "/", Namespaces.OVF_1);
        ALIASES.put(Namespaces.OVF + "/", Namespaces.OVF);
        for (String cim : List.of(Namespaces.RASD, Namespaces.VSSD, Namespaces.SASD, Namespaces.EPASD,
                Namespaces.BOOTC, Namespaces.BOOTS)) {
            ALIASES.put(cim + ".xsd", cim);
            ALIASES.put(cim + "/", cim);
        }
        ALIASES.put(Namespaces.VMW + "/", Namespaces.VMW);
    }

    /** The outcome: the version the envelope was written in and the deviations met on the way. */
    public record Result(OvfVersion version, String envelopeNamespace, Map<String, String> originalNamespaces,
            List<Diagnostic> diagnostics) {
    }

    private final List<Diagnostic> diags = new ArrayList<>();
    private final Map<String, String> original = new LinkedHashMap<>();
    private final Map<String, Integer> aliasCounts = new LinkedHashMap<>();
    private String envelopeNs;
    private int unqualified;
    private int unqualifiedLine;
    private int mixedLine;
    private String mixedNs;
    private int instanceIdRenames;

    private NamespaceNormalizer() {
    }

    /**
     * Normalises {@code doc} in place.
     *
     * @throws MalformedDescriptorException when the root is not an OVF {@code Envelope} of a known version
     */
    public static Result normalize(Document doc, String sourceName) {
        NamespaceNormalizer n = new NamespaceNormalizer();
        return n.run(doc, sourceName);
    }

    /**
     * Normalises a standalone document whose root is another OVF element than Envelope (an external
     * {@code Strings} bundle), taking its version from the root's namespace.
     *
     * @throws MalformedDescriptorException when the root is not in an OVF namespace
     */
    public static void normalizeFragment(Document doc, String sourceName) {
        NamespaceNormalizer n = new NamespaceNormalizer();
        Element root = doc.getDocumentElement();
        String ns = root.getNamespaceURI();
        String c = ns == null ? null : ALIASES.getOrDefault(ns, ns);
        if (!Namespaces.OVF.equals(c) && !Namespaces.OVF_1.equals(c) && !Namespaces.OVF_0_9.equals(c)) {
            throw new MalformedDescriptorException(sourceName, 1, 1, "the root element " + root.getTagName()
                    + " is not in an OVF namespace", null);
        }
        n.envelopeNs = c;
        n.walk(root, null, false);
    }

    private Result run(Document doc, String sourceName) {
        Element root = doc.getDocumentElement();
        String rootNs = root.getNamespaceURI();
        String local = root.getLocalName();
        Span span = Span.of(root);
        int line = span == null ? 0 : span.line();
        int col = span == null ? 0 : span.column();
        String canonicalRoot = rootNs == null ? null : ALIASES.getOrDefault(rootNs, rootNs);
        OvfVersion version;
        if (Namespaces.OVF.equals(canonicalRoot)) {
            version = OvfVersion.fromAttribute(OvfVersion.Family.OVF_2, root.getAttributeNS(rootNs, "version"));
        } else if (Namespaces.OVF_1.equals(canonicalRoot)) {
            version = OvfVersion.fromAttribute(OvfVersion.Family.OVF_1, root.getAttributeNS(rootNs, "version"));
        } else if (Namespaces.OVF_0_9.equals(canonicalRoot)) {
            version = OvfVersion.V0_9;
            diags.add(Diagnostic.warning("OVF_LEGACY_0_9", line, col,
                    "OVF 0.9 (pre-standard VMware namespace); read into the OVF 2 model, convert before publishing"));
        } else {
            throw new MalformedDescriptorException(sourceName, line, col,
                    "the root element {" + (rootNs == null ? "" : rootNs) + "}" + local
                            + " is not an OVF Envelope; expected an Envelope in " + Namespaces.OVF_1 + " (OVF 1.x), "
                            + Namespaces.OVF + " (OVF 2.x) or " + Namespaces.OVF_0_9 + " (OVF 0.9)", null);
        }
        if (!"Envelope".equals(local)) {
            throw new MalformedDescriptorException(sourceName, line, col,
                    "the root element is " + root.getTagName() + "; expected Envelope", null);
        }
        envelopeNs = canonicalRoot;
        if (!rootNs.equals(canonicalRoot)) {
            diags.add(Diagnostic.warning("OVF_NAMESPACE_ALIAS", line, col,
                    "the envelope namespace \"" + rootNs + "\" is an alias of \"" + canonicalRoot + "\""));
        }
        original.put(Namespaces.OVF, rootNs);
        walk(root, null, false);
        for (Map.Entry<String, Integer> a : aliasCounts.entrySet()) {
            diags.add(Diagnostic.warning("OVF_NAMESPACE_ALIAS", 0, 0,
                    "namespace \"" + a.getKey() + "\" (" + a.getValue() + " uses) is a known alias of \""
                            + ALIASES.get(a.getKey()) + "\"; read as such, but other tools ignore these elements"));
        }
        if (unqualified > 0) {
            diags.add(Diagnostic.warning("OVF_UNQUALIFIED_ATTRIBUTE", unqualifiedLine, 0,
                    unqualified + " OVF attribute(s) written without the ovf: namespace (first on line "
                            + unqualifiedLine + "); read as OVF attributes"));
        }
        if (unqualifiedElements > 0) {
            diags.add(Diagnostic.warning("OVF_UNQUALIFIED_ELEMENT", unqualifiedElementLine, 0,
                    unqualifiedElements + " element(s) inside the envelope have no namespace (first on line "
                            + unqualifiedElementLine + "); read as OVF elements"));
        }
        if (borrowed > 0) {
            diags.add(Diagnostic.warning("OVF_BORROWED_SECTION", borrowedLine, 0,
                    borrowed + " OVF 2 section(s) used inside an OVF 1 descriptor (first on line " + borrowedLine
                            + "); OVF 1 consumers will not understand them"));
        }
        if (mixedNs != null) {
            diags.add(Diagnostic.error("OVF_MIXED_VERSIONS", mixedLine, 0,
                    "the envelope is in " + rootNs + " but elements or attributes use " + mixedNs
                            + "; one descriptor must use one OVF version"));
        }
        if (instanceIdRenames > 0) {
            diags.add(Diagnostic.info("OVF_LEGACY_INSTANCEID", 0, 0,
                    instanceIdRenames + " InstanceId element(s) read as InstanceID, the CIM spelling"));
        }
        return new Result(version, rootNs, Map.copyOf(original), List.copyOf(diags));
    }

    private static final java.util.Set<String> OVF2_SECTIONS = java.util.Set.of("ScaleOutSection", "PlacementGroupSection",
            "PlacementSection", "EnvironmentFilesSection", "BootDeviceSection", "SharedDiskSection", "EncryptionSection");
    private int unqualifiedElements;
    private int unqualifiedElementLine;
    private int borrowed;
    private int borrowedLine;
    private boolean insideBorrowed;

    private String canonical(String ns, Node where) {
        if (ns == null) {
            return null;
        }
        String c = ALIASES.get(ns);
        if (c != null) {
            if (!c.equals(Namespaces.OVF) && !c.equals(Namespaces.OVF_1)) {
                aliasCounts.merge(ns, 1, Integer::sum);
            }
            ns = c;
        }
        if (ns.equals(Namespaces.OVF_1) || ns.equals(Namespaces.OVF_0_9) || ns.equals(Namespaces.OVF)) {
            if (!ns.equals(envelopeNs) && insideBorrowed) {
                return Namespaces.OVF;
            }
            if (!ns.equals(envelopeNs) && mixedNs == null) {
                mixedNs = ns;
                Span s = Span.of(where instanceof Attr a ? a.getOwnerElement() : where);
                mixedLine = s == null ? 0 : s.line();
            }
            return Namespaces.OVF;
        }
        return ns;
    }

    /** An ASCII XML name ({@code [A-Za-z_][A-Za-z0-9_.-]*}): what every OVF section type is. */
    static boolean isAsciiName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            boolean other = i > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '.');
            if (!letter && !other) {
                return false;
            }
        }
        return true;
    }

    private void walk(Element e, String parentNs, boolean parentBorrowed) {
        Document doc = e.getOwnerDocument();
        String ns = e.getNamespaceURI();
        boolean wasBorrowed = insideBorrowed;
        insideBorrowed = parentBorrowed;
        if (!parentBorrowed && Namespaces.OVF.equals(ns) && Namespaces.OVF_1.equals(envelopeNs)
                && OVF2_SECTIONS.contains(e.getLocalName())) {
            insideBorrowed = true;
            if (borrowed++ == 0) {
                Span s = Span.of(e);
                borrowedLine = s == null ? 0 : s.line();
            }
        }
        String cns;
        if (ns == null && Namespaces.OVF.equals(parentNs)) {
            cns = Namespaces.OVF;
            if (unqualifiedElements++ == 0) {
                Span s = Span.of(e);
                unqualifiedElementLine = s == null ? 0 : s.line();
            }
        } else {
            cns = canonical(ns, e);
        }
        String qname = e.getTagName();
        String newQName = qname;
        if (Namespaces.OVF.equals(cns)) {
            String typeAttr = e.getAttributeNS(Namespaces.XSI, "type");
            if (!typeAttr.isEmpty()) {
                String t = typeAttr.substring(typeAttr.indexOf(':') + 1);
                // Only a type that names an element: any other value stays as written (found by fuzzing:
                // renaming to "VirtualHardwareSe[tion" threw a DOMException).
                if (t.endsWith("_Type") && isAsciiName(t)
                        && ("Section".equals(e.getLocalName()) || "Content".equals(e.getLocalName()))) {
                    String prefix = qname.contains(":") ? qname.substring(0, qname.indexOf(':') + 1) : "";
                    newQName = prefix + t.substring(0, t.length() - "_Type".length());
                    e.setUserData(ORIGINAL_NAME, qname, null);
                }
            }
        }
        if (("InstanceId".equals(e.getLocalName())) && (Namespaces.RASD.equals(cns) || Namespaces.VSSD.equals(cns))) {
            newQName = qname.substring(0, qname.length() - 2) + "ID";
            e.setUserData(ORIGINAL_NAME, qname, null);
            instanceIdRenames++;
        }
        if (cns != null && (!cns.equals(ns) || !newQName.equals(qname))) {
            e.setUserData(ORIGINAL_NS, ns == null ? "" : ns, null);
            if (ns != null) {
                original.putIfAbsent(cns, ns);
            }
            e = (Element) doc.renameNode(e, cns, newQName);
        }
        // Attributes: copy the list first, renaming changes the map.
        NamedNodeMap attrs = e.getAttributes();
        List<Attr> list = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            list.add((Attr) attrs.item(i));
        }
        boolean ovfElement = Namespaces.OVF.equals(cns);
        for (Attr a : list) {
            String ans = a.getNamespaceURI();
            if (Namespaces.XMLNS.equals(ans)) {
                continue;
            }
            if (Namespaces.XSI.equals(ans) && "type".equals(a.getLocalName())) {
                // JAXB would treat xsi:type as a type substitution; the writer keeps the source text.
                e.removeAttributeNode(a);
                continue;
            }
            if (ans == null && ovfElement) {
                String name = a.getName();
                if (e.hasAttributeNS(Namespaces.OVF, name)) {
                    continue;
                }
                unqualified++;
                if (unqualifiedLine == 0) {
                    Span s = Span.of(e);
                    unqualifiedLine = s == null ? 0 : s.line();
                }
                a.setUserData(ORIGINAL_NS, "", null);
                doc.renameNode(a, Namespaces.OVF, "ovf:" + name);
                continue;
            }
            String cans = canonical(ans, a);
            if (cans != null && !cans.equals(ans)) {
                a.setUserData(ORIGINAL_NS, ans, null);
                doc.renameNode(a, cans, a.getName());
            }
        }
        boolean childBorrowed = insideBorrowed;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                walk(ce, cns, childBorrowed);
            }
        }
        insideBorrowed = wasBorrowed;
    }
}
