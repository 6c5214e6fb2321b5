package io.ovfkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.VerifyOptions;
import io.ovfkit.ova.VerifyReport;
import io.ovfkit.ova.VerifyReport.DiskResult;
import io.ovfkit.ova.VerifyReport.FileResult;
import io.ovfkit.ova.VerifyReport.SignatureResult;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.TrustAnchors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit verify PKG [--trust CA.pem] [--strict] [--require-signature] [--min-digest ALG] [--json]}: the checks of
 * {@link OvfPackage#verify}, printed as a report; exit 1 when the package fails.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check a package: manifest digests, files missing or not listed, ovf:size, each disk's real"
                + " format and capacity against its Disk element, and the signature with its certificate chain.",
            "Fails (exit 1) on a digest mismatch, a missing file, a size or disk mismatch, a signature that does"
                + " not verify, a signed package with a member its manifest does not list, or (with --min-digest) a"
                + " manifest or signature digest weaker than asked; warns (exit 0) when there is no manifest, the"
                + " descriptor or a file of an unsigned package is not in it, or the certificate is self-signed,"
                + " expired, not yet valid or not chained to a trust anchor."})
public final class VerifyCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "PKG", description = {"An .ova, an .ovf with its files, a folder holding"
            + " one .ovf, an http(s) URL of either, or - for an OVA on standard input."})
    String pkg;

    @Option(names = "--trust", paramLabel = "CA.pem",
            description = "Trust the CA certificates of this PEM bundle instead of the JDK's cacerts.")
    Path trust;

    @Option(names = "--strict", description = "Warnings fail the package too.")
    boolean strict;

    @Option(names = "--require-signature", description = "An unsigned package fails.")
    boolean requireSignature;

    @Option(names = "--min-digest", paramLabel = "ALG", description = "The weakest digest accepted: sha1, sha256 or"
            + " sha512; a manifest line or signature with a weaker one fails the package.")
    String minDigest;

    @Mixin
    JsonOption json;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public VerifyCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.OK, "the package verified (warnings allowed unless --strict)",
                ExitStatus.CHECK_FAILED, "the package failed verification (digest, missing file, size, disk,"
                        + " signature, a member of a signed package not in its manifest, a digest weaker than"
                        + " --min-digest; any warning with --strict)",
                ExitStatus.INPUT, "the package cannot be read (not an OVA or OVF, unsafe or truncated archive, trust"
                        + " bundle unreadable, URL unreachable)");
    }

    @Override
    public Integer call() throws Exception {
        VerifyOptions options = VerifyOptions.defaults().withStrict(strict).withRequireSignature(requireSignature);
        if (minDigest != null) {
            DigestAlgorithm min;
            try {
                min = DigestAlgorithm.parse(minDigest);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-digest: " + e.getMessage());
            }
            options = options.withMinDigest(min);
        }
        if (trust != null) {
            options = options.withAnchors(TrustAnchors.fromPem(trust));
        }
        VerifyReport report;
        try (OvfPackage p = OvfPackage.open(pkg); ProgressSink sink = progress.sink(spec.commandLine().getErr(), true,
                "verifying")) {
            // The library reports no progress while it verifies: the phase's start and end, with the
            // stored bytes when the package lists them up front.
            long total = -1;
            if (p.randomAccess()) {
                total = 0;
                for (io.ovfkit.ova.Member m : p.members()) {
                    total += m.size();
                }
            }
            sink.phase("verifying", null, total);
            report = p.verify(options);
            sink.progress(Math.max(total, 0), Math.max(total, 0));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            json(out, report);
        } else {
            text(out, report);
        }
        return report.ok() ? ExitStatus.OK.code() : ExitStatus.CHECK_FAILED.code();
    }

    private void text(PrintWriter out, VerifyReport r) {
        int width = 8;
        for (FileResult f : r.files()) {
            width = Math.max(width, f.href().length());
        }
        for (FileResult f : r.files()) {
            out.println(String.format("%-" + width + "s  %s", f.href(), f.status().label()));
        }
        for (DiskResult d : r.disks()) {
            out.println("disk " + d.diskId() + " (" + d.href() + "): " + d.status().label()
                    + (d.format() == null ? "" : ", " + d.format())
                    + (d.capacity() == null ? "" : ", " + d.capacity() + " bytes")
                    + (d.note() == null || d.status() == VerifyReport.DiskStatus.MISMATCH ? "" : " (" + d.note() + ")"));
        }
        SignatureResult s = r.signature();
        if (!s.present()) {
            out.println("signature: none");
        } else {
            out.println("signature: " + (Boolean.TRUE.equals(s.valid()) ? "valid" : "INVALID")
                    + (s.digest() == null ? "" : ", " + s.digest())
                    + (s.subject() == null ? "" : ", signed by " + s.subject())
                    + (s.selfSigned() == null ? "" : Boolean.TRUE.equals(s.selfSigned()) ? ", self-signed" : "")
                    + (s.expired() == null ? "" : Boolean.TRUE.equals(s.expired()) ? ", expired" : ", not expired")
                    + (s.trusted() == null ? "" : Boolean.TRUE.equals(s.trusted()) ? ", trusted" : ", not trusted"));
        }
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
        for (String f : r.failures()) {
            out.println("error: " + f);
        }
        if (r.ok()) {
            out.println("OK: " + pkg + " verified" + (r.warnings().isEmpty() ? "" : " with " + plural(r.warnings().size(),
                    "warning")));
        } else {
            out.println("FAILED: " + pkg + ": " + plural(r.failures().size(), "error") + ", "
                    + plural(r.warnings().size(), "warning") + (strict && r.failures().isEmpty()
                    ? " (--strict: warnings fail)" : ""));
        }
        out.flush();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The documented JSON shape: ok, descriptorCovered, files, signature, warnings, then failures and disks. */
    private static void json(PrintWriter out, VerifyReport r) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeBooleanField("ok", r.ok());
            g.writeBooleanField("descriptorCovered", r.descriptorCovered());
            g.writeArrayFieldStart("files");
            for (FileResult f : r.files()) {
                g.writeStartObject();
                g.writeStringField("href", f.href());
                g.writeStringField("status", f.status().label());
                g.writeEndObject();
            }
            g.writeEndArray();
            SignatureResult s = r.signature();
            g.writeObjectFieldStart("signature");
            g.writeBooleanField("present", s.present());
            bool(g, "valid", s.valid());
            string(g, "digest", s.digest());
            string(g, "subject", s.subject());
            bool(g, "selfSigned", s.selfSigned());
            bool(g, "expired", s.expired());
            bool(g, "trusted", s.trusted());
            g.writeEndObject();
            strings(g, "warnings", r.warnings());
            strings(g, "failures", r.failures());
            g.writeArrayFieldStart("disks");
            for (DiskResult d : r.disks()) {
                g.writeStartObject();
                string(g, "diskId", d.diskId());
                string(g, "href", d.href());
                string(g, "declaredFormat", d.declaredFormat());
                string(g, "format", d.format());
                number(g, "declaredCapacity", d.declaredCapacity());
                number(g, "capacity", d.capacity());
                g.writeStringField("status", d.status().label());
                string(g, "note", d.note());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        JsonOutput.end(out);
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void bool(JsonGenerator g, String name, Boolean v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, v);
        }
    }

    private static void string(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    private static void number(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
