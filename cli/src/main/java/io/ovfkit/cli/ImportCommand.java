package io.ovfkit.cli;

import io.ovfkit.convert.vm.VmImporter;
import io.ovfkit.disk.ProgressListener;
import io.ovfkit.ova.OvfPackage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * {@code ovfkit import PKG --to libvirt|vmx|vbox -o DIR [--configuration ID] [--property KEY=VALUE]...}:
 * a runnable VM definition from an OVF package, by {@link VmImporter}.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Import an OVF package as a runnable VM: a libvirt domain XML with qcow2 disks, a VMware .vmx with"
                + " monolithicSparse VMDKs, or a VirtualBox .vbox with VDI disks, for the chosen deployment option.",
            "The OVF environment with the chosen property values (checked as 'env' checks them) reaches the guest as"
                    + " guestinfo.ovfEnv in the .vmx, or as ovf-env.iso (ISO 9660 holding ovf-env.xml) on a CD-ROM for"
                    + " libvirt and VirtualBox.",
            "Disks are converted straight from the package (OVA file, folder or URL with range requests), without an"
                    + " extracted copy. DIR is written under a temporary name and renamed when complete."})
public final class ImportCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "PKG", description = "The package: an .ova, an .ovf in its folder, or a URL.")
    String pkg;

    @Option(names = "--to", required = true, paramLabel = "PLATFORM", description = "libvirt, vmx or vbox.")
    String to;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "The folder to create (it must not exist, or be empty).")
    Path output;

    @Option(names = {"-c", "--configuration"}, paramLabel = "ID",
            description = "The deployment option (default: the descriptor's default).")
    String configuration;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
            description = "A property value; KEY is the key or the id (class.key.instance). Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public ImportCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.USAGE, "usage error (platform, unknown configuration or property, a value that does not fit)",
                ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "the package or a disk unreadable, a compressed or chunked disk, or DIR not writable"
                        + " (no DIR is left)");
    }

    @Override
    public Integer call() throws Exception {
        VmImporter.Platform platform;
        try {
            platform = VmImporter.Platform.parse(to);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--to': " + e.getMessage(), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = !quiet && System.console() != null ? new ProgressBar(err, "importing") : null;
        VmImporter.Result r;
        try (OvfPackage p = OvfPackage.open(pkg)) {
            try {
                r = VmImporter.importPackage(p, platform, output, configuration, properties,
                        bar != null ? bar : ProgressListener.NONE);
            } catch (IllegalArgumentException e) {
                PasswordMask mask = PasswordMask.of(p.descriptor(), PasswordMask.chosenPasswords(p.descriptor(), properties));
                throw new ParameterException(spec.commandLine(), mask.apply(e.getMessage()), e);
            } finally {
                if (bar != null) {
                    bar.end();
                }
            }
        }
        if (!quiet) {
            err.println(ErrorReporter.PREFIX + "imported " + r.vm() + " to " + r.definition()
                    + r.environmentIso().map(i -> " (OVF environment on " + i.getFileName() + ")").orElse(" (OVF environment in guestinfo.ovfEnv)"));
        }
        err.flush();
        return ExitStatus.OK.code();
    }
}
