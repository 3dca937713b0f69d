package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.junit.jupiter.api.Test;

/**
 * Runs of three tasks, multi-head training, BatchNorm in task B and the optimizer's reset, checked against hand
 * arithmetic on what the run published (Fishers, snapshots, penalties) or against an independent route.
 */
class MultiTaskTest {
    private static final double GAMMA = 0.5;

    private static List<TaskData> threeTasks() {
        return List.of(TestData.blobs("a", Synthetic.D, 4, 400, 200, 11, 1.0),
                TestData.blobs("b", Synthetic.D, 4, 400, 200, 22, 1.0),
                TestData.blobs("c", Synthetic.D, 4, 400, 200, 44, 1.0));
    }

    private static ExperimentPreset threeTaskPreset() {
        return Synthetic.preset(MethodSpec.of("ewc", 100))
                .withTasks(List.of(TaskSpec.bundled("a", "mnist"), TaskSpec.bundled("b", "mnist"),
                        TaskSpec.bundled("c", "mnist")))
                .withTraining(new TrainingSpec(1, 20, 10, 100, "frozen", 1))
                .withFisher(new FisherSpec("empirical", "per-sample", 200, null, null, GAMMA)).validated();
    }

    /** What one run published: the Fishers per task, the end-of-task and requested snapshots, the penalties. */
    private static final class Record {
        final Map<Integer, Map<String, float[]>> fisher = new HashMap<>();
        final Map<String, LabEvent.ParameterSnapshot> snapshots = new HashMap<>();
        final Map<Long, Double> penalty = new HashMap<>();
        long firstStepOfTaskC = -1;

        void take(LabEvent e, RunControl control) {
            if (e instanceof LabEvent.FisherComputed f) {
                Map<String, float[]> m = new HashMap<>();
                for (LabEvent.LayerFisher l : f.layers()) {
                    m.put(l.name(), l.values());
                }
                fisher.put(f.task(), m);
            } else if (e instanceof LabEvent.TaskStarted t && t.task() == 2) {
                firstStepOfTaskC = t.step();
            } else if (e instanceof LabEvent.StepMetrics s) {
                penalty.put(s.step(), s.penalty());
                if (s.step() == firstStepOfTaskC) {
                    // the next step publishes θ before its update: the θ its penalty is computed at
                    control.requestSnapshot();
                }
            } else if (e instanceof LabEvent.ParameterSnapshot p) {
                snapshots.put(p.task() + "@" + p.step(), p);
            }
        }

        LabEvent.ParameterSnapshot endOf(int task) {
            return snapshots.values().stream().filter(p -> p.task() == task && p.step() != firstStepOfTaskC + 1)
                    .findFirst().orElseThrow();
        }

        LabEvent.ParameterSnapshot requested() {
            return snapshots.get("2@" + (firstStepOfTaskC + 1));
        }
    }

    /** θ = θ*A + delta for every layer of a snapshot. */
    private static Map<String, double[]> theta(TaskCheckpoint cp, LabEvent.ParameterSnapshot s) {
        Map<String, double[]> out = new HashMap<>();
        for (LabEvent.LayerDelta l : s.layers()) {
            float[] star = TestAccess.anchor(cp, 0).get(l.name());
            double[] t = new double[star.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (double) star[i] + l.delta()[i];
            }
            out.put(l.name(), t);
        }
        return out;
    }

    private Record run(String method, TaskCheckpoint[] cpOut) {
        ExperimentPreset preset = threeTaskPreset();
        Record rec = new Record();
        try (ExperimentSession s = ExperimentSession.open(preset, threeTasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> rec.take(e, null));
            cpOut[0] = cp;
            RunControl control = new RunControl();
            control.setPenaltyEvery(1); // the value at one particular step is checked by hand
            RunResult r = s.runFrom(cp, MethodSpec.of(method, 100), control, e -> rec.take(e, control));
            assertEquals(3, r.rows(), "three rows: after A, B and C");
            assertFalse(r.diverged());
        }
        return rec;
    }

    @Test
    void threeTasksGiveEwcOneTermPerEarlierTaskWithTaskBsFisherEstimatedDuringTheRun() {
        TaskCheckpoint[] cp = new TaskCheckpoint[1];
        Record rec = run("ewc", cp);
        assertTrue(rec.fisher.containsKey(0) && rec.fisher.containsKey(1), "task B's Fisher was published");
        Map<String, double[]> starB = theta(cp[0], rec.endOf(1));
        Map<String, double[]> now = theta(cp[0], rec.requested());
        // (λ/2)·[Σ F_A (θ − θ*A)² + Σ F_B (θ − θ*B)²], by hand in double
        double p = 0;
        for (String name : now.keySet()) {
            double[] th = now.get(name);
            float[] starA = TestAccess.anchor(cp[0], 0).get(name);
            float[] fa = rec.fisher.get(0).get(name);
            float[] fb = rec.fisher.get(1).get(name);
            for (int i = 0; i < th.length; i++) {
                p += fa[i] * Math.pow(th[i] - starA[i], 2) + fb[i] * Math.pow(th[i] - starB.get(name)[i], 2);
            }
        }
        double expected = 100 / 2.0 * p;
        double published = rec.penalty.get(rec.firstStepOfTaskC + 1);
        assertTrue(expected > 0);
        assertEquals(expected, published, 1e-4 * expected, "two EWC terms");

        // task B's Fisher is the estimator's on task B's data at θ*B (the independent reconstruction of that network)
        ExperimentPreset preset = threeTaskPreset();
        TaskArrays b = TaskArrays.of(threeTasks().get(1));
        try (NDManager m = NDManager.newBaseManager()) {
            NamedTensors.Builder state = new NamedTensors.Builder();
            for (String name : starB.keySet()) {
                double[] v = starB.get(name);
                float[] f = new float[v.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) v[i];
                }
                state.put(name, TestAccess.anchor(cp[0], 0).shape(name), f);
            }
            Network net = new Network(m, preset.model(), b.features(), b.height(), b.width(), new int[] {4, 4, 4},
                    preset.seed(), state.build());
            NamedTensors fb = new FisherEstimator(preset.fisher(), preset.seed()).estimate(net, b,
                    Runner.fisherRows(b, 1, preset.fisher().samples(), preset.seed()), 1, net.activeParameters(1), m,
                    null);
            for (String name : fb.names()) {
                float[] mine = fb.get(name);
                float[] theirs = rec.fisher.get(1).get(name);
                for (int i = 0; i < mine.length; i++) {
                    assertEquals(mine[i], theirs[i], 1e-6 * Math.abs(mine[i]) + 1e-12, name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void onlineEwcMergesTheFishersIntoOneTermAnchoredAtTheLatestSolution() {
        TaskCheckpoint[] cp = new TaskCheckpoint[1];
        Record rec = run("online-ewc", cp);
        Map<String, double[]> starB = theta(cp[0], rec.endOf(1));
        Map<String, double[]> now = theta(cp[0], rec.requested());
        // one term: (λ/2)·Σ (γ·F_A + F_B)·(θ − θ*B)², γ = 0.5
        double p = 0;
        double twoTerms = 0;
        for (String name : now.keySet()) {
            double[] th = now.get(name);
            float[] fa = rec.fisher.get(0).get(name);
            float[] fb = rec.fisher.get(1).get(name);
            float[] starA = TestAccess.anchor(cp[0], 0).get(name);
            for (int i = 0; i < th.length; i++) {
                double d2 = Math.pow(th[i] - starB.get(name)[i], 2);
                p += (GAMMA * fa[i] + fb[i]) * d2;
                twoTerms += fa[i] * Math.pow(th[i] - starA[i], 2) + fb[i] * d2;
            }
        }
        double expected = 100 / 2.0 * p;
        double published = rec.penalty.get(rec.firstStepOfTaskC + 1);
        assertEquals(expected, published, 1e-4 * expected, "F ← γF + F_new, anchored at θ*B");
        assertTrue(Math.abs(100 / 2.0 * twoTerms - published) > 1e-2 * published, "not EWC's two terms");
    }

    @Test
    void multiHeadTrainingLeavesTaskAsHeadUntouchedAndLearnsTaskBOnItsOwnHead() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 100))
                .withModel(new ModelSpec("mlp", List.of(32), "relu", false, true, null)).validated();
        List<TaskData> tasks = List.of(TestData.blobs("a", Synthetic.D, 4, 400, 200, 11, 1.0),
                TestData.blobs("b", Synthetic.D, 2, 400, 200, 22, 1.0));
        List<LabEvent> events = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), events::add);
            assertTrue(cp.parameterNames().containsAll(List.of("head1.weight", "head2.weight")));
            LabEvent.FisherComputed fa = (LabEvent.FisherComputed) events.stream()
                    .filter(e -> e instanceof LabEvent.FisherComputed).findFirst().orElseThrow();
            assertEquals(List.of("fc1.weight", "fc1.bias", "head1.weight", "head1.bias"),
                    fa.layers().stream().map(LabEvent.LayerFisher::name).toList(), "task A's Fisher: trunk + head1");
            RunResult r = s.runFrom(cp, MethodSpec.of("plain", 0), new RunControl(), events::add);
            assertTrue(r.accuracy(1, 1) > 0.9, "task B learned on its 2-class head: " + r.accuracy(1, 1));
            LabEvent.ParameterSnapshot end = events.stream().filter(e -> e instanceof LabEvent.ParameterSnapshot p
                    && p.task() == 1).map(e -> (LabEvent.ParameterSnapshot) e).reduce((x, y) -> y).orElseThrow();
            for (LabEvent.LayerDelta l : end.layers()) {
                boolean moved = false;
                for (float d : l.delta()) {
                    moved |= d != 0;
                }
                if (l.name().startsWith("head1")) {
                    assertFalse(moved, l.name() + " is not in task B's graph");
                } else {
                    assertTrue(moved, l.name() + " is trained in B");
                }
            }
            // task A is still read through head1: its accuracy after B is measured and the row has both tasks
            assertEquals(2, r.accuracy()[1].length);
            assertTrue(r.accuracy(1, 0) > 0.25, "head1 still separates A better than chance after B");
        }
    }

    @Test
    void frozenBatchNormKeepsTaskAsStatisticsBitForBitAndUpdatedMovesThem() {
        ExperimentPreset frozen = Synthetic.preset(MethodSpec.of("plain", 0))
                .withModel(new ModelSpec("mlp", List.of(32), "relu", true, false, null)).validated();
        ExperimentPreset updated = frozen.withTraining(new TrainingSpec(3, 20, 10, 100, "updated", 1)).validated();
        TaskCheckpoint cp;
        try (ExperimentSession s = ExperimentSession.open(frozen, Synthetic.tasks())) {
            cp = s.trainFirstTask(new RunControl(), e -> { });
        }
        NamedTensors afterFrozen = runB(frozen, cp);
        NamedTensors afterUpdated = runB(updated, cp);
        for (String stat : List.of("bn1.running_mean", "bn1.running_var")) {
            assertArrayEquals(cp.parameter(stat), afterFrozen.get(stat), "frozen: " + stat + " bit-identical");
            assertFalse(Arrays.equals(cp.parameter(stat), afterUpdated.get(stat)), "updated: " + stat + " moves");
        }
        // γ and β are weights: they train in both modes
        assertFalse(Arrays.equals(cp.parameter("bn1.weight"), afterFrozen.get("bn1.weight")));
    }

    private static NamedTensors runB(ExperimentPreset preset, TaskCheckpoint cp) {
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            s.useCheckpoint(cp);
            Runner runner = new Runner(preset, Runner.arrays(Synthetic.tasks()), new RunControl(), e -> { });
            runner.runFrom(cp, MethodSpec.of("plain", 0), false, "run-1");
            return runner.lastModel;
        }
    }

    @Test
    void resetBetweenTasksStartsTaskBWithAFreshAdamWhoseFirstStepIsLrPerWeight() {
        double lr = 0.01;
        double[] fresh = firstStepOfB(true);
        double[] continued = firstStepOfB(false);
        // a fresh Adam's first step is lr·g/(|g| + ε'): lr in size for every weight with a gradient
        assertTrue(share(fresh, lr) > 0.9, "fresh Adam: " + share(fresh, lr));
        // continuing task A's moments, the step sizes spread out
        assertTrue(share(continued, lr) < 0.2, "continued Adam: " + share(continued, lr));
    }

    /** Share of the moved weights whose first-step size is lr within 1%. */
    private static double share(double[] steps, double lr) {
        long moved = Arrays.stream(steps).filter(d -> d != 0).count();
        long lrSized = Arrays.stream(steps).filter(d -> d != 0 && Math.abs(Math.abs(d) - lr) < 0.01 * lr).count();
        return (double) lrSized / moved;
    }

    /** |θ − θ*A| of fc1.weight after the first step of task B. */
    private static double[] firstStepOfB(boolean reset) {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("plain", 0))
                .withOptimizer(new OptimizerSpec("adam", 0.01, null, reset)).validated();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            RunControl control = new RunControl();
            LabEvent.ParameterSnapshot[] snap = new LabEvent.ParameterSnapshot[1];
            s.runFrom(cp, MethodSpec.of("plain", 0), control, e -> {
                if (e instanceof LabEvent.StepMetrics m && m.step() == cp.step()) {
                    control.requestSnapshot();
                } else if (e instanceof LabEvent.ParameterSnapshot p && snap[0] == null) {
                    snap[0] = p;
                    control.stop();
                }
            });
            assertEquals(cp.step() + 1, snap[0].step(), "θ after exactly one step of B");
            float[] d = snap[0].layers().stream().filter(l -> l.name().equals("fc1.weight")).findFirst()
                    .orElseThrow().delta();
            double[] out = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i];
            }
            return out;
        }
    }
}
