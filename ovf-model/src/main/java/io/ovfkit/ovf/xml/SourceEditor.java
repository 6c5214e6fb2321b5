package io.ovfkit.ovf.xml;

import io.ovfkit.ovf.Namespaces;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.w3c.dom.Attr;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;
import org.w3c.dom.Text;

/**
 * Writes a descriptor back after its model was edited, changing only what the edit changed.
 *
 * <p>The model cannot say what changed, and a JAXB marshal drops everything JAXB does not keep
 * (formatting, comments, attribute quoting, prefixes). So the editor compares two marshalled
 * images of the model, the one made right after reading ({@code before}) and the current one
 * ({@code after}); the differences (attribute values, leaf text, added and removed elements) are
 * applied to the source DOM, which was parsed with {@link Span}s, and the source DOM is then
 * written out copying every unchanged node's original characters verbatim. New elements are
 * indented like their siblings and use the prefixes already declared in the document.
 *
 * <p>Not thread-safe: an instance edits one DOM document in place; confine it to one thread.
 */
public final class SourceEditor {
    private static final String DIRTY = "io.ovfkit.dirty";
    private static final String DIRTY_BELOW = "io.ovfkit.dirtyBelow";
    private static final String ATTR_EDITS = "io.ovfkit.attrEdits";
    private static final String RENAME = "io.ovfkit.rename";

    private static final Map<String, String> CONVENTIONAL_PREFIXES = Map.of(
            Namespaces.OVF, "ovf", Namespaces.OVF_1, "ovf", Namespaces.RASD, "rasd", Namespaces.VSSD, "vssd",
            Namespaces.SASD, "sasd", Namespaces.EPASD, "epasd", Namespaces.VMW, "vmw", Namespaces.VBOX, "vbox",
            Namespaces.XSI, "xsi", Namespaces.OVF_ENV, "oe");

    private final String text;
    private final Document doc;
    private final int rootStart;
    private final int rootEnd;
    private final Map<String, String> outputNamespaces;
    private final Charset charset;
    private final Map<Node, Element> beforeToSource = new IdentityHashMap<>();
    private final Map<Node, Long> hashes = new IdentityHashMap<>();
    private boolean changed;
    private String indentUnit;

    /**
     * @param parsed a fresh parse of the source, already normalised (it is modified)
     * @param outputNamespaces canonical namespace → namespace to write (for new content)
     * @param charset the charset the result will be encoded in (characters it cannot hold become
     *     character references)
     */
    public SourceEditor(SourceParser.Parsed parsed, Map<String, String> outputNamespaces, Charset charset) {
        this.text = parsed.text();
        this.doc = parsed.document();
        this.rootStart = parsed.rootStart();
        this.rootEnd = parsed.rootEnd();
        this.outputNamespaces = new HashMap<>(outputNamespaces);
        this.charset = charset;
    }

    /** Whether any edit has been applied. */
    public boolean changed() {
        return changed;
    }

    /**
     * Applies the differences between two marshalled images of the model to the source.
     *
     * @param before the model as read, marshalled
     * @param after the model now, marshalled
     */
    public void applyModelChanges(Document before, Document after) {
        Element b = before.getDocumentElement();
        Element a = after.getDocumentElement();
        Element src = doc.getDocumentElement();
        align(b, src);
        diff(b, a);
    }

    // ---------------------------------------------------------------- alignment of before ↔ source

    private static List<Element> kids(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                out.add(ce);
            }
        }
        return out;
    }

    private static String key(Element e) {
        return e.getNamespaceURI() + "|" + e.getLocalName();
    }

    private void align(Element before, Element source) {
        beforeToSource.put(before, source);
        List<Element> bk = kids(before);
        List<Element> sk = kids(source);
        int[][] pairs = lcs(bk, sk, (x, y) -> key(x).equals(key(y)));
        for (int[] p : pairs) {
            align(bk.get(p[0]), sk.get(p[1]));
        }
    }

    private interface Same {
        boolean test(Element a, Element b);
    }

    /** Longest common subsequence of two element lists; returns index pairs in order. */
    private static int[][] lcs(List<Element> a, List<Element> b, Same same) {
        int n = a.size();
        int m = b.size();
        int pre = 0;
        while (pre < n && pre < m && same.test(a.get(pre), b.get(pre))) {
            pre++;
        }
        int suf = 0;
        while (suf < n - pre && suf < m - pre && same.test(a.get(n - 1 - suf), b.get(m - 1 - suf))) {
            suf++;
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < pre; i++) {
            out.add(new int[] {i, i});
        }
        int an = n - pre - suf;
        int bn = m - pre - suf;
        if (an > 0 && bn > 0) {
            if ((long) an * bn > 16_000_000L) {
                // Too large to compare exhaustively: match greedily in order.
                int j = 0;
                for (int i = 0; i < an && j < bn; i++) {
                    for (int k = j; k < bn; k++) {
                        if (same.test(a.get(pre + i), b.get(pre + k))) {
                            out.add(new int[] {pre + i, pre + k});
                            j = k + 1;
                            break;
                        }
                    }
                }
            } else {
                int[][] t = new int[an + 1][bn + 1];
                for (int i = an - 1; i >= 0; i--) {
                    for (int j = bn - 1; j >= 0; j--) {
                        t[i][j] = same.test(a.get(pre + i), b.get(pre + j))
                                ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
                    }
                }
                int i = 0;
                int j = 0;
                while (i < an && j < bn) {
                    if (same.test(a.get(pre + i), b.get(pre + j))) {
                        out.add(new int[] {pre + i, pre + j});
                        i++;
                        j++;
                    } else if (t[i + 1][j] >= t[i][j + 1]) {
                        i++;
                    } else {
                        j++;
                    }
                }
            }
        }
        for (int i = 0; i < suf; i++) {
            out.add(new int[] {n - suf + i, m - suf + i});
        }
        return out.toArray(new int[0][]);
    }

    // ---------------------------------------------------------------- diff of before ↔ after

    private long hash(Element e) {
        Long h = hashes.get(e);
        if (h != null) {
            return h;
        }
        long v = key(e).hashCode();
        List<String> attrs = new ArrayList<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (!Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                attrs.add(a.getNamespaceURI() + "|" + a.getLocalName() + "=" + a.getValue());
            }
        }
        attrs.sort(null);
        v = v * 1_000_003L + attrs.hashCode();
        List<Element> k = kids(e);
        if (k.isEmpty()) {
            v = v * 1_000_003L + e.getTextContent().hashCode();
        } else {
            for (Element c : k) {
                v = v * 31L + hash(c);
            }
        }
        hashes.put(e, v);
        return v;
    }

    private static Map<String, Attr> attrMap(Element e) {
        Map<String, Attr> out = new LinkedHashMap<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (!Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                out.put(a.getNamespaceURI() + "|" + a.getLocalName(), a);
            }
        }
        return out;
    }

    /** Applies the differences between {@code b} (before) and {@code a} (after) to b's source element. */
    private void diff(Element b, Element a) {
        Element src = beforeToSource.get(b);
        if (hash(b) == hash(a)) {
            return;
        }
        if (src == null) {
            // Unaligned: can only happen where JAXB reordered content; replace the nearest aligned ancestor.
            replaceNearestAligned(b, a);
            return;
        }
        Map<String, Attr> ba = attrMap(b);
        Map<String, Attr> aa = attrMap(a);
        for (Map.Entry<String, Attr> e : aa.entrySet()) {
            Attr old = ba.get(e.getKey());
            if (old == null || !old.getValue().equals(e.getValue().getValue())) {
                editAttribute(src, e.getValue().getNamespaceURI(), e.getValue().getLocalName(), e.getValue().getValue());
            }
        }
        for (Map.Entry<String, Attr> e : ba.entrySet()) {
            if (!aa.containsKey(e.getKey())) {
                editAttribute(src, e.getValue().getNamespaceURI(), e.getValue().getLocalName(), null);
            }
        }
        List<Element> bk = kids(b);
        List<Element> ak = kids(a);
        if (bk.isEmpty() && ak.isEmpty()) {
            String bt = b.getTextContent();
            String at = a.getTextContent();
            if (!bt.equals(at)) {
                setText(src, at);
            }
            return;
        }
        int[][] same = lcs(bk, ak, (x, y) -> hash(x) == hash(y));
        // Pair the remaining elements of each gap by name, in order: those are modified in place.
        List<int[]> pairs = new ArrayList<>();
        int pb = 0;
        int pa = 0;
        for (int g = 0; g <= same.length; g++) {
            int eb = g < same.length ? same[g][0] : bk.size();
            int ea = g < same.length ? same[g][1] : ak.size();
            boolean[] used = new boolean[eb - pb];
            for (int j = pa; j < ea; j++) {
                int match = -1;
                for (int i = pb; i < eb; i++) {
                    if (!used[i - pb] && key(bk.get(i)).equals(key(ak.get(j)))) {
                        match = i;
                        break;
                    }
                }
                if (match >= 0) {
                    used[match - pb] = true;
                    pairs.add(new int[] {match, j, 0});
                } else {
                    pairs.add(new int[] {-1, j, 0});
                }
            }
            for (int i = pb; i < eb; i++) {
                if (!used[i - pb]) {
                    pairs.add(new int[] {i, -1, 0});
                }
            }
            if (g < same.length) {
                pairs.add(new int[] {same[g][0], same[g][1], 1});
                pb = same[g][0] + 1;
                pa = same[g][1] + 1;
            }
        }
        // Walk the after-children in order, remembering the source node each sits after.
        Element lastAnchor = null;
        Map<Integer, Element> afterToSource = new HashMap<>();
        pairs.sort((x, y) -> Integer.compare(x[1] < 0 ? Integer.MAX_VALUE : x[1], y[1] < 0 ? Integer.MAX_VALUE : y[1]));
        List<Element> toRemove = new ArrayList<>();
        for (int[] p : pairs) {
            if (p[1] < 0) {
                Element s = beforeToSource.get(bk.get(p[0]));
                if (s != null) {
                    toRemove.add(s);
                } else {
                    replaceNearestAligned(b, a);
                    return;
                }
                continue;
            }
            if (p[0] >= 0) {
                Element s = beforeToSource.get(bk.get(p[0]));
                if (p[2] == 0) {
                    diff(bk.get(p[0]), ak.get(p[1]));
                    s = beforeToSource.get(bk.get(p[0]));
                }
                if (s != null) {
                    lastAnchor = s;
                }
                afterToSource.put(p[1], s);
            } else {
                Element inserted = insert(src, lastAnchor, nextAnchor(pairs, p, bk), ak.get(p[1]));
                lastAnchor = inserted;
            }
        }
        for (Element s : toRemove) {
            remove(s);
        }
    }

    private Element nextAnchor(List<int[]> pairs, int[] from, List<Element> bk) {
        boolean seen = false;
        for (int[] p : pairs) {
            if (p == from) {
                seen = true;
                continue;
            }
            if (seen && p[0] >= 0 && p[1] >= 0) {
                return beforeToSource.get(bk.get(p[0]));
            }
        }
        return null;
    }

    private void replaceNearestAligned(Element b, Element a) {
        Node bn = b;
        Node an = a;
        while (bn instanceof Element be && beforeToSource.get(be) == null) {
            bn = bn.getParentNode();
            an = an.getParentNode();
        }
        if (!(bn instanceof Element be) || !(an instanceof Element ae)) {
            throw new IllegalStateException("cannot locate the edited element in the source");
        }
        Element src = beforeToSource.get(be);
        Element parent = (Element) src.getParentNode();
        if (parent == null) {
            throw new IllegalStateException("cannot replace the root element");
        }
        Element fresh = importFresh(ae);
        parent.insertBefore(fresh, src);
        parent.removeChild(src);
        markDirty(parent);
        changed = true;
        // Further edits inside the replaced subtree are already in the fresh copy.
        for (Element k : kids(be)) {
            unalignAll(k);
        }
        beforeToSource.put(be, fresh);
        hashes.put(be, hash(ae));
    }

    private void unalignAll(Element b) {
        beforeToSource.remove(b);
        for (Element k : kids(b)) {
            unalignAll(k);
        }
    }

    // ---------------------------------------------------------------- edits on the source DOM

    private void markDirty(Node n) {
        n.setUserData(DIRTY, Boolean.TRUE, null);
        for (Node p = n.getParentNode(); p instanceof Element; p = p.getParentNode()) {
            p.setUserData(DIRTY_BELOW, Boolean.TRUE, null);
        }
    }

    /** Sets or removes an attribute of a source element (namespace in canonical terms). */
    public void editAttribute(Element src, String ns, String local, String value) {
        @SuppressWarnings("unchecked")
        List<AttrEdit> edits = (List<AttrEdit>) src.getUserData(ATTR_EDITS);
        if (edits == null) {
            edits = new ArrayList<>();
            src.setUserData(ATTR_EDITS, edits, null);
        }
        edits.removeIf(e -> Objects.equals(e.namespace(), ns) && e.localName().equals(local));
        edits.add(new AttrEdit(ns, local, value));
        if (Namespaces.XMLNS.equals(ns)) {
            String q = local.equals("xmlns") ? "xmlns" : "xmlns:" + local;
            if (value == null) {
                src.removeAttributeNS(ns, local);
            } else {
                src.setAttributeNS(ns, q, value);
            }
        } else if (value == null) {
            src.removeAttributeNS(ns, local);
        } else {
            src.setAttributeNS(ns, local, value);
        }
        markDirty(src);
        changed = true;
    }

    /** Renames a source element (new local name, same prefix) and drops its {@code xsi:type}. */
    public void rename(Element src, String newLocalName) {
        src.setUserData(RENAME, newLocalName, null);
        markDirty(src);
        changed = true;
    }

    private void setText(Element src, String value) {
        while (src.getFirstChild() != null) {
            src.removeChild(src.getFirstChild());
        }
        if (!value.isEmpty()) {
            src.appendChild(doc.createTextNode(value));
        }
        markDirty(src);
        changed = true;
    }

    /** Removes a source element together with the blank text that indented it. */
    public void remove(Element s) {
        Node parent = s.getParentNode();
        Node prev = s.getPreviousSibling();
        if (prev instanceof Text t && t.getData().isBlank()) {
            parent.removeChild(prev);
        } else if (s.getNextSibling() instanceof Text t && t.getData().isBlank()) {
            parent.removeChild(t);
        }
        parent.removeChild(s);
        markDirty(parent);
        changed = true;
    }

    private Element importFresh(Element fromAfter) {
        Element fresh = (Element) doc.importNode(fromAfter, true);
        stripDeclarations(fresh);
        stripFormatting(fresh);
        return fresh;
    }

    private static void stripFormatting(Element e) {
        boolean hasElements = false;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element) {
                hasElements = true;
                break;
            }
        }
        Node c = e.getFirstChild();
        while (c != null) {
            Node next = c.getNextSibling();
            if (hasElements && c instanceof Text t && t.getData().isBlank()) {
                e.removeChild(c);
            } else if (c instanceof Element ce) {
                stripFormatting(ce);
            }
            c = next;
        }
    }

    private static String leadingIndent(Node n) {
        Node prev = n.getPreviousSibling();
        if (prev instanceof Text t) {
            String d = t.getData();
            int nl = Math.max(d.lastIndexOf('\n'), d.lastIndexOf('\r'));
            if (nl >= 0 && d.substring(nl + 1).isBlank()) {
                return d.substring(nl + 1);
            }
        }
        return null;
    }

    private static String lineBreak(Node n) {
        Node prev = n.getPreviousSibling();
        if (prev instanceof Text t && t.getData().contains("\r\n")) {
            return "\r\n";
        }
        return "\n";
    }

    private String indentUnit() {
        if (indentUnit == null) {
            indentUnit = "  ";
            Element root = doc.getDocumentElement();
            for (Element k : kids(root)) {
                String ind = leadingIndent(k);
                if (ind != null && !ind.isEmpty()) {
                    indentUnit = ind;
                    break;
                }
            }
        }
        return indentUnit;
    }

    private String indentOf(Element e) {
        String ind = leadingIndent(e);
        if (ind != null) {
            return ind;
        }
        Node p = e.getParentNode();
        if (p instanceof Element pe && pe != doc.getDocumentElement()) {
            return indentOf(pe) + indentUnit();
        }
        return p instanceof Element ? indentUnit() : "";
    }

    private Element insert(Element parent, Element after, Element before, Element fromAfter) {
        Element fresh = importFresh(fromAfter);
        String nl;
        if (after != null) {
            String ind = indentOf(after);
            nl = lineBreak(after);
            Node next = after.getNextSibling();
            parent.insertBefore(doc.createTextNode(nl + ind), next);
            parent.insertBefore(fresh, next);
        } else if (before != null) {
            String ind = indentOf(before);
            nl = lineBreak(before);
            parent.insertBefore(fresh, before);
            parent.insertBefore(doc.createTextNode(nl + ind), before);
        } else {
            String pind = parent == doc.getDocumentElement() ? "" : indentOf(parent);
            nl = "\n";
            boolean onlyBlank = true;
            for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (!(c instanceof Text t && t.getData().isBlank())) {
                    onlyBlank = false;
                }
            }
            if (onlyBlank) {
                while (parent.getFirstChild() != null) {
                    parent.removeChild(parent.getFirstChild());
                }
                parent.appendChild(doc.createTextNode(nl + pind + indentUnit()));
                parent.appendChild(fresh);
                parent.appendChild(doc.createTextNode(nl + pind));
            } else {
                parent.appendChild(doc.createTextNode(nl + pind + indentUnit()));
                parent.appendChild(fresh);
            }
        }
        markDirty(parent);
        changed = true;
        return fresh;
    }

    // ---------------------------------------------------------------- output

    /** The source text with every applied edit; the source itself when nothing changed. */
    public String render() {
        if (!changed) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 1024);
        out.append(text, 0, rootStart);
        writeNode(doc.getDocumentElement(), out);
        out.append(text, rootEnd, text.length());
        return out.toString();
    }

    private boolean untouched(Node n) {
        return Span.of(n) != null && n.getUserData(DIRTY) == null && n.getUserData(DIRTY_BELOW) == null;
    }

    private void writeNode(Node n, StringBuilder out) {
        Span s = Span.of(n);
        if (untouched(n)) {
            out.append(text, s.start(), s.end());
            return;
        }
        if (n instanceof Element e) {
            if (s == null) {
                writeFresh(e, indentOfFresh(e), out);
            } else {
                writeEdited(e, s, out);
            }
        } else if (n instanceof Text t) {
            out.append(escapeText(t.getData()));
        } else if (n instanceof Comment c) {
            out.append("<!--").append(c.getData()).append("-->");
        } else if (n instanceof ProcessingInstruction pi) {
            out.append("<?").append(pi.getTarget()).append(' ').append(pi.getData()).append("?>");
        }
    }

    private String indentOfFresh(Element e) {
        String ind = leadingIndent(e);
        return ind == null ? "" : ind;
    }

    private void writeEdited(Element e, Span s, StringBuilder out) {
        String startTag = text.substring(s.start(), s.startTagEnd());
        @SuppressWarnings("unchecked")
        List<AttrEdit> edits = (List<AttrEdit>) e.getUserData(ATTR_EDITS);
        String rename = (String) e.getUserData(RENAME);
        StartTag tag = StartTag.parse(startTag);
        if (rename != null) {
            tag.rename(rename);
            tag.removeIf(name -> {
                String p = name.contains(":") ? name.substring(0, name.indexOf(':')) : null;
                return p != null && "type".equals(name.substring(name.indexOf(':') + 1))
                        && Namespaces.XSI.equals(nsForPrefix(e, p));
            });
        }
        if (edits != null) {
            for (AttrEdit ed : edits) {
                applyAttrEdit(e, tag, ed);
            }
        }
        boolean hasChildren = e.getFirstChild() != null;
        if (s.selfClosing() && !hasChildren) {
            out.append(tag.render(true));
            return;
        }
        out.append(tag.render(false));
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            writeNode(c, out);
        }
        if (s.selfClosing() || rename != null) {
            out.append("</").append(tag.name()).append('>');
        } else {
            out.append(text, s.endTagStart(), s.end());
        }
    }

    private void applyAttrEdit(Element e, StartTag tag, AttrEdit ed) {
        if (Namespaces.XMLNS.equals(ed.namespace())) {
            String q = ed.localName().equals("xmlns") ? "xmlns" : "xmlns:" + ed.localName();
            tag.set(q, ed.value() == null ? null : escapeAttr(ed.value(), '"'), true);
            return;
        }
        // Find the attribute as written: any prefix bound to the namespace or an alias of it.
        String written = null;
        for (String name : tag.names()) {
            int colon = name.indexOf(':');
            String local = colon < 0 ? name : name.substring(colon + 1);
            if (!local.equals(ed.localName()) || name.startsWith("xmlns")) {
                continue;
            }
            String ns = colon < 0 ? null : nsForPrefix(e, name.substring(0, colon));
            if (Objects.equals(canonicalOf(ns), ed.namespace())
                    || (colon < 0 && Namespaces.OVF.equals(ed.namespace()) && Namespaces.OVF.equals(canonicalOf(e.getNamespaceURI())))) {
                written = name;
                break;
            }
        }
        if (written == null && ed.value() == null) {
            return;
        }
        if (written == null) {
            written = attributeQName(e, ed.namespace(), ed.localName(), tag);
        }
        tag.set(written, ed.value() == null ? null : escapeAttr(ed.value(), tag.quoteOf(written)), false);
    }

    private String canonicalOf(String ns) {
        if (ns == null) {
            return null;
        }
        for (Map.Entry<String, String> e : outputNamespaces.entrySet()) {
            if (e.getValue().equals(ns)) {
                return e.getKey();
            }
        }
        if (ns.equals(Namespaces.OVF_1) || ns.equals(Namespaces.OVF_0_9) || ns.equals(Namespaces.OVF_1 + "/")) {
            return Namespaces.OVF;
        }
        return ns;
    }

    private String outputNs(String canonical) {
        return canonical == null ? null : outputNamespaces.getOrDefault(canonical, canonical);
    }

    /** The prefix to write an attribute of namespace {@code ns} with, declaring one on the tag if needed. */
    private String attributeQName(Element scope, String ns, String local, StartTag tag) {
        if (ns == null) {
            return local;
        }
        if (Namespaces.XML.equals(ns)) {
            return "xml:" + local;
        }
        String uri = outputNs(ns);
        String prefix = prefixForNs(scope, uri);
        if (prefix == null) {
            prefix = CONVENTIONAL_PREFIXES.getOrDefault(ns, "ns");
            String existing = nsForPrefix(scope, prefix);
            int n = 1;
            String base = prefix;
            while (existing != null && !existing.equals(uri)) {
                prefix = base + (n++);
                existing = nsForPrefix(scope, prefix);
            }
            scope.setAttributeNS(Namespaces.XMLNS, "xmlns:" + prefix, uri);
            if (tag != null) {
                tag.set("xmlns:" + prefix, escapeAttr(uri, '"'), true);
            }
        }
        return prefix + ":" + local;
    }

    /**
     * The namespace bound to {@code prefix} ({@code null} for the default namespace) where
     * {@code e} stands, from the declarations only: the DOM's own names are canonical, not as written.
     */
    static String nsForPrefix(Element e, String prefix) {
        String attr = prefix == null ? "xmlns" : prefix;
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            Attr a = el.getAttributeNodeNS(Namespaces.XMLNS, attr);
            if (a != null) {
                return a.getValue().isEmpty() ? null : a.getValue();
            }
        }
        if ("xml".equals(prefix)) {
            return Namespaces.XML;
        }
        return null;
    }

    /** A prefix (never the default namespace) bound to {@code uri} where {@code e} stands, or null. */
    static String prefixForNs(Element e, String uri) {
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            NamedNodeMap m = el.getAttributes();
            for (int i = 0; i < m.getLength(); i++) {
                Attr a = (Attr) m.item(i);
                if (Namespaces.XMLNS.equals(a.getNamespaceURI()) && !"xmlns".equals(a.getLocalName())
                        && a.getValue().equals(uri) && uri.equals(nsForPrefix(e, a.getLocalName()))) {
                    return a.getLocalName();
                }
            }
        }
        return null;
    }

    /**
     * Writes a document that has no source (built from a model) with the given root declarations:
     * an XML declaration, then every element indented by two spaces.
     *
     * @param canonical a marshalled model in canonical namespaces (modified: JAXB's declarations are dropped)
     * @param outputNamespaces canonical namespace → namespace to write
     * @param rootDeclarations prefix ("" for the default namespace) → namespace URI as written
     */
    public static String writeNew(Document canonical, Map<String, String> outputNamespaces, Map<String, String> rootDeclarations) {
        Element root = canonical.getDocumentElement();
        stripDeclarations(root);
        for (Map.Entry<String, String> d : rootDeclarations.entrySet()) {
            String q = d.getKey().isEmpty() ? "xmlns" : "xmlns:" + d.getKey();
            root.setAttributeNS(Namespaces.XMLNS, q, d.getValue());
        }
        SourceEditor ed = new SourceEditor(new SourceParser.Parsed(canonical, "", 0, 0, true), outputNamespaces,
                java.nio.charset.StandardCharsets.UTF_8);
        ed.indentUnit = "  ";
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        ed.writeFreshRoot(root, out);
        out.append('\n');
        return out.toString();
    }

    private static void stripDeclarations(Element e) {
        NamedNodeMap m = e.getAttributes();
        List<Attr> drop = new ArrayList<>();
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                drop.add(a);
            }
        }
        for (Attr a : drop) {
            e.removeAttributeNode(a);
        }
        for (Element k : kids(e)) {
            stripDeclarations(k);
        }
    }

    private void writeFreshRoot(Element root, StringBuilder out) {
        String uri = outputNs(root.getNamespaceURI());
        String qname;
        if (uri != null && uri.equals(nsForPrefix(root, null))) {
            qname = root.getLocalName();
        } else {
            String p = uri == null ? null : prefixForNs(root, uri);
            qname = p == null ? root.getLocalName() : p + ":" + root.getLocalName();
        }
        StringBuilder decls = new StringBuilder();
        StringBuilder as = new StringBuilder();
        NamedNodeMap m = root.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                decls.append(' ').append(a.getName()).append("=\"").append(escapeAttr(a.getValue(), '"')).append('"');
            }
        }
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (!Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                String aq = a.getNamespaceURI() == null ? a.getLocalName() : attributeQName(root, a.getNamespaceURI(), a.getLocalName(), null);
                as.append(' ').append(aq).append("=\"").append(escapeAttr(a.getValue(), '"')).append('"');
            }
        }
        out.append('<').append(qname).append(as).append(decls).append('>');
        for (Element k : kids(root)) {
            out.append('\n').append(indentUnit);
            writeFresh(k, indentUnit, out);
        }
        out.append("\n</").append(qname).append('>');
    }

    private void writeFresh(Element e, String indent, StringBuilder out) {
        Element scope = e;
        String ns = e.getNamespaceURI();
        String uri = outputNs(ns);
        StringBuilder decls = new StringBuilder();
        String qname;
        if (ns == null) {
            qname = e.getLocalName();
        } else {
            Node parent = e.getParentNode();
            String defaultNs = parent instanceof Element pe ? nsForPrefix(pe, null) : null;
            if (uri.equals(defaultNs)) {
                qname = e.getLocalName();
            } else {
                String prefix = parent instanceof Element pe ? prefixForNs(pe, uri) : null;
                if (prefix == null) {
                    prefix = CONVENTIONAL_PREFIXES.getOrDefault(ns, "ns");
                    scope.setAttributeNS(Namespaces.XMLNS, "xmlns:" + prefix, uri);
                    decls.append(" xmlns:").append(prefix).append("=\"").append(escapeAttr(uri, '"')).append('"');
                }
                qname = prefix + ":" + e.getLocalName();
            }
        }
        // Drop the prefixes and declarations JAXB chose; ours are computed from the document.
        List<Attr> attrs = new ArrayList<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            attrs.add((Attr) m.item(i));
        }
        StringBuilder as = new StringBuilder();
        for (Attr a : attrs) {
            if (Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                continue;
            }
            String aq;
            if (a.getNamespaceURI() == null) {
                aq = a.getLocalName() == null ? a.getName() : a.getLocalName();
            } else {
                int before = e.getAttributes().getLength();
                aq = attributeQName(e, a.getNamespaceURI(), a.getLocalName(), null);
                if (e.getAttributes().getLength() > before) {
                    String p = aq.substring(0, aq.indexOf(':'));
                    decls.append(" xmlns:").append(p).append("=\"").append(escapeAttr(outputNs(a.getNamespaceURI()), '"')).append('"');
                }
            }
            as.append(' ').append(aq).append("=\"").append(escapeAttr(a.getValue(), '"')).append('"');
        }
        out.append('<').append(qname).append(decls).append(as);
        List<Element> k = kids(e);
        if (e.getFirstChild() == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (k.isEmpty()) {
            out.append(escapeText(e.getTextContent()));
        } else {
            String childIndent = indent + indentUnit();
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element ce) {
                    out.append('\n').append(childIndent);
                    writeFresh(ce, childIndent, out);
                } else if (c instanceof Comment cm) {
                    out.append('\n').append(childIndent).append("<!--").append(cm.getData()).append("-->");
                } else if (c instanceof Text t && !t.getData().isBlank()) {
                    out.append(escapeText(t.getData()));
                }
            }
            out.append('\n').append(indent);
        }
        out.append("</").append(qname).append('>');
    }

    private String escapeText(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        CharsetEncoder enc = charset.newEncoder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;");
                default -> appendEncodable(b, s, i, c, enc);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                i++;
            }
        }
        return b.toString();
    }

    private String escapeAttr(String s, char quote) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        CharsetEncoder enc = charset.newEncoder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '"' -> b.append(quote == '"' ? "&quot;" : "\"");
                case '\'' -> b.append(quote == '\'' ? "&apos;" : "'");
                case '\t' -> b.append("&#9;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                default -> appendEncodable(b, s, i, c, enc);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                i++;
            }
        }
        return b.toString();
    }

    private static void appendEncodable(StringBuilder b, String s, int i, char c, CharsetEncoder enc) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
            int cp = s.codePointAt(i);
            String pair = s.substring(i, i + 2);
            if (enc.canEncode(pair)) {
                b.append(pair);
            } else {
                b.append("&#x").append(Integer.toHexString(cp)).append(';');
            }
        } else if (c < 0x80 || enc.canEncode(c)) {
            b.append(c);
        } else {
            b.append("&#x").append(Integer.toHexString(c)).append(';');
        }
    }
}
