package io.ovfkit.signing;

import io.ovfkit.signing.ManifestSyntax.Line;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A small, tolerant reader of PEM blocks in text that was already split into lines. */
final class PemBlocks {
    private PemBlocks() {
    }

    /**
     * A PEM block.
     *
     * @param type the label, e.g. {@code CERTIFICATE}
     * @param der the decoded bytes
     * @param line the line of its BEGIN
     */
    record Block(String type, byte[] der, int line) {
    }

    /**
     * Reads the blocks of {@code lines} from index {@code from}. Whitespace around lines is ignored;
     * RFC 1421 header lines ({@code Proc-Type: ...}) inside a block are skipped. Non-blank text
     * outside blocks is an error when {@code textOutsideIsError}, skipped otherwise.
     */
    static List<Block> read(List<Line> lines, int from, String source, boolean textOutsideIsError) {
        List<Block> out = new ArrayList<>();
        for (int i = from; i < lines.size(); i++) {
            Line line = lines.get(i);
            String t = line.text().strip();
            if (t.isEmpty()) {
                continue;
            }
            String type = label(t, "-----BEGIN ");
            if (type == null) {
                if (t.startsWith("-----END ")) {
                    throw new SigningException(source, line.number(), "'" + ManifestSyntax.abbreviate(t)
                            + "' without a BEGIN line before it");
                }
                if (textOutsideIsError) {
                    throw new SigningException(source, line.number(), "unexpected text outside a PEM block: '"
                            + ManifestSyntax.abbreviate(t) + "'; expected -----BEGIN CERTIFICATE-----");
                }
                continue;
            }
            StringBuilder base64 = new StringBuilder();
            int end = -1;
            for (int j = i + 1; j < lines.size(); j++) {
                String u = lines.get(j).text().strip();
                if (u.startsWith("-----END ")) {
                    String endType = label(u, "-----END ");
                    if (!type.equals(endType)) {
                        throw new SigningException(source, lines.get(j).number(), "'" + ManifestSyntax.abbreviate(u)
                                + "' does not close '-----BEGIN " + type + "-----' of line " + line.number());
                    }
                    end = j;
                    break;
                }
                if (u.startsWith("-----BEGIN ")) {
                    break;
                }
                if (u.indexOf(':') >= 0) {
                    continue; // RFC 1421 header, e.g. Proc-Type / DEK-Info
                }
                base64.append(u);
            }
            if (end < 0) {
                throw new SigningException(source, line.number(), "'-----BEGIN " + type
                        + "-----' has no matching '-----END " + type + "-----'");
            }
            byte[] der;
            try {
                if (!isBase64(base64)) {
                    throw new IllegalArgumentException("characters outside the base64 alphabet");
                }
                der = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new SigningException(source, line.number(), "the " + type + " block (lines " + line.number()
                        + "-" + lines.get(end).number() + ") is not valid base64: " + e.getMessage());
            }
            if (der.length == 0) {
                throw new SigningException(source, line.number(), "the " + type + " block is empty");
            }
            out.add(new Block(type, der, line.number()));
            i = end;
        }
        return out;
    }

    /** Decodes a CERTIFICATE block as X.509. */
    static X509Certificate certificate(Block b, String source) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(b.der()));
        } catch (CertificateException | ClassCastException e) {
            throw new SigningException(source, b.line(), "the " + b.type() + " block is not a valid X.509"
                    + " certificate: " + e.getMessage(), e);
        }
    }

    static boolean isCertificate(String type) {
        return type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE");
    }

    private static String label(String t, String prefix) {
        if (t.startsWith(prefix) && t.endsWith("-----") && t.length() > prefix.length() + 5) {
            return t.substring(prefix.length(), t.length() - 5).strip();
        }
        return null;
    }

    private static boolean isBase64(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' || c == ' ' || c == '\t';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
