package io.ovfkit.cli;

import io.ovfkit.compose.ComposeResult;
import io.ovfkit.compose.ComposeSpec;
import io.ovfkit.compose.Composer;
import io.ovfkit.convert.Finding;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.signing.PasswordSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit compose SPEC -o OUT [--param K=V]... [--reproducible]}: an appliance from a compose
 * spec (open-vmdk's ova-compose YAML, plus ovfkit's {@code package:} and {@code target:} keys),
 * through {@link Composer}: each disk read once, converted on the fly, the package written in one
 * pass. The library does the work; this class parses arguments and prints.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "compose",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Build an OVF package from a compose spec: the YAML of open-vmdk's ova-compose as it is (system,"
                + " networks, hardware, product, environment, configurations, extra_configs, annotation, eula,"
                + " !param NAME=DEFAULT), plus ovfkit's keys: package: (ovf_version, manifest, sign_key, sign_cert,"
                + " chunk_size, compression) and target: (profiles the result must lint clean for).",
            "Disk images of any format ovfkit reads are converted on the fly into streamOptimized VMDK, each read once;"
                    + " relative paths in the spec start at the spec's folder.",
            "OUT is an .ova file (written under a temporary name, renamed when complete) or a folder (an existing one,"
                    + " or a path ending with /); the members are named after it.",
            "A bad spec exits 3 with FILE:LINE:COLUMN and what was expected. With target:, findings exit 1 (the"
                    + " package is written)."})
public final class ComposeCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The compose spec (YAML).")
    Path spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The package to write: NAME.ova or a folder.")
    String out;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A value for the spec's !param NAME (overrides its default). Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--reproducible",
            description = "Reproducible output: member times from SOURCE_DATE_EPOCH (else 1970-01-01), identifiers inside"
                    + " the disks derived from it: the same spec and images give the same bytes.")
    boolean reproducible;

    @Mixin
    CreateCommand.SigningOptions signing;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads compressing the disks (default: the number of processors); the output does not depend on it.")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec commandSpec;

    /** Picocli creates it. */
    public ComposeCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.USAGE, "usage error (bad option, --param without =, bad SOURCE_DATE_EPOCH)",
                ExitStatus.CHECK_FAILED, "the package was written but does not lint clean for the spec's target:",
                ExitStatus.INPUT, "the spec is malformed (FILE:LINE:COL) or a file it names is unreadable; nothing is left");
    }

    @Override
    public Integer call() throws Exception {
        PackageOptions.Builder b = PackageOptions.builder().reproducible(reproducible);
        if (threads != null) {
            try {
                b.threads(threads);
            } catch (IllegalArgumentException e) {
                throw CreateCommand.usage(commandSpec, e);
            }
        }
        ComposeSpec s = ComposeSpec.read(spec, params);
        for (String p : params.keySet()) {
            if (!s.parameters().contains(p)) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), "--param " + p + ": the spec "
                        + spec + " has no !param " + p + (s.parameters().isEmpty() ? " (it has none)"
                                : "; it has " + String.join(", ", s.parameters())));
            }
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        ProgressSink bar = progress.sink(err, quiet, "composing");
        b.progress(bar);
        if (signing.key != null) {
            b.signer(CreateCommand.loadSigner(signing.key, signing.cert, signing.passwordFile));
        } else if (signing.cert != null) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--sign-cert needs --sign-key");
        }
        PasswordSource passwords = signing.passwordFile != null ? PasswordSource.file(signing.passwordFile)
                : PasswordSource.environment().orElse(PasswordSource.console());
        Path target = Path.of(out);
        if (out.endsWith("/") && !Files.isDirectory(target)) {
            Files.createDirectories(target);
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException(out + ": cannot write: the folder " + parent + " does not exist");
        }
        long start = System.nanoTime();
        ComposeResult r;
        try {
            r = Composer.compose(s, target, b, passwords);
        } catch (IllegalArgumentException e) {
            throw CreateCommand.usage(commandSpec, e);
        } finally {
            bar.close();
        }
        CreateCommand.report(err, r.written(), quiet, "composed", System.nanoTime() - start);
        if (r.lint().isPresent() && !r.clean()) {
            for (Finding f : r.lint().get().findings()) {
                err.println(ErrorReporter.PREFIX + f);
            }
            err.println(ErrorReporter.PREFIX + "the package does not lint clean for target " + r.target() + ": "
                    + r.lint().get().findings().size() + " finding(s)");
            err.flush();
            return ExitStatus.CHECK_FAILED.code();
        }
        return ExitStatus.OK.code();
    }
}
