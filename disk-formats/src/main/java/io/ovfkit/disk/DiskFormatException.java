package io.ovfkit.disk;

import java.nio.file.Path;

/**
 * A disk image is corrupt, truncated, of an unsupported variant, or cannot hold what was asked of
 * it. Every instance names the file, the byte offset when there is one (-1 otherwise) and what was
 * expected.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class DiskFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file the image file, may be null for an in-memory source
     * @param offset byte offset of the problem in {@code file}, -1 when there is no particular place
     * @param message what is wrong and what was expected
     */
    public DiskFormatException(Path file, long offset, String message) {
        this(file, offset, message, null);
    }

    /** Same, with the underlying cause. */
    public DiskFormatException(Path file, long offset, String message, Throwable cause) {
        super((file == null ? "" : file + ": ") + (offset >= 0 ? "at offset " + offset + ": " : "") + message, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The image file, or {@code null}. */
    public Path file() {
        return file;
    }

    /** The byte offset of the problem, or -1. */
    public long offset() {
        return offset;
    }
}
