package io.ovfkit.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms an OVF manifest ({@code .mf}) and certificate ({@code .cert}) may name.
 * OVF 1.x packages mostly use {@link #SHA1}, OVF 2.x and ovftool 4.2+ {@link #SHA256} (the
 * {@linkplain #DEFAULT default} here); {@link #SHA512} is accepted by current vSphere and VirtualBox.
 *
 * <p>Immutable (an enum) and safe to share between threads; each use makes its own
 * {@link java.security.MessageDigest}.
 */
public enum DigestAlgorithm {
    /** SHA-1 (20 bytes); still written by VirtualBox for OVF 1.0 exports and by XenServer. */
    SHA1("SHA1", "SHA-1", 20),
    /** SHA-256 (32 bytes); the default of ovftool 4.2+ and of this library. */
    SHA256("SHA256", "SHA-256", 32),
    /** SHA-512 (64 bytes). */
    SHA512("SHA512", "SHA-512", 64);

    /** The algorithm written when none is asked for: {@link #SHA256}. */
    public static final DigestAlgorithm DEFAULT = SHA256;

    private final String manifestName;
    private final String jdkName;
    private final int length;

    DigestAlgorithm(String manifestName, String jdkName, int length) {
        this.manifestName = manifestName;
        this.jdkName = jdkName;
        this.length = length;
    }

    /**
     * The name written in a manifest line, e.g. {@code SHA256} in {@code SHA256(x.ovf)= ...}.
     *
     * @return {@code SHA1}, {@code SHA256} or {@code SHA512}
     */
    public String manifestName() {
        return manifestName;
    }

    /**
     * The JDK's standard {@link MessageDigest} name.
     *
     * @return {@code SHA-1}, {@code SHA-256} or {@code SHA-512}
     */
    public String jdkName() {
        return jdkName;
    }

    /**
     * The length of a digest.
     *
     * @return the number of bytes (20, 32 or 64)
     */
    public int digestLength() {
        return length;
    }

    /**
     * The length of a digest written in hexadecimal.
     *
     * @return twice {@link #digestLength()}
     */
    public int hexLength() {
        return 2 * length;
    }

    /**
     * A new {@link MessageDigest} for this algorithm (every JDK has all three).
     *
     * @return a fresh, unshared digest
     */
    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + jdkName + " MessageDigest", e);
        }
    }

    /**
     * The JCA signature algorithm combining this digest with a key of the given algorithm:
     * {@code SHA256withRSA} (PKCS#1 v1.5, what ovftool and {@code openssl dgst -sign} produce) or
     * {@code SHA256withECDSA} (DER-encoded signature, as {@code openssl dgst -sign} produces).
     *
     * @param keyAlgorithm the key's JCA algorithm, {@code RSA} or {@code EC} ({@code ECDSA} is accepted)
     * @return the signature algorithm name
     * @throws SigningException when the key algorithm is neither RSA nor EC
     */
    public String signatureAlgorithm(String keyAlgorithm) {
        String k = keyAlgorithm == null ? "" : keyAlgorithm.toUpperCase(Locale.ROOT);
        switch (k) {
            case "RSA":
                return manifestName + "withRSA";
            case "EC":
            case "ECDSA":
                return manifestName + "withECDSA";
            default:
                throw new SigningException(null, "unsupported key algorithm '" + keyAlgorithm
                        + "': OVF certificates are signed with RSA or EC (ECDSA) keys");
        }
    }

    /**
     * Looks an algorithm up by name, leniently: case-insensitive, with or without a dash or
     * underscore ({@code SHA256}, {@code sha256}, {@code SHA-256}, {@code sha_256} all give
     * {@link #SHA256}).
     *
     * @param name the name, may be {@code null}
     * @return the algorithm, or empty when the name is none of the three
     */
    public static Optional<DigestAlgorithm> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.manifestName.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #find(String)} but for a name that must be valid, e.g. a user's option value.
     *
     * @param name the name ({@code sha256}, {@code SHA-256}, ...)
     * @return the algorithm
     * @throws IllegalArgumentException naming the accepted values when the name is not one of them
     */
    public static DigestAlgorithm parse(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown digest algorithm '" + name
                + "': expected SHA1, SHA256 or SHA512 (also sha256, SHA-256, ...)"));
    }
}
