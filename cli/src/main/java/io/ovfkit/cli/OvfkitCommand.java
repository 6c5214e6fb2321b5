package io.ovfkit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code ovfkit} command: global options. Its subcommands are added by
 * {@link Main#commandLine(PrintWriter, PrintWriter, String...)} (all of them, or only the one a
 * command line names, which saves building the others at every start).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "ovfkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Read, check, convert and deploy-prepare OVF descriptors and their disk images.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Messages go to stderr, prefixed 'ovfkit: '; reports and data to stdout.",
            "See cli/README.md for the JSON shapes."})
public final class OvfkitCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public OvfkitCommand() {
    }

    /** Without a command: the usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println(ErrorReporter.PREFIX + "missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }
}
