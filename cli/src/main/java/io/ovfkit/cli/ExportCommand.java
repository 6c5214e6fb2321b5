package io.ovfkit.cli;

import io.ovfkit.convert.vm.OvfMapping;
import io.ovfkit.convert.vm.VmExporter;
import io.ovfkit.disk.ProgressListener;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageWriter;
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
 * {@code ovfkit export VMDEF -o OUT.ova|OUT/}: an OVF package from a {@code .vmx}, a libvirt domain
 * XML or a {@code .vbox}, by {@link VmExporter}, written like {@code create} writes (one pass, disks
 * converted on the fly, digest and signing options).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Export a VM definition (VMware .vmx, libvirt domain XML, VirtualBox .vbox) as an OVF package: the"
                + " descriptor from the VM's current state, each disk as the VM sees it now (a snapshot chain flattened)"
                + " converted into a streamOptimized VMDK in the same pass.",
            "Firmware, architecture, controllers, NICs and CD-ROMs carry over. By default device models are the ones every"
                    + " OVA importer takes (E1000 NICs, LSI Logic SCSI, vmx-07; the source's model named in each item's"
                    + " description); --keep-models keeps the VM's own (VmxNet3, VirtualSCSI, virtio). With --digest sha1"
                    + " the result passes 'lint --target portable' for an x86 BIOS machine.",
            "An encrypted VM (VMware encryption.keySafe, VirtualBox encrypted media) is refused (exit 3)."})
public final class ExportCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "VMDEF", description = "The .vmx, domain .xml or .vbox file.")
    Path definition;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The package: NAME.ova, a folder (existing, or a path ending with /), or - (stdout).")
    String out;

    @Option(names = "--keep-models", description = "Keep the VM's NIC and controller models instead of the portable ones.")
    boolean keepModels;

    @Mixin
    CreateCommand.PackagingOptions packaging;

    @Mixin
    CreateCommand.SigningOptions signing;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public ExportCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.USAGE, "usage error (bad option value or SOURCE_DATE_EPOCH)",
                ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "the definition malformed or encrypted, a disk missing, unreadable or not a file, a key"
                        + " unreadable, or OUT not writable (no OUT is left)");
    }

    @Override
    public Integer call() throws Exception {
        PackageOptions.Builder ob = packaging.options(spec);
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = !quiet && System.console() != null ? new ProgressBar(err, "exporting") : null;
        ob.progress(bar != null ? bar : ProgressListener.NONE);
        signing.apply(spec, ob, packaging);
        PackageOptions options = CreateCommand.build(spec, ob);
        // Read first: an encrypted or malformed definition leaves no output behind.
        VmExporter.read(definition);
        long start = System.nanoTime();
        PackageResult r;
        try (PackageWriter w = CreateCommand.open(spec, out, options)) {
            r = VmExporter.export(definition, w, keepModels ? OvfMapping.Models.NATIVE : OvfMapping.Models.PORTABLE);
        } finally {
            if (bar != null) {
                bar.end();
            }
        }
        CreateCommand.report(err, r, quiet, "exported", System.nanoTime() - start);
        return ExitStatus.OK.code();
    }
}
