package io.ovfkit.ovf.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Namespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Every real OVF 1.x/2.x descriptor of the shared corpus binds to the model and marshals back with
 * the same element sequence at the Envelope, VirtualSystem and VirtualSystemCollection levels.
 * OVF 1.x files are moved into the OVF 2 namespace (and the {@code .xsd} sasd/epasd aliases onto the
 * canonical URIs) in memory first, by a plain rename: a stand-in for the real reader.
 */
class CorpusRoundTripTest {
    private static final Map<String, String> CANONICAL = Map.of(
            Namespaces.OVF_1, Namespaces.OVF,
            Namespaces.SASD + ".xsd", Namespaces.SASD,
            Namespaces.EPASD + ".xsd", Namespaces.EPASD);

    @TestFactory
    Stream<DynamicTest> corpusDescriptorsRoundTrip() throws IOException {
        Path dir = corpus().resolve("ovf");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared corpus not found at " + dir + "; set OVFKIT_SHARED");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            Document doc = parseOrNull(file);
            if (doc == null || !isOvfEnvelope(doc.getDocumentElement())) {
                continue; // not XML, OVF 0.9 or an unknown namespace: the reader's business, not the model's
            }
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> roundTrip(doc)));
        }
        assertThat(tests).as("OVF 1.x/2.x descriptors in the corpus").isNotEmpty();
        return tests.stream();
    }

    private static void roundTrip(Document source) throws Exception {
        canonicalize(source, source.getDocumentElement());

        OvfJaxb.Result result = OvfJaxb.unmarshalWithEvents(source);
        Envelope env = result.envelope();
        Document out = OvfJaxb.marshal(env);

        List<Element> sourceContents = contents(source.getDocumentElement());
        assertThat(env.virtualSystems()).as("virtual systems")
                .hasSize((int) sourceContents.stream().filter(e -> "VirtualSystem".equals(e.getLocalName())).count());
        assertThat(Xml.childNames(out.getDocumentElement())).as("Envelope children")
                .containsExactlyElementsOf(Xml.childNames(source.getDocumentElement()));
        List<Element> outContents = contents(out.getDocumentElement());
        assertThat(outContents).hasSameSizeAs(sourceContents);
        for (int i = 0; i < sourceContents.size(); i++) {
            Element s = sourceContents.get(i);
            assertThat(Xml.childNames(outContents.get(i)))
                    .as("children of %s %s", s.getLocalName(), s.getAttributeNS(Namespaces.OVF, "id"))
                    .containsExactlyElementsOf(Xml.childNames(s));
        }
    }

    /** VirtualSystem and VirtualSystemCollection elements under {@code parent}, depth-first. */
    private static List<Element> contents(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Element e : Xml.children(parent)) {
            if (Namespaces.OVF.equals(e.getNamespaceURI())
                    && ("VirtualSystem".equals(e.getLocalName()) || "VirtualSystemCollection".equals(e.getLocalName()))) {
                out.add(e);
                out.addAll(contents(e));
            }
        }
        return out;
    }

    /** Moves {@code e}, its attributes and its descendants into the canonical namespaces. */
    private static void canonicalize(Document doc, Element e) {
        NamedNodeMap attrs = e.getAttributes();
        List<Attr> list = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            list.add((Attr) attrs.item(i));
        }
        for (Attr a : list) {
            if (Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                String mapped = CANONICAL.get(a.getValue());
                if (mapped != null) {
                    a.setValue(mapped);
                }
            } else if (a.getNamespaceURI() != null && CANONICAL.containsKey(a.getNamespaceURI())) {
                doc.renameNode(a, CANONICAL.get(a.getNamespaceURI()), a.getName());
            }
        }
        Element current = e;
        if (e.getNamespaceURI() != null && CANONICAL.containsKey(e.getNamespaceURI())) {
            current = (Element) doc.renameNode(e, CANONICAL.get(e.getNamespaceURI()), e.getTagName());
        }
        for (Element child : Xml.children(current)) {
            canonicalize(doc, child);
        }
    }

    private static boolean isOvfEnvelope(Element root) {
        return "Envelope".equals(root.getLocalName())
                && (Namespaces.OVF.equals(root.getNamespaceURI()) || Namespaces.OVF_1.equals(root.getNamespaceURI()));
    }

    private static Document parseOrNull(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(file.toFile());
        } catch (Exception e) {
            return null;
        }
    }

    /** The shared folder: {@code OVFKIT_SHARED}, else {@code ../../shared} from the module directory. */
    private static Path corpus() {
        String env = System.getenv("OVFKIT_SHARED");
        Path shared = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared");
        return shared.resolve("corpus");
    }
}
