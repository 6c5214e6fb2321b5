package io.ovfkit.compose;

import java.io.IOException;

/**
 * A compose spec that cannot be used: malformed YAML, a key or value that is not what was expected,
 * a reference to something the spec does not define, a file it names that cannot be read. The
 * message reads {@code FILE:LINE:COLUMN: what was found, what was expected}; line and column count
 * from 1. An {@link IOException}, like the other errors about an input file.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public final class ComposeSpecException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * An error at a place in a spec.
     *
     * @param file the spec's name as given (a path)
     * @param line the line, from 1 (0 when unknown)
     * @param column the column, from 1 (0 when unknown)
     * @param problem what is wrong and what was expected
     */
    public ComposeSpecException(String file, int line, int column, String problem) {
        super(place(file, line, column) + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String place(String file, int line, int column) {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    /** The spec's name, as given. */
    public String file() {
        return file;
    }

    /** The line, from 1; 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** The column, from 1; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the place. */
    public String problem() {
        return problem;
    }
}
