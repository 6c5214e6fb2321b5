package io.ovfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our signatures checked by {@code openssl dgst -verify}, and OpenSSL's keys and signatures read by us. */
class OpensslOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PW = "oracle-pass";

    @TempDir
    Path dir;
    private Path openssl;
    private Path manifest;

    @BeforeEach
    void setUp() throws IOException {
        openssl = Oracle.require("openssl");
        manifest = Files.write(dir.resolve("appliance.mf"), TestPki.sampleManifest());
    }

    private Oracle.Result openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(openssl.toString());
        cmd.addAll(List.of(args));
        Oracle.Result r = Oracle.run(cmd, dir, TIMEOUT);
        assertThat(r.ok()).as(String.join(" ", cmd) + "\n" + r.describe()).isTrue();
        return r;
    }

    /** Extracts the signer's public key with openssl and verifies the hex signature of the .cert line. */
    private String opensslVerify(CertificateFile cert, DigestAlgorithm alg) throws IOException {
        Files.writeString(dir.resolve("cert.pem"), CertificateFile.pem(cert.chain()));
        Files.writeString(dir.resolve("pubkey.pem"), openssl("x509", "-pubkey", "-noout", "-in", "cert.pem").stdout());
        // The .cert line as written, hex back to binary in Java.
        String line = Files.readAllLines(Files.write(dir.resolve("appliance.cert"), cert.write())).get(0);
        String hex = line.substring(line.indexOf("= ") + 2);
        Files.write(dir.resolve("sig.bin"), HexFormat.of().parseHex(hex));
        return openssl("dgst", "-" + alg.manifestName().toLowerCase(), "-verify", "pubkey.pem", "-signature", "sig.bin",
                manifest.getFileName().toString()).stdout();
    }

    private CertificateFile signWith(KeyPair kp, DigestAlgorithm alg) throws IOException {
        return Signatures.sign(Files.readAllBytes(manifest), "appliance.mf",
                KeySigner.of(kp.getPrivate(), List.of(TestPki.selfSigned(kp, "oracle"))), alg);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void ourRsaSignatureVerifiesWithOpenssl(DigestAlgorithm alg) throws IOException {
        assertThat(opensslVerify(signWith(TestPki.rsa(), alg), alg)).contains("Verified OK");
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void ourEcSignatureVerifiesWithOpenssl(DigestAlgorithm alg) throws IOException {
        assertThat(opensslVerify(signWith(TestPki.ec(), alg), alg)).contains("Verified OK");
    }

    @Test
    void tamperedManifestFailsOpensslToo() throws IOException {
        CertificateFile c = signWith(TestPki.ec(), DigestAlgorithm.SHA256);
        Files.writeString(manifest, "SHA256(other.ovf)= " + "00".repeat(32) + "\n");
        Files.writeString(dir.resolve("cert.pem"), CertificateFile.pem(c.chain()));
        Files.writeString(dir.resolve("pubkey.pem"), openssl("x509", "-pubkey", "-noout", "-in", "cert.pem").stdout());
        Files.write(dir.resolve("sig.bin"), c.signature());
        Oracle.Result r = Oracle.run(List.of(openssl.toString(), "dgst", "-sha256", "-verify", "pubkey.pem",
                "-signature", "sig.bin", "appliance.mf"), dir, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stdout()).contains("Verification failure");
    }

    @Test
    void opensslSignatureVerifiesWithOurCode() throws IOException {
        KeyPair kp = TestPki.rsa();
        Files.writeString(dir.resolve("key.pem"), TestPki.pkcs8(kp.getPrivate()));
        openssl("dgst", "-sha256", "-sign", "key.pem", "-out", "sig.bin", "appliance.mf");
        CertificateFile c = CertificateFile.of("appliance.mf", DigestAlgorithm.SHA256,
                Files.readAllBytes(dir.resolve("sig.bin")), List.of(TestPki.selfSigned(kp, "openssl signed")));
        SignatureVerification v = Signatures.verify(CertificateFile.parse(c.write(), "appliance.cert"),
                Files.readAllBytes(manifest), TrustAnchors.none(), TestPki.NOW);
        assertThat(v.signatureValid()).isTrue();
    }

    @Test
    void opensslEncryptedEcKeyAndCertificateLoadAndSign() throws IOException {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc",
                "-pass", "pass:" + PW, "-out", "key.pem");
        openssl("req", "-new", "-x509", "-key", "key.pem", "-passin", "pass:" + PW, "-subj", "/CN=openssl made",
                "-days", "30", "-out", "cert.pem");
        KeySigner s = Keys.load(dir.resolve("key.pem"), dir.resolve("cert.pem"),
                PasswordSource.of(PW.toCharArray()));
        CertificateFile c = Signatures.sign(Files.readAllBytes(manifest), "appliance.mf", s, DigestAlgorithm.SHA256);
        assertThat(opensslVerify(c, DigestAlgorithm.SHA256)).contains("Verified OK");
        SignatureVerification v = Signatures.verify(c, Files.readAllBytes(manifest), TrustAnchors.none(),
                Instant.now());
        assertThat(v.selfSigned()).isTrue();
        assertThat(v.subject()).isEqualTo("CN=openssl made");
    }

    @Test
    void opensslTraditionalRsaKeyLoads() throws IOException {
        openssl("genrsa", "-traditional", "-out", "key.pem", "2048");
        assertThat(Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        openssl("req", "-new", "-x509", "-key", "key.pem", "-subj", "/CN=rsa traditional", "-days", "30",
                "-out", "cert.pem");
        KeySigner s = Keys.load(dir.resolve("key.pem"), dir.resolve("cert.pem"), PasswordSource.none());
        assertThat(s.algorithmName()).isEqualTo("RSA");
    }

    @Test
    void opensslPkcs12Loads() throws IOException {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
        openssl("req", "-new", "-x509", "-key", "key.pem", "-subj", "/CN=pkcs12", "-days", "30", "-out", "cert.pem");
        openssl("pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-passout", "pass:" + PW,
                "-out", "signer.p12");
        KeySigner s = Keys.load(dir.resolve("signer.p12"), null, PasswordSource.of(PW.toCharArray()));
        assertThat(s.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=pkcs12");
        CertificateFile c = Signatures.sign(Files.readAllBytes(manifest), "appliance.mf", s, DigestAlgorithm.SHA512);
        assertThat(opensslVerify(c, DigestAlgorithm.SHA512)).contains("Verified OK");
    }
}
