package io.ovfkit.signing;

import io.ovfkit.signing.ManifestSyntax.Line;
import io.ovfkit.signing.ManifestSyntax.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a signature chain may end at. Immutable and safe to share between threads.
 *
 * <p>From a PEM bundle ({@code --trust CA.pem}: every {@code CERTIFICATE} block, other text
 * ignored), from the JDK's default trust store ({@code cacerts}, or the one named by
 * {@code javax.net.ssl.trustStore}), or from certificates in hand.
 */
public final class TrustAnchors {
    private static final TrustAnchors NONE = new TrustAnchors(List.of());

    private final List<X509Certificate> certificates;

    private TrustAnchors(Collection<X509Certificate> certificates) {
        this.certificates = List.copyOf(new LinkedHashSet<>(certificates));
    }

    /**
     * No anchors: every chain is reported untrusted (signature and validity are still checked).
     *
     * @return the empty set of anchors
     */
    public static TrustAnchors none() {
        return NONE;
    }

    /**
     * Anchors from certificates in hand.
     *
     * @param certificates the trusted certificates
     * @return the anchors
     */
    public static TrustAnchors of(Collection<X509Certificate> certificates) {
        return new TrustAnchors(certificates);
    }

    /**
     * Anchors from a PEM bundle: every {@code CERTIFICATE} block; comments and other text around the
     * blocks are ignored.
     *
     * @param pem the bundle's bytes
     * @param sourceName the file name used in messages; may be {@code null}
     * @return the anchors
     * @throws SigningException naming the line when a block is broken, or when there is no certificate
     */
    public static TrustAnchors fromPem(byte[] pem, String sourceName) {
        ManifestSyntax.checkSize(pem, sourceName, "trust bundle");
        Warnings w = new Warnings(sourceName, false);
        List<Line> lines = ManifestSyntax.lines(ManifestSyntax.decode(pem, w), w, sourceName);
        List<X509Certificate> out = new ArrayList<>();
        for (PemBlocks.Block b : PemBlocks.read(lines, 0, sourceName, false)) {
            if (PemBlocks.isCertificate(b.type())) {
                out.add(PemBlocks.certificate(b, sourceName));
            }
        }
        if (out.isEmpty()) {
            throw new SigningException(sourceName, "no certificate: expected PEM blocks"
                    + " '-----BEGIN CERTIFICATE-----'");
        }
        return new TrustAnchors(out);
    }

    /**
     * Anchors from a PEM bundle file.
     *
     * @param file the bundle
     * @return the anchors
     * @throws IOException when the file cannot be read
     * @throws SigningException when it holds no certificate or a broken block
     */
    public static TrustAnchors fromPem(Path file) throws IOException {
        return fromPem(BoundedFiles.read(file, BoundedFiles.MAX_BYTES, "a trust-anchor file"),
                String.valueOf(file.getFileName()));
    }

    /**
     * The JDK's default trust store: {@code lib/security/cacerts}, or the store named by the system
     * property {@code javax.net.ssl.trustStore}.
     *
     * @return the anchors
     * @throws SigningException when the trust store cannot be loaded
     */
    public static TrustAnchors jdkDefault() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            Set<X509Certificate> out = new LinkedHashSet<>();
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    out.addAll(List.of(x.getAcceptedIssuers()));
                }
            }
            return new TrustAnchors(out);
        } catch (GeneralSecurityException e) {
            throw new SigningException("JDK trust store", "cannot load the default trust store: " + e.getMessage(), e);
        }
    }

    /**
     * These anchors and those of {@code other}.
     *
     * @param other more anchors
     * @return the union
     */
    public TrustAnchors and(TrustAnchors other) {
        List<X509Certificate> all = new ArrayList<>(certificates);
        all.addAll(other.certificates);
        return new TrustAnchors(all);
    }

    /**
     * The trusted certificates.
     *
     * @return an unmodifiable list without duplicates
     */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * Whether there are no anchors.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    /** {@return how many anchors} */
    @Override
    public String toString() {
        return "TrustAnchors[" + certificates.size() + " certificate(s)]";
    }
}
