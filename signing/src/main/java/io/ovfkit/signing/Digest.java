package io.ovfkit.signing;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A digest value: its algorithm and its bytes, held as lowercase hexadecimal. Immutable and safe to
 * share between threads; two digests are equal when algorithm and value are, whatever the case of
 * the hex they were made from.
 *
 * @param algorithm the digest algorithm
 * @param hex the value in lowercase hexadecimal, {@link DigestAlgorithm#hexLength()} digits
 */
public record Digest(DigestAlgorithm algorithm, String hex) {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * @param algorithm the digest algorithm
     * @param hex the value in hexadecimal, either case; stored in lowercase
     * @throws IllegalArgumentException when {@code hex} is not hexadecimal of the algorithm's length
     */
    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != algorithm.hexLength() || !isHex(hex)) {
            throw new IllegalArgumentException("a " + algorithm.manifestName() + " digest is "
                    + algorithm.hexLength() + " hexadecimal digits, got '" + hex + "'");
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /**
     * A digest from its raw bytes.
     *
     * @param algorithm the algorithm that produced {@code value}
     * @param value the digest bytes, {@link DigestAlgorithm#digestLength()} of them
     * @return the digest
     * @throws IllegalArgumentException when the length does not fit the algorithm
     */
    public static Digest of(DigestAlgorithm algorithm, byte[] value) {
        return new Digest(algorithm, HEX.formatHex(value));
    }

    /**
     * The digest bytes.
     *
     * @return a fresh copy of the value
     */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    /**
     * Whether {@code other} has the same algorithm and value; compares in constant time.
     *
     * @param other another digest, may be {@code null}
     * @return true when both are equal
     */
    public boolean matches(Digest other) {
        return other != null && other.algorithm == algorithm && MessageDigest.isEqual(bytes(), other.bytes());
    }

    /** {@return the manifest notation without a file name, e.g. {@code SHA256:3f7a...}} */
    @Override
    public String toString() {
        return algorithm.manifestName() + ":" + hex;
    }

    static boolean isHex(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
