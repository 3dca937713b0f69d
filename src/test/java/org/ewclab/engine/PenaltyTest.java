package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Penalty values and gradients against hand-computed numbers on {@link TinyModel} (θ: W 3×2, b 3). */
class PenaltyTest {
    private static final List<String> NAMES = List.of("fc1.weight", "fc1.bias");
    // θ* and F of an earlier task, flattened [W, b]
    private static final float[] STAR = {0.4f, -0.1f, 0.2f, 1.0f, -0.5f, 0.3f, 0.0f, -0.2f, 0.25f};
    private static final float[] F = {2.0f, 0.5f, 0.0f, 1.5f, 3.0f, 0.1f, 0.7f, 0.0f, 4.0f};
    private static final float[] STAR2 = {0.6f, -0.3f, 0.1f, 0.8f, -0.6f, 0.0f, 0.2f, -0.1f, 0.05f};
    private static final float[] F2 = {1.0f, 1.0f, 2.0f, 0.5f, 0.0f, 1.0f, 0.3f, 0.2f, 1.0f};

    private static NamedTensors split(float[] flat) {
        float[] w = java.util.Arrays.copyOfRange(flat, 0, 6);
        float[] b = java.util.Arrays.copyOfRange(flat, 6, 9);
        return new NamedTensors.Builder().put("fc1.weight", new int[] {3, 2}, w).put("fc1.bias", new int[] {3}, b)
                .build();
    }

    private static double[] theta() {
        double[] t = new double[9];
        for (int i = 0; i < 6; i++) {
            t[i] = TinyModel.W[i];
        }
        for (int i = 0; i < 3; i++) {
            t[6 + i] = TinyModel.B[i];
        }
        return t;
    }

    /** Value and gradient of (λ/2)·P as the training loop adds it to the loss. */
    private static double[] valueAndGradient(Penalty p, Network net, double lambda) {
        double[] out = new double[10];
        try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray term = p.value(net, NAMES).mul(Tensors.scalar(net.manager(), (float) (lambda / 2)));
            gc.backward(term);
            out[0] = term.getFloat();
            float[] gw = net.parameter("fc1.weight").getGradient().toFloatArray();
            float[] gb = net.parameter("fc1.bias").getGradient().toFloatArray();
            for (int i = 0; i < 6; i++) {
                out[1 + i] = gw[i];
            }
            for (int i = 0; i < 3; i++) {
                out[7 + i] = gb[i];
            }
        }
        return out;
    }

    /** Value and gradient of (λ/2)·P by the fast path: the closed-form gradient added onto zero gradients. */
    private static double[] closedForm(Penalty p, Network net, double lambda) {
        double[] out = new double[10];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // a backward of 0·Σθ makes the gradients exist, all zero, as after a real backward pass
                NDArray zero = net.parameter("fc1.weight").sum().add(net.parameter("fc1.bias").sum())
                        .mul(Tensors.scalar(net.manager(), 0f));
                gc.backward(zero);
            }
            out[0] = p.addGradient(net, NAMES, lambda, true);
            float[] gw = net.parameter("fc1.weight").getGradient().toFloatArray();
            float[] gb = net.parameter("fc1.bias").getGradient().toFloatArray();
            for (int i = 0; i < 6; i++) {
                out[1 + i] = gw[i];
            }
            for (int i = 0; i < 3; i++) {
                out[7 + i] = gb[i];
            }
        }
        return out;
    }

    /** Both routes, the autograd graph and the closed form, against the hand-computed numbers. */
    private static void checkBoth(double[] expected, Penalty p, NDManager m, double lambda) {
        check(expected, valueAndGradient(p, TinyModel.network(m), lambda));
        check(expected, closedForm(p, TinyModel.network(m), lambda));
    }

    private static void check(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "entry " + i);
        }
    }

    @Test
    void ewcPenaltyIsHalfLambdaTimesFisherWeightedSquaredDistance() {
        double lambda = 3.0;
        double[] t = theta();
        double[] expected = new double[10];
        for (int i = 0; i < 9; i++) {
            double d = t[i] - STAR[i];
            expected[0] += lambda / 2 * F[i] * d * d;
            expected[1 + i] = lambda * F[i] * d;
        }
        try (NDManager m = NDManager.newBaseManager(); Penalty p = new Penalty("ewc", 1, m)) {
            p.addTask(split(F), split(STAR));
            checkBoth(expected, p, m, lambda);
            assertEquals(4.0, p.maxFisher(), 1e-6);
        }
    }

    @Test
    void l2PullsTowardTheOldSolutionNotTowardZero() {
        double lambda = 0.5;
        double[] t = theta();
        double[] expected = new double[10];
        for (int i = 0; i < 9; i++) {
            double d = t[i] - STAR[i];
            expected[0] += lambda / 2 * d * d;
            expected[1 + i] = lambda * d;
        }
        try (NDManager m = NDManager.newBaseManager(); Penalty p = new Penalty("l2", 1, m)) {
            p.addTask(NamedTensors.empty(), split(STAR));
            checkBoth(expected, p, m, lambda);
        }
    }

    @Test
    void ewcKeepsASeparatePenaltyPerEarlierTask() {
        double lambda = 2.0;
        double[] t = theta();
        double[] expected = new double[10];
        for (int i = 0; i < 9; i++) {
            double d1 = t[i] - STAR[i];
            double d2 = t[i] - STAR2[i];
            expected[0] += lambda / 2 * (F[i] * d1 * d1 + F2[i] * d2 * d2);
            expected[1 + i] = lambda * (F[i] * d1 + F2[i] * d2);
        }
        try (NDManager m = NDManager.newBaseManager(); Penalty p = new Penalty("ewc", 1, m)) {
            p.addTask(split(F), split(STAR));
            p.addTask(split(F2), split(STAR2));
            checkBoth(expected, p, m, lambda);
        }
    }

    @Test
    void onlineEwcKeepsOneAnchorAndDecaysTheOldFisher() {
        double lambda = 2.0;
        double gamma = 0.6;
        double[] t = theta();
        double[] expected = new double[10];
        for (int i = 0; i < 9; i++) {
            double f = gamma * F[i] + F2[i];
            double d = t[i] - STAR2[i];
            expected[0] += lambda / 2 * f * d * d;
            expected[1 + i] = lambda * f * d;
        }
        try (NDManager m = NDManager.newBaseManager(); Penalty p = new Penalty("online-ewc", gamma, m)) {
            p.addTask(split(F), split(STAR));
            p.addTask(split(F2), split(STAR2));
            checkBoth(expected, p, m, lambda);
        }
    }

    @Test
    void fiveEarlierTasksCombineIntoOneQuadraticEqualToTheSumOfTheirTerms() {
        // random F_t ≥ 0 (some exactly 0) and θ*_t for five tasks; the combined A·(θ−μ)² + R must equal Σ_t terms
        java.util.Random rng = new java.util.Random(42);
        double lambda = 7.0;
        double[] t = theta();
        double[] expected = new double[10];
        try (NDManager m = NDManager.newBaseManager(); Penalty p = new Penalty("ewc", 1, m)) {
            for (int task = 0; task < 5; task++) {
                float[] f = new float[9];
                float[] star = new float[9];
                for (int i = 0; i < 9; i++) {
                    f[i] = rng.nextInt(4) == 0 ? 0f : (float) (rng.nextDouble() * 3);
                    star[i] = (float) (rng.nextGaussian() * 0.5);
                    double d = t[i] - star[i];
                    expected[0] += lambda / 2 * f[i] * d * d;
                    expected[1 + i] += lambda * f[i] * d;
                }
                p.addTask(split(f), split(star));
            }
            assertEquals(true, expected[0] > 1, "a penalty far from zero: " + expected[0]);
            checkBoth(expected, p, m, lambda);
        }
    }

    @Test
    void closedFormKeepsFloatPrecisionNearTheAnchor() {
        // θ within 1e-4 of θ*, large F: the expanded A·θ² − 2B·θ + C would lose this to cancellation
        double lambda = 1.0;
        double[] t = theta();
        float[] star = new float[9];
        float[] f = new float[9];
        double[] expected = new double[10];
        for (int i = 0; i < 9; i++) {
            star[i] = (float) (t[i] + 1e-4 * (i + 1));
            f[i] = 1000f;
            double d = t[i] - star[i];
            expected[0] += lambda / 2 * f[i] * d * d;
            expected[1 + i] = lambda * f[i] * d;
        }
        try (NDManager m = NDManager.newBaseManager(); Penalty p = new Penalty("ewc", 1, m)) {
            p.addTask(split(f), split(star));
            p.addTask(split(f), split(star));
            double[] twice = expected.clone();
            for (int i = 0; i < twice.length; i++) {
                twice[i] *= 2;
            }
            double[] got = closedForm(p, TinyModel.network(m), lambda);
            assertEquals(twice[0], got[0], 1e-3 * twice[0], "value");
        }
    }

    @Test
    void plainHasNoPenalty() {
        try (NDManager m = NDManager.newBaseManager(); Penalty p = new Penalty("plain", 1, m)) {
            p.addTask(split(F), split(STAR));
            assertNull(p.value(TinyModel.network(m), NAMES));
        }
    }

    @Test
    void thePenaltyAStepReportsIsTheOneItsSnapshotImplies() {
        // End to end through the loop: at a mid-run step, StepMetrics.penalty must equal (λ/2)·Σ F_A·(θ−θ*_A)²
        // computed from the ParameterSnapshot taken just before that step (a penalty that is always 0 fails here).
        double lambda = 500;
        ExperimentPreset preset = Synthetic.preset(ExperimentPreset.MethodSpec.of("ewc", lambda));
        RunControl control = new RunControl();
        control.setPenaltyEvery(1); // the value at one particular step is checked
        java.util.List<LabEvent> events = new java.util.ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(control, e -> { });
            long target = cp.step() + 25;
            s.runFrom(cp, preset.methods().get(0), control, e -> {
                events.add(e);
                if (e instanceof LabEvent.StepMetrics sm && sm.step() == target - 1) {
                    control.requestSnapshot();
                }
            });
            LabEvent.ParameterSnapshot snap = events.stream().filter(e -> e instanceof LabEvent.ParameterSnapshot)
                    .map(e -> (LabEvent.ParameterSnapshot) e).filter(e -> e.step() == target).findFirst()
                    .orElseThrow();
            LabEvent.StepMetrics metrics = events.stream().filter(e -> e instanceof LabEvent.StepMetrics)
                    .map(e -> (LabEvent.StepMetrics) e).filter(e -> e.step() == target).findFirst().orElseThrow();
            double expected = 0;
            for (LabEvent.LayerDelta layer : snap.layers()) {
                for (int i = 0; i < layer.delta().length; i++) {
                    expected += lambda / 2 * layer.fisherA()[i] * layer.delta()[i] * layer.delta()[i];
                }
            }
            assertEquals(true, expected > 1e-4, "the penalty is not trivially zero: " + expected);
            assertEquals(expected, metrics.penalty(), 1e-4 * expected);
        }
    }
}
