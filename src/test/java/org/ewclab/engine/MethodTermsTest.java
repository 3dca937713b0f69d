package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.junit.jupiter.api.Test;

/**
 * The method terms against hand-computed values on {@link TinyModel} (softmax regression W 3×2, b 3, four samples):
 * LwF's distillation, replay's and joint's union-batch cross-entropy, the class masks, the balanced memory.
 */
class MethodTermsTest {
    private static final float[] W_OLD = {0.1f, 0.4f, -0.3f, 0.2f, 0.6f, -0.5f};
    private static final float[] B_OLD = {0.0f, 0.3f, -0.1f};

    private static TrainingSpec training(String activeClasses) {
        return new TrainingSpec(1, 4, 0, 0, "frozen", 1, activeClasses, "none");
    }

    private static Network network(NDManager m, float[] w, float[] b) {
        NamedTensors s = new NamedTensors.Builder().put("fc1.weight", new int[] {3, 2}, w.clone())
                .put("fc1.bias", new int[] {3}, b.clone()).build();
        return new Network(m, new ModelSpec("mlp", List.of(), "relu", false, false, 32), TinyModel.D, 1, TinyModel.D,
                new int[] {TinyModel.K}, 0, s);
    }

    private static double[] logits(float[] w, float[] b, float[] x) {
        double[] z = new double[3];
        for (int c = 0; c < 3; c++) {
            z[c] = b[c] + w[c * 2] * x[0] + w[c * 2 + 1] * x[1];
        }
        return z;
    }

    private static double[] softmax(double[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / t);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] / t - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static NDArray batch(NDManager m) {
        float[] x = new float[8];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(TinyModel.X[i], 0, x, i * 2, 2);
        }
        return Tensors.upload(m, x, new Shape(4, 2));
    }

    /** {value, dW (6), db (3)} of a method's extra term (and its weight of the new batch's CE) on the tiny batch. */
    private static double[] termAndGradient(MethodTerms terms, Network net, NDManager m, float[] weightOut) {
        double[] out = new double[10];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray xs = batch(m);
            terms.prepare(xs, 1);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(xs, 0, false);
                MethodTerms.Extra ex = terms.extra(net, xs, logits, 1, 0, false, m);
                gc.backward(ex.term());
                out[0] = ex.term().getFloat();
                weightOut[0] = ex.currentWeight();
            }
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

    private static List<TaskArrays> twoTinyTasks() {
        return List.of(TinyModel.data(), TinyModel.data());
    }

    @Test
    void lwfIsAlphaTSquaredKlOfTheOldModelsSoftenedOutputsWithItsGradient() {
        double alpha = 0.7;
        double t = 2.0;
        MethodSpec spec = MethodSpec.of("lwf", 0, MethodKnobs.NONE.withAlpha(alpha).withTemperature(t));
        double[] expected = new double[10];
        for (int i = 0; i < 4; i++) {
            float[] x = TinyModel.X[i];
            double[] p = softmax(logits(W_OLD, B_OLD, x), t);
            double[] q = softmax(logits(TinyModel.W, TinyModel.B, x), t);
            for (int c = 0; c < 3; c++) {
                expected[0] += alpha * t * t / 4 * p[c] * (Math.log(p[c]) - Math.log(q[c]));
                // ∂/∂z_c of T²·KL(p‖softmax(z/T)) = T·(q_c − p_c)
                double dz = alpha * t / 4 * (q[c] - p[c]);
                expected[7 + c] += dz;
                expected[1 + c * 2] += dz * x[0];
                expected[1 + c * 2 + 1] += dz * x[1];
            }
        }
        try (NDManager m = NDManager.newBaseManager();
                MethodTerms terms = new MethodTerms(spec, twoTinyTasks(), training("all"), 0, false, 3, m)) {
            terms.startTask(1, network(m, W_OLD, B_OLD), false);
            float[] w = new float[1];
            double[] got = termAndGradient(terms, TinyModel.network(m), m, w);
            assertEquals(1f, w[0]);
            for (int i = 0; i < 10; i++) {
                assertEquals(expected[i], got[i], 1e-5, "entry " + i);
            }
        }
    }

    @Test
    void distillOnAnyMethodIsTheSameTermWithItsWeight() {
        MethodSpec lwf = MethodSpec.of("lwf", 0, MethodKnobs.NONE.withAlpha(0.5).withTemperature(3.0));
        MethodSpec ewc = MethodSpec.of("ewc", 10, MethodKnobs.NONE.withDistill(0.5).withTemperature(3.0));
        double[][] got = new double[2][];
        int k = 0;
        for (MethodSpec spec : List.of(lwf, ewc)) {
            try (NDManager m = NDManager.newBaseManager();
                    MethodTerms terms = new MethodTerms(spec, twoTinyTasks(), training("all"), 0, false, 3, m)) {
                terms.startTask(1, network(m, W_OLD, B_OLD), false);
                got[k++] = termAndGradient(terms, TinyModel.network(m), m, new float[1]);
            }
        }
        assertArrayEquals(got[0], got[1], 1e-7);
    }

    /** Σ_i −log p(y_i|x_i) of the tiny model and its gradient, over all four samples. */
    private static double[] crossEntropySums() {
        double[] out = new double[10];
        for (int i = 0; i < 4; i++) {
            double[] p = TinyModel.probabilities(i);
            out[0] -= Math.log(p[TinyModel.Y[i]]);
            for (int c = 0; c < 3; c++) {
                double dz = p[c] - (c == TinyModel.Y[i] ? 1 : 0);
                out[7 + c] += dz;
                out[1 + c * 2] += dz * TinyModel.X[i][0];
                out[1 + c * 2 + 1] += dz * TinyModel.X[i][1];
            }
        }
        return out;
    }

    @Test
    void replayAddsTheMemorysCrossEntropyAsPartOfOneUnionBatch() {
        // memory 4 = all of task A; ratio 1 with B = 4 replays all four: loss = (4·CE_new + Σ CE_replayed)/8
        MethodSpec spec = MethodSpec.of("replay", 0, MethodKnobs.NONE.withMemory(4).withRatio(1.0));
        double[] sums = crossEntropySums();
        try (NDManager m = NDManager.newBaseManager();
                MethodTerms terms = new MethodTerms(spec, twoTinyTasks(), training("all"), 0, false, 3, m)) {
            Network net = TinyModel.network(m);
            terms.startTask(1, net, false);
            float[] w = new float[1];
            double[] got = termAndGradient(terms, net, m, w);
            assertEquals(0.5f, w[0], 1e-7);
            for (int i = 0; i < 10; i++) {
                assertEquals(sums[i] / 8, got[i], 1e-5, "entry " + i);
            }
        }
    }

    @Test
    void jointTrainsOnABatchOfEveryEarlierTaskWeightedLikeTheNewOne() {
        MethodSpec spec = MethodSpec.of("joint", 0);
        double[] sums = crossEntropySums();
        try (NDManager m = NDManager.newBaseManager();
                MethodTerms terms = new MethodTerms(spec, twoTinyTasks(), training("all"), 0, false, 3, m)) {
            Network net = TinyModel.network(m);
            terms.startTask(1, net, false);
            float[] w = new float[1];
            double[] got = termAndGradient(terms, net, m, w);
            assertEquals(0.5f, w[0], 1e-7);
            for (int i = 0; i < 10; i++) {
                assertEquals(sums[i] / 8, got[i], 1e-5, "entry " + i);
            }
        }
    }

    @Test
    void activeClassesMaskTheUnitsOutsideTheCurrentOrSeenClasses() {
        // task B has classes {0, 1} of three; task A has all three
        float[] x = {1f, 0.5f, -0.4f, 1.2f};
        Dataset ds = Dataset.ofFeatures("pair", 2, x, new int[] {0, 1}, Dataset.numberedClasses(3));
        List<TaskArrays> tasks = List.of(TinyModel.data(), TaskArrays.of(new TaskData("pair", ds, ds)));
        MethodSpec plain = MethodSpec.of("plain", 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = TinyModel.network(m);
            try (MethodTerms current = new MethodTerms(plain, tasks, training("current"), 0, false, 3, m);
                    MethodTerms seen = new MethodTerms(plain, tasks, training("seen"), 0, false, 3, m);
                    MethodTerms all = new MethodTerms(plain, tasks, training("all"), 0, false, 3, m)) {
                current.startTask(1, net, false);
                seen.startTask(1, net, false);
                all.startTask(1, net, false);
                assertArrayEquals(new float[] {0f, 0f, MethodTerms.MASKED}, current.currentMask().toFloatArray());
                assertArrayEquals(new float[] {0f, 0f, 0f}, seen.currentMask().toFloatArray());
                assertNull(all.currentMask());
                // the masked softmax is the softmax over classes 0 and 1 alone
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray xs = Tensors.upload(m, new float[] {1f, 0.5f}, new Shape(1, 2));
                    float[] lp = net.forward(xs, 0, false).add(current.currentMask()).logSoftmax(1).toFloatArray();
                    double[] z = logits(TinyModel.W, TinyModel.B, new float[] {1f, 0.5f});
                    double norm = Math.log(Math.exp(z[0]) + Math.exp(z[1]));
                    assertEquals(z[0] - norm, lp[0], 1e-6);
                    assertEquals(z[1] - norm, lp[1], 1e-6);
                    assertEquals(0.0, Math.exp(lp[2]), 1e-30);
                }
            }
        }
    }

    @Test
    void theReplayMemoryIsClassBalancedAndSeeded() {
        int[] labels = new int[100];
        for (int i = 90; i < 100; i++) {
            labels[i] = 1;
        }
        int[] ten = MethodTerms.balanced(labels, 2, 10, 5);
        int[] thirty = MethodTerms.balanced(labels, 2, 30, 5);
        assertEquals(5, count(labels, ten, 1));
        assertEquals(10, count(labels, thirty, 1), "class 1 runs out at 10; class 0 takes the other turns");
        assertEquals(30, java.util.Arrays.stream(thirty).distinct().count());
        assertArrayEquals(ten, MethodTerms.balanced(labels, 2, 10, 5));
    }

    private static int count(int[] labels, int[] rows, int label) {
        int n = 0;
        for (int r : rows) {
            if (labels[r] == label) {
                n++;
            }
        }
        return n;
    }

    @Test
    void freezeNamesTheFirstLayersAndTheirBatchNormNeverTheHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new Network(m, new ModelSpec("mlp", List.of(4, 4), "relu", true, false, 32), 2, 1, 2,
                    new int[] {3}, 0, null);
            List<String> one = MethodTerms.frozenNames(MethodSpec.of("freeze", 0, MethodKnobs.NONE.withLayers(1)),
                    net, net.activeParameters(0));
            assertEquals(List.of("fc1.weight", "fc1.bias", "bn1.weight", "bn1.bias"), one);
            List<String> two = MethodTerms.frozenNames(MethodSpec.of("freeze", 0, MethodKnobs.NONE.withLayers(2)),
                    net, net.activeParameters(0));
            assertEquals(8, two.size());
            assertEquals(List.of(), MethodTerms.frozenNames(MethodSpec.of("ewc", 1), net, net.activeParameters(0)));
        }
    }
}
