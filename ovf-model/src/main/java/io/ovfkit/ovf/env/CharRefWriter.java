package io.ovfkit.ovf.env;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Lets whitespace in attribute values survive the JDK's {@link javax.xml.stream.XMLStreamWriter},
 * which escapes {@code & < > "} but writes tabs, line feeds and carriage returns raw, so that a
 * parser would normalise them to spaces (attributes) or line feeds (text).
 *
 * <p>{@link #encode(String, boolean)} replaces each such character in a value, before it is handed
 * to the XML writer, by a marker: the noncharacter U+FDD0 followed by one ASCII letter (U+FDD0
 * itself becomes U+FDD0 '0', so any value is encoded unambiguously). This filter, placed after the
 * XML writer, turns the markers into character references ({@code &#9;}, {@code &#10;},
 * {@code &#13;}). Markup and indentation written by the XML writer never contain U+FDD0.
 */
final class CharRefWriter extends FilterWriter {
    static final char MARK = '\uFDD0';
    private boolean pending;

    CharRefWriter(Writer out) {
        super(out);
    }

    /**
     * Encodes {@code value} for the XML writer: carriage returns always, tabs and line feeds in
     * attribute values ({@code attribute}).
     */
    static String encode(String value, boolean attribute) {
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char code;
            switch (c) {
                case MARK:
                    code = '0';
                    break;
                case '\r':
                    code = 'r';
                    break;
                case '\n':
                    code = attribute ? 'n' : 0;
                    break;
                case '\t':
                    code = attribute ? 't' : 0;
                    break;
                default:
                    code = 0;
            }
            if (code != 0) {
                if (b == null) {
                    b = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                b.append(MARK).append(code);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? value : b.toString();
    }

    @Override
    public void write(int c) throws IOException {
        if (pending) {
            pending = false;
            switch (c) {
                case '0':
                    out.write(MARK);
                    break;
                case 'r':
                    out.write("&#13;");
                    break;
                case 'n':
                    out.write("&#10;");
                    break;
                case 't':
                    out.write("&#9;");
                    break;
                default:
                    throw new IOException("internal error: unexpected marker code " + (char) c);
            }
        } else if (c == MARK) {
            pending = true;
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (pending || cbuf[i] == MARK) {
                out.write(cbuf, start, i - start);
                write(cbuf[i]);
                start = i + 1;
            }
        }
        out.write(cbuf, start, end - start);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        write(str.toCharArray(), off, len);
    }

    @Override
    public void close() throws IOException {
        if (pending) {
            throw new IOException("internal error: dangling marker");
        }
        super.close();
    }
}
