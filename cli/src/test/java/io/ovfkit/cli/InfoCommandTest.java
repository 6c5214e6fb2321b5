package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path tmp;

    private static JsonNode sampleJson() {
        Cli.Result r = Cli.run("info", Cli.sample(), "--json");
        assertThat(r.exitCode()).isZero();
        return r.json();
    }

    private static JsonNode property(JsonNode info, String key) {
        for (JsonNode p : info.get("properties")) {
            if (p.get("key").asText().equals(key)) {
                return p;
            }
        }
        throw new AssertionError("no property " + key);
    }

    @Test
    void jsonReportsTheOvfVersion() {
        assertThat(sampleJson().get("ovfVersion").asText()).isEqualTo("1.0");
    }

    @Test
    void jsonReportsTheHardwareOfTheDefaultDeploymentOption() {
        JsonNode vs = sampleJson().get("virtualSystems").get(0);
        assertThat(vs.get("id").asText()).isEqualTo("hello-appliance");
        assertThat(vs.get("cpus").asInt()).isEqualTo(1);
        assertThat(vs.get("memoryBytes").asLong()).isEqualTo(1073741824L);
        assertThat(vs.get("osType").asText()).isEqualTo("ubuntu64Guest");
        assertThat(vs.get("osTypeId").asInt()).isEqualTo(94);
        assertThat(vs.get("virtualSystemType").asText()).isEqualTo("vmx-13");
    }

    @Test
    void jsonMarksTheDefaultDeploymentOption() {
        JsonNode options = sampleJson().get("deploymentOptions");
        assertThat(options.get(0).get("id").asText()).isEqualTo("small");
        assertThat(options.get(0).get("default").asBoolean()).isTrue();
        assertThat(options.get(1).get("id").asText()).isEqualTo("large");
        assertThat(options.get(1).get("default").asBoolean()).isFalse();
    }

    @Test
    void jsonGivesNoValueForAPasswordProperty() {
        JsonNode p = property(sampleJson(), "admin_password");
        assertThat(p.get("password").asBoolean()).isTrue();
        assertThat(p.get("value").isNull()).isTrue();
        assertThat(p.get("id").asText()).isEqualTo("io.ovfkit.hello.admin_password");
        assertThat(p.get("category").asText()).isEqualTo("Access");
    }

    @Test
    void jsonDescribesDisksInBytesWithTheirFormatName() {
        JsonNode disk = sampleJson().get("disks").get(0);
        assertThat(disk.get("capacity").asText()).isEqualTo("8");
        assertThat(disk.get("capacityBytes").asLong()).isEqualTo(8L << 30);
        assertThat(disk.get("formatName").asText()).isEqualTo("vmdk-streamOptimized");
    }

    @Test
    void jsonWritesUnknownValuesAsNullRatherThanLeavingThemOut() {
        JsonNode file = sampleJson().get("files").get(0);
        assertThat(file.has("compression")).isTrue();
        assertThat(file.get("compression").isNull()).isTrue();
        assertThat(file.get("chunkSize").isNull()).isTrue();
        assertThat(file.get("size").asLong()).isEqualTo(68608);
    }

    @Test
    void jsonHasEveryDocumentedTopLevelField() {
        assertThat(sampleJson().fieldNames()).toIterable().containsExactly("ovfVersion", "product", "annotation",
                "eula", "virtualSystems", "files", "disks", "networks", "properties", "deploymentOptions", "diagnostics");
    }

    @Test
    void jsonIsPrettyPrintedWithTwoSpaces() {
        String out = Cli.run("info", Cli.sample(), "--json").out();
        assertThat(out).startsWith("{\n  \"ovfVersion\": \"1.0\",\n  \"product\": ")
                .endsWith("}\n");
    }

    @Test
    void jsonListsWhatTheReaderNoticedWithPlaces() {
        Path alias = Cli.write(tmp, "alias.ovf", Cli.sampleText().replaceFirst(
                "xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"", "xmlns=\"http://schemas.dmtf.org/ovf/envelope/1/\""));
        JsonNode d = Cli.run("info", alias, "--json").json().get("diagnostics");
        assertThat(d).isNotEmpty();
        assertThat(d.get(0).fieldNames()).toIterable().containsExactly("severity", "rule", "message", "line", "column");
    }

    @Test
    void textShowsTheSummaryWithHumanUnits() {
        Cli.Result r = Cli.run("info", Cli.sample());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(": OVF 1.0").contains("CPUs:    1").contains("Memory:  1 GiB")
                .contains("OS:      ubuntu64Guest (CIM 94)").contains("vmdisk1  8 GiB  vmdk-streamOptimized")
                .contains("VM Network");
    }

    @Test
    void textMarksTheDefaultDeploymentOption() {
        assertThat(Cli.run("info", Cli.sample()).out()).contains("  * small  Small  (default)").contains("    large  Large");
    }

    @Test
    void neverPrintsAPasswordValue() {
        Path secret = Cli.write(tmp, "secret.ovf", Cli.sampleText().replace(
                "ovf:key=\"admin_password\" ovf:password=\"true\" ovf:type=\"string\" ovf:userConfigurable=\"true\" ovf:value=\"\"",
                "ovf:key=\"admin_password\" ovf:password=\"true\" ovf:type=\"string\" ovf:userConfigurable=\"true\" ovf:value=\"Hunter2Secret\""));
        assertThat(secret).content().contains("Hunter2Secret");
        Cli.Result text = Cli.run("info", secret);
        Cli.Result json = Cli.run("info", secret, "--json");
        assertThat(text.out() + text.err()).doesNotContain("Hunter2Secret").contains("admin_password = (hidden)");
        assertThat(json.out() + json.err()).doesNotContain("Hunter2Secret");
    }

    @Test
    void aMissingFileExitsWith3NamingIt() {
        Cli.Result r = Cli.run("info", tmp.resolve("absent.ovf"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("absent.ovf").contains("no such file");
        assertThat(r.out()).isEmpty();
    }
}
