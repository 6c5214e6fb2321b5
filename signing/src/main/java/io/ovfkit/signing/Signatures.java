package io.ovfkit.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Signing a manifest into a certificate file, and verifying one. The signature is over the exact
 * bytes of the {@code .mf} file, as ovftool, VirtualBox and {@code openssl dgst -sign} compute it.
 *
 * <p>Stateless; safe to call from any thread (the {@link ManifestSigner} given decides how safe signing
 * itself is).
 */
public final class Signatures {
    private Signatures() {
    }

    /**
     * Signs a manifest. The new signature is checked against the signer's certificate before it is
     * returned, so a key that does not belong to the certificate never yields a certificate file.
     *
     * @param manifestBytes the {@code .mf} file's bytes exactly as stored in the package
     * @param manifestName the manifest's name in the package, written on the signature line
     * @param signer the key and its chain
     * @param digest the digest algorithm ({@link DigestAlgorithm#DEFAULT} is SHA256)
     * @return the certificate file, in ovftool's form when written
     * @throws SigningException when the key cannot sign or does not match its certificate
     */
    public static CertificateFile sign(byte[] manifestBytes, String manifestName, ManifestSigner signer,
            DigestAlgorithm digest) {
        Objects.requireNonNull(manifestBytes, "manifestBytes");
        List<X509Certificate> chain = List.copyOf(signer.chain());
        if (chain.isEmpty()) {
            throw new SigningException(null, "the signer has no certificate");
        }
        byte[] sig = signer.sign(digest, manifestBytes);
        X509Certificate leaf = chain.get(0);
        String alg = digest.signatureAlgorithm(KeySigner.keyAlgorithm(leaf.getPublicKey()));
        boolean ok;
        try {
            Signature s = Signature.getInstance(alg);
            s.initVerify(leaf.getPublicKey());
            s.update(manifestBytes);
            ok = s.verify(sig);
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            throw new SigningException(null, "the private key does not match the certificate "
                    + leaf.getSubjectX500Principal().getName() + ": its " + alg + " signature does not verify with"
                    + " the certificate's public key");
        }
        return CertificateFile.of(manifestName, digest, sig, chain);
    }

    /**
     * Verifies a certificate file against the manifest it signs. A bad signature, an expired or
     * self-signed certificate or an untrusted chain is a result, not an exception.
     *
     * @param cert the certificate file
     * @param manifestBytes the {@code .mf} file's bytes exactly as stored in the package
     * @param anchors the certificates a chain may end at ({@link TrustAnchors#none()} to check only the
     *     signature and validity)
     * @param now the moment validity is judged at
     * @return the facts
     */
    public static SignatureVerification verify(CertificateFile cert, byte[] manifestBytes, TrustAnchors anchors,
            Instant now) {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(manifestBytes, "manifestBytes");
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(now, "now");
        List<String> notes = new ArrayList<>();
        X509Certificate leaf = cert.signer();

        String alg = cert.digestAlgorithm().manifestName() + "with" + leaf.getPublicKey().getAlgorithm();
        boolean valid = false;
        try {
            alg = cert.digestAlgorithm().signatureAlgorithm(KeySigner.keyAlgorithm(leaf.getPublicKey()));
            Signature s = Signature.getInstance(alg);
            s.initVerify(leaf.getPublicKey());
            s.update(manifestBytes);
            valid = s.verify(cert.signature());
            if (!valid) {
                notes.add("the " + alg + " signature does not match the manifest's bytes"
                        + " (manifest changed, or signed by another key)");
            }
        } catch (GeneralSecurityException | SigningException e) {
            notes.add("the " + alg + " signature cannot be checked: " + e.getMessage());
        }
        if (cert.digestAlgorithm() == DigestAlgorithm.SHA1) {
            notes.add("the signature uses SHA1, which is no longer considered collision resistant");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            notes.add("the signer certificate's key usage allows neither digitalSignature nor nonRepudiation");
        }

        boolean selfSigned = isSelfSigned(leaf);
        boolean expired = false;
        boolean notYetValid = false;
        Instant lo = Instant.MIN;
        Instant hi = Instant.MAX;
        for (X509Certificate c : cert.chain()) {
            Instant nb = c.getNotBefore().toInstant();
            Instant na = c.getNotAfter().toInstant();
            if (now.isAfter(na)) {
                expired = true;
                notes.add("certificate " + name(c.getSubjectX500Principal()) + " expired on " + na);
            }
            if (now.isBefore(nb)) {
                notYetValid = true;
                notes.add("certificate " + name(c.getSubjectX500Principal()) + " is not valid before " + nb);
            }
            lo = nb.isAfter(lo) ? nb : lo;
            hi = na.isBefore(hi) ? na : hi;
        }
        Instant pkixTime = now;
        if ((expired || notYetValid) && !lo.isAfter(hi)) {
            pkixTime = now.isBefore(lo) ? lo : hi;
        }
        boolean trusted = chainTrusted(cert.chain(), anchors, pkixTime, notes);

        return new SignatureVerification(valid, selfSigned, expired, notYetValid, trusted, cert.digestAlgorithm(), alg,
                name(leaf.getSubjectX500Principal()), name(leaf.getIssuerX500Principal()),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), notes);
    }

    private static boolean isSelfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean chainTrusted(List<X509Certificate> chain, TrustAnchors anchors, Instant at,
            List<String> notes) {
        X509Certificate leaf = chain.get(0);
        if (anchors.isEmpty()) {
            notes.add("no trust anchors were given, so the chain cannot be trusted");
            return false;
        }
        if (anchors.certificates().contains(leaf)) {
            return true;
        }
        try {
            Set<TrustAnchor> ta = new HashSet<>();
            for (X509Certificate c : anchors.certificates()) {
                ta.add(new TrustAnchor(c, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(ta, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (CertPathBuilderException e) {
            notes.add("no trusted chain from " + name(leaf.getSubjectX500Principal()) + " to a trust anchor: "
                    + e.getMessage());
            return false;
        } catch (InvalidAlgorithmParameterException e) {
            notes.add("the trust anchors cannot be used: " + e.getMessage());
            return false;
        } catch (GeneralSecurityException e) {
            notes.add("the chain cannot be checked: " + e.getMessage());
            return false;
        }
    }

    private static String name(X500Principal p) {
        return p.getName(X500Principal.RFC2253);
    }
}
