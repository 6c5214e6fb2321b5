package io.ovfkit.cli;

import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageRewriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit manifest PKG [--digest ALG] [-o OUT]}: the package's manifest computed anew
 * ({@link PackageRewriter}); a certificate that would no longer match is removed, with a warning.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "manifest",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Write a new manifest for an OVF package: a digest of the descriptor and of every file"
                + " (every chunk), in ALG(name)= hex form, placed right after the descriptor.",
            "PKG is an .ova (rewritten through a temporary name by a streaming copy of its members: nothing is"
                    + " converted, a failure leaves PKG as it was) or an .ovf with its files (NAME.mf is written beside"
                    + " it; with -o, an OVA is written instead).",
            "A certificate signs the old manifest: it is removed, with a warning. Sign again with 'ovfkit sign'."})
public final class ManifestCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "PKG", description = "The package: an .ova, or an .ovf with its files.")
    Path pkg;

    @Option(names = "--digest", paramLabel = "ALG", defaultValue = "sha256",
            description = "The manifest's digest: sha1, sha256 (default) or sha512.")
    String digest;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the package here instead of in place.")
    Path output;

    @Option(names = "--reproducible", description = "Member times from SOURCE_DATE_EPOCH (else 1970-01-01) instead of now.")
    boolean reproducible;

    @Option(names = {"-q", "--quiet"}, description = "No summary (warnings are still printed).")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public ManifestCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "PKG unreadable or malformed, a file it names missing, or OUT not writable"
                        + " (PKG is left as it was)");
    }

    @Override
    public Integer call() throws Exception {
        PackageOptions.Builder b = PackageOptions.builder().reproducible(reproducible);
        try {
            b.digest(CreateCommand.digest(digest));
        } catch (IllegalArgumentException e) {
            throw CreateCommand.usage(spec, e);
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        PackageResult r = PackageRewriter.rewrite(pkg, output, CreateCommand.build(spec, b));
        CreateCommand.report(err, r, quiet, "wrote the manifest of", System.nanoTime() - start);
        return ExitStatus.OK.code();
    }
}
