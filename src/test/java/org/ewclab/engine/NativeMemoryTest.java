package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.junit.jupiter.api.Test;

/** Native memory stays flat: the live NDArrays in the manager tree do not grow over thousands of EWC steps. */
class NativeMemoryTest {

    @Test
    void liveArraysStayFlatOverTwoThousandEwcSteps() {
        // 400 samples / batch 20 = 20 steps per epoch; 110 epochs = 2,200 steps of task B with EWC
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 100))
                .withTraining(new TrainingSpec(110, 20, 100, 100, "frozen", 1));
        Map<Long, Integer> live = new TreeMap<>();
        List<Long> probes = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            int before = Runner.liveArrays();
            RunResult r = s.runFrom(cp, MethodSpec.of("ewc", 100), new RunControl(), e -> {
                if (e instanceof LabEvent.StepMetrics sm && (sm.step() - cp.step()) % 250 == 100) {
                    live.put(sm.step() - cp.step(), Runner.liveArrays());
                    probes.add(sm.step());
                }
            });
            assertEquals(2, r.rows());
            assertEquals(before, Runner.liveArrays(), "a finished run frees everything it made");
        }
        System.out.println("live NDArrays by step: " + live);
        assertTrue(live.size() >= 8, "probed over 2,000 steps: " + live);
        int first = live.values().iterator().next();
        for (Map.Entry<Long, Integer> e : live.entrySet()) {
            assertEquals(first, e.getValue(), "live NDArrays at step " + e.getKey() + " vs step 100: " + live);
        }
    }
}
