package io.ovfkit.ovf;

import java.util.Objects;

/**
 * One finding about a descriptor: a stable rule id (such as {@code OVF_DANGLING_FILE_REF}), a
 * severity, the place (1-based line and column, 0 when unknown) and a message for people.
 * Findings are data, not exceptions: readers and validators return lists of them.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param rule stable identifier of the rule, upper case with underscores
 * @param severity how serious the finding is
 * @param line 1-based line in the source, 0 when unknown
 * @param column 1-based column in the source, 0 when unknown
 * @param message what was found and what was expected
 */
public record Diagnostic(String rule, Severity severity, int line, int column, String message) {
    /** Checks the components. */
    public Diagnostic {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** An error finding. */
    public static Diagnostic error(String rule, int line, int column, String message) {
        return new Diagnostic(rule, Severity.ERROR, line, column, message);
    }

    /** A warning finding. */
    public static Diagnostic warning(String rule, int line, int column, String message) {
        return new Diagnostic(rule, Severity.WARNING, line, column, message);
    }

    /** An informational finding. */
    public static Diagnostic info(String rule, int line, int column, String message) {
        return new Diagnostic(rule, Severity.INFO, line, column, message);
    }

    /** This finding with another severity (profiles raise or lower findings). */
    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(rule, s, line, column, message);
    }

    /** {@code line:column: severity RULE: message}, the form the CLI prints. */
    @Override
    public String toString() {
        return (line > 0 ? line + ":" + column + ": " : "") + severity.label() + " " + rule + ": " + message;
    }
}
