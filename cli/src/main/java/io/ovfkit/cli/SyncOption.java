package io.ovfkit.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --sync} option of every command that writes images or packages: force the output to
 * stable storage before it gets its final name. Without it, as with {@code qemu-img}, {@code cp}
 * and {@code tar}, the operating system writes the data back when it chooses.
 *
 * <p>A picocli mixin: not thread-safe, one instance per command object and run.
 */
public final class SyncOption {
    /** The option's help text, shared by every command that has it. */
    static final String DESCRIPTION = "Force the output to stable storage (fdatasync) before it gets its final name."
            + " Without it, as with qemu-img, cp and tar, the system writes the data back in its own time; the output"
            + " is renamed into place complete either way.";

    @Option(names = "--sync", description = DESCRIPTION)
    boolean sync;

    /** Picocli creates it. */
    public SyncOption() {
    }
}
