package io.ovfkit.signing;

/**
 * A manifest, certificate file, key or trust store could not be read, or a signature could not be
 * made. Unchecked; every instance names the file or resource (when there is one), the line (1-based,
 * 0 when there is no particular line) and what was expected, so the message alone tells a user what
 * to fix.
 *
 * <p>A signature that does not verify is <em>not</em> an exception: {@link Signatures#verify} reports
 * it as a fact in {@link SignatureVerification}.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class SigningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file or resource name, or {@code null}. */
    private final String source;
    /** 1-based line, 0 when there is no particular line. */
    private final int line;

    /**
     * @param source the file or resource name, {@code null} when there is none
     * @param line 1-based line of the problem, 0 when there is no particular line
     * @param message what is wrong and what was expected
     * @param cause the underlying failure, may be {@code null}
     */
    public SigningException(String source, int line, String message, Throwable cause) {
        super(format(source, line, message), cause);
        this.source = source;
        this.line = Math.max(0, line);
    }

    /**
     * An error at a line of {@code source}.
     *
     * @param source the file or resource name, {@code null} when there is none
     * @param line 1-based line of the problem, 0 when there is no particular line
     * @param message what is wrong and what was expected
     */
    public SigningException(String source, int line, String message) {
        this(source, line, message, null);
    }

    /**
     * An error about the whole of {@code source}, with no particular line.
     *
     * @param source the file or resource name, {@code null} when there is none
     * @param message what is wrong and what was expected
     */
    public SigningException(String source, String message) {
        this(source, 0, message, null);
    }

    /**
     * An error about the whole of {@code source}, with its cause.
     *
     * @param source the file or resource name, {@code null} when there is none
     * @param message what is wrong and what was expected
     * @param cause the underlying failure, may be {@code null}
     */
    public SigningException(String source, String message, Throwable cause) {
        this(source, 0, message, cause);
    }

    /**
     * The file or resource name.
     *
     * @return the name, or {@code null}
     */
    public String source() {
        return source;
    }

    /**
     * The line of the problem.
     *
     * @return 1-based line, 0 when there is no particular line
     */
    public int line() {
        return line;
    }

    static String format(String source, int line, String message) {
        StringBuilder b = new StringBuilder();
        if (source != null) {
            b.append(source);
            if (line > 0) {
                b.append(", line ").append(line);
            }
            b.append(": ");
        } else if (line > 0) {
            b.append("line ").append(line).append(": ");
        }
        return b.append(message).toString();
    }
}
