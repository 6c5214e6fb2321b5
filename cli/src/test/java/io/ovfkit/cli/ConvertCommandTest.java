package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.schema.SchemaValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final String OVF2 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/2\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/2\""
            + " xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\""
            + " xmlns:sasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData\""
            + " xmlns:vssd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData\">\n"
            + "  <References/>\n"
            + "  <VirtualSystem ovf:id=\"vm\">\n"
            + "    <Info>A VM</Info>\n"
            + "    <VirtualHardwareSection>\n"
            + "      <Info>hw</Info>\n"
            + "      <StorageItem>\n"
            + "        <sasd:ElementName>disk</sasd:ElementName>\n"
            + "        <sasd:InstanceID>1</sasd:InstanceID>\n"
            + "        <sasd:ResourceType>31</sasd:ResourceType>\n"
            + "      </StorageItem>\n"
            + "    </VirtualHardwareSection>\n"
            + "  </VirtualSystem>\n"
            + "</Envelope>\n";

    @TempDir
    Path tmp;

    @Test
    void convertsOvf1ToOvf2() {
        Path out = tmp.resolve("hello-2.ovf");
        Cli.Result r = Cli.run("convert", Cli.sample(), out, "--ovf-version", "2.0");
        assertThat(r.exitCode()).isZero();
        assertThat(Ovf.read(out).version().family()).isEqualTo(OvfVersion.Family.OVF_2);
        assertThat(r.err()).contains("ovfkit: wrote " + out);
    }

    @Test
    void theConvertedDescriptorIsValidAgainstTheOvf2Schema() throws Exception {
        Path schemas = Cli.schemas();
        Path out = tmp.resolve("hello-2.ovf");
        assertThat(Cli.run("convert", Cli.sample(), out, "--ovf-version", "2.0").exitCode()).isZero();
        List<Diagnostic> findings = SchemaValidator.fromFolder(schemas).validate(Files.readAllBytes(out), out.toString());
        assertThat(findings).isEmpty();
    }

    @Test
    void theConvertedDescriptorPassesValidateWithSchemas() {
        Path out = tmp.resolve("hello-2.ovf");
        Cli.run("convert", Cli.sample(), out, "--ovf-version", "2.0");
        Cli.Result r = Cli.run("validate", out, "--schemas", Cli.schemas(), "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("diagnostics").findValuesAsText("rule")).noneMatch(rule -> rule.startsWith("XSD_"));
    }

    @Test
    void contentTheTargetCannotExpressFailsWithEveryLossListed() {
        Path in = Cli.write(tmp, "v2.ovf", OVF2);
        Path out = tmp.resolve("v1.ovf");
        Cli.Result r = Cli.run("convert", in, out, "--ovf-version", "1.0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("ovfkit: cannot convert")
                .contains(in + ":8:7: error OVF_CONVERSION_LOSS: element StorageItem");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFailedConversionLeavesAnExistingOutputAlone() throws Exception {
        Path in = Cli.write(tmp, "v2.ovf", OVF2);
        Path out = Cli.write(tmp, "v1.ovf", "old content");
        Cli.run("convert", in, out, "--ovf-version", "1.0");
        assertThat(Files.readString(out)).isEqualTo("old content");
    }

    @Test
    void dropInexpressibleWritesTheResultAndWarnsAboutTheLoss() {
        Path in = Cli.write(tmp, "v2.ovf", OVF2);
        Path out = tmp.resolve("v1.ovf");
        Cli.Result r = Cli.run("convert", in, out, "--ovf-version", "1.0", "--drop-inexpressible");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains(in + ":8:7: warning OVF_CONVERSION_LOSS: element StorageItem");
        OvfDescriptor d = Ovf.read(out);
        assertThat(d.version().family()).isEqualTo(OvfVersion.Family.OVF_1);
        assertThat(d.envelope().virtualSystems().get(0).virtualHardwareSections().get(0).getStorageItems()).isEmpty();
    }

    @Test
    void theOutputMayReplaceTheInput() {
        Path file = Cli.write(tmp, "hello.ovf", Cli.sampleText());
        Cli.Result r = Cli.run("convert", file, file, "--ovf-version", "2.0");
        assertThat(r.exitCode()).isZero();
        assertThat(Ovf.read(file).version().family()).isEqualTo(OvfVersion.Family.OVF_2);
        assertThat(tmp).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anUnknownVersionIsAUsageError() {
        Cli.Result r = Cli.run("convert", Cli.sample(), tmp.resolve("x.ovf"), "--ovf-version", "3.0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--ovf-version").contains("3.0");
    }

    @Test
    void theVersionIsRequired() {
        Cli.Result r = Cli.run("convert", Cli.sample(), tmp.resolve("x.ovf"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--ovf-version");
    }

    @Test
    void aMalformedInputExitsWith3() {
        Path junk = Cli.write(tmp, "junk.ovf", "not xml");
        assertThat(Cli.run("convert", junk, tmp.resolve("x.ovf"), "--ovf-version", "2.0").exitCode()).isEqualTo(3);
    }
}
