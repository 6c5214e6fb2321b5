package io.ovfkit.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpora of this module's fuzz tests into {@code src/test/resources} from what the
 * project and its test PKI make. Runs only on request:
 * {@code mvn -pl signing -am test -Dtest=FuzzSeedWriterTest -Dfuzz.writeSeeds=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
class FuzzSeedWriterTest {
    static final Path RESOURCES = Path.of("src/test/resources/io/ovfkit/signing");

    @Test
    void writeSeeds() throws IOException {
        Path mf = inputs("ManifestFuzzTest", "parseManifest");
        byte[] manifest = TestPki.sampleManifest();
        Files.write(mf.resolve("seed-sample.mf"), manifest);
        Files.writeString(mf.resolve("seed-mixed.mf"), "SHA1(a.ovf)= 0123456789abcdef0123456789abcdef01234567\r\n"
                + "SHA512 (b b.vmdk) = " + "ab".repeat(64) + "\n", StandardCharsets.US_ASCII);

        KeyPair rsa = TestPki.rsa();
        KeyPair ec = TestPki.ec();
        X509Certificate rsaCert = TestPki.selfSigned(rsa, "fuzz rsa");
        X509Certificate ecCert = TestPki.selfSigned(ec, "fuzz ec");
        Path cert = inputs("CertificateFileFuzzTest", "parseCertificateFile");
        CertificateFile signed = Signatures.sign(manifest, "a.mf", KeySigner.of(ec.getPrivate(), List.of(ecCert)),
                DigestAlgorithm.DEFAULT);
        Files.write(cert.resolve("seed-ec.cert"), signed.write());

        Path pem = inputs("PemKeysFuzzTest", "readPem");
        char[] pw = "fuzz".toCharArray();
        Files.writeString(pem.resolve("seed-ec-pkcs8.pem"), TestPki.pkcs8(ec.getPrivate()));
        Files.writeString(pem.resolve("seed-ec-encrypted-pkcs8.pem"), TestPki.encryptedPkcs8(ec.getPrivate(), pw));
        Files.writeString(pem.resolve("seed-ec-traditional-full.pem"), TestPki.traditionalEcFull(ec));
        Files.writeString(pem.resolve("seed-rsa-traditional.pem"), TestPki.traditional(rsa));
        Files.writeString(pem.resolve("seed-rsa-traditional-encrypted.pem"), TestPki.traditionalEncrypted(rsa, pw));
        Files.writeString(pem.resolve("seed-certificate.pem"), TestPki.pem(rsaCert));
    }

    static Path inputs(String testClass, String method) throws IOException {
        return Files.createDirectories(RESOURCES.resolve(testClass + "Inputs").resolve(method));
    }
}
