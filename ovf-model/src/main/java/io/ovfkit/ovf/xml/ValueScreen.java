package io.ovfkit.ovf.xml;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Namespaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks the attributes the model binds to numbers and booleans before JAXB sees them, so that a
 * bad value becomes a diagnostic with its line instead of an exception or a silent default. A
 * number that does not parse is hidden from the binding (the source text keeps it); a boolean
 * spelled in another case ({@code True}) is read as meant, with a warning.
 *
 * <p>Stateless; safe to call from any thread on a DOM document that no other thread uses meanwhile.
 */
public final class ValueScreen {
    private enum Kind { LONG, INT }

    private static final Map<String, Map<String, Kind>> NUMBERS = Map.of(
            "File", Map.of("size", Kind.LONG, "chunkSize", Kind.LONG),
            "Disk", Map.of("populatedSize", Kind.LONG),
            "SharedDisk", Map.of("populatedSize", Kind.LONG),
            "Icon", Map.of("width", Kind.INT, "height", Kind.INT),
            "OperatingSystemSection", Map.of("id", Kind.INT),
            "InstallSection", Map.of("initialBootStopDelay", Kind.INT),
            "Item", Map.of("order", Kind.INT, "startDelay", Kind.INT, "stopDelay", Kind.INT),
            "InstanceCount", Map.of("minimum", Kind.LONG, "maximum", Kind.LONG, "default", Kind.LONG));
    private static final Set<String> BOOLEANS = Set.of("required", "password", "userConfigurable", "readOnly",
            "waitingForGuest", "default");
    /** The VMware elements the model binds with a boolean {@code ovf:required}. */
    private static final Set<String> VMW_REQUIRED = Set.of("Config", "ExtraConfig", "CoresPerSocket");

    private ValueScreen() {
    }

    /** Screens {@code doc} (already normalised) in place and returns what it found. */
    public static List<Diagnostic> screen(Document doc) {
        List<Diagnostic> out = new ArrayList<>();
        walk(doc.getDocumentElement(), out);
        return out;
    }

    private static void walk(Element e, List<Diagnostic> out) {
        if (Namespaces.OVF.equals(e.getNamespaceURI())) {
            Map<String, Kind> numbers = NUMBERS.getOrDefault(e.getLocalName(), Map.of());
            for (Map.Entry<String, Kind> n : numbers.entrySet()) {
                Attr a = e.getAttributeNodeNS(Namespaces.OVF, n.getKey());
                if (a == null) {
                    continue;
                }
                String v = a.getValue().trim();
                boolean ok;
                try {
                    if (n.getValue() == Kind.LONG) {
                        Long.parseLong(v);
                    } else {
                        Integer.parseInt(v);
                    }
                    ok = true;
                } catch (NumberFormatException ex) {
                    ok = false;
                }
                if (!ok) {
                    Span s = Span.of(e);
                    out.add(Diagnostic.error("OVF_BAD_VALUE", s == null ? 0 : s.line(), s == null ? 0 : s.column(),
                            e.getLocalName() + "/@ovf:" + n.getKey() + " is \"" + a.getValue() + "\"; expected "
                                    + (n.getValue() == Kind.LONG ? "an integer" : "a small integer")));
                    e.removeAttributeNode(a);
                }
            }
            if (!"InstanceCount".equals(e.getLocalName())) {
                for (String b : BOOLEANS) {
                    screenBoolean(e, b, out);
                }
            }
        } else if (Namespaces.VMW.equals(e.getNamespaceURI()) && VMW_REQUIRED.contains(e.getLocalName())) {
            screenBoolean(e, "required", out);
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                walk(ce, out);
            }
        }
    }

    /** Screens the boolean attribute {@code ovf:name} of {@code e}, if present. */
    private static void screenBoolean(Element e, String name, List<Diagnostic> out) {
        Attr a = e.getAttributeNodeNS(Namespaces.OVF, name);
        if (a == null) {
            return;
        }
        String v = a.getValue().trim();
        if (v.equals("true") || v.equals("false") || v.equals("1") || v.equals("0")) {
            return;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        Span s = Span.of(e);
        int line = s == null ? 0 : s.line();
        int col = s == null ? 0 : s.column();
        if (lower.equals("true") || lower.equals("false")) {
            out.add(Diagnostic.warning("OVF_BOOLEAN_SPELLING", line, col, e.getLocalName() + "/@ovf:" + name
                    + " is \"" + a.getValue() + "\"; XML Schema booleans are lower case (read as " + lower + ")"));
            a.setValue(lower);
        } else {
            out.add(Diagnostic.error("OVF_BAD_VALUE", line, col, e.getLocalName() + "/@ovf:" + name
                    + " is \"" + a.getValue() + "\"; expected true or false"));
            e.removeAttributeNode(a);
        }
    }
}
