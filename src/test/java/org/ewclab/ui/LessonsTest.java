package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.ewclab.engine.ExperimentPreset;
import org.junit.jupiter.api.Test;

/** Every lesson the window's menu offers is a bundled preset that parses and validates. */
class LessonsTest {
    @Test
    void everyLessonInTheMenuIsABundledValidPreset() {
        for (String name : List.of("mnist-fashion", "mnist-fashion-sweep", "permuted-mnist", "split-mnist",
                "split-mnist-single-head", "toy-2d", "three-scenarios-task", "three-scenarios-domain",
                "three-scenarios-class", "beyond-ewc", "replay-memory-sweep")) {
            ExperimentPreset p = ExperimentPreset.bundled(name).validated();
            assertEquals(name, p.name());
            assertFalse(p.tasks().isEmpty(), name);
        }
    }
}
