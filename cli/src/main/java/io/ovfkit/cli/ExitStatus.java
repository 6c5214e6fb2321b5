package io.ovfkit.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of {@code ovfkit}, the same for every command. Scripts may rely on them; they are
 * listed in every command's {@code --help} and in {@code cli/README.md}.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum ExitStatus {
    /** The command did what was asked (for {@code validate}: no errors). */
    OK(0, "success"),
    /** The check failed: {@code validate} found errors, {@code convert} would lose content. */
    CHECK_FAILED(1, "the check failed (validation errors, content a conversion would lose)"),
    /** The command line is wrong: unknown option, missing or bad argument, unknown property or configuration. */
    USAGE(2, "usage error (unknown option, bad argument or value)"),
    /** A file cannot be read or written, or the input is not a descriptor ovfkit can read. */
    INPUT(3, "a file cannot be read or written, or the input is malformed"),
    /** A bug in ovfkit: any other failure. Rerun with {@code --debug} for the stack trace. */
    INTERNAL(4, "internal error (rerun with --debug and report it)"),
    /**
     * Interrupted by SIGINT (Ctrl-C); unfinished temporary files were removed. The JVM sets it
     * (128 + 2); listed so that help and scripts know it.
     */
    INTERRUPTED(130, "interrupted by SIGINT (Ctrl-C); unfinished files removed"),
    /** Stopped by SIGTERM (128 + 15), as CI systems and Kubernetes stop a job; unfinished files removed. */
    TERMINATED(143, "stopped by SIGTERM; unfinished files removed");

    private final int code;
    private final String description;

    ExitStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /** What the code means, for help texts. */
    public String description() {
        return description;
    }

    /** Every code with its description, in order, in the form picocli's exit code list takes. */
    static Map<String, String> helpList() {
        return helpList(Map.of());
    }

    /** The same, with some codes described in a command's own terms. */
    static Map<String, String> helpList(Map<ExitStatus, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ExitStatus s : values()) {
            m.put((s.code < 10 ? "  " : "") + s.code, overrides.getOrDefault(s, s.description));
        }
        return m;
    }

    /** A command whose help describes some exit codes in its own terms (the codes stay the same). */
    interface Described {
        /** The descriptions that replace the general ones in this command's help. */
        Map<ExitStatus, String> exitCodeDescriptions();
    }
}
