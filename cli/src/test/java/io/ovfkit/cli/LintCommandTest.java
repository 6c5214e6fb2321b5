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

class LintCommandTest {
    @TempDir
    Path tmp;

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aPackageVsphereTakesIsCleanWithExitZero() throws IOException {
        Path ova = PackageFixtures.ova(tmp, "app.ova", false);
        Cli.Result r = Cli.run("lint", ova, "--target", "vsphere");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).isEqualTo("vsphere: clean, 0 errors, 0 warnings\n");
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        // The fixture's SHA-256 manifest: XenCenter documents SHA-1 digests (an unverified rule: a warning).
        Path ova = PackageFixtures.ova(tmp, "app.ova", false);
        Cli.Result r = Cli.run("lint", ova, "--target", "xen");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(ova + "!/app.mf:1:1: warning MF-ALGORITHM [xen]: ")
                .contains("xen: fixable, 0 errors, 2 warnings");
    }

    @Test
    void aVirtualBoxOvaFailsOnVsphereWithTheImportersMessageAtTheLine() {
        Path ova = SharedCorpus.file("ova/glance__testserver.ova");
        Cli.Result r = Cli.run("lint", ova, "--target", "vsphere");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(ova + "!/testserver.ovf:29:9: error OVF-SYSTEM-TYPE [vsphere]: VirtualSystem"
                + " \"testserver\": \"virtualbox-2.2\" is not accepted")
                .contains("    vsphere says: Unsupported hardware family 'virtualbox-2.2'.")
                .contains("(retarget fixes it)")
                .contains("vsphere: fixable, 5 errors, 1 warning");
    }

    @Test
    void allPrintsThePortabilityMatrix() {
        Path ova = SharedCorpus.file("ova/govmomi__ttylinux-pc_i486-16.1.ova");
        Cli.Result r = Cli.run("lint", ova, "--target", "all");
        assertThat(r.exitCode()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("target +clean +fixable +blocking +errors +warnings");
        int clean = lines.get(0).indexOf("clean");
        int fixable = lines.get(0).indexOf("fixable");
        int blocking = lines.get(0).indexOf("blocking");
        assertThat(row(lines, "xen").charAt(blocking)).isEqualTo('x');
        assertThat(row(lines, "vsphere").charAt(fixable)).isEqualTo('x');
        assertThat(row(lines, "libvirt").charAt(clean)).isEqualTo('x');
        assertThat(row(lines, "portable").charAt(blocking)).isEqualTo('x');
        assertThat(lines).hasSize(16);
    }

    private static String row(List<String> lines, String id) {
        return lines.stream().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
    }

    @Test
    void jsonHasTheDocumentedKeysAndEveryFinding() {
        Path ova = SharedCorpus.file("ova/govmomi__ttylinux-pc_i486-16.1.ova");
        Cli.Result r = Cli.run("lint", ova, "--target", "vsphere,xen", "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(names(j)).containsExactly("package", "ok", "targets", "findings", "notes");
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(names(j.get("targets").get(0))).containsExactly("id", "name", "verdict", "errors", "warnings");
        assertThat(j.get("targets").get(1).get("verdict").asText()).isEqualTo("blocking");
        JsonNode f = j.get("findings").get(0);
        assertThat(names(f)).containsExactly("rule", "severity", "target", "origin", "place", "file", "line", "column",
                "value", "reason", "targetMessage", "fixable", "verified", "source");
        assertThat(f.get("rule").asText()).isEqualTo("MF-SYNTAX");
        assertThat(f.get("place").asText()).isEqualTo(ova + "!/ttylinux-pc_i486-16.1.mf:1:1");
        assertThat(f.get("line").asInt()).isEqualTo(1);
        assertThat(f.get("value").asText()).isEqualTo("ALG (f) = h");
        assertThat(f.get("fixable").asBoolean()).isTrue();
    }

    @Test
    void anUnknownOrMissingTargetIsAUsageError() throws IOException {
        Path ova = PackageFixtures.ova(tmp, "app.ova", false);
        Cli.Result r = Cli.run("lint", ova, "--target", "vsphere,nutanix");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown target \"nutanix\"");
        assertThat(Cli.run("lint", ova).exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreadablePackageIsExitThree() throws IOException {
        Path junk = Files.write(tmp.resolve("junk.ova"), new byte[] {1, 2, 3});
        Cli.Result r = Cli.run("lint", junk, "--target", "vsphere");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("junk.ova");
        assertThat(r.out()).isEmpty();
    }
}
