package io.ovfkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ovfkit.convert.Change;
import io.ovfkit.convert.RetargetException;
import io.ovfkit.convert.RetargetOptions;
import io.ovfkit.convert.RetargetReport;
import io.ovfkit.convert.Retargeter;
import io.ovfkit.convert.TargetProfile;
import io.ovfkit.convert.Targets;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.write.PackageOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code ovfkit retarget PKG --target T -o OUT [--dry-run]}: makes a package suit one target
 * ({@link Retargeter}) and writes it in the form that target imports. Parsing and printing only.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "retarget",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Make a package import cleanly on one target: every fix 'ovfkit lint' marks as fixable, in one"
                + " pass (system type, controllers, NIC types, host resources, units, refused items and sections, OVF"
                + " version, manifest algorithm and syntax, member order, tar headers, disks converted on the fly),"
                + " re-hashed, and re-signed with --sign-key (an old signature is dropped with a warning).",
            "OUT is an .ova file for vsphere, workstation, virtualbox, proxmox, libvirt, ovirt, xen, aws, vcloud and"
                + " portable; a .vhd file for azure (and OUT.json with the hardware); a folder for hyperv (one .vhdx"
                + " per disk and VM.json); a .tar.gz for gce (disk.raw); a .tar for kubevirt (an OCI image layout"
                + " archive: a containerDisk). Written under a temporary name and renamed when complete.",
            "Prints each change (PLACE: RULE: subject: action \"from\" -> \"to\") and the warnings; --dry-run prints"
                + " them and writes nothing."})
public final class RetargetCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "PKG", description = {"An .ova, an .ovf with its files, a folder holding"
            + " one .ovf, or an http(s) URL of either (disks that must be converted need random access)."})
    String pkg;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "T",
            description = "One target (see 'ovfkit targets'): vsphere, vsphere:6.7, proxmox, portable, azure, kubevirt…")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Where to write (required unless --dry-run).")
    Path out;

    @Option(names = "--dry-run", description = "Print what would change; write nothing.")
    boolean dryRun;

    @Mixin
    CreateCommand.SigningOptions signing;

    @Option(names = "--reproducible",
            description = "Reproducible output: member times from SOURCE_DATE_EPOCH (else 1970-01-01).")
    boolean reproducible;

    @Option(names = "--threads", paramLabel = "N", description = "Threads converting and compressing (default: the"
            + " number of processors).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar, no list of changes (warnings still go to stderr).")
    boolean quiet;

    @Mixin
    ProgressOption progress;

    @Mixin
    JsonOption json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public RetargetCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.OK, "written (or, with --dry-run, planned)",
                ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.USAGE, "usage error (an unknown target, several targets, no -o without --dry-run, signing"
                        + " options without --sign-key)",
                ExitStatus.INPUT, "the package cannot be read or made to suit the target (a disk to convert that cannot"
                        + " be read at random), a key cannot be read, or OUT cannot be written (nothing is left)");
    }

    @Override
    public Integer call() throws IOException {
        TargetProfile profile;
        try {
            List<TargetProfile> list = Targets.builtIn().parse(target);
            if (list.size() != 1) {
                throw new IllegalArgumentException("retarget takes one target, not " + list.size() + ": " + target);
            }
            profile = list.get(0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out == null && !dryRun) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=OUT' (or --dry-run)");
        }
        RetargetOptions.Builder ob = RetargetOptions.builder().reproducible(reproducible);
        if (threads != null) {
            try {
                ob.threads(threads);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (reproducible) {
            try {
                PackageOptions.sourceDateEpoch(System.getenv()).ifPresent(ob::modificationTime);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (signing.key == null && (signing.cert != null || signing.passwordFile != null)) {
            throw new ParameterException(spec.commandLine(), "--sign-cert and --key-password-file need --sign-key");
        }
        if (signing.key != null && !dryRun) {
            ob.signer(CreateCommand.loadSigner(signing.key, signing.cert, signing.passwordFile));
        }
        PrintWriter err = spec.commandLine().getErr();
        // --progress json still reports with --json (they share stderr and stdout, not a stream);
        // the bar stays off for --json and --dry-run, as before.
        ProgressSink bar = dryRun ? ProgressSink.none() : progress.sink(err, quiet || json.enabled(), "retargeting");
        ob.progress(bar);
        RetargetReport report;
        try (OvfPackage p = OvfPackage.open(pkg)) {
            PackageInput.warn(err, p);
            if (dryRun) {
                report = Retargeter.plan(p, profile);
            } else {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new IOException(out + ": cannot write: the folder " + parent + " does not exist");
                }
                report = Retargeter.retarget(p, profile, out, ob.build());
            }
        } catch (RetargetException e) {
            err.println(ErrorReporter.PREFIX + e.getMessage());
            err.flush();
            return ExitStatus.INPUT.code();
        } finally {
            bar.close();
        }
        for (String w : report.warnings()) {
            err.println(ErrorReporter.PREFIX + "warning: " + w);
        }
        err.flush();
        PrintWriter o = spec.commandLine().getOut();
        if (json.enabled()) {
            json(o, report);
        } else if (!quiet || dryRun) {
            for (Change c : report.changes()) {
                o.println(c);
            }
            o.println((dryRun ? "would write " : "wrote ") + (dryRun ? report.form().output()
                    : String.join(", ", report.outputs().stream().map(Path::toString).toList())) + " for "
                    + report.target() + ": " + report.changes().size() + " change" + (report.changes().size() == 1 ? ""
                    : "s") + ", " + report.warnings().size() + " warning" + (report.warnings().size() == 1 ? "" : "s"));
            o.flush();
        }
        return ExitStatus.OK.code();
    }

    /** {@code package, target, form, dryRun, outputs[], changes[], warnings[]} as documented in cli/README.md. */
    private static void json(PrintWriter out, RetargetReport r) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("package", r.packageName());
            g.writeStringField("target", r.target());
            g.writeStringField("form", r.form().label());
            g.writeBooleanField("dryRun", r.dryRun());
            TargetsCommand.strings(g, "outputs", r.outputs().stream().map(Path::toString).toList());
            g.writeArrayFieldStart("changes");
            for (Change c : r.changes()) {
                g.writeStartObject();
                g.writeStringField("rule", c.rule());
                LintCommand.writePlace(g, c.place());
                g.writeStringField("subject", c.subject());
                g.writeStringField("action", c.action());
                g.writeStringField("from", c.from());
                g.writeStringField("to", c.to());
                g.writeEndObject();
            }
            g.writeEndArray();
            TargetsCommand.strings(g, "warnings", r.warnings());
            g.writeEndObject();
        }
        JsonOutput.end(out);
    }
}
