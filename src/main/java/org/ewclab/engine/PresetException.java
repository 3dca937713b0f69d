package org.ewclab.engine;

/**
 * A preset that cannot run, with a message that names the field and the problem, e.g.
 * {@code training.batchSize: must be ≥ 1, got 0}. The headless {@code run} prints it as its one line and exits 2.
 */
public final class PresetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public PresetException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code methods[2].method}; empty for the document itself. */
    public String field() {
        return field;
    }
}
