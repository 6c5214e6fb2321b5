package io.ovfkit.convert;

/**
 * How a package stands with one target: the columns of the portability matrix.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum Verdict {
    /** No finding: the target imports the package as it is. */
    CLEAN,
    /** Findings, but every error is one {@code retarget} fixes (warnings may remain). */
    FIXABLE,
    /** At least one error that {@code retarget} cannot fix. */
    BLOCKING;

    /** @return the lower-case name used in reports ({@code clean}, {@code fixable}, {@code blocking}) */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
