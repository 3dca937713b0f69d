package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.junit.jupiter.api.Test;

/**
 * The CNN's per-sample Fisher, both routes (the loop over single samples and the vectorised one from unfolded inputs),
 * against gradients worked out in plain Java doubles: a 6×6 image, conv 3×3 with 2 channels → ReLU → max-pool 2×2 →
 * linear to 3 classes, so every gradient is a few sums by hand; and the two routes against each other on a larger CNN.
 */
class CnnFisherTest {
    private static final int H = 6;
    private static final int C = 2;
    private static final int K = 3;
    private static final int N = 5;

    @Test
    void thePerSampleFisherOfTheCnnIsTheMeanSquaredHandGradient() {
        Random rng = new Random(3);
        byte[] pixels = new byte[N * H * H];
        rng.nextBytes(pixels);
        int[] labels = {0, 1, 2, 1, 0};
        Dataset images = Dataset.ofImages("tiny-images", H, H, pixels, labels, Dataset.numberedClasses(K));
        TaskArrays data = TaskArrays.of(new TaskData("tiny", images, images));
        ModelSpec spec = new ModelSpec("cnn", List.of(), "relu", false, false, C);
        for (String labelRule : List.of("empirical", "exact")) {
            FisherSpec f = new FisherSpec(labelRule, "per-sample", 0, 1, 100.0, 1.0);
            NamedTensors got;
            NamedTensors gotVectorised;
            NamedTensors params;
            try (NDManager m = NDManager.newBaseManager()) {
                Network net = new Network(m, spec, H * H, H, H, new int[] {K}, 2, null);
                params = net.export();
                FisherEstimator loop = new FisherEstimator(f, 0);
                loop.cnnVectorised = false;
                got = loop.estimate(net, data, 0, net.activeParameters(0), m, null);
                FisherEstimator vectorised = new FisherEstimator(f, 0);
                vectorised.cnnVectorised = true;
                gotVectorised = vectorised.estimate(net, data, 0, net.activeParameters(0), m, null);
            }
            double[][] expected = handFisher(params, data, labelRule.equals("exact"));
            String[] names = {"conv1.weight", "conv1.bias", "fc1.weight", "fc1.bias"};
            for (double[] e : expected) {
                org.junit.jupiter.api.Assertions.assertTrue(java.util.Arrays.stream(e).filter(v -> v > 1e-8).count()
                        > e.length / 2, "most gradients are alive (the comparison means something): "
                        + java.util.Arrays.toString(e));
            }
            for (NamedTensors route : List.of(got, gotVectorised)) {
                String which = route == got ? "loop " : "vectorised ";
                for (int p = 0; p < names.length; p++) {
                    float[] g = route.get(names[p]);
                    assertEquals(expected[p].length, g.length, names[p]);
                    for (int i = 0; i < g.length; i++) {
                        assertEquals(expected[p][i], g[i], 1e-5 * Math.abs(expected[p][i]) + 1e-9,
                                which + labelRule + " " + names[p] + "[" + i + "]");
                    }
                }
            }
        }
    }

    /**
     * The vectorised per-sample Fisher of the CNN (per-sample convolution gradients from unfolded inputs) against the
     * loop over single samples, on a CNN with a hidden layer and BatchNorm, for every label rule, over several probe
     * batches (the last one partial), with ties in the pooling windows.
     */
    @Test
    void theVectorisedCnnFisherEqualsTheLoopOverSingleSamples() {
        int side = 10;
        int n = 260;
        Random rng = new Random(11);
        byte[] pixels = new byte[n * side * side];
        rng.nextBytes(pixels);
        for (int i = 0; i < n; i++) {
            // a blank top half, as MNIST's background: the convolution's output there is its bias, equal across
            // each pooling window, so max-pool's tie rule (the first largest takes the gradient) is exercised
            java.util.Arrays.fill(pixels, i * side * side, i * side * side + side * side / 2, (byte) 0);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
        }
        Dataset images = Dataset.ofImages("images", side, side, pixels, labels, Dataset.numberedClasses(4));
        TaskArrays data = TaskArrays.of(new TaskData("t", images, images));
        ModelSpec spec = new ModelSpec("cnn", List.of(6), "tanh", true, false, 3);
        for (String labelRule : List.of("empirical", "sampled", "argmax", "exact")) {
            FisherSpec f = new FisherSpec(labelRule, "per-sample", 0, 1, 100.0, 1.0);
            try (NDManager m = NDManager.newBaseManager()) {
                Network net = new Network(m, spec, side * side, side, side, new int[] {4}, 5, null);
                float[] bias = net.export().get("conv1.bias");
                org.junit.jupiter.api.Assertions.assertTrue(bias[0] > 0 || bias[1] > 0 || bias[2] > 0,
                        "a positive bias, so the blank half's windows tie at a positive value");
                List<String> names = net.activeParameters(0);
                FisherEstimator fast = new FisherEstimator(f, 9);
                fast.cnnVectorised = true;
                FisherEstimator loop = new FisherEstimator(f, 9);
                loop.vectorised = false;
                NamedTensors a = fast.estimate(net, data, 0, names, m, null);
                NamedTensors b = loop.estimate(net, data, 0, names, m, null);
                assertEquals(List.of("conv1.weight", "conv1.bias", "fc1.weight", "fc1.bias", "bn1.weight", "bn1.bias",
                        "fc2.weight", "fc2.bias"), names);
                for (String name : names) {
                    float[] va = a.get(name);
                    float[] vb = b.get(name);
                    double max = 0;
                    for (float v : vb) {
                        max = Math.max(max, v);
                    }
                    org.junit.jupiter.api.Assertions.assertTrue(max > 1e-8, labelRule + " " + name + " is alive");
                    for (int i = 0; i < va.length; i++) {
                        assertEquals(vb[i], va[i], 1e-6 * max + 1e-4 * Math.abs(vb[i]), labelRule + " " + name
                                + "[" + i + "]");
                    }
                }
            }
        }
    }

    /** Mean over samples of g² (empirical labels) or Σ_y p(y|x)·g_y² (exact), per parameter group. */
    private static double[][] handFisher(NamedTensors params, TaskArrays data, boolean exact) {
        float[] cw = params.get("conv1.weight");
        float[] cb = params.get("conv1.bias");
        float[] fw = params.get("fc1.weight");
        float[] fb = params.get("fc1.bias");
        double[][] out = {new double[cw.length], new double[cb.length], new double[fw.length], new double[fb.length]};
        int o = H - 2;
        int q = o / 2;
        int feats = C * q * q;
        for (int s = 0; s < N; s++) {
            double[] x = new double[H * H];
            for (int k = 0; k < x.length; k++) {
                x[k] = data.trainX()[s * H * H + k];
            }
            double[][][] conv = new double[C][o][o];
            for (int c = 0; c < C; c++) {
                for (int i = 0; i < o; i++) {
                    for (int j = 0; j < o; j++) {
                        double v = cb[c];
                        for (int u = 0; u < 3; u++) {
                            for (int w = 0; w < 3; w++) {
                                v += cw[c * 9 + u * 3 + w] * x[(i + u) * H + j + w];
                            }
                        }
                        conv[c][i][j] = v;
                    }
                }
            }
            double[] f = new double[feats];
            int[][] at = new int[feats][];
            for (int c = 0; c < C; c++) {
                for (int i = 0; i < q; i++) {
                    for (int j = 0; j < q; j++) {
                        int idx = c * q * q + i * q + j;
                        double best = Double.NEGATIVE_INFINITY;
                        for (int a = 0; a < 2; a++) {
                            for (int b = 0; b < 2; b++) {
                                double r = Math.max(0, conv[c][2 * i + a][2 * j + b]);
                                if (r > best) {
                                    best = r;
                                    at[idx] = new int[] {c, 2 * i + a, 2 * j + b};
                                }
                            }
                        }
                        f[idx] = best;
                    }
                }
            }
            double[] z = new double[K];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) {
                z[k] = fb[k];
                for (int t = 0; t < feats; t++) {
                    z[k] += fw[k * feats + t] * f[t];
                }
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < K; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            double[] p = new double[K];
            for (int k = 0; k < K; k++) {
                p[k] = z[k] / sum;
            }
            for (int y = 0; y < K; y++) {
                double weight = exact ? p[y] : (y == data.trainY()[s] ? 1 : 0);
                if (weight == 0) {
                    continue;
                }
                double[] dz = new double[K];
                for (int k = 0; k < K; k++) {
                    dz[k] = p[k] - (k == y ? 1 : 0);
                }
                double[] gcw = new double[cw.length];
                double[] gcb = new double[cb.length];
                for (int k = 0; k < K; k++) {
                    out[3][k] += weight * dz[k] * dz[k] / N;
                    for (int t = 0; t < feats; t++) {
                        double g = dz[k] * f[t];
                        out[2][k * feats + t] += weight * g * g / N;
                    }
                }
                for (int t = 0; t < feats; t++) {
                    double df = 0;
                    for (int k = 0; k < K; k++) {
                        df += fw[k * feats + t] * dz[k];
                    }
                    int c = at[t][0];
                    int i = at[t][1];
                    int j = at[t][2];
                    if (conv[c][i][j] <= 0) {
                        continue;
                    }
                    gcb[c] += df;
                    for (int u = 0; u < 3; u++) {
                        for (int w = 0; w < 3; w++) {
                            gcw[c * 9 + u * 3 + w] += df * x[(i + u) * H + j + w];
                        }
                    }
                }
                for (int k = 0; k < gcw.length; k++) {
                    out[0][k] += weight * gcw[k] * gcw[k] / N;
                }
                for (int k = 0; k < gcb.length; k++) {
                    out[1][k] += weight * gcb[k] * gcb[k] / N;
                }
            }
        }
        return out;
    }
}
