package org.ewclab.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision regions of a network on 2-D inputs: its predicted class on a grid over the lesson's data, so a toy
 * lesson can show the boundary that task B bends. Only for tasks with exactly two input features.
 */
final class RegionGrid {
    /** Cells per side: fine enough for a smooth boundary in a card, small enough for a CSV a student opens. */
    static final int SIZE = 80;
    /** Padding around the data, as a fraction of its extent on each axis. */
    static final double PAD = 0.1;

    private RegionGrid() {
    }

    /** Whether every task's inputs are 2-D points (not images), so regions can be drawn. */
    static boolean applies(List<TaskArrays> tasks) {
        for (TaskArrays t : tasks) {
            if (t.features() != 2 || t.height() != 1) {
                return false;
            }
        }
        return !tasks.isEmpty();
    }

    /** The network's predicted class on the grid, with task {@code task}'s head, as an event of run {@code runId}. */
    static LabEvent.DecisionRegions of(String runId, int task, long step, Network net, List<TaskArrays> tasks,
            NDManager root) {
        double[] r = range(tasks);
        int n = SIZE * SIZE;
        float[] xy = new float[2 * n];
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE; col++) {
                int i = row * SIZE + col;
                xy[2 * i] = (float) (r[0] + (col + 0.5) * (r[1] - r[0]) / SIZE);
                xy[2 * i + 1] = (float) (r[2] + (row + 0.5) * (r[3] - r[2]) / SIZE);
            }
        }
        int head = net.head(task);
        int classes = net.classes(task);
        int[] predicted = new int[n];
        // a sub-manager of its own: the grid, the logits and every intermediate go when it closes
        try (NDManager m = root.newSubManager()) {
            float[] logits = net.forward(Tensors.upload(m, xy, new Shape(n, 2)), head, false).toFloatArray();
            for (int i = 0; i < n; i++) {
                predicted[i] = argmax(logits, i * classes, classes);
            }
        }
        List<LabEvent.TaskPoints> points = new ArrayList<>();
        for (TaskArrays t : tasks) {
            int k = t.testSize();
            float[] x = new float[k];
            float[] y = new float[k];
            for (int i = 0; i < k; i++) {
                x[i] = t.testX()[2 * i];
                y[i] = t.testX()[2 * i + 1];
            }
            points.add(new LabEvent.TaskPoints(t.name(), x, y, t.testY().clone()));
        }
        return new LabEvent.DecisionRegions(runId, task, step, r[0], r[1], r[2], r[3], SIZE, SIZE, classes,
                predicted, points);
    }

    /** The first index of the largest of {@code count} values from {@code from}: the predicted class. */
    static int argmax(float[] v, int from, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (v[from + c] > v[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /** [xLo, xHi, yLo, yHi] over every task's training and test points, padded by {@link #PAD}. */
    static double[] range(List<TaskArrays> tasks) {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (TaskArrays t : tasks) {
            include(r, t.trainX());
            include(r, t.testX());
        }
        if (!(r[1] >= r[0])) {
            r = new double[] {-1, 1, -1, 1};
        }
        for (int a = 0; a < 4; a += 2) {
            double span = r[a + 1] - r[a];
            double pad = span > 0 ? span * PAD : 1;
            r[a] -= pad;
            r[a + 1] += pad;
        }
        return r;
    }

    private static void include(double[] r, float[] xy) {
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (Float.isFinite(xy[i]) && Float.isFinite(xy[i + 1])) {
                r[0] = Math.min(r[0], xy[i]);
                r[1] = Math.max(r[1], xy[i]);
                r[2] = Math.min(r[2], xy[i + 1]);
                r[3] = Math.max(r[3], xy[i + 1]);
            }
        }
    }
}
