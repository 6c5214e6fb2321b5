package io.ovfkit.ovf.model;

/**
 * Thrown by the attribute adapters for a value that does not parse. JAXB turns it into a
 * validation event whose message is this exception's {@link #toString()}, so that is the plain
 * message, without the class name.
 */
final class MalformedValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedValueException(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
