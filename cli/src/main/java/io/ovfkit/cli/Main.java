package io.ovfkit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code ovfkit} command. {@link #main} runs it on the process's stdout and stderr (UTF-8) and
 * exits with its {@link ExitStatus}; {@link #commandLine(PrintWriter, PrintWriter)} builds the same
 * command on any writers, so that tests and embedding programs can run it in-process.
 */
public final class Main {
    private Main() {
    }

    /** Runs {@code ovfkit} with {@code args} and exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The {@code ovfkit} command line, printing data to {@code out} and messages to {@code err}, with
     * ovfkit's error handling and exit codes. Call {@link CommandLine#execute(String...)} on it.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new OvfkitCommand());
        ErrorReporter reporter = new ErrorReporter();
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(reporter);
        cmd.setExecutionExceptionHandler(reporter);
        // Every command's help lists the exit codes, taken from the one enum that defines them.
        applyExitCodeList(cmd);
        return cmd;
    }

    private static void applyExitCodeList(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        Map<ExitStatus, String> own = cmd.getCommand() instanceof ExitStatus.Described d ? d.exitCodeDescriptions() : Map.of();
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitStatus.helpList(own));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            applyExitCodeList(sub);
        }
    }
}
