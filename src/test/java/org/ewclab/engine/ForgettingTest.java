package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.junit.jupiter.api.Test;

class ForgettingTest {

    @Test
    void plainForgetsTheFirstTaskAndEwcKeepsIt() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("plain", 0), MethodSpec.of("ewc", 1000));
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            ExperimentResult r = s.runExperiment(new RunControl(), e -> { });
            RunResult plain = r.runs().get(0);
            RunResult ewc = r.runs().get(1);
            System.out.println(r.toJson());
            assertArrayEquals(plain.accuracy()[0], ewc.accuracy()[0], "forked runs share row 0");
            assertTrue(plain.accuracy(0, 0) > 0.9, "task A learned");
            assertTrue(plain.accuracy(1, 1) > 0.9, "plain learns B");
            assertTrue(plain.accuracy(1, 0) < 0.6, "plain forgets A: " + plain.accuracy(1, 0));
            assertTrue(ewc.accuracy(1, 0) > plain.accuracy(1, 0) + 0.25, "EWC keeps A: " + ewc.accuracy(1, 0));
            assertTrue(ewc.accuracy(1, 1) > 0.8, "EWC still learns B: " + ewc.accuracy(1, 1));
            assertFalse(ewc.diverged());
        }
    }
}
