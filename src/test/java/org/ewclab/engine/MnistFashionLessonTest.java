package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default lesson end to end on the bundled data: the figures must hold. */
class MnistFashionLessonTest {

    @Test
    void defaultLessonForgetsPlainlyAndEwcKeepsTheDigits() throws Exception {
        ExperimentPreset preset = ExperimentPreset.read(Path.of("examples", "mnist-fashion.json"));
        long t0 = System.nanoTime();
        ExperimentResult result;
        try (ExperimentSession s = ExperimentSession.open(preset,
                List.of(TestData.bundled("mnist"), TestData.bundled("fashion")))) {
            result = s.runExperiment(new RunControl(), e -> { });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(result.toJson());
        System.out.printf("mnist-fashion lesson: %.1f s%n", seconds);
        RunResult plain = result.runs().get(0);
        RunResult l2 = result.runs().get(1);
        RunResult ewc = result.runs().get(2);
        for (RunResult r : result.runs()) {
            System.out.printf("%-6s A after A %.3f | after B: A %.3f B %.3f%n", r.method(), r.accuracy(0, 0),
                    r.accuracy(1, 0), r.accuracy(1, 1));
        }
        assertEquals(plain.accuracy()[0][0], ewc.accuracy()[0][0]);
        assertTrue(plain.accuracy(0, 0) >= 0.92, "after A");
        assertTrue(plain.accuracy(1, 0) <= 0.45, "plain forgets MNIST");
        assertTrue(plain.accuracy(1, 1) >= 0.80, "plain learns Fashion");
        assertTrue(ewc.accuracy(1, 0) >= 0.90, "EWC keeps MNIST");
        assertTrue(ewc.accuracy(1, 1) >= 0.76, "EWC learns Fashion");
        assertTrue(l2.accuracy(1, 0) > plain.accuracy(1, 0) && l2.accuracy(1, 0) < ewc.accuracy(1, 0), "L2 between");
        assertTrue(l2.accuracy(1, 1) < ewc.accuracy(1, 1), "L2 below EWC on Fashion");
    }
}
