package org.ewclab.engine;

/** The first task did not finish: stopped by its {@link RunControl}, or diverged (the message says what to do). */
public final class TrainingStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean diverged;

    public TrainingStoppedException(String message, boolean diverged) {
        super(message);
        this.diverged = diverged;
    }

    public boolean diverged() {
        return diverged;
    }
}
