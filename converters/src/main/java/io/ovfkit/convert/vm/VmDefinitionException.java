package io.ovfkit.convert.vm;

import java.io.IOException;

/**
 * A VM definition ({@code .vmx}, libvirt domain XML, {@code .vbox}) that cannot be read or
 * exported: malformed, too large, naming what cannot be found, or encrypted. The message names the
 * file and, where there is one, the line. A checked {@link IOException}: it is a problem of the
 * input, as a missing file is.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public final class VmDefinitionException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file the definition's name as the user gave it
     * @param line the 1-based line, or 0 when the problem has no line
     * @param message what is wrong
     */
    public VmDefinitionException(String file, int line, String message) {
        this(file, line, message, null);
    }

    /** With a cause. */
    public VmDefinitionException(String file, int line, String message, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    /** The definition's name. */
    public String file() {
        return file;
    }

    /** The 1-based line, 0 when none. */
    public int line() {
        return line;
    }
}
