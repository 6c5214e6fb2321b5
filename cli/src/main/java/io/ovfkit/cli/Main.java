package io.ovfkit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code ovfkit} command. {@link #main} runs it on the process's stdout and stderr (UTF-8) and
 * exits with its {@link ExitStatus}; {@link #commandLine(PrintWriter, PrintWriter)} builds the same
 * command on any writers, so that tests and embedding programs can run it in-process.
 *
 * <p>{@link #commandLine(PrintWriter, PrintWriter)} may be called from any thread and returns a new,
 * independent {@code CommandLine}, which (like every picocli object) is not thread-safe: run each from
 * one thread; {@link #main} is for a process of its own (it sets the process-wide shutdown report of
 * {@link io.ovfkit.disk.TemporaryFiles} and exits the JVM).
 */
public final class Main {
    private static final String CLOSURES = "picocli.disable.closures";
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    /**
     * The smallest source file of {@code disk convert} for which the native bridge is loaded to
     * reserve the output's blocks: from a 600 MiB QCOW2 source to VDI the whole command took
     * 0.27 s with it and 0.29-0.30 s without; from 2.2 GiB, 0.60 s and 0.72 s.
     */
    static final long RESERVE_MIN_SOURCE = 512L << 20;
    /** The types whose converters picocli need not register: a regular expression of class names. */
    static final String UNUSED_CONVERTERS = "java\\.(time|sql)\\..*";

    static {
        // picocli's default factory otherwise looks for Groovy's Closure class when it is first
        // used: a failing class lookup that opens every jar of the class path (a fifth of the
        // start-up of `ovfkit --version`). ovfkit has no Groovy scripts.
        if (System.getProperty(CLOSURES) == null) {
            System.setProperty(CLOSURES, "true");
        }
        // Every CommandLine (three for `ovfkit disk convert`) otherwise looks up and reflects on
        // the java.time and java.sql types it could convert options to: their classes are loaded
        // and initialised (date formatters, patterns), 5-10 ms of every start. No ovfkit option
        // has such a type; MainTest checks that.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
    }

    /**
     * The subcommands of {@code ovfkit} by name, in the order help lists them. The names are
     * spelled out rather than read from each class's {@code @Command} annotation, which would load
     * and parse every command class at each start; {@code MainTest} checks they agree.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = byName(
            "info", InfoCommand.class, "validate", ValidateCommand.class, "convert", ConvertCommand.class,
            "env", EnvCommand.class, "disk", DiskCommand.class, "verify", VerifyCommand.class,
            "unpack", UnpackCommand.class, "create", CreateCommand.class, "pack", PackCommand.class,
            "sign", SignCommand.class, "manifest", ManifestCommand.class, "edit", EditCommand.class,
            "targets", TargetsCommand.class, "lint", LintCommand.class, "retarget", RetargetCommand.class,
            "import", ImportCommand.class, "export", ExportCommand.class, "compose", ComposeCommand.class,
            "completion", CompletionCommand.class, "help", HelpCommand.class);
    /** The subcommands of the commands that have their own, by the parent's name (checked as above). */
    static final Map<String, Map<String, Class<?>>> NESTED = Map.of(
            "disk", byName("info", DiskInfoCommand.class, "check", DiskCheckCommand.class,
                    "compare", DiskCompareCommand.class, "create", DiskCreateCommand.class,
                    "convert", DiskConvertCommand.class));

    private Main() {
    }

    private static Map<String, Class<?>> byName(Object... nameThenClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return m;
    }

    /** Runs {@code ovfkit} with {@code args} and exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        preload(args);
        // Ctrl-C or SIGTERM while writing: the library's shutdown hook deletes the unfinished
        // temporary files; this says which. The JVM exits with 130 or 143.
        io.ovfkit.disk.TemporaryFiles.onShutdown(new InterruptNotice(err));
        int code = commandLine(out, err, args).execute(args);
        // A normal end: whatever is still listed (nothing, unless a command forgot to close a writer)
        // is removed without a word.
        io.ovfkit.disk.TemporaryFiles.onShutdown(null);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Work that the command would do later, done now on a spare core while the JVM initialises
     * picocli and builds the command. When an argument is a raw image (or a VMDK descriptor) of at
     * least {@link io.ovfkit.disk.raw.RawImage#HOLE_LOOKUP_MIN_SIZE} bytes, for the commands that
     * may read one, or the source of a {@code disk convert} of at least {@link #RESERVE_MIN_SOURCE}
     * bytes: the native bridge (JNA, about 0.05 s) of hole lookup, which the first batch of such a
     * source waits for, and of block reservations for the output. Otherwise: the annotations of
     * the command to run and of its option classes, which the JDK turns into one proxy class per
     * annotation type the first time one is read (about 5 ms each, eight kinds for picocli):
     * whoever reads first makes them, the other finds them made. Not both: on 2 cores the two
     * together slowed a 1 GiB raw conversion down.
     */
    private static void preload(String[] args) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        List<String> path = namedPath(args);
        // namedPath holds only names of commands, each one of the level above.
        Class<?> command = OvfkitCommand.class;
        Map<String, Class<?>> level = SUBCOMMANDS;
        for (String name : path) {
            command = level.get(name);
            level = NESTED.get(name);
        }
        String named = path.isEmpty() ? null : path.get(0);
        boolean disk = "disk".equals(named) || "create".equals(named);
        boolean converts = path.size() == 2 && "disk".equals(named) && "convert".equals(path.get(1));
        Thread t = new Thread(new Preload(disk ? args : new String[0], converts, command), "ovfkit-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The preloading thread's work (see {@link #preload}). Classes rather than lambdas, here and in
     * {@link InterruptNotice}: linking a lambda costs a few milliseconds the first time.
     */
    private static final class Preload implements Runnable {
        private final String[] diskArgs;
        private final boolean converts;
        private final Class<?> type;

        /**
         * @param diskArgs the arguments to look for a raw image in (none: look for none)
         * @param converts whether the command is {@code disk convert}
         * @param type the command class whose annotations to read otherwise
         */
        Preload(String[] diskArgs, boolean converts, Class<?> type) {
            this.diskArgs = diskArgs;
            this.converts = converts;
            this.type = type;
        }

        @Override
        public void run() {
            for (String a : diskArgs) {
                if (nativeHelps(a, converts)) {
                    io.ovfkit.disk.raw.FileHoleMap.preload();
                    return;
                }
            }
            try {
                type.getAnnotations();
                for (java.lang.reflect.Field f : type.getDeclaredFields()) {
                    f.getAnnotations();
                    if (f.getType().getName().startsWith("io.ovfkit.")) {
                        for (java.lang.reflect.Field g : f.getType().getDeclaredFields()) {
                            g.getAnnotations();
                        }
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                // Only a head start: picocli reads them again and reports what is wrong.
            }
        }
    }

    /** Says which unfinished files the shutdown hook removed after Ctrl-C or SIGTERM. */
    private static final class InterruptNotice implements java.util.function.Consumer<List<java.nio.file.Path>> {
        private final PrintWriter err;

        InterruptNotice(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(List<java.nio.file.Path> removed) {
            StringBuilder names = new StringBuilder();
            for (java.nio.file.Path p : removed) {
                names.append(names.length() == 0 ? "" : ", ").append(p);
            }
            err.println((System.console() != null ? System.lineSeparator() : "") + "ovfkit: interrupted; removed "
                    + (removed.size() == 1 ? "the unfinished file " : removed.size() + " unfinished files: ") + names);
            err.flush();
        }
    }

    /**
     * Whether {@code arg} names an image that the native bridge serves: a raw image (or a VMDK
     * descriptor) large enough for hole lookup, or, for a conversion, a source so large that
     * reserving its output's blocks as they are written ({@link io.ovfkit.disk.raw.FileSpace})
     * saves more than loading the bridge costs.
     */
    private static boolean nativeHelps(String arg, boolean converts) {
        if (arg.startsWith("-")) {
            // --disk=PATH; a value given as the next argument is looked at in its own turn.
            int eq = arg.indexOf('=');
            if (eq < 0) {
                return false;
            }
            arg = arg.substring(eq + 1);
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(arg);
            if (!java.nio.file.Files.isRegularFile(p)) {
                return false;
            }
            io.ovfkit.disk.DiskFormat f = io.ovfkit.disk.DiskImages.probe(p);
            long size = java.nio.file.Files.size(p);
            return f == io.ovfkit.disk.DiskFormat.RAW && size >= io.ovfkit.disk.raw.RawImage.HOLE_LOOKUP_MIN_SIZE
                    || f == io.ovfkit.disk.DiskFormat.VMDK && size < (1 << 20)
                    || converts && f != null && size >= RESERVE_MIN_SOURCE;
        } catch (RuntimeException | java.io.IOException e) {
            return false;
        }
    }

    /**
     * The {@code ovfkit} command line, printing data to {@code out} and messages to {@code err}, with
     * ovfkit's error handling and exit codes. Call {@link CommandLine#execute(String...)} on it.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return build(out, err, List.of());
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter)}, for running {@code args} only: when they
     * name a subcommand (the first argument that is not an option), only that one is built, and
     * of its own subcommands only the one named next; this saves picocli's reflection over the
     * others at every start (about 0.1 s for {@code disk convert}). Otherwise (no command, an
     * unknown one, {@code help}) all are, so that usage and suggestions list them all.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        if (onlyVersion(args)) {
            // `ovfkit --version` needs no subcommand at all: about 0.1 s less than building them.
            return build(out, err, null);
        }
        List<String> path = namedPath(args);
        if (!path.isEmpty() && path.get(0).equals("help")) {
            path = List.of();
        }
        return build(out, err, path);
    }

    /** Whether {@code args} ask for the tool's version and nothing else ({@code --debug} aside). */
    private static boolean onlyVersion(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove(DebugOption.NAME);
        return rest.size() == 1 && (rest.get(0).equals("-V") || rest.get(0).equals("--version"));
    }

    /**
     * The commands {@code args} run, outermost first: at each level the first argument that is
     * not an option, while it names a command of that level and only {@code --debug} comes before
     * it (-h, -V or anything else first: that level answers).
     */
    private static List<String> namedPath(String[] args) {
        List<String> path = new ArrayList<>();
        Map<String, Class<?>> level = SUBCOMMANDS;
        for (String a : args) {
            if (a.startsWith("-")) {
                if (a.equals(DebugOption.NAME)) {
                    continue;
                }
                break;
            }
            if (level == null || !level.containsKey(a)) {
                break;
            }
            path.add(a);
            level = NESTED.get(a);
        }
        return path;
    }

    /** The command line with the subcommands {@code path} names (all for an empty path, none for null). */
    private static CommandLine build(PrintWriter out, PrintWriter err, List<String> path) {
        CommandLine cmd;
        if (path != null && !path.isEmpty()) {
            // Only the command run is built from its annotations; the commands above it are plain
            // named levels that accept --debug (all their command line can hold before the name, see
            // namedPath): picocli's reflection over a command costs 10-30 ms at every start.
            cmd = level(new OvfkitCommand(), "ovfkit");
            CommandLine parent = cmd;
            Map<String, Class<?>> level = SUBCOMMANDS;
            for (int depth = 0; depth < path.size() - 1; depth++) {
                String name = path.get(depth);
                CommandLine child = level(newCommand(level.get(name)), name);
                parent.addSubcommand(name, child);
                parent = child;
                level = NESTED.get(name);
            }
            addSubcommands(parent, level, path, path.size() - 1);
        } else {
            cmd = new CommandLine(new OvfkitCommand());
            if (path != null) {
                addSubcommands(cmd, SUBCOMMANDS, path, 0);
            }
        }
        ErrorReporter reporter = new ErrorReporter();
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(reporter);
        cmd.setExecutionExceptionHandler(reporter);
        // Every command's help lists the exit codes, taken from the one enum that defines them.
        applyExitCodeList(cmd);
        Examples.apply(cmd);
        return cmd;
    }

    /** A command level above the command run: named, taking {@code --debug}, not reflected upon. */
    private static CommandLine level(Object command, String name) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name);
        spec.addOption(picocli.CommandLine.Model.OptionSpec.builder(DebugOption.NAME).arity("0").type(boolean.class)
                .description("Print the stack trace of an error.").build());
        return new CommandLine(spec);
    }

    private static Object newCommand(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    /** Adds the commands of {@code level} to {@code cmd}: only {@code path[depth]} when there is one. */
    private static void addSubcommands(CommandLine cmd, Map<String, Class<?>> level, List<String> path, int depth) {
        String only = depth < path.size() ? path.get(depth) : null;
        for (Map.Entry<String, Class<?>> e : level.entrySet()) {
            if (only == null || only.equals(e.getKey())) {
                CommandLine sub = new CommandLine(e.getValue());
                Map<String, Class<?>> nested = NESTED.get(e.getKey());
                if (nested != null) {
                    addSubcommands(sub, nested, only == null ? List.of() : path, depth + 1);
                }
                cmd.addSubcommand(e.getKey(), sub);
            }
        }
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
