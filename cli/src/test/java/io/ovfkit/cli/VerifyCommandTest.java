package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path tmp;

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aGoodPackageVerifiesWithExitZero() throws IOException {
        Path ova = PackageFixtures.ova(tmp, "app.ova", false);
        Cli.Result r = Cli.run("verify", ova);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("app.ovf").contains("app-disk1.vmdk").contains("ok")
                .contains("signature: none").contains("OK: " + ova + " verified");
    }

    @Test
    void jsonHasTheDocumentedKeys() throws IOException {
        Cli.Result r = Cli.run("verify", PackageFixtures.ova(tmp, "app.ova", false), "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode j = r.json();
        assertThat(names(j)).startsWith("ok", "descriptorCovered", "files", "signature", "warnings");
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("descriptorCovered").asBoolean()).isTrue();
        assertThat(names(j.get("files").get(0))).containsExactly("href", "status");
        assertThat(j.get("files").get(1).get("href").asText()).isEqualTo("app-disk1.vmdk");
        assertThat(j.get("files").get(1).get("status").asText()).isEqualTo("ok");
        assertThat(names(j.get("signature"))).containsExactly("present", "valid", "digest", "subject", "selfSigned",
                "expired", "trusted");
        assertThat(j.get("signature").get("present").asBoolean()).isFalse();
        assertThat(j.get("signature").get("valid").isNull()).isTrue();
        assertThat(j.get("disks").get(0).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aChangedDiskFailsWithExitOneNamingTheFile() throws IOException {
        Cli.Result r = Cli.run("verify", PackageFixtures.ova(tmp, "bad.ova", true), "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("files").get(1).get("status").asText()).isEqualTo("mismatch");
        assertThat(j.get("failures").get(0).asText()).contains("app-disk1.vmdk").contains("digest mismatch");
        Cli.Result text = Cli.run("verify", tmp.resolve("bad.ova"));
        assertThat(text.out()).contains("error: ").contains("app-disk1.vmdk").contains("FAILED");
    }

    @Test
    void requireSignatureFailsAnUnsignedPackage() throws IOException {
        Cli.Result r = Cli.run("verify", PackageFixtures.ova(tmp, "app.ova", false), "--require-signature");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("not signed");
    }

    @Test
    void anUnreadablePackageIsExitThree() throws IOException {
        Path junk = Files.write(tmp.resolve("junk.ova"), new byte[] {1, 2, 3});
        Cli.Result r = Cli.run("verify", junk);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("junk.ova");
        assertThat(r.out()).isEmpty();
        assertThat(Cli.run("verify", tmp.resolve("nothing.ova")).exitCode()).isEqualTo(3);
    }

    @Test
    void aSignedCorpusOvaIsValidSelfSignedAndStrictFailsOnItsWarnings() {
        Path t4 = SharedCorpus.file("ova/virtualbox__tdAppliance1-t4-ovftool-4.1.0.ova");
        Cli.Result r = Cli.run("verify", t4, "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode s = r.json().get("signature");
        assertThat(s.get("present").asBoolean()).isTrue();
        assertThat(s.get("valid").asBoolean()).isTrue();
        assertThat(s.get("selfSigned").asBoolean()).isTrue();
        assertThat(s.get("expired").asBoolean()).isFalse();
        assertThat(s.get("trusted").asBoolean()).isFalse();
        assertThat(s.get("digest").asText()).isEqualTo("SHA1");
        assertThat(s.get("subject").asText()).contains("beispiel.example.org");
        assertThat(Cli.run("verify", t4, "--strict").exitCode()).isEqualTo(1);
    }

    @Test
    void theSignersCertificateAsTrustBundleMakesItTrusted() throws IOException {
        Path t4 = SharedCorpus.file("ova/virtualbox__tdAppliance1-t4-ovftool-4.1.0.ova");
        Path dir = tmp.resolve("t4");
        assertThat(Cli.run("unpack", t4, dir, "-q").exitCode()).isZero();
        String cert = Files.readString(dir.resolve("tdAppliance1-t4-ovftool-4.1.0.cert"));
        Path pem = Files.writeString(tmp.resolve("ca.pem"), cert.substring(cert.indexOf("-----BEGIN CERTIFICATE-----"),
                cert.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length()) + "\n");
        Cli.Result r = Cli.run("verify", t4, "--trust", pem, "--json");
        assertThat(r.json().get("signature").get("trusted").asBoolean()).isTrue();
        Cli.Result folder = Cli.run("verify", dir, "--trust", pem, "--json");
        assertThat(folder.exitCode()).as(folder.err()).isZero();
        assertThat(folder.json().get("signature").get("valid").asBoolean()).isTrue();
    }

    @Test
    void theBlankedManifestLineOfT2IsAWarning() {
        Path t2 = SharedCorpus.file("ova/virtualbox__tdAppliance1-t2.ova");
        Cli.Result r = Cli.run("verify", t2, "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("descriptorCovered").asBoolean()).isFalse();
        assertThat(r.json().get("files").get(0).get("status").asText()).isEqualTo("not-in-manifest");
    }

    @Test
    void govmomisFakeDiskFails() {
        Cli.Result r = Cli.run("verify", SharedCorpus.file("ova/govmomi__ttylinux-pc_i486-16.1.ova"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("error: ").contains("ttylinux-pc_i486-16.1-disk1.vmdk");
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.Result r = Cli.run("verify", "--help");
        assertThat(r.out()).contains("--trust").contains("--strict").contains("--require-signature").contains("Exit codes")
                .contains("failed verification");
    }
}
