package io.ovfkit.ovf.xml;

import org.w3c.dom.Node;

/**
 * Where a DOM node came from in the source text, kept as user data on the node. Offsets are
 * character indexes into {@link DecodedText#text()}; end offsets are exclusive.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param start first character of the node ({@code '<'} of a start tag, first character of a text)
 * @param startTagEnd for elements: just past the {@code '>'} of the start tag; otherwise {@code end}
 * @param endTagStart for elements: the {@code '<'} of the end tag, or -1 for an empty-element tag
 * @param end just past the node's last character
 * @param line 1-based line of {@code start}
 * @param column 1-based column of {@code start}
 */
public record Span(int start, int startTagEnd, int endTagStart, int end, int line, int column) {
    static final String KEY = "io.ovfkit.span";

    /** The span recorded on {@code node}, or {@code null} for a node that was not parsed. */
    public static Span of(Node node) {
        return node == null ? null : (Span) node.getUserData(KEY);
    }

    /** Whether the element was written as {@code <a/>}. */
    public boolean selfClosing() {
        return endTagStart < 0;
    }
}
