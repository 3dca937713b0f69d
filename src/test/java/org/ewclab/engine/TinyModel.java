package org.ewclab.engine;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.ModelSpec;

/**
 * A softmax regression small enough to differentiate by hand: logits = W·x + b, W 3×2, and four samples. With
 * p = softmax(logits), the gradient of −log p(y|x) is (p − e_y)·xᵀ for W and p − e_y for b.
 */
final class TinyModel {
    static final int D = 2;
    static final int K = 3;
    static final float[] W = {0.5f, -0.3f, 0.2f, 0.8f, -0.6f, 0.1f};
    static final float[] B = {0.1f, -0.2f, 0.05f};
    static final float[][] X = {{1.0f, 0.5f}, {-0.4f, 1.2f}, {0.3f, -0.9f}, {2.0f, 0.1f}};
    static final int[] Y = {0, 1, 2, 1};

    private TinyModel() {
    }

    static NamedTensors state() {
        return new NamedTensors.Builder().put("fc1.weight", new int[] {K, D}, W.clone())
                .put("fc1.bias", new int[] {K}, B.clone()).build();
    }

    static Network network(NDManager m) {
        return new Network(m, new ModelSpec("mlp", List.of(), "relu", false, false, 32), D, 1, D, new int[] {K}, 0,
                state());
    }

    static TaskArrays data() {
        float[] x = new float[X.length * D];
        for (int i = 0; i < X.length; i++) {
            System.arraycopy(X[i], 0, x, i * D, D);
        }
        Dataset ds = Dataset.ofFeatures("tiny", D, x, Y, Dataset.numberedClasses(K));
        return TaskArrays.of(new TaskData("tiny", ds, ds));
    }

    static double[] probabilities(int i) {
        double[] z = new double[K];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < K; c++) {
            z[c] = B[c];
            for (int j = 0; j < D; j++) {
                z[c] += W[c * D + j] * X[i][j];
            }
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < K; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < K; c++) {
            z[c] /= sum;
        }
        return z;
    }

    /** The gradient of −log p(y|x_i), flattened as [W (K×D) row-major, b (K)]. */
    static double[] gradient(int i, int y) {
        double[] p = probabilities(i);
        double[] g = new double[K * D + K];
        for (int c = 0; c < K; c++) {
            double delta = p[c] - (c == y ? 1 : 0);
            for (int j = 0; j < D; j++) {
                g[c * D + j] = delta * X[i][j];
            }
            g[K * D + c] = delta;
        }
        return g;
    }

    static int argmax(int i) {
        double[] p = probabilities(i);
        int best = 0;
        for (int c = 1; c < K; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Flattens the estimator's output in the same [W, b] order. */
    static double[] flat(NamedTensors f) {
        float[] w = f.get("fc1.weight");
        float[] b = f.get("fc1.bias");
        double[] out = new double[w.length + b.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i];
        }
        for (int i = 0; i < b.length; i++) {
            out[w.length + i] = b[i];
        }
        return out;
    }
}
