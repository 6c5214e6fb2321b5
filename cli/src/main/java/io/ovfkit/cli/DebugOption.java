package io.ovfkit.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code --debug} option, mixed into every command so that it can be given before or after the
 * command name: errors then come with their stack trace.
 *
 * <p>A picocli mixin: not thread-safe, one instance per command object and run.
 */
public final class DebugOption {
    /** The option's name. */
    static final String NAME = "--debug";

    @Option(names = NAME, description = "Print the stack trace of an error.")
    boolean debug;

    /** Whether {@code --debug} was given at any level of the command line. */
    static boolean requested(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(NAME)) {
                return true;
            }
        }
        return false;
    }
}
