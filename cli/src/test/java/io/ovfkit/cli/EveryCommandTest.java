package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What every command has: examples at the end of its help, and the tool's version for {@code -V}. */
class EveryCommandTest {
    /** Every command path, {@code disk convert} as {@code [disk, convert]}, the top level as {@code []}. */
    static List<List<String>> commands() {
        PrintWriter w = new PrintWriter(new StringWriter());
        List<List<String>> all = new ArrayList<>();
        collect(Main.commandLine(w, w), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> into) {
        into.add(path);
        cmd.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            collect(sub, p, into);
        });
    }

    @Test
    void everyCommandsHelpEndsWithTwoOrThreeExamples() {
        List<List<String>> commands = commands();
        assertThat(commands).hasSizeGreaterThan(20);
        for (List<String> path : commands) {
            if (path.equals(List.of("help"))) {
                continue; // picocli's help command prints the help of others
            }
            List<Object> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray());
            assertThat(r.exitCode()).as(String.join(" ", path)).isZero();
            List<String> lines = r.out().lines().toList();
            int at = lines.indexOf("Examples:");
            assertThat(at).as("Examples: in the help of '%s'", String.join(" ", path)).isPositive();
            List<String> examples = new ArrayList<>();
            for (int i = at + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
                if (lines.get(i).startsWith("  ") || examples.isEmpty()) {
                    examples.add(lines.get(i));
                } else {
                    // picocli wraps a long footer line at the usage width
                    examples.set(examples.size() - 1, examples.get(examples.size() - 1) + " " + lines.get(i));
                }
            }
            assertThat(examples).as(String.join(" ", path)).hasSizeBetween(2, 3)
                    .allMatch(l -> l.startsWith("  ") && l.contains("ovfkit"));
            String name = path.isEmpty() ? "ovfkit" : "ovfkit " + String.join(" ", path);
            if (!path.isEmpty()) {
                assertThat(examples).as(name).anyMatch(l -> l.contains(name));
            }
        }
    }

    @Test
    void everyCommandsVersionIsTheToolsVersion() {
        for (List<String> path : commands()) {
            if (path.equals(List.of("help"))) {
                continue;
            }
            List<Object> args = new ArrayList<>(path);
            args.add("-V");
            Cli.Result r = Cli.run(args.toArray());
            assertThat(r.exitCode()).as(String.join(" ", path)).isZero();
            assertThat(r.out().strip()).as(String.join(" ", path)).isEqualTo("ovfkit " + VersionProvider.version());
        }
    }
}
