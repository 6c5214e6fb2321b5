package io.ovfkit.convert;

import io.ovfkit.ovf.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Linter#lint} found: every finding for every target asked about, in target order and
 * then in order of place. Immutable and safe to share between threads.
 *
 * @param packageName the package as named in messages
 * @param targets the profiles linted against, in the order asked
 * @param findings every finding
 * @param notes what could not be looked at (a disk that could not be opened, the tar headers of an OVA
 *     read from a URL), so that its rules were not checked
 */
public record LintReport(String packageName, List<TargetProfile> targets, List<Finding> findings,
        List<String> notes) {
    /** Checks and copies the components. */
    public LintReport {
        Objects.requireNonNull(packageName, "packageName");
        targets = List.copyOf(targets);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /**
     * The findings for one target.
     *
     * @param targetId the profile's id
     * @return its findings
     */
    public List<Finding> findings(String targetId) {
        return findings.stream().filter(f -> f.target().equals(targetId)).toList();
    }

    /**
     * How many findings of a severity one target has.
     *
     * @param targetId the profile's id
     * @param severity the severity
     * @return the count
     */
    public long count(String targetId, Severity severity) {
        return findings.stream().filter(f -> f.target().equals(targetId) && f.severity() == severity).count();
    }

    /**
     * How the package stands with one target.
     *
     * @param targetId the profile's id
     * @return {@link Verdict#CLEAN} without findings, {@link Verdict#BLOCKING} with an error
     *     {@code retarget} cannot fix, else {@link Verdict#FIXABLE}
     */
    public Verdict verdict(String targetId) {
        List<Finding> fs = findings(targetId);
        if (fs.isEmpty()) {
            return Verdict.CLEAN;
        }
        boolean blocking = fs.stream().anyMatch(f -> f.severity() == Severity.ERROR && !f.fixable());
        return blocking ? Verdict.BLOCKING : Verdict.FIXABLE;
    }

    /** @return whether any target has an error (the import would fail as the package is) */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
