package io.ovfkit.ovf.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The schema folder a user sets up: layout, root names, completeness, and the data in {@link SchemaKind}. */
class SchemaFolderTest {
    @TempDir
    Path tmp;

    // --- the folder itself -----------------------------------------------------------------------

    @Test
    void aMissingFolderIsAnErrorListingEveryFileWithItsUrl() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> SchemaValidator.fromFolder(missing))
                .isInstanceOf(OvfException.class)
                .hasMessageStartingWith(missing + ": schema folder not found")
                .hasMessageContaining("ovf-1/ (OVF 1.x): dsp8023.xsd or dsp8023_1*.xsd (https://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.xsd)")
                .hasMessageContaining("ovf-env/ (OVF environment): dsp8027.xsd or dsp8027_1*.xsd")
                .hasMessageContaining("xenc-schema-11.xsd (https://www.w3.org/TR/2012/WD-xmlenc-core1-20120105/xenc-schema-11.xsd)");
    }

    @Test
    void aFolderWithoutSubfoldersIsNotASchemaFolder() {
        assertThatThrownBy(() -> SchemaValidator.fromFolder(tmp))
                .isInstanceOf(OvfException.class)
                .hasMessageContaining("not a schema folder: it holds none of the subfolders ovf-1/, ovf-2/, ovf-env/")
                .hasMessageContaining("common.xsd (https://schemas.dmtf.org/wbem/wscim/1/common.xsd)");
    }

    @Test
    void anAbsentSetIsAnErrorNamingItsFolderAndFiles() throws IOException {
        MinimalSchemas.writeSet(tmp, SchemaKind.OVF_1, "dsp8023.xsd");
        SchemaValidator v = SchemaValidator.fromFolder(tmp);
        assertThatThrownBy(() -> v.schema(SchemaKind.OVF_ENV))
                .isInstanceOf(OvfException.class)
                .hasMessage(tmp.resolve("ovf-env") + ": schema set ovf-env (OVF environment) not found: no such folder; it needs"
                        + " dsp8027.xsd or dsp8027_1*.xsd (https://schemas.dmtf.org/ovf/environment/1/dsp8027_1.1.0.xsd),"
                        + " common.xsd (https://schemas.dmtf.org/wbem/wscim/1/common.xsd)");
    }

    @Test
    void anIncompleteSetListsEveryMissingFileWithItsUrl() throws IOException {
        Path set = MinimalSchemas.writeSet(tmp, SchemaKind.OVF_1, "dsp8023.xsd");
        Files.delete(set.resolve("common.xsd"));
        Files.delete(set.resolve("xml.xsd"));
        SchemaValidator v = SchemaValidator.fromFolder(tmp);
        assertThatThrownBy(() -> v.schema(SchemaKind.OVF_1))
                .isInstanceOf(OvfException.class)
                .hasMessage(set + ": schema set ovf-1 (OVF 1.x) is incomplete: missing"
                        + " common.xsd (https://schemas.dmtf.org/wbem/wscim/1/common.xsd),"
                        + " xml.xsd (https://www.w3.org/2001/xml.xsd)");
    }

    @Test
    void anEmptySetListsTheRootSchemaAndEveryImport() throws IOException {
        Path set = Files.createDirectories(tmp.resolve("ovf-2"));
        SchemaValidator v = SchemaValidator.fromFolder(tmp);
        OvfException e = catchThrowableOfType(() -> v.schema(SchemaKind.OVF_2), OvfException.class);
        assertThat(e.source()).isEqualTo(set.toString());
        assertThat(e.getMessage()).contains("missing dsp8023.xsd or dsp8023_2*.xsd (https://schemas.dmtf.org/ovf/envelope/2/dsp8023_2.0.1.xsd)");
        for (SchemaKind.SchemaFile f : SchemaKind.OVF_2.imports()) {
            assertThat(e.getMessage()).contains(f.fileName() + " (" + f.url() + ")");
        }
    }

    @Test
    void aFileThatAPresentSchemaImportsIsReportedMissingToo() throws IOException {
        Path set = MinimalSchemas.writeSet(tmp, SchemaKind.OVF_ENV, "dsp8027.xsd");
        MinimalSchemas.writeRoot(set.resolve("dsp8027.xsd"), SchemaKind.OVF_ENV,
                "  <xs:import namespace=\"urn:x\" schemaLocation=\"http://example.org/schemas/extra.xsd\"/>\n");
        SchemaValidator v = SchemaValidator.fromFolder(tmp);
        assertThatThrownBy(() -> v.schema(SchemaKind.OVF_ENV))
                .isInstanceOf(OvfException.class)
                .hasMessageEndingWith("is incomplete: missing extra.xsd (http://example.org/schemas/extra.xsd)");
    }

    @Test
    void aSetMissingAnImportIsAnErrorNotAFetch() throws IOException {
        Path src = SharedCorpus.schemas().resolve("ovf-env");
        Path dst = Files.createDirectories(tmp.resolve("ovf-env"));
        Files.copy(src.resolve("dsp8027.xsd"), dst.resolve("dsp8027.xsd"));
        SchemaValidator v = SchemaValidator.fromFolder(tmp);
        assertThatThrownBy(() -> v.schema(SchemaKind.OVF_ENV))
                .isInstanceOf(OvfException.class)
                .hasMessageContaining("common.xsd")
                .hasMessageContaining(dst.toString());
    }

    // --- the root schema's name ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dsp8023.xsd", "dsp8023_1.1.xsd", "dsp8023_1.1.0.xsd", "dsp8023_1.1.1.xsd", "DSP8023_1.1.1.xsd",
        "DSP8023.XSD"})
    void theRootSchemaMayHaveItsShortOrPublishedName(String name) throws IOException {
        MinimalSchemas.writeSet(tmp, SchemaKind.OVF_1, name);
        List<Diagnostic> findings = SchemaValidator.fromFolder(tmp).validate(MinimalSchemas.undeclaredRoot(SchemaKind.OVF_1), "x.ovf");
        assertThat(findings).singleElement().extracting(Diagnostic::rule).isEqualTo(SchemaValidator.RULE_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dsp8023_2.0.1.xsd", "dsp8027.xsd", "dsp8023-1.1.xsd", "dsp8023_1.1.xml", "xdsp8023.xsd"})
    void otherNamesAreNotTheOvf1RootSchema(String name) {
        assertThat(SchemaKind.OVF_1.isRootFileName(name)).isFalse();
    }

    @Test
    void theShortRootNameWinsOverPublishedOnes() throws IOException {
        Path set = Files.createDirectories(tmp.resolve("ovf-1"));
        for (String n : List.of("dsp8023_1.1.1.xsd", "dsp8023.xsd", "dsp8023_1.1.xsd")) {
            Files.writeString(set.resolve(n), "");
        }
        assertThat(SchemaSet.root(set, SchemaKind.OVF_1)).contains(set.resolve("dsp8023.xsd"));
    }

    @Test
    void amongPublishedRootNamesTheHighestVersionWins() throws IOException {
        Path set = Files.createDirectories(tmp.resolve("ovf-1"));
        for (String n : List.of("dsp8023_1.1.xsd", "dsp8023_1.1.10.xsd", "dsp8023_1.1.1.xsd", "dsp8023_1.1.0.xsd")) {
            Files.writeString(set.resolve(n), "");
        }
        assertThat(SchemaSet.root(set, SchemaKind.OVF_1)).contains(set.resolve("dsp8023_1.1.10.xsd"));
    }

    @ParameterizedTest
    @EnumSource(SchemaKind.class)
    void theCorpusSetsCompileWithTheRootUnderItsPublishedName(SchemaKind kind) throws IOException {
        Path src = SharedCorpus.schemas().resolve(kind.folder());
        Path dst = Files.createDirectories(tmp.resolve(kind.folder()));
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                Files.copy(f, dst.resolve(name.equals(kind.rootFile()) ? kind.root().fileName() : name));
            }
        }
        assertThat(dst.resolve(kind.rootFile())).doesNotExist();
        assertThat(SchemaValidator.fromFolder(tmp).schema(kind)).isNotNull();
    }

    // --- the data in SchemaKind ------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(SchemaKind.class)
    void theFilesOfEachSetAreWhatTheCorpusSchemasImport(SchemaKind kind) throws Exception {
        Path set = SharedCorpus.schemas().resolve(kind.folder());
        Set<String> imported = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(kind.rootFile()));
        while (!todo.isEmpty()) {
            for (String name : importedNames(set.resolve(todo.poll()))) {
                if (imported.add(name)) {
                    todo.add(name);
                }
            }
        }
        assertThat(kind.imports()).extracting(SchemaKind.SchemaFile::fileName).containsExactlyInAnyOrderElementsOf(imported);
    }

    @ParameterizedTest
    @EnumSource(SchemaKind.class)
    void eachFileIsNamedAfterItsHttpsUrl(SchemaKind kind) {
        assertThat(kind.files()).allSatisfy(f -> {
            assertThat(f.url().getScheme()).isEqualTo("https");
            assertThat(f.url().toString()).endsWith("/" + f.fileName());
        });
    }

    @ParameterizedTest
    @EnumSource(SchemaKind.class)
    void thePublishedRootNameIsAccepted(SchemaKind kind) {
        assertThat(kind.isRootFileName(kind.root().fileName())).isTrue();
    }

    @Test
    void everySetListsItsFilesOnce() {
        for (SchemaKind k : SchemaKind.values()) {
            assertThat(k.files()).extracting(SchemaKind.SchemaFile::fileName).doesNotHaveDuplicates();
        }
    }

    /** The base names of the schema documents {@code xsd} imports, includes or redefines. */
    private static Set<String> importedNames(Path xsd) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(xsd.toFile());
        Set<String> names = new TreeSet<>();
        for (String local : List.of("import", "include", "redefine")) {
            NodeList nodes = doc.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, local);
            for (int i = 0; i < nodes.getLength(); i++) {
                String location = ((Element) nodes.item(i)).getAttribute("schemaLocation");
                assertThat(location).as("%s: an import without schemaLocation", xsd).isNotEmpty();
                names.add(location.substring(location.lastIndexOf('/') + 1));
            }
        }
        return names;
    }
}
