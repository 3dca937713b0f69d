package org.ewclab.engine;

import java.util.List;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;

/** A small fast pair of conflicting tasks (same 4 labels, different class means) and a preset for it. */
final class Synthetic {
    static final int D = 20;

    private Synthetic() {
    }

    static List<TaskData> tasks() {
        return List.of(TestData.blobs("a", D, 4, 400, 200, 11, 1.0), TestData.blobs("b", D, 4, 400, 200, 22, 1.0));
    }

    static ExperimentPreset preset(MethodSpec... methods) {
        return new ExperimentPreset("synthetic", null, null, 7L,
                List.of(TaskSpec.bundled("a", "mnist"), TaskSpec.bundled("b", "mnist")),
                new ModelSpec("mlp", List.of(32), "relu", false, false, null),
                new OptimizerSpec("adam", 0.01, null, false),
                new TrainingSpec(3, 20, 10, 100, "frozen", 1),
                new FisherSpec("empirical", "per-sample", 200, null, null, null),
                List.of(methods), null, null).validated();
    }
}
