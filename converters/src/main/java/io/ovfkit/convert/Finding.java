package io.ovfkit.convert;

import io.ovfkit.ovf.Severity;
import java.util.Objects;

/**
 * One thing about a package that a target's importer refuses (an {@link Severity#ERROR}) or
 * accepts with a silent change (a {@link Severity#WARNING}). Immutable and safe to share between
 * threads.
 *
 * @param rule the stable rule id, such as {@code OVF-SYSTEM-TYPE} ({@link Aspect#ruleId()})
 * @param aspect the aspect the rule checks
 * @param severity error (the import fails) or warning (it imports, changed; or the rule is unverified)
 * @param target the id of the profile the finding is for
 * @param origin the id of the target whose rule it is (differs from {@code target} for {@code portable})
 * @param place where in the package
 * @param value the value found, as written ({@code ""} when absent)
 * @param reason what is wrong and what the target takes instead, for people
 * @param targetMessage the importer's own message as users see it, or {@code null} when none is known
 * @param fixable whether {@code retarget} can fix it
 * @param verified false when the rule's source only infers the behaviour
 * @param source where the rule comes from
 */
public record Finding(String rule, Aspect aspect, Severity severity, String target, String origin, Place place,
        String value, String reason, String targetMessage, boolean fixable, boolean verified, String source) {
    /** Checks the components. */
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(aspect, "aspect");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
    }

    /** {@return {@code PLACE: severity RULE [target]: reason}, the line the CLI prints} */
    @Override
    public String toString() {
        return place + ": " + severity.label() + " " + rule + " [" + target + "]: " + reason;
    }
}
