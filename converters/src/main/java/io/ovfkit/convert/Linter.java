package io.ovfkit.convert;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a package against target profiles. The package is read once through ova-io, without
 * extracting: the descriptor model, the manifest, the member list, the tar headers of a local OVA
 * and the first bytes of each disk file. Every {@link TargetRule} of every profile then judges the
 * values of its {@link Aspect}; the rules are data, and this class is the one interpreter of them.
 *
 * <pre>{@code
 * try (OvfPackage p = OvfPackage.open("appliance.ova")) {
 *     LintReport r = Linter.lint(p, Targets.builtIn().parse("vsphere,proxmox"));
 *     r.findings().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>For a value a rule does not accept: when the importer turns it into something else
 * ({@link TargetRule#changedInto}) the finding is a warning saying into what; otherwise it has the
 * rule's severity, lowered to a warning when the rule is unverified. In a profile made of others
 * ({@code portable}) findings of several targets about the same place and rule are merged into one,
 * naming them all.
 *
 * <p>Stateless; safe to call from any thread, with a package that no other thread uses meanwhile
 * ({@link io.ovfkit.ova.OvfPackage} is not thread-safe).
 */
public final class Linter {
    private Linter() {
    }

    /**
     * Lints {@code pkg} against each of {@code profiles}.
     *
     * @param pkg an open package
     * @param profiles the targets
     * @return the findings, by target in the order given, then by place
     * @throws IOException when the package cannot be read
     * @throws io.ovfkit.ova.PackageException when the package is malformed (an unsafe member, a truncated archive)
     */
    public static LintReport lint(OvfPackage pkg, List<TargetProfile> profiles) throws IOException {
        Objects.requireNonNull(pkg, "pkg");
        PackageFacts facts = PackageFacts.of(pkg);
        List<Finding> all = new ArrayList<>();
        for (TargetProfile profile : profiles) {
            all.addAll(lint(facts, profile));
        }
        return new LintReport(pkg.name(), profiles, all, facts.notes());
    }

    private static List<Finding> lint(PackageFacts facts, TargetProfile profile) {
        Map<String, Finding> merged = new LinkedHashMap<>();
        for (TargetRule rule : profile.rules()) {
            for (Observation o : facts.observations(rule.aspect())) {
                Finding f = judge(profile, rule, o);
                if (f == null) {
                    continue;
                }
                String key = f.rule() + "\u0000" + f.place() + "\u0000" + f.value() + "\u0000" + f.aspect();
                Finding before = merged.get(key);
                merged.put(key, before == null ? f : merge(before, f));
            }
        }
        List<Finding> out = new ArrayList<>(merged.values());
        out.sort(Comparator.comparing((Finding f) -> f.place().file()).thenComparingInt(f -> f.place().line())
                .thenComparingInt(f -> f.place().column()).thenComparing(Finding::rule));
        return out;
    }

    /** The finding of one rule on one value, or {@code null} when the rule holds. */
    static Finding judge(TargetProfile profile, TargetRule rule, Observation o) {
        String value = o.value();
        String origin = rule.origin() == null ? profile.id() : rule.origin();
        String who = origin.equals(profile.id()) ? profile.name() : origin;
        Severity refusal = rule.verified() ? rule.severity() : Severity.WARNING;
        if (rule.limit() != null) {
            long v;
            try {
                v = Long.parseLong(value);
            } catch (NumberFormatException e) {
                return null;
            }
            if (v <= rule.limit()) {
                return null;
            }
            return finding(profile, rule, o, refusal, o.subject() + " is " + v + " bytes; " + who + " takes at most "
                    + rule.limit() + " (" + rule.note() + ")");
        }
        List<String> values = rule.aspect() == Aspect.SYSTEM_TYPE ? List.of(value.split("[\\s,]+")) : List.of(value);
        String changed = null;
        for (String v : values) {
            if (rule.accepts(v)) {
                return null;
            }
            if (changed == null) {
                changed = rule.changedInto(v);
            }
        }
        String shown = value.isEmpty() ? "(none)" : "\"" + value + "\"";
        if (changed != null) {
            return finding(profile, rule, o, Severity.WARNING, o.subject() + ": " + shown + " becomes " + changed
                    + " on " + who + " (" + rule.note() + ")");
        }
        String accepted = rule.accepted().isEmpty() ? "" : "; takes " + describe(rule);
        return finding(profile, rule, o, refusal, o.subject() + ": " + shown + " is not accepted by " + who
                + accepted + " (" + rule.note() + ")" + (rule.verified() ? "" : " [unverified]"));
    }

    private static String describe(TargetRule rule) {
        List<String> shown = new ArrayList<>();
        for (String a : rule.accepted()) {
            shown.add(a.isEmpty() ? "(none)" : a);
        }
        String list = String.join(", ", shown.size() > 12 ? shown.subList(0, 12) : shown)
                + (shown.size() > 12 ? ", …" : "");
        return rule.match() == TargetRule.Match.PATTERN ? "values matching " + list : list;
    }

    private static Finding finding(TargetProfile profile, TargetRule rule, Observation o, Severity severity,
            String reason) {
        String origin = rule.origin() == null ? profile.id() : rule.origin();
        return new Finding(rule.aspect().ruleId(), rule.aspect(), severity, profile.id(), origin, o.place(),
                o.value(), reason, message(rule.message(), o), rule.isFixable(), rule.verified(), rule.source());
    }

    /**
     * The importer's message filled in: {@code {id}} with the item's InstanceID or the file's href,
     * a single {@code %s} with the value, a single {@code %d} with the line (two: line and column).
     * Other placeholders stay as the source quotes them.
     */
    static String message(String template, Observation o) {
        if (template == null) {
            return null;
        }
        String m = o.id().isEmpty() ? template : template.replace("{id}", o.id());
        if (count(m, "%s") == 1) {
            m = m.replace("%s", o.value());
        }
        int line = o.place().line();
        if (line > 0 && count(m, "%d") == 1) {
            m = m.replace("%d", Integer.toString(line));
        } else if (line > 0 && o.place().column() > 0 && count(m, "%d") == 2) {
            m = m.replaceFirst("%d", Integer.toString(line)).replaceFirst("%d", Integer.toString(o.place().column()));
        }
        return m;
    }

    private static int count(String s, String token) {
        int n = 0;
        for (int i = s.indexOf(token); i >= 0; i = s.indexOf(token, i + 1)) {
            n++;
        }
        return n;
    }

    /** One finding for two targets' rules on the same place: the more serious, naming both. */
    private static Finding merge(Finding a, Finding b) {
        Finding first = a.severity().compareTo(b.severity()) >= 0 ? a : b;
        Finding other = first == a ? b : a;
        String origins = a.origin().contains(b.origin()) ? a.origin() : a.origin() + "," + b.origin();
        String reason = first.reason().contains(other.reason()) ? first.reason()
                : first.reason() + "; also " + other.reason();
        return new Finding(first.rule(), first.aspect(), first.severity(), first.target(), origins, first.place(),
                first.value(), reason, first.targetMessage() != null ? first.targetMessage() : other.targetMessage(),
                a.fixable() && b.fixable(), a.verified() && b.verified(),
                first.source().equals(other.source()) ? first.source() : first.source() + "; " + other.source());
    }
}
