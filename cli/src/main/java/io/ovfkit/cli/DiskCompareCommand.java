package io.ovfkit.cli;

import io.ovfkit.disk.DiskComparison;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
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
 * {@code ovfkit disk compare A B [--parent PARENT]}: whether two images hold the same guest content, like
 * {@code qemu-img compare}.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Compare the guest-visible content of two disk images of any formats, like qemu-img compare:"
                + " allocation does not matter, and images of different sizes are identical when the larger one's"
                + " extra part is all zero.",
            "Prints \"Images are identical.\" or \"Content mismatch at offset N!\" (N: the first differing byte)."})
public final class DiskCompareCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "A", description = "The first image.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "The second image.")
    Path second;

    @Option(names = "--parent", paramLabel = "PARENT", description = {"The parent of the FIRST image A, a VDI"
            + " differencing image (a VirtualBox snapshot); without it the parent is found by its UUID among the .vdi"
            + " files beside A. B's parent is always found that way."})
    Path parent;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public DiskCompareCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.OK, "the images are identical",
                ExitStatus.CHECK_FAILED, "the content differs (the first differing offset is printed)",
                ExitStatus.INPUT, "an image cannot be read or is corrupt");
    }

    @Override
    public Integer call() throws Exception {
        DiskComparison.Result r;
        try (DiskImage a = DiskImages.open(first, parent); DiskImage b = DiskImages.open(second)) {
            if (a.capacity() != b.capacity()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(ErrorReporter.PREFIX + "warning: the images differ in size (" + first + ": " + a.capacity()
                        + " bytes, " + second + ": " + b.capacity() + " bytes); the larger one's extra part must be zero");
                err.flush();
            }
            r = DiskComparison.compare(a, b);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (r.identical()) {
            out.println("Images are identical.");
        } else {
            out.println("Content mismatch at offset " + r.firstDifference() + "!");
        }
        out.flush();
        return r.identical() ? ExitStatus.OK.code() : ExitStatus.CHECK_FAILED.code();
    }
}
