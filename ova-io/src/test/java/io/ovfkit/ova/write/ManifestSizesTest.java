package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.Digest;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import io.ovfkit.signing.Manifest;
import io.ovfkit.signing.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestSizesTest {
    @Test
    void lineLengthIsTheLengthOfTheWrittenLine() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            Digest d = Digests.of(new byte[0], a);
            for (String name : List.of("a.ovf", "disk é.vmdk.000000001")) {
                byte[] line = Manifest.of(List.of(new Manifest.Entry(name, d))).write();
                assertThat(ManifestSizes.lineLength(a, name)).as(a + " " + name).isEqualTo(line.length);
            }
        }
    }

    @Test
    void rsaCertificateLengthIsExact() {
        byte[] mf = "SHA256(a.ovf)= 00\n".getBytes(StandardCharsets.US_ASCII);
        CertificateFile c = Signatures.sign(mf, "a.mf", TestKeys.rsa().signer(), DigestAlgorithm.SHA256);
        assertThat(ManifestSizes.maxCertificateLength(TestKeys.rsa().signer(), DigestAlgorithm.SHA256, "a.mf"))
                .isEqualTo(c.write().length);
    }

    @Test
    void ecdsaCertificateLengthIsBoundedAndVariesLittle() {
        long max = ManifestSizes.maxCertificateLength(TestKeys.ec().signer(), DigestAlgorithm.SHA256, "a.mf");
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 200; i++) {
            byte[] mf = ("SHA256(a.ovf)= " + i + "\n").getBytes(StandardCharsets.US_ASCII);
            long len = Signatures.sign(mf, "a.mf", TestKeys.ec().signer(), DigestAlgorithm.SHA256).write().length;
            assertThat(len).isLessThanOrEqualTo(max);
            min = Math.min(min, len);
        }
        assertThat(max - min).isLessThan(16);
    }

    @Test
    void signToFitEndsInTheLastBlockOfItsArea() {
        byte[] mf = "SHA256(a.ovf)= 00\n".getBytes(StandardCharsets.US_ASCII);
        long max = ManifestSizes.maxCertificateLength(TestKeys.ec().signer(), DigestAlgorithm.SHA256, "a.mf");
        // An area whose last block starts just below the longest signature: most signatures land there.
        long area = TarFormat.roundUp(max);
        CertificateFile c = ManifestSizes.signToFit(mf, "a.mf", TestKeys.ec().signer(), DigestAlgorithm.SHA256, area, "t");
        byte[] fitted = ManifestSizes.fit(c, area);
        assertThat((long) fitted.length).isGreaterThan(area - 512).isLessThanOrEqualTo(area);
        assertThat(CertificateFile.parse(fitted, "a.cert").signatureHex()).isEqualTo(c.signatureHex());
    }

    @Test
    void paddedCertificateStillParses() {
        byte[] mf = "x".getBytes(StandardCharsets.US_ASCII);
        CertificateFile c = Signatures.sign(mf, "a.mf", TestKeys.ec().signer(), DigestAlgorithm.SHA256);
        long area = TarFormat.roundUp(c.write().length) + 512;
        byte[] fitted = ManifestSizes.fit(c, area);
        assertThat((long) fitted.length).isEqualTo(area - 511);
        assertThat(CertificateFile.parse(fitted, "a.cert").signer()).isEqualTo(TestKeys.ec().certificate());
    }
}
