package org.ewclab.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.i18n.Texts;

/**
 * The diagonal Fisher information of one task at the current parameters, in eval mode (BatchNorm normalises by its
 * running statistics, so a batch of one is fine and samples do not interact).
 *
 * <p>With g(x, y) = ∇θ −log p(y|x):
 * <ul>
 * <li>{@code per-sample}: F = mean over samples of g(x, y)², y by the label rule — the diagonal Fisher;</li>
 * <li>{@code batch}: F = mean over batches of (mean over the batch of g)² — the tutorials' estimator; the square of a
 * mean of B roughly independent gradients is about 1/B of the mean of squares, so this F shrinks with the batch size
 * and silently rescales λ;</li>
 * <li>labels: {@code empirical} y = the true label; {@code argmax} y = the model's most likely class; {@code sampled}
 * y ~ p(y|x) (seeded); {@code exact} Σ_y p(y|x)·g(x, y)² (for {@code batch}: Σ_y w_y·ḡ_y² with ḡ_y the batch-mean
 * gradient for label y and w_y the batch-mean p(y|x), which equals the per-sample form at batch size 1).</li>
 * </ul>
 * Then, if {@code topPercent < 100}, only the largest k% of all entries are kept (the rest set to 0). Probabilities
 * are exponentiated with StrictMath so that the labels and weights do not depend on when the JIT compiles this code.
 */
final class FisherEstimator {
    /** Samples per pass of the vectorised per-sample estimator. */
    private static final int PROBE_BATCH = 250;
    /**
     * The CNN's pass is smaller: its activations are ~40× an MLP's per sample ({@code -Dewclab.cnnProbeBatch}); 16
     * was the fastest of 8–250 in {@code bench --cnn-fisher}.
     */
    static int cnnProbeBatch = Integer.getInteger("ewclab.cnnProbeBatch", 16);

    private final FisherSpec spec;
    private final long seed;
    /** Tests compare the vectorised path (MLP and CNN) against the batch-of-one loop by turning it off. */
    boolean vectorised = true;
    /**
     * The CNN's vectorised per-sample Fisher (each sample's convolution gradient δ·Uᵀ from its unfolded input, δ from
     * one batched backward pass through ReLU and max-pool) instead of the loop over single samples: 2.1–2.5× faster
     * than the loop in {@code bench --cnn-fisher} on the 2-core CPU (1.2–1.4× without the malloc settings the lab
     * starts itself with). {@code -Dewclab.cnnFisher=loop} selects the loop.
     */
    boolean cnnVectorised = !"loop".equals(System.getProperty("ewclab.cnnFisher"));
    /** Told (samples done, samples in all) after each batch, if set. */
    ProgressSink progress;

    interface ProgressSink {
        void at(int done, int total);
    }

    FisherEstimator(FisherSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    /** How many training samples the estimate uses. */
    int sampleCount(int available) {
        return spec.samples() == 0 ? available : Math.min(available, spec.samples());
    }

    /**
     * Estimates F for the named parameters of {@code net} on the first {@link #sampleCount} training samples of
     * {@code data}, in file order, through the task's head (the hand-computed tests use this order).
     */
    NamedTensors estimate(Network net, TaskArrays data, int task, List<String> names, NDManager parent,
            RunControl control) {
        int[] rows = new int[sampleCount(data.trainSize())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return estimate(net, data, rows, task, names, parent, control);
    }

    /**
     * Estimates F on the training samples {@code rows} of {@code data}, visited in that order (the "batch" estimator's
     * batches are consecutive runs of it), through the task's head. The runner passes a seeded stratified draw.
     */
    NamedTensors estimate(Network net, TaskArrays data, int[] rows, int task, List<String> names, NDManager parent,
            RunControl control) {
        int n = rows.length;
        boolean perSample = "per-sample".equals(spec.gradients());
        if (perSample && vectorised && (!net.isConvolutional() || cnnVectorised)) {
            return sparsify(estimateVectorised(net, data, rows, task, names, parent, control), spec.topPercent());
        }
        int b = perSample ? 1 : spec.batchSize();
        int head = net.head(task);
        int classes = net.classes(task);
        int d = data.features();
        Random labelRng = new Random(seed * 0x9E3779B97F4A7C15L + 1000003L * (task + 1));
        try (NDManager fm = parent.newSubManager()) {
            Map<String, NDArray> acc = new LinkedHashMap<>();
            for (String name : names) {
                acc.put(name, fm.zeros(new Shape(Network.toLong(net.shape(name)))));
            }
            int batches = 0;
            float[] x = new float[b * d];
            for (int start = 0; start < n; start += b) {
                if (control != null && control.isStopped()) {
                    throw new TrainingStoppedException(Texts.get("run.stoppedFisher"), false);
                }
                int bs = Math.min(b, n - start);
                if (x.length != bs * d) {
                    x = new float[bs * d];
                }
                gather(data, rows, start, bs, x);
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance()
                        .newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray xs = Tensors.upload(fm, x, new Shape(bs, d));
                    NDArray logp = net.forward(xs, head, false).logSoftmax(1);
                    float[] lp = logp.toFloatArray();
                    if ("exact".equals(spec.labels())) {
                        for (int c = 0; c < classes; c++) {
                            double w = 0;
                            for (int i = 0; i < bs; i++) {
                                w += StrictMath.exp(lp[i * classes + c]);
                            }
                            w /= bs;
                            int[] y = new int[bs];
                            Arrays.fill(y, c);
                            NDArray loss = negLogLikelihood(fm, logp, y, classes);
                            // keep the graph for the next class's backward pass
                            JniUtils.backward((PtNDArray) loss, (PtNDArray) fm.ones(loss.getShape()), c < classes - 1,
                                    false);
                            accumulate(net, names, acc, (float) w);
                        }
                    } else {
                        int[] y = labels(data, rows, start, bs, lp, classes, labelRng);
                        NDArray loss = negLogLikelihood(fm, logp, y, classes);
                        gc.backward(loss);
                        accumulate(net, names, acc, 1f);
                    }
                }
                batches++;
                report(Math.min(n, start + bs), n);
            }
            NamedTensors.Builder out = new NamedTensors.Builder();
            for (String name : names) {
                float[] v = acc.get(name).toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] /= batches;
                }
                out.put(name, net.shape(name), v);
            }
            return sparsify(out.build(), spec.topPercent());
        }
    }

    /**
     * Per-sample Fisher without a loop over samples: with probes after each layer (see
     * {@link Network#forwardProbed}), Σ_i w_i·g_i(W)² = (w ⊙ δ²)ᵀ·h² for a linear weight and Σ_i w_i·δ_i² for a
     * bias; for the CNN's convolution, each sample's gradient δ_i·U_iᵀ from its unfolded input (im2col), squared.
     */
    private NamedTensors estimateVectorised(Network net, TaskArrays data, int[] rows, int task, List<String> names,
            NDManager parent, RunControl control) {
        int n = rows.length;
        int head = net.head(task);
        int classes = net.classes(task);
        int d = data.features();
        Random labelRng = new Random(seed * 0x9E3779B97F4A7C15L + 1000003L * (task + 1));
        boolean exact = "exact".equals(spec.labels());
        try (NDManager fm = parent.newSubManager()) {
            Map<String, NDArray> acc = new LinkedHashMap<>();
            for (String name : names) {
                acc.put(name, fm.zeros(new Shape(Network.toLong(net.shape(name)))));
            }
            int probeBatch = net.isConvolutional() ? cnnProbeBatch : PROBE_BATCH;
            for (int start = 0; start < n; start += probeBatch) {
                if (control != null && control.isStopped()) {
                    throw new TrainingStoppedException(Texts.get("run.stoppedFisher"), false);
                }
                int bs = Math.min(probeBatch, n - start);
                float[] x = new float[bs * d];
                gather(data, rows, start, bs, x);
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance()
                        .newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    List<Network.Probe> probes = new ArrayList<>();
                    NDArray logp = net.forwardProbed(Tensors.upload(fm, x, new Shape(bs, d)), head, probes).logSoftmax(1);
                    float[] lp = logp.toFloatArray();
                    int rounds = exact ? classes : 1;
                    int[] y = exact ? null : labels(data, rows, start, bs, lp, classes, labelRng);
                    for (int c = 0; c < rounds; c++) {
                        float[] w = new float[bs];
                        if (exact) {
                            y = new int[bs];
                            Arrays.fill(y, c);
                            for (int i = 0; i < bs; i++) {
                                w[i] = (float) StrictMath.exp(lp[i * classes + c]);
                            }
                        } else {
                            Arrays.fill(w, 1f);
                        }
                        // Σ_i −log p(y_i|x_i): each probe's gradient row i is sample i's own gradient
                        NDArray loss = negLogLikelihood(fm, logp, y, classes).mul(Tensors.scalar(fm, bs));
                        JniUtils.backward((PtNDArray) loss, (PtNDArray) fm.ones(loss.getShape()), c < rounds - 1,
                                false);
                        NDArray weights = Tensors.upload(fm, w, new Shape(bs, 1));
                        for (Network.Probe p : probes) {
                            if (!acc.containsKey(p.weight())) {
                                continue;
                            }
                            NDArray delta = p.probe().getGradient();
                            if (p.conv()) {
                                // δ at the convolution's output (B, C, positions) · Uᵀ (B, positions, 9) = each
                                // sample's own (C, 9) gradient
                                NDArray d3 = delta.reshape(bs, delta.getShape().get(1), -1);
                                NDArray g = d3.matMul(p.input().transpose(0, 2, 1));
                                NDArray w3 = weights.reshape(bs, 1, 1);
                                acc.get(p.weight()).addi(g.square().mul(w3).sum(new int[] {0})
                                        .reshape(acc.get(p.weight()).getShape()));
                                acc.get(p.bias()).addi(d3.sum(new int[] {2}).square().mul(weights)
                                        .sum(new int[] {0}));
                                JniUtils.zeroGrad((PtNDArray) p.probe());
                                continue;
                            }
                            NDArray wd2 = delta.square().mul(weights);
                            if (p.batchNorm()) {
                                acc.get(p.weight()).addi(wd2.mul(p.input().square()).sum(new int[] {0}));
                            } else {
                                acc.get(p.weight()).addi(wd2.transpose().matMul(p.input().square()));
                            }
                            acc.get(p.bias()).addi(wd2.sum(new int[] {0}));
                            JniUtils.zeroGrad((PtNDArray) p.probe());
                        }
                    }
                }
                report(Math.min(n, start + bs), n);
            }
            NamedTensors.Builder out = new NamedTensors.Builder();
            for (String name : names) {
                float[] v = acc.get(name).toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] /= n;
                }
                out.put(name, net.shape(name), v);
            }
            return out.build();
        }
    }

    /** Mean over the batch of −log p(y_i|x_i). */
    private static NDArray negLogLikelihood(NDManager m, NDArray logp, int[] y, int classes) {
        float[] onehot = new float[y.length * classes];
        for (int i = 0; i < y.length; i++) {
            onehot[i * classes + y[i]] = 1f;
        }
        return logp.mul(Tensors.upload(m, onehot, new Shape(y.length, classes))).sum().neg()
                .mul(Tensors.scalar(m, 1f / y.length));
    }

    private void report(int done, int total) {
        if (progress != null) {
            progress.at(done, total);
        }
    }

    /** Copies the training samples rows[start..start+bs) into x (row-major). */
    private static void gather(TaskArrays data, int[] rows, int start, int bs, float[] x) {
        int d = data.features();
        for (int i = 0; i < bs; i++) {
            System.arraycopy(data.trainX(), rows[start + i] * d, x, i * d, d);
        }
    }

    private int[] labels(TaskArrays data, int[] rows, int start, int bs, float[] lp, int classes, Random rng) {
        int[] y = new int[bs];
        for (int i = 0; i < bs; i++) {
            switch (spec.labels()) {
                case "empirical":
                    y[i] = data.trainY()[rows[start + i]];
                    break;
                case "argmax": {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (lp[i * classes + c] > lp[i * classes + best]) {
                            best = c;
                        }
                    }
                    y[i] = best;
                    break;
                }
                case "sampled": {
                    double u = rng.nextDouble();
                    double cum = 0;
                    int pick = classes - 1;
                    for (int c = 0; c < classes; c++) {
                        cum += StrictMath.exp(lp[i * classes + c]);
                        if (u < cum) {
                            pick = c;
                            break;
                        }
                    }
                    y[i] = pick;
                    break;
                }
                default:
                    throw new IllegalStateException(spec.labels());
            }
        }
        return y;
    }

    /** acc += w·g² for each parameter, then zeroes the gradient (PyTorch would add the next backward to it). */
    private static void accumulate(Network net, List<String> names, Map<String, NDArray> acc, float w) {
        for (String name : names) {
            NDArray p = net.parameter(name);
            NDArray g = p.getGradient();
            NDArray sq = g.square();
            if (w != 1f) {
                sq = sq.mul(Tensors.scalar(net.manager(), w));
            }
            acc.get(name).addi(sq);
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** Keeps the largest {@code topPercent}% of all entries (ties at the threshold kept), zeroes the rest. */
    static NamedTensors sparsify(NamedTensors f, double topPercent) {
        if (topPercent >= 100) {
            return f;
        }
        int total = 0;
        for (String name : f.names()) {
            total += f.get(name).length;
        }
        float[] all = new float[total];
        int k = 0;
        for (String name : f.names()) {
            float[] v = f.get(name);
            System.arraycopy(v, 0, all, k, v.length);
            k += v.length;
        }
        Arrays.sort(all);
        int keep = (int) Math.ceil(total * topPercent / 100.0);
        float threshold = keep == 0 ? Float.POSITIVE_INFINITY : all[total - keep];
        NamedTensors.Builder b = new NamedTensors.Builder();
        for (String name : f.names()) {
            float[] v = f.get(name).clone();
            for (int i = 0; i < v.length; i++) {
                if (v[i] < threshold) {
                    v[i] = 0f;
                }
            }
            b.put(name, f.shape(name), v);
        }
        return b.build();
    }

    /** Per-layer summaries and values for the charts; inputs importance = the first layer's F summed per input. */
    static List<LabEvent.LayerFisher> summarize(NamedTensors f) {
        List<LabEvent.LayerFisher> out = new ArrayList<>();
        for (String name : f.names()) {
            float[] v = f.get(name);
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            double sum = 0;
            for (float x : v) {
                sum += x;
            }
            double[] q = new double[LabEvent.QUANTILE_LEVELS.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = sorted[(int) Math.min(sorted.length - 1, Math.floor(LabEvent.QUANTILE_LEVELS[i]
                        * sorted.length))];
            }
            out.add(new LabEvent.LayerFisher(name, f.shape(name), sum, sorted[sorted.length - 1], sum / v.length, q,
                    v.clone()));
        }
        return out;
    }

    /** Σ over output units of the first layer's Fisher, per input (weight shape out×in, row-major). */
    static float[] inputImportance(NamedTensors f, String firstWeight) {
        if (firstWeight == null || !f.has(firstWeight)) {
            return null;
        }
        int[] shape = f.shape(firstWeight);
        float[] w = f.get(firstWeight);
        float[] out = new float[shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            for (int c = 0; c < shape[1]; c++) {
                out[c] += w[r * shape[1] + c];
            }
        }
        return out;
    }

    static double max(NamedTensors f) {
        double m = 0;
        for (String name : f.names()) {
            for (float v : f.get(name)) {
                m = Math.max(m, v);
            }
        }
        return m;
    }
}
