package io.ovfkit.ovf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.model.OvfJaxb;
import io.ovfkit.ovf.schema.SchemaValidator;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.validation.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Every descriptor of the shared corpus gives the outcome its {@code expect} column names
 * ({@code read}, {@code invalid}, {@code refuse}; see corpus/README.md), and every readable one
 * is written back byte for byte and survives 1.x → 2.0 → 1.x with all of its content.
 */
class CorpusConformanceTest {

    static Stream<Arguments> descriptors() {
        return SharedCorpus.sources(s -> !s.expect().isBlank()).stream()
                .map(s -> Arguments.of(s.file(), s.expect()));
    }

    static Stream<Arguments> readable() {
        return SharedCorpus.sources(s -> s.expect().equals("read") || s.expect().equals("invalid")).stream()
                .map(s -> Arguments.of(s.file()));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("descriptors")
    void gives_the_expected_outcome(String file, String expect) {
        Path path = SharedCorpus.file(file);
        if (expect.equals("refuse")) {
            assertThatThrownBy(() -> Ovf.read(path))
                    .isInstanceOf(MalformedDescriptorException.class)
                    .hasMessageContaining(path.toString());
            return;
        }
        OvfDescriptor d = Ovf.read(path);
        List<Diagnostic> findings = Validator.builder().build().validate(d);
        List<Diagnostic> errors = findings.stream().filter(x -> x.severity() == Severity.ERROR).toList();
        if (expect.equals("read")) {
            assertThat(errors).as("lax validation errors of %s", file).isEmpty();
        } else {
            assertThat(errors).as("lax validation errors of %s (expected invalid)", file).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void unmodified_descriptor_is_written_back_byte_for_byte(String file) throws Exception {
        Path path = SharedCorpus.file(file);
        OvfDescriptor d = Ovf.read(path);
        assertThat(d.toBytes()).isEqualTo(Files.readAllBytes(path));
    }

    static Stream<Arguments> schemaValid11() {
        return SharedCorpus.sources(s -> s.notes().contains("DSP8023 1.1.1 xsd: VALID")
                && (s.expect().equals("read") || s.expect().equals("invalid"))).stream().map(s -> Arguments.of(s.file()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaValid11")
    void valid_1_1_1_descriptor_is_valid_2_0_1_after_upgrading(String file) {
        OvfDescriptor d = Ovf.read(SharedCorpus.file(file));
        OvfDescriptor up = d.convert(OvfVersion.V2_0, false);
        SchemaValidator schemas = SchemaValidator.fromFolder(SharedCorpus.schemas());
        assertThat(schemas.validate(d.originalBytes(), file)).as("1.1.1 findings before").isEmpty();
        assertThat(schemas.validate(up.toBytes(), file)).as("2.0.1 findings after upgrading %s", file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void one_x_to_two_and_back_keeps_all_content(String file) throws Exception {
        Path path = SharedCorpus.file(file);
        OvfDescriptor d = Ovf.read(path);
        if (d.version().family() != OvfVersion.Family.OVF_1
                || d.readDiagnostics().stream().anyMatch(x -> x.rule().equals("OVF_BORROWED_SECTION"))) {
            return; // only pure 1.x descriptors: one that borrows OVF 2 sections cannot go back without them
        }
        OvfDescriptor up = d.convert(OvfVersion.V2_0, false);
        assertThat(up.version().family()).isEqualTo(OvfVersion.Family.OVF_2);
        OvfDescriptor back = up.convert(OvfVersion.V1_0, false);
        assertThat(back.version().family()).isEqualTo(OvfVersion.Family.OVF_1);
        Document before = OvfJaxb.marshal(d.envelope());
        Document after = OvfJaxb.marshal(back.envelope());
        before.getDocumentElement().removeAttributeNS(io.ovfkit.ovf.Namespaces.OVF, "version");
        after.getDocumentElement().removeAttributeNS(io.ovfkit.ovf.Namespaces.OVF, "version");
        assertThat(after.getDocumentElement().isEqualNode(before.getDocumentElement()))
                .as("model of %s after 1.x → 2.0 → 1.x equals the original", file).isTrue();
    }
}
