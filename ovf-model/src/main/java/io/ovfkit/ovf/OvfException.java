package io.ovfkit.ovf;

import java.nio.file.Path;

/**
 * A descriptor could not be read, written or converted. Unchecked; every instance names the file
 * (when there is one), the place in it (line and column, 1-based, 0 when unknown) and what was
 * expected, so that the message alone tells a user what to fix.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class OvfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    /**
     * @param source the file or resource name, {@code null} when reading from memory
     * @param line 1-based line, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param message what is wrong and what was expected
     * @param cause the underlying failure, may be {@code null}
     */
    public OvfException(String source, int line, int column, String message, Throwable cause) {
        super(format(source, line, column, message), cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** An error about the whole of {@code source}, with no particular place. */
    public OvfException(String source, String message) {
        this(source, 0, 0, message, null);
    }

    /** An error about the whole of {@code source}, with no particular place. */
    public OvfException(Path source, String message, Throwable cause) {
        this(source == null ? null : source.toString(), 0, 0, message, cause);
    }

    /** The file or resource name, or {@code null}. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, 0 when unknown. */
    public int column() {
        return column;
    }

    private static String format(String source, int line, int column, String message) {
        StringBuilder b = new StringBuilder();
        if (source != null) {
            b.append(source);
            if (line > 0) {
                b.append(':').append(line);
                if (column > 0) {
                    b.append(':').append(column);
                }
            }
            b.append(": ");
        } else if (line > 0) {
            b.append("line ").append(line);
            if (column > 0) {
                b.append(", column ").append(column);
            }
            b.append(": ");
        }
        return b.append(message).toString();
    }
}
