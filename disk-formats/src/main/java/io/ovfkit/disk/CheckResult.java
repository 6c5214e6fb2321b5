package io.ovfkit.disk;

import java.util.List;

/**
 * The outcome of a structural check of a disk image.
 *
 * <p>Immutable (the lists are copied) and safe to share between threads.
 *
 * @param corruptions findings that make the image unreliable (each names the offset)
 * @param leaks findings of space that is allocated but unused (harmless)
 */
public record CheckResult(List<String> corruptions, List<String> leaks) {
    /** Copies the lists. */
    public CheckResult {
        corruptions = List.copyOf(corruptions);
        leaks = List.copyOf(leaks);
    }

    /** A clean result. */
    public static CheckResult clean() {
        return new CheckResult(List.of(), List.of());
    }

    /** Whether the image is consistent (leaks allowed). */
    public boolean consistent() {
        return corruptions.isEmpty();
    }
}
