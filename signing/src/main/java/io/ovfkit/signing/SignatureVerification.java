package io.ovfkit.signing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying a certificate file against a manifest, as separate facts (like
 * VirtualBox's and ovftool's reports) rather than one boolean: a caller decides which of them are
 * failures and which are warnings.
 *
 * <p>Immutable as the library makes it (its list of notes is not changed afterwards) and safe to share
 * between threads.
 *
 * @param signatureValid the signature on the first line verifies over the manifest's bytes with the
 *     signer certificate's public key
 * @param selfSigned the signer certificate is issued by itself and signed with its own key
 * @param expired a certificate of the file was past its end of validity at the time asked about
 * @param notYetValid a certificate of the file was before its start of validity at the time asked
 *     about
 * @param chainTrusted a PKIX path leads from the signer to one of the trust anchors (signatures,
 *     names, basic constraints and key usage checked; no revocation). Judged at the time asked about,
 *     or, when a certificate is outside its validity then, at a moment all of them are valid: expiry
 *     is reported by {@code expired} / {@code notYetValid}, not here
 * @param digest the digest algorithm of the signature line
 * @param signatureAlgorithm the JCA algorithm used, e.g. {@code SHA256withRSA}
 * @param subject the signer's subject, RFC 2253 (e.g. {@code CN=example.org,O=Example})
 * @param issuer the signer's issuer, RFC 2253
 * @param notBefore start of the signer certificate's validity
 * @param notAfter end of the signer certificate's validity
 * @param notes why a fact is false, in words (e.g. the PKIX failure), empty when all are fine
 */
public record SignatureVerification(boolean signatureValid, boolean selfSigned, boolean expired,
        boolean notYetValid, boolean chainTrusted, DigestAlgorithm digest, String signatureAlgorithm,
        String subject, String issuer, Instant notBefore, Instant notAfter, List<String> notes) {

    /**
     * @param signatureValid see the class description
     * @param selfSigned see the class description
     * @param expired see the class description
     * @param notYetValid see the class description
     * @param chainTrusted see the class description
     * @param digest see the class description
     * @param signatureAlgorithm see the class description
     * @param subject see the class description
     * @param issuer see the class description
     * @param notBefore see the class description
     * @param notAfter see the class description
     * @param notes see the class description
     */
    public SignatureVerification {
        Objects.requireNonNull(digest, "digest");
        notes = List.copyOf(notes);
    }

    /**
     * Whether every fact is good: valid signature, trusted chain, every certificate within its
     * validity.
     *
     * @return true when nothing is left to warn about
     */
    public boolean fullyValid() {
        return signatureValid && chainTrusted && !expired && !notYetValid;
    }
}
