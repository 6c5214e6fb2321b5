package io.ovfkit.ova;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.Packages.FileSpec;
import io.ovfkit.ova.Packages.Members;
import io.ovfkit.ova.VerifyReport.FileStatus;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import io.ovfkit.signing.KeySigner;
import io.ovfkit.signing.Signatures;
import io.ovfkit.signing.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library side of the trust rules: in a signed package every member must be covered by the signed
 * manifest; {@link VerifyOptions#withMinDigest} rejects weaker digests. The command-line matrix is cli's
 * {@code TrustMatrixTest}.
 */
class TrustVerifyTest {
    private static KeyPair keys;
    private static X509Certificate cert;

    @TempDir
    Path tmp;

    @BeforeAll
    static void signer() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        keys = g.generateKeyPair();
        X500Principal name = new X500Principal("CN=ovfkit trust test");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(keys.getPrivate())));
    }

    private static byte[] manifest(Map<String, byte[]> members, DigestAlgorithm a) {
        StringBuilder b = new StringBuilder();
        members.forEach((n, bytes) -> b.append(a.manifestName()).append('(').append(n).append(")= ")
                .append(Digests.of(bytes, a).hex()).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Descriptor, manifest (covering {@code covered} of the files), certificate, data file. */
    private static Members signed(boolean coverData, DigestAlgorithm mfDigest, DigestAlgorithm sigDigest) {
        byte[] data = "data".repeat(300).getBytes(StandardCharsets.US_ASCII);
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", (long) data.length));
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        if (coverData) {
            covered.put("data.bin", data);
        }
        byte[] mf = manifest(covered, mfDigest);
        CertificateFile c = Signatures.sign(mf, "p.mf", KeySigner.of(keys.getPrivate(), List.of(cert)), sigDigest);
        return new Members().put("p.ovf", ovf).put("p.mf", mf).put("p.cert", c.write()).put("data.bin", data);
    }

    private VerifyReport verify(Members m, boolean stream, VerifyOptions o) throws IOException {
        byte[] tar = Packages.tar(m.entries());
        try (OvfPackage p = stream ? OvfPackage.openStream(new ByteArrayInputStream(tar), "stdin")
                : OvfPackage.open(Files.write(tmp.resolve("p.ova"), tar))) {
            return p.verify(o.withAnchors(TrustAnchors.of(List.of(cert))));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCompleteSignedPackagePasses(boolean stream) throws IOException {
        VerifyReport r = verify(signed(true, DigestAlgorithm.SHA256, DigestAlgorithm.SHA256), stream,
                VerifyOptions.defaults().withMinDigest(DigestAlgorithm.SHA256));
        assertThat(r.failures()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.signature().valid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSignedPackageWithAFileNotInItsManifestFails(boolean stream) throws IOException {
        VerifyReport r = verify(signed(false, DigestAlgorithm.SHA256, DigestAlgorithm.SHA256), stream,
                VerifyOptions.defaults());
        assertThat(r.ok()).isFalse();
        assertThat(r.signature().valid()).isTrue();
        assertThat(r.files()).anySatisfy(f -> {
            assertThat(f.href()).isEqualTo("data.bin");
            assertThat(f.status()).isEqualTo(FileStatus.NOT_IN_MANIFEST);
        });
        assertThat(r.failures()).singleElement().asString().contains("data.bin").contains("the package is signed");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSignedPackageWithAMemberAddedFails(boolean stream) throws IOException {
        Members m = signed(true, DigestAlgorithm.SHA256, DigestAlgorithm.SHA256).put("extra.txt",
                "later".getBytes(StandardCharsets.US_ASCII));
        VerifyReport r = verify(m, stream, VerifyOptions.defaults());
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).singleElement().asString().contains("extra.txt").contains("the package is signed");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void minDigestRejectsAWeakerManifestAndSignature(boolean stream) throws IOException {
        Members m = signed(true, DigestAlgorithm.SHA1, DigestAlgorithm.SHA1);
        assertThat(verify(m, stream, VerifyOptions.defaults()).ok()).isTrue();
        assertThat(verify(m, stream, VerifyOptions.defaults().withMinDigest(DigestAlgorithm.SHA1)).ok()).isTrue();
        VerifyReport r = verify(m, stream, VerifyOptions.defaults().withMinDigest(DigestAlgorithm.SHA256));
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).hasSize(2).anySatisfy(f -> assertThat(f).contains("p.mf: uses SHA1"))
                .anySatisfy(f -> assertThat(f).contains("the signature uses SHA1"));
        VerifyReport mixed = verify(signed(true, DigestAlgorithm.SHA512, DigestAlgorithm.SHA256), stream,
                VerifyOptions.defaults().withMinDigest(DigestAlgorithm.SHA512));
        assertThat(mixed.failures()).singleElement().asString().contains("the signature uses SHA256");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void expiryIsJudgedAtNowAndIsAWarning(boolean stream) throws IOException {
        Members m = signed(true, DigestAlgorithm.SHA256, DigestAlgorithm.SHA256);
        VerifyReport later = verify(m, stream, VerifyOptions.defaults().withNow(Instant.now().plus(Duration.ofDays(60))));
        assertThat(later.ok()).isTrue();
        assertThat(later.signature().expired()).isTrue();
        assertThat(later.warnings()).anySatisfy(w -> assertThat(w).contains("expired"));
        VerifyReport earlier = verify(m, stream, VerifyOptions.defaults().withNow(Instant.now().minus(Duration.ofDays(60)))
                .withStrict(true));
        assertThat(earlier.ok()).isFalse();
        assertThat(earlier.warnings()).anySatisfy(w -> assertThat(w).contains("not valid before"));
    }
}
