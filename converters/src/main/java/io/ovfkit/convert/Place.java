package io.ovfkit.convert;

import java.util.Objects;

/**
 * Where a finding is: a file of the package (the descriptor, the manifest, a member of an OVA, or
 * the package itself) and, inside a text file, a 1-based line and column (0 when unknown).
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param file the file as named in messages ({@code PKG!/NAME.ovf} inside an OVA, like ova-io)
 * @param line the 1-based line, 0 when unknown or not a text position
 * @param column the 1-based column, 0 when unknown
 */
public record Place(String file, int line, int column) {
    /** Checks the components. */
    public Place {
        Objects.requireNonNull(file, "file");
        line = Math.max(0, line);
        column = line == 0 ? 0 : Math.max(0, column);
    }

    /**
     * A place that is a whole file or member.
     *
     * @param file the file as named in messages
     * @return the place
     */
    public static Place of(String file) {
        return new Place(file, 0, 0);
    }

    /** {@return {@code FILE:LINE:COL}, {@code FILE:LINE} without a column, {@code FILE} without a line} */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }
}
