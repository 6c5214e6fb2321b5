package io.ovfkit.cli;

import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageWriter;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code ovfkit pack IN.ovf OUT}: an OVF folder package into an OVA (or another folder, or standard
 * output), every file its descriptor names copied as it is, with a new manifest.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "pack",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Pack an OVF descriptor and the files it names (in its folder) into an OVA: descriptor,"
                + " manifest, certificate, then the files in References order, copied as they are (disks are not"
                + " converted; a chunked file is read from its chunks).",
            "The descriptor gets exact ovf:size values (and ovf:compression / ovf:chunkSize when asked for); a new"
                    + " manifest is written. A certificate beside IN.ovf is not carried over: sign with --sign-key.",
            "OUT is an .ova file (written under a temporary name: a failure leaves nothing), a folder (existing, or"
                    + " ending with /), or - for standard output."})
public final class PackCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "IN.ovf", description = "The descriptor of the package to pack.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The package to write: NAME.ova, a folder, or -.")
    String out;

    @Mixin
    CreateCommand.PackagingOptions packaging;

    @Mixin
    CreateCommand.SigningOptions signing;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public PackCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "IN.ovf or a file it names unreadable or missing, or OUT not writable (no OUT is left)");
    }

    @Override
    public Integer call() throws Exception {
        String file = in.getFileName() == null ? "" : in.getFileName().toString();
        if (!file.endsWith(".ovf")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "IN must be an .ovf descriptor: " + in);
        }
        PackageOptions.Builder ob = packaging.options(spec);
        PrintWriter err = spec.commandLine().getErr();
        ProgressSink bar = progress.sink(err, quiet, "packaging");
        ob.progress(bar);
        signing.apply(spec, ob, packaging);
        PackageOptions options = CreateCommand.build(spec, ob);
        OvfDescriptor d = Ovf.read(in);
        Path folder = in.toAbsolutePath().getParent();
        Path oldCert = folder.resolve(file.substring(0, file.length() - 4) + ".cert");
        if (signing.key == null && Files.exists(oldCert)) {
            err.println(ErrorReporter.PREFIX + "warning: " + oldCert.getFileName() + " is not carried over: it signs the"
                    + " old manifest; sign the package with --sign-key");
        }
        long start = System.nanoTime();
        PackageResult r;
        try (bar; PackageWriter w = CreateCommand.open(spec, out, options)) {
            r = w.descriptor(d, file).filesFrom(folder).finish();
        }
        CreateCommand.report(err, r, quiet, "packed", System.nanoTime() - start);
        return ExitStatus.OK.code();
    }
}
