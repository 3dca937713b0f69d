package org.ewclab.engine;

import java.util.List;

/**
 * A run's path through parameter space while it trained the later tasks: snapshots of every trainable parameter,
 * flattened in network order ({@link #names()}/{@link #sizes()}), as deltas θ − θ*A from the first-task checkpoint.
 * Recorded every {@link #stride()} steps, at most {@link #MAX_SNAPSHOTS} per run (the first is the checkpoint itself,
 * all zeros; the last is the run's end), so one run holds at most {@code 128 × 4 × parameters} bytes: for the default
 * lesson's MLP 784-100-100-10 with BatchNorm (90,010 parameters, 480 steps of task B: 121 snapshots every 4 steps)
 * 43.6 MB per run.
 *
 * <p>The arrays are the record's own and are never written after it is published: read them, do not modify them.
 *
 * @param steps          the global step of each snapshot
 * @param batchNormStats the run's BatchNorm statistics mode ("frozen" or "updated"), "" for a model without BatchNorm
 * @param accuracyRow    the run's last accuracy row (test accuracy on each task at its end)
 */
public record Trajectory(String runId, String method, double lambda, List<String> names, int[] sizes, long stride,
        long[] steps, List<float[]> deltas, String batchNormStats, double[] accuracyRow) {
    /** The most snapshots one run keeps. */
    public static final int MAX_SNAPSHOTS = 128;

    public Trajectory {
        names = List.copyOf(names);
        deltas = List.copyOf(deltas);
        if (steps.length != deltas.size()) {
            throw new IllegalArgumentException(steps.length + " steps for " + deltas.size() + " snapshots");
        }
    }

    /** How many numbers each snapshot has. */
    public int parameterCount() {
        int n = 0;
        for (int s : sizes) {
            n += s;
        }
        return n;
    }

    public int size() {
        return deltas.size();
    }

    /** θ − θ*A at the run's end. */
    public float[] end() {
        return deltas.get(deltas.size() - 1);
    }

    /** The memory the snapshots take, in bytes. */
    public long bytes() {
        return 4L * parameterCount() * deltas.size();
    }
}
