package io.ovfkit.ovf.xml;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.OvfVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Rewrites a parsed descriptor from one OVF version to another through a {@link SourceEditor}, so
 * that only what differs between the versions changes: namespace declarations, schema locations,
 * {@code ovf:version}, the element names of OVF 0.9, and what one version requires and the other
 * lacks. Content that OVF 1.x cannot express is reported (rule {@value #LOSS_RULE}) and removed
 * only when the caller agrees.
 *
 * <p>Stateless; safe to call from any thread on a document and editor that no other thread uses
 * meanwhile.
 */
public final class VersionConverter {
    /** Rule id of content the target version cannot express. */
    public static final String LOSS_RULE = "OVF_CONVERSION_LOSS";

    private static final Set<String> OVF2_ONLY_ELEMENTS = Set.of("StorageItem", "EthernetPortItem",
            "NetworkPortProfile", "NetworkPortProfileURI", "EnvironmentFilesSection", "BootDeviceSection",
            "SharedDiskSection", "ScaleOutSection", "PlacementGroupSection", "PlacementSection", "EncryptionSection");
    private static final Set<String> FILEREF_IN_1X = Set.of("Disk", "Icon", "Strings", "SharedDisk");
    private static final Set<String> OVF_FAMILY = Set.of(Namespaces.OVF, Namespaces.OVF + "/", Namespaces.OVF_1,
            Namespaces.OVF_1 + "/", Namespaces.OVF_0_9);

    private VersionConverter() {
    }

    /**
     * Converts in place through {@code editor}.
     *
     * @param doc the normalised source DOM the editor works on
     * @param drop whether to remove content the target cannot express (it is reported either way)
     * @return notes: losses (errors, or warnings when dropped) and fixes made on the way
     */
    public static List<Diagnostic> convert(Document doc, SourceEditor editor, OvfVersion from, OvfVersion to, boolean drop) {
        List<Diagnostic> notes = new ArrayList<>();
        String targetNs = to.family().namespace();
        List<Element> all = new ArrayList<>();
        collect(doc.getDocumentElement(), all);
        for (Element e : all) {
            NamedNodeMap m = e.getAttributes();
            List<Attr> attrs = new ArrayList<>();
            for (int i = 0; i < m.getLength(); i++) {
                attrs.add((Attr) m.item(i));
            }
            for (Attr a : attrs) {
                if (Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                    String v = a.getValue();
                    String nv = v;
                    if (OVF_FAMILY.contains(v)) {
                        nv = targetNs;
                    } else if (v.endsWith(".xsd") && v.startsWith("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_")) {
                        nv = v.substring(0, v.length() - 4);
                        notes.add(Diagnostic.info("OVF_NAMESPACE_FIXED", line(e), column(e),
                                "namespace \"" + v + "\" corrected to \"" + nv + "\""));
                    }
                    if (!nv.equals(v)) {
                        editor.editAttribute(e, Namespaces.XMLNS, a.getLocalName(), nv);
                    }
                } else if (Namespaces.XSI.equals(a.getNamespaceURI()) && "schemaLocation".equals(a.getLocalName())) {
                    String nv = schemaLocation(a.getValue(), to);
                    if (!nv.equals(a.getValue())) {
                        editor.editAttribute(e, Namespaces.XSI, "schemaLocation", nv);
                    }
                }
            }
            if (e.getUserData(NamespaceNormalizer.ORIGINAL_NAME) != null) {
                editor.rename(e, e.getLocalName());
            }
        }
        Element root = doc.getDocumentElement();
        if (to.family() == OvfVersion.Family.OVF_2 || root.hasAttributeNS(Namespaces.OVF, "version")) {
            editor.editAttribute(root, Namespaces.OVF, "version", to.number());
        }
        if (to.family() == OvfVersion.Family.OVF_2) {
            for (Element e : all) {
                if (Namespaces.OVF.equals(e.getNamespaceURI()) && "InstallSection".equals(e.getLocalName())
                        && !e.hasAttributeNS(Namespaces.OVF, "initialBootStopDelay")) {
                    editor.editAttribute(e, Namespaces.OVF, "initialBootStopDelay", "0");
                    notes.add(Diagnostic.info("OVF_CONVERSION_FIX", line(e), column(e),
                            "InstallSection: ovf:initialBootStopDelay=\"0\" added (required by OVF 2)"));
                }
            }
        } else {
            for (Element e : all) {
                if (e.getParentNode() == null || !attached(e, root)) {
                    continue;
                }
                if (Namespaces.OVF.equals(e.getNamespaceURI()) && OVF2_ONLY_ELEMENTS.contains(e.getLocalName())) {
                    notes.add(loss(e, drop, "element " + e.getLocalName() + " exists only in OVF 2.x"));
                    if (drop) {
                        editor.remove(e);
                    }
                    continue;
                }
                if (Namespaces.OVF.equals(e.getNamespaceURI()) && "Property".equals(e.getLocalName())
                        && e.hasAttributeNS(Namespaces.OVF, "configuration")) {
                    // Not in the 1.x schema, but VMware writes and reads it in 1.x descriptors: kept.
                    notes.add(Diagnostic.warning("OVF_CONVERSION_NONSTANDARD", line(e), column(e),
                            "Property/@ovf:configuration is not part of OVF 1.x; kept because VMware reads it there"));
                }
                if (e.hasAttributeNS(Namespaces.OVF, "fileRef") && !FILEREF_IN_1X.contains(e.getLocalName())
                        && Namespaces.OVF.equals(e.getNamespaceURI()) && !"File".equals(e.getLocalName())) {
                    notes.add(loss(e, drop, e.getLocalName() + "/@ovf:fileRef (message text from a file) exists only in OVF 2.x"));
                    if (drop) {
                        editor.editAttribute(e, Namespaces.OVF, "fileRef", null);
                    }
                }
            }
        }
        return notes;
    }

    private static boolean attached(Node n, Element root) {
        for (Node p = n; p != null; p = p.getParentNode()) {
            if (p == root) {
                return true;
            }
        }
        return false;
    }

    private static Diagnostic loss(Element e, boolean drop, String what) {
        String msg = what + (drop ? "; removed" : "; OVF 1.x cannot express it");
        return drop ? Diagnostic.warning(LOSS_RULE, line(e), column(e), msg)
                : Diagnostic.error(LOSS_RULE, line(e), column(e), msg);
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                collect(ce, out);
            }
        }
    }

    private static int line(Element e) {
        Span s = Span.of(e);
        return s == null ? 0 : s.line();
    }

    private static int column(Element e) {
        Span s = Span.of(e);
        return s == null ? 0 : s.column();
    }

    private static String schemaLocation(String value, OvfVersion to) {
        String[] tokens = value.trim().split("\\s+");
        StringBuilder b = new StringBuilder();
        boolean changed = false;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (i % 2 == 0 && OVF_FAMILY.contains(t)) {
                t = to.family().namespace();
                if (i + 1 < tokens.length) {
                    tokens[i + 1] = to.family() == OvfVersion.Family.OVF_2
                            ? "http://schemas.dmtf.org/ovf/envelope/2/dsp8023_2.0.1.xsd"
                            : "http://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.0.xsd";
                }
                changed = true;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(t);
        }
        return changed ? b.toString() : value;
    }
}
