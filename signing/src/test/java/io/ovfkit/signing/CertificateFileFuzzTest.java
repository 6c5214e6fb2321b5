package io.ovfkit.signing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of the certificate file parser ({@code .cert}: signature line and PEM
 * certificates) and of verifying what it read. Contract: any bytes give a certificate file or a
 * {@link SigningException}; verification reports, it does not throw. Seeds:
 * {@code CertificateFileFuzzTestInputs/} (docs/fuzzing.md).
 */
class CertificateFileFuzzTest {
    private static final byte[] MANIFEST = "SHA256(disk.vmdk)= 00\n".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest
    void parseCertificateFile(byte[] input) {
        CertificateFile c;
        try {
            c = CertificateFile.parse(input, "fuzz.cert");
        } catch (SigningException refused) {
            return;
        }
        c.manifestName();
        c.signatureHex();
        c.chain();
        c.warnings();
        c.toString();
        CertificateFile.parse(c.write(), "written");
        Signatures.verify(c, MANIFEST, TrustAnchors.none(), Instant.parse("2026-06-01T12:00:00Z"));
    }
}
