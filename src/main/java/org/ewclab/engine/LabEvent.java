package org.ewclab.engine;

import java.util.List;

/**
 * What the engine tells its listener, on the trainer thread, as immutable records of plain Java data (no NDArray ever
 * leaves the engine). Arrays inside events are fresh copies owned by the event: read them, do not write them.
 *
 * <p>A run is either the first-task phase (run id {@code "first"}, method {@code "first-task"}) or a method's run over
 * the later tasks, forked from the first-task checkpoint (run ids {@code "run-1"}, {@code "run-2"}, …). Steps are global:
 * the first task's steps are 0..n₀−1 and a forked run continues from n₀, so every run's curves share one x axis.
 */
public sealed interface LabEvent {

    /** The run this event belongs to. */
    String runId();

    /** Quantile levels of {@link LayerFisher#quantiles()}. */
    double[] QUANTILE_LEVELS = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99};

    /**
     * A run began. {@code colourKey} is the method name (plain, l2, ewc, online-ewc) or "first-task" (grey);
     * {@code firstTask} is the index of the first task this run trains; {@code stepOffset} its first global step.
     */
    record RunStarted(String runId, String method, double lambda, String colourKey, int firstTask,
            List<String> taskNames, long stepOffset, long totalSteps, String device, String threads, String variant)
            implements LabEvent {
        public RunStarted {
            taskNames = List.copyOf(taskNames);
            variant = variant == null ? "" : variant;
        }

        /** A run without knobs to name ({@code variant} ""). */
        public RunStarted(String runId, String method, double lambda, String colourKey, int firstTask,
                List<String> taskNames, long stepOffset, long totalSteps, String device, String threads) {
            this(runId, method, lambda, colourKey, firstTask, taskNames, stepOffset, totalSteps, device, threads, "");
        }
    }

    /** Training on task {@code task} begins at global step {@code step}: a task boundary on the charts. */
    record TaskStarted(String runId, int task, String taskName, long step) implements LabEvent {
    }

    /**
     * Loss parts at one step (published every step): the cross-entropy and the penalty term actually added to it
     * ({@code (λ/2)·Σ F·(θ−θ*)²}, already scaled by λ, plus a method's own extra term such as LwF's distillation), and
     * the λ in force. The penalty's value is computed every {@link RunControl#penaltyEvery()} steps only (its gradient
     * every step): on the other steps of a run with a penalty it is NaN, "not computed" — never a value of zero. A run
     * without any penalty or extra term publishes 0.
     */
    record StepMetrics(String runId, int task, long step, double crossEntropy, double penalty, double lambda)
            implements LabEvent {
    }

    /** Accuracy on each task's held-out evaluation subset at one step: the forgetting curve. */
    record AccuracyPoint(String runId, int task, long step, float[] accuracy) implements LabEvent {
    }

    /** Per-layer Euclidean distance ‖θ−θ*_A‖ from the first task's solution (trainable parameters only). */
    record Drift(String runId, long step, List<String> layers, double[] drift) implements LabEvent {
        public Drift {
            layers = List.copyOf(layers);
        }
    }

    /** λ was changed while the run trained; the step {@code step} is the first to use it. */
    record LambdaChanged(String runId, long step, double oldLambda, double newLambda) implements LabEvent {
    }

    /** Task {@code task} finished: {@code accuracyRow[j]} is the test accuracy on task j (the row R[task]). */
    record TaskFinished(String runId, int task, long step, double[] accuracyRow, double seconds)
            implements LabEvent {
    }

    /**
     * The diagonal Fisher of task {@code task}, estimated after it (variant e.g. "argmax/batch"). {@code layers} hold
     * summaries and the full values; {@code inputImportance} is the first layer's Fisher summed per input (e.g. 784 =
     * 28×28 pixels, row-major) for the importance image, or null for a model whose first layer is not per-input.
     */
    record FisherComputed(String runId, int task, String variant, List<LayerFisher> layers, float[] inputImportance,
            int inputHeight, int inputWidth, int samples, double seconds, List<ImportanceMeasure> others)
            implements LabEvent {
        public FisherComputed {
            layers = List.copyOf(layers);
            others = others == null ? List.of() : List.copyOf(others);
        }

        /** Without other importance measures (a later task's Fisher, or a test). */
        public FisherComputed(String runId, int task, String variant, List<LayerFisher> layers,
                float[] inputImportance, int inputHeight, int inputWidth, int samples, double seconds) {
            this(runId, task, variant, layers, inputImportance, inputHeight, inputWidth, samples, seconds, List.of());
        }

        /** The other measure of that name ({@link ImportanceMeasure#SI}, {@link ImportanceMeasure#MAS}), or null. */
        public ImportanceMeasure other(String measure) {
            for (ImportanceMeasure m : others) {
                if (m.measure().equals(measure)) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * Another importance of the same task and the same parameters as the Fisher it travels with (task A only): SI's Ω
     * from the path integral of task A's training (ξ as the lesson's SI run, else 0.1), or MAS's mean |∂‖f(x)‖²/∂θ|
     * over the Fisher's samples — exactly what an SI or MAS run forked from this checkpoint penalises. Layers as in
     * {@link LayerFisher} (summaries and values); {@code inputImportance} summed per input pixel like the Fisher's;
     * {@code seconds} the time it took to compute.
     */
    record ImportanceMeasure(String measure, List<LayerFisher> layers, float[] inputImportance, double seconds) {
        public static final String FISHER = "fisher";
        public static final String SI = "si";
        public static final String MAS = "mas";

        public ImportanceMeasure {
            layers = List.copyOf(layers);
        }
    }

    /** One parameter tensor's Fisher: name (e.g. "fc1.weight"), shape, summary and the values (row-major). */
    record LayerFisher(String name, int[] shape, double sum, double max, double mean, double[] quantiles,
            float[] values) {
    }

    /**
     * For the drift-density chart: per trainable layer the flat {@code θ − θ*_A} and the matching first-task Fisher.
     * Published at the end of each task and when {@link RunControl#requestSnapshot()} asks.
     */
    record ParameterSnapshot(String runId, int task, long step, List<LayerDelta> layers) implements LabEvent {
        public ParameterSnapshot {
            layers = List.copyOf(layers);
        }
    }

    /** One layer of a {@link ParameterSnapshot}. */
    record LayerDelta(String name, float[] delta, float[] fisherA) {
    }

    /**
     * For a lesson whose inputs are 2-D points: the class the network predicts (argmax of task {@code task}'s head, eval
     * mode) at the centre of each cell of a {@code columns × rows} grid over [xLo, xHi] × [yLo, yHi] (every task's data,
     * padded by 10%), row-major with row 0 at the bottom (smallest y); and every task's test points to draw over it.
     * Published at the end of each task a run finishes (not for a diverged one).
     */
    record DecisionRegions(String runId, int task, long step, double xLo, double xHi, double yLo, double yHi,
            int columns, int rows, int classes, int[] predicted, List<TaskPoints> points) implements LabEvent {
        public DecisionRegions {
            if (predicted.length != columns * rows) {
                throw new IllegalArgumentException(columns + "×" + rows + " grid needs " + columns * rows
                        + " predictions, got " + predicted.length);
            }
            points = List.copyOf(points);
        }

        /** The predicted class of the cell in {@code row} (0 = bottom) and {@code column} (0 = left). */
        public int classAt(int row, int column) {
            return predicted[row * columns + column];
        }

        /** The centre of cell {@code column} along x. */
        public double cellX(int column) {
            return xLo + (column + 0.5) * (xHi - xLo) / columns;
        }

        /** The centre of cell {@code row} along y. */
        public double cellY(int row) {
            return yLo + (row + 0.5) * (yHi - yLo) / rows;
        }
    }

    /** One task's test points of a 2-D lesson: coordinates and labels (as the network's outputs number them). */
    record TaskPoints(String taskName, float[] x, float[] y, int[] labels) {
    }

    /** Progress of a run: steps done of total, and the estimated seconds left. */
    record Progress(String runId, long done, long total, double etaSeconds, double stepsPerSecond)
            implements LabEvent {
    }

    /**
     * The run diverged and stopped (the other runs go on); {@code message} says what to do, e.g. "EWC diverged at step
     * 212: lr·λ·max F = 37, far above 1; lower λ or the learning rate". A {@link RunFinished} with
     * {@code diverged = true} follows.
     */
    record RunDiverged(String runId, long step, String message) implements LabEvent {
    }

    /** The run ended (normally, stopped, or diverged): its result. */
    record RunFinished(String runId, RunResult result) implements LabEvent {
    }

    /** The run failed for a reason other than divergence (a bug, bad data); no result. */
    record RunFailed(String runId, String message) implements LabEvent {
    }

    /**
     * A run's parameter snapshots during the later tasks (deltas from θ*A, every few steps), published once at its
     * end, before {@link RunFinished}: the loss landscape's paths. Sweep runs do not record one.
     */
    record TrajectoryRecorded(String runId, Trajectory trajectory) implements LabEvent {
    }
}
