package io.ovfkit.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A {@link WritableByteChannel} that passes bytes to another channel and digests exactly the bytes
 * that channel accepted, so a member of a package is hashed in the same pass that writes it. For
 * streams the JDK already has {@link java.security.DigestOutputStream}.
 *
 * <p>Not thread-safe, like most channels in use (it holds a {@link MessageDigest} and a count):
 * confine an instance to one thread; distinct instances are independent. {@link #close()} closes
 * the underlying channel.
 */
public final class DigestingWritableByteChannel implements WritableByteChannel {
    private final WritableByteChannel target;
    private final DigestAlgorithm algorithm;
    private final MessageDigest md;
    private long count;

    /**
     * @param target where the bytes go
     * @param algorithm the digest to compute
     */
    public DigestingWritableByteChannel(WritableByteChannel target, DigestAlgorithm algorithm) {
        this.target = Objects.requireNonNull(target, "target");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.md = algorithm.newMessageDigest();
    }

    /**
     * Writes to the underlying channel and digests the bytes it took.
     *
     * @param src the bytes to write
     * @return the number of bytes written
     * @throws IOException as the underlying channel does
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        ByteBuffer view = src.duplicate();
        int n = target.write(src);
        if (n > 0) {
            view.limit(view.position() + n);
            md.update(view);
            count += n;
        }
        return n;
    }

    /**
     * The number of bytes written through this channel.
     *
     * @return the count so far
     */
    public long count() {
        return count;
    }

    /**
     * The digest of the bytes written so far. The channel may go on being used afterwards.
     *
     * @return the digest
     */
    public Digest digest() {
        return Digest.of(algorithm, DigestingReadableByteChannel.snapshot(md));
    }

    @Override
    public boolean isOpen() {
        return target.isOpen();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
