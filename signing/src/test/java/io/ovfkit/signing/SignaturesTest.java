package io.ovfkit.signing;

import static io.ovfkit.signing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignaturesTest {
    private static final byte[] MF = TestPki.sampleManifest();

    private static CertificateFile sign(KeyPair kp, List<X509Certificate> chain, DigestAlgorithm alg) {
        return Signatures.sign(MF, "appliance.mf", KeySigner.of(kp.getPrivate(), chain), alg);
    }

    private static SignatureVerification verify(CertificateFile c, byte[] mf, TrustAnchors anchors) {
        // Through the bytes, as a reader of a package would.
        return Signatures.verify(CertificateFile.parse(c.write(), "appliance.cert"), mf, anchors, NOW);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void rsaSignatureVerifies(DigestAlgorithm alg) {
        KeyPair kp = TestPki.rsa();
        CertificateFile c = sign(kp, List.of(TestPki.selfSigned(kp, "rsa signer")), alg);
        SignatureVerification v = verify(c, MF, TrustAnchors.none());
        assertThat(v.signatureValid()).isTrue();
        assertThat(v.digest()).isEqualTo(alg);
        assertThat(v.signatureAlgorithm()).isEqualTo(alg.manifestName() + "withRSA");
        assertThat(c.signature()).hasSize(256);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void ecSignatureVerifies(DigestAlgorithm alg) {
        KeyPair kp = TestPki.ec();
        CertificateFile c = sign(kp, List.of(TestPki.selfSigned(kp, "ec signer")), alg);
        SignatureVerification v = verify(c, MF, TrustAnchors.none());
        assertThat(v.signatureValid()).isTrue();
        assertThat(v.signatureAlgorithm()).isEqualTo(alg.manifestName() + "withECDSA");
    }

    @Test
    void subjectAndValidityAreReported() {
        KeyPair kp = TestPki.ec();
        X509Certificate cert = TestPki.selfSigned(kp, "facts");
        SignatureVerification v = verify(sign(kp, List.of(cert), DigestAlgorithm.SHA256), MF, TrustAnchors.none());
        assertThat(v.subject()).isEqualTo("CN=facts,O=ovfkit tests");
        assertThat(v.issuer()).isEqualTo(v.subject());
        assertThat(v.notAfter()).isEqualTo(cert.getNotAfter().toInstant());
        assertThat(v.expired()).isFalse();
        assertThat(v.notYetValid()).isFalse();
    }

    @Test
    void tamperedManifestDoesNotVerify() {
        KeyPair kp = TestPki.rsa();
        CertificateFile c = sign(kp, List.of(TestPki.selfSigned(kp, "tamper")), DigestAlgorithm.SHA256);
        byte[] tampered = MF.clone();
        tampered[tampered.length - 2] ^= 1;
        SignatureVerification v = verify(c, tampered, TrustAnchors.none());
        assertThat(v.signatureValid()).isFalse();
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("does not match the manifest"));
    }

    @Test
    void tamperedSignatureDoesNotVerifyAndDoesNotThrow() {
        KeyPair kp = TestPki.ec();
        CertificateFile c = sign(kp, List.of(TestPki.selfSigned(kp, "tamper sig")), DigestAlgorithm.SHA256);
        byte[] sig = c.signature();
        sig[sig.length / 2] ^= 0x40; // may break the DER structure of an ECDSA signature: still a result
        CertificateFile bad = CertificateFile.of(c.manifestName(), c.digestAlgorithm(), sig, c.chain());
        assertThat(verify(bad, MF, TrustAnchors.none()).signatureValid()).isFalse();
    }

    @Test
    void signatureByAnotherKeyDoesNotVerify() {
        KeyPair signerKeys = TestPki.rsa();
        KeyPair otherKeys = TestPki.rsa2();
        CertificateFile c = sign(signerKeys, List.of(TestPki.selfSigned(signerKeys, "a")), DigestAlgorithm.SHA256);
        CertificateFile swapped = CertificateFile.of(c.manifestName(), c.digestAlgorithm(), c.signature(),
                List.of(TestPki.selfSigned(otherKeys, "b")));
        assertThat(verify(swapped, MF, TrustAnchors.none()).signatureValid()).isFalse();
    }

    @Test
    void signingWithAKeyThatDoesNotMatchTheCertificateIsRefused() {
        KeyPair kp = TestPki.ec();
        X509Certificate other = TestPki.selfSigned(TestPki.newEc(), "other");
        assertThatThrownBy(() -> sign(kp, List.of(other), DigestAlgorithm.SHA256))
                .isInstanceOf(SigningException.class).hasMessageContaining("does not match the certificate CN=other");
    }

    @Test
    void expiredCertificateIsReportedButSignatureStaysValid() {
        KeyPair kp = TestPki.ec();
        X509Certificate old = TestPki.selfSigned(kp, "old", NOW.minus(Duration.ofDays(800)),
                NOW.minus(Duration.ofDays(70)));
        SignatureVerification v = verify(sign(kp, List.of(old), DigestAlgorithm.SHA256), MF, TrustAnchors.none());
        assertThat(v.expired()).isTrue();
        assertThat(v.notYetValid()).isFalse();
        assertThat(v.signatureValid()).isTrue();
        assertThat(v.fullyValid()).isFalse();
    }

    @Test
    void notYetValidCertificateIsReported() {
        KeyPair kp = TestPki.ec();
        X509Certificate future = TestPki.selfSigned(kp, "future", NOW.plus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(400)));
        SignatureVerification v = verify(sign(kp, List.of(future), DigestAlgorithm.SHA256), MF, TrustAnchors.none());
        assertThat(v.notYetValid()).isTrue();
        assertThat(v.expired()).isFalse();
    }

    @Test
    void selfSignedNotInAnchorsIsUntrusted() {
        KeyPair kp = TestPki.rsa();
        X509Certificate ca = TestPki.ca(TestPki.rsa2(), "unrelated CA");
        SignatureVerification v = verify(sign(kp, List.of(TestPki.selfSigned(kp, "self")), DigestAlgorithm.SHA256),
                MF, TrustAnchors.of(List.of(ca)));
        assertThat(v.selfSigned()).isTrue();
        assertThat(v.chainTrusted()).isFalse();
        assertThat(v.signatureValid()).isTrue();
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("no trusted chain"));
    }

    @Test
    void selfSignedInAnchorsIsTrusted() {
        KeyPair kp = TestPki.ec();
        X509Certificate self = TestPki.selfSigned(kp, "pinned");
        SignatureVerification v = verify(sign(kp, List.of(self), DigestAlgorithm.SHA256), MF,
                TrustAnchors.of(List.of(self)));
        assertThat(v.selfSigned()).isTrue();
        assertThat(v.chainTrusted()).isTrue();
        assertThat(v.fullyValid()).isTrue();
    }

    @Test
    void chainToAGeneratedCaFromAPemBundleIsTrusted() {
        KeyPair caKeys = TestPki.rsa2();
        X509Certificate ca = TestPki.ca(caKeys, "Test Root CA");
        KeyPair leafKeys = TestPki.ec();
        X509Certificate leaf = TestPki.issued(leafKeys, "signer", caKeys, ca);
        TrustAnchors anchors = TrustAnchors.fromPem(
                ("# a comment line\n" + CertificateFile.pem(List.of(ca))).getBytes(StandardCharsets.US_ASCII),
                "ca.pem");
        SignatureVerification v = verify(sign(leafKeys, List.of(leaf), DigestAlgorithm.SHA256), MF, anchors);
        assertThat(v.chainTrusted()).isTrue();
        assertThat(v.selfSigned()).isFalse();
        assertThat(v.issuer()).isEqualTo("CN=Test Root CA,O=ovfkit tests");
        assertThat(v.fullyValid()).isTrue();
        assertThat(v.notes()).isEmpty();
    }

    @Test
    void chainThroughAnIntermediateInTheCertFileIsTrusted() {
        KeyPair rootKeys = TestPki.rsa2();
        X509Certificate root = TestPki.ca(rootKeys, "Root");
        KeyPair interKeys = TestPki.newEc();
        X509Certificate inter = TestPki.issued(interKeys, "Intermediate", rootKeys, root,
                NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(1000)), true);
        KeyPair leafKeys = TestPki.ec();
        X509Certificate leaf = TestPki.issued(leafKeys, "leaf", interKeys, inter);
        CertificateFile c = sign(leafKeys, List.of(leaf, inter), DigestAlgorithm.SHA512);
        assertThat(verify(c, MF, TrustAnchors.of(List.of(root))).chainTrusted()).isTrue();
        assertThat(verify(c, MF, TrustAnchors.of(List.of(inter))).chainTrusted()).isTrue();
    }

    @Test
    void chainMissingItsIntermediateIsUntrusted() {
        KeyPair rootKeys = TestPki.rsa2();
        X509Certificate root = TestPki.ca(rootKeys, "Root 2");
        KeyPair interKeys = TestPki.newEc();
        X509Certificate inter = TestPki.issued(interKeys, "Intermediate 2", rootKeys, root,
                NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(1000)), true);
        KeyPair leafKeys = TestPki.ec();
        X509Certificate leaf = TestPki.issued(leafKeys, "leaf 2", interKeys, inter);
        CertificateFile c = sign(leafKeys, List.of(leaf), DigestAlgorithm.SHA256);
        SignatureVerification v = verify(c, MF, TrustAnchors.of(List.of(root)));
        assertThat(v.chainTrusted()).isFalse();
        assertThat(v.selfSigned()).isFalse();
    }

    @Test
    void expiredLeafUnderATrustedCaIsTrustedAndExpired() {
        KeyPair caKeys = TestPki.rsa2();
        X509Certificate ca = TestPki.ca(caKeys, "CA for expired");
        KeyPair leafKeys = TestPki.ec();
        X509Certificate leaf = TestPki.issued(leafKeys, "expired leaf", caKeys, ca, NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(1)), false);
        SignatureVerification v = verify(sign(leafKeys, List.of(leaf), DigestAlgorithm.SHA256), MF,
                TrustAnchors.of(List.of(ca)));
        assertThat(v.expired()).isTrue();
        assertThat(v.chainTrusted()).isTrue();
    }

    @Test
    void noAnchorsMeansUntrustedWithAReason() {
        KeyPair kp = TestPki.ec();
        SignatureVerification v = verify(sign(kp, List.of(TestPki.selfSigned(kp, "x")), DigestAlgorithm.SHA256), MF,
                TrustAnchors.none());
        assertThat(v.chainTrusted()).isFalse();
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("no trust anchors"));
    }

    @Test
    void jdkDefaultTrustStoreDoesNotTrustATestCertificate() {
        TrustAnchors jdk = TrustAnchors.jdkDefault();
        assertThat(jdk.isEmpty()).isFalse();
        KeyPair kp = TestPki.ec();
        SignatureVerification v = verify(sign(kp, List.of(TestPki.selfSigned(kp, "not public")), DigestAlgorithm.SHA256),
                MF, jdk);
        assertThat(v.chainTrusted()).isFalse();
        assertThat(v.signatureValid()).isTrue();
    }

    @Test
    void trustBundleWithoutCertificateIsRefused() {
        assertThatThrownBy(() -> TrustAnchors.fromPem("just text\n".getBytes(StandardCharsets.US_ASCII), "ca.pem"))
                .isInstanceOf(SigningException.class).hasMessage("ca.pem: no certificate: expected PEM blocks"
                        + " '-----BEGIN CERTIFICATE-----'");
    }
}
