package org.ewclab.data;

import java.util.Objects;

/**
 * A task description ({@link TaskSpec}) that asks for something impossible: no source or two, an unknown dataset, a
 * class the dataset does not have. The message reads {@code <field>: <problem>}, e.g.
 * {@code classes: class 12 is not a class of mnist (0..9)}, so a preset editor can point at the field.
 * Unchecked: a bad preset is a user error to report, not a condition the code can recover from.
 */
public final class TaskSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public TaskSpecException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
        this.field = field;
        this.problem = problem;
    }

    /** The TaskSpec field at fault as written in the preset ({@code classes}, {@code idx.testLabels}, ...). */
    public String field() {
        return field;
    }

    /** The message without the field name. */
    public String problem() {
        return problem;
    }
}
