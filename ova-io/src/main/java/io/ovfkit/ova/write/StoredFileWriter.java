package io.ovfkit.ova.write;

import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of one {@code File} of the descriptor on their way into the package: optionally
 * gzip-compressed ({@code ovf:compression="gzip"}, header MTIME 0), then optionally cut into
 * {@code ovf:chunkSize} pieces named {@code href.000000000}, {@code href.000000001} …, each a
 * member of the sink. When the sink needs sizes first (a pipe) and the stored size is not known in
 * advance, each chunk is collected in {@link ChunkBuffer} memory and written once complete: memory is
 * bounded by one chunk.
 */
final class StoredFileWriter implements WritableByteChannel {
    /** The number of digits of a chunk suffix. */
    static final int CHUNK_DIGITS = 9;

    private final PackageSink sink;
    private final String href;
    private final Long chunkSize;
    private final long knownSize;
    private final DigestAlgorithm digest;
    private final ChunkBuffer buffer;
    private final GZIPOutputStream gzip;
    private final List<PackageResult.Member> members = new ArrayList<>();
    private MemberChannel current;
    private long inCurrent;
    private int nextChunk;
    private long stored;
    private boolean closed;

    /** One reusable chunk-sized array for buffered chunks, shared by the files of a package. */
    static final class ChunkBuffer {
        private byte[] bytes = new byte[0];
        private int length;

        byte[] take(long size) {
            if (bytes.length < size) {
                bytes = new byte[Math.toIntExact(size)];
            }
            length = 0;
            return bytes;
        }
    }

    /**
     * @param sink where the members go
     * @param href the file's name in the package
     * @param chunkSize the chunk size, or {@code null} for one member
     * @param gzipLevel deflate level 1..9, or 0 for no compression
     * @param knownSize the stored size when known in advance (no compression), else -1
     * @param digest the manifest algorithm, or {@code null}
     * @param buffer memory for one chunk, used only when the sink needs sizes and the size is unknown
     */
    StoredFileWriter(PackageSink sink, String href, Long chunkSize, int gzipLevel, long knownSize,
            DigestAlgorithm digest, ChunkBuffer buffer) throws IOException {
        this.sink = sink;
        this.href = href;
        this.chunkSize = chunkSize;
        this.knownSize = knownSize;
        this.digest = digest;
        this.buffer = buffer;
        if (sink.needsSizes() && knownSize < 0 && chunkSize == null) {
            throw new IllegalArgumentException(href + ": a file of unknown size written to a stream must be chunked");
        }
        this.gzip = gzipLevel == 0 ? null : new LeveledGzip(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                store(ByteBuffer.wrap(new byte[] {(byte) b}));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                store(ByteBuffer.wrap(b, off, len));
            }
        }, gzipLevel);
    }

    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level);
        }
    }

    /** The name of chunk {@code index} of {@code href}. */
    static String chunkName(String href, long index) {
        if (index > 999_999_999L) {
            throw new IllegalArgumentException(href + ": more than 10^9 chunks; choose a larger chunk size");
        }
        return href + "." + String.format("%0" + CHUNK_DIGITS + "d", index);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (gzip == null) {
            store(src);
        } else if (src.hasArray()) {
            gzip.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            byte[] tmp = new byte[Math.min(n, 1 << 16)];
            while (src.hasRemaining()) {
                int k = Math.min(tmp.length, src.remaining());
                src.get(tmp, 0, k);
                gzip.write(tmp, 0, k);
            }
        }
        return n;
    }

    /** Stored bytes: into the current member or chunk. */
    private void store(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (chunkSize == null) {
                if (current == null) {
                    current = sink.open(href, knownSize, digest);
                }
                stored += src.remaining();
                current.write(src);
                return;
            }
            if (buffered()) {
                if (buffer.length == 0) {
                    buffer.take(chunkSize);
                }
                int k = (int) Math.min(src.remaining(), chunkSize - buffer.length);
                src.get(buffer.bytes, buffer.length, k);
                buffer.length += k;
                stored += k;
                if (buffer.length == chunkSize) {
                    flushBuffer();
                }
                continue;
            }
            if (current == null) {
                long size = knownSize < 0 ? -1 : Math.min(chunkSize, knownSize - (long) nextChunk * chunkSize);
                current = sink.open(chunkName(href, nextChunk++), size, digest);
                inCurrent = 0;
            }
            int k = (int) Math.min(src.remaining(), chunkSize - inCurrent);
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + k);
            current.write(part);
            src.position(src.position() + k);
            inCurrent += k;
            stored += k;
            if (inCurrent == chunkSize) {
                closeCurrent();
            }
        }
    }

    private boolean buffered() {
        return sink.needsSizes() && knownSize < 0;
    }

    private void flushBuffer() throws IOException {
        MemberChannel m = sink.open(chunkName(href, nextChunk++), buffer.length, digest);
        m.write(ByteBuffer.wrap(buffer.bytes, 0, buffer.length));
        m.close();
        members.add(m.result());
        buffer.length = 0;
    }

    private void closeCurrent() throws IOException {
        current.close();
        members.add(current.result());
        current = null;
        inCurrent = 0;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /** Ends compression and completes the last member (an empty file still gets one member). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (gzip != null) {
            gzip.finish();
        }
        closed = true;
        if (buffered() && buffer.length > 0) {
            flushBuffer();
        }
        if (current != null) {
            closeCurrent();
        }
        if (members.isEmpty()) {
            MemberChannel m = sink.open(chunkSize == null ? href : chunkName(href, 0), 0, digest);
            m.close();
            members.add(m.result());
        }
    }

    /** The members written, in order; after {@link #close()}. */
    List<PackageResult.Member> members() {
        return List.copyOf(members);
    }

    /** The stored size: the sum of the members. */
    long storedSize() {
        return stored;
    }
}
