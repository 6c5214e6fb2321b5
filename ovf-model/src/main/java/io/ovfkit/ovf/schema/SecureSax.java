package io.ovfkit.ovf.schema;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/** The hardened namespace-aware SAX parser used for instance documents: no DTD, no entities. */
final class SecureSax {
    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private SecureSax() {
    }

    /** A new reader that refuses any DOCTYPE and never loads external entities or DTDs. */
    static XMLReader newReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader r = f.newSAXParser().getXMLReader();
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return r;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser does not support the hardening features", e);
        }
    }

    /**
     * The input for a document's bytes. The parser detects the encoding from the BOM and the XML
     * declaration, except for one producer deviation: a declaration saying {@code UTF-16} over
     * content without a BOM that is plainly single-byte (XenCenter writes such files), which is then
     * read as UTF-8 so that it parses as every other reader does.
     */
    static InputSource inputSource(byte[] xml) {
        if (declaresUtf16OverSingleBytes(xml)) {
            return new InputSource(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
        }
        return new InputSource(new ByteArrayInputStream(xml));
    }

    private static boolean declaresUtf16OverSingleBytes(byte[] xml) {
        // "<?xml" in single bytes, no BOM (a UTF-16 document would start FE FF / FF FE or 3C 00 / 00 3C).
        if (xml.length < 6 || xml[0] != '<' || xml[1] != '?' || xml[2] != 'x' || xml[3] != 'm' || xml[4] != 'l') {
            return false;
        }
        int end = -1;
        for (int i = 5; i < Math.min(xml.length - 1, 512); i++) {
            if (xml[i] == '?' && xml[i + 1] == '>') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return false;
        }
        String decl = new String(xml, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        Matcher m = ENCODING.matcher(decl);
        return m.find() && m.group(2).startsWith("utf-16");
    }

    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*(['\"])([^'\"]*)\\1");

    /** Whether a parse failure is the refusal of a DOCTYPE declaration. */
    static boolean isDoctypeRefusal(SAXParseException e) {
        String m = e.getMessage();
        return m != null && (m.contains("DOCTYPE") || m.contains(DISALLOW_DOCTYPE));
    }
}
