package io.ovfkit.ovf;

/**
 * The input is not an OVF descriptor ovfkit can read: not well-formed XML, a DTD or entity where
 * none is allowed, an unknown envelope namespace, an empty or oversized file.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class MalformedDescriptorException extends OvfException {
    private static final long serialVersionUID = 1L;

    /** See {@link OvfException#OvfException(String, int, int, String, Throwable)}. */
    public MalformedDescriptorException(String source, int line, int column, String message, Throwable cause) {
        super(source, line, column, message, cause);
    }

    /** An error about the whole of {@code source}. */
    public MalformedDescriptorException(String source, String message) {
        super(source, message);
    }
}
