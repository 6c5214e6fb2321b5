package io.ovfkit.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the commands that print a report: JSON instead of text on stdout.
 *
 * <p>A picocli mixin: not thread-safe, one instance per command object and run.
 */
public final class JsonOption {
    @Option(names = "--json", description = "Print JSON (the shape documented in cli/README.md) instead of text.")
    boolean json;

    /** Whether {@code --json} was given. */
    boolean enabled() {
        return json;
    }
}
