package io.ovfkit.ovf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class OracleTest {

    @Test
    void runCapturesExitCodeAndBothStreams() {
        Path sh = Oracle.require("sh");
        Oracle.Result r = Oracle.run(List.of(sh.toString(), "-c", "echo out; echo \"$X\" >&2; exit 3"), null,
                Duration.ofSeconds(30), Map.of("X", "err"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.timedOut()).isFalse();
        assertThat(r.ok()).isFalse();
    }

    @Test
    void runKillsTheProcessOnTimeout() {
        Path sh = Oracle.require("sh");
        long start = System.nanoTime();
        Oracle.Result r = Oracle.run(List.of(sh.toString(), "-c", "sleep 30"), null, Duration.ofMillis(300));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void runUsesTheWorkingDirectory() throws java.io.IOException {
        Path sh = Oracle.require("sh");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        Oracle.Result r = Oracle.run(List.of(sh.toString(), "-c", "pwd -P"), tmp, Duration.ofSeconds(30));
        assertThat(r.ok()).isTrue();
        assertThat(Path.of(r.stdout().trim())).isEqualTo(tmp);
    }

    @Test
    void missingOracleSkipsWithThePackageName() {
        assertThatThrownBy(() -> Oracle.require("vmdkinfo", Map.of("PATH", "/nonexistent")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("vmdkinfo")
                .hasMessageContaining("libvmdk-utils");
    }

    @Test
    void missingOracleFailsOnCi() {
        assertThatThrownBy(() -> Oracle.require("xmllint", Map.of("PATH", "/nonexistent", "CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("libxml2-utils");
    }

    @Test
    void knowsTheDebianPackages() {
        assertThat(Oracle.debianPackage("qemu-img")).contains("qemu-utils");
        assertThat(Oracle.debianPackage("vhdiinfo")).contains("libvhdi-utils");
        assertThat(Oracle.debianPackage("qcowinfo")).contains("libqcow-utils");
        assertThat(Oracle.debianPackage("openssl")).contains("openssl");
        assertThat(Oracle.debianPackage("no-such-tool")).isEmpty();
    }
}
