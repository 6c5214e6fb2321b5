package io.ovfkit.ovf.xml;

import io.ovfkit.ovf.MalformedDescriptorException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Parses decoded XML text into a DOM whose nodes remember where they came from ({@link Span}), so
 * that a writer can copy unchanged parts of the source verbatim.
 *
 * <p>The parser is hardened: a document type declaration is refused (so there are no external
 * entities and no entity expansion), nothing is fetched, and element nesting is limited to
 * {@value #MAX_DEPTH} levels.
 *
 * <p>Stateless; safe to call from any thread (each call builds a new DOM document).
 */
public final class SourceParser {
    /** Deepest element nesting accepted; real descriptors stay below 15. */
    public static final int MAX_DEPTH = 200;

    private SourceParser() {
    }

    /** The parsed document: its DOM, the text it came from, and whether spans are trustworthy. */
    public record Parsed(Document document, String text, int rootStart, int rootEnd, boolean spansReliable) {
    }

    /**
     * Parses {@code text}.
     *
     * @throws MalformedDescriptorException when the text is not well-formed XML or declares a DTD
     */
    public static Parsed parse(String text, String sourceName) {
        Handler h = new Handler(text, sourceName);
        try {
            XMLReader reader = HardenedXml.newReader(true);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", h);
            reader.setContentHandler(h);
            reader.setErrorHandler(h);
            reader.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            String msg = e.getMessage();
            if (msg != null && msg.contains("DOCTYPE")) {
                msg = "a document type declaration (DOCTYPE) is not allowed in an OVF descriptor: DTDs and entities are refused";
            } else {
                msg = "not well-formed XML: " + msg;
            }
            throw new MalformedDescriptorException(sourceName, Math.max(e.getLineNumber(), 0), Math.max(e.getColumnNumber(), 0), msg, e);
        } catch (SAXException e) {
            throw new MalformedDescriptorException(sourceName, h.line(), h.column(), "cannot parse the descriptor: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedDescriptorException(sourceName, 0, 0, "cannot parse the descriptor: " + e, e);
        }
        return new Parsed(h.doc, text, h.rootStart, h.rootEnd, h.reliable);
    }

    private static final class Handler extends DefaultHandler2 {
        private final String text;
        private final String sourceName;
        private final int[] lineStarts;
        private final Document doc;
        private final Deque<Element> stack = new ArrayDeque<>();
        private final Deque<int[]> startTags = new ArrayDeque<>();
        private final StringBuilder pendingText = new StringBuilder();
        private Locator locator;
        private int lastOffset;
        private int rootStart = -1;
        private int rootEnd = -1;
        private boolean reliable = true;

        Handler(String text, String sourceName) {
            this.text = text;
            this.sourceName = sourceName;
            this.lineStarts = lineStarts(text);
            try {
                DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultInstance();
                dbf.setNamespaceAware(true);
                this.doc = dbf.newDocumentBuilder().newDocument();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int[] lineStarts(String s) {
            int[] starts = new int[64];
            int n = 0;
            starts[n++] = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            return Arrays.copyOf(starts, n);
        }

        int line() {
            return locator == null ? 0 : Math.max(locator.getLineNumber(), 0);
        }

        int column() {
            return locator == null ? 0 : Math.max(locator.getColumnNumber(), 0);
        }

        /** Offset of the character just after the current event, verified to follow {@code expect}. */
        private int here(char expect) {
            int ln = locator.getLineNumber();
            int col = locator.getColumnNumber();
            int off = -1;
            if (ln >= 1 && ln <= lineStarts.length && col >= 1) {
                off = Math.min(lineStarts[ln - 1] + col - 1, text.length());
            }
            if (off > 0 && text.charAt(off - 1) == expect) {
                return off;
            }
            // Columns can disagree with UTF-16 indexes (supplementary characters); look nearby.
            int from = Math.max(off < 0 ? lastOffset : off - 8, lastOffset);
            int found = text.indexOf(expect, from);
            if (found >= 0) {
                if (off >= 0 && found + 1 != off) {
                    reliable = false;
                }
                return found + 1;
            }
            reliable = false;
            return Math.max(off, lastOffset);
        }

        /**
         * The offset of {@code open} (such as {@code "<rasd:Item"}) at or after {@code from} that is
         * followed by a name boundary, skipping CDATA sections; -1 when not found.
         */
        private int findTag(String open, int from) {
            int i = from;
            while (true) {
                int p = findMarkup(open, i);
                if (p < 0) {
                    return -1;
                }
                int after = p + open.length();
                if (after >= text.length()) {
                    return -1;
                }
                char c = text.charAt(after);
                if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    return p;
                }
                i = p + 1;
            }
        }

        /** The offset of {@code s} at or after {@code from}, skipping CDATA sections; -1 when absent. */
        private int findMarkup(String s, int from) {
            int i = from;
            while (true) {
                int p = text.indexOf(s, i);
                int cdata = text.indexOf("<![CDATA[", i);
                if (cdata >= 0 && (p < 0 || cdata < p)) {
                    int close = text.indexOf("]]>", cdata);
                    if (close < 0) {
                        return -1;
                    }
                    i = close + 3;
                    continue;
                }
                return p;
            }
        }

        /** Just past the {@code '>'} that closes the tag starting at {@code start}, outside quotes. */
        private int endOfTag(int start) {
            char quote = 0;
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    return i + 1;
                }
            }
            return -1;
        }

        private int[] lineCol(int offset) {
            int idx = Arrays.binarySearch(lineStarts, offset);
            if (idx < 0) {
                idx = -idx - 2;
            }
            return new int[] {idx + 1, offset - lineStarts[idx] + 1};
        }

        private void flushText(int upTo) {
            if (pendingText.length() > 0 && !stack.isEmpty()) {
                Text t = doc.createTextNode(pendingText.toString());
                int[] lc = lineCol(lastOffset);
                t.setUserData(Span.KEY, new Span(lastOffset, upTo, -1, upTo, lc[0], lc[1]), null);
                stack.peek().appendChild(t);
            }
            pendingText.setLength(0);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (stack.size() >= MAX_DEPTH) {
                throw new SAXParseException("elements are nested deeper than " + MAX_DEPTH + " levels", locator);
            }
            int tagStart = findTag("<" + qName, lastOffset);
            int tagEnd = tagStart < 0 ? -1 : endOfTag(tagStart);
            if (tagStart < 0 || tagEnd < 0) {
                reliable = false;
                tagStart = Math.max(lastOffset, 0);
                tagEnd = here('>');
            }
            flushText(tagStart);
            Element e;
            try {
                e = doc.createElementNS(uri.isEmpty() ? null : uri, qName);
                for (int i = 0; i < atts.getLength(); i++) {
                    String aq = atts.getQName(i);
                    String auri = atts.getURI(i);
                    if (aq.equals("xmlns") || aq.startsWith("xmlns:")) {
                        e.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, aq, atts.getValue(i));
                    } else {
                        e.setAttributeNS(auri.isEmpty() ? null : auri, aq, atts.getValue(i));
                    }
                }
            } catch (org.w3c.dom.DOMException bad) {
                // The parser lets some names through that are not namespace-well-formed (":a", found
                // by fuzzing); the DOM refuses them.
                throw new SAXParseException("the element " + qName + " or one of its attribute names is not a"
                        + " well-formed XML name with a namespace prefix", locator);
            }
            int[] lc = lineCol(tagStart);
            e.setUserData(Span.KEY, new Span(tagStart, tagEnd, -1, tagEnd, lc[0], lc[1]), null);
            if (stack.isEmpty()) {
                if (rootStart >= 0) {
                    throw new SAXParseException("more than one root element", locator);
                }
                rootStart = tagStart;
                doc.appendChild(e);
            } else {
                stack.peek().appendChild(e);
            }
            stack.push(e);
            startTags.push(new int[] {tagStart, tagEnd});
            lastOffset = tagEnd;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Element e = stack.peek();
            int[] st = startTags.pop();
            Span span;
            Span s0 = Span.of(e);
            if (text.charAt(st[1] - 2) == '/') {
                flushText(st[1]);
                span = new Span(st[0], st[1], -1, st[1], s0.line(), s0.column());
                lastOffset = st[1];
            } else {
                int endTagStart = findTag("</" + qName, lastOffset);
                int end = endTagStart < 0 ? -1 : text.indexOf('>', endTagStart) + 1;
                if (endTagStart < 0 || end <= 0) {
                    reliable = false;
                    end = here('>');
                    endTagStart = Math.max(text.lastIndexOf('<', end - 1), lastOffset);
                }
                flushText(endTagStart);
                span = new Span(st[0], st[1], endTagStart, end, s0.line(), s0.column());
                lastOffset = end;
            }
            int end = span.end();
            e.setUserData(Span.KEY, span, null);
            stack.pop();
            if (stack.isEmpty()) {
                rootEnd = end;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!stack.isEmpty()) {
                pendingText.append(ch, start, length);
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            characters(ch, start, length);
        }

        @Override
        public void comment(char[] ch, int start, int length) {
            int begin = findMarkup("<!--", lastOffset);
            int end = begin < 0 ? -1 : text.indexOf("-->", begin + 4) + 3;
            if (begin < 0 || end < 3) {
                reliable = false;
                end = here('>');
                begin = Math.max(text.lastIndexOf("<!--", end - 1), lastOffset);
            }
            if (stack.isEmpty()) {
                lastOffset = end;
                return;
            }
            flushText(begin);
            Node c = doc.createComment(new String(ch, start, length));
            int[] lc = lineCol(begin);
            c.setUserData(Span.KEY, new Span(begin, end, -1, end, lc[0], lc[1]), null);
            stack.peek().appendChild(c);
            lastOffset = end;
        }

        @Override
        public void processingInstruction(String target, String data) {
            int begin = findMarkup("<?" + target, lastOffset);
            int end = begin < 0 ? -1 : text.indexOf("?>", begin + 2) + 2;
            if (begin < 0 || end < 2) {
                reliable = false;
                end = here('>');
                begin = Math.max(text.lastIndexOf("<?", end - 1), lastOffset);
            }
            if (stack.isEmpty()) {
                lastOffset = end;
                return;
            }
            flushText(begin);
            Node pi = doc.createProcessingInstruction(target, data);
            int[] lc = lineCol(begin);
            pi.setUserData(Span.KEY, new Span(begin, end, -1, end, lc[0], lc[1]), null);
            stack.peek().appendChild(pi);
            lastOffset = end;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void endDocument() throws SAXException {
            if (rootStart < 0) {
                throw new SAXParseException("no root element", locator);
            }
        }

        @Override
        public String toString() {
            return "SourceParser.Handler[" + sourceName + "]";
        }
    }
}
