package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;

/**
 * SGD with momentum and Adam, with their state held here in named arrays rather than inside DJL's optimizers, so that a
 * checkpoint can carry it and every forked run continues task A's exact state. The update itself is DJL's fused
 * native kernel, which also zeroes the gradient (PyTorch accumulates gradients otherwise).
 */
final class Optimizer implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final OptimizerSpec spec;
    private final NDManager manager;
    private final Network net;
    /** Adam's first and second moments, or SGD's momentum buffer ("m:" only). Created eagerly, never in a scope. */
    private final Map<String, NDArray> state = new HashMap<>();
    private final Map<String, Long> steps = new HashMap<>();

    Optimizer(OptimizerSpec spec, Network net, NDManager parent, TaskCheckpoint from) {
        this.spec = spec;
        this.net = net;
        this.manager = parent.newSubManager();
        for (String name : net.parameters().keySet()) {
            int[] shape = net.shape(name);
            for (String slot : slots()) {
                String key = slot + name;
                float[] init = from != null && from.optimizer().has(key) ? from.optimizer().get(key)
                        : new float[Network.count(shape)];
                state.put(key, Tensors.upload(manager, init, new ai.djl.ndarray.types.Shape(Network.toLong(shape))));
            }
            steps.put(name, from != null ? from.optimizerSteps().getOrDefault(name, 0L) : 0L);
        }
    }

    private List<String> slots() {
        return isAdam() ? List.of("m:", "v:") : List.of("m:");
    }

    private boolean isAdam() {
        return "adam".equals(spec.type());
    }

    float learningRate() {
        return spec.learningRate().floatValue();
    }

    /** Applies one update to the named parameters from their gradients, and zeroes those gradients. */
    void step(List<String> names) {
        float lr = learningRate();
        for (String name : names) {
            NDArray w = net.parameter(name);
            NDArray g = net.gradient(name);
            long t = steps.merge(name, 1L, Long::sum);
            if (isAdam()) {
                // StrictMath, not Math: Math.pow may differ in the last bit once the JIT swaps in its intrinsic,
                // and the same preset must give the same numbers run after run
                double coef1 = 1 - StrictMath.pow(BETA1, t);
                double coef2 = 1 - StrictMath.pow(BETA2, t);
                float lrBias = (float) (lr * Math.sqrt(coef2) / coef1);
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, state.get("m:" + name), state.get("v:" + name)),
                        new NDList(w), lr, lrBias, 0f, 1f, -1f, BETA1, BETA2, EPS, true, false);
            } else {
                float momentum = spec.momentum().floatValue();
                NDList inputs = momentum == 0f ? new NDList(w, g) : new NDList(w, g, state.get("m:" + name));
                w.getNDArrayInternal().sgdUpdate(inputs, new NDList(w), lr, 0f, 1f, -1f, momentum, true);
            }
        }
    }

    /** Forgets all state (the preset's resetBetweenTasks). */
    void reset() {
        for (NDArray a : state.values()) {
            a.subi(a);
        }
        steps.replaceAll((k, v) -> 0L);
    }

    NamedTensors exportState() {
        NamedTensors.Builder b = new NamedTensors.Builder();
        for (String name : net.parameters().keySet()) {
            for (String slot : slots()) {
                b.put(slot + name, net.shape(name), state.get(slot + name).toFloatArray());
            }
        }
        return b.build();
    }

    Map<String, Long> exportSteps() {
        return Map.copyOf(steps);
    }

    @Override
    public void close() {
        manager.close();
    }
}
