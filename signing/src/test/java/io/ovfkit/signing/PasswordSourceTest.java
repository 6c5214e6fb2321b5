package io.ovfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {
    @TempDir
    Path dir;

    @Test
    void defaultEnvironmentVariableName() {
        assertThat(PasswordSource.DEFAULT_VARIABLE).isEqualTo("OVFKIT_KEY_PASSWORD");
    }

    @Test
    void environmentVariable() {
        PasswordSource s = PasswordSource.environment("MY_PW", Map.of("MY_PW", "s3cret"));
        assertThat(s.password("k.pem")).containsExactly('s', '3', 'c', 'r', 'e', 't');
    }

    @Test
    void unsetEnvironmentVariableIsNamed() {
        PasswordSource s = PasswordSource.environment("MY_PW", Map.of());
        assertThatThrownBy(() -> s.password("k.pem")).isInstanceOf(SigningException.class)
                .hasMessage("k.pem: is encrypted and the environment variable MY_PW that should hold its password"
                        + " is not set");
    }

    @Test
    void fileFirstLineWithoutLineEnd() throws IOException {
        Path f = Files.writeString(dir.resolve("pw"), "päss word\r\nignored\n");
        assertThat(new String(PasswordSource.file(f).password("k.pem"))).isEqualTo("päss word");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("absent");
        assertThatThrownBy(() -> PasswordSource.file(f).password("k.pem")).isInstanceOf(SigningException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("cannot read the password file for k.pem");
    }

    @Test
    void consoleWithoutConsoleFailsWithAdvice() {
        // Under surefire there is no console.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null);
        assertThatThrownBy(() -> PasswordSource.console().password("k.pem")).isInstanceOf(SigningException.class)
                .hasMessageContaining("no console").hasMessageContaining("OVFKIT_KEY_PASSWORD");
    }

    @Test
    void orElseFallsBackWhenTheFirstHasNone() {
        PasswordSource s = PasswordSource.environment("UNSET", Map.of()).orElse(PasswordSource.of("x".toCharArray()));
        assertThat(s.password("k")).containsExactly('x');
    }

    @Test
    void ofReturnsAFreshCopyEachTime() {
        char[] original = "abc".toCharArray();
        PasswordSource s = PasswordSource.of(original);
        java.util.Arrays.fill(original, '\0');
        char[] first = s.password("k");
        java.util.Arrays.fill(first, '\0');
        assertThat(s.password("k")).containsExactly('a', 'b', 'c');
    }
}
