package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetargetCommandTest {
    @TempDir
    Path tmp;

    Path ova;
    Path[] key;

    @BeforeEach
    void signedPackage() {
        Path disk = DiskFixtures.usedRaw(tmp.resolve("boot.raw"));
        key = CreateCommandTest.opensslEcKey(tmp);
        ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk, "--name", "web", "--sign-key", key[0], "--sign-cert",
                key[1], "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void dryRunPrintsTheChangesAndWritesNothing() {
        Path out = tmp.resolve("out.ova");
        Cli.Result r = Cli.run("retarget", ova, "--target", "vsphere:6.0", "-o", out, "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("web.mf: MF-ALGORITHM: the manifest: digests computed anew \"SHA256\" -> \"SHA1\"")
                .contains("would write an .ova file for vsphere:6.0: 1 change, 1 warning");
        assertThat(r.err()).contains("ovfkit: warning: the package's signature (web.cert) no longer matches");
        assertThat(out).doesNotExist();
    }

    @Test
    void progressJsonReportsOnStderrOneObjectPerLine() throws IOException {
        Path out = tmp.resolve("out.ova");
        Cli.Result r = Cli.run("retarget", ova, "--target", "vsphere", "-o", out, "-q", "--progress", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : r.err().lines().filter(l -> l.startsWith("{")).toList()) {
            events.add(m.readTree(line));
        }
        assertThat(events).isNotEmpty().allSatisfy(j -> {
            assertThat(j.fieldNames()).toIterable().containsExactly("phase", "bytesDone", "bytesTotal", "member");
            assertThat(j.get("phase").asText()).isEqualTo("retargeting");
            assertThat(j.get("bytesDone").isIntegralNumber()).isTrue();
        });
        assertThat(events).extracting(j -> j.get("bytesDone").asLong()).isSorted();
        // Everything else on stderr is a message, never a bar.
        assertThat(r.err().lines().filter(l -> !l.startsWith("{"))).allMatch(l -> l.startsWith("ovfkit: "));
        assertThat(out).isRegularFile();
    }

    @Test
    void dryRunNeedsNoOutput() {
        Cli.Result r = Cli.run("retarget", ova, "--target", "portable", "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("would write an .ova file for portable");
    }

    @Test
    void retargetsAndSignsWithTheGivenKey() throws IOException {
        Path out = tmp.resolve("out.ova");
        Cli.Result r = Cli.run("retarget", ova, "-t", "vsphere:6.0", "-o", out, "--sign-key", key[0], "--sign-cert",
                key[1]);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out + " for vsphere:6.0: 1 change");
        Path x = CreateCommandTest.extract(out);
        assertThat(Files.readString(x.resolve("web.mf"))).startsWith("SHA1(web.ovf)= ");
        CreateCommandTest.opensslVerify(x, "web", key[1], "sha1"); // the signature follows the manifest digest, as ovftool does
        Cli.Result lint = Cli.run("lint", out, "--target", "vsphere:6.0");
        assertThat(lint.exitCode()).as(lint.out()).isZero();
        assertThat(lint.out()).contains("vsphere:6.0: clean");
    }

    @Test
    void withoutAKeyTheOldSignatureIsDroppedWithAWarning() throws IOException {
        Path out = tmp.resolve("out.ova");
        Cli.Result r = Cli.run("retarget", ova, "-t", "virtualbox", "-o", out, "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("warning: the package's signature (web.cert) no longer matches after retarget and"
                + " is dropped");
        assertThat(CreateCommandTest.extract(out).resolve("web.cert")).doesNotExist();
    }

    @Test
    void jsonReport() {
        Path out = tmp.resolve("disk.vhd");
        Cli.Result r = Cli.run("retarget", ova, "-t", "azure", "-o", out, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("target").asText()).isEqualTo("azure");
        assertThat(j.get("form").asText()).isEqualTo("fixed-vhd");
        assertThat(j.get("dryRun").asBoolean()).isFalse();
        assertThat(j.get("outputs").get(0).asText()).isEqualTo(out.toString());
        assertThat(j.get("outputs").get(1).asText()).isEqualTo(out + ".json");
        assertThat(j.get("changes").get(0).get("rule").asText()).isEqualTo("PKG-FORM");
        assertThat(j.get("changes").get(0).get("action").asText()).isEqualTo("converted into the .vhd");
        assertThat(j.get("warnings").isArray()).isTrue();
        assertThat(out).isRegularFile();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Cli.run("retarget", ova, "-t", "nosuch", "-o", tmp.resolve("x.ova")).exitCode()).isEqualTo(2);
        assertThat(Cli.run("retarget", ova, "-t", "vsphere,proxmox", "-o", tmp.resolve("x.ova")).exitCode()).isEqualTo(2);
        Cli.Result r = Cli.run("retarget", ova, "-t", "vsphere");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--output=OUT");
        assertThat(Cli.run("retarget", ova, "-t", "vsphere", "-o", tmp.resolve("x.ova"), "--sign-cert", key[1])
                .exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreadablePackageOrOutputExitsThreeAndLeavesNothing() throws IOException {
        assertThat(Cli.run("retarget", tmp.resolve("missing.ova"), "-t", "vsphere", "-o", tmp.resolve("x.ova"))
                .exitCode()).isEqualTo(3);
        Cli.Result r = Cli.run("retarget", ova, "-t", "vsphere", "-o", tmp.resolve("no/such/x.ova"));
        assertThat(r.exitCode()).isEqualTo(3);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("part") || n.startsWith(".x"));
        }
    }
}
