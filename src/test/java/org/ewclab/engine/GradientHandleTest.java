package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Network.gradient keeps one handle per parameter for the network's life. That is only right if every backward pass
 * accumulates into, and every update zeroes, that same storage: checked here against a fresh getGradient() after each
 * of several steps, with the update between them, and against a hand-computed gradient.
 */
class GradientHandleTest {
    @Test
    void theKeptHandleIsTheParametersGradientStepAfterStep() {
        ExperimentPreset preset = Synthetic.preset(ExperimentPreset.MethodSpec.of("plain", 0));
        try (NDManager m = NDManager.newBaseManager();
                Network net = new Network(m, new ExperimentPreset.ModelSpec("mlp", List.of(6), "relu", true, false, 32),
                        4, 1, 4, new int[] {3}, 7L, null);
                Optimizer opt = new Optimizer(preset.optimizer(), net, m, null)) {
            List<String> names = new ArrayList<>(net.parameters().keySet());
            Random rng = new Random(1);
            NDArray[] first = new NDArray[names.size()];
            for (int step = 0; step < 4; step++) {
                float[] x = new float[5 * 4];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray xs = Tensors.upload(m, x, new Shape(5, 4));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        // loss = Σ logits: dL/d(head bias) is 5 (one per sample) for every class, by hand
                        gc.backward(net.forward(xs, 0, true).sum());
                    }
                    for (int k = 0; k < names.size(); k++) {
                        NDArray kept = net.gradient(names.get(k));
                        if (step == 0) {
                            first[k] = kept;
                        }
                        assertSame(first[k], kept, "one handle for the network's life");
                        assertArrayEquals(net.parameter(names.get(k)).getGradient().toFloatArray(), kept.toFloatArray(),
                                0f, names.get(k) + " at step " + step);
                    }
                    String headBias = names.get(names.size() - 1);
                    for (float g : net.gradient(headBias).toFloatArray()) {
                        assertTrue(Math.abs(g - 5f) < 1e-5, headBias + " gradient " + g + " at step " + step);
                    }
                    opt.step(names);
                    for (String name : names) {
                        for (float g : net.gradient(name).toFloatArray()) {
                            assertTrue(g == 0f, "the update zeroes " + name + " in place, step " + step);
                        }
                    }
                }
            }
        }
    }
}
