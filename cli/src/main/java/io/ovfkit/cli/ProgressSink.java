package io.ovfkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ovfkit.disk.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * Where a command's progress goes (from {@link ProgressOption#sink}): a library
 * {@link ProgressListener} that a command hands to the converter or package writer, plus
 * {@link #phase} to say what it works on now. Called on one thread at a time.
 *
 * <p>The JSON form writes one object per line on stderr, at most ten a second and always the first and
 * last of a phase: {@code {"phase":"convert","bytesDone":1048576,"bytesTotal":4194304,"member":"disk1.vmdk"}}.
 * Byte counts are integers; a total or member that is not known is {@code null}.
 */
abstract class ProgressSink implements ProgressListener, AutoCloseable {
    private static final ProgressSink NONE = new ProgressSink() {
        @Override
        public void progress(long done, long total) {
        }
    };

    /** Nothing. */
    static ProgressSink none() {
        return NONE;
    }

    /** The terminal bar of {@link ProgressBar}, relabelled at each phase. */
    static ProgressSink bar(PrintWriter err, String phase) {
        return new Bar(err, phase);
    }

    /** JSON lines on {@code err}. */
    static ProgressSink json(PrintWriter err, String phase) {
        return new Json(err, phase, System::nanoTime);
    }

    /** As {@link #json(PrintWriter, String)} with a clock, for tests. */
    static ProgressSink json(PrintWriter err, String phase, LongSupplier clock) {
        return new Json(err, phase, clock);
    }

    /**
     * Starts a phase ({@code verify}, {@code convert}, {@code package}…) on {@code member} (a file of
     * the package, or null): the JSON form reports it at once with no bytes done.
     */
    void phase(String phase, String member, long total) {
    }

    /** Ends the output: the bar's line. */
    @Override
    public void close() {
    }

    private static final class Bar extends ProgressSink {
        private final PrintWriter err;
        private ProgressBar bar;

        Bar(PrintWriter err, String phase) {
            this.err = err;
            this.bar = new ProgressBar(err, phase);
        }

        @Override
        public void progress(long done, long total) {
            bar.progress(done, total < 0 ? done : total);
        }

        @Override
        void phase(String phase, String member, long total) {
            bar.end();
            bar = new ProgressBar(err, phase);
        }

        @Override
        public void close() {
            bar.end();
        }
    }

    private static final class Json extends ProgressSink {
        private static final long INTERVAL_NANOS = 100_000_000L;
        private static final JsonFactory FACTORY = new JsonFactory();

        private final PrintWriter err;
        private final LongSupplier clock;
        private String phase;
        private String member;
        private long last = Long.MIN_VALUE;
        private long lastDone = -1;

        Json(PrintWriter err, String phase, LongSupplier clock) {
            this.err = err;
            this.phase = phase;
            this.clock = clock;
        }

        @Override
        public void progress(long done, long total) {
            long now = clock.getAsLong();
            boolean end = total >= 0 && done >= total;
            if (done == lastDone || (!end && last != Long.MIN_VALUE && now - last < INTERVAL_NANOS)) {
                return;
            }
            last = now;
            lastDone = done;
            write(done, total);
        }

        @Override
        void phase(String phase, String member, long total) {
            this.phase = phase;
            this.member = member;
            last = Long.MIN_VALUE;
            lastDone = -1;
            progress(0, total);
        }

        private void write(long done, long total) {
            java.io.StringWriter w = new java.io.StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.writeStartObject();
                g.writeStringField("phase", phase);
                g.writeNumberField("bytesDone", done);
                g.writeFieldName("bytesTotal");
                if (total < 0) {
                    g.writeNull();
                } else {
                    g.writeNumber(total);
                }
                g.writeStringField("member", member);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            err.println(w);
            err.flush();
        }
    }
}
