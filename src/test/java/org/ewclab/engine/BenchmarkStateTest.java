package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ewclab.data.BundledDatasets;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.junit.jupiter.api.Test;

/** The bench's memory column: what each method holds beyond plain, counted by hand for the default lesson's MLP. */
class BenchmarkStateTest {
    @Test
    void eachMethodsStateIsCountedFromItsDataStructures() {
        ExperimentPreset p = ExperimentPreset.bundled("mnist-fashion");
        // 784-100-100-10 with BatchNorm: fc1 78,400+100, bn1 2·100, fc2 10,000+100, bn2 2·100, fc3 1,000+10
        long params = 78_500 + 200 + 10_100 + 200 + 1_010;
        assertEquals(params, Benchmark.parameterCount(p, List.of(BundledDatasets.mnist(), BundledDatasets.fashion())));
        assertEquals(0, Benchmark.stateBytes(MethodSpec.of("plain", 0), params, 8000, 784, 100));
        assertEquals(0, Benchmark.stateBytes(MethodSpec.of("freeze", 0), params, 8000, 784, 100));
        assertEquals(4 * 5 * params, Benchmark.stateBytes(MethodSpec.of("ewc", 1e5), params, 8000, 784, 100));
        assertEquals(4 * 9 * params, Benchmark.stateBytes(MethodSpec.of("si", 10), params, 8000, 784, 100));
        assertEquals(4 * params, Benchmark.stateBytes(MethodSpec.of("lwf", 0), params, 8000, 784, 100));
        assertEquals(4 * 6 * params, Benchmark.stateBytes(MethodSpec.of("ewc", 1e5, MethodKnobs.NONE.withDistill(0.5)),
                params, 8000, 784, 100));
        assertEquals(4L * 100 * 784, Benchmark.stateBytes(MethodSpec.of("replay", 0, MethodKnobs.NONE.withMemory(100)),
                params, 8000, 784, 100));
        assertEquals(4L * 8000 * 784, Benchmark.stateBytes(MethodSpec.of("joint", 0), params, 8000, 784, 100));
    }
}
