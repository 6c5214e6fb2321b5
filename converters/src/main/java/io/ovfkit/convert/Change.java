package io.ovfkit.convert;

import java.util.Objects;

/**
 * One thing {@link Retargeter} changes in a package (or, in a plan, would change). Immutable and safe
 * to share between threads.
 *
 * @param rule the lint rule id the change satisfies ({@code NIC-TYPE}), or {@code REPACK} for what
 *     every rewrite does (manifest made anew, member order, tar headers)
 * @param place where in the input package
 * @param subject what is changed, for people ({@code Item 7 "Network adapter 1"})
 * @param from the value before ({@code ""} when absent)
 * @param to the value after ({@code ""} when removed)
 * @param action what is done, in words ({@code "set rasd:ResourceSubType"}, {@code "removed"})
 */
public record Change(String rule, Place place, String subject, String from, String to, String action) {
    /** Checks the components. */
    public Change {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(action, "action");
    }

    /** {@return {@code PLACE: RULE: subject: action "from" -> "to"}, the line the CLI prints} */
    @Override
    public String toString() {
        return place + ": " + rule + ": " + subject + ": " + action
                + (from.isEmpty() && to.isEmpty() ? "" : " " + shown(from) + " -> " + shown(to));
    }

    private static String shown(String v) {
        return v.isEmpty() ? "(none)" : "\"" + v + "\"";
    }
}
