package io.ovfkit.cli;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.NotADiskImageException;
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
 * {@code ovfkit disk check IMG [--parent PARENT] [--json]}: the structural consistency of a disk image, like
 * {@code qemu-img check}.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check a disk image's structures (tables, markers, bounds), like qemu-img check.",
            "Leaked space is reported but harmless. A raw image has no structure to check: it is not recognized."})
public final class DiskCheckCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "IMG", description = "The disk image.")
    Path image;

    @Option(names = "--parent", paramLabel = "PARENT", description = {"The parent of IMG, a VDI differencing image"
            + " (a VirtualBox snapshot); without it the parent is found by its UUID among the .vdi files beside IMG."
            + " PARENT may be of any format. A PARENT that is not IMG's parent is a finding, like a parent missing"
            + " beside IMG; an IMG that takes no parent is exit 3."})
    Path parent;

    @Mixin
    JsonOption json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public DiskCheckCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.OK, "the image is consistent (leaked space may be reported)",
                ExitStatus.CHECK_FAILED, "the image is corrupt (the findings are listed)",
                ExitStatus.INPUT, "the file cannot be read or is not a disk image ovfkit recognizes; PARENT cannot be"
                        + " read, or IMG takes none (it is not a VDI differencing image)");
    }

    @Override
    public Integer call() throws Exception {
        String format;
        String subformat = null;
        CheckResult result;
        DiskImage img = null;
        try {
            img = parent == null ? DiskImages.open(image, false) : DiskImages.open(image, parent);
            format = img.format().id();
            subformat = img.subformat();
            result = img.check();
        } catch (NotADiskImageException e) {
            throw e;
        } catch (DiskFormatException e) {
            if (parent != null && e.offset() < 0 && image.equals(e.file())) {
                // Not about IMG's bytes: IMG takes no parent (not a VDI differencing image), or PARENT's chain
                // cannot take IMG (it loops back to IMG, or is too deep). The arguments are wrong: exit 3.
                throw e;
            }
            // The content is of a known format (its magic matched) but does not hold together.
            // With --parent, a PARENT that is not IMG's parent or is corrupt is reported the same way, as a
            // parent missing beside IMG is without it.
            format = DiskImages.probe(image).id();
            result = new CheckResult(List.of(e.getMessage()), List.of());
        } finally {
            if (img != null) {
                img.close();
            }
        }
        if (json.enabled()) {
            DiskReport.checkJson(spec.commandLine().getOut(), image.toString(), format, subformat, result);
        } else {
            DiskReport.checkText(spec.commandLine().getOut(), image.toString(), result);
        }
        return result.consistent() ? ExitStatus.OK.code() : ExitStatus.CHECK_FAILED.code();
    }
}
