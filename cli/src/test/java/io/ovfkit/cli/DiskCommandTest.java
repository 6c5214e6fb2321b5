package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.NotADiskImageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class DiskCommandTest {
    @Test
    void theTopLevelHelpListsDisk() {
        assertThat(Cli.run("--help").out()).contains("  disk ");
    }

    @Test
    void diskHelpListsItsCommands() {
        Cli.Result r = Cli.run("disk", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: ovfkit disk [-hV] [--debug] COMMAND")
                .contains("  info ").contains("  check ").contains("  compare ").contains("  create ").contains("  convert ")
                .contains("Exit codes:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "info    | Usage: ovfkit disk info [-hV] [--debug] [--json] [--member=HREF] [--parent=PARENT] IMG",
        "check   | Usage: ovfkit disk check [-hV] [--debug] [--json] [--parent=PARENT] IMG",
        "compare | Usage: ovfkit disk compare [-hV] [--debug] [--parent=PARENT] A B",
        "create  | Usage: ovfkit disk create [-hV] [--debug] [--sync] [--adapter-type=TYPE] [--block-size=SIZE] --format=FORMAT"
                + " [--sector-size=BYTES] --size=SIZE [--subformat=SUBFORMAT] OUT",
        "convert | Usage: ovfkit disk convert [-hqV] [--compress] [--debug] [--reproducible] [--sync] [--adapter-type=TYPE]"
                + " [--align=SIZE] [--block-size=SIZE] [--compression-level=N] --format=FORMAT [--member=HREF] [--parent=PARENT]"
                + " [--progress=MODE] [--sector-size=BYTES] [--subformat=SUBFORMAT] [--threads=N] SRC DST",
    })
    void eachCommandHasHelpWithItsSynopsisAndTheExitCodes(String command, String synopsis) {
        Cli.Result r = Cli.run("disk", command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).startsWith(synopsis);
        assertThat(r.out()).contains("Exit codes:").contains("    0   ").contains("    2   usage error")
                .contains("    3   ").contains("    4   internal error");
    }

    @Test
    void checkAndCompareDescribeTheirExitCodesInTheirOwnTerms() {
        assertThat(Cli.run("disk", "check", "--help").out()).contains("1   the image is corrupt")
                .contains("3   the file cannot be read or is not a disk image ovfkit recognizes");
        assertThat(Cli.run("disk", "compare", "--help").out()).contains("0   the images are identical")
                .contains("1   the content differs");
        assertThat(Cli.run("disk", "convert", "--help").out()).contains("no DST is left");
        // The codes themselves are the same for every command.
        assertThat(Cli.run("validate", "--help").out()).contains("1   the check failed");
    }

    @Test
    void helpCommandShowsTheHelpOfADiskCommand() {
        assertThat(Cli.run("help", "disk").out()).startsWith("Usage: ovfkit disk");
        assertThat(Cli.run("disk", "convert", "-h").out()).startsWith("Usage: ovfkit disk convert");
    }

    @Test
    void diskWithoutACommandIsAUsageError() {
        Cli.Result r = Cli.run("disk");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: missing disk command").contains("Usage: ovfkit disk");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownDiskCommandIsAUsageError() {
        Cli.Result r = Cli.run("disk", "frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: ");
    }

    @Test
    void diskFormatErrorsAreInputErrorsWithTheirMessage() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        CommandLine.ParseResult parsed = cmd.parseArgs("disk", "info", "x.img");
        int code = cmd.getExecutionExceptionHandler().handleExecutionException(
                new DiskFormatException(Path.of("x.vmdk"), 512, "grain table entry points past the end"), cmd, parsed);
        assertThat(code).isEqualTo(ExitStatus.INPUT.code());
        assertThat(err.toString()).isEqualTo("ovfkit: x.vmdk: at offset 512: grain table entry points past the end"
                + System.lineSeparator());

        StringWriter err2 = new StringWriter();
        CommandLine cmd2 = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err2, true));
        int code2 = cmd2.getExecutionExceptionHandler().handleExecutionException(
                new NotADiskImageException(Path.of("x.img"), "not a disk image"), cmd2, cmd2.parseArgs("disk", "info", "x"));
        assertThat(code2).isEqualTo(ExitStatus.INPUT.code());
        assertThat(err2.toString()).startsWith("ovfkit: x.img: not a disk image").doesNotContain("\tat ");
    }
}
