package io.ovfkit.signing;

import static io.ovfkit.signing.TestPki.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateFileTest {
    private static KeyPair keys;
    private static X509Certificate cert;
    private static CertificateFile signed;
    /** The ovftool form: line 1 signature, lines 2.. one PEM certificate. */
    private static String template;

    @BeforeAll
    static void sign() {
        keys = TestPki.ec();
        cert = TestPki.selfSigned(keys, "cert-file-test");
        signed = Signatures.sign(TestPki.sampleManifest(), "appliance.mf", KeySigner.of(keys.getPrivate(),
                List.of(cert)), DigestAlgorithm.SHA256);
        template = new String(signed.write(), StandardCharsets.UTF_8);
    }

    private static String[] lines() {
        return template.split("\n", -1);
    }

    private static SigningException refused(String text) {
        SigningException e = catchThrowableOfType(SigningException.class,
                () -> CertificateFile.parse(utf8(text), "appliance.cert"));
        assertThat(e).as("expected a SigningException for:\n" + text).isNotNull();
        assertThat(e).isNotInstanceOf(ManifestException.class);
        assertThat(e.getMessage()).startsWith("appliance.cert");
        return e;
    }

    @Test
    void writeIsTheOvftoolForm() {
        String[] l = lines();
        assertThat(l[0]).matches("SHA256\\(appliance\\.mf\\)= [0-9a-f]+");
        assertThat(l[1]).isEqualTo("-----BEGIN CERTIFICATE-----");
        assertThat(template).endsWith("-----END CERTIFICATE-----\n");
        assertThat(template).doesNotContain("\r");
    }

    @Test
    void parseReadsBackWhatWasWritten() {
        CertificateFile back = CertificateFile.parse(signed.write(), "appliance.cert");
        assertThat(back.manifestName()).isEqualTo("appliance.mf");
        assertThat(back.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(back.signature()).isEqualTo(signed.signature());
        assertThat(back.chain()).containsExactly(cert);
        assertThat(back.warnings()).isEmpty();
        assertThat(back.write()).isEqualTo(signed.write());
    }

    @Test
    void virtualBoxVariantWithSpacesBlankLineAndCmsBlock() {
        String cms = "-----BEGIN CMS-----\n" + Base64.getMimeEncoder().encodeToString(new byte[] {0x30, 0x03, 1, 2, 3})
                + "\n-----END CMS-----\n";
        String text = "SHA256(appliance.mf) = " + signed.signatureHex() + "\n\n" + CertificateFile.pem(List.of(cert))
                + cms;
        CertificateFile c = CertificateFile.parse(utf8(text), "vbox.cert");
        assertThat(c.signature()).isEqualTo(signed.signature());
        assertThat(c.chain()).containsExactly(cert);
        assertThat(c.warnings()).extracting(ParseWarning::message)
                .anySatisfy(m -> assertThat(m).contains("CMS (PKCS#7) block ignored"))
                .anySatisfy(m -> assertThat(m).contains("between ')' and '='"));
    }

    @Test
    void spacePaddingTo100KiBIsIgnored() {
        StringBuilder b = new StringBuilder(template);
        while (b.length() < 102_400) {
            b.append(' ');
        }
        CertificateFile c = CertificateFile.parse(utf8(b.toString()), "padded.cert");
        assertThat(c.chain()).containsExactly(cert);
    }

    @Test
    void crlfAndIndentedPemAreAccepted() {
        String text = template.replace("\n", "\r\n").replace("-----BEGIN", "  -----BEGIN");
        assertThat(CertificateFile.parse(utf8(text), "crlf.cert").chain()).containsExactly(cert);
    }

    @Test
    void chainKeepsItsOrder() {
        KeyPair ca = TestPki.newEc();
        X509Certificate caCert = TestPki.ca(ca, "order CA");
        CertificateFile f = CertificateFile.of("a.mf", DigestAlgorithm.SHA1, new byte[] {1, 2}, List.of(cert, caCert));
        assertThat(CertificateFile.parse(f.write(), "a.cert").chain()).containsExactly(cert, caCert);
    }

    // ---- corruptions of the template, one field each ----------------------------------------

    @Test
    void signatureWithNonHexCharacter() {
        String[] l = lines();
        l[0] = l[0].substring(0, l[0].length() - 1) + "z";
        SigningException e = refused(String.join("\n", l));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("line 1").contains("not hexadecimal");
    }

    @Test
    void signatureWithOddNumberOfDigits() {
        String[] l = lines();
        l[0] = l[0].substring(0, l[0].length() - 1);
        SigningException e = refused(String.join("\n", l));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("odd number");
    }

    @Test
    void signatureLineWithUnknownAlgorithm() {
        SigningException e = refused(template.replaceFirst("SHA256", "SHA384"));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("unsupported digest algorithm 'SHA384'");
    }

    @Test
    void signatureLineMissing() {
        SigningException e = refused(template.substring(template.indexOf('\n') + 1));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("expected the signature line");
    }

    @Test
    void certificateMissing() {
        SigningException e = refused(lines()[0] + "\n");
        assertThat(e.getMessage()).contains("no certificate");
    }

    @Test
    void endLineMissing() {
        SigningException e = refused(template.replace("-----END CERTIFICATE-----\n", ""));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("no matching '-----END CERTIFICATE-----'");
    }

    @Test
    void endLineOfAnotherType() {
        String[] l = lines();
        int end = l.length - 2;
        l[end] = "-----END CMS-----";
        SigningException e = refused(String.join("\n", l));
        assertThat(e.line()).isEqualTo(end + 1);
        assertThat(e.getMessage()).contains("does not close '-----BEGIN CERTIFICATE-----' of line 2");
    }

    @Test
    void base64WithInvalidCharacter() {
        String[] l = lines();
        l[3] = "*" + l[3].substring(1);
        SigningException e = refused(String.join("\n", l));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("not valid base64");
    }

    @Test
    void blockThatIsNotACertificate() {
        String[] l = lines();
        l[2] = "AAAA" + l[2].substring(4);
        SigningException e = refused(String.join("\n", l));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("not a valid X.509 certificate");
    }

    @Test
    void textOutsidePemBlocks() {
        SigningException e = refused(template.replace("-----BEGIN CERTIFICATE-----", "garbage\n-----BEGIN CERTIFICATE-----"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("unexpected text outside a PEM block: 'garbage'");
    }

    @Test
    void emptyFile() {
        SigningException e = refused("   \n  ");
        assertThat(e.getMessage()).contains("is empty");
    }
}
