package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class MainTest {
    @Test
    void versionPrintsTheProjectVersion() {
        for (String v : new String[] {"--version", "-V"}) {
            Cli.Result r = Cli.run(v);
            assertThat(r.exitCode()).isZero();
            assertThat(r.out().strip()).isEqualTo("ovfkit 0.1.0-SNAPSHOT");
        }
    }

    @Test
    void commandTableNamesEachCommandAsItsAnnotationDoes() {
        Main.SUBCOMMANDS.forEach((name, type) ->
                assertThat(type.getAnnotation(CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name));
        Main.NESTED.forEach((parent, level) -> level.forEach((name, type) ->
                assertThat(type.getAnnotation(CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name)));
        // Every @Command class of the package is reachable from the table (the top command aside).
        assertThat(Main.SUBCOMMANDS).hasSize(20);
        assertThat(Main.NESTED.get("disk")).hasSize(5);
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ovfkit [-hV] [--debug] COMMAND")
                .contains("  info ").contains("  validate ").contains("  convert ").contains("  env ");
    }

    @Test
    void helpListsEveryExitCode() {
        String help = Cli.run("--help").out();
        for (ExitStatus s : ExitStatus.values()) {
            assertThat(help).contains(s.code() + "   " + s.description());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "info     | Usage: ovfkit info [-hV] [--debug] [--json] PATH",
        "validate | Usage: ovfkit validate [-hV] [--debug] [--json] [--strict] [--schemas=DIR] PATH",
        "convert  | Usage: ovfkit convert [-hV] [--debug] [--drop-inexpressible] --ovf-version=VERSION IN OUT",
        "env      | Usage: ovfkit env [-hV] [--debug] [-c=ID] -o=FILE [-p=KEY=VALUE]... PATH",
    })
    void helpOfEachCommandShowsItsSynopsis(String command, String synopsis) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.exitCode()).isZero();
        // Picocli wraps long synopses at 80 columns.
        assertThat(r.out().replaceAll("\\s+", " ")).startsWith(synopsis);
    }

    @ParameterizedTest
    @CsvSource({"info", "validate", "convert", "env"})
    void helpOfEachCommandListsTheExitCodes(String command) {
        assertThat(Cli.run(command, "--help").out()).contains("Exit codes:").contains("3   a file cannot be read");
    }

    @Test
    void helpCommandShowsTheHelpOfACommand() {
        assertThat(Cli.run("help", "validate").out()).startsWith("Usage: ovfkit validate");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: missing command").contains("Usage: ovfkit");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result r = Cli.run("frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: ");
    }

    @Test
    void debugIsAcceptedBeforeAndAfterTheCommand() {
        assertThat(Cli.run("--debug", "validate", Cli.sample()).exitCode()).isZero();
        assertThat(Cli.run("validate", Cli.sample(), "--debug").exitCode()).isZero();
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorWithAHint() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        CommandLine.ParseResult parsed = cmd.parseArgs("info", "x.ovf");
        int code = cmd.getExecutionExceptionHandler().handleExecutionException(
                new IllegalStateException("boom"), cmd, parsed);
        assertThat(code).isEqualTo(ExitStatus.INTERNAL.code());
        assertThat(err.toString()).startsWith("ovfkit: internal error: java.lang.IllegalStateException: boom")
                .contains("rerun with --debug").doesNotContain("\tat ");
    }

    @Test
    void debugAddsTheStackTraceOfAnInternalError() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        CommandLine.ParseResult parsed = cmd.parseArgs("--debug", "info", "x.ovf");
        cmd.getExecutionExceptionHandler().handleExecutionException(new IllegalStateException("boom"), cmd, parsed);
        assertThat(err.toString()).contains("\tat ").doesNotContain("rerun with --debug");
    }

    @Test
    void aNamedCommandIsBuiltAloneAndEverythingElseBuildsThemAll() {
        PrintWriter w = new PrintWriter(new StringWriter());
        List<String> all = List.of("info", "validate", "convert", "env", "disk", "verify", "unpack", "create", "pack",
                "sign", "manifest", "edit", "targets", "lint", "retarget", "import", "export", "compose", "completion",
                "help");
        assertThat(Main.commandLine(w, w).getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Main.commandLine(w, w, "disk", "info", "x.img").getSubcommands().keySet()).containsExactly("disk");
        assertThat(Main.commandLine(w, w, "--debug", "validate", "x.ovf").getSubcommands().keySet()).containsExactly("validate");
        for (String[] args : new String[][] {{}, {"--help"}, {"-h", "disk"}, {"help", "disk"}, {"--version", "x"},
            {"nosuch"}, {"dsik", "info"}}) {
            assertThat(Main.commandLine(w, w, args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(all);
        }
        // The version alone needs none of them.
        assertThat(Main.commandLine(w, w, "--version").getSubcommands()).isEmpty();
        assertThat(Main.commandLine(w, w, "--debug", "-V").getSubcommands()).isEmpty();
    }

    @Test
    void topLevelHelpListsEveryCommandAndATypoGetsASuggestion() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.out()).contains("  disk ", "  create ", "  sign ", "  help ");
        Cli.Result typo = Cli.run("dsik");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Unmatched argument at index 0: 'dsik'").contains("Did you mean:");
    }

    @Test
    void noOptionHasATypeWhoseConverterIsLeftOut() {
        // Main tells picocli not to register converters for these types: an option of such a type
        // would then fail to convert. Every command's options and parameters, nested ones too.
        PrintWriter w = new PrintWriter(new StringWriter());
        java.util.regex.Pattern unused = java.util.regex.Pattern.compile(Main.UNUSED_CONVERTERS);
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(Main.commandLine(w, w)));
        int args = 0;
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            todo.addAll(c.getSubcommands().values());
            for (CommandLine.Model.ArgSpec a : c.getCommandSpec().args()) {
                args++;
                for (Class<?> t : a.auxiliaryTypes()) {
                    assertThat(unused.matcher(t.getName()).matches()).as(c.getCommandName() + " " + a + ": " + t).isFalse();
                }
                assertThat(unused.matcher(a.type().getName()).matches()).as(c.getCommandName() + " " + a).isFalse();
            }
        }
        assertThat(args).isGreaterThan(100);
        assertThat(unused.matcher("java.time.Duration").matches()).isTrue();
        assertThat(unused.matcher("java.nio.file.Path").matches()).isFalse();
        assertThat(System.getProperty("picocli.converters.excludes")).isEqualTo(Main.UNUSED_CONVERTERS);
    }

    @Test
    void exitCodesAreDistinctAndInOrder() {
        assertThat(ExitStatus.values()).extracting(ExitStatus::code).containsExactly(0, 1, 2, 3, 4, 130, 143);
    }
}
