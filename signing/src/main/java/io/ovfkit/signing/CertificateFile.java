package io.ovfkit.signing;

import io.ovfkit.signing.ManifestSyntax.Deviation;
import io.ovfkit.signing.ManifestSyntax.Line;
import io.ovfkit.signing.ManifestSyntax.Parsed;
import io.ovfkit.signing.ManifestSyntax.Warnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An OVF certificate file ({@code .cert}) as ovftool writes it: a first line
 * {@code ALG(name.mf)= hex} holding the signature of the manifest's bytes (not a digest), then the
 * signer's certificate and any intermediates as PEM blocks, leaf first. Immutable ({@link #signature()}
 * returns a copy) and safe to share between threads.
 *
 * <p>{@link #parse} also reads VirtualBox's {@code signova} variant (spaces around {@code =}, a
 * blank line, an extra {@code -----BEGIN CMS-----} block, which is ignored with a warning) and
 * files padded with spaces or NULs (the VirtualBox test OVAs pad their {@code .cert} to 100 KiB).
 * {@link #write()} produces the ovftool form.
 */
public final class CertificateFile {
    private static final HexFormat HEX = HexFormat.of();

    private final String manifestName;
    private final DigestAlgorithm algorithm;
    private final byte[] signature;
    private final List<X509Certificate> chain;
    private final List<ParseWarning> warnings;
    private final String sourceName;

    private CertificateFile(String manifestName, DigestAlgorithm algorithm, byte[] signature,
            List<X509Certificate> chain, List<ParseWarning> warnings, String sourceName) {
        this.manifestName = manifestName;
        this.algorithm = algorithm;
        this.signature = signature.clone();
        this.chain = List.copyOf(chain);
        this.warnings = List.copyOf(warnings);
        this.sourceName = sourceName;
    }

    /**
     * A certificate file from its parts.
     *
     * @param manifestName the manifest's file name in the package, e.g. {@code appliance.mf}
     * @param algorithm the digest algorithm of the signature
     * @param signature the raw signature bytes (PKCS#1 v1.5 for RSA, DER for ECDSA)
     * @param chain the signer's certificate first, then intermediates; not empty
     * @return the certificate file
     * @throws IllegalArgumentException when the name cannot be written on one line, the signature is
     *     empty or the chain is empty
     */
    public static CertificateFile of(String manifestName, DigestAlgorithm algorithm, byte[] signature,
            List<X509Certificate> chain) {
        Manifest.checkName(manifestName);
        Objects.requireNonNull(algorithm, "algorithm");
        if (signature.length == 0) {
            throw new IllegalArgumentException("empty signature");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate file needs at least the signer's certificate");
        }
        return new CertificateFile(manifestName, algorithm, signature, chain, List.of(), null);
    }

    /**
     * Reads a certificate file in the ovftool form or one of VirtualBox's variants.
     *
     * @param bytes the file's bytes
     * @param sourceName the file name used in messages, e.g. {@code appliance.cert}; may be {@code null}
     * @return the certificate file
     * @throws SigningException naming the line when the signature line is missing or malformed, a PEM
     *     block is broken or not a certificate, text stands outside the PEM blocks, or there is no
     *     certificate
     */
    public static CertificateFile parse(byte[] bytes, String sourceName) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return parse0(bytes, sourceName);
        } catch (ManifestException e) {
            throw new SigningException(sourceName, e.line(), stripPrefix(e.getMessage(), sourceName, e.line()), null);
        }
    }

    /**
     * Reads a certificate file, named by its file name in messages.
     *
     * @param file the {@code .cert} file
     * @return the certificate file
     * @throws IOException when the file cannot be read
     * @throws SigningException when it is malformed or larger than 16 MiB
     */
    public static CertificateFile read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (Files.size(file) > ManifestSyntax.MAX_BYTES) {
            throw new SigningException(name, "is " + Files.size(file) + " bytes; a certificate file is at most "
                    + ManifestSyntax.MAX_BYTES + " bytes (16 MiB)");
        }
        return parse(BoundedFiles.read(file, ManifestSyntax.MAX_BYTES, "a certificate file"), name);
    }

    private static CertificateFile parse0(byte[] bytes, String source) {
        ManifestSyntax.checkSize(bytes, source, "certificate file");
        Warnings w = new Warnings(source, false);
        List<Line> lines = ManifestSyntax.lines(ManifestSyntax.decode(bytes, w), w, source);
        int first = 0;
        while (first < lines.size() && lines.get(first).text().isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new SigningException(source, "is empty; expected a line 'ALG(name.mf)= hex-signature' and a PEM"
                    + " certificate");
        }
        Line sigLine = lines.get(first);
        if (sigLine.text().strip().startsWith("-----")) {
            throw new SigningException(source, sigLine.number(), "expected the signature line"
                    + " 'ALG(name.mf)= hex-signature' before the first PEM block");
        }
        Parsed p = ManifestSyntax.parse(sigLine, w, source);
        DigestAlgorithm alg = ManifestSyntax.algorithm(p, sigLine.number(), w, source, false);
        if (p.value().length() % 2 != 0) {
            throw new SigningException(source, sigLine.number(), "the signature has an odd number of hexadecimal"
                    + " digits (" + p.value().length() + "); expected whole bytes");
        }
        byte[] signature = HEX.parseHex(p.value());
        List<X509Certificate> chain = new ArrayList<>();
        for (PemBlocks.Block b : PemBlocks.read(lines, first + 1, source, true)) {
            if (PemBlocks.isCertificate(b.type())) {
                chain.add(PemBlocks.certificate(b, source));
            } else if (b.type().equals("CMS") || b.type().equals("PKCS7")) {
                w.note(Deviation.CMS_BLOCK, b.line(), b.type());
            } else {
                w.note(Deviation.OTHER_PEM_BLOCK, b.line(), b.type() + (b.type().contains("PRIVATE KEY")
                        ? ": a private key does not belong in a published certificate file" : ""));
            }
        }
        if (chain.isEmpty()) {
            throw new SigningException(source, "no certificate: expected a PEM block '-----BEGIN CERTIFICATE-----'"
                    + " after the signature line");
        }
        return new CertificateFile(p.name(), alg, signature, chain, w.list(), source);
    }

    private static String stripPrefix(String message, String source, int line) {
        String prefix = SigningException.format(source, line, "");
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /**
     * The manifest's file name as the signature line names it.
     *
     * @return e.g. {@code appliance.mf}
     */
    public String manifestName() {
        return manifestName;
    }

    /**
     * The digest algorithm of the signature (may differ from the manifest's: ovftool 4.1 signs a
     * SHA256 manifest with SHA1).
     *
     * @return the algorithm
     */
    public DigestAlgorithm digestAlgorithm() {
        return algorithm;
    }

    /**
     * The raw signature.
     *
     * @return a fresh copy of the signature bytes
     */
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The signature as written on the first line.
     *
     * @return lowercase hexadecimal
     */
    public String signatureHex() {
        return HEX.formatHex(signature);
    }

    /**
     * The certificates, signer first.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * The signer's certificate, the first of the {@link #chain()}.
     *
     * @return the certificate whose key made the signature
     */
    public X509Certificate signer() {
        return chain.get(0);
    }

    /**
     * What {@link #parse} accepted but the ovftool form does not have (spacing, padding, an ignored
     * CMS block).
     *
     * @return an unmodifiable list, empty for the ovftool form or a file built with {@code of}
     */
    public List<ParseWarning> warnings() {
        return warnings;
    }

    /**
     * The name given to {@link #parse}, for messages.
     *
     * @return the source name, or {@code null}
     */
    public String sourceName() {
        return sourceName;
    }

    /**
     * The file in ovftool's form: {@code ALG(name.mf)= hex} and LF, then each certificate as a PEM
     * block (64-character base64 lines, LF).
     *
     * @return the bytes of the {@code .cert} file
     */
    public byte[] write() {
        StringBuilder b = new StringBuilder();
        b.append(algorithm.manifestName()).append('(').append(manifestName).append(")= ").append(signatureHex())
                .append('\n');
        b.append(pem(chain));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Certificates as PEM text, each a {@code CERTIFICATE} block with 64-character lines and LF.
     *
     * @param certificates the certificates
     * @return the PEM text
     * @throws SigningException when a certificate cannot be encoded
     */
    public static String pem(List<X509Certificate> certificates) {
        Base64.Encoder enc = Base64.getMimeEncoder(64, new byte[] {'\n'});
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                b.append("-----BEGIN CERTIFICATE-----\n").append(enc.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new SigningException(null, "cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return b.toString();
    }

    /** {@return a summary: algorithm, manifest name and signer subject} */
    @Override
    public String toString() {
        return "CertificateFile[" + algorithm.manifestName() + "(" + manifestName + "), signer "
                + signer().getSubjectX500Principal().getName() + ", " + chain.size() + " certificate(s)]";
    }
}
