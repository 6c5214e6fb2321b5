package io.ovfkit.cli;

import io.ovfkit.disk.ProgressListener;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal: redrawn in place with a carriage return, at most five
 * times a second, ended with a newline by {@link #end()}. Only for a terminal: scripts and logs get
 * no bar.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final LongSupplier clock;
    private long lastDraw;
    private boolean drawn;
    private int lastLength;

    ProgressBar(PrintWriter err, String label) {
        this(err, label, System::nanoTime);
    }

    ProgressBar(PrintWriter err, String label, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.clock = clock;
    }

    @Override
    public void progress(long done, long total) {
        long now = clock.getAsLong();
        if (drawn && done < total && now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        String line = render(label, done, total);
        // Blank out what a longer previous line left.
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        err.print("\r" + line + pad);
        err.flush();
        lastLength = line.length();
        drawn = true;
    }

    /** Ends the line, when a bar was drawn. */
    void end() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    /** {@code LABEL [#########---------------------]  30%  300 MiB / 1 GiB}. */
    static String render(String label, long done, long total) {
        double f = total <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (double) done / total));
        int filled = (int) Math.floor(f * WIDTH);
        return label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format(java.util.Locale.ROOT, "%3d%%", (int) Math.floor(f * 100)) + "  " + ByteSize.format(done) + " / "
                + ByteSize.format(total);
    }
}
