package io.ovfkit.disk.vmdk;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Inflater;

/**
 * Reusable zlib inflaters ({@code new Inflater(false)}: RFC 1950 with header and Adler-32, what
 * every streamOptimized writer emits). A caller takes one, uses it alone and gives it back; at most
 * {@value #MAX_IDLE} idle inflaters are kept, so native memory stays bounded by the number of
 * concurrent readers. {@link #close()} ends them all.
 */
final class InflaterPool implements AutoCloseable {
    private static final int MAX_IDLE = 32;

    private final ConcurrentLinkedQueue<Inflater> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** An inflater ready for a new zlib stream. */
    Inflater take() {
        Inflater i = idle.poll();
        if (i != null) {
            idleCount.decrementAndGet();
            return i;
        }
        return new Inflater(false);
    }

    /** Returns {@code i} for reuse (or ends it). */
    void give(Inflater i) {
        if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
            if (!closed) {
                idleCount.decrementAndGet();
            }
            i.end();
            return;
        }
        i.reset();
        idle.add(i);
        if (closed) {
            drain();
        }
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        Inflater i;
        while ((i = idle.poll()) != null) {
            i.end();
        }
    }
}
