package io.ovfkit.cli;

import io.ovfkit.ova.ExpandResult;
import io.ovfkit.ova.OvfPackage;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit unpack IN.ova DIR [--force] [--expand]}: every member, as stored, into a folder; with
 * {@code --expand}, compressed and chunked files made plain ({@link OvfPackage#unpackExpanded}).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "unpack",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Extract an OVA into a folder: every member as stored (compressed files stay compressed), so"
                + " the folder is the same package, with its manifest and signature still valid.",
            "Names that would leave DIR, links and devices are refused; each file is written under a temporary name"
                + " and renamed when complete. With --expand, compressed and chunked files are written plain."})
public final class UnpackCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "IN", description = "The .ova (a path, an http(s) URL, or - for standard input).")
    String in;

    @Parameters(index = "1", paramLabel = "DIR", description = "The folder to extract into (created when missing).")
    Path dir;

    @Option(names = {"-f", "--force"}, description = "Replace files that already exist in DIR.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Option(names = "--expand", description = {"Write every file plain: gzip-compressed files inflated, chunked files"
            + " joined, the descriptor rewritten without ovf:compression and ovf:chunkSize (nothing else in it"
            + " changes), a fresh manifest with the package's digest algorithm. A signature, which signed the stored"
            + " form, is dropped with a warning."})
    boolean expand;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public UnpackCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "the package cannot be read or is unsafe, a file exists (without --force), or DIR"
                        + " cannot be written");
    }

    @Override
    public Integer call() throws Exception {
        List<Path> written;
        PrintWriter err = spec.commandLine().getErr();
        try (OvfPackage p = OvfPackage.open(in); ProgressSink sink = progress.sink(err, quiet, "unpacking")) {
            PackageInput.warn(err, p);
            sink.phase("unpacking", null, -1);
            if (expand) {
                ExpandResult r = p.unpackExpanded(dir, force, sink);
                written = r.files();
                for (String w : r.warnings()) {
                    err.println(ErrorReporter.PREFIX + "warning: " + w);
                }
            } else {
                written = p.unpack(dir, force);
            }
            long bytes = 0;
            for (Path f : written) {
                bytes += Files.size(f);
            }
            sink.progress(bytes, bytes);
        }
        if (!quiet) {
            spec.commandLine().getErr().println(ErrorReporter.PREFIX + "unpacked " + written.size() + " file"
                    + (written.size() == 1 ? "" : "s") + " from " + in + " to " + dir);
            spec.commandLine().getErr().flush();
        }
        return ExitStatus.OK.code();
    }
}
