package io.ovfkit.cli;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.WriteOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit disk create OUT --format F [--subformat S] --size SIZE [--adapter-type T]}: an empty
 * disk image.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Create an empty disk image (every byte reads zero; nothing is allocated).",
            "OUT is written under a temporary name and renamed when complete; an existing OUT is replaced."})
public final class DiskCreateCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "OUT", description = "The image to create.")
    Path out;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "raw or vmdk.")
    String format;

    @Option(names = "--subformat", paramLabel = "SUBFORMAT",
            description = "For vmdk: streamOptimized (default), monolithicSparse, monolithicFlat,"
                    + " twoGbMaxExtentSparse or twoGbMaxExtentFlat.")
    String subformat;

    @Option(names = "--size", required = true, paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "The virtual size, a multiple of 512 bytes: 4096, 512K or 512KiB, 1.5GiB, 2T (powers of 1024);"
                    + " 10GB (powers of 1000).")
    long size;

    @Option(names = "--adapter-type", paramLabel = "TYPE",
            description = "For vmdk: the disk controller, lsilogic (default), buslogic, ide or legacyESX.")
    String adapterType;

    @Mixin
    LayoutOptions layout;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public DiskCreateCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.USAGE, "usage error (bad size, format, subformat or adapter type)",
                ExitStatus.INPUT, "OUT cannot be written, or the format cannot hold the size");
    }

    @Override
    public Integer call() throws Exception {
        DiskFormat f = DiskCommand.outputFormat(spec, format, "--format");
        DiskCommand.checkSubformat(spec, f, subformat);
        DiskCommand.checkAdapterType(spec, f, adapterType);
        if (size <= 0 || size % 512 != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--size': " + size
                    + " bytes is not a positive multiple of 512 (disk formats count in 512-byte sectors)");
        }
        WriteOptions options;
        try {
            WriteOptions.Builder b = WriteOptions.builder(f, size).subformat(subformat);
            layout.applyTo(spec, b);
            if (adapterType != null) {
                b.adapterType(adapterType);
            }
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw DiskCommand.usage(spec, e);
        }
        try (DiskWriter w = DiskCommand.createWriter(spec, out, options)) {
            w.finish();
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(ErrorReporter.PREFIX + "created " + out + " (" + f.id() + (subformat != null ? " " + subformat : "")
                + ", " + ByteSize.format(size) + ")");
        err.flush();
        return ExitStatus.OK.code();
    }
}
