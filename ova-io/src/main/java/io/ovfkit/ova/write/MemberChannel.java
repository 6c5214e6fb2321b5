package io.ovfkit.ova.write;

import io.ovfkit.signing.Digest;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.DigestingWritableByteChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * One member being written: its bytes go to the sink's {@link #raw} channel and, when the package
 * has a manifest, through a {@link DigestingWritableByteChannel}, so the member is hashed in the
 * pass that writes it. {@link #close()} completes the member (its tar header, its file).
 */
abstract class MemberChannel implements WritableByteChannel {
    private final String name;
    private final WritableByteChannel out;
    private final DigestingWritableByteChannel digesting;
    private long count;
    private boolean closed;
    private PackageResult.Member result;

    /**
     * @param name the member name
     * @param digest the manifest's algorithm, {@code null} for none
     * @param raw where the bytes go
     */
    MemberChannel(String name, DigestAlgorithm digest, WritableByteChannel raw) {
        this.name = name;
        this.digesting = digest == null ? null : new DigestingWritableByteChannel(raw, digest);
        this.out = digesting == null ? raw : digesting;
    }

    final String name() {
        return name;
    }

    @Override
    public final int write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new IllegalStateException(name + ": the member is already complete");
        }
        int n = 0;
        while (src.hasRemaining()) {
            n += out.write(src);
        }
        count += n;
        return n;
    }

    /** Bytes written so far. */
    final long count() {
        return count;
    }

    @Override
    public final boolean isOpen() {
        return !closed;
    }

    /** Completes the member: {@link #complete(long)}, then the result is fixed. */
    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        long offset = complete(count);
        Digest d = digesting == null ? null : digesting.digest();
        result = new PackageResult.Member(name, count, offset, d);
    }

    /** What was written; only after {@link #close()}. */
    final PackageResult.Member result() {
        if (result == null) {
            throw new IllegalStateException(name + ": the member is not complete");
        }
        return result;
    }

    /**
     * Completes the member in the sink.
     *
     * @param size the bytes written
     * @return the offset of the data in the archive, or -1 when the member is not in an archive
     */
    abstract long complete(long size) throws IOException;
}
