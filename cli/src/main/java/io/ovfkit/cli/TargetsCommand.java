package io.ovfkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ovfkit.convert.Aspect;
import io.ovfkit.convert.TargetProfile;
import io.ovfkit.convert.TargetRule;
import io.ovfkit.convert.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit targets [ID] [--json]}: the target profiles of {@link Targets#builtIn()}, or one with
 * its rules and their sources.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "targets",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"List the hypervisors and clouds ovfkit knows the importers of (what each accepts), or show one"
                + " target's rules with their sources.",
            "IDs: vsphere (vsphere:VERSION for a host release, plain vsphere = 7.0), workstation, virtualbox, proxmox,"
                + " libvirt, ovirt, xen, hyperv, azure, aws, gce, kubevirt, vcloud, portable."})
public final class TargetsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The target to show with its rules.")
    String id;

    @Mixin
    JsonOption json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public TargetsCommand() {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (id == null) {
            List<TargetProfile> all = Targets.builtIn().all();
            if (json.enabled()) {
                try (JsonGenerator g = JsonOutput.open(out)) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("targets");
                    for (TargetProfile t : all) {
                        profile(g, t, false);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                JsonOutput.end(out);
            } else {
                int width = all.stream().mapToInt(t -> t.id().length()).max().orElse(8);
                for (TargetProfile t : all) {
                    out.println(String.format("%-" + width + "s  %s (%d rules%s)", t.id(), t.name(), t.rules().size(),
                            t.importsPackages() ? "" : "; imports no OVF packages"));
                }
                out.println("vsphere:VERSION for a host release: " + String.join(", ", Targets.vsphereVersions()));
                out.flush();
            }
            return ExitStatus.OK.code();
        }
        TargetProfile t;
        try {
            t = Targets.builtIn().get(id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (json.enabled()) {
            try (JsonGenerator g = JsonOutput.open(out)) {
                profile(g, t, true);
            }
            JsonOutput.end(out);
        } else {
            text(out, t);
        }
        return ExitStatus.OK.code();
    }

    private static void text(PrintWriter out, TargetProfile t) {
        out.println(t.id() + ": " + t.name());
        out.println("  " + t.description());
        out.println("  imports OVF packages: " + (t.importsPackages() ? "yes" : "no"));
        t.manifestAlgorithm().ifPresent(a -> out.println("  manifest written by retarget: " + a.manifestName()));
        out.println("rules:");
        for (TargetRule r : t.rules()) {
            StringBuilder b = new StringBuilder("  ").append(r.aspect().ruleId()).append(' ').append(r.aspect().label());
            if (!r.origin().equals(t.id())) {
                b.append(" [").append(r.origin()).append(']');
            }
            b.append(": ").append(r.note());
            out.println(b);
            if (!r.accepted().isEmpty()) {
                out.println("      accepts" + (r.match() == TargetRule.Match.PATTERN ? " (patterns)"
                        : r.match() == TargetRule.Match.IGNORE_CASE ? " (any case)" : "") + ": "
                        + String.join(", ", r.accepted().stream().map(v -> v.isEmpty() ? "(none)" : v).toList()));
            }
            if (!r.refused().isEmpty()) {
                out.println("      refuses: " + String.join(", ", r.refused()));
            }
            if (r.limit() != null) {
                out.println("      at most: " + r.limit() + " bytes");
            }
            for (Map.Entry<String, String> e : r.becomes().entrySet()) {
                out.println("      " + e.getKey() + " becomes " + e.getValue());
            }
            if (r.otherwise() != null) {
                out.println("      anything else becomes " + r.otherwise());
            }
            out.println("      otherwise: " + (r.verified() ? r.severity().label() : "warning (unverified)")
                    + (r.isFixable() ? ", fixable by retarget" : ", not fixable by retarget"));
            if (r.message() != null) {
                out.println("      message: " + r.message());
            }
            out.println("      source: " + r.source());
        }
        out.flush();
    }

    /** One target: id, name, description, importsPackages, manifestAlgorithm, accepts (and rules when asked). */
    private static void profile(JsonGenerator g, TargetProfile t, boolean withRules) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", t.id());
        g.writeStringField("name", t.name());
        g.writeStringField("description", t.description());
        g.writeBooleanField("importsPackages", t.importsPackages());
        if (t.manifestAlgorithm().isPresent()) {
            g.writeStringField("manifestAlgorithm", t.manifestAlgorithm().get().manifestName());
        } else {
            g.writeNullField("manifestAlgorithm");
        }
        g.writeObjectFieldStart("accepts");
        for (Aspect a : Aspect.values()) {
            List<TargetRule> rules = t.rules(a);
            if (rules.isEmpty()) {
                continue;
            }
            Long limit = rules.stream().map(TargetRule::limit).filter(java.util.Objects::nonNull).min(Long::compare)
                    .orElse(null);
            if (limit != null) {
                g.writeNumberField(a.jsonName(), limit);
                continue;
            }
            List<String> accepted = t.accepted(a).orElse(List.of());
            Set<String> refused = new LinkedHashSet<>();
            rules.forEach(r -> refused.addAll(r.refused()));
            if (accepted.isEmpty() && !refused.isEmpty()) {
                g.writeObjectFieldStart(a.jsonName());
                strings(g, "refused", List.copyOf(refused));
                g.writeEndObject();
            } else {
                strings(g, a.jsonName(), accepted);
            }
        }
        g.writeEndObject();
        if (withRules) {
            g.writeArrayFieldStart("rules");
            for (TargetRule r : t.rules()) {
                rule(g, r);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void rule(JsonGenerator g, TargetRule r) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", r.aspect().ruleId());
        g.writeStringField("aspect", r.aspect().jsonName());
        strings(g, "accepted", r.accepted());
        strings(g, "refused", r.refused());
        g.writeStringField("match", r.match().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        g.writeObjectFieldStart("becomes");
        for (Map.Entry<String, String> e : r.becomes().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        string(g, "otherwise", r.otherwise());
        if (r.limit() == null) {
            g.writeNullField("limit");
        } else {
            g.writeNumberField("limit", r.limit());
        }
        g.writeStringField("severity", r.severity().label());
        g.writeBooleanField("verified", r.verified());
        g.writeBooleanField("fixable", r.isFixable());
        string(g, "message", r.message());
        g.writeStringField("note", r.note());
        g.writeStringField("source", r.source());
        g.writeStringField("origin", r.origin());
        g.writeEndObject();
    }

    static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void string(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }
}
