package io.ovfkit.ovf.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.testing.Xmllint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SchemaValidatorTest {
    private static final String VALID_1 = "[xmllint: DSP8023 1.1.1 xsd: VALID]";
    private static final String UTF16_MISLABEL = "Document labelled UTF-16 but has UTF-8 content";

    private static SchemaValidator validator;

    @BeforeAll
    static void setUp() {
        if (SharedCorpus.find().isPresent()) {
            validator = SchemaValidator.fromFolder(SharedCorpus.schemas());
        }
    }

    private static SchemaValidator validator() {
        SharedCorpus.assumeAvailable();
        return validator;
    }

    // --- the corpus -----------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> descriptorsMarkedValidHaveNoFindings() {
        List<SharedCorpus.Source> valid = SharedCorpus.sources(s -> s.notesContain(VALID_1));
        assertThat(valid).hasSizeGreaterThan(20);
        return valid.stream().map(s -> DynamicTest.dynamicTest(s.file(), () -> {
            byte[] xml = Files.readAllBytes(s.path());
            assertThat(validator().validate(xml, s.file())).as("stream findings").isEmpty();
            assertThat(validator().validate(dom(xml), s.file())).as("DOM findings").isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> descriptorsMarkedInvalidHaveFindingsWithLines() {
        // Mislabelled UTF-16 is a parser error for xmllint but read as UTF-8 here (see the test below).
        List<SharedCorpus.Source> invalid = SharedCorpus.sources(s -> s.notes().contains(" xsd: INVALID")
                && !s.notes().contains(UTF16_MISLABEL));
        assertThat(invalid).hasSizeGreaterThan(20);
        return invalid.stream().map(s -> DynamicTest.dynamicTest(s.file(), () -> {
            byte[] xml = Files.readAllBytes(s.path());
            SchemaValidator v = validator();
            if (s.expect().equals("refuse")) {
                assertThatThrownBy(() -> v.validate(xml, s.file()))
                        .isInstanceOf(MalformedDescriptorException.class)
                        .satisfies(e -> assertThat(((OvfException) e).line()).isPositive())
                        .hasMessageContaining(s.file());
                return;
            }
            List<Diagnostic> findings = v.validate(xml, s.file());
            assertThat(findings).isNotEmpty();
            assertThat(findings).allSatisfy(d -> {
                assertThat(d.rule()).isEqualTo(SchemaValidator.RULE_INVALID);
                assertThat(d.severity()).isEqualTo(Severity.WARNING);
                assertThat(d.line()).isPositive();
                assertThat(d.column()).isPositive();
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> agreesWithXmllintOnValidAndInvalid() {
        SharedCorpus.assumeAvailable();
        record Case(String file, SchemaKind kind) {
        }
        List<Case> cases = List.of(
                new Case("ovf/cot__minimal.ovf", SchemaKind.OVF_1),
                new Case("ovf/govmomi__ttylinux-pc_i486-16.1.ovf", SchemaKind.OVF_1),
                new Case("ovf/cot__csr1000v.ovf", SchemaKind.OVF_1),
                new Case("ovf/govmomi__sunVHW-DiskTypes-invalid.ovf", SchemaKind.OVF_1),
                new Case("ovf/cot__invalid.ovf", SchemaKind.OVF_1),
                new Case("ovf/govmomi__empty.ovf", SchemaKind.OVF_1),
                new Case("ovf/govmomi__no_capacity.ovf", SchemaKind.OVF_1),
                new Case("ovf/virtualbox__winxp.ovf", SchemaKind.OVF_1),
                new Case("ovf/cot__ubuntu.2.0.ovf", SchemaKind.OVF_2),
                new Case("env/cloudinit__ovf-env.xml", SchemaKind.OVF_ENV));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> {
            Path file = SharedCorpus.file(c.file());
            Oracle.Result r = Xmllint.validate(SharedCorpus.schemas().resolve(c.kind().folder()), c.kind().rootFile(), file);
            assertThat(r.exitCode()).as(r.describe()).isIn(0, 3);
            List<Diagnostic> ours = validator().validate(Files.readAllBytes(file), c.file());
            assertThat(ours.isEmpty()).as("valid per ovfkit == valid per xmllint; ovfkit: %s; xmllint: %s", ours,
                    r.describe()).isEqualTo(r.exitCode() == 0);
        }));
    }

    @Test
    void readsAUtf16LabelOverSingleByteContentAsUtf8(@TempDir Path tmp) throws IOException {
        List<SharedCorpus.Source> mislabelled = SharedCorpus.sources(s -> s.notes().contains(UTF16_MISLABEL));
        assertThat(mislabelled).isNotEmpty();
        for (SharedCorpus.Source s : mislabelled) {
            byte[] xml = Files.readAllBytes(s.path());
            List<Diagnostic> ours = validator().validate(xml, s.file());
            // xmllint refuses the label; relabelled as UTF-8 it gives the verdict to compare with.
            String text = new String(xml, StandardCharsets.UTF_8).replaceFirst("encoding=\"utf-16\"", "encoding=\"utf-8\"");
            Path relabelled = Files.writeString(tmp.resolve("relabelled.ovf"), text, StandardCharsets.UTF_8);
            Oracle.Result r = Xmllint.validate(SharedCorpus.schemas().resolve("ovf-1"), "dsp8023.xsd", relabelled);
            assertThat(r.exitCode()).as(r.describe()).isIn(0, 3);
            assertThat(ours.isEmpty()).as("%s: ovfkit %s, xmllint %s", s.file(), ours, r.describe()).isEqualTo(r.ok());
        }
    }

    @Test
    void environmentDocumentOfTheCorpusIsValid() throws IOException {
        Path env = SharedCorpus.file("env/cloudinit__ovf-env.xml");
        assertThat(validator().validate(Files.readAllBytes(env), env.toString())).isEmpty();
    }

    @Test
    void domFindingsNameTheElementPath() throws Exception {
        byte[] xml = Files.readAllBytes(SharedCorpus.file("ovf/cot__invalid.ovf"));
        List<Diagnostic> findings = validator().validate(dom(xml), "cot__invalid.ovf");
        assertThat(findings).isNotEmpty();
        assertThat(findings.get(0).line()).isZero();
        assertThat(findings.get(0).message()).contains("(at /ovf:Envelope/").contains("InstanceID");
    }

    @Test
    void validationIsThreadSafe() throws Exception {
        List<SharedCorpus.Source> all = SharedCorpus.sources(s -> s.notes().contains("xsd: ") && !s.expect().equals("refuse")
                && s.notes().contains("DSP8023 1.1.1"));
        List<List<Diagnostic>> expected = new ArrayList<>();
        for (SharedCorpus.Source s : all) {
            expected.add(validator().validate(Files.readAllBytes(s.path()), s.file()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            SchemaValidator fresh = SchemaValidator.fromFolder(SharedCorpus.schemas());
            List<Future<List<Diagnostic>>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (SharedCorpus.Source s : all) {
                    futures.add(pool.submit(() -> fresh.validate(Files.readAllBytes(s.path()), s.file())));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i % all.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- behaviour on constructed documents ------------------------------------------------------

    @Test
    void reportsTheRealLineAndColumn() {
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<Environment xmlns=\"http://schemas.dmtf.org/ovf/environment/1\" xmlns:oe=\"http://schemas.dmtf.org/ovf/environment/1\" oe:id=\"a\">\n"
                + "  <PropertySection>\n"
                + "    <Property oe:key=\"k\"/>\n"
                + "  </PropertySection>\n"
                + "  <Bogus/>\n"
                + "</Environment>\n";
        List<Diagnostic> findings = validator().validate(xml.getBytes(StandardCharsets.UTF_8), "t.xml");
        assertThat(findings).extracting(Diagnostic::line).containsExactly(4, 6);
        assertThat(findings.get(0).column()).isPositive();
        assertThat(findings.get(0).message()).contains("value");
    }

    @Test
    void refusesADoctype(@TempDir Path tmp) throws IOException {
        SchemaValidator v = SchemaValidator.fromFolder(MinimalSchemas.write(tmp));
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE Envelope [<!ENTITY boom \"boom\">]>\n"
                + "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">&boom;</Envelope>\n";
        assertThatThrownBy(() -> v.validate(xml.getBytes(StandardCharsets.UTF_8), "doctype.ovf"))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("doctype.ovf:2:")
                .hasMessageContaining("DOCTYPE declarations are refused");
    }

    @Test
    void refusesAnExternalEntity(@TempDir Path tmp) throws IOException {
        SchemaValidator v = SchemaValidator.fromFolder(MinimalSchemas.write(tmp));
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">&xxe;</Envelope>\n";
        assertThatThrownBy(() -> v.validate(xml.getBytes(StandardCharsets.UTF_8), "xxe.ovf"))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void notWellFormedIsAnExceptionWithThePlace(@TempDir Path tmp) throws IOException {
        SchemaValidator v = SchemaValidator.fromFolder(MinimalSchemas.write(tmp));
        String xml = "<?xml version=\"1.0\"?>\n<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <References>\n</Envelope>\n";
        assertThatThrownBy(() -> v.validate(xml.getBytes(StandardCharsets.UTF_8), "broken.ovf"))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("broken.ovf:4:")
                .hasMessageContaining("not well-formed");
    }

    @Test
    void unknownNamespaceGivesOneFinding() throws Exception {
        byte[] xml = Files.readAllBytes(SharedCorpus.file("ovf/cot__v0.9.ovf"));
        List<Diagnostic> stream = validator().validate(xml, "v0.9.ovf");
        assertThat(stream).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo(SchemaValidator.RULE_NO_SCHEMA);
            assertThat(d.message()).contains("http://www.vmware.com/schema/ovf/1/envelope").contains("no schema");
        });
        assertThat(validator().validate(dom(xml), "v0.9.ovf")).singleElement()
                .extracting(Diagnostic::rule).isEqualTo(SchemaValidator.RULE_NO_SCHEMA);
        assertThat(validator().validate("<a/>".getBytes(StandardCharsets.UTF_8), "a.xml")).singleElement()
                .extracting(Diagnostic::rule).isEqualTo(SchemaValidator.RULE_NO_SCHEMA);
    }

    @Test
    void capsTheNumberOfFindings() {
        StringBuilder b = new StringBuilder("<Environment xmlns=\"http://schemas.dmtf.org/ovf/environment/1\">\n");
        for (int i = 0; i < 1500; i++) {
            b.append("<Entity/>\n");
        }
        b.append("</Environment>\n");
        List<Diagnostic> findings = validator().validate(b.toString().getBytes(StandardCharsets.UTF_8), "many.xml");
        assertThat(findings).hasSize(SchemaValidator.MAX_FINDINGS + 1);
        assertThat(findings.get(SchemaValidator.MAX_FINDINGS).message()).contains("500 more findings omitted");
    }

    @Test
    void ignoresSchemaLocationHintsInTheInstance() {
        String xml = "<Environment xmlns=\"http://schemas.dmtf.org/ovf/environment/1\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://example.invalid/ns http://example.invalid/x.xsd\""
                + " xmlns:x=\"http://example.invalid/ns\"><x:Foo/></Environment>";
        assertThat(validator().validate(xml.getBytes(StandardCharsets.UTF_8), "hint.xml")).isEmpty();
    }

    // --- the schema folder ------------------------------------------------------------------------

    @Test
    void everySchemaSetCompiles() {
        for (SchemaKind k : SchemaKind.values()) {
            assertThat(validator().schema(k)).isNotNull();
            assertThat(validator().schema(k)).isSameAs(validator().schema(k));
        }
    }

    @Test
    void kindsMapNamespaces() {
        assertThat(SchemaKind.forNamespace("http://schemas.dmtf.org/ovf/envelope/1")).contains(SchemaKind.OVF_1);
        assertThat(SchemaKind.forNamespace("http://schemas.dmtf.org/ovf/envelope/2")).contains(SchemaKind.OVF_2);
        assertThat(SchemaKind.forNamespace("http://schemas.dmtf.org/ovf/environment/1")).contains(SchemaKind.OVF_ENV);
        assertThat(SchemaKind.forNamespace("http://schemas.dmtf.org/ovf/envelope/1/")).isEmpty();
        assertThat(SchemaKind.forNamespace(null)).isEmpty();
    }

    @Test
    void resolverUsesBaseNames() {
        assertThat(FolderResourceResolver.baseName("http://schemas.dmtf.org/wbem/wscim/1/common.xsd")).isEqualTo("common.xsd");
        assertThat(FolderResourceResolver.baseName("common.xsd")).isEqualTo("common.xsd");
        assertThat(FolderResourceResolver.baseName("..\\x\\y.xsd?v=1#f")).isEqualTo("y.xsd");
        assertThat(FolderResourceResolver.baseName("http://host/dir/")).isNull();
        assertThat(FolderResourceResolver.baseName("..")).isNull();
        assertThat(FolderResourceResolver.baseName(null)).isNull();
    }

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
