package org.ewclab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A dataset file that cannot be read as what it claims to be: missing, empty, truncated, corrupt, or holding values the
 * lab cannot use. The message always reads {@code <file>: <problem>}, with the row or entry where one applies (e.g.
 * {@code data.csv: row 17, column 5: pixel value 300 is outside 0..255}), so a caller can show it as it is.
 */
public final class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public DatasetFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public DatasetFormatException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (or folder) at fault, as the caller named it. */
    public Path file() {
        return file;
    }

    /** The message without the file name. */
    public String problem() {
        return problem;
    }
}
