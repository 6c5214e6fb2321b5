package io.ovfkit.signing;

import java.util.Objects;

/**
 * Something a lenient reader accepted but a strict consumer might not: a manifest written
 * {@code SHA256 (name) = hex} (vSphere accepts only {@code SHA256(name)= hex}), CRLF line ends,
 * padding, a certificate file's extra CMS block. Findings are data, not exceptions.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param source the file name, may be {@code null}
 * @param line the 1-based line of the first occurrence, 0 when it concerns the whole file
 * @param message what deviates from the strict form and how often
 */
public record ParseWarning(String source, int line, String message) {
    /**
     * @param source the file name, may be {@code null}
     * @param line the 1-based line of the first occurrence, 0 when it concerns the whole file
     * @param message what deviates from the strict form and how often
     */
    public ParseWarning {
        Objects.requireNonNull(message, "message");
        line = Math.max(0, line);
    }

    /** {@return the warning as one line: {@code source, line N: message}} */
    @Override
    public String toString() {
        return SigningException.format(source, line, message);
    }
}
