package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.env.OvfEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCommandTest {
    @TempDir
    Path tmp;

    private static final String HOSTNAME = "io.ovfkit.hello.hostname";
    private static final String SSH_PORT = "io.ovfkit.hello.ssh_port";

    @Test
    void writesTheChosenValuesAndTheDefaults() throws Exception {
        Path out = tmp.resolve("ovf-env.xml");
        Cli.Result r = Cli.run("env", Cli.sample(), "--property", "hostname=web1", "--configuration", "large", "-o", out);
        assertThat(r.exitCode()).isZero();
        OvfEnvironment env = OvfEnvironment.parse(Files.readAllBytes(out));
        assertThat(env.id()).isEqualTo("hello-appliance");
        assertThat(env.property(HOSTNAME)).hasValue("web1");
        assertThat(env.property(SSH_PORT)).hasValue("22");
        assertThat(env.properties()).containsKey("io.ovfkit.hello.admin_password");
    }

    @Test
    void acceptsThePropertyIdAsWellAsTheKey() throws Exception {
        Path out = tmp.resolve("ovf-env.xml");
        Cli.run("env", Cli.sample(), "-p", SSH_PORT + "=2222", "-o", out);
        assertThat(OvfEnvironment.parse(Files.readAllBytes(out)).property(SSH_PORT)).hasValue("2222");
    }

    @Test
    void dashWritesTheEnvironmentToStdout() {
        Cli.Result r = Cli.run("env", Cli.sample(), "-p", "hostname=web2", "-o", "-");
        assertThat(r.exitCode()).isZero();
        assertThat(OvfEnvironment.parse(r.out().getBytes(StandardCharsets.UTF_8)).property(HOSTNAME)).hasValue("web2");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anUnknownPropertyIsAUsageErrorNamingIt() {
        Cli.Result r = Cli.run("env", Cli.sample(), "-p", "colour=blue", "-o", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: ").contains("colour");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aValueThatDoesNotFitItsTypeIsAUsageErrorNamingTheProperty() {
        Cli.Result r = Cli.run("env", Cli.sample(), "-p", "ssh_port=70000", "-o", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: ").contains("ssh_port");
    }

    @Test
    void aValueThatBreaksAQualifierIsAUsageError() {
        String tooLong = "h".repeat(64);
        Cli.Result r = Cli.run("env", Cli.sample(), "-p", "hostname=" + tooLong, "-o", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("hostname");
    }

    @Test
    void aRejectedPasswordIsNotEchoed() {
        Cli.Result r = Cli.run("env", Cli.sample(), "-p", "admin_password=Sh0rt", "-o", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("admin_password").doesNotContain("Sh0rt");
    }

    @Test
    void anUnknownConfigurationIsAUsageError() {
        Cli.Result r = Cli.run("env", Cli.sample(), "--configuration", "huge", "-o", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("huge");
    }

    @Test
    void aPropertyWithoutEqualsIsAUsageError() {
        assertThat(Cli.run("env", Cli.sample(), "-p", "hostname", "-o", "-").exitCode()).isEqualTo(2);
    }

    @Test
    void theOutputIsRequired() {
        Cli.Result r = Cli.run("env", Cli.sample());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--output");
    }

    @Test
    void anUnwritableOutputExitsWith3() {
        Path out = tmp.resolve("no/such/folder/ovf-env.xml");
        Cli.Result r = Cli.run("env", Cli.sample(), "-o", out);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: " + out + ": cannot write");
    }
}
