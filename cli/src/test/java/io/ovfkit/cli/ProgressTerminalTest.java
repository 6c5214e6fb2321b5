package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.Oracle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar on a terminal and {@code --progress json} there, run in a pseudo-terminal with
 * util-linux's {@code script -qc} (skipped when it is missing); and nothing but the summary when
 * stderr is not a terminal and nothing was asked for.
 */
class ProgressTerminalTest {
    @TempDir
    Path tmp;

    private Oracle.Result inTerminal(String... args) {
        Optional<Path> script = Oracle.find("script");
        Assumptions.assumeTrue(script.isPresent(), "util-linux's script is not installed: no pseudo-terminal test");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder cmd = new StringBuilder("'" + java + "' -cp \"$OVFKIT_TEST_CP\" io.ovfkit.cli.Main");
        for (String a : args) {
            cmd.append(" '").append(a).append('\'');
        }
        return Oracle.run(List.of(script.get().toString(), "-qec", cmd.toString(), "/dev/null"), tmp,
                Duration.ofMinutes(2), Map.of("OVFKIT_TEST_CP", System.getProperty("java.class.path")));
    }

    @Test
    void aTerminalGetsTheBar() {
        Path src = DiskFixtures.raw(tmp.resolve("src.raw"), 8L * DiskFixtures.MIB, 1, 0, 4L * DiskFixtures.MIB);
        Oracle.Result r = inTerminal("disk", "convert", src.toString(), tmp.resolve("d.vmdk").toString(), "--format", "vmdk");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("\rconverting [").contains("] 100%").contains("ovfkit: converted")
                .doesNotContain("\"phase\"");
    }

    @Test
    void progressJsonOnATerminalIsJsonNotTheBar() {
        Path src = DiskFixtures.raw(tmp.resolve("src.raw"), 8L * DiskFixtures.MIB, 1, 0);
        Oracle.Result r = inTerminal("disk", "convert", src.toString(), tmp.resolve("d.vmdk").toString(), "--format", "vmdk",
                "--progress", "json", "-q");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("{\"phase\":\"converting\",\"bytesDone\":0,\"bytesTotal\":8388608,\"member\":null}")
                .doesNotContain("converting [");
    }

    @Test
    void noTerminalAndNothingAskedPrintsOnlyTheSummary() {
        Path src = DiskFixtures.raw(tmp.resolve("src.raw"), DiskFixtures.MIB, 1, 0);
        Cli.Result r = Cli.run("disk", "convert", src, tmp.resolve("d.qcow2"), "--format", "qcow2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("ovfkit: converted");
    }
}
