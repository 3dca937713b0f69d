package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private static final ModelSpec MLP_BN = new ModelSpec("mlp", List.of(100, 100), "relu", true, false, 32);

    @Test
    void parametersCarryStableReadableNames() {
        Map<String, int[]> layout = Network.layout(MLP_BN, 28, 28, 784, new int[] {10});
        assertEquals(List.of("fc1.weight", "fc1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean",
                "bn1.running_var", "fc2.weight", "fc2.bias", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "fc3.weight", "fc3.bias"), List.copyOf(layout.keySet()));
        assertArrayEquals(new int[] {100, 784}, layout.get("fc1.weight"));
        ModelSpec multi = new ModelSpec("mlp", List.of(50), "relu", false, true, 32);
        assertEquals(List.of("fc1.weight", "fc1.bias", "head1.weight", "head1.bias", "head2.weight", "head2.bias"),
                List.copyOf(Network.layout(multi, 28, 28, 784, new int[] {2, 3}).keySet()));
        ModelSpec cnn = new ModelSpec("cnn", List.of(), "relu", false, false, 32);
        Map<String, int[]> c = Network.layout(cnn, 28, 28, 784, new int[] {10});
        assertEquals(List.of("conv1.weight", "conv1.bias", "fc1.weight", "fc1.bias"), List.copyOf(c.keySet()));
        assertArrayEquals(new int[] {10, 32 * 13 * 13}, c.get("fc1.weight"));
    }

    @Test
    void frozenBatchNormStatisticsStayPutAndUpdatedOnesMove() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new Network(m, MLP_BN, 784, 28, 28, new int[] {10}, 1, null);
            NDArray x = m.randomUniform(0, 1, new Shape(32, 784));
            float[] before = net.export().get("bn1.running_mean");
            net.forward(x, 0, false);
            assertArrayEquals(before, net.export().get("bn1.running_mean"), "eval mode leaves the statistics");
            net.forward(x, 0, true);
            assertFalse(java.util.Arrays.equals(before, net.export().get("bn1.running_mean")),
                    "train mode updates them");
        }
    }

    @Test
    void multiHeadTasksUseTheTrunkAndTheirOwnHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new Network(m, new ModelSpec("mlp", List.of(8), "relu", false, true, 32), 4, 1, 4,
                    new int[] {2, 3}, 0, null);
            assertEquals(List.of("fc1.weight", "fc1.bias", "head2.weight", "head2.bias"), net.activeParameters(1));
            assertEquals(3, net.forward(m.ones(new Shape(5, 4)), net.head(1), false).getShape().get(1));
        }
    }

    @Test
    void theCnnRunsOnImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new Network(m, new ModelSpec("cnn", List.of(), "relu", false, false, 4), 784, 28, 28,
                    new int[] {10}, 0, null);
            assertArrayEquals(new long[] {3, 10}, net.forward(m.ones(new Shape(3, 784)), 0, true).getShape()
                    .getShape());
        }
    }

    @Test
    void theSameSeedMakesTheSameNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network a = new Network(m, MLP_BN, 784, 28, 28, new int[] {10}, 5, null);
            Network b = new Network(m, MLP_BN, 784, 28, 28, new int[] {10}, 5, null);
            Network c = new Network(m, MLP_BN, 784, 28, 28, new int[] {10}, 6, null);
            assertArrayEquals(a.export().get("fc1.weight"), b.export().get("fc1.weight"));
            assertFalse(java.util.Arrays.equals(a.export().get("fc1.weight"), c.export().get("fc1.weight")));
            // PyTorch's default init: U(±1/√fan_in)
            float bound = (float) (1 / Math.sqrt(784));
            for (float v : a.export().get("fc1.weight")) {
                assertEquals(0, v, bound);
            }
        }
    }
}
