package io.ovfkit.cli;

import io.ovfkit.ova.OvfPackage;
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

/** {@code ovfkit unpack IN.ova DIR [--force]}: every member, as stored, into a folder. */
@Command(name = "unpack",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Extract an OVA into a folder: every member as stored (compressed files stay compressed), so"
                + " the folder is the same package, with its manifest and signature still valid.",
            "Names that would leave DIR, links and devices are refused; each file is written under a temporary name"
                + " and renamed when complete."})
public final class UnpackCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "IN", description = "The .ova (a path, an http(s) URL, or - for standard input).")
    String in;

    @Parameters(index = "1", paramLabel = "DIR", description = "The folder to extract into (created when missing).")
    Path dir;

    @Option(names = {"-f", "--force"}, description = "Replace files that already exist in DIR.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

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
        try (OvfPackage p = OvfPackage.open(in)) {
            PackageInput.warn(spec.commandLine().getErr(), p);
            written = p.unpack(dir, force);
        }
        if (!quiet) {
            spec.commandLine().getErr().println(ErrorReporter.PREFIX + "unpacked " + written.size() + " file"
                    + (written.size() == 1 ? "" : "s") + " from " + in + " to " + dir);
            spec.commandLine().getErr().flush();
        }
        return ExitStatus.OK.code();
    }
}
