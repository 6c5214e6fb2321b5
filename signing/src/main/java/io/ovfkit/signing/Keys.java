package io.ovfkit.signing;

import io.ovfkit.signing.ManifestSyntax.Line;
import io.ovfkit.signing.ManifestSyntax.Warnings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Loads private keys and certificates: PEM (PKCS#8 {@code PRIVATE KEY}, encrypted PKCS#8
 * {@code ENCRYPTED PRIVATE KEY}, OpenSSL's traditional {@code RSA PRIVATE KEY} /
 * {@code EC PRIVATE KEY}, encrypted or not, and {@code CERTIFICATE} blocks) and PKCS#12. PEM
 * parsing and OpenSSL's key encryption schemes come from BouncyCastle; the keys returned are the
 * JDK's own, usable with any provider.
 *
 * <p>Passwords come from a {@link PasswordSource}, asked only when a key is encrypted, and are
 * cleared after use.
 *
 * <p>Stateless; safe to call from any thread (each call parses into new objects).
 */
public final class Keys {
    private Keys() {
    }

    /**
     * Reads the private key of a PEM file (which may also hold certificates and EC parameters).
     *
     * @param pem the file's bytes
     * @param sourceName the file name used in messages and password prompts
     * @param passwords where the password comes from if the key is encrypted
     * @return the key
     * @throws SigningException when there is no key or several, the PEM is broken, or the password is
     *     wrong or missing
     */
    public static PrivateKey readPrivateKey(byte[] pem, String sourceName, PasswordSource passwords) {
        PemContents c = readPem(pem, sourceName, passwords);
        if (c.key == null) {
            throw new SigningException(sourceName, "no private key: expected a PEM block 'PRIVATE KEY',"
                    + " 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY'");
        }
        return c.key;
    }

    /**
     * Reads the certificates of a PEM file (every {@code CERTIFICATE} block, other blocks and text
     * ignored) or a single DER-encoded certificate.
     *
     * @param bytes the file's bytes
     * @param sourceName the file name used in messages
     * @return the certificates in file order, at least one
     * @throws SigningException naming the line when a block is broken, or when there is no certificate
     */
    public static List<X509Certificate> readCertificates(byte[] bytes, String sourceName) {
        if (!isPem(bytes)) {
            return List.of(PemBlocks.certificate(new PemBlocks.Block("CERTIFICATE", bytes, 0), sourceName));
        }
        ManifestSyntax.checkSize(bytes, sourceName, "certificate file");
        Warnings w = new Warnings(sourceName, false);
        List<Line> lines = ManifestSyntax.lines(ManifestSyntax.decode(bytes, w), w, sourceName);
        List<X509Certificate> out = new ArrayList<>();
        for (PemBlocks.Block b : PemBlocks.read(lines, 0, sourceName, false)) {
            if (PemBlocks.isCertificate(b.type())) {
                out.add(PemBlocks.certificate(b, sourceName));
            }
        }
        if (out.isEmpty()) {
            throw new SigningException(sourceName, "no certificate: expected a PEM block"
                    + " '-----BEGIN CERTIFICATE-----'");
        }
        return List.copyOf(out);
    }

    /**
     * Reads a PKCS#12 file ({@code .p12}, {@code .pfx}): its first private key (or the one under
     * {@code alias}) and that key's certificate chain.
     *
     * @param bytes the file's bytes
     * @param sourceName the file name used in messages and password prompts
     * @param passwords where the store's password comes from ({@link PasswordSource#none()} tries an
     *     empty password)
     * @param alias the entry to use, or {@code null} for the first key entry
     * @return a signer over the key and its chain
     * @throws SigningException when the password is wrong, the file is not PKCS#12, or it holds no key
     */
    public static KeySigner readPkcs12(byte[] bytes, String sourceName, PasswordSource passwords, String alias) {
        char[] pw;
        SigningException noPassword = null;
        try {
            pw = passwords.password(sourceName);
        } catch (SigningException e) {
            noPassword = e; // try the empty password, common for PKCS#12 files holding unencrypted keys
            pw = new char[0];
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(new ByteArrayInputStream(bytes), pw);
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    if (noPassword != null) {
                        throw noPassword;
                    }
                    throw new SigningException(sourceName, "cannot open the PKCS#12 file: wrong password", e);
                }
                throw new SigningException(sourceName, "not a readable PKCS#12 file: " + e.getMessage(), e);
            }
            String use = alias;
            if (use == null) {
                for (String a : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(a)) {
                        use = a;
                        break;
                    }
                }
                if (use == null) {
                    throw new SigningException(sourceName, "the PKCS#12 file holds no private key");
                }
            } else if (!ks.isKeyEntry(use)) {
                throw new SigningException(sourceName, "the PKCS#12 file has no private key under the alias '"
                        + alias + "'");
            }
            Key key;
            try {
                key = ks.getKey(use, pw);
            } catch (UnrecoverableKeyException e) {
                if (noPassword != null) {
                    throw noPassword;
                }
                throw new SigningException(sourceName, "cannot decrypt the private key '" + use
                        + "': wrong password", e);
            }
            if (!(key instanceof PrivateKey pk)) {
                throw new SigningException(sourceName, "the entry '" + use + "' is not a private key");
            }
            Certificate[] chain = ks.getCertificateChain(use);
            if (chain == null || chain.length == 0) {
                throw new SigningException(sourceName, "the private key '" + use + "' has no certificate");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                certs.add((X509Certificate) c);
            }
            return KeySigner.of(pk, orderChain(pk, certs, sourceName));
        } catch (GeneralSecurityException e) {
            throw new SigningException(sourceName, "cannot read the PKCS#12 file: " + e.getMessage(), e);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Loads a signing key and its certificates from files: a PEM key file (which may also hold the
     * certificates, as ovftool's {@code --privateKey} file does) or a PKCS#12 file, and optionally a
     * separate PEM certificate file. The certificates are put in chain order (the key's own first)
     * and the key is checked against its certificate.
     *
     * @param keyFile a PEM or PKCS#12 file
     * @param certificateFile a PEM file with the certificate and intermediates, or {@code null} when
     *     {@code keyFile} holds them
     * @param passwords where passwords come from, asked only for encrypted content
     * @return the signer
     * @throws IOException when a file cannot be read
     * @throws SigningException when the content is unusable, a password is wrong or missing, or the
     *     key matches none of the certificates
     */
    public static KeySigner load(Path keyFile, Path certificateFile, PasswordSource passwords) throws IOException {
        Objects.requireNonNull(passwords, "passwords");
        String keyName = keyFile.toString();
        byte[] keyBytes = BoundedFiles.read(keyFile, BoundedFiles.MAX_BYTES, "a key file");
        try {
            List<X509Certificate> certs = new ArrayList<>();
            PrivateKey key;
            if (isPem(keyBytes)) {
                PemContents c = readPem(keyBytes, keyName, passwords);
                if (c.key == null) {
                    throw new SigningException(keyName, "no private key: expected a PEM block 'PRIVATE KEY',"
                            + " 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY'");
                }
                key = c.key;
                certs.addAll(c.certificates);
            } else {
                KeySigner p12 = readPkcs12(keyBytes, keyName, passwords, null);
                key = p12.privateKey();
                certs.addAll(p12.chain());
            }
            String certName = keyName;
            if (certificateFile != null) {
                certName = certificateFile.toString();
                certs.clear();
                certs.addAll(readCertificates(BoundedFiles.read(certificateFile, BoundedFiles.MAX_BYTES,
                        "a certificate file"), certName));
            }
            if (certs.isEmpty()) {
                throw new SigningException(keyName, "holds a private key but no certificate; give the certificate"
                        + " file as well");
            }
            return KeySigner.of(key, orderChain(key, certs, certName));
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    /** The key's certificate first, then its issuers in order, then any other certificates. */
    static List<X509Certificate> orderChain(PrivateKey key, List<X509Certificate> certs, String source) {
        X509Certificate leaf = null;
        for (X509Certificate c : certs) {
            if (matches(key, c)) {
                leaf = c;
                break;
            }
        }
        if (leaf == null) {
            throw new SigningException(source, "the private key matches none of the " + certs.size()
                    + " certificate(s): " + certs.stream().map(c -> c.getSubjectX500Principal().getName()).toList());
        }
        Set<X509Certificate> rest = new LinkedHashSet<>(certs);
        List<X509Certificate> out = new ArrayList<>();
        X509Certificate cur = leaf;
        while (cur != null && rest.remove(cur)) {
            out.add(cur);
            X509Certificate next = null;
            if (!cur.getIssuerX500Principal().equals(cur.getSubjectX500Principal())) {
                for (X509Certificate c : rest) {
                    if (c.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) {
                        next = c;
                        break;
                    }
                }
            }
            cur = next;
        }
        out.addAll(rest);
        return List.copyOf(out);
    }

    /** Whether {@code key} is the private half of {@code cert}'s public key (a trial signature). */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        try {
            String keyAlg = KeySigner.keyAlgorithm(key);
            if (!keyAlg.equals(KeySigner.keyAlgorithm(cert.getPublicKey()))) {
                return false;
            }
            String alg = DigestAlgorithm.SHA256.signatureAlgorithm(keyAlg);
            byte[] probe = "ovfkit key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException | SigningException e) {
            return false;
        }
    }

    private static boolean isPem(byte[] bytes) {
        int n = Math.min(bytes.length, 1 << 16);
        String head = new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    private static final class PemContents {
        PrivateKey key;
        final List<X509Certificate> certificates = new ArrayList<>();
    }

    private static PemContents readPem(byte[] pem, String source, PasswordSource passwords) {
        ManifestSyntax.checkSize(pem, source, "PEM file");
        PemContents out = new PemContents();
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem),
                StandardCharsets.US_ASCII))) {
            Object o;
            ASN1ObjectIdentifier ecParameters = null;
            while ((o = readObject(parser, source)) != null) {
                PrivateKey k = null;
                if (o instanceof PEMKeyPair kp) {
                    k = privateKey(keys, kp, ecParameters);
                } else if (o instanceof PrivateKeyInfo pki) {
                    k = keys.getPrivateKey(pki);
                } else if (o instanceof PEMEncryptedKeyPair ekp) {
                    char[] pw = passwords.password(source);
                    try {
                        k = privateKey(keys, ekp.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                .setProvider(Bc.PROVIDER).build(pw)), ecParameters);
                    } catch (IOException e) {
                        throw new SigningException(source, "cannot decrypt the private key: wrong password? ("
                                + e.getMessage() + ")", e);
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo epki) {
                    char[] pw = passwords.password(source);
                    try {
                        k = keys.getPrivateKey(epki.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                .setProvider(Bc.PROVIDER).build(pw)));
                    } catch (PKCSException e) {
                        throw new SigningException(source, "cannot decrypt the private key: wrong password? ("
                                + e.getMessage() + ")", e);
                    } catch (OperatorCreationException e) {
                        throw new SigningException(source, "unsupported key encryption: " + e.getMessage(), e);
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                } else if (o instanceof X509CertificateHolder h) {
                    try {
                        out.certificates.add(certs.getCertificate(h));
                    } catch (CertificateException e) {
                        throw new SigningException(source, "a CERTIFICATE block is not a valid X.509 certificate: "
                                + e.getMessage(), e);
                    }
                } else if (o instanceof ASN1ObjectIdentifier curve) {
                    ecParameters = curve; // EC PARAMETERS, as 'openssl ecparam -genkey' writes before the key
                    continue;
                }
                if (k != null) {
                    if (out.key != null) {
                        throw new SigningException(source, "holds more than one private key");
                    }
                    KeySigner.keyAlgorithm(k);
                    out.key = k;
                }
            }
        } catch (IOException e) {
            throw new SigningException(source, "cannot read the PEM file: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The private half of a traditional key pair. An {@code EC PRIVATE KEY} may lack its optional
     * public key and its optional curve; the curve then comes from a preceding {@code EC PARAMETERS}
     * block.
     */
    private static PrivateKey privateKey(JcaPEMKeyConverter keys, PEMKeyPair kp, ASN1ObjectIdentifier ecParameters)
            throws IOException {
        PrivateKeyInfo pki = kp.getPrivateKeyInfo();
        AlgorithmIdentifier alg = pki.getPrivateKeyAlgorithm();
        if (alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey) && isAbsent(alg.getParameters())
                && ecParameters != null) {
            pki = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ecParameters),
                    pki.parsePrivateKey());
        }
        return keys.getPrivateKey(pki);
    }

    private static boolean isAbsent(ASN1Encodable parameters) {
        return parameters == null || parameters instanceof ASN1Null;
    }

    private static Object readObject(PEMParser parser, String source) {
        try {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new SigningException(source, "malformed PEM content: " + e.getMessage(), e);
        }
    }

    /** BouncyCastle's provider, created on first use and never registered globally. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
