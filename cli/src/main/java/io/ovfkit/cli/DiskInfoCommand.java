package io.ovfkit.cli;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.OvfPackage;
import java.nio.file.Path;
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
 * {@code ovfkit disk info IMG [--member HREF] [--parent PARENT] [--json]}: format, sizes and format facts of a disk image,
 * alone or inside a package (read in place, not extracted).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Show a disk image's format and subformat, virtual size, size on the host, the bytes its"
                + " allocation map says are stored, and the format's own facts (CID, adapter, geometry…).",
            "A file no format recognizes is shown as raw."})
public final class DiskInfoCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "IMG", description = {"The disk image; or a package (an .ova, a folder"
            + " holding one .ovf, an http(s) URL) whose disk --member names."})
    String image;

    @Option(names = "--member", paramLabel = "HREF", description = {"The disk inside the package IMG, by its"
            + " ovf:href; may be left out when the package has one disk. Read in place when stored plain in a file or"
            + " behind a server with range requests; otherwise (gzip-compressed, chunked, standard input) read as a"
            + " stream, which works for streamOptimized VMDK and raw disks."})
    String member;

    @Option(names = "--parent", paramLabel = "PARENT", description = {"The parent of IMG, a VDI differencing image"
            + " (a VirtualBox snapshot); without it the parent is found by its UUID among the .vdi files beside IMG."
            + " PARENT may be of any format; not with a package."})
    Path parent;

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
                ExitStatus.USAGE, "usage error; a package with several disks and no --member",
                ExitStatus.INPUT, "the file cannot be read, or is a corrupt image; a disk in a package that must be"
                        + " read as a stream and is neither streamOptimized VMDK nor raw");
    }

    @Override
    public Integer call() throws Exception {
        DiskReport.Info info;
        String shown = image;
        if (parent != null && (member != null || PackageInput.isPackage(image))) {
            throw new ParameterException(spec.commandLine(), "--parent applies to a disk image file, not to a disk"
                    + " in a package");
        }
        if (member == null && !PackageInput.isPackage(image)) {
            try (DiskImage img = DiskImages.open(Path.of(image), parent)) {
                info = DiskReport.Info.of(img);
            }
        } else {
            try (OvfPackage p = OvfPackage.open(image)) {
                PackageInput.warn(spec.commandLine().getErr(), p);
                String href = member != null ? member : PackageInput.onlyDisk(spec, p, image);
                try (DiskImage img = p.openDiskStream(href)) {
                    info = DiskReport.Info.of(img);
                    shown = img.path().toString();
                }
            }
        }
        if (json.enabled()) {
            DiskReport.infoJson(spec.commandLine().getOut(), info);
        } else {
            DiskReport.infoText(spec.commandLine().getOut(), shown, info);
        }
        return ExitStatus.OK.code();
    }
}
