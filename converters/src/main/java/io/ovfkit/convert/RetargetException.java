package io.ovfkit.convert;

/**
 * A package that {@link Retargeter} cannot turn into what a target takes: a disk it cannot read
 * at random (a gzip-compressed disk that must be converted), a package without a disk where the
 * target needs one, a problem no fix exists for. The message names the package, the file and the
 * place. Unchecked, like the other errors of ovfkit's libraries.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public final class RetargetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param file the package or member concerned, as named in messages
     * @param message what is wrong, and what would work
     */
    public RetargetException(String file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    /**
     * @param file the package or member concerned
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public RetargetException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** {@return the package or member concerned} */
    public String file() {
        return file;
    }
}
