package io.ovfkit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code ovfkit} command. {@link #main} runs it on the process's stdout and stderr (UTF-8) and
 * exits with its {@link ExitStatus}; {@link #commandLine(PrintWriter, PrintWriter)} builds the same
 * command on any writers, so that tests and embedding programs can run it in-process.
 */
public final class Main {
    /** The subcommands of {@code ovfkit}, in the order help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private Main() {
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (Class<?> c : new Class<?>[] {InfoCommand.class, ValidateCommand.class, ConvertCommand.class, EnvCommand.class,
            DiskCommand.class, VerifyCommand.class, UnpackCommand.class, CreateCommand.class, PackCommand.class,
            SignCommand.class, ManifestCommand.class, HelpCommand.class}) {
            m.put(c.getAnnotation(CommandLine.Command.class).name(), c);
        }
        return m;
    }

    /** Runs {@code ovfkit} with {@code args} and exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        preloadDiskSupport(args);
        int code = commandLine(out, err, args).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * For the commands that may open raw disk images, loads the native bridge of hole lookup on a
     * spare core while picocli builds the command line (both take about 0.1 s).
     */
    private static void preloadDiskSupport(String[] args) {
        String named = namedSubcommand(args);
        if (Runtime.getRuntime().availableProcessors() < 2 || !("disk".equals(named) || "create".equals(named))) {
            return;
        }
        Thread t = new Thread(io.ovfkit.disk.raw.FileHoleMap::preload, "ovfkit-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The {@code ovfkit} command line, printing data to {@code out} and messages to {@code err}, with
     * ovfkit's error handling and exit codes. Call {@link CommandLine#execute(String...)} on it.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return build(out, err, null);
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter)}, for running {@code args} only: when they
     * name a subcommand (the first argument that is not an option), only that one is built, which
     * saves picocli's reflection over the others at every start; otherwise (no command, an unknown
     * one, {@code help}) all are, so that usage and suggestions list them all.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        String named = namedSubcommand(args);
        return build(out, err, named != null && !named.equals("help") ? named : null);
    }

    /**
     * The subcommand {@code args} run: the first argument that is not an option, when it names one
     * and only {@code --debug} comes before it (-h, -V or anything else first: the top level
     * answers); else null.
     */
    private static String namedSubcommand(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return SUBCOMMANDS.containsKey(a) ? a : null;
            }
            if (!a.equals(DebugOption.NAME)) {
                return null;
            }
        }
        return null;
    }

    private static CommandLine build(PrintWriter out, PrintWriter err, String only) {
        CommandLine cmd = new CommandLine(new OvfkitCommand());
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (only == null || only.equals(e.getKey())) {
                cmd.addSubcommand(e.getKey(), e.getValue());
            }
        }
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
