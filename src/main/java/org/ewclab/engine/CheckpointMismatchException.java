package org.ewclab.engine;

/**
 * A checkpoint that is not this lesson's: another model or another task A. The message says what differs in words
 * (e.g. "the checkpoint's task A is 'mnist' (8000 training samples, hash 3fa2c1d0) but this lesson's task A is
 * 'mnist·perm1' (…)"); {@link #comparison()} has every difference.
 */
public final class CheckpointMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient CheckpointComparison comparison;

    public CheckpointMismatchException(String message, CheckpointComparison comparison) {
        super(message);
        this.comparison = comparison;
    }

    public CheckpointComparison comparison() {
        return comparison;
    }
}
