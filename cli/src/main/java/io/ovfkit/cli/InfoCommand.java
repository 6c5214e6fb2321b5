package io.ovfkit.cli;

import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.info.DescriptorInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit info PATH [--json]}: a summary of a descriptor ({@link DescriptorInfo}), alone or in a
 * package ({@link PackageInput}).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Summarize a descriptor: version, virtual systems (CPUs, memory and OS of the default"
                + " deployment option), files, disks, networks, deployment options, properties (password values"
                + " hidden) and what the reader noticed."})
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = {"The .ovf descriptor, an .ova, a folder holding one"
            + " .ovf, an http(s) URL of either, or - for an OVA on standard input."})
    String path;

    @Mixin
    JsonOption json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public InfoCommand() {
    }

    @Override
    public Integer call() throws Exception {
        OvfDescriptor descriptor = PackageInput.descriptor(path, spec.commandLine().getErr());
        // Password values quoted in diagnostics come out masked; the model is not built for this.
        DescriptorInfo info = DescriptorInfo.of(descriptor);
        if (json.enabled()) {
            JsonOutput.info(spec.commandLine().getOut(), info);
        } else {
            InfoText.print(spec.commandLine().getOut(), path, info);
        }
        return ExitStatus.OK.code();
    }
}
