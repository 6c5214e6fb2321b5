package io.ovfkit.cli;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit disk COMMAND}: virtual disk images (raw, VMDK, VHD, VHDX, QCOW2, VDI).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "disk",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Inspect, check, compare, create and convert virtual disk images (raw, VMDK, VHD, VHDX, QCOW2, VDI).",
            "Input formats are recognized by content, never by file name."},
        synopsisSubcommandLabel = "COMMAND")
public final class DiskCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public DiskCommand() {
    }

    /** Without a command: the usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println(ErrorReporter.PREFIX + "missing disk command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    /** The output formats the disk commands write. */
    static DiskFormat outputFormat(CommandSpec spec, String text, String option) {
        DiskFormat f;
        try {
            f = DiskFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                    + e.getMessage());
        }
        return f;
    }

    /** A raw image has no variants: a subformat other than {@code raw} is a usage error. */
    static void checkSubformat(CommandSpec spec, DiskFormat format, String subformat) {
        if (format == DiskFormat.RAW && subformat != null && !subformat.equals("raw")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--subformat': raw images have no subformat \"" + subformat + "\"");
        }
    }

    /** An adapter type is a VMDK setting: given for another format, it is a usage error. */
    static void checkAdapterType(CommandSpec spec, DiskFormat format, String adapterType) {
        if (format != DiskFormat.VMDK && adapterType != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--adapter-type': " + format.id() + " images have no adapter type");
        }
    }

    /** {@code ParameterException} for a value the engine refused with {@code IllegalArgumentException}. */
    static CommandLine.ParameterException usage(CommandSpec spec, IllegalArgumentException e) {
        return new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }

    /**
     * A writer of {@code options} to {@code target}: an unknown subformat or a value the format
     * refuses is a usage error, a target that cannot be created an IOException naming it.
     */
    static DiskWriter createWriter(CommandSpec spec, Path target, WriteOptions options) throws IOException {
        try {
            return DiskWriters.create(target, options);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e);
        } catch (NoSuchFileException e) {
            Path parent = target.toAbsolutePath().getParent();
            throw new IOException(target + ": cannot write: " + (parent != null && !Files.isDirectory(parent)
                    ? "the folder " + parent + " does not exist" : ErrorReporter.describe(e)), e);
        } catch (IOException e) {
            throw new IOException(target + ": cannot write: " + ErrorReporter.describe(e), e);
        }
    }
}
