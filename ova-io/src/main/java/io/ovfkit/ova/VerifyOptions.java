package io.ovfkit.ova;

import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.TrustAnchors;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link OvfPackage#verify} judges a package. Immutable; start from {@link #defaults()}.
 *
 * <ul>
 * <li>{@link #anchors()}: the certificates a signer's chain may end at; by default the JDK's
 * {@code cacerts} (loaded when a signed package is verified).</li>
 * <li>{@link #strict()}: warnings fail the package too.</li>
 * <li>{@link #requireSignature()}: an unsigned package fails.</li>
 * <li>{@link #now()}: the moment certificate validity is judged at (default: when verifying).</li>
 * <li>{@link #threads()}: members hashed at once (default: the number of processors).</li>
 * <li>{@link #checkDisks()}: compare each disk's real format and capacity with its {@code Disk}
 * element (default on).</li>
 * <li>{@link #minDigest()}: the weakest digest a manifest line or the signature may use; a weaker one
 * fails the package (default: none, every algorithm of {@link DigestAlgorithm} is accepted).</li>
 * </ul>
 *
 * <p>Thread-safety: immutable, so safe to share between threads; every {@code with…} returns a new instance.
 */
public final class VerifyOptions {
    private static final VerifyOptions DEFAULTS = new VerifyOptions(null, false, false, null,
            Runtime.getRuntime().availableProcessors(), true, null);

    private final TrustAnchors anchors;
    private final boolean strict;
    private final boolean requireSignature;
    private final Instant now;
    private final int threads;
    private final boolean checkDisks;
    private final DigestAlgorithm minDigest;

    private VerifyOptions(TrustAnchors anchors, boolean strict, boolean requireSignature, Instant now, int threads,
            boolean checkDisks, DigestAlgorithm minDigest) {
        this.minDigest = minDigest;
        this.anchors = anchors;
        this.strict = strict;
        this.requireSignature = requireSignature;
        this.now = now;
        this.threads = threads;
        this.checkDisks = checkDisks;
    }

    /** @return the JDK's trust anchors, lenient, signature optional, all processors, disks checked */
    public static VerifyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param trust the anchors a certificate chain may end at ({@link TrustAnchors#fromPem}, {@link TrustAnchors#none()})
     * @return a copy with those anchors
     */
    public VerifyOptions withAnchors(TrustAnchors trust) {
        return new VerifyOptions(Objects.requireNonNull(trust), strict, requireSignature, now, threads, checkDisks,
                minDigest);
    }

    /**
     * @param on whether warnings fail the package
     * @return a copy
     */
    public VerifyOptions withStrict(boolean on) {
        return new VerifyOptions(anchors, on, requireSignature, now, threads, checkDisks, minDigest);
    }

    /**
     * @param on whether an unsigned package fails
     * @return a copy
     */
    public VerifyOptions withRequireSignature(boolean on) {
        return new VerifyOptions(anchors, strict, on, now, threads, checkDisks, minDigest);
    }

    /**
     * @param moment when certificate validity is judged
     * @return a copy
     */
    public VerifyOptions withNow(Instant moment) {
        return new VerifyOptions(anchors, strict, requireSignature, Objects.requireNonNull(moment), threads, checkDisks,
                minDigest);
    }

    /**
     * @param count members hashed at once, at least 1
     * @return a copy
     */
    public VerifyOptions withThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        return new VerifyOptions(anchors, strict, requireSignature, now, count, checkDisks, minDigest);
    }

    /**
     * @param on whether disks are compared with their {@code Disk} elements
     * @return a copy
     */
    public VerifyOptions withCheckDisks(boolean on) {
        return new VerifyOptions(anchors, strict, requireSignature, now, threads, on, minDigest);
    }

    /**
     * @param weakest the weakest digest accepted in the manifest and the signature ({@code SHA1 < SHA256 < SHA512});
     *     {@code null} accepts all
     * @return a copy
     */
    public VerifyOptions withMinDigest(DigestAlgorithm weakest) {
        return new VerifyOptions(anchors, strict, requireSignature, now, threads, checkDisks, weakest);
    }

    /** @return the weakest digest accepted, empty when any is */
    public Optional<DigestAlgorithm> minDigest() {
        return Optional.ofNullable(minDigest);
    }

    /** @return the anchors given, empty for the JDK's default */
    public Optional<TrustAnchors> anchors() {
        return Optional.ofNullable(anchors);
    }

    /** @return whether warnings fail the package */
    public boolean strict() {
        return strict;
    }

    /** @return whether an unsigned package fails */
    public boolean requireSignature() {
        return requireSignature;
    }

    /** @return the moment validity is judged at, empty for the time of verification */
    public Optional<Instant> now() {
        return Optional.ofNullable(now);
    }

    /** @return members hashed at once */
    public int threads() {
        return threads;
    }

    /** @return whether disks are checked */
    public boolean checkDisks() {
        return checkDisks;
    }
}
