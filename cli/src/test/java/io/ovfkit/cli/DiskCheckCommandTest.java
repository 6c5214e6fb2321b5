package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCheckCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aRawFileIsNotADiskImageOvfkitRecognizes() {
        Path img = DiskFixtures.usedRaw(tmp.resolve("disk.img"));
        Cli.Result r = Cli.run("disk", "check", img);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: " + img + ": not a disk image ovfkit recognizes");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFileIsExit3() {
        Cli.Result r = Cli.run("disk", "check", tmp.resolve("missing.vmdk"), "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("missing.vmdk: no such file");
    }

    @Test
    void aFileWithTheVmdkMagicThatDoesNotHoldTogetherIsCorrupt() {
        Path bad = DiskFixtures.corruptVmdk(tmp.resolve("bad.vmdk"));
        Cli.Result r = Cli.run("disk", "check", bad);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith(bad + ": error: ").contains("1 corruption and 0 leaks found on the image.");

        Cli.Result j = Cli.run("disk", "check", bad, "--json");
        assertThat(j.exitCode()).isEqualTo(1);
        JsonNode json = j.json();
        assertThat(json.get("file").asText()).isEqualTo(bad.toString());
        assertThat(json.get("format").asText()).isEqualTo("vmdk");
        assertThat(json.get("subformat").isNull()).isTrue();
        assertThat(json.get("consistent").asBoolean()).isFalse();
        assertThat(json.get("corruptions")).hasSize(1);
        assertThat(json.get("leaks")).isEmpty();
    }

    @Test
    void aVmdkThatQemuMadeIsConsistent() {
        Path raw = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        for (String sub : new String[] {"streamOptimized", "monolithicSparse"}) {
            Path vmdk = tmp.resolve(sub + ".vmdk");
            assertThat(DiskFixtures.qemuImg("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=" + sub,
                    raw.toString(), vmdk.toString()).exitCode()).isZero();
            Cli.Result r = Cli.run("disk", "check", vmdk);
            assertThat(r.exitCode()).as(sub + ": " + r.out() + r.err()).isZero();
            assertThat(r.out()).isEqualTo("No errors were found on the image." + System.lineSeparator());

            JsonNode j = Cli.run("disk", "check", vmdk, "--json").json();
            assertThat(j.get("format").asText()).isEqualTo("vmdk");
            assertThat(j.get("subformat").asText()).isEqualTo(sub);
            assertThat(j.get("consistent").asBoolean()).isTrue();
            assertThat(j.get("corruptions")).isEmpty();
        }
    }
}
