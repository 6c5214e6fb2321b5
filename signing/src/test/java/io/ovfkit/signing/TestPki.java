package io.ovfkit.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and certificates made by the tests themselves with BouncyCastle: RSA 2048 and EC P-256 key
 * pairs (generated once per JVM, they are the slow part), self-signed certificates, a CA and
 * certificates it issues, and the PEM / PKCS#12 encodings the loaders must read.
 */
final class TestPki {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    /** For the test-side encryption of keys only; never registered globally. */
    private static final Provider BC = new BouncyCastleProvider();

    private static KeyPair rsa;
    private static KeyPair rsa2;
    private static KeyPair ec;

    private TestPki() {
    }

    static synchronized KeyPair rsa() {
        if (rsa == null) {
            rsa = generate("RSA");
        }
        return rsa;
    }

    /** A second RSA key, e.g. for a CA or a wrong signer. */
    static synchronized KeyPair rsa2() {
        if (rsa2 == null) {
            rsa2 = generate("RSA");
        }
        return rsa2;
    }

    static synchronized KeyPair ec() {
        if (ec == null) {
            ec = generate("EC");
        }
        return ec;
    }

    /** A fresh EC P-256 pair (cheap). */
    static KeyPair newEc() {
        return generate("EC");
    }

    private static KeyPair generate(String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (alg.equals("RSA")) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sigAlg(KeyPair issuer) {
        return issuer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** A self-signed end-entity certificate valid one year around {@link #NOW}. */
    static X509Certificate selfSigned(KeyPair kp, String cn) {
        return selfSigned(kp, cn, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(335)));
    }

    static X509Certificate selfSigned(KeyPair kp, String cn, Instant notBefore, Instant notAfter) {
        X500Principal name = new X500Principal("CN=" + cn + ",O=ovfkit tests");
        return build(new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore), Date.from(notAfter), name,
                kp.getPublic()), kp, false);
    }

    /** A self-signed CA certificate valid ten years around {@link #NOW}. */
    static X509Certificate ca(KeyPair kp, String cn) {
        X500Principal name = new X500Principal("CN=" + cn + ",O=ovfkit tests");
        return build(new JcaX509v3CertificateBuilder(name, serial(), Date.from(NOW.minus(Duration.ofDays(3650))),
                Date.from(NOW.plus(Duration.ofDays(3650))), name, kp.getPublic()), kp, true);
    }

    /** A certificate for {@code subject}'s key issued by a CA. */
    static X509Certificate issued(KeyPair subject, String cn, KeyPair caKeys, X509Certificate caCert,
            Instant notBefore, Instant notAfter, boolean isCa) {
        return build(new JcaX509v3CertificateBuilder(caCert.getSubjectX500Principal(), serial(), Date.from(notBefore),
                Date.from(notAfter), new X500Principal("CN=" + cn + ",O=ovfkit tests"), subject.getPublic()),
                caKeys, isCa);
    }

    static X509Certificate issued(KeyPair subject, String cn, KeyPair caKeys, X509Certificate caCert) {
        return issued(subject, cn, caKeys, caCert, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(335)),
                false);
    }

    private static X509Certificate build(X509v3CertificateBuilder b, KeyPair signer, boolean isCa) {
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(sigAlg(signer)).build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    // ---- encodings -----------------------------------------------------------------------------

    static String pem(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8). */
    static String pkcs8(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} (PBES2, AES-256-CBC). */
    static String encryptedPkcs8(PrivateKey key, char[] password) {
        try {
            OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(BC).setPassword(password).setIterationCount(2048).build();
            return pem(new JcaPKCS8Generator(key, enc));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenSSL's traditional {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}. */
    static String traditional(KeyPair kp) {
        return pem(kp);
    }

    /**
     * {@code EC PRIVATE KEY} as OpenSSL writes it (RFC 5915 with the curve and the public key), which
     * the JDK's own encoding, and so {@link #traditional}, does not give.
     */
    static String traditionalEcFull(KeyPair kp) {
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(spki.getAlgorithm().getParameters());
            org.bouncycastle.asn1.sec.ECPrivateKey s = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                    ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS(), spki.getPublicKeyData(), curve);
            return pem(new PemObject("EC PRIVATE KEY", s.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Traditional form encrypted with a {@code Proc-Type: 4,ENCRYPTED} header. */
    static String traditionalEncrypted(KeyPair kp, char[] password) {
        try {
            return pem(new JcaMiscPEMGenerator(kp, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(password)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("signer", key, password, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A small manifest's bytes in the strict form. */
    static byte[] sampleManifest() {
        return utf8("SHA256(appliance.ovf)= " + "ab".repeat(32) + "\n"
                + "SHA256(appliance-disk1.vmdk)= " + "cd".repeat(32) + "\n");
    }
}
