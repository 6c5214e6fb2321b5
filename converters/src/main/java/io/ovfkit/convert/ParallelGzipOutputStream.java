package io.ovfkit.convert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * gzip on every core: the input is cut into 4 MiB pieces, each compressed on a worker into a
 * complete gzip member (RFC 1952 allows several members one after the other; gzip, GNU tar,
 * Python and Go read them as one stream), written in order. At most {@code 2 × threads} pieces are
 * in flight, so memory is bounded. The JDK's gzip header has MTIME 0, so output is reproducible and
 * does not depend on the thread count.
 */
final class ParallelGzipOutputStream extends OutputStream {
    private static final int PIECE = 4 << 20;

    private final OutputStream out;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private static final byte[] ZERO_PIECE = new byte[PIECE];
    private byte[] zeroMember;
    private byte[] piece = new byte[PIECE];
    private int filled;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, int threads) {
        this.out = out;
        int n = Math.max(1, threads);
        AtomicInteger k = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ovfkit-gzip-" + k.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxInFlight = 2 * n;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int k = Math.min(len, PIECE - filled);
            System.arraycopy(b, off, piece, filled, k);
            filled += k;
            off += k;
            len -= k;
            if (filled == PIECE) {
                submit();
            }
        }
    }

    private void submit() throws IOException {
        byte[] data = piece;
        int n = filled;
        filled = 0;
        if (n == PIECE && java.util.Arrays.mismatch(data, ZERO_PIECE) < 0) {
            // runs of zeros (the holes of a disk) compress the same every time: once is enough
            inFlight.add(java.util.concurrent.CompletableFuture.completedFuture(zeroMember()));
        } else {
            piece = new byte[PIECE];
            inFlight.add(pool.submit(() -> gzip(data, n)));
        }
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    private byte[] zeroMember() throws IOException {
        if (zeroMember == null) {
            zeroMember = gzip(ZERO_PIECE, PIECE);
        }
        return zeroMember;
    }

    private static byte[] gzip(byte[] data, int n) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream(n / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bo, 1 << 16)) {
            gz.write(data, 0, n);
        }
        return bo.toByteArray();
    }

    private void drainOne() throws IOException {
        Future<byte[]> f = inFlight.poll();
        try {
            out.write(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Compresses what is left and writes every piece; the underlying stream stays open. */
    void finish() throws IOException {
        if (closed) {
            return;
        }
        if (filled > 0) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            drainOne();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            closed = true;
            pool.shutdownNow();
            out.close();
        }
    }
}
