package org.ewclab.analysis.landscape;

import java.util.List;
import org.ewclab.engine.LandscapeEvaluator;

/**
 * A computed loss landscape, ready to chart: the grid of both tasks' loss and accuracy over the plane, the runs' paths
 * projected onto it, the line slices from θ*A through each run's end, and the Fisher overlaps.
 *
 * @param mode              how the plane was chosen
 * @param planeRuns         the methods whose ends span the plane (RUNS mode) or whose snapshots gave the PCA
 * @param explainedVariance PCA mode: the share of the snapshots' spread about θ*A that the plane holds; NaN otherwise
 * @param gridSeconds       how long the grid took
 */
public record LandscapeView(String taskA, String taskB, LandscapeRequest.Mode mode, List<String> planeRuns,
        double explainedVariance, LandscapeEvaluator.Grid grid, List<RunPath> paths, List<LineSlice> lines,
        List<FisherOverlap> overlaps, String overlapRun, double gridSeconds) {

    public LandscapeView {
        planeRuns = List.copyOf(planeRuns);
        paths = List.copyOf(paths);
        lines = List.copyOf(lines);
        overlaps = List.copyOf(overlaps);
    }

    /** One run's path in the plane: its snapshots' coordinates, the distance of each from the plane, its end's accuracies. */
    public record RunPath(String method, double lambda, long[] steps, Projection projection, double accuracyA,
            double accuracyB) {
    }

    /** Loss and accuracy of both tasks at θ*A + t·(run end − θ*A). */
    public record LineSlice(String method, double[] t, float[] lossA, float[] lossB, float[] accuracyA,
            float[] accuracyB) {
    }

    /**
     * The overlap of two tasks' diagonal Fishers per layer (and over all layers together, named "all"):
     * task {@code first}'s at its own solution, task {@code second}'s where {@link #overlapRun} ended.
     */
    public record FisherOverlap(int first, int second, String firstName, String secondName, List<String> layers,
            double[] overlap) {
        public FisherOverlap {
            layers = List.copyOf(layers);
        }
    }
}
