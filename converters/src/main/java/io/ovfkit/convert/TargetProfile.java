package io.ovfkit.convert;

import io.ovfkit.signing.DigestAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one hypervisor's or cloud's importer accepts: a list of {@link TargetRule}s, each with its
 * source. Immutable and safe to share between threads (a builder is not); the built-in profiles come
 * from {@link Targets}, and a library user makes
 * new ones or extends a built-in one with {@link #builder(String)} and
 * {@link #builder(TargetProfile)}:
 *
 * <pre>{@code
 * TargetProfile strict = TargetProfile.builder(Targets.get("vsphere"))
 *         .id("vsphere-no-sha1").name("vSphere, SHA-256 only")
 *         .replace(TargetRule.of(Aspect.MANIFEST_ALGORITHM).accept("SHA256").source("our policy").build())
 *         .build();
 * }</pre>
 *
 * <p>A package suits the profile when it satisfies every rule; several rules may constrain the same
 * aspect (a profile made of others, such as {@code portable}, holds all of theirs).
 *
 * @see Linter
 */
public final class TargetProfile {
    private final String id;
    private final String name;
    private final String description;
    private final boolean importsPackages;
    private final DigestAlgorithm manifestAlgorithm;
    private final List<TargetRule> rules;

    private TargetProfile(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.description = b.description;
        this.importsPackages = b.importsPackages;
        this.manifestAlgorithm = b.manifestAlgorithm;
        List<TargetRule> list = new ArrayList<>();
        for (TargetRule r : b.rules) {
            list.add(r.origin() == null ? r.withOrigin(b.id) : r);
        }
        this.rules = List.copyOf(list);
    }

    /**
     * A builder for a new profile.
     *
     * @param id the profile's id: lower case letters, digits, {@code -}, {@code .}, {@code :}
     * @return a builder with no rules
     */
    public static Builder builder(String id) {
        return new Builder().id(id);
    }

    /**
     * A builder holding a copy of {@code existing} (id, name, rules…), to extend or change it.
     *
     * @param existing the profile to start from
     * @return a builder
     */
    public static Builder builder(TargetProfile existing) {
        Builder b = new Builder().id(existing.id).name(existing.name).description(existing.description)
                .importsPackages(existing.importsPackages).manifestAlgorithm(existing.manifestAlgorithm);
        b.rules.addAll(existing.rules);
        return b;
    }

    /** @return the id ({@code vsphere}, {@code vsphere:6.7}, {@code portable}) */
    public String id() {
        return id;
    }

    /** @return the product name for people */
    public String name() {
        return name;
    }

    /** @return what the target is and how it imports, in one or two sentences */
    public String description() {
        return description;
    }

    /** @return whether the target imports OVF packages (OVA or OVF folder) as they are */
    public boolean importsPackages() {
        return importsPackages;
    }

    /** @return the manifest digest a rewritten package should use for this target, if one is preferred */
    public Optional<DigestAlgorithm> manifestAlgorithm() {
        return Optional.ofNullable(manifestAlgorithm);
    }

    /** @return every rule, in the order written */
    public List<TargetRule> rules() {
        return rules;
    }

    /**
     * The rules on one aspect.
     *
     * @param aspect the aspect
     * @return its rules, possibly none (then the target takes any value)
     */
    public List<TargetRule> rules(Aspect aspect) {
        return rules.stream().filter(r -> r.aspect() == aspect).toList();
    }

    /**
     * The values every rule on {@code aspect} accepts as they are: the intersection of the accepted
     * values of its rules, each also checked against the pattern rules. When only pattern rules
     * constrain the aspect, their patterns are listed as written (patterns cannot be intersected).
     *
     * @param aspect the aspect
     * @return the accepted values; empty when no rule constrains the aspect
     */
    public Optional<List<String>> accepted(Aspect aspect) {
        List<TargetRule> rs = rules(aspect);
        if (rs.isEmpty()) {
            return Optional.empty();
        }
        Set<String> values = null;
        Set<String> patterns = new LinkedHashSet<>();
        for (TargetRule r : rs) {
            if (r.match() == TargetRule.Match.PATTERN) {
                patterns.addAll(r.accepted());
            } else if (!r.accepted().isEmpty() && values == null) {
                values = new LinkedHashSet<>(r.accepted());
            }
        }
        if (values == null) {
            return Optional.of(List.copyOf(patterns));
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (rs.stream().allMatch(r -> r.accepts(v))) {
                out.add(v);
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /**
     * Whether every rule on {@code aspect} takes {@code value} as it is (no refusal, no silent
     * change); true when no rule constrains the aspect. For {@link Aspect#SYSTEM_TYPE} a list of
     * families passes a rule when any of them does, as the linter judges it.
     *
     * @param aspect the aspect
     * @param value the value as it would be written
     * @return whether the linter would have nothing to say about it
     */
    public boolean acceptsAsIs(Aspect aspect, String value) {
        for (TargetRule r : rules(aspect)) {
            if (r.limit() != null) {
                continue;
            }
            List<String> values = aspect == Aspect.SYSTEM_TYPE ? List.of(value.trim().split("[\\s,]+")) : List.of(value);
            if (values.stream().noneMatch(r::accepts)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first of {@code candidates} that every rule on {@code aspect} takes as it is: how
     * {@code retarget} asks a profile for the value to write, the candidates being the values it
     * knows how to write in its order of preference.
     *
     * @param aspect the aspect
     * @param candidates values in order of preference
     * @return the preferred value, empty when the profile takes none of them
     */
    public Optional<String> preferred(Aspect aspect, List<String> candidates) {
        for (String c : candidates) {
            if (acceptsAsIs(aspect, c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id + " (" + name + ", " + rules.size() + " rules)";
    }

    /** The builder of a {@link TargetProfile}. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String name;
        private String description = "";
        private boolean importsPackages = true;
        private DigestAlgorithm manifestAlgorithm;
        private final List<TargetRule> rules = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the id.
         *
         * @param value lower case letters, digits, {@code -}, {@code .}, {@code :}
         * @return this builder
         */
        public Builder id(String value) {
            Objects.requireNonNull(value, "id");
            if (!value.matches("[a-z0-9][a-z0-9.:-]*")) {
                throw new IllegalArgumentException("a target id is lower case letters, digits, '-', '.' and ':': \""
                        + value + "\"");
            }
            this.id = value;
            return this;
        }

        /**
         * Sets the name for people.
         *
         * @param value the name
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Sets the description.
         *
         * @param value one or two sentences
         * @return this builder
         */
        public Builder description(String value) {
            this.description = value == null ? "" : value;
            return this;
        }

        /**
         * Sets whether the target imports OVF packages as they are (default true).
         *
         * @param value the flag
         * @return this builder
         */
        public Builder importsPackages(boolean value) {
            this.importsPackages = value;
            return this;
        }

        /**
         * Sets the manifest digest a rewritten package should use.
         *
         * @param value the algorithm, or {@code null} for no preference
         * @return this builder
         */
        public Builder manifestAlgorithm(DigestAlgorithm value) {
            this.manifestAlgorithm = value;
            return this;
        }

        /**
         * Adds a rule (its origin becomes this profile's id unless it has one).
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(TargetRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Adds every rule of {@code other}, keeping their origins (for profiles made of others).
         *
         * @param other a profile
         * @return this builder
         */
        public Builder rulesOf(TargetProfile other) {
            rules.addAll(other.rules);
            return this;
        }

        /**
         * Removes every rule on {@code aspect} (the target then takes any value).
         *
         * @param aspect the aspect
         * @return this builder
         */
        public Builder remove(Aspect aspect) {
            rules.removeIf(r -> r.aspect() == aspect);
            return this;
        }

        /**
         * Replaces every rule on the aspect of {@code rule} with it.
         *
         * @param rule the new rule
         * @return this builder
         */
        public Builder replace(TargetRule rule) {
            return remove(rule.aspect()).rule(rule);
        }

        /**
         * The profile.
         *
         * @return the immutable profile
         * @throws IllegalStateException when the id or the name is missing
         */
        public TargetProfile build() {
            if (id == null || name == null) {
                throw new IllegalStateException("a target profile needs an id and a name");
            }
            return new TargetProfile(this);
        }
    }
}
