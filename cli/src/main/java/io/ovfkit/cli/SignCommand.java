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
 * {@code ovfkit sign PKG --key KEY [--cert CERT]}: a new manifest and its signature, the certificate
 * placed right after the manifest, by a streaming copy of the package ({@link PackageRewriter}).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Sign an OVF package: its manifest is computed anew and signed, and NAME.cert (ovftool's form:"
                + " signature line and PEM chain) is placed right after NAME.mf.",
            "PKG is an .ova (rewritten through a temporary name by a streaming copy of its members: nothing is"
                    + " converted, a failure leaves PKG as it was) or an .ovf with its files (NAME.mf and NAME.cert are"
                    + " written beside it; with -o, an OVA is written instead).",
            "Key passwords come from the environment variable OVFKIT_KEY_PASSWORD, from --key-password-file, or from a"
                    + " prompt; never from an argument."})
public final class SignCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "PKG", description = "The package: an .ova, or an .ovf with its files.")
    Path pkg;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The private key (PEM or PKCS#12).")
    Path key;

    @Option(names = "--cert", paramLabel = "CERT",
            description = "The signer's certificate and intermediates (PEM), unless the key file holds them.")
    Path cert;

    @Option(names = "--key-password-file", paramLabel = "FILE",
            description = "Read the key's password from the first line of FILE (else OVFKIT_KEY_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(names = "--digest", paramLabel = "ALG", defaultValue = "sha256",
            description = "Digest of the manifest and the signature: sha1, sha256 (default) or sha512.")
    String digest;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the signed package here instead of in place.")
    Path output;

    @Option(names = "--reproducible", description = "Member times from SOURCE_DATE_EPOCH (else 1970-01-01) instead of now.")
    boolean reproducible;

    @Option(names = {"-q", "--quiet"}, description = "No summary.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public SignCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "PKG, KEY or CERT unreadable or malformed, a wrong password, a key that does not match"
                        + " its certificate, or OUT not writable (PKG is left as it was)");
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
        b.signer(CreateCommand.loadSigner(key, cert, passwordFile));
        long start = System.nanoTime();
        PackageResult r = PackageRewriter.rewrite(pkg, output, CreateCommand.build(spec, b));
        CreateCommand.report(err, r, quiet, "signed", System.nanoTime() - start);
        return ExitStatus.OK.code();
    }
}
