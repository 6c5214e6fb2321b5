package io.ovfkit.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole files read with a cap (docs/limits.md): the cap is checked against the file's size before
 * anything is allocated and again while reading, since a FIFO, a device or {@code /proc} file
 * reports no size (or a wrong one) and would otherwise be read until memory runs out.
 */
final class BoundedFiles {
    /** The cap on key, certificate, trust-anchor and password files: 16 MiB, as for certificate files. */
    static final int MAX_BYTES = ManifestSyntax.MAX_BYTES;

    /** The cap on a password file, whose first line is the password: 1 MiB. */
    static final int PASSWORD_MAX_BYTES = 1 << 20;

    private BoundedFiles() {
    }

    /**
     * The bytes of {@code file}, at most {@code cap}.
     *
     * @param what what the file is, for the message ("a key file")
     * @throws SigningException naming the file when it holds more than {@code cap} bytes
     */
    static byte[] read(Path file, int cap, String what) throws IOException {
        String name = String.valueOf(file);
        if (Files.size(file) > cap) {
            throw new SigningException(name, "is " + Files.size(file) + " bytes; " + what + " is at most " + cap + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(cap + 1);
            if (b.length > cap) {
                java.util.Arrays.fill(b, (byte) 0); // it may be a password file
                throw new SigningException(name, "holds more than " + cap + " bytes; " + what + " is at most " + cap
                        + " bytes");
            }
            return b;
        }
    }
}
