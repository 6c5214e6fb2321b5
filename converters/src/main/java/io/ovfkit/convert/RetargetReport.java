package io.ovfkit.convert;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Retargeter} changed (or, for a {@linkplain #dryRun() dry run}, would change) to make
 * a package suit a target, and what it wrote. Immutable and safe to share between threads.
 *
 * @param packageName the input package as named in messages
 * @param target the target's id
 * @param form what is written for the target
 * @param changes every change, descriptor edits first, then files, then the repacking
 * @param warnings what was dropped or could not be fixed (an old signature, a setting only the user
 *     can change), for people
 * @param outputs the files and folders written, in order; empty for a dry run
 * @param dryRun true when nothing was written
 */
public record RetargetReport(String packageName, String target, OutputForm form, List<Change> changes,
        List<String> warnings, List<Path> outputs, boolean dryRun) {
    /** Checks and copies the components. */
    public RetargetReport {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(form, "form");
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
        outputs = List.copyOf(outputs);
    }

    /**
     * The changes made for one lint rule.
     *
     * @param rule a rule id such as {@code NIC-TYPE}
     * @return those changes
     */
    public List<Change> changes(String rule) {
        return changes.stream().filter(c -> c.rule().equals(rule)).toList();
    }
}
