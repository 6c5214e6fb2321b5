package io.ovfkit.convert;

import io.ovfkit.ovf.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing a target's importer accepts, as data: for one {@link Aspect}, the accepted values (or
 * patterns), what the importer silently turns other values into, how bad a violation is, the
 * importer's own message, and where the rule comes from. Immutable and safe to share between threads;
 * build with {@link #of(Aspect)}.
 *
 * <p>A value satisfies the rule when it matches an accepted value ({@link Match}). A value that does
 * not is either <em>changed silently</em> (listed in {@link #becomes()}, or any value when
 * {@link #otherwise()} is set: a warning, the package imports with a difference) or <em>refused</em>
 * (a finding of {@link #severity()}, normally an error). Rules whose source only infers the
 * behaviour are {@linkplain #verified() unverified}; the linter never reports them as errors.
 *
 * @param aspect what the rule constrains
 * @param accepted the accepted values or patterns, in the order a reader should see them; empty when
 *     any value not {@code refused} is accepted
 * @param refused values (or patterns) refused even when {@code accepted} would take them
 * @param match how values are compared with {@code accepted} (and with the keys of {@code becomes})
 * @param becomes values the importer accepts but changes, with what each becomes
 * @param otherwise what any other value becomes, or {@code null} when other values are refused
 * @param limit for size aspects, the largest accepted value; {@code null} otherwise
 * @param severity the severity of a refused value ({@link Severity#ERROR} when the import fails)
 * @param message the importer's own message, as users see it, or {@code null} when none is known
 * @param note the rule in words
 * @param source where the rule comes from (code, documentation or report, as in platform-rules.md)
 * @param verified false when the source marks the rule unverified or only inferred
 * @param fixable whether {@code retarget} can make a package satisfy the rule; {@code null} for the
 *     aspect's {@linkplain Aspect#fixable() default}
 * @param origin the id of the target the rule was written for (differs from the profile's own id in
 *     profiles made of others, such as {@code portable})
 */
public record TargetRule(Aspect aspect, List<String> accepted, List<String> refused, Match match,
        Map<String, String> becomes, String otherwise, Long limit, Severity severity, String message, String note,
        String source, boolean verified, Boolean fixable, String origin) {

    /** How a value is compared with the accepted ones. */
    public enum Match {
        /** Equal, case included (vSphere's {@code VirtualSCSI}: {@code virtualscsi} is refused). */
        EXACT,
        /** Equal ignoring case. */
        IGNORE_CASE,
        /** The accepted entries are regular expressions that must match the whole value. */
        PATTERN
    }

    /** Checks and copies the components. */
    public TargetRule {
        Objects.requireNonNull(aspect, "aspect");
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
        Objects.requireNonNull(match, "match");
        becomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(becomes));
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(source, "source");
        if (match == Match.PATTERN) {
            for (String p : accepted) {
                Pattern.compile(p);
            }
            for (String p : refused) {
                Pattern.compile(p);
            }
        }
    }

    /**
     * A builder for a rule on {@code aspect}: by default exact matching, refused values are errors,
     * verified.
     *
     * @param aspect what the rule constrains
     * @return a new builder
     */
    public static Builder of(Aspect aspect) {
        return new Builder(aspect);
    }

    /**
     * This rule as written for another target (used when a profile is made of others).
     *
     * @param targetId the target the rule came from
     * @return a copy with that origin
     */
    public TargetRule withOrigin(String targetId) {
        return new TargetRule(aspect, accepted, refused, match, becomes, otherwise, limit, severity, message, note,
                source, verified, fixable, targetId);
    }

    /**
     * Whether {@code value} is one of the accepted values (or matches an accepted pattern).
     *
     * @param value the value as written in the package
     * @return true when the importer takes it as it is
     */
    public boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        for (String r : refused) {
            if (matches(r, value)) {
                return false;
            }
        }
        if (accepted.isEmpty()) {
            return true;
        }
        for (String a : accepted) {
            if (matches(a, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a finding against this rule can be fixed by {@code retarget}.
     *
     * @return {@link #fixable()} when set, else the aspect's default
     */
    public boolean isFixable() {
        return fixable != null ? fixable : aspect.fixable();
    }

    /**
     * What the importer turns {@code value} into when it accepts it with a change: its entry in
     * {@link #becomes()}, else {@link #otherwise()}; {@code null} when it refuses it (or takes it as
     * it is).
     *
     * @param value the value as written
     * @return what the importer makes of it, or {@code null}
     */
    public String changedInto(String value) {
        if (accepts(value)) {
            return null;
        }
        for (Map.Entry<String, String> e : becomes.entrySet()) {
            if (matches(e.getKey(), value)) {
                return e.getValue();
            }
        }
        return otherwise;
    }

    private boolean matches(String accepted, String value) {
        return switch (match) {
            case EXACT -> accepted.equals(value);
            case IGNORE_CASE -> accepted.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
            case PATTERN -> Pattern.matches(accepted, value);
        };
    }

    /** The builder of a {@link TargetRule}. Not thread-safe. */
    public static final class Builder {
        private final Aspect aspect;
        private final List<String> accepted = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();
        private Boolean fixable;
        private Match match = Match.EXACT;
        private final Map<String, String> becomes = new LinkedHashMap<>();
        private String otherwise;
        private Long limit;
        private Severity severity = Severity.ERROR;
        private String message;
        private String note = "";
        private String source = "";
        private boolean verified = true;
        private String origin;

        private Builder(Aspect aspect) {
            this.aspect = Objects.requireNonNull(aspect, "aspect");
        }

        /**
         * Adds accepted values (or patterns, with {@link #patterns()}).
         *
         * @param values the values
         * @return this builder
         */
        public Builder accept(String... values) {
            accepted.addAll(List.of(values));
            return this;
        }

        /**
         * Adds refused values (or patterns): refused whatever the accepted list says.
         *
         * @param values the values
         * @return this builder
         */
        public Builder refuse(String... values) {
            refused.addAll(List.of(values));
            return this;
        }

        /**
         * Says whether {@code retarget} can fix a package that breaks the rule (default: the aspect's).
         *
         * @param value the flag
         * @return this builder
         */
        public Builder fixable(boolean value) {
            this.fixable = value;
            return this;
        }

        /**
         * Compares values ignoring case.
         *
         * @return this builder
         */
        public Builder ignoreCase() {
            match = Match.IGNORE_CASE;
            return this;
        }

        /**
         * Reads the accepted values as regular expressions.
         *
         * @return this builder
         */
        public Builder patterns() {
            match = Match.PATTERN;
            return this;
        }

        /**
         * Records that the importer accepts {@code value} but turns it into {@code result}.
         *
         * @param value a value as written (compared like the accepted ones)
         * @param result what the importer makes of it
         * @return this builder
         */
        public Builder becomes(String value, String result) {
            becomes.put(value, result);
            return this;
        }

        /**
         * Records that the importer turns every value not accepted into {@code result} (a silent
         * change, not a refusal).
         *
         * @param result what other values become
         * @return this builder
         */
        public Builder otherwise(String result) {
            this.otherwise = result;
            return this;
        }

        /**
         * Sets the largest accepted value of a size aspect.
         *
         * @param max the limit
         * @return this builder
         */
        public Builder limit(long max) {
            this.limit = max;
            return this;
        }

        /**
         * Refused values are only warnings (the importer goes on).
         *
         * @return this builder
         */
        public Builder warning() {
            this.severity = Severity.WARNING;
            return this;
        }

        /**
         * Sets the importer's own message.
         *
         * @param text the message as users see it
         * @return this builder
         */
        public Builder message(String text) {
            this.message = text;
            return this;
        }

        /**
         * Sets the rule in words.
         *
         * @param text the explanation
         * @return this builder
         */
        public Builder note(String text) {
            this.note = text;
            return this;
        }

        /**
         * Sets where the rule comes from.
         *
         * @param text the reference, as in platform-rules.md
         * @return this builder
         */
        public Builder source(String text) {
            this.source = text;
            return this;
        }

        /**
         * Marks the rule unverified (its source only infers it); refused values become warnings.
         *
         * @return this builder
         */
        public Builder unverified() {
            this.verified = false;
            return this;
        }

        /**
         * Sets the target the rule is written for (the profile's id when left out).
         *
         * @param targetId the target id
         * @return this builder
         */
        public Builder origin(String targetId) {
            this.origin = targetId;
            return this;
        }

        /**
         * The rule.
         *
         * @return the immutable rule
         */
        public TargetRule build() {
            return new TargetRule(aspect, accepted, refused, match, becomes, otherwise, limit, severity, message,
                    note, source, verified, fixable, origin);
        }
    }
}
