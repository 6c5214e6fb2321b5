package io.ovfkit.ovf.xml;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The one place where ovf-model configures the JDK's XML parser for documents from outside: no
 * document type declaration (so no entities to expand or fetch), no external DTD or schema loads,
 * secure processing on. Every instance-document parse in the module goes through here.
 *
 * <p>Safe to call from any thread: the shared parser factory is configured once, when the class is
 * initialised, and only used to create a new reader per call; each reader is for one thread.
 */
public final class HardenedXml {
    /** Xerces feature that refuses any DOCTYPE. */
    public static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private static final SAXParserFactory FACTORY = newFactory();

    private HardenedXml() {
    }

    private static SAXParserFactory newFactory() {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a required security feature", e);
        }
        return f;
    }

    /** A new namespace-aware reader with the hardening above; {@code prefixes} reports xmlns attributes. */
    public static XMLReader newReader(boolean prefixes) {
        try {
            XMLReader r = FACTORY.newSAXParser().getXMLReader();
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            r.setFeature("http://xml.org/sax/features/namespace-prefixes", prefixes);
            r.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity \"" + systemId + "\" refused");
            });
            return r;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a required security feature", e);
        }
    }

    /** A new hardened reader without xmlns attributes. */
    public static XMLReader newReader() {
        return newReader(false);
    }

    /**
     * The input for a document's bytes, decoded the way {@link DecodedText} decodes descriptors
     * (so a mislabelled UTF-16 declaration over UTF-8 bytes reads as every other reader reads it).
     */
    public static InputSource inputSource(byte[] xml, String sourceName) {
        return new InputSource(new StringReader(DecodedText.decode(xml, sourceName).text()));
    }

    /** Whether a parse failure is the refusal of a DOCTYPE declaration. */
    public static boolean isDoctypeRefusal(SAXParseException e) {
        String m = e.getMessage();
        return m != null && (m.contains("DOCTYPE") || m.contains(DISALLOW_DOCTYPE));
    }
}
