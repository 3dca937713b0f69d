package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The landscape grid against the engine's own forward pass: the affine first layer and the batched later layers must
 * give the network's loss and accuracy at θ*A and at any point of the plane.
 */
class LandscapeEvaluatorTest {
    private static ExperimentSession session;
    private static TaskCheckpoint cp;
    private static Trajectory plain;
    private static long runSteps;

    @BeforeAll
    static void train() {
        // two hidden layers with BatchNorm: the grid must handle the batched second layer and BN's eval mode
        ExperimentPreset preset = new ExperimentPreset("landscape", null, null, 7L,
                List.of(TaskSpec.bundled("a", "mnist"), TaskSpec.bundled("b", "mnist")),
                new ModelSpec("mlp", List.of(16, 12), "relu", true, false, null),
                new OptimizerSpec("adam", 0.01, null, false),
                new TrainingSpec(2, 20, 10, 100, "frozen", 1),
                new FisherSpec("empirical", "per-sample", 100, null, null, null),
                List.of(MethodSpec.of("plain", 0)), null, null).validated();
        session = ExperimentSession.open(preset, Synthetic.tasks());
        cp = session.trainFirstTask(new RunControl(), null);
        List<Trajectory> got = new ArrayList<>();
        session.runFrom(cp, MethodSpec.of("plain", 0), new RunControl(), e -> {
            if (e instanceof LabEvent.TrajectoryRecorded t) {
                got.add(t.trajectory());
            }
        });
        plain = got.get(0);
        runSteps = 2 * 20; // 2 epochs × 400/20 batches
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void trajectoryStartsAtTheCheckpointAndKeepsAtMost128Snapshots() {
        assertEquals(1, plain.stride(), "40 steps fit in 128 snapshots at stride 1");
        assertEquals(runSteps + 1, plain.size(), "start, every step");
        assertEquals(cp.step(), plain.steps()[0]);
        assertEquals(cp.step() + runSteps, plain.steps()[plain.size() - 1]);
        for (float v : plain.deltas().get(0)) {
            assertEquals(0f, v);
        }
        assertTrue(norm(plain.end()) > 0.1, "plain training moved the parameters");
        assertEquals(4L * plain.parameterCount() * plain.size(), plain.bytes());
        assertEquals(LandscapeEvaluator.of(session, cp).parameterCount(), plain.parameterCount());
        // long runs: the stride keeps the count at or below 128
        for (long steps : new long[] {1, 126, 127, 480, 1000, 12_345}) {
            long s = TrajectoryRecorder.strideFor(steps);
            long count = steps / s + 1 + (steps % s == 0 ? 0 : 1);
            assertTrue(count <= Trajectory.MAX_SNAPSHOTS, steps + " steps at stride " + s + " give " + count);
        }
    }

    @Test
    void gridAtTheCheckpointIsTheEnginesOwnLossAndAccuracy() {
        LandscapeEvaluator ev = LandscapeEvaluator.of(session, cp);
        int p = ev.parameterCount();
        float[] e1 = plain.end();
        float[] e2 = randomDirection(p, 3);
        double[] us = {-0.5, 0, 0.5, 1};
        double[] vs = {-0.3, 0, 0.4};
        LandscapeEvaluator.Grid g = ev.evaluate(e1, e2, us, vs, new int[] {0, 1}, 150, 1, null, null);
        assertEquals(150, g.samples());
        for (int k = 0; k < 2; k++) {
            for (int[] ij : new int[][] {{1, 1}, {3, 1}, {0, 0}, {2, 2}}) {
                double u = us[ij[0]];
                double v = vs[ij[1]];
                double[] direct = forward(ev, k, u, v, e1, e2, 150);
                assertEquals(direct[0], g.loss(k, ij[0], ij[1]), 2e-4 * Math.max(1, direct[0]),
                        "loss of task " + k + " at u=" + u + ", v=" + v);
                assertEquals(direct[1], g.accuracy(k, ij[0], ij[1]), 1e-6,
                        "accuracy of task " + k + " at u=" + u + ", v=" + v);
            }
        }
        // the two tasks' losses tell the story: at θ*A task A is learnt, at the run's end task B is
        assertTrue(g.loss(0, 1, 1) < g.loss(1, 1, 1));
        assertTrue(g.loss(1, 3, 1) < g.loss(1, 1, 1));
        assertEquals("frozen", g.batchNorm());
    }

    @Test
    void twoLanesGiveTheSameGridAsOne() {
        LandscapeEvaluator ev = LandscapeEvaluator.of(session, cp);
        float[] e2 = randomDirection(ev.parameterCount(), 9);
        double[] us = {-0.5, 0, 0.5, 1, 1.5};
        double[] vs = {-0.3, 0, 0.2, 0.4, 0.8};
        LandscapeEvaluator.Grid one = ev.evaluate(plain.end(), e2, us, vs, new int[] {0, 1}, 120, 1, null, null);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        LandscapeEvaluator.Grid two = ev.evaluate(plain.end(), e2, us, vs, new int[] {0, 1}, 120, 2,
                (done, total) -> calls.incrementAndGet(), null);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < one.loss()[k].length; i++) {
                assertEquals(one.loss()[k][i], two.loss()[k][i], 1e-5 * Math.max(1, one.loss()[k][i]));
                assertEquals(one.accuracy()[k][i], two.accuracy()[k][i], 1e-6);
            }
        }
        assertEquals(2 * vs.length, calls.get(), "one progress report per grid row and task");
    }

    @Test
    void lineIsTheGridsRowAtVZero() {
        LandscapeEvaluator ev = LandscapeEvaluator.of(session, cp);
        double[] ts = {0, 0.25, 1, 1.25};
        LandscapeEvaluator.Grid line = ev.line(plain.end(), ts, new int[] {0}, 100, 1, null, null);
        double[] direct = forward(ev, 0, 1.25, 0, plain.end(), new float[plain.end().length], 100);
        assertEquals(direct[0], line.loss(0, 3, 0), 2e-4 * Math.max(1, direct[0]));
    }

    @Test
    void progressReportsEveryRowAndStopEndsTheGrid() {
        LandscapeEvaluator ev = LandscapeEvaluator.of(session, cp);
        List<int[]> seen = new ArrayList<>();
        double[] us = {0, 1, 2};
        double[] vs = {0, 1};
        ev.evaluate(plain.end(), randomDirection(ev.parameterCount(), 5), us, vs, new int[] {0, 1}, 50, 1,
                (done, total) -> seen.add(new int[] {done, total}), null);
        assertEquals(4, seen.size());
        assertArrayEquals(new int[] {12, 12}, seen.get(3));
        int[] calls = {0};
        assertThrows(CancellationException.class, () -> ev.evaluate(plain.end(), plain.end(), us, vs,
                new int[] {0}, 50, 1, null, () -> ++calls[0] > 1));
    }

    @Test
    void fisherAtTheCheckpointMatchesTheCheckpointsFisher() {
        LandscapeEvaluator ev = LandscapeEvaluator.of(session, cp);
        var atA = ev.fisherAt(0, new float[ev.parameterCount()], new RunControl());
        var stored = ev.checkpointFisher(0);
        assertEquals(stored.keySet(), atA.keySet());
        for (String name : stored.keySet()) {
            float[] a = stored.get(name);
            float[] b = atA.get(name);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5 * Math.max(1e-3, Math.abs(a[i])), name + "[" + i + "]");
            }
        }
    }

    /** Loss and accuracy through {@link Network#forward} (eval mode) at θ*A + u·e1 + v·e2, on the grid's samples. */
    private static double[] forward(LandscapeEvaluator ev, int task, double u, double v, float[] e1, float[] e2,
            int samples) {
        NamedTensors model = cp.model();
        NamedTensors.Builder b = new NamedTensors.Builder();
        List<String> names = ev.parameterNames();
        int[] sizes = ev.parameterSizes();
        int off = 0;
        java.util.Map<String, Integer> offsets = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            offsets.put(names.get(i), off);
            off += sizes[i];
        }
        for (String name : model.names()) {
            float[] x = model.get(name).clone();
            Integer o = offsets.get(name);
            if (o != null) {
                for (int i = 0; i < x.length; i++) {
                    x[i] += (float) (u * e1[o + i] + v * e2[o + i]);
                }
            }
            b.put(name, model.shape(name), x);
        }
        TaskArrays data = session.arrays().get(task);
        int[] rows = ev.sampleRows(data, task, samples);
        int d = data.features();
        float[] x = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.testX(), rows[i] * d, x, i * d, d);
        }
        try (NDManager m = NDManager.newBaseManager();
                Network net = new Network(m, session.preset().model(), d, 1, d, new int[] {4, 4}, 7L, b.build())) {
            NDArray xs = Tensors.upload(m, x, new Shape(rows.length, d));
            float[] logits = net.forward(xs, net.head(task), false).toFloatArray();
            int c = net.classes(task);
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < rows.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int k = 0; k < c; k++) {
                    if (logits[i * c + k] > max) {
                        max = logits[i * c + k];
                        best = k;
                    }
                }
                double z = 0;
                for (int k = 0; k < c; k++) {
                    z += Math.exp(logits[i * c + k] - max);
                }
                int y = data.testY()[rows[i]];
                loss += -(logits[i * c + y] - max - Math.log(z));
                correct += best == y ? 1 : 0;
            }
            return new double[] {loss / rows.length, (double) correct / rows.length};
        }
    }

    private static float[] randomDirection(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (r.nextGaussian() * 0.05);
        }
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
