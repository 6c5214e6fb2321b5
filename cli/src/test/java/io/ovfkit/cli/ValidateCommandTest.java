package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovfkit.ovf.schema.SchemaKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    /** The sample with its disk pointing at a File that does not exist. */
    private Path danglingFileRef() {
        return Cli.write(tmp, "dangling.ovf", Cli.sampleText().replace("ovf:fileRef=\"file1\"", "ovf:fileRef=\"nofile\""));
    }

    /** The sample with an alias of the envelope namespace: a warning, not an error. */
    private Path namespaceAlias() {
        return Cli.write(tmp, "alias.ovf", Cli.sampleText().replaceFirst(
                "xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"", "xmlns=\"http://schemas.dmtf.org/ovf/envelope/1/\""));
    }

    @Test
    void aValidDescriptorExitsWith0() {
        Cli.Result r = Cli.run("validate", Cli.sample());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("0 errors, 0 warnings\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anErrorExitsWith1() {
        assertThat(Cli.run("validate", danglingFileRef()).exitCode()).isEqualTo(1);
    }

    @Test
    void findingsArePrintedAsFileLineColumnSeverityRuleMessage() {
        Path file = danglingFileRef();
        Cli.Result r = Cli.run("validate", file);
        assertThat(r.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(file.toString())
                + ":10:\\d+: error OVF_DANGLING_FILE_REF: Disk \"vmdisk1\": ovf:fileRef \"nofile\" names no File in References$");
    }

    @Test
    void theLastLineCountsErrorsAndWarnings() {
        String[] lines = Cli.run("validate", danglingFileRef()).out().split("\n");
        assertThat(lines[lines.length - 1]).matches("[1-9][0-9]* errors?, [0-9]+ warnings?");
    }

    @Test
    void aWarningAloneExitsWith0() {
        Cli.Result r = Cli.run("validate", namespaceAlias());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("warning OVF_NAMESPACE_ALIAS").endsWith("0 errors, 1 warning\n");
    }

    @Test
    void strictTurnsWarningsIntoErrors() {
        Cli.Result r = Cli.run("validate", namespaceAlias(), "--strict");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("error OVF_NAMESPACE_ALIAS").endsWith("1 error, 0 warnings\n");
    }

    @Test
    void jsonReportsTheOutcome() {
        Path file = danglingFileRef();
        Cli.Result r = Cli.run("validate", file, "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(j.fieldNames()).toIterable()
                .containsExactly("ok", "file", "profile", "errors", "warnings", "diagnostics");
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("file").asText()).isEqualTo(file.toString());
        assertThat(j.get("profile").asText()).isEqualTo("lax");
        assertThat(j.get("errors").asInt()).isPositive();
        JsonNode first = j.get("diagnostics").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("rule").asText()).isEqualTo("OVF_DANGLING_FILE_REF");
        assertThat(first.get("line").asInt()).isEqualTo(10);
        assertThat(first.get("column").asInt()).isPositive();
    }

    @Test
    void jsonNamesTheStrictProfile() {
        JsonNode j = Cli.run("validate", Cli.sample(), "--json", "--strict").json();
        assertThat(j.get("profile").asText()).isEqualTo("strict");
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("diagnostics")).isEmpty();
    }

    @Test
    void schemasAddNoFindingForASchemaValidDescriptor() {
        Cli.Result r = Cli.run("validate", Cli.sample(), "--schemas", Cli.schemas(), "--strict");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("0 errors, 0 warnings\n");
    }

    @Test
    void schemasReportWhatBreaksTheSchema() {
        // The schema allows only foreign elements after a Network's Description, not OVF ones.
        Path bad = Cli.write(tmp, "xsd.ovf", Cli.sampleText().replace(
                "<Description>The network the appliance serves on</Description>",
                "<Description>The network the appliance serves on</Description><Colour>blue</Colour>"));
        Cli.Result r = Cli.run("validate", bad, "--schemas", Cli.schemas());
        assertThat(r.out()).contains(" XSD_INVALID: ");
    }

    @Test
    void aMissingSchemaFolderExitsWith3() {
        Cli.Result r = Cli.run("validate", Cli.sample(), "--schemas", tmp.resolve("none"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("none");
    }

    @Test
    void anEmptySchemaFolderExitsWith3NamingTheMissingFilesAndUrls() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("schemas"));
        Cli.Result r = Cli.run("validate", Cli.sample(), "--schemas", empty);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: " + empty + ": not a schema folder")
                .contains("ovf-1/ (OVF 1.x): dsp8023.xsd or dsp8023_1*.xsd (https://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.xsd)")
                .contains("CIM_VirtualSystemSettingData.xsd (https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2.22.0/CIM_VirtualSystemSettingData.xsd)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anIncompleteSchemaSetExitsWith3NamingWhatIsMissing() throws IOException {
        Path schemas = tmp.resolve("schemas");
        Files.createDirectories(schemas.resolve("ovf-1"));
        Cli.write(schemas.resolve("ovf-1"), "dsp8023_1.1.1.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>");
        Cli.Result r = Cli.run("validate", Cli.sample(), "--schemas", schemas);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("ovfkit: " + schemas.resolve("ovf-1") + ": schema set ovf-1 (OVF 1.x) is incomplete: missing"
                + " common.xsd (https://schemas.dmtf.org/wbem/wscim/1/common.xsd),"
                + " CIM_VirtualSystemSettingData.xsd (https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2.22.0/CIM_VirtualSystemSettingData.xsd),"
                + " CIM_ResourceAllocationSettingData.xsd (https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2.22.0/CIM_ResourceAllocationSettingData.xsd),"
                + " xml.xsd (https://www.w3.org/2001/xml.xsd)\n");
    }

    @Test
    void helpDescribesTheSchemaFolderLayout() {
        String help = Cli.run("validate", "--help").out();
        assertThat(help).contains("DIR/ovf-1/", "DIR/ovf-2/", "DIR/ovf-env/", "ovfkit validate appliance.ova --schemas ");
    }

    @ParameterizedTest
    @EnumSource(SchemaKind.class)
    void helpListsTheUrlOfEveryFileOfEachSchemaSet(SchemaKind kind) {
        String help = Cli.run("validate", "--help").out();
        String section = help.substring(help.indexOf("  DIR/" + kind.folder() + "/"));
        int next = section.indexOf("\n  DIR/");
        section = next < 0 ? section : section.substring(0, next);
        assertThat(section.lines().skip(1).map(String::strip).filter(l -> l.startsWith("https://")).toList())
                .containsExactlyElementsOf(kind.files().stream().map(f -> f.url().toString()).toList());
    }

    @Test
    void aFileThatIsNotXmlExitsWith3() {
        Path junk = Cli.write(tmp, "junk.ovf", "this is not XML\n");
        Cli.Result r = Cli.run("validate", junk);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: " + junk + ":1:1: ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFileExitsWith3() {
        Cli.Result r = Cli.run("validate", tmp.resolve("absent.ovf"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("ovfkit: " + tmp.resolve("absent.ovf") + ": no such file\n");
    }

    @Test
    void anUnknownOptionExitsWith2() {
        Cli.Result r = Cli.run("validate", Cli.sample(), "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: Unknown option: '--no-such-option'")
                .contains("Try 'ovfkit validate --help'");
    }

    @Test
    void aMissingPathExitsWith2() {
        assertThat(Cli.run("validate").exitCode()).isEqualTo(2);
    }

    @Test
    void neverPrintsAPasswordValue() {
        // A default password that breaks its MinLen(8) qualifier: the finding must not quote it.
        Path weak = Cli.write(tmp, "weak.ovf", Cli.sampleText().replace(
                "ovf:password=\"true\" ovf:type=\"string\" ovf:userConfigurable=\"true\" ovf:value=\"\"",
                "ovf:password=\"true\" ovf:type=\"string\" ovf:userConfigurable=\"true\" ovf:value=\"Pw7zq\""));
        assertThat(weak).content().contains("Pw7zq");
        Cli.Result text = Cli.run("validate", weak);
        Cli.Result json = Cli.run("validate", weak, "--json");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("admin_password").doesNotContain("Pw7zq");
        assertThat(json.out()).contains("admin_password").doesNotContain("Pw7zq");
    }

    @Test
    void noStackTraceWithoutDebug() {
        Path junk = Cli.write(tmp, "junk.ovf", "<<<");
        assertThat(Cli.run("validate", junk).err()).doesNotContain("\tat ");
    }

    @Test
    void debugAddsTheStackTrace() {
        Path junk = Cli.write(tmp, "junk.ovf", "<<<");
        Cli.Result r = Cli.run("--debug", "validate", junk);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("\tat ");
    }
}
