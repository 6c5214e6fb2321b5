package io.ovfkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ovfkit.convert.Finding;
import io.ovfkit.convert.LintReport;
import io.ovfkit.convert.Linter;
import io.ovfkit.convert.TargetProfile;
import io.ovfkit.convert.Targets;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit lint PKG --target T[,T…]|all [--json]}: what each target's importer would refuse or
 * change in a package ({@link Linter}); with {@code all}, a portability matrix.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check a package against what the importers of hypervisors and clouds accept (see 'ovfkit"
                + " targets').",
            "Prints PLACE: severity RULE [target]: reason per finding (error: the import fails; warning: it imports"
                + " with a silent change, or the rule is unverified), the target's own message where known, and whether"
                + " 'retarget' fixes it. With --target all: a matrix of targets x clean/fixable/blocking."})
public final class LintCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "PKG", description = {"An .ova, an .ovf with its files, a folder holding"
            + " one .ovf, an http(s) URL of either, or - for an OVA on standard input."})
    String pkg;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "T[,T...]|all",
            description = "The targets: ids separated by commas (vsphere, vsphere:6.7, proxmox, portable…), or all.")
    String target;

    @Mixin
    JsonOption json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public LintCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.OK, "no errors for any target named (warnings allowed)",
                ExitStatus.CHECK_FAILED, "a target named would refuse the package (an error)",
                ExitStatus.USAGE, "usage error (an unknown target)",
                ExitStatus.INPUT, "the package cannot be read (not an OVA or OVF, unsafe or truncated archive, URL"
                        + " unreachable)");
    }

    @Override
    public Integer call() throws IOException {
        List<TargetProfile> profiles;
        try {
            profiles = Targets.builtIn().parse(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LintReport report;
        try (OvfPackage p = OvfPackage.open(pkg)) {
            PackageInput.warn(spec.commandLine().getErr(), p);
            report = Linter.lint(p, profiles);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            json(out, report);
        } else if (target.trim().equalsIgnoreCase("all")) {
            matrix(out, report);
        } else {
            text(out, report);
        }
        return report.hasErrors() ? ExitStatus.CHECK_FAILED.code() : ExitStatus.OK.code();
    }

    private static void text(PrintWriter out, LintReport r) {
        for (Finding f : r.findings()) {
            out.println(f.place() + ": " + f.severity().label() + " " + f.rule() + " [" + f.target() + "]: "
                    + f.reason() + (f.fixable() ? " (retarget fixes it)" : " (retarget cannot fix it)"));
            if (f.targetMessage() != null) {
                out.println("    " + f.target() + " says: " + f.targetMessage());
            }
        }
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
        for (TargetProfile t : r.targets()) {
            out.println(t.id() + ": " + r.verdict(t.id()).label() + ", " + plural(r.count(t.id(), Severity.ERROR),
                    "error") + ", " + plural(r.count(t.id(), Severity.WARNING), "warning"));
        }
        out.flush();
    }

    /** The portability matrix: one row per target, an x under its verdict. */
    private static void matrix(PrintWriter out, LintReport r) {
        int width = Math.max(6, r.targets().stream().mapToInt(t -> t.id().length()).max().orElse(6));
        String row = "%-" + width + "s  %-5s  %-7s  %-8s  %6s  %8s%n";
        out.printf(row, "target", "clean", "fixable", "blocking", "errors", "warnings");
        for (TargetProfile t : r.targets()) {
            String v = r.verdict(t.id()).label();
            out.printf(row, t.id(), v.equals("clean") ? "x" : "", v.equals("fixable") ? "x" : "",
                    v.equals("blocking") ? "x" : "", r.count(t.id(), Severity.ERROR), r.count(t.id(), Severity.WARNING));
        }
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
        out.println("(lint PKG --target ID lists the findings for one target)");
        out.flush();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** {@code package, ok, targets[], findings[], notes[]} as documented in cli/README.md. */
    private static void json(PrintWriter out, LintReport r) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("package", r.packageName());
            g.writeBooleanField("ok", !r.hasErrors());
            g.writeArrayFieldStart("targets");
            for (TargetProfile t : r.targets()) {
                g.writeStartObject();
                g.writeStringField("id", t.id());
                g.writeStringField("name", t.name());
                g.writeStringField("verdict", r.verdict(t.id()).label());
                g.writeNumberField("errors", r.count(t.id(), Severity.ERROR));
                g.writeNumberField("warnings", r.count(t.id(), Severity.WARNING));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                g.writeStartObject();
                g.writeStringField("rule", f.rule());
                g.writeStringField("severity", f.severity().label());
                g.writeStringField("target", f.target());
                g.writeStringField("origin", f.origin());
                writePlace(g, f.place());
                g.writeStringField("value", f.value());
                g.writeStringField("reason", f.reason());
                TargetsCommand.string(g, "targetMessage", f.targetMessage());
                g.writeBooleanField("fixable", f.fixable());
                g.writeBooleanField("verified", f.verified());
                g.writeStringField("source", f.source());
                g.writeEndObject();
            }
            g.writeEndArray();
            TargetsCommand.strings(g, "notes", r.notes());
            g.writeEndObject();
        }
        JsonOutput.end(out);
    }

    /** {@code place}, {@code file}, {@code line}, {@code column} of a place (line and column null when unknown). */
    static void writePlace(com.fasterxml.jackson.core.JsonGenerator g, io.ovfkit.convert.Place p) throws java.io.IOException {
        g.writeStringField("place", p.toString());
        g.writeStringField("file", p.file());
        if (p.line() > 0) {
            g.writeNumberField("line", p.line());
        } else {
            g.writeNullField("line");
        }
        if (p.column() > 0) {
            g.writeNumberField("column", p.column());
        } else {
            g.writeNullField("column");
        }
    }
}
