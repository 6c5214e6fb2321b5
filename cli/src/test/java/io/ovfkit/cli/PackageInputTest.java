package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** info, validate and disk info on packages: .ova files, folders (and, in ova-io's tests, URLs). */
class PackageInputTest {
    @TempDir
    Path tmp;

    @Test
    void infoReadsTheDescriptorInsideAnOva() throws IOException {
        Cli.Result r = Cli.run("info", PackageFixtures.ova(tmp, "app.ova", false), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("files").get(0).get("href").asText()).isEqualTo("app-disk1.vmdk");
    }

    @Test
    void infoReadsAFolder() throws IOException {
        Path dir = tmp.resolve("folder");
        assertThat(Cli.run("unpack", PackageFixtures.ova(tmp, "app.ova", false), dir, "-q").exitCode()).isZero();
        Cli.Result r = Cli.run("info", dir);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("app-disk1.vmdk");
    }

    @Test
    void aLoneOvfIsReadAsBefore() {
        Cli.Result r = Cli.run("info", Cli.sample(), "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("ovfVersion").asText()).isEqualTo("1.0");
    }

    @Test
    void validateNamesTheDescriptorInsideThePackage() throws IOException {
        byte[] ovf = new String(PackageFixtures.descriptor("d.vmdk", 1, 1), java.nio.charset.StandardCharsets.UTF_8)
                .replace("ovf:fileRef=\"file1\"", "ovf:fileRef=\"nofile\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path ova = tmp.resolve("dangling.ova");
        try (var os = java.nio.file.Files.newOutputStream(ova);
                var t = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(os)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("dangling.ovf");
            e.setSize(ovf.length);
            t.putArchiveEntry(e);
            t.write(ovf);
            t.closeArchiveEntry();
        }
        Cli.Result r = Cli.run("validate", ova);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("dangling.ova!/dangling.ovf:").contains("OVF_DANGLING_FILE_REF");
        Cli.Result json = Cli.run("validate", ova, "--json");
        assertThat(json.json().get("file").asText()).isEqualTo(ova.toString());
    }

    @Test
    void anIllegalXmlDescriptorInAnOvaIsExitThreeNamingTheMember() {
        Cli.Result r = Cli.run("info", SharedCorpus.file("ova/glance__testserver-bad-ovf.ova"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("!/illegal-xml.ovf");
    }

    @Test
    void anOvaWithoutDescriptorIsExitThree() {
        Cli.Result r = Cli.run("validate", SharedCorpus.file("ova/glance__testserver-no-ovf.ova"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("no .ovf descriptor");
    }

    @Test
    void diskInfoOpensThePackagesOnlyDiskInPlace() throws IOException {
        Path ova = PackageFixtures.ova(tmp, "app.ova", false);
        Cli.Result r = Cli.run("disk", "info", ova, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("format").asText()).isEqualTo("vmdk");
        assertThat(r.json().get("subformat").asText()).isEqualTo("streamOptimized");
        assertThat(r.json().get("virtualSize").asLong()).isEqualTo(PackageFixtures.CAPACITY);
        Cli.Result named = Cli.run("disk", "info", ova, "--member", "app-disk1.vmdk");
        assertThat(named.exitCode()).isZero();
        assertThat(named.out()).contains("app.ova!/app-disk1.vmdk").contains("streamOptimized");
    }

    @Test
    void diskInfoOfAGzipMemberReadsItAsAStream() {
        Path t4 = SharedCorpus.file("ova/virtualbox__tdAppliance1-t4.ova");
        Cli.Result several = Cli.run("disk", "info", t4);
        assertThat(several.exitCode()).isEqualTo(2);
        assertThat(several.err()).contains("--member").contains("tdAppliance1-t4-disk1.vmdk.gz");
        Cli.Result r = Cli.run("disk", "info", t4, "--member", "tdAppliance1-t4-disk1.vmdk.gz");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("tdAppliance1-t4-disk1.vmdk.gz").contains("streamOptimized");
    }
}
