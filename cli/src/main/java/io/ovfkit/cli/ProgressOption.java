package io.ovfkit.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --progress} option of the long commands ({@code disk convert}, {@code create},
 * {@code pack}, {@code unpack}, {@code verify}, and any command that mixes it in): {@code json}
 * writes one JSON object per line on stderr for GUIs and CI; {@code auto} (the default) draws the
 * terminal bar when stderr is a terminal and prints nothing otherwise; {@code none} prints nothing.
 *
 * <pre>{@code
 *
 * <p>A picocli mixin: not thread-safe, one instance per command object and run.
 *
 * @Mixin ProgressOption progress;
 * ...
 * try (ProgressSink p = progress.sink(err, quiet, "convert")) {
 *     converter.progress(p) ...;      // an io.ovfkit.disk.ProgressListener
 * }
 * }</pre>
 */
public final class ProgressOption {
    /** The values {@code --progress} takes. */
    enum Mode {
        /** The bar on a terminal, nothing otherwise. */
        auto,
        /** JSON lines on stderr. */
        json,
        /** Nothing. */
        none
    }

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "json: one JSON object per line on stderr ({\"phase\":…,\"bytesDone\":…,\"bytesTotal\":…,"
                    + "\"member\":…}) for GUIs and CI; auto (default): a bar when stderr is a terminal, nothing"
                    + " otherwise; none.")
    Mode mode = Mode.auto;

    /** Picocli creates it. */
    public ProgressOption() {
    }

    /** Whether {@code --progress json} was given. */
    boolean json() {
        return mode == Mode.json;
    }

    /**
     * The sink for a command's first phase: JSON lines when asked for (also with {@code --quiet}, which
     * silences what people read, not what programs asked for), the bar labelled {@code phase} on a
     * terminal unless {@code quiet}, else nothing. Close it when the command ends.
     */
    ProgressSink sink(PrintWriter err, boolean quiet, String phase) {
        return switch (mode) {
            case json -> ProgressSink.json(err, phase);
            case none -> ProgressSink.none();
            case auto -> !quiet && System.console() != null ? ProgressSink.bar(err, phase) : ProgressSink.none();
        };
    }
}
