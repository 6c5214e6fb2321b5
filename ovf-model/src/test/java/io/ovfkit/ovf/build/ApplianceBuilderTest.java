package io.ovfkit.ovf.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.info.DescriptorInfo;
import io.ovfkit.ovf.schema.SchemaValidator;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.validation.Profile;
import io.ovfkit.ovf.validation.Validator;
import io.ovfkit.ovf.value.OsType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the builder makes with its defaults is valid against the DMTF schema of its version. */
class ApplianceBuilderTest {

    private static OvfDescriptor sample(OvfVersion v) {
        return ApplianceBuilder.named("web")
                .cpus(2).memoryBytes(4L << 30).osType(OsType.parse("ubuntu64Guest"))
                .disk(new ApplianceBuilder.DiskSpec("web-disk1.vmdk", 20L << 30, 123456L, 0L))
                .disk(new ApplianceBuilder.DiskSpec("web-disk2.vmdk", 1_000_000_000L, null, null))
                .network("VM Network").network("Backup")
                .build(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void defaults_pass_strict_validation_with_schemas(String version) {
        OvfDescriptor d = sample(OvfVersion.parse(version));
        SchemaValidator schemas = SchemaValidator.fromFolder(SharedCorpus.schemas());
        List<Diagnostic> findings = Validator.builder().profile(Profile.STRICT).schemas(schemas).build().validate(d);
        assertThat(findings).filteredOn(x -> x.severity() != Severity.INFO).isEmpty();
        assertThat(d.version().family().namespace()).isEqualTo(OvfVersion.parse(version).family().namespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void xmllint_accepts_the_output(String version, @TempDir Path dir) throws Exception {
        Path xmllint = Oracle.require("xmllint");
        OvfDescriptor d = sample(OvfVersion.parse(version));
        Path f = dir.resolve("web.ovf");
        Files.write(f, d.toBytes());
        Path schemas = SharedCorpus.schemas().resolve(version.startsWith("1") ? "ovf-1" : "ovf-2");
        Oracle.Result r = Oracle.run(List.of(xmllint.toString(), "--nonet", "--noout", "--schema",
                schemas.resolve("dsp8023.xsd").toString(), f.toString()), dir, Duration.ofSeconds(60),
                Map.of("XML_CATALOG_FILES", schemas.resolve("catalog.xml").toString()));
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void summary_reads_back_what_was_built(String version) {
        DescriptorInfo info = DescriptorInfo.of(sample(OvfVersion.parse(version)));
        assertThat(info.virtualSystems()).singleElement().satisfies(vs -> {
            assertThat(vs.cpus()).isEqualTo(2);
            assertThat(vs.memoryBytes()).isEqualTo(4L << 30);
            assertThat(vs.osType()).isEqualTo("ubuntu64Guest");
        });
        assertThat(info.disks()).extracting(DescriptorInfo.DiskInfo::capacityBytes).containsExactly(20L << 30, 1_000_000_000L);
        assertThat(info.networks()).extracting(DescriptorInfo.NetworkInfo::name).containsExactly("VM Network", "Backup");
    }
}
