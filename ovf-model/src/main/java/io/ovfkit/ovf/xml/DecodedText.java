package io.ovfkit.ovf.xml;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.MalformedDescriptorException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters of an XML file, decoded the way real OVF producers meant them rather than the way
 * they labelled them: a byte-order mark decides first, then the first bytes' pattern, then the
 * {@code encoding} pseudo-attribute; a file that declares UTF-16 but is plainly single-byte text
 * (XenCenter writes such files) is read as UTF-8 with a warning.
 *
 * <p>The decoded text excludes the byte-order mark; {@link #bom()} keeps its bytes so that a writer
 * can put them back.
 *
 * <p>Immutable ({@link #bom()} returns a copy) and safe to share between threads.
 */
public final class DecodedText {
    private static final Pattern ENCODING_DECL =
            Pattern.compile("^<\\?xml[^>]{0,200}?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");

    private final String text;
    private final Charset charset;
    private final byte[] bom;
    private final List<Diagnostic> diagnostics;
    private final String declaredEncoding;

    private DecodedText(String text, Charset charset, byte[] bom, String declaredEncoding, List<Diagnostic> diagnostics) {
        this.text = text;
        this.charset = charset;
        this.bom = bom;
        this.declaredEncoding = declaredEncoding;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The characters, without any byte-order mark. */
    public String text() {
        return text;
    }

    /** The charset the bytes were decoded with (and that a writer should encode with). */
    public Charset charset() {
        return charset;
    }

    /** The bytes of the byte-order mark, empty when there was none. */
    public byte[] bom() {
        return bom.clone();
    }

    /** The {@code encoding} of the XML declaration as written, or {@code null}. */
    public String declaredEncoding() {
        return declaredEncoding;
    }

    /** Deviations found while decoding (BOM, mislabelled encoding, CRLF line ends). */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * Decodes {@code bytes}.
     *
     * @throws MalformedDescriptorException when the file is empty or its bytes are not valid in the
     *     encoding they must be read with
     */
    public static DecodedText decode(byte[] bytes, String sourceName) {
        List<Diagnostic> diags = new ArrayList<>();
        if (bytes.length == 0) {
            throw new MalformedDescriptorException(sourceName, "the file is empty; expected an OVF descriptor (XML)");
        }
        int b0 = bytes[0] & 0xff;
        int b1 = bytes.length > 1 ? bytes[1] & 0xff : -1;
        int b2 = bytes.length > 2 ? bytes[2] & 0xff : -1;
        int b3 = bytes.length > 3 ? bytes[3] & 0xff : -1;
        Charset cs;
        int bomLength = 0;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            cs = StandardCharsets.UTF_8;
            bomLength = 3;
            diags.add(Diagnostic.warning("OVF_BOM", 1, 1, "the file starts with a UTF-8 byte-order mark; some importers reject it"));
        } else if (b0 == 0xFE && b1 == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            bomLength = 2;
            diags.add(Diagnostic.warning("OVF_BOM", 1, 1, "the file is UTF-16 (big-endian, with a byte-order mark); most importers expect UTF-8"));
        } else if (b0 == 0xFF && b1 == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            bomLength = 2;
            diags.add(Diagnostic.warning("OVF_BOM", 1, 1, "the file is UTF-16 (little-endian, with a byte-order mark); most importers expect UTF-8"));
        } else if (b0 == 0x3C && b1 == 0x00 && b2 == 0x3F && b3 == 0x00) {
            cs = StandardCharsets.UTF_16LE;
            diags.add(Diagnostic.warning("OVF_ENCODING", 1, 1, "the file is UTF-16 without a byte-order mark; most importers expect UTF-8"));
        } else if (b0 == 0x00 && b1 == 0x3C && b2 == 0x00 && b3 == 0x3F) {
            cs = StandardCharsets.UTF_16BE;
            diags.add(Diagnostic.warning("OVF_ENCODING", 1, 1, "the file is UTF-16 without a byte-order mark; most importers expect UTF-8"));
        } else {
            cs = null;
        }
        String declared = null;
        if (cs == null || cs == StandardCharsets.UTF_8) {
            // An ASCII-compatible encoding: the declaration, if any, is readable as Latin-1.
            String head = new String(bytes, bomLength, Math.min(bytes.length - bomLength, 256), StandardCharsets.ISO_8859_1);
            Matcher m = ENCODING_DECL.matcher(head);
            if (m.find()) {
                declared = m.group(1);
            }
            if (cs == null) {
                cs = StandardCharsets.UTF_8;
                if (declared != null) {
                    String d = declared.toUpperCase(Locale.ROOT);
                    if (d.startsWith("UTF-16") || d.startsWith("UTF16") || d.equals("UNICODE") || d.startsWith("UCS-2") || d.startsWith("UTF-32")) {
                        diags.add(Diagnostic.warning("OVF_ENCODING_MISMATCH", 1, 1,
                                "the XML declaration says encoding=\"" + declared
                                        + "\" but the bytes are single-byte text; read as UTF-8"));
                    } else if (!d.equals("UTF-8") && !d.equals("UTF8")) {
                        try {
                            cs = Charset.forName(declared);
                        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                            throw new MalformedDescriptorException(sourceName, 1, 1,
                                    "unsupported encoding \"" + declared + "\" in the XML declaration; expected UTF-8", null);
                        }
                        diags.add(Diagnostic.warning("OVF_ENCODING", 1, 1,
                                "the descriptor is encoded in " + cs.name() + "; most importers expect UTF-8"));
                    }
                }
            }
        } else {
            String head = new String(bytes, bomLength, Math.min(bytes.length - bomLength, 512), cs);
            Matcher m = ENCODING_DECL.matcher(head);
            if (m.find()) {
                declared = m.group(1);
            }
        }
        CharsetDecoder dec = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        ByteBuffer in = ByteBuffer.wrap(bytes, bomLength, bytes.length - bomLength);
        try {
            CharBuffer out = dec.decode(in);
            text = out.toString();
        } catch (MalformedInputException e) {
            long offset = bomLength + (long) in.position();
            throw new MalformedDescriptorException(sourceName, 0, 0,
                    "the bytes at offset " + offset + " are not valid " + cs.name() + "; expected text in that encoding", e);
        } catch (CharacterCodingException e) {
            throw new MalformedDescriptorException(sourceName, 0, 0, "cannot decode the file as " + cs.name() + ": " + e, e);
        }
        if (text.indexOf('\r') >= 0) {
            diags.add(Diagnostic.warning("OVF_CRLF", 1, 1,
                    "the descriptor has CR or CRLF line ends; they are kept as they are"));
        }
        byte[] bom = new byte[bomLength];
        System.arraycopy(bytes, 0, bom, 0, bomLength);
        return new DecodedText(text, cs, bom, declared, diags);
    }
}
