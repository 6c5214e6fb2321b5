package io.ovfkit.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes output files so that a failure never leaves a partial file behind. */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Writes {@code bytes} to a temporary file next to {@code target}, then renames it over
     * {@code target}.
     *
     * @throws IOException when it cannot be written; the message names {@code target}
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp;
        try {
            tmp = io.ovfkit.disk.TemporaryFiles.create(abs.getParent(), abs.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new IOException(target + ": cannot write: the folder " + abs.getParent() + " does not exist", e);
        } catch (IOException e) {
            throw new IOException(target + ": cannot write: " + ErrorReporter.describe(e), e);
        }
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException(target + ": cannot write: " + ErrorReporter.describe(e), e);
        } finally {
            Files.deleteIfExists(tmp);
            io.ovfkit.disk.TemporaryFiles.release(tmp);
        }
    }
}
