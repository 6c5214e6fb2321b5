package io.ovfkit.ova;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel} over a resource of a server that supports range
 * requests: each read that misses the buffer fetches at least the read-ahead size from the current
 * position (one {@code Range} request, resumed if cut short), so that walking tar headers or a disk's
 * metadata costs one request per region, not one per read. Thread-safe: reads are serialised.
 */
final class HttpRangeChannel implements SeekableByteChannel {
    private final Http http;
    private final Http.Resource resource;
    private int readAhead;
    private long position;
    private byte[] buffer = new byte[0];
    private long bufferStart;
    private int bufferLength;
    private boolean open = true;
    private long requests;

    HttpRangeChannel(Http http, Http.Resource resource, int readAhead) {
        if (!resource.ranges() || resource.size() < 0) {
            throw new IllegalArgumentException("random access needs a server with range support and a known size");
        }
        this.http = http;
        this.resource = resource;
        this.readAhead = readAhead;
    }

    synchronized void readAhead(int bytes) {
        this.readAhead = bytes;
    }

    /** Range requests made so far (for tests and diagnostics). */
    synchronized long requests() {
        return requests;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        long size = resource.size();
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position < bufferStart || position >= bufferStart + bufferLength) {
            int want = (int) Math.min(size - position, Math.max(readAhead, Math.min(dst.remaining(), 8 << 20)));
            if (buffer.length < want) {
                buffer = new byte[want];
            }
            requests++;
            try (InputStream in = http.open(resource, position, want)) {
                int n = in.readNBytes(buffer, 0, want);
                if (n < want) {
                    throw new PackageException(resource.uri().toString(), null, position + n, "the server sent "
                            + n + " of the " + want + " bytes asked for", null);
                }
            }
            bufferStart = position;
            bufferLength = want;
        }
        int from = (int) (position - bufferStart);
        int n = Math.min(dst.remaining(), bufferLength - from);
        dst.put(buffer, from, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public synchronized SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return resource.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
        buffer = new byte[0];
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
