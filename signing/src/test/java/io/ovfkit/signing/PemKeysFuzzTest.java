package io.ovfkit.signing;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the PEM readers: private keys (PKCS#8, encrypted PKCS#8, traditional
 * RSA and EC, encrypted traditional), certificate files and trust anchors. Contract: any bytes give
 * a key or certificates or a {@link SigningException}. Seeds: {@code PemKeysFuzzTestInputs/}
 * (docs/fuzzing.md); the encrypted seeds use the password {@code fuzz}.
 */
class PemKeysFuzzTest {
    @FuzzTest
    void readPem(byte[] input) {
        try {
            Keys.readPrivateKey(input, "fuzz.pem", PasswordSource.of("fuzz".toCharArray()));
        } catch (SigningException refused) {
            // no key, a broken block, a wrong password: clear refusals
        }
        try {
            Keys.readCertificates(input, "fuzz.pem");
        } catch (SigningException refused) {
            // no certificate or a broken block
        }
        try {
            TrustAnchors.fromPem(input, "fuzz.pem");
        } catch (SigningException refused) {
            // no certificate or a broken block
        }
    }
}
