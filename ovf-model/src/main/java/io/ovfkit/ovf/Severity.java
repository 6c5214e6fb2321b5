package io.ovfkit.ovf;

/**
 * How serious a {@link Diagnostic} is. Ordered from least to most serious.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum Severity {
    /** Worth knowing, nothing to fix. */
    INFO,
    /** Accepted, but other tools may reject it or it may not mean what was intended. */
    WARNING,
    /** The descriptor breaks a rule of the specification or cannot be deployed as written. */
    ERROR;

    /** The lower-case name used in reports and JSON ({@code info}, {@code warning}, {@code error}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
