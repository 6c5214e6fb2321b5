package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovfkit completion}: the bash script parses ({@code bash -n}) and completes commands,
 * nested commands and options under bash with {@code COMP_WORDS}; zsh gets the same script; the fish
 * script has a line per command and option (and parses under {@code fish -n} when fish is there).
 */
class CompletionCommandTest {
    @TempDir
    Path tmp;

    private Path script(String shell) throws IOException {
        Cli.Result r = Cli.run("completion", shell);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Files.writeString(tmp.resolve("ovfkit." + shell), r.out());
    }

    /** What the bash completion function offers for the words typed so far (the last one being completed). */
    private List<String> complete(Path script, String line) {
        String bash = "source " + script + "\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                + "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_ovfkit ovfkit \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Oracle.Result r = Oracle.run(List.of(Oracle.require("bash").toString(), "-c", bash), tmp, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void theBashScriptParses() throws IOException {
        Path s = script("bash");
        Oracle.Result r = Oracle.run(List.of(Oracle.require("bash").toString(), "-n", s.toString()), tmp, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    @Test
    void bashCompletesCommandsNestedCommandsAndOptions() throws IOException {
        Path s = script("bash");
        assertThat(complete(s, "ovfkit di")).containsExactly("disk");
        assertThat(complete(s, "ovfkit disk con")).containsExactly("convert");
        assertThat(complete(s, "ovfkit unpack --ex")).containsExactly("--expand");
        assertThat(complete(s, "ovfkit disk convert --prog")).containsExactly("--progress");
        assertThat(complete(s, "ovfkit completion ")).isEmpty();
        assertThat(complete(s, "ovfkit ")).contains("info", "verify", "completion", "disk");
    }

    @Test
    void zshGetsTheBashScriptWhichLoadsBashcompinit() throws IOException {
        String bash = Files.readString(script("bash"));
        assertThat(Files.readString(script("zsh"))).isEqualTo(bash).contains("bashcompinit");
    }

    @Test
    void theFishScriptHasALinePerCommandAndOption() throws IOException {
        String fish = Files.readString(script("fish"));
        assertThat(fish).contains("complete -c ovfkit -n '__fish_use_subcommand' -a 'disk'")
                .contains("complete -c ovfkit -n '__fish_seen_subcommand_from disk; and not __fish_seen_subcommand_from"
                        + " info check compare create convert' -a 'convert'")
                .contains("complete -c ovfkit -n '__fish_seen_subcommand_from unpack' -l expand")
                .contains("-l progress -r -a 'auto json none'");
        Oracle.find("fish").ifPresent(f -> {
            Oracle.Result r = Oracle.run(List.of(f.toString(), "-n", tmp.resolve("ovfkit.fish").toString()), tmp,
                    Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        });
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Cli.Result r = Cli.run("completion", "tcsh");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not bash, zsh or fish");
    }
}
