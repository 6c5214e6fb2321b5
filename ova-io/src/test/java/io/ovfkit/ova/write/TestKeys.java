package io.ovfkit.ova.write;

import io.ovfkit.signing.KeySigner;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and self-signed certificates the tests make themselves (BouncyCastle), once per JVM. */
final class TestKeys {
    private static Signer rsa;
    private static Signer ec;

    /** A key pair with its self-signed certificate. */
    record Signer(KeyPair keys, X509Certificate certificate) {
        KeySigner signer() {
            return KeySigner.of(keys.getPrivate(), List.of(certificate));
        }

        /** Writes the private key (PKCS#8 PEM) and the certificate (PEM) into {@code dir}; returns {key, cert}. */
        Path[] writePem(Path dir, String stem) {
            try {
                Path key = dir.resolve(stem + ".key.pem");
                Path cert = dir.resolve(stem + ".cert.pem");
                Files.writeString(key, pem(keys.getPrivate()), StandardCharsets.US_ASCII);
                Files.writeString(cert, pem(certificate), StandardCharsets.US_ASCII);
                return new Path[] {key, cert};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private TestKeys() {
    }

    static synchronized Signer rsa() {
        if (rsa == null) {
            rsa = make("RSA");
        }
        return rsa;
    }

    static synchronized Signer ec() {
        if (ec == null) {
            ec = make("EC");
        }
        return ec;
    }

    private static Signer make(String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (alg.equals("RSA")) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            KeyPair kp = g.generateKeyPair();
            X500Principal name = new X500Principal("CN=ovfkit " + alg + " test signer,O=ovfkit tests");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                    kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(alg.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
                            .build(kp.getPrivate())));
            return new Signer(kp, cert);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o instanceof java.security.PrivateKey k
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
