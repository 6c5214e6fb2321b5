package io.ovfkit.ova.write;

import io.ovfkit.ova.PackageException;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.ManifestSigner;
import io.ovfkit.signing.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The sizes of a manifest and a certificate file before their content exists, so that their
 * places can be reserved in front of the files they describe. A manifest line has a fixed length
 * for a given name and algorithm ({@code SHA256(name)= } and 64 hex digits), so a manifest's length
 * is exact once its names are known. A certificate file's length is fixed for RSA (the signature is
 * as long as the modulus) and bounded for ECDSA (a DER signature varies by a few bytes).
 */
final class ManifestSizes {
    private static final int MAX_SIGN_ATTEMPTS = 32;

    private ManifestSizes() {
    }

    /** The bytes of the line {@code ALG(name)= hex\n}. */
    static long lineLength(DigestAlgorithm algorithm, String name) {
        return algorithm.manifestName().length() + 1 + name.getBytes(StandardCharsets.UTF_8).length + 3
                + algorithm.hexLength() + 1;
    }

    /** The largest certificate file {@code signer} can produce for the manifest {@code manifestName}. */
    static long maxCertificateLength(ManifestSigner signer, DigestAlgorithm digest, String manifestName) {
        long pem = CertificateFile.pem(signer.chain()).getBytes(StandardCharsets.US_ASCII).length;
        return digest.manifestName().length() + 1 + manifestName.getBytes(StandardCharsets.UTF_8).length + 3
                + 2L * maxSignatureLength(signer, digest) + 1 + pem;
    }

    /** The longest signature of the signer's key: RSA modulus bytes, or the largest DER ECDSA signature. */
    static int maxSignatureLength(ManifestSigner signer, DigestAlgorithm digest) {
        PublicKey key = signer.chain().get(0).getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            return (rsa.getModulus().bitLength() + 7) / 8;
        }
        if (key instanceof ECPublicKey ec) {
            int f = (ec.getParams().getOrder().bitLength() + 7) / 8;
            int content = 2 * (2 + f + 1);
            return content + (content > 127 ? 3 : 2);
        }
        // Another kind of key behind a custom signer: measure one signature and allow for DER variation.
        return signer.sign(digest, new byte[] {0}).length + 16;
    }

    /**
     * Signs {@code manifest} into a certificate file whose length fits a reserved area of {@code area}
     * bytes (a multiple of 512): longer than {@code area - 512} and at most {@code area}. An ECDSA
     * signature shorter than the longest possible can make the file end a block early; then it is
     * signed again (ECDSA signatures are randomised), and as a last resort the file is padded with
     * newlines, which certificate readers skip.
     */
    static CertificateFile signToFit(byte[] manifest, String manifestName, ManifestSigner signer, DigestAlgorithm digest,
            long area, String target) {
        CertificateFile cert = null;
        for (int i = 0; i < MAX_SIGN_ATTEMPTS; i++) {
            cert = Signatures.sign(manifest, manifestName, signer, digest);
            long len = cert.write().length;
            if (len > area) {
                throw new PackageException(target, manifestName, -1, "the certificate file is " + len
                        + " bytes, more than the " + area + " reserved for it", null);
            }
            if (len > area - TarFormat.BLOCK) {
                return cert;
            }
        }
        return cert;
    }

    /** The bytes of {@code cert} padded with newlines to more than {@code area - 512} bytes. */
    static byte[] fit(CertificateFile cert, long area) {
        byte[] b = cert.write();
        long min = area - TarFormat.BLOCK + 1;
        if (b.length >= min) {
            return b;
        }
        byte[] padded = Arrays.copyOf(b, (int) min);
        Arrays.fill(padded, b.length, padded.length, (byte) '\n');
        return padded;
    }
}
