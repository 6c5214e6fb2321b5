package io.ovfkit.cli;

import io.ovfkit.disk.WriteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of the commands that write a disk image about its layout on the host:
 * {@code --block-size} (alias {@code --cluster-size}), {@code --sector-size} and {@code --sync}.
 *
 * <p>A picocli mixin: not thread-safe, one instance per command object and run.
 */
public final class LayoutOptions {
    @Option(names = {"--block-size", "--cluster-size"}, paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "The allocation unit: for vhdx the block size, a power of 2 from 1MiB to 256MiB (default 32MiB);"
                    + " for qcow2 the cluster size, a power of 2 from 512 to 2MiB (default 64K). Other formats have a fixed"
                    + " unit.")
    Long blockSize;

    @Option(names = "--sector-size", paramLabel = "BYTES",
            description = "For vhdx: the logical sector size the guest sees, 512 (default) or 4096. qemu opens only"
                    + " 512-byte-sector VHDX; Hyper-V both.")
    Integer sectorSize;

    @Mixin
    SyncOption sync;

    /** Picocli creates it. */
    public LayoutOptions() {
    }

    /**
     * Sets the block size, sector size and sync on {@code b}; values out of range are usage errors
     * here, values a format does not take are refused when its writer is created (also a usage error).
     */
    void applyTo(CommandSpec spec, WriteOptions.Builder b) {
        b.sync(sync.sync);
        if (blockSize != null) {
            if (blockSize <= 0 || blockSize > Integer.MAX_VALUE) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--block-size': " + blockSize + " bytes is out of range");
            }
            b.blockSize(blockSize.intValue());
        }
        if (sectorSize != null) {
            if (sectorSize != 512 && sectorSize != 4096) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--sector-size': " + sectorSize + " is not 512 or 4096");
            }
            b.logicalSectorSize(sectorSize);
        }
    }
}
