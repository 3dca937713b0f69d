package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records a run's {@link Trajectory}: snapshots every {@code stride} steps, the stride chosen from the run's length so
 * that at most {@link Trajectory#MAX_SNAPSHOTS} are kept (the start, every stride, and the end).
 */
final class TrajectoryRecorder {
    private final List<String> names = new ArrayList<>();
    private final int[] sizes;
    private final float[] origin;
    private final long stride;
    private final List<float[]> deltas = new ArrayList<>();
    private final List<Long> steps = new ArrayList<>();
    private long lastStep = Long.MIN_VALUE;

    /**
     * @param anchor the checkpoint's values (θ*A), looked up by each trainable parameter's name
     * @param totalSteps how many steps the run will take
     */
    TrajectoryRecorder(Network net, NamedTensors anchor, long totalSteps) {
        Map<String, NDArray> params = net.parameters();
        sizes = new int[params.size()];
        int n = 0;
        int i = 0;
        for (String name : params.keySet()) {
            names.add(name);
            sizes[i] = anchor.get(name).length;
            n += sizes[i++];
        }
        origin = new float[n];
        int off = 0;
        for (String name : names) {
            float[] v = anchor.get(name);
            System.arraycopy(v, 0, origin, off, v.length);
            off += v.length;
        }
        stride = strideFor(totalSteps);
    }

    /** Steps between snapshots: the run's start, every stride and its end make at most MAX_SNAPSHOTS. */
    static long strideFor(long totalSteps) {
        return Math.max(1, (totalSteps + Trajectory.MAX_SNAPSHOTS - 3) / (Trajectory.MAX_SNAPSHOTS - 2));
    }

    long stride() {
        return stride;
    }

    /** Records a snapshot if {@code done} (steps of this run so far) is a multiple of the stride. */
    void maybeRecord(Network net, long done, long globalStep) {
        if (done % stride == 0) {
            record(net, globalStep);
        }
    }

    void record(Network net, long globalStep) {
        if (globalStep == lastStep) {
            return;
        }
        lastStep = globalStep;
        float[] d = new float[origin.length];
        int off = 0;
        for (String name : names) {
            float[] v = net.parameter(name).toFloatArray();
            for (int k = 0; k < v.length; k++) {
                d[off + k] = v[k] - origin[off + k];
            }
            off += v.length;
        }
        deltas.add(d);
        steps.add(globalStep);
    }

    Trajectory finish(Network net, long globalStep, String runId, String method, double lambda, String bnStats,
            double[] lastRow) {
        record(net, globalStep);
        long[] s = new long[steps.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = steps.get(i);
        }
        return new Trajectory(runId, method, lambda, names, sizes.clone(), stride, s, deltas, bnStats,
                lastRow.clone());
    }
}
