package io.ovfkit.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A {@link ReadableByteChannel} that digests the bytes read through it, so a member is verified in
 * the same pass that reads or converts it. For streams the JDK already has
 * {@link java.security.DigestInputStream}.
 *
 * <p>Not thread-safe, like most channels in use (it holds a {@link MessageDigest} and a count):
 * confine an instance to one thread; distinct instances are independent. {@link #close()} closes
 * the underlying channel.
 */
public final class DigestingReadableByteChannel implements ReadableByteChannel {
    private final ReadableByteChannel source;
    private final DigestAlgorithm algorithm;
    private final MessageDigest md;
    private long count;

    /**
     * @param source where the bytes come from
     * @param algorithm the digest to compute
     */
    public DigestingReadableByteChannel(ReadableByteChannel source, DigestAlgorithm algorithm) {
        this.source = Objects.requireNonNull(source, "source");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.md = algorithm.newMessageDigest();
    }

    /**
     * Reads from the underlying channel and digests the bytes read.
     *
     * @param dst where to put the bytes
     * @return the number of bytes read, or -1 at the end
     * @throws IOException as the underlying channel does
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = source.read(dst);
        if (n > 0) {
            ByteBuffer view = dst.duplicate();
            view.position(start).limit(start + n);
            md.update(view);
            count += n;
        }
        return n;
    }

    /**
     * The number of bytes read through this channel.
     *
     * @return the count so far
     */
    public long count() {
        return count;
    }

    /**
     * The digest of the bytes read so far. The channel may go on being used afterwards.
     *
     * @return the digest
     */
    public Digest digest() {
        return Digest.of(algorithm, snapshot(md));
    }

    @Override
    public boolean isOpen() {
        return source.isOpen();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** The digest so far without disturbing {@code md} (the JDK's digests are all cloneable). */
    static byte[] snapshot(MessageDigest md) {
        try {
            return ((MessageDigest) md.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("MessageDigest " + md.getAlgorithm() + " cannot be cloned", e);
        }
    }
}
