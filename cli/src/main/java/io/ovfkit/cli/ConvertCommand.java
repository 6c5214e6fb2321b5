package io.ovfkit.cli;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfConversionException;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit convert IN OUT --ovf-version V [--drop-inexpressible]}: rewrites a descriptor in
 * another OVF version with {@link OvfDescriptor#convert(OvfVersion, boolean)}. Content the target
 * cannot express is refused (exit 1, every loss listed, nothing written) unless dropped on request.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Rewrite a descriptor in another OVF version, changing only what the versions write differently.",
            "Content the target version cannot express is listed and nothing is written (exit 1),"
                    + " unless --drop-inexpressible is given. OUT may be IN; it is replaced atomically."})
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The descriptor to convert.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the result (may be IN).")
    Path out;

    @Option(names = "--ovf-version", required = true, paramLabel = "VERSION", converter = OvfVersionConverter.class,
            description = "The target version: 1.0, 1.1, 2.0 or 2.1.")
    OvfVersion version;

    @Option(names = "--drop-inexpressible",
            description = "Drop what the target version cannot express (listed as warnings) instead of failing.")
    boolean dropInexpressible;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public ConvertCommand() {
    }

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter err = spec.commandLine().getErr();
        String file = in.toString();
        OvfDescriptor source = Ovf.read(in);
        OvfDescriptor converted;
        try {
            converted = source.convert(version, dropInexpressible);
        } catch (OvfConversionException e) {
            err.println(ErrorReporter.PREFIX + "cannot convert " + file + " to OVF " + version + " without losing "
                    + e.losses().size() + " element(s) or attribute(s); nothing was written"
                    + " (--drop-inexpressible drops them):");
            for (Diagnostic loss : e.losses()) {
                err.println(DiagnosticText.format(file, loss));
            }
            err.flush();
            return ExitStatus.CHECK_FAILED.code();
        }
        for (Diagnostic d : converted.readDiagnostics()) {
            if (d.severity().compareTo(Severity.WARNING) >= 0) {
                err.println(DiagnosticText.format(file, d));
            }
        }
        // Through the shared temporary-file names, so that an interrupt removes the unfinished file.
        OutputFiles.writeAtomically(out, converted.toBytes());
        err.println(ErrorReporter.PREFIX + "wrote " + out + " (OVF " + version + ")");
        err.flush();
        return ExitStatus.OK.code();
    }
}
