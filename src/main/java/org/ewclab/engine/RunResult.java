package org.ewclab.engine;

/**
 * The outcome of one run over the later tasks, forked from the first-task checkpoint. {@code accuracy[i][j]} is the
 * test accuracy (0..1) on task j after training task i; row 0 is the checkpoint's, identical for every run forked from
 * it. A diverged or stopped run has rows only up to the task it was training when it ended (that row measured then).
 *
 * @param lambda the λ the run started with; {@code finalLambda} the one in force at its end (they differ if λ moved)
 * @param forgetting mean over the earlier tasks j of (best accuracy on j before the last row − last row's)
 * @param bwt backward transfer: mean over the earlier tasks j of (last row's accuracy on j − R[j][j])
 * @param averageAccuracy mean of the last row
 * @param sweep whether this run came from the preset's λ sweep
 * @param seed the seed of the run (and of the task-A checkpoint it forked from)
 * @param variant the knobs that tell two runs of one method and λ apart ("" if none), e.g. "memory 1000"
 * @param point for a run of a knob sweep (not λ): the knob, its value and the sweep's scale; null otherwise
 * @param replayMemory the samples the engine held in replay's memory while training the last task it trained (summed
 *        over the earlier tasks; what it actually drew, not the preset's number), −1 for the other methods
 */
public record RunResult(String runId, String method, double lambda, double finalLambda, String fisher,
        double[][] accuracy, double averageAccuracy, double forgetting, double bwt, double trainSeconds,
        boolean diverged, boolean stopped, String message, boolean sweep, long seed, String variant,
        KnobPoint point, int replayMemory) {

    public RunResult {
        accuracy = copy(accuracy);
        variant = variant == null ? "" : variant;
    }

    /** A run that is no knob sweep's and holds no replay memory. */
    public RunResult(String runId, String method, double lambda, double finalLambda, String fisher,
            double[][] accuracy, double averageAccuracy, double forgetting, double bwt, double trainSeconds,
            boolean diverged, boolean stopped, String message, boolean sweep, long seed, String variant) {
        this(runId, method, lambda, finalLambda, fisher, accuracy, averageAccuracy, forgetting, bwt, trainSeconds,
                diverged, stopped, message, sweep, seed, variant, null, -1);
    }

    /** The swept knob's name ("" when the run is no knob sweep's). */
    public String knob() {
        return point == null ? "" : point.knob();
    }

    /**
     * A run without knobs to name. {@code variant} (the other constructor) is what tells two runs of one method and λ
     * apart, e.g. "+ distill 0.5" or "memory 1000" ({@link ExperimentPreset.MethodSpec#variant}).
     */
    public RunResult(String runId, String method, double lambda, double finalLambda, String fisher,
            double[][] accuracy, double averageAccuracy, double forgetting, double bwt, double trainSeconds,
            boolean diverged, boolean stopped, String message, boolean sweep) {
        this(runId, method, lambda, finalLambda, fisher, accuracy, averageAccuracy, forgetting, bwt, trainSeconds,
                diverged, stopped, message, sweep, 0L, "");
    }

    /** A run of one method's knobs at seed 0. */
    public RunResult(String runId, String method, double lambda, double finalLambda, String fisher,
            double[][] accuracy, double averageAccuracy, double forgetting, double bwt, double trainSeconds,
            boolean diverged, boolean stopped, String message, boolean sweep, String variant) {
        this(runId, method, lambda, finalLambda, fisher, accuracy, averageAccuracy, forgetting, bwt, trainSeconds,
                diverged, stopped, message, sweep, 0L, variant);
    }

    /** A run of a seed, without knobs to name. */
    public RunResult(String runId, String method, double lambda, double finalLambda, String fisher,
            double[][] accuracy, double averageAccuracy, double forgetting, double bwt, double trainSeconds,
            boolean diverged, boolean stopped, String message, boolean sweep, long seed) {
        this(runId, method, lambda, finalLambda, fisher, accuracy, averageAccuracy, forgetting, bwt, trainSeconds,
                diverged, stopped, message, sweep, seed, "");
    }

    @Override
    public double[][] accuracy() {
        return copy(accuracy);
    }

    /** R[i][j]. */
    public double accuracy(int afterTask, int onTask) {
        return accuracy[afterTask][onTask];
    }

    /** How many rows the matrix has (tasks trained, counting the first). */
    public int rows() {
        return accuracy.length;
    }

    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
