package io.ovfkit.cli;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.info.DescriptorInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovfkit info PATH [--json]}: a summary of a descriptor ({@link DescriptorInfo}). */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Summarize a descriptor: version, virtual systems (CPUs, memory and OS of the default"
                + " deployment option), files, disks, networks, deployment options, properties (password values"
                + " hidden) and what the reader noticed."})
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "The .ovf descriptor.")
    Path path;

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
        OvfDescriptor descriptor = Ovf.read(path);
        DescriptorInfo info = DescriptorInfo.of(descriptor);
        PasswordMask mask = PasswordMask.of(descriptor, List.of());
        info = new DescriptorInfo(info.ovfVersion(), info.virtualSystems(), info.files(), info.disks(), info.networks(),
                info.properties(), info.deploymentOptions(), info.diagnostics().stream().map(mask::apply).toList());
        if (json.enabled()) {
            JsonOutput.info(spec.commandLine().getOut(), info);
        } else {
            InfoText.print(spec.commandLine().getOut(), path.toString(), info);
        }
        return ExitStatus.OK.code();
    }
}
