package io.ovfkit.ovf.validation;

/**
 * How demanding a {@link Validator} is.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum Profile {
    /**
     * Reports what breaks the specification or deployment as errors and producer deviations that
     * importers tolerate (VirtualBox's missing ElementName, namespace aliases, schema findings,
     * hrefs leaving the package folder) as warnings.
     */
    LAX,
    /** Like {@link #LAX}, but every warning is an error: for descriptors about to be published. */
    STRICT
}
