package io.ovfkit.convert.vm;

import io.ovfkit.ovf.xml.HardenedXml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A small read-only element tree with line numbers, parsed by {@link HardenedXml} (no DTD, no
 * external entities), for the VM definition formats. Elements are matched by local name: libvirt
 * uses no namespace and VirtualBox two (the innotek and the current one) for the same elements.
 */
final class XmlTree {
    /** Most elements in one definition: real ones have a few hundred. */
    static final int MAX_ELEMENTS = 200_000;

    /** One element. */
    static final class Node {
        final String name;
        final String namespace;
        final Map<String, String> attributes;
        final List<Node> children = new ArrayList<>();
        final int line;
        final StringBuilder text = new StringBuilder();

        Node(String name, String namespace, Map<String, String> attributes, int line) {
            this.name = name;
            this.namespace = namespace;
            this.attributes = attributes;
            this.line = line;
        }

        /** The attribute (by local name), or null. */
        String attr(String key) {
            return attributes.get(key);
        }

        /** The attribute, or {@code fallback}. */
        String attr(String key, String fallback) {
            String v = attributes.get(key);
            return v == null ? fallback : v;
        }

        /** The first child called {@code childName}. */
        Optional<Node> child(String childName) {
            for (Node c : children) {
                if (c.name.equals(childName)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        /** The children called {@code childName}. */
        List<Node> children(String childName) {
            List<Node> out = new ArrayList<>();
            for (Node c : children) {
                if (c.name.equals(childName)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** Follows a path of child names. */
        Optional<Node> path(String... names) {
            Optional<Node> n = Optional.of(this);
            for (String s : names) {
                n = n.flatMap(x -> x.child(s));
            }
            return n;
        }

        /** The text content, trimmed. */
        String text() {
            return text.toString().strip();
        }

        /** Every descendant (depth first, this one excluded). */
        List<Node> descendants() {
            List<Node> out = new ArrayList<>();
            for (Node c : children) {
                out.add(c);
                out.addAll(c.descendants());
            }
            return out;
        }
    }

    private XmlTree() {
    }

    /**
     * Parses {@code xml}.
     *
     * @param name the file's name in messages
     * @throws VmDefinitionException when it is not well-formed, has a DOCTYPE, or is too large
     */
    static Node parse(byte[] xml, String name) throws VmDefinitionException {
        XMLReader reader = HardenedXml.newReader();
        // Without a handler the JDK's parser also prints "[Fatal Error] :LINE:COL: …" to standard
        // error (seen while fuzzing); fatal errors still end the parse with the exception below.
        reader.setErrorHandler(new DefaultHandler());
        List<Node> stack = new ArrayList<>();
        Node[] root = new Node[1];
        int[] count = new int[1];
        Locator[] locator = new Locator[1];
        reader.setContentHandler(new DefaultHandler() {
            @Override
            public void setDocumentLocator(Locator l) {
                locator[0] = l;
            }

            @Override
            public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
                if (++count[0] > MAX_ELEMENTS) {
                    throw new SAXException("more than " + MAX_ELEMENTS + " elements");
                }
                Map<String, String> a = new LinkedHashMap<>();
                for (int i = 0; i < atts.getLength(); i++) {
                    String ln = atts.getLocalName(i);
                    a.put(ln == null || ln.isEmpty() ? atts.getQName(i) : ln, atts.getValue(i));
                }
                Node n = new Node(localName == null || localName.isEmpty() ? qName : localName, uri, a,
                        locator[0] == null ? 0 : locator[0].getLineNumber());
                if (stack.isEmpty()) {
                    root[0] = n;
                } else {
                    stack.get(stack.size() - 1).children.add(n);
                }
                stack.add(n);
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                stack.remove(stack.size() - 1);
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                if (!stack.isEmpty()) {
                    Node n = stack.get(stack.size() - 1);
                    if (n.text.length() < 1 << 20) {
                        n.text.append(ch, start, length);
                    }
                }
            }
        });
        try {
            reader.parse(HardenedXml.inputSource(xml, name));
        } catch (SAXParseException e) {
            String why = HardenedXml.isDoctypeRefusal(e) ? "a DOCTYPE declaration is not allowed" : e.getMessage();
            throw new VmDefinitionException(name, e.getLineNumber(), "not well-formed XML: " + why, e);
        } catch (SAXException e) {
            throw new VmDefinitionException(name, locator[0] == null ? 0 : locator[0].getLineNumber(), e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new VmDefinitionException(name, 0, "cannot be parsed: " + e.getMessage(), e);
        }
        return root[0];
    }
}
