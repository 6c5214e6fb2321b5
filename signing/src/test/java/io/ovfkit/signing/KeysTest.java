package io.ovfkit.signing;

import static io.ovfkit.signing.TestPki.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private static void assertSameKey(PrivateKey read, KeyPair expected) {
        assertThat(read.getEncoded()).isEqualTo(expected.getPrivate().getEncoded());
    }

    @Test
    void unencryptedPkcs8Rsa() {
        KeyPair kp = TestPki.rsa();
        String pem = TestPki.pkcs8(kp.getPrivate());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertSameKey(Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.none()), kp);
    }

    @Test
    void traditionalRsaPrivateKey() {
        KeyPair kp = TestPki.rsa();
        String pem = TestPki.traditional(kp);
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertSameKey(Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.none()), kp);
    }

    @Test
    void traditionalEcPrivateKeyAfterEcParameters() {
        KeyPair kp = TestPki.ec();
        String pem = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + TestPki.traditional(kp);
        assertThat(pem).contains("-----BEGIN EC PRIVATE KEY-----");
        PrivateKey k = Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.none());
        assertThat(k.getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(Keys.matches(k, TestPki.selfSigned(kp, "ec"))).isTrue();
    }

    @Test
    void traditionalEcPrivateKeyAsOpensslWritesIt() {
        KeyPair kp = TestPki.ec();
        String pem = TestPki.traditionalEcFull(kp);
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        PrivateKey k = Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.none());
        assertThat(Keys.matches(k, TestPki.selfSigned(kp, "ec"))).isTrue();
    }

    @Test
    void encryptedPkcs8WithPassword() {
        KeyPair kp = TestPki.ec();
        String pem = TestPki.encryptedPkcs8(kp.getPrivate(), PASSWORD);
        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        PrivateKey k = Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.of(PASSWORD));
        assertThat(Keys.matches(k, TestPki.selfSigned(kp, "ec"))).isTrue();
    }

    @Test
    void encryptedPkcs8WithWrongPasswordIsRefused() {
        String pem = TestPki.encryptedPkcs8(TestPki.ec().getPrivate(), PASSWORD);
        assertThatThrownBy(() -> Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.of("wrong".toCharArray())))
                .isInstanceOf(SigningException.class).hasMessageStartingWith("k.pem: cannot decrypt the private key");
    }

    @Test
    void encryptedKeyWithoutPasswordSaysHowToGiveOne() {
        String pem = TestPki.encryptedPkcs8(TestPki.ec().getPrivate(), PASSWORD);
        assertThatThrownBy(() -> Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.none()))
                .isInstanceOf(SigningException.class).hasMessageContaining("k.pem: is encrypted")
                .hasMessageContaining("OVFKIT_KEY_PASSWORD").hasMessageContaining("never taken from the command line");
    }

    @Test
    void traditionalEncryptedRsaKey() {
        KeyPair kp = TestPki.rsa();
        String pem = TestPki.traditionalEncrypted(kp, PASSWORD);
        assertThat(pem).contains("Proc-Type: 4,ENCRYPTED");
        assertSameKey(Keys.readPrivateKey(utf8(pem), "k.pem", PasswordSource.of(PASSWORD)), kp);
    }

    @Test
    void passwordIsNotAskedForAnUnencryptedKey() {
        PasswordSource failing = what -> {
            throw new AssertionError("password asked for " + what);
        };
        Keys.readPrivateKey(utf8(TestPki.pkcs8(TestPki.ec().getPrivate())), "k.pem", failing);
    }

    @Test
    void pemWithoutKeyIsRefused() {
        String pem = CertificateFile.pem(List.of(TestPki.selfSigned(TestPki.ec(), "c")));
        assertThatThrownBy(() -> Keys.readPrivateKey(utf8(pem), "cert.pem", PasswordSource.none()))
                .isInstanceOf(SigningException.class).hasMessageStartingWith("cert.pem: no private key");
    }

    @Test
    void malformedPemIsRefused() {
        String pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Keys.readPrivateKey(utf8(pem), "bad.pem", PasswordSource.none()))
                .isInstanceOf(SigningException.class).hasMessageStartingWith("bad.pem: ");
    }

    @Test
    void pkcs12WithPassword() {
        KeyPair kp = TestPki.rsa();
        X509Certificate cert = TestPki.selfSigned(kp, "p12");
        byte[] p12 = TestPki.pkcs12(kp.getPrivate(), List.of(cert), PASSWORD);
        KeySigner s = Keys.readPkcs12(p12, "signer.p12", PasswordSource.of(PASSWORD), null);
        assertThat(s.chain()).containsExactly(cert);
        assertThat(s.algorithmName()).isEqualTo("RSA");
    }

    @Test
    void pkcs12WithWrongPasswordIsRefused() {
        KeyPair kp = TestPki.ec();
        byte[] p12 = TestPki.pkcs12(kp.getPrivate(), List.of(TestPki.selfSigned(kp, "p12")), PASSWORD);
        assertThatThrownBy(() -> Keys.readPkcs12(p12, "signer.p12", PasswordSource.of("nope".toCharArray()), null))
                .isInstanceOf(SigningException.class).hasMessageContaining("signer.p12: ")
                .hasMessageContaining("wrong password");
    }

    @Test
    void pkcs12WithoutPasswordSaysWhyNoneWasGiven() {
        KeyPair kp = TestPki.ec();
        byte[] p12 = TestPki.pkcs12(kp.getPrivate(), List.of(TestPki.selfSigned(kp, "p12")), PASSWORD);
        PasswordSource unset = PasswordSource.environment("OVFKIT_TEST_UNSET", java.util.Map.of());
        assertThatThrownBy(() -> Keys.readPkcs12(p12, "signer.p12", unset, null))
                .isInstanceOf(SigningException.class).hasMessageContaining("OVFKIT_TEST_UNSET");
    }

    @Test
    void loadKeyAndCertificateFromOnePemFileLikeOvftool() throws IOException {
        KeyPair kp = TestPki.ec();
        X509Certificate cert = TestPki.selfSigned(kp, "combined");
        Path f = Files.writeString(dir.resolve("signer.pem"), TestPki.pkcs8(kp.getPrivate())
                + CertificateFile.pem(List.of(cert)));
        KeySigner s = Keys.load(f, null, PasswordSource.none());
        assertThat(s.chain()).containsExactly(cert);
    }

    @Test
    void loadPutsTheChainInOrder() throws IOException {
        KeyPair caKeys = TestPki.rsa2();
        X509Certificate ca = TestPki.ca(caKeys, "Order Root");
        KeyPair interKeys = TestPki.newEc();
        X509Certificate inter = TestPki.issued(interKeys, "Order Intermediate", caKeys, ca,
                TestPki.NOW.minus(Duration.ofDays(10)), TestPki.NOW.plus(Duration.ofDays(100)), true);
        KeyPair leafKeys = TestPki.ec();
        X509Certificate leaf = TestPki.issued(leafKeys, "Order Leaf", interKeys, inter);
        Path key = Files.writeString(dir.resolve("k.pem"), TestPki.encryptedPkcs8(leafKeys.getPrivate(), PASSWORD));
        Path certs = Files.writeString(dir.resolve("c.pem"), CertificateFile.pem(List.of(ca, leaf, inter)));
        KeySigner s = Keys.load(key, certs, PasswordSource.of(PASSWORD));
        assertThat(s.chain()).containsExactly(leaf, inter, ca);
    }

    @Test
    void loadPkcs12File() throws IOException {
        KeyPair kp = TestPki.ec();
        X509Certificate cert = TestPki.selfSigned(kp, "p12 file");
        Path f = Files.write(dir.resolve("signer.p12"), TestPki.pkcs12(kp.getPrivate(), List.of(cert), PASSWORD));
        KeySigner s = Keys.load(f, null, PasswordSource.of(PASSWORD));
        assertThat(s.chain()).containsExactly(cert);
    }

    @Test
    void loadRefusesAKeyThatMatchesNoCertificate() throws IOException {
        Path key = Files.writeString(dir.resolve("k.pem"), TestPki.pkcs8(TestPki.ec().getPrivate()));
        Path cert = Files.writeString(dir.resolve("c.pem"),
                CertificateFile.pem(List.of(TestPki.selfSigned(TestPki.newEc(), "someone else"))));
        assertThatThrownBy(() -> Keys.load(key, cert, PasswordSource.none())).isInstanceOf(SigningException.class)
                .hasMessageContaining("c.pem").hasMessageContaining("matches none of the 1 certificate(s)");
    }

    @Test
    void loadRefusesAKeyWithoutCertificate() throws IOException {
        Path key = Files.writeString(dir.resolve("k.pem"), TestPki.pkcs8(TestPki.ec().getPrivate()));
        assertThatThrownBy(() -> Keys.load(key, null, PasswordSource.none())).isInstanceOf(SigningException.class)
                .hasMessageContaining("no certificate");
    }

    @Test
    void readCertificatesFromDer() throws Exception {
        X509Certificate cert = TestPki.selfSigned(TestPki.ec(), "der");
        assertThat(Keys.readCertificates(cert.getEncoded(), "c.der")).containsExactly(cert);
    }

    @Test
    void signerFromLoadedKeySigns() throws IOException {
        KeyPair kp = TestPki.rsa();
        X509Certificate cert = TestPki.selfSigned(kp, "loaded");
        Path f = Files.writeString(dir.resolve("signer.pem"), TestPki.traditional(kp) + CertificateFile.pem(List.of(cert)));
        CertificateFile c = Signatures.sign(TestPki.sampleManifest(), "a.mf", Keys.load(f, null, PasswordSource.none()),
                DigestAlgorithm.SHA256);
        assertThat(Signatures.verify(c, TestPki.sampleManifest(), TrustAnchors.none(), TestPki.NOW).signatureValid())
                .isTrue();
    }

    @Test
    void signerToStringShowsNoKeyMaterial() {
        KeyPair kp = TestPki.ec();
        KeySigner s = KeySigner.of(kp.getPrivate(), List.of(TestPki.selfSigned(kp, "shown")));
        assertThat(s.toString()).isEqualTo("KeySigner[EC, CN=shown,O=ovfkit tests]");
    }
}
