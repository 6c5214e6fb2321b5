package io.ovfkit.ovf.env;

import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.OvfException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** Reads an OVF environment document with a hardened SAX parser. */
final class EnvParser extends DefaultHandler {
    private static final String OE = Namespaces.OVF_ENV;
    private static final String VE = Namespaces.VMW_ENV;

    /** Where the parser is. */
    private enum Ctx { ROOT, PLATFORM, PLATFORM_FIELD, PROPERTIES, ENTITY, ENTITY_PROPERTIES, ADAPTERS, SKIP }

    private final String source;
    private final Deque<Ctx> stack = new ArrayDeque<>();
    private Locator locator;

    private OvfEnvironment.Builder builder;
    private boolean platformSeen;
    private String kind;
    private String version;
    private String vendor;
    private String locale;
    private Integer timezone;
    private String field;
    private final StringBuilder text = new StringBuilder();
    private String entityId;
    private LinkedHashMap<String, String> entityProps;
    private final Set<String> entityIdsSeen = new HashSet<>();

    private EnvParser(String source) {
        this.source = source;
    }

    static OvfEnvironment parse(byte[] xml, String source) {
        EnvParser handler = new EnvParser(source);
        XMLReader reader = io.ovfkit.ovf.xml.HardenedXml.newReader();
        reader.setContentHandler(handler);
        reader.setErrorHandler(handler);
        try {
            reader.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            String msg = isDoctype(e)
                    ? "DOCTYPE declarations are refused: an OVF environment needs no DTD, and DTDs and entities are"
                            + " not processed for security reasons"
                    : "not well-formed XML: " + e.getMessage();
            throw new MalformedDescriptorException(source, Math.max(e.getLineNumber(), 0),
                    Math.max(e.getColumnNumber(), 0), msg, e);
        } catch (Failure f) {
            throw f.exception;
        } catch (SAXException e) {
            if (e.getException() instanceof Failure f) {
                throw f.exception;
            }
            throw new MalformedDescriptorException(source, 0, 0, "not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OvfException(source, 0, 0, "cannot read the OVF environment: " + e.getMessage(), e);
        }
        if (handler.builder == null) {
            throw new MalformedDescriptorException(source, "no Environment element");
        }
        return handler.builder.build();
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
        if (stack.isEmpty()) {
            if (!OE.equals(uri) || !local.equals("Environment")) {
                throw fail("the root element is " + name(uri, local) + "; expected {" + OE + "}Environment");
            }
            String id = attr(atts, OE, "id");
            if (id == null || id.isBlank()) {
                throw fail("Environment has no oe:id naming the virtual system it is for");
            }
            builder = OvfEnvironment.builder(id);
            try {
                builder.vCenterId(attr(atts, VE, "vCenterId")).esxId(attr(atts, VE, "esxId"));
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
            stack.push(Ctx.ROOT);
            return;
        }
        Ctx parent = stack.peek();
        Ctx next = Ctx.SKIP;
        switch (parent) {
            case ROOT:
                if (OE.equals(uri) && local.equals("PlatformSection")) {
                    if (platformSeen) {
                        throw fail("more than one PlatformSection");
                    }
                    platformSeen = true;
                    next = Ctx.PLATFORM;
                } else if (OE.equals(uri) && local.equals("PropertySection")) {
                    next = Ctx.PROPERTIES;
                } else if (OE.equals(uri) && local.equals("Entity")) {
                    entityId = attr(atts, OE, "id");
                    if (entityId == null || entityId.isBlank()) {
                        throw fail("Entity has no oe:id");
                    }
                    if (!entityIdsSeen.add(entityId)) {
                        throw fail("duplicate Entity oe:id '" + entityId + "'");
                    }
                    entityProps = new LinkedHashMap<>();
                    next = Ctx.ENTITY;
                } else if (VE.equals(uri) && local.equals("EthernetAdapterSection")) {
                    next = Ctx.ADAPTERS;
                }
                break;
            case PLATFORM:
                if (OE.equals(uri) && (local.equals("Kind") || local.equals("Version") || local.equals("Vendor")
                        || local.equals("Locale") || local.equals("Timezone"))) {
                    field = local;
                    text.setLength(0);
                    next = Ctx.PLATFORM_FIELD;
                }
                break;
            case PROPERTIES:
            case ENTITY_PROPERTIES:
                if (OE.equals(uri) && local.equals("Property")) {
                    property(atts, parent == Ctx.PROPERTIES);
                }
                break;
            case ENTITY:
                if (OE.equals(uri) && local.equals("PropertySection")) {
                    next = Ctx.ENTITY_PROPERTIES;
                }
                break;
            case ADAPTERS:
                if (VE.equals(uri) && local.equals("Adapter")) {
                    adapter(atts);
                }
                break;
            default:
                break;
        }
        stack.push(next);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (stack.peek() == Ctx.PLATFORM_FIELD) {
            text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
        Ctx ctx = stack.pop();
        switch (ctx) {
            case PLATFORM_FIELD:
                platformField();
                break;
            case PLATFORM:
                try {
                    builder.platform(new Platform(kind, version, vendor, locale, timezone));
                } catch (IllegalArgumentException e) {
                    throw fail(e.getMessage());
                }
                break;
            case ENTITY:
                try {
                    builder.entity(entityId, entityProps);
                } catch (IllegalArgumentException e) {
                    throw fail(e.getMessage());
                }
                break;
            default:
                break;
        }
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        throw e;
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        throw e;
    }

    private void platformField() throws Failure {
        String value = text.toString();
        switch (field) {
            case "Kind":
                kind = value;
                break;
            case "Version":
                version = value;
                break;
            case "Vendor":
                vendor = value;
                break;
            case "Locale":
                locale = value;
                break;
            default:
                try {
                    timezone = Integer.valueOf(value.trim());
                } catch (NumberFormatException e) {
                    throw fail("Timezone must be a whole number of minutes, found '" + value + "'");
                }
        }
    }

    private void property(Attributes atts, boolean recipient) throws Failure {
        String key = attr(atts, OE, "key");
        String value = attr(atts, OE, "value");
        if (key == null) {
            throw fail("Property has no oe:key");
        }
        if (value == null) {
            throw fail("Property '" + key + "' has no oe:value");
        }
        if (recipient) {
            try {
                builder.property(key, value);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        } else if (entityProps.putIfAbsent(key, value) != null) {
            throw fail("duplicate property key '" + key + "' in Entity '" + entityId + "'");
        }
    }

    private void adapter(Attributes atts) throws Failure {
        String mac = attr(atts, VE, "mac");
        if (mac == null || mac.isBlank()) {
            throw fail("ve:Adapter has no ve:mac");
        }
        String unit = attr(atts, VE, "unitNumber");
        Integer unitNumber = null;
        if (unit != null) {
            try {
                unitNumber = Integer.valueOf(unit.trim());
            } catch (NumberFormatException e) {
                throw fail("ve:unitNumber must be a whole number, found '" + unit + "'");
            }
        }
        builder.ethernetAdapter(mac, attr(atts, VE, "network"), unitNumber);
    }

    /** The attribute in namespace {@code ns}, or else the unqualified one of that name. */
    private static String attr(Attributes atts, String ns, String local) {
        String v = atts.getValue(ns, local);
        return v != null ? v : atts.getValue("", local);
    }

    private static String name(String uri, String local) {
        return (uri == null || uri.isEmpty() ? "" : "{" + uri + "}") + local;
    }

    private Failure fail(String message) {
        int line = locator == null ? 0 : Math.max(locator.getLineNumber(), 0);
        int col = locator == null ? 0 : Math.max(locator.getColumnNumber(), 0);
        return new Failure(new OvfException(source, line, col, message, null));
    }

    private static boolean isDoctype(SAXParseException e) {
        String m = e.getMessage();
        return io.ovfkit.ovf.xml.HardenedXml.isDoctypeRefusal(e);
    }

    /** Carries an {@link OvfException} out of the SAX callbacks. */
    private static final class Failure extends SAXException {
        private static final long serialVersionUID = 1L;
        final transient OvfException exception;

        Failure(OvfException exception) {
            super(exception.getMessage());
            this.exception = exception;
        }
    }
}
