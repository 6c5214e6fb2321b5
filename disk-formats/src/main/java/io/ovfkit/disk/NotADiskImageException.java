package io.ovfkit.disk;

import java.nio.file.Path;

/**
 * The file is not a disk image of a format ovfkit recognizes by its content.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class NotADiskImageException extends DiskFormatException {
    private static final long serialVersionUID = 1L;

    /** @param message what was found and what was expected */
    public NotADiskImageException(Path file, String message) {
        super(file, -1, message);
    }
}
