package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * SI's path integral and Ω, MAS's output-norm sensitivity, and the penalties built from them (EWC++, SI/MAS sums,
 * EWC's task weights), against hand-computed values on {@link TinyModel}.
 */
class ImportanceTest {
    private static final List<String> NAMES = List.of("fc1.weight", "fc1.bias");

    @Test
    void siPathIntegralOfOneSgdStepIsLrTimesTheSquaredGradient() {
        double lr = 0.1;
        double xi = 0.05;
        double[] g = TinyModel.gradient(0, TinyModel.Y[0]);
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = TinyModel.network(m);
            Optimizer sgd = new Optimizer(new OptimizerSpec("sgd", lr, 0.0, false), net, m, null);
            try (Importance.PathIntegral path = new Importance.PathIntegral(net, NAMES, m)) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = Tensors.upload(m, TinyModel.X[0].clone(), new Shape(1, 2));
                    float[] onehot = new float[3];
                    onehot[TinyModel.Y[0]] = 1;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray ce = net.forward(x, 0, false).logSoftmax(1)
                                .mul(Tensors.upload(m, onehot, new Shape(1, 3))).sum().neg();
                        gc.backward(ce);
                    }
                    path.capture(net);
                    sgd.step(NAMES);
                    path.accumulate(net);
                }
                NamedTensors omega = path.omega();
                NamedTensors delta = path.delta(net);
                NamedTensors importance = Importance.si(omega, delta, xi);
                float[] w = omega.get("fc1.weight");
                float[] b = omega.get("fc1.bias");
                for (int i = 0; i < 9; i++) {
                    double got = i < 6 ? w[i] : b[i - 6];
                    // ω = −g·Δθ = −g·(−lr·g) = lr·g²
                    assertEquals(lr * g[i] * g[i], got, 1e-6, "ω " + i);
                    double d = i < 6 ? delta.get("fc1.weight")[i] : delta.get("fc1.bias")[i - 6];
                    assertEquals(-lr * g[i], d, 1e-6, "Δ " + i);
                    double om = i < 6 ? importance.get("fc1.weight")[i] : importance.get("fc1.bias")[i - 6];
                    assertEquals(lr * g[i] * g[i] / (lr * lr * g[i] * g[i] + xi), om, 1e-5, "Ω " + i);
                }
            }
        }
    }

    @Test
    void siClipsANegativePathIntegralToZero() {
        NamedTensors omega = new NamedTensors.Builder().put("w", new int[] {3}, new float[] {-0.2f, 0.3f, 0f}).build();
        NamedTensors delta = new NamedTensors.Builder().put("w", new int[] {3}, new float[] {0.5f, -0.5f, 1f}).build();
        float[] got = Importance.si(omega, delta, 0.1).get("w");
        assertEquals(0.0, got[0], 0.0);
        assertEquals(0.3 / (0.25 + 0.1), got[1], 1e-6);
        assertEquals(0.0, got[2], 0.0);
    }

    @Test
    void masIsTheMeanAbsoluteGradientOfTheSquaredOutputNorm() {
        // f = W·x + b: ∂‖f‖²/∂W_cj = 2·f_c·x_j, ∂/∂b_c = 2·f_c
        double[] expected = new double[9];
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                double f = TinyModel.B[c];
                for (int j = 0; j < 2; j++) {
                    f += TinyModel.W[c * 2 + j] * TinyModel.X[i][j];
                }
                for (int j = 0; j < 2; j++) {
                    expected[c * 2 + j] += Math.abs(2 * f * TinyModel.X[i][j]) / 4;
                }
                expected[6 + c] += Math.abs(2 * f) / 4;
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = TinyModel.network(m);
            NamedTensors mas = Importance.mas(net, TinyModel.data(), new int[] {0, 1, 2, 3}, 0, NAMES, m);
            for (int i = 0; i < 9; i++) {
                double got = i < 6 ? mas.get("fc1.weight")[i] : mas.get("fc1.bias")[i - 6];
                assertEquals(expected[i], got, 1e-5, "Ω " + i);
            }
        }
    }

    // ---------------------------------------------------------------- the penalties of these importances

    private static final float[] STAR1 = {0.4f, -0.1f, 0.2f, 1.0f, -0.5f, 0.3f, 0.0f, -0.2f, 0.25f};
    private static final float[] F1 = {2.0f, 0.5f, 0.0f, 1.5f, 3.0f, 0.1f, 0.7f, 0.0f, 4.0f};
    private static final float[] STAR2 = {0.6f, -0.3f, 0.1f, 0.8f, -0.6f, 0.0f, 0.2f, -0.1f, 0.05f};
    private static final float[] F2 = {1.0f, 1.0f, 2.0f, 0.5f, 0.0f, 1.0f, 0.3f, 0.2f, 1.0f};

    private static NamedTensors split(float[] flat) {
        return new NamedTensors.Builder()
                .put("fc1.weight", new int[] {3, 2}, java.util.Arrays.copyOfRange(flat, 0, 6))
                .put("fc1.bias", new int[] {3}, java.util.Arrays.copyOfRange(flat, 6, 9)).build();
    }

    private static double theta(int i) {
        return i < 6 ? TinyModel.W[i] : TinyModel.B[i - 6];
    }

    /** {(λ/2)·P, ∂/∂θ (9)} by the closed form the loop uses. */
    private static double[] closedForm(Penalty p, Network net, double lambda) {
        double[] out = new double[10];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
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

    /** The expected (λ/2)·Σ_t Σ_i w_t,i·(θ_i − θ*_t,i)² and its gradient, for terms (weights, anchors). */
    private static double[] expected(double lambda, double[][] weights, float[][] anchors) {
        double[] out = new double[10];
        for (int t = 0; t < weights.length; t++) {
            for (int i = 0; i < 9; i++) {
                double d = theta(i) - anchors[t][i];
                out[0] += lambda / 2 * weights[t][i] * d * d;
                out[1 + i] += lambda * weights[t][i] * d;
            }
        }
        return out;
    }

    private static void check(double[] expected, Penalty p, NDManager m, double lambda) {
        double[] got = closedForm(p, TinyModel.network(m), lambda);
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], got[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "entry " + i);
        }
    }

    @Test
    void ewcppIsOneTermAtTheLatestAnchorWithTheMovingAverageFisher() {
        double beta = 0.3;
        double lambda = 5;
        try (NDManager m = NDManager.newBaseManager()) {
            Penalty p = new Penalty(MethodSpec.of("ewcpp", lambda, MethodKnobs.NONE.withBeta(beta)), 1.0, m);
            p.addTask(split(F1), split(STAR1));
            // the first task's F as it is
            check(expected(lambda, new double[][] {toDouble(F1, 1, null, 0)}, new float[][] {STAR1}), p, m, lambda);
            p.addTask(split(F2), split(STAR2));
            double[] merged = toDouble(F2, 1 - beta, F1, beta);
            check(expected(lambda, new double[][] {merged}, new float[][] {STAR2}), p, m, lambda);
        }
    }

    @Test
    void siAndMasSumTheirImportancesAtTheLatestAnchor() {
        double lambda = 2;
        for (String method : List.of("si", "mas")) {
            try (NDManager m = NDManager.newBaseManager()) {
                Penalty p = new Penalty(MethodSpec.of(method, lambda), 1.0, m);
                p.addTask(split(F1), split(STAR1));
                p.addTask(split(F2), split(STAR2));
                check(expected(lambda, new double[][] {toDouble(F1, 1, F2, 1)}, new float[][] {STAR2}), p, m, lambda);
            }
        }
    }

    @Test
    void ewcTaskWeightsScaleEachTasksFisher() {
        double lambda = 3;
        try (NDManager m = NDManager.newBaseManager()) {
            Penalty p = new Penalty(MethodSpec.of("ewc", lambda, MethodKnobs.NONE.withTaskWeights(List.of(0.25, 2.0))),
                    1.0, m);
            p.addTask(split(F1), split(STAR1));
            p.addTask(split(F2), split(STAR2));
            check(expected(lambda, new double[][] {toDouble(F1, 0.25, null, 0), toDouble(F2, 2.0, null, 0)},
                    new float[][] {STAR1, STAR2}), p, m, lambda);
        }
    }

    @Test
    void methodsWithoutAQuadraticAddNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (String method : List.of("plain", "lwf", "replay", "freeze", "joint")) {
                Penalty p = new Penalty(MethodSpec.of(method, 0), 1.0, m);
                p.addTask(split(F1), split(STAR1));
                check(new double[10], p, m, 7);
            }
        }
    }

    private static double[] toDouble(float[] a, double wa, float[] b, double wb) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = wa * a[i] + (b == null ? 0 : wb * b[i]);
        }
        return out;
    }
}
