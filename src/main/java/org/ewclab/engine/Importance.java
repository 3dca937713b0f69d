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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Importance measures other than the Fisher, for the same closed-form quadratic ({@link Penalty}):
 * <ul>
 * <li>SI (Zenke et al. 2017): while a task trains, {@code ω_i += −g_i·Δθ_i} per step (g the gradient of the task's
 * loss, before the quadratic penalty is added; Δθ the step the optimizer took), and at its end
 * {@code Ω_i = max(ω_i, 0) / (Δ_i² + ξ)} with Δ_i the parameter's total change over the task. A negative ω (a
 * weight whose steps went uphill on the task's loss, e.g. through Adam's momentum) is clipped to 0: a negative
 * weight in the quadratic would push the weight away without bound.</li>
 * <li>MAS (Aljundi et al. 2018): {@code Ω_i = mean over samples of |∂‖f(x)‖²/∂θ_i|}, f the logits of the task's
 * head, in eval mode — no labels needed. Per sample, as the paper defines it (the absolute value of a batch-mean
 * gradient would shrink with the batch as the "batch" Fisher does).</li>
 * </ul>
 */
final class Importance {
    private static final int PROBE_BATCH = 250;
    /** SI's damping ξ when a lesson names none (the preset default). */
    static final double DEFAULT_XI = 0.1;

    private Importance() {
    }

    /** Ω = max(ω, 0) / (Δ² + ξ), per entry. */
    static NamedTensors si(NamedTensors omega, NamedTensors delta, double xi) {
        NamedTensors.Builder b = new NamedTensors.Builder();
        for (String name : omega.names()) {
            float[] w = omega.get(name);
            float[] d = delta.get(name);
            float[] out = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                out[i] = (float) (Math.max(w[i], 0.0) / ((double) d[i] * d[i] + xi));
            }
            b.put(name, omega.shape(name), out);
        }
        return b.build();
    }

    /**
     * The SI path integral of one task's training: {@link #capture} after backward (before the penalty's gradient is
     * added and before the update), {@link #accumulate} after the update. Its accumulators live outside any step's
     * scope, in their own sub-manager.
     */
    static final class PathIntegral implements AutoCloseable {
        private final NDManager manager;
        private final List<String> names;
        private final Map<String, NDArray> omega = new LinkedHashMap<>();
        private final Map<String, float[]> start = new LinkedHashMap<>();
        private final Map<String, int[]> shapes = new LinkedHashMap<>();
        private final Map<String, NDArray> grad = new LinkedHashMap<>();
        private final Map<String, NDArray> before = new LinkedHashMap<>();

        PathIntegral(Network net, List<String> names, NDManager parent) {
            this.manager = parent.newSubManager();
            this.names = List.copyOf(names);
            for (String name : names) {
                int[] shape = net.shape(name);
                shapes.put(name, shape);
                NDArray z = manager.zeros(new Shape(Network.toLong(shape)));
                NDScope.unregister(z);
                omega.put(name, z);
                start.put(name, net.parameter(name).toFloatArray());
            }
        }

        /** Copies each parameter's gradient (of the task's loss) and value; the step's NDScope frees the copies. */
        void capture(Network net) {
            for (String name : names) {
                NDArray p = net.parameter(name);
                grad.put(name, net.gradient(name).duplicate());
                before.put(name, p.duplicate());
            }
        }

        /** ω −= g ⊙ (θ_after − θ_before), for the step just taken. */
        void accumulate(Network net) {
            for (String name : names) {
                NDArray g = grad.get(name);
                if (g == null) {
                    continue;
                }
                NDArray moved = net.parameter(name).sub(before.get(name));
                omega.get(name).subi(g.mul(moved));
            }
            grad.clear();
            before.clear();
        }

        NamedTensors omega() {
            NamedTensors.Builder b = new NamedTensors.Builder();
            for (String name : names) {
                b.put(name, shapes.get(name), omega.get(name).toFloatArray());
            }
            return b.build();
        }

        /** θ now − θ at the start of the task. */
        NamedTensors delta(Network net) {
            NamedTensors.Builder b = new NamedTensors.Builder();
            for (String name : names) {
                float[] now = net.parameter(name).toFloatArray();
                float[] s = start.get(name);
                for (int i = 0; i < now.length; i++) {
                    now[i] -= s[i];
                }
                b.put(name, shapes.get(name), now);
            }
            return b.build();
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /**
     * MAS importance of the named parameters on the training samples {@code rows} of {@code data}, through the
     * task's head, in eval mode. MLP: vectorised with the per-sample probes of {@link Network#forwardProbed}
     * (Σ_i |δ_i ⊗ h_i| = |Δ|ᵀ·|H|); CNN: a batch-of-one loop.
     */
    static NamedTensors mas(Network net, TaskArrays data, int[] rows, int task, List<String> names,
            NDManager parent) {
        int n = rows.length;
        int head = net.head(task);
        int d = data.features();
        try (NDManager m = parent.newSubManager()) {
            Map<String, NDArray> acc = new LinkedHashMap<>();
            for (String name : names) {
                acc.put(name, m.zeros(new Shape(Network.toLong(net.shape(name)))));
            }
            int chunk = !net.isConvolutional() ? PROBE_BATCH : 1;
            for (int startRow = 0; startRow < n; startRow += chunk) {
                int bs = Math.min(chunk, n - startRow);
                float[] x = new float[bs * d];
                for (int i = 0; i < bs; i++) {
                    System.arraycopy(data.trainX(), rows[startRow + i] * d, x, i * d, d);
                }
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance()
                        .newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray xs = Tensors.upload(m, x, new Shape(bs, d));
                    if (!net.isConvolutional()) {
                        List<Network.Probe> probes = new ArrayList<>();
                        // Σ_i ‖f(x_i)‖²: each probe's gradient row i is sample i's own gradient
                        NDArray out = net.forwardProbed(xs, head, probes);
                        NDArray loss = out.square().sum();
                        JniUtils.backward((PtNDArray) loss, (PtNDArray) m.ones(loss.getShape()), false, false);
                        for (Network.Probe p : probes) {
                            if (!acc.containsKey(p.weight())) {
                                continue;
                            }
                            NDArray delta = p.probe().getGradient().abs();
                            NDArray input = p.input().abs();
                            if (p.batchNorm()) {
                                acc.get(p.weight()).addi(delta.mul(input).sum(new int[] {0}));
                            } else {
                                acc.get(p.weight()).addi(delta.transpose().matMul(input));
                            }
                            acc.get(p.bias()).addi(delta.sum(new int[] {0}));
                        }
                    } else {
                        NDArray loss = net.forward(xs, head, false).square().sum();
                        gc.backward(loss);
                        for (String name : names) {
                            NDArray p = net.parameter(name);
                            acc.get(name).addi(p.getGradient().abs());
                            JniUtils.zeroGrad((PtNDArray) p);
                        }
                    }
                }
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
}
