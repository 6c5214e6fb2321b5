package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Test fixtures: namespace-aware parsing of descriptor snippets and element-sequence views of DOMs. */
final class Xml {
    /** Namespace declarations for snippets: default and {@code ovf:} = OVF 2, the CIM and vendor prefixes. */
    static final String DECLS = "xmlns=\"" + Namespaces.OVF + "\""
            + " xmlns:ovf=\"" + Namespaces.OVF + "\""
            + " xmlns:rasd=\"" + Namespaces.RASD + "\""
            + " xmlns:vssd=\"" + Namespaces.VSSD + "\""
            + " xmlns:sasd=\"" + Namespaces.SASD + "\""
            + " xmlns:epasd=\"" + Namespaces.EPASD + "\""
            + " xmlns:vmw=\"" + Namespaces.VMW + "\""
            + " xmlns:vbox=\"" + Namespaces.VBOX + "\""
            + " xmlns:xsi=\"" + Namespaces.XSI + "\""
            + " xmlns:acme=\"urn:acme\"";

    private Xml() {
    }

    /** Parses XML text namespace-aware. */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test XML: " + e, e);
        }
    }

    /** An Envelope with the standard declarations around {@code body}. */
    static Document envelope(String body) {
        return parse("<Envelope " + DECLS + ">" + body + "</Envelope>");
    }

    /** An Envelope holding one VirtualSystem whose children (after Info) are {@code body}. */
    static Document virtualSystem(String body) {
        return envelope("<References/><VirtualSystem ovf:id=\"vm\"><Info>vm</Info>" + body + "</VirtualSystem>");
    }

    /** Unmarshals, failing the test on a JAXB exception. */
    static Envelope read(Document doc) {
        try {
            return OvfJaxb.unmarshal(doc);
        } catch (Exception e) {
            throw new AssertionError("unmarshal failed: " + e, e);
        }
    }

    /** Marshals, failing the test on a JAXB exception. */
    static Document write(Envelope envelope) {
        try {
            return OvfJaxb.marshal(envelope);
        } catch (Exception e) {
            throw new AssertionError("marshal failed: " + e, e);
        }
    }

    /** The element children of {@code parent}. */
    static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The element children of {@code parent} as {@code {namespace}local} names, in order. */
    static List<String> childNames(Node parent) {
        return children(parent).stream().map(Xml::name).toList();
    }

    /** {@code {namespace}local} of an element. */
    static String name(Element e) {
        return "{" + (e.getNamespaceURI() == null ? "" : e.getNamespaceURI()) + "}" + e.getLocalName();
    }

    /** The first element child of {@code parent} with this local name (any namespace). */
    static Element child(Node parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(e.getLocalName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + localName + " under " + parent.getNodeName()));
    }

    /** Shorthand for an OVF-namespace name in {@link #childNames} form. */
    static String ovf(String local) {
        return "{" + Namespaces.OVF + "}" + local;
    }

    /** Shorthand for a namespaced name in {@link #childNames} form. */
    static String qn(String ns, String local) {
        return "{" + ns + "}" + local;
    }
}
