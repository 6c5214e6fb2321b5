package io.ovfkit.compose;

import io.ovfkit.convert.LintReport;
import io.ovfkit.convert.Verdict;
import io.ovfkit.ova.write.PackageResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Composer#compose} wrote and, when the spec names a {@code target:}, how the result
 * lints against it.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param written the package writer's result (members, manifest, certificate, warnings)
 * @param lint the lint report for the spec's target profiles, empty without {@code target:}
 * @param target the spec's {@code target:} text, or null
 */
public record ComposeResult(PackageResult written, Optional<LintReport> lint, String target) {
    /** Checks the components. */
    public ComposeResult {
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(lint, "lint");
    }

    /** True without a target, or when the package lints clean (no finding) for every target profile. */
    public boolean clean() {
        if (lint.isEmpty()) {
            return true;
        }
        LintReport r = lint.get();
        return r.findings().isEmpty();
    }

    /** The verdict for one target profile id, when the spec names targets. */
    public Optional<Verdict> verdict(String targetId) {
        return lint.map(r -> r.verdict(targetId));
    }
}
