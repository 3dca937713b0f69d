package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.junit.jupiter.api.Test;

/** Every Fisher variant against values computed by hand on {@link TinyModel}. */
class FisherEstimatorTest {
    private static final int N = TinyModel.X.length;

    private static double[] estimate(String labels, String gradients, int batch) {
        FisherSpec spec = new FisherSpec(labels, gradients, 0, batch, 100.0, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = TinyModel.network(m);
            NamedTensors f = new FisherEstimator(spec, 0).estimate(net, TinyModel.data(), 0,
                    List.of("fc1.weight", "fc1.bias"), m, null);
            return TinyModel.flat(f);
        }
    }

    private static double[] perSample(int[] y) {
        double[] f = new double[TinyModel.K * TinyModel.D + TinyModel.K];
        for (int i = 0; i < N; i++) {
            double[] g = TinyModel.gradient(i, y[i]);
            for (int k = 0; k < f.length; k++) {
                f[k] += g[k] * g[k] / N;
            }
        }
        return f;
    }

    /** mean over batches of (mean gradient of the batch)², batches of {@code b} in order. */
    private static double[] batchMean(int[] y, int b) {
        double[] f = new double[TinyModel.K * TinyModel.D + TinyModel.K];
        int batches = 0;
        for (int s = 0; s < N; s += b) {
            int e = Math.min(N, s + b);
            double[] mean = new double[f.length];
            for (int i = s; i < e; i++) {
                double[] g = TinyModel.gradient(i, y[i]);
                for (int k = 0; k < f.length; k++) {
                    mean[k] += g[k] / (e - s);
                }
            }
            for (int k = 0; k < f.length; k++) {
                f[k] += mean[k] * mean[k];
            }
            batches++;
        }
        for (int k = 0; k < f.length; k++) {
            f[k] /= batches;
        }
        return f;
    }

    private static int[] argmaxLabels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = TinyModel.argmax(i);
        }
        return y;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-6 + 1e-4 * Math.abs(expected[k]), "entry " + k);
        }
    }

    @Test
    void perSampleEmpiricalIsTheMeanOfSquaredPerSampleGradients() {
        assertClose(perSample(TinyModel.Y), estimate("empirical", "per-sample", 100));
    }

    @Test
    void perSampleArgmaxUsesTheModelsOwnPredictions() {
        int[] y = argmaxLabels();
        assertTrue(!java.util.Arrays.equals(y, TinyModel.Y), "the fixture's true and argmax labels must differ");
        assertClose(perSample(y), estimate("argmax", "per-sample", 100));
    }

    @Test
    void perSampleExactIsTheExpectationOverAllLabels() {
        double[] f = new double[TinyModel.K * TinyModel.D + TinyModel.K];
        for (int i = 0; i < N; i++) {
            double[] p = TinyModel.probabilities(i);
            for (int y = 0; y < TinyModel.K; y++) {
                double[] g = TinyModel.gradient(i, y);
                for (int k = 0; k < f.length; k++) {
                    f[k] += p[y] * g[k] * g[k] / N;
                }
            }
        }
        assertClose(f, estimate("exact", "per-sample", 100));
    }

    @Test
    void batchSquaresTheBatchMeanGradientAndAveragesOverBatches() {
        assertClose(batchMean(TinyModel.Y, 2), estimate("empirical", "batch", 2));
        assertClose(batchMean(argmaxLabels(), 4), estimate("argmax", "batch", 4));
        // a last partial batch counts as one batch
        assertClose(batchMean(TinyModel.Y, 3), estimate("empirical", "batch", 3));
    }

    @Test
    void batchDiffersFromPerSampleAndEqualsItAtBatchSizeOne() {
        double[] per = estimate("empirical", "per-sample", 100);
        double[] batch = estimate("empirical", "batch", 4);
        double sumPer = java.util.Arrays.stream(per).sum();
        double sumBatch = java.util.Arrays.stream(batch).sum();
        assertTrue(sumBatch < 0.5 * sumPer, "squared means are smaller than mean squares: " + sumBatch + " vs "
                + sumPer);
        assertClose(per, estimate("empirical", "batch", 1));
        assertClose(estimate("exact", "per-sample", 100), estimate("exact", "batch", 1));
    }

    @Test
    void exactBatchWeightsEachLabelsBatchGradientByItsMeanProbability() {
        int b = 2;
        double[] f = new double[TinyModel.K * TinyModel.D + TinyModel.K];
        for (int s = 0; s < N; s += b) {
            for (int y = 0; y < TinyModel.K; y++) {
                double w = 0;
                double[] mean = new double[f.length];
                for (int i = s; i < s + b; i++) {
                    w += TinyModel.probabilities(i)[y] / b;
                    double[] g = TinyModel.gradient(i, y);
                    for (int k = 0; k < f.length; k++) {
                        mean[k] += g[k] / b;
                    }
                }
                for (int k = 0; k < f.length; k++) {
                    f[k] += w * mean[k] * mean[k] / (N / b);
                }
            }
        }
        assertClose(f, estimate("exact", "batch", b));
    }

    @Test
    void sampledLabelsAreSeededAndAverageToTheExactFisher() {
        assertArrayEquals(estimate("sampled", "per-sample", 100), estimate("sampled", "per-sample", 100));
        // many copies of the four samples: the Monte-Carlo estimate approaches the expectation
        int copies = 250;
        float[] x = new float[N * copies * TinyModel.D];
        int[] y = new int[N * copies];
        for (int r = 0; r < copies; r++) {
            for (int i = 0; i < N; i++) {
                System.arraycopy(TinyModel.X[i], 0, x, (r * N + i) * TinyModel.D, TinyModel.D);
                y[r * N + i] = TinyModel.Y[i];
            }
        }
        org.ewclab.data.Dataset ds = org.ewclab.data.Dataset.ofFeatures("many", TinyModel.D, x, y,
                org.ewclab.data.Dataset.numberedClasses(TinyModel.K));
        TaskArrays many = TaskArrays.of(new org.ewclab.data.TaskData("many", ds, ds));
        double sampled;
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = TinyModel.network(m);
            NamedTensors f = new FisherEstimator(new FisherSpec("sampled", "per-sample", 0, 1, 100.0, 1.0), 3)
                    .estimate(net, many, 0, List.of("fc1.weight", "fc1.bias"), m, null);
            sampled = java.util.Arrays.stream(TinyModel.flat(f)).sum();
        }
        double exact = java.util.Arrays.stream(estimate("exact", "per-sample", 100)).sum();
        assertEquals(exact, sampled, 0.1 * exact);
    }

    @Test
    void theVectorisedPerSampleFisherEqualsTheBatchOfOneLoopOnAnMlpWithBatchNorm() {
        // two hidden layers with BatchNorm (eval mode: running statistics moved away from 0/1 by some training
        // steps) and a 3-class head, on 60 synthetic samples
        org.ewclab.data.TaskData blobs = TestData.blobs("v", 6, 3, 60, 10, 5, 1.0);
        TaskArrays data = TaskArrays.of(blobs);
        ExperimentPreset.ModelSpec spec = new ExperimentPreset.ModelSpec("mlp", List.of(8, 5), "relu", true, false,
                32);
        for (String labels : FisherSpec.LABELS) {
            FisherSpec f = new FisherSpec(labels, "per-sample", 0, 1, 100.0, 1.0);
            try (NDManager m = NDManager.newBaseManager()) {
                Network net = new Network(m, spec, 6, 1, 6, new int[] {3}, 9, null);
                // move the BatchNorm statistics and affine parameters off their initial values
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    scope.suppressNotUsedWarning();
                    net.forward(m.create(data.trainX(), new ai.djl.ndarray.types.Shape(60, 6)), 0, true);
                    net.parameter("bn1.weight").addi(m.create(new float[] {0.5f, -0.2f, 0.3f, 0.1f, 0f, 0.2f,
                        -0.4f, 0.6f}));
                    net.parameter("bn2.bias").addi(m.create(new float[] {0.3f, -0.1f, 0.2f, 0f, 0.5f}));
                }
                List<String> names = net.activeParameters(0);
                FisherEstimator fast = new FisherEstimator(f, 4);
                FisherEstimator loop = new FisherEstimator(f, 4);
                loop.vectorised = false;
                NamedTensors a = fast.estimate(net, data, 0, names, m, null);
                NamedTensors b = loop.estimate(net, data, 0, names, m, null);
                for (String name : names) {
                    float[] va = a.get(name);
                    float[] vb = b.get(name);
                    for (int i = 0; i < va.length; i++) {
                        assertEquals(vb[i], va[i], 1e-6 + 1e-4 * Math.abs(vb[i]), labels + " " + name + "[" + i
                                + "]");
                    }
                }
            }
        }
    }

    @Test
    void topPercentKeepsOnlyTheLargestEntries() {
        NamedTensors f = new NamedTensors.Builder().put("a", new int[] {4}, new float[] {1, 5, 3, 2})
                .put("b", new int[] {2}, new float[] {4, 0}).build();
        NamedTensors top = FisherEstimator.sparsify(f, 50);
        assertArrayEquals(new float[] {0, 5, 3, 0}, top.get("a"));
        assertArrayEquals(new float[] {4, 0}, top.get("b"));
    }

    @Test
    void samplesLimitsTheEstimateToTheFirstNSamples() {
        FisherSpec spec = new FisherSpec("empirical", "per-sample", 2, 100, 100.0, 1.0);
        double[] f;
        try (NDManager m = NDManager.newBaseManager()) {
            f = TinyModel.flat(new FisherEstimator(spec, 0).estimate(TinyModel.network(m), TinyModel.data(), 0,
                    List.of("fc1.weight", "fc1.bias"), m, null));
        }
        double[] expected = new double[f.length];
        for (int i = 0; i < 2; i++) {
            double[] g = TinyModel.gradient(i, TinyModel.Y[i]);
            for (int k = 0; k < f.length; k++) {
                expected[k] += g[k] * g[k] / 2;
            }
        }
        assertClose(expected, f);
    }
}
