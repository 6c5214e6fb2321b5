package io.ovfkit.cli;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovfkit disk info IMG [--json]}: format, sizes and format facts of a disk image. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Show a disk image's format and subformat, virtual size, size on the host, the bytes its"
                + " allocation map says are stored, and the format's own facts (CID, adapter, geometry…).",
            "A file no format recognizes is shown as raw."})
public final class DiskInfoCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "IMG", description = "The disk image.")
    Path image;

    @Mixin
    JsonOption json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public DiskInfoCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "the file cannot be read, or is a corrupt image");
    }

    @Override
    public Integer call() throws Exception {
        DiskReport.Info info;
        try (DiskImage img = DiskImages.open(image)) {
            info = DiskReport.Info.of(img);
        }
        if (json.enabled()) {
            DiskReport.infoJson(spec.commandLine().getOut(), info);
        } else {
            DiskReport.infoText(spec.commandLine().getOut(), image.toString(), info);
        }
        return ExitStatus.OK.code();
    }
}
