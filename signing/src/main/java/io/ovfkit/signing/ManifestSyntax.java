package io.ovfkit.signing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The line syntax shared by manifests and the first line of certificate files:
 * {@code ALG "(" name ")" "=" SP hex}, read leniently (IPRT/govmomi rules) with every deviation from
 * the strict ovftool form recorded once per kind.
 */
final class ManifestSyntax {
    /** Largest manifest or certificate file accepted, 16 MiB: real ones are a few hundred bytes. */
    static final int MAX_BYTES = 16 << 20;
    /** Largest number of lines accepted. */
    static final int MAX_LINES = 100_000;

    static final String STRICT_FORM = "'ALG(name)= hex' (e.g. 'SHA256(disk.vmdk)= 3f7a...'), LF line ends";

    private ManifestSyntax() {
    }

    /** A kind of deviation from the strict form, with whether strict reading refuses it. */
    enum Deviation {
        BOM("UTF-8 byte order mark at the start", true),
        NOT_UTF8("not valid UTF-8, read as ISO-8859-1", true),
        NUL_PADDING("padded with NUL bytes at the end", true),
        CRLF("CRLF line ends (the strict form uses LF)", true),
        LONE_CR("CR line ends (the strict form uses LF)", true),
        BLANK_LINE("blank or whitespace-only line (padding)", true),
        LEADING_WHITESPACE("whitespace before the algorithm name", true),
        TRAILING_WHITESPACE("whitespace after the value", true),
        BSD_STYLE("BSD-tag spacing 'ALG (name) = hex' (VirtualBox, sha256sum --tag); vSphere accepts only"
                + " 'ALG(name)= hex'", true),
        SPACE_BEFORE_PAREN("space between the algorithm name and '('", true),
        SPACE_BEFORE_EQUALS("space between ')' and '='", true),
        SPACING_AFTER_EQUALS("not exactly one space after '='", true),
        ALGORITHM_SPELLING("algorithm name not in the canonical spelling", true),
        UPPERCASE_HEX("uppercase hexadecimal (the strict form is lowercase)", true),
        UNSUPPORTED_ATTRIBUTE("line skipped: only SHA1, SHA256 and SHA512 entries are checked", true),
        MIXED_ALGORITHMS("entries use different digest algorithms", false),
        CMS_BLOCK("CMS (PKCS#7) block ignored: the signature line and certificate are what is verified",
                false),
        OTHER_PEM_BLOCK("PEM block ignored", false);

        final String text;
        final boolean refusedWhenStrict;

        Deviation(String text, boolean refusedWhenStrict) {
            this.text = text;
            this.refusedWhenStrict = refusedWhenStrict;
        }
    }

    /** Collects deviations, one warning per kind (first line and count); strict mode throws instead. */
    static final class Warnings {
        private final String source;
        private final boolean strict;
        private final Map<Deviation, int[]> seen = new EnumMap<>(Deviation.class);
        private final Map<Deviation, String> details = new EnumMap<>(Deviation.class);

        Warnings(String source, boolean strict) {
            this.source = source;
            this.strict = strict;
        }

        void note(Deviation d, int line, String detail) {
            if (strict && d.refusedWhenStrict) {
                throw new ManifestException(source, line, d.text + (detail == null ? "" : " (" + detail + ")")
                        + "; strict reading accepts only " + STRICT_FORM);
            }
            int[] s = seen.get(d);
            if (s == null) {
                seen.put(d, new int[] {line, 1});
                if (detail != null) {
                    details.put(d, detail);
                }
            } else {
                s[1]++;
            }
        }

        List<ParseWarning> list() {
            List<ParseWarning> out = new ArrayList<>();
            for (Map.Entry<Deviation, int[]> e : seen.entrySet()) {
                String detail = details.get(e.getKey());
                int count = e.getValue()[1];
                String msg = e.getKey().text + (detail == null ? "" : " (" + detail + ")")
                        + (count > 1 ? "; " + count + " times, first shown" : "");
                out.add(new ParseWarning(source, e.getValue()[0], msg));
            }
            out.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return Collections.unmodifiableList(out);
        }
    }

    /** One line of text, without its terminator. */
    record Line(int number, String text) {
    }

    /** The parts of a syntactically valid line: algorithm as written (trimmed), name, value (trimmed). */
    record Parsed(String algorithm, String name, String value) {
    }

    static void checkSize(byte[] bytes, String source, String what) {
        if (bytes.length > MAX_BYTES) {
            throw new ManifestException(source, 0, "is " + bytes.length + " bytes; a " + what + " is at most "
                    + MAX_BYTES + " bytes (16 MiB)");
        }
    }

    /** Decodes as UTF-8 (falling back to ISO-8859-1), drops a BOM and trailing NUL padding. */
    static String decode(byte[] bytes, Warnings w) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        if (end < bytes.length) {
            w.note(Deviation.NUL_PADDING, 0, (bytes.length - end) + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            w.note(Deviation.NOT_UTF8, 0, null);
            text = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        }
        if (text.startsWith("\uFEFF")) {
            w.note(Deviation.BOM, 1, null);
            text = text.substring(1);
        }
        return text;
    }

    /** Splits on LF, CRLF or CR (noting the last two); a final terminator does not open a new line. */
    static List<Line> lines(String text, Warnings w, String source) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        int number = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                add(out, new Line(number, text.substring(start, i)), source);
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    w.note(Deviation.CRLF, number, null);
                    i++;
                } else if (c == '\r') {
                    w.note(Deviation.LONE_CR, number, null);
                }
                start = i + 1;
                number++;
            }
        }
        if (start < n) {
            add(out, new Line(number, text.substring(start)), source);
        }
        return out;
    }

    private static void add(List<Line> lines, Line line, String source) {
        if (lines.size() >= MAX_LINES) {
            throw new ManifestException(source, line.number(), "more than " + MAX_LINES + " lines");
        }
        lines.add(line);
    }

    /**
     * Parses one non-blank line. Throws {@link ManifestException} naming the line for anything that
     * is not {@code ALG(name)= value} in some spacing; notes spacing deviations. The value is checked
     * for hexadecimal digits only (its length is the caller's business).
     */
    static Parsed parse(Line line, Warnings w, String source) {
        String raw = line.text();
        int no = line.number();
        if (raw.indexOf('\0') >= 0) {
            throw new ManifestException(source, no, "NUL byte inside the line; expected " + STRICT_FORM);
        }
        String t = raw.strip();
        if (raw.length() - raw.stripLeading().length() > 0) {
            w.note(Deviation.LEADING_WHITESPACE, no, null);
        }
        if (raw.length() - raw.stripTrailing().length() > 0) {
            w.note(Deviation.TRAILING_WHITESPACE, no, null);
        }
        int open = t.indexOf('(');
        if (open < 0) {
            throw new ManifestException(source, no, "no '(' in '" + abbreviate(t) + "'; expected " + STRICT_FORM);
        }
        String alg = t.substring(0, open);
        String algTrim = alg.strip();
        if (algTrim.isEmpty()) {
            throw new ManifestException(source, no, "no algorithm name before '('; expected " + STRICT_FORM);
        }
        int eq = t.lastIndexOf('=');
        if (eq < open) {
            throw new ManifestException(source, no, "no '=' after the file name in '" + abbreviate(t)
                    + "'; expected " + STRICT_FORM);
        }
        int close = t.lastIndexOf(')', eq);
        if (close < open) {
            throw new ManifestException(source, no, "no ')' closing the file name before '='; expected "
                    + STRICT_FORM);
        }
        String between = t.substring(close + 1, eq);
        if (!between.isBlank()) {
            throw new ManifestException(source, no, "unexpected text '" + abbreviate(between)
                    + "' between ')' and '='; expected " + STRICT_FORM);
        }
        String name = t.substring(open + 1, close);
        if (name.isEmpty()) {
            throw new ManifestException(source, no, "empty file name between '(' and ')'");
        }
        String value = t.substring(eq + 1);
        String valueTrim = value.strip();
        if (valueTrim.isEmpty()) {
            throw new ManifestException(source, no, "nothing after '='; expected a hexadecimal value");
        }
        if (!Digest.isHex(valueTrim)) {
            int bad = 0;
            while (Digest.isHex(valueTrim.substring(bad, bad + 1))) {
                bad++;
            }
            throw new ManifestException(source, no, "value after '=' is not hexadecimal: character '"
                    + valueTrim.charAt(bad) + "' at position " + (bad + 1) + " of '" + abbreviate(valueTrim) + "'");
        }
        boolean spaceBeforeParen = !alg.equals(algTrim);
        boolean spaceBeforeEquals = !between.isEmpty();
        boolean oneSpaceAfter = value.length() == valueTrim.length() + 1 && value.charAt(0) == ' ';
        if (spaceBeforeParen && spaceBeforeEquals && oneSpaceAfter) {
            w.note(Deviation.BSD_STYLE, no, null);
        } else {
            if (spaceBeforeParen) {
                w.note(Deviation.SPACE_BEFORE_PAREN, no, null);
            }
            if (spaceBeforeEquals) {
                w.note(Deviation.SPACE_BEFORE_EQUALS, no, null);
            }
            if (!oneSpaceAfter) {
                w.note(Deviation.SPACING_AFTER_EQUALS, no, null);
            }
        }
        if (!valueTrim.equals(valueTrim.toLowerCase(Locale.ROOT))) {
            w.note(Deviation.UPPERCASE_HEX, no, null);
        }
        return new Parsed(algTrim, name, valueTrim);
    }

    /**
     * Resolves the algorithm of a parsed line: one of the three, noting a non-canonical spelling;
     * empty for IPRT's extra attributes (MD5, SIZE, CRC32), noted as skipped; an error otherwise.
     */
    static DigestAlgorithm algorithm(Parsed p, int no, Warnings w, String source, boolean allowSkip) {
        DigestAlgorithm a = DigestAlgorithm.find(p.algorithm()).orElse(null);
        if (a != null) {
            if (!a.manifestName().equals(p.algorithm())) {
                w.note(Deviation.ALGORITHM_SPELLING, no, "'" + p.algorithm() + "' for '" + a.manifestName() + "'");
            }
            return a;
        }
        String up = p.algorithm().toUpperCase(Locale.ROOT);
        if (allowSkip && (up.equals("MD5") || up.equals("SIZE") || up.equals("CRC32"))) {
            w.note(Deviation.UNSUPPORTED_ATTRIBUTE, no, "'" + p.algorithm() + "'");
            return null;
        }
        throw new ManifestException(source, no, "unsupported digest algorithm '" + abbreviate(p.algorithm())
                + "'; expected SHA1, SHA256 or SHA512");
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
