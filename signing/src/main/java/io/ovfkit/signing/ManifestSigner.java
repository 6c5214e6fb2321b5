package io.ovfkit.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What signs a manifest: a private key somewhere (in memory, in a PKCS#11 token, in an HSM) and the
 * certificate chain that goes with it. {@link Signatures#sign} only talks to this interface, so a
 * new kind of key store needs only a new implementation; {@link KeySigner} is the one over a
 * {@link java.security.PrivateKey}.
 *
 * <p>Implementations should be safe to call from any thread, as {@link KeySigner} is; the library calls
 * one from one thread at a time, once per package it signs.
 */
public interface ManifestSigner {
    /**
     * The key's algorithm as the JCA names it.
     *
     * @return {@code RSA} or {@code EC}
     */
    String algorithmName();

    /**
     * Signs {@code data} with the given digest: RSA PKCS#1 v1.5 ({@code SHA256withRSA}) or ECDSA
     * ({@code SHA256withECDSA}, DER-encoded), the signature {@code openssl dgst -sha256 -sign}
     * produces.
     *
     * @param digest the digest algorithm
     * @param data the bytes to sign (the manifest file as stored)
     * @return the raw signature
     * @throws SigningException when the key cannot sign
     */
    byte[] sign(DigestAlgorithm digest, byte[] data);

    /**
     * The certificates to publish, signer first, then intermediates (a root may be left out).
     *
     * @return a non-empty list
     */
    List<X509Certificate> chain();
}
