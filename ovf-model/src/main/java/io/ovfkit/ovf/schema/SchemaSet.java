package io.ovfkit.ovf.schema;

import io.ovfkit.ovf.OvfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks one schema set's subfolder before it is compiled: finds the root schema and lists every
 * file that is missing, those {@link SchemaKind#files()} names and those the present files import,
 * so that one message tells the user everything to download.
 */
final class SchemaSet {
    private SchemaSet() {
    }

    /** A missing file: what to call it and where to get it ({@code null} when unknown). */
    record Missing(String name, String url) {
        @Override
        public String toString() {
            return url == null ? name : name + " (" + url + ")";
        }
    }

    /**
     * The root schema of {@code kind} in {@code dir}: the short name ({@code dsp8023.xsd}, any case)
     * if present, else the published name with the highest version ({@code dsp8023_1.1.1.xsd} before
     * {@code dsp8023_1.1.xsd}); names equal but for case are taken in {@link String#compareTo} order.
     */
    static Optional<Path> root(Path dir, SchemaKind kind) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> kind.isRootFileName(p.getFileName().toString()) && Files.isRegularFile(p))
                    .min(rootOrder(kind));
        } catch (IOException e) {
            throw new OvfException(dir, "cannot list the schema folder: " + e.getMessage(), e);
        }
    }

    /** Short name first, then the highest version, then by name. */
    static Comparator<Path> rootOrder(SchemaKind kind) {
        Comparator<String> byShort = Comparator.comparing(n -> !n.equalsIgnoreCase(kind.rootFile()));
        Comparator<String> byVersion = (a, b) -> compareVersions(version(b), version(a));
        Comparator<String> names = byShort.thenComparing(byVersion).thenComparing(Comparator.naturalOrder());
        return Comparator.comparing(p -> p.getFileName().toString(), names);
    }

    /** {@code 1.1.1} of {@code dsp8023_1.1.1.xsd}; empty for the short name. */
    private static String version(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int us = n.indexOf('_');
        return us < 0 ? "" : n.substring(us + 1, n.length() - ".xsd".length());
    }

    /** Compares dotted versions segment by segment, numbers numerically; {@code 1.1 < 1.1.1 < 1.1.10}. */
    static int compareVersions(String a, String b) {
        String[] x = a.isEmpty() ? new String[0] : a.split("\\.", -1);
        String[] y = b.isEmpty() ? new String[0] : b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareSegments(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareSegments(String a, String b) {
        int da = digits(a);
        int db = digits(b);
        if (da > 0 && db > 0) {
            String na = a.substring(0, da).replaceFirst("^0+(?=.)", "");
            String nb = b.substring(0, db).replaceFirst("^0+(?=.)", "");
            int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
            if (c != 0) {
                return c;
            }
            return a.substring(da).compareTo(b.substring(db));
        }
        if (da > 0 != db > 0) {
            return da > 0 ? 1 : -1;
        }
        return a.compareTo(b);
    }

    private static int digits(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** How the root schema is named in messages: {@code dsp8023.xsd or dsp8023_1*.xsd}. */
    static String rootName(SchemaKind kind) {
        return kind.rootFile() + " or " + kind.rootFilePattern();
    }

    /** Every file of the set, for messages: {@code dsp8023.xsd or dsp8023_1*.xsd (https://...), common.xsd (https://...), ...}. */
    static String requirements(SchemaKind kind) {
        List<Missing> all = new ArrayList<>();
        all.add(new Missing(rootName(kind), kind.root().url().toString()));
        kind.imports().forEach(f -> all.add(new Missing(f.fileName(), f.url().toString())));
        return join(all);
    }

    /**
     * Every file missing from {@code dir} for {@code kind}: the root schema when no file is accepted
     * as such, each of {@link SchemaKind#imports()} that is not a file there, and each file that a
     * present schema imports (following the imports from the root) that is not there either.
     */
    static List<Missing> missing(Path dir, SchemaKind kind) {
        Map<String, Missing> out = new LinkedHashMap<>();
        Optional<Path> root = root(dir, kind);
        if (root.isEmpty()) {
            out.put(kind.rootFile(), new Missing(rootName(kind), kind.root().url().toString()));
        }
        for (SchemaKind.SchemaFile f : kind.imports()) {
            if (!Files.isRegularFile(dir.resolve(f.fileName()))) {
                out.put(f.fileName(), new Missing(f.fileName(), f.url().toString()));
            }
        }
        Deque<Path> todo = new ArrayDeque<>();
        root.ifPresent(todo::add);
        Set<String> seen = new HashSet<>();
        DocumentBuilder parser = schemaParser();
        while (!todo.isEmpty()) {
            Path file = todo.poll();
            if (!seen.add(file.getFileName().toString())) {
                continue;
            }
            for (String[] ref : references(parser, file)) {
                String name = ref[0];
                Path p = dir.resolve(name);
                if (!p.normalize().startsWith(dir.normalize())) {
                    continue;
                }
                if (Files.isRegularFile(p)) {
                    todo.add(p);
                } else if (!out.containsKey(name)) {
                    String url = ref[1] != null && ref[1].matches("(?i)https?://.*") ? ref[1] : null;
                    out.put(name, new Missing(name, url));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** Joins missing files for a message: {@code a.xsd (url), b.xsd (url)}. */
    static String join(List<Missing> missing) {
        StringBuilder b = new StringBuilder();
        for (Missing m : missing) {
            b.append(b.length() == 0 ? "" : ", ").append(m);
        }
        return b.toString();
    }

    /**
     * The files a schema document imports, includes or redefines, as {base name, location}; an
     * unreadable document gives none (compiling it reports the problem with its place).
     */
    private static List<String[]> references(DocumentBuilder parser, Path file) {
        List<String[]> refs = new ArrayList<>();
        Document doc;
        try {
            doc = parser.parse(file.toFile());
        } catch (SAXException | IOException | RuntimeException e) {
            return refs;
        }
        for (String local : new String[] {"import", "include", "redefine", "override"}) {
            NodeList nodes = doc.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, local);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                String location = e.hasAttribute("schemaLocation") ? e.getAttribute("schemaLocation").trim() : null;
                String name = FolderResourceResolver.baseName(location);
                if (name == null) {
                    name = FolderResourceResolver.fileForNamespace(e.hasAttribute("namespace") ? e.getAttribute("namespace") : null);
                }
                if (name != null && !name.equals(FolderResourceResolver.XML_SCHEMA_DTD)) {
                    refs.add(new String[] {name, location});
                }
            }
        }
        return refs;
    }

    /**
     * A parser for schema documents: the W3C schemas start with a DOCTYPE, so it is allowed, but no
     * external DTD or entity is ever loaded.
     */
    private static DocumentBuilder schemaParser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler());
            return b;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK XML parser does not support secure processing", e);
        }
    }
}
