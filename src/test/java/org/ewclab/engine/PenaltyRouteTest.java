package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.junit.jupiter.api.Test;

/**
 * The closed-form penalty gradient (written before the forward pass, or added after backward) against the autograd
 * route (the penalty in the graph) on whole short runs: the same losses, penalties and accuracies within float
 * rounding; and the two closed-form routes against each other, to the bit.
 */
class PenaltyRouteTest {

    private record Trace(List<double[]> steps, double[][] accuracy) {
    }

    private static Trace run(MethodSpec method, boolean autograd) {
        return run(method, autograd, RunControl.DEFAULT_PENALTY_EVERY);
    }

    private static Trace run(MethodSpec method, boolean autograd, int penaltyEvery) {
        return run(Synthetic.preset(method), method, autograd, penaltyEvery, true);
    }

    private static Trace run(ExperimentPreset preset, MethodSpec method, boolean autograd, int penaltyEvery,
            boolean presetPenalty) {
        boolean before = Runner.autogradPenalty;
        boolean presetBefore = Runner.presetPenalty;
        Runner.autogradPenalty = autograd;
        Runner.presetPenalty = presetPenalty;
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            List<double[]> steps = new ArrayList<>();
            RunControl control = new RunControl();
            control.setPenaltyEvery(penaltyEvery);
            RunResult r = s.runFrom(cp, method, control, e -> {
                if (e instanceof LabEvent.StepMetrics m) {
                    steps.add(new double[] {m.step(), m.crossEntropy(), m.penalty()});
                }
            });
            return new Trace(steps, r.accuracy());
        } finally {
            Runner.autogradPenalty = before;
            Runner.presetPenalty = presetBefore;
        }
    }

    private static void sameRun(MethodSpec method) {
        Trace graph = run(method, true);
        Trace closed = run(method, false);
        assertEquals(graph.steps().size(), closed.steps().size());
        double maxPenalty = 0;
        for (int i = 0; i < graph.steps().size(); i++) {
            double[] g = graph.steps().get(i);
            double[] c = closed.steps().get(i);
            assertEquals(g[0], c[0], "step");
            assertEquals(g[1], c[1], 1e-4 * Math.max(1, Math.abs(g[1])), "cross-entropy at step " + (long) g[0]);
            // both routes sample the value on the same steps (NaN = not computed) and agree where they do
            assertEquals(Double.isNaN(g[2]), Double.isNaN(c[2]), "penalty sampled at step " + (long) g[0]);
            if (!Double.isNaN(g[2])) {
                assertEquals(g[2], c[2], 1e-4 * Math.max(1e-3, Math.abs(g[2])), "penalty at step " + (long) g[0]);
                maxPenalty = Math.max(maxPenalty, g[2]);
            }
        }
        assertTrue(maxPenalty > 1e-3, "the penalty is not trivially zero: " + maxPenalty);
        for (int i = 0; i < graph.accuracy().length; i++) {
            for (int j = 0; j < graph.accuracy()[i].length; j++) {
                // 200 test samples per task: within one sample
                assertEquals(graph.accuracy()[i][j], closed.accuracy()[i][j], 0.0051, "R[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void samplingThePenaltysValueLeavesTheRunAsItWas() {
        MethodSpec ewc = MethodSpec.of("ewc", 500);
        Trace every = run(ewc, false, 1);
        Trace sampled = run(ewc, false, 7);
        assertEquals(every.steps().size(), sampled.steps().size());
        long first = (long) every.steps().get(0)[0];
        int values = 0;
        for (int i = 0; i < every.steps().size(); i++) {
            double[] e = every.steps().get(i);
            double[] s = sampled.steps().get(i);
            // the value is not part of the update: the cross-entropy of every step is the same to the bit
            assertEquals(e[1], s[1], 0.0, "cross-entropy at step " + (long) e[0]);
            assertTrue(!Double.isNaN(e[2]), "penaltyEvery 1 computes every step's value");
            boolean due = ((long) e[0] - first) % 7 == 0;
            assertEquals(due, !Double.isNaN(s[2]), "value computed at step " + (long) e[0]);
            if (due) {
                assertEquals(e[2], s[2], 0.0, "penalty at step " + (long) e[0]);
                values++;
            }
        }
        assertTrue(values >= 3, "several sampled values: " + values);
        for (int i = 0; i < every.accuracy().length; i++) {
            for (int j = 0; j < every.accuracy()[i].length; j++) {
                assertEquals(every.accuracy()[i][j], sampled.accuracy()[i][j], 0.0, "R[" + i + "][" + j + "]");
            }
        }
    }

    /**
     * The gradient written before the forward pass (in place, into the zeroed gradient) against the one added after
     * backward: the same run to the bit — every step's cross-entropy and sampled penalty and the accuracy matrix — for
     * each quadratic method, with Adam and with SGD + momentum, one head and several.
     */
    @Test
    void theGradientWrittenBeforeForwardIsTheOneAddedAfterBackwardToTheBit() {
        ExperimentPreset base = Synthetic.preset(MethodSpec.of("ewc", 1));
        ExperimentPreset sgdMultiHead = new ExperimentPreset("synthetic-sgd", null, null, 7L, base.tasks(),
                new ExperimentPreset.ModelSpec("mlp", List.of(32, 16), "relu", false, true, null),
                new ExperimentPreset.OptimizerSpec("sgd", 0.01, 0.9, false), base.training(), base.fisher(),
                List.of(MethodSpec.of("ewc", 1)), null, null).validated();
        int cases = 0;
        for (ExperimentPreset preset : List.of(base, sgdMultiHead)) {
            // λ where each run stays stable (a diverged run would stop early)
            double k = preset == base ? 1 : 0.1;
            for (MethodSpec m : List.of(MethodSpec.of("ewc", 500 * k), MethodSpec.of("l2", 5 * k),
                    MethodSpec.of("online-ewc", 300 * k), MethodSpec.of("mas", 50 * k))) {
                long before = Penalty.PRESET_STEPS.sum();
                Trace preset0 = run(preset, m, false, 3, true);
                long presetSteps = Penalty.PRESET_STEPS.sum() - before;
                Trace after = run(preset, m, false, 3, false);
                String what = preset.name() + " " + m.method();
                // every step but the task's first wrote its gradient before the forward pass
                assertEquals(preset0.steps().size() - 1, presetSteps, what + ": steps that took the preset route");
                assertEquals(after.steps().size(), preset0.steps().size(), what);
                // the whole of task B: 3 epochs of 400 samples in batches of 20
                assertEquals(60, preset0.steps().size(), what + ": steps run");
                int values = 0;
                for (int i = 0; i < after.steps().size(); i++) {
                    double[] a = after.steps().get(i);
                    double[] p = preset0.steps().get(i);
                    assertEquals(a[1], p[1], 0.0, what + ": cross-entropy at step " + (long) a[0]);
                    assertEquals(a[2], p[2], 0.0, what + ": penalty at step " + (long) a[0]);
                    values += Double.isNaN(a[2]) ? 0 : 1;
                }
                assertTrue(values >= 3, what + ": sampled penalty values " + values);
                for (int i = 0; i < after.accuracy().length; i++) {
                    for (int j = 0; j < after.accuracy()[i].length; j++) {
                        assertEquals(after.accuracy()[i][j], preset0.accuracy()[i][j], 0.0,
                                what + ": R[" + i + "][" + j + "]");
                    }
                }
                cases++;
            }
        }
        assertEquals(8, cases);
    }

    @Test
    void ewcRunMatchesTheAutogradRoute() {
        sameRun(MethodSpec.of("ewc", 500));
    }

    @Test
    void l2RunMatchesTheAutogradRoute() {
        sameRun(MethodSpec.of("l2", 5));
    }
}
