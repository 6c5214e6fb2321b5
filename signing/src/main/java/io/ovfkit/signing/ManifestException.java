package io.ovfkit.signing;

/**
 * A manifest ({@code .mf}) is malformed: a line that is not {@code ALG(name)= hex}, an unsupported
 * algorithm, a digest of the wrong length, a duplicate entry, or a file too large to be a manifest.
 * The message names the file and the line and says what was expected there.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class ManifestException extends SigningException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source the manifest's file name, {@code null} when there is none
     * @param line 1-based line of the problem, 0 when it concerns the whole file
     * @param message what is wrong and what was expected
     */
    public ManifestException(String source, int line, String message) {
        super(source, line, message, null);
    }
}
