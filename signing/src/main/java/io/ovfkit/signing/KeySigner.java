package io.ovfkit.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ManifestSigner} over a {@link PrivateKey}, optionally with a specific JCA
 * {@link Provider} (e.g. SunPKCS11 for a token); by default the JCA picks a provider that accepts
 * the key. Immutable and safe to share between threads: each signature uses a new
 * {@link java.security.Signature} (a PKCS#11 key is as thread-safe as its provider makes it).
 */
public final class KeySigner implements ManifestSigner {
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Provider provider;

    private KeySigner(PrivateKey key, List<X509Certificate> chain, Provider provider) {
        this.key = Objects.requireNonNull(key, "key");
        this.chain = List.copyOf(chain);
        this.provider = provider;
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a signer needs at least its own certificate");
        }
        keyAlgorithm(key); // fails early for keys other than RSA and EC
    }

    /**
     * A signer using the JCA's default provider selection.
     *
     * @param key an RSA or EC private key
     * @param chain its certificate first, then intermediates
     * @return the signer
     * @throws SigningException when the key is neither RSA nor EC
     * @throws IllegalArgumentException when the chain is empty
     */
    public static KeySigner of(PrivateKey key, List<X509Certificate> chain) {
        return new KeySigner(key, chain, null);
    }

    /**
     * A signer using a given provider, e.g. a configured SunPKCS11 instance.
     *
     * @param key an RSA or EC private key (possibly a handle to a key inside a token)
     * @param chain its certificate first, then intermediates
     * @param provider the provider whose {@link Signature} is used
     * @return the signer
     * @throws SigningException when the key is neither RSA nor EC
     */
    public static KeySigner of(PrivateKey key, List<X509Certificate> chain, Provider provider) {
        return new KeySigner(key, chain, Objects.requireNonNull(provider, "provider"));
    }

    @Override
    public String algorithmName() {
        return keyAlgorithm(key);
    }

    @Override
    public byte[] sign(DigestAlgorithm digest, byte[] data) {
        String alg = digest.signatureAlgorithm(algorithmName());
        try {
            Signature s = provider == null ? Signature.getInstance(alg) : Signature.getInstance(alg, provider);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException(null, "cannot sign with " + alg + " using the key of "
                    + chain.get(0).getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The private key (or token handle) this signer uses. */
    PrivateKey privateKey() {
        return key;
    }

    /** {@return the key algorithm and the signer's subject; never key material} */
    @Override
    public String toString() {
        return "KeySigner[" + algorithmName() + ", " + chain.get(0).getSubjectX500Principal().getName()
                + (provider == null ? "" : ", provider " + provider.getName()) + "]";
    }

    static String keyAlgorithm(java.security.Key key) {
        String a = key.getAlgorithm();
        if ("RSA".equalsIgnoreCase(a)) {
            return "RSA";
        }
        if ("EC".equalsIgnoreCase(a) || "ECDSA".equalsIgnoreCase(a)) {
            return "EC";
        }
        throw new SigningException(null, "unsupported key algorithm '" + a
                + "': OVF certificates are signed with RSA or EC keys");
    }
}
