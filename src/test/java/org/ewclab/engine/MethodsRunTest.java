package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every method runs from one task-A checkpoint on the synthetic pair of conflicting tasks. */
class MethodsRunTest {
    private static final List<MethodSpec> ALL = List.of(
            MethodSpec.of("plain", 0),
            MethodSpec.of("ewc", 100),
            MethodSpec.of("ewc", 100, MethodKnobs.NONE.withDistill(1.0)),
            MethodSpec.of("ewcpp", 100, MethodKnobs.NONE.withBeta(0.5)),
            MethodSpec.of("si", 10, MethodKnobs.NONE.withXi(0.1)),
            MethodSpec.of("mas", 10),
            MethodSpec.of("lwf", 0, MethodKnobs.NONE.withAlpha(1.0).withTemperature(2.0)),
            MethodSpec.of("replay", 0, MethodKnobs.NONE.withMemory(40).withRatio(1.0)),
            MethodSpec.of("freeze", 0, MethodKnobs.NONE.withLayers(1)),
            MethodSpec.of("joint", 0));

    private static TaskCheckpoint checkpoint;
    private static final List<RunResult> results = new ArrayList<>();

    @BeforeAll
    static void runEveryMethod() {
        ExperimentPreset preset = Synthetic.preset(ALL.toArray(new MethodSpec[0]));
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            checkpoint = s.trainFirstTask(new RunControl(), null);
            for (MethodSpec m : ALL) {
                results.add(s.runFrom(checkpoint, m, new RunControl(), null));
            }
        }
    }

    private static RunResult result(String method) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).method().equals(method)) {
                return results.get(i);
            }
        }
        throw new AssertionError(method);
    }

    @Test
    void everyMethodForksFromTheSameTaskARowAndFinishes() {
        for (int i = 0; i < ALL.size(); i++) {
            RunResult r = results.get(i);
            assertEquals(ALL.get(i).method(), r.method());
            assertFalse(r.diverged(), r.method() + ": " + r.message());
            assertArrayEquals(checkpoint.accuracy()[0], r.accuracy()[0], r.method());
            assertTrue(Double.isFinite(r.averageAccuracy()), r.method());
        }
        assertEquals("memory 40", result("replay").variant(), "the result names its knob");
        assertEquals("+ distill 1", results.get(2).variant());
        assertEquals("", results.get(1).variant());
    }

    @Test
    void rehearsalKeepsTaskAWherePlainTrainingForgetsIt() {
        double plain = result("plain").accuracy()[1][0];
        double replay = result("replay").accuracy()[1][0];
        double joint = result("joint").accuracy()[1][0];
        assertTrue(replay > plain + 0.1, "replay " + replay + " vs plain " + plain);
        assertTrue(joint > plain + 0.1, "joint " + joint + " vs plain " + plain);
        // and both still learn task B
        assertTrue(result("replay").accuracy()[1][1] > 0.6);
        assertTrue(result("joint").accuracy()[1][1] > 0.6);
    }

    @Test
    void freezeLeavesTheFirstLayerBitIdentical() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("freeze", 0, MethodKnobs.NONE.withLayers(1)));
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            s.useCheckpoint(checkpoint);
            Runner runner = new Runner(preset, Runner.arrays(preset, Synthetic.tasks()), new RunControl(), e -> { });
            runner.runFrom(checkpoint, preset.methods().get(0), false, "run-1");
            assertArrayEquals(checkpoint.parameter("fc1.weight"), runner.lastModel.get("fc1.weight"));
            assertArrayEquals(checkpoint.parameter("fc1.bias"), runner.lastModel.get("fc1.bias"));
            assertFalse(Arrays.equals(checkpoint.parameter("fc2.weight"), runner.lastModel.get("fc2.weight")));
        }
    }

    @Test
    void theCheckpointKeepsTaskAsPathIntegralForSi() {
        // SI's Ω is positive where task A's training lowered the loss: some weights must carry importance
        NamedTensors state = checkpoint.optimizer();
        float[] omega = state.get(Runner.SI_OMEGA + "fc1.weight");
        double sum = 0;
        for (float v : omega) {
            sum += Math.max(0, v);
        }
        assertTrue(sum > 0, "Σ max(ω, 0) = " + sum);
        assertEquals(checkpoint.parameter("fc1.weight").length, omega.length);
    }

    @Test
    void labelsOffsetPerTaskWidenTheSharedHead() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("plain", 0));
        TrainingSpec t = preset.training();
        ExperimentPreset offset = preset.withTraining(new TrainingSpec(t.epochs(), t.batchSize(), t.evalEvery(),
                t.evalSamples(), t.batchNormStats(), t.threads(), "seen", "per-task")).validated();
        List<TaskArrays> arrays = Runner.arrays(offset, Synthetic.tasks());
        assertEquals(4, arrays.get(1).trainY()[0] - Synthetic.tasks().get(1).train().label(0));
        assertEquals(8, arrays.get(1).classes());
        try (ExperimentSession s = ExperimentSession.open(offset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), null);
            assertEquals(8 * 32, cp.parameter("fc2.weight").length, "an 8-way head for two 4-class tasks");
            RunResult r = s.runFrom(cp, MethodSpec.of("plain", 0), new RunControl(), null);
            // the "seen" mask kept task B's four new units out of task A's training: task A could not predict them
            assertTrue(cp.accuracy()[0][0] > 0.6, "task A " + cp.accuracy()[0][0]);
            assertTrue(r.accuracy()[1][1] > 0.6, "task B learned on units 4..7: " + r.accuracy()[1][1]);
        }
    }

    @Test
    void siRefusesACheckpointWithoutAPathIntegral() {
        NamedTensors.Builder b = new NamedTensors.Builder();
        NamedTensors state = checkpoint.optimizer();
        for (String name : state.names()) {
            if (!name.startsWith("si.")) {
                b.put(name, state.shape(name), state.get(name));
            }
        }
        TaskCheckpoint old = new TaskCheckpoint(checkpoint.modelKey(), 0, checkpoint.step(), checkpoint.accuracy(),
                checkpoint.model(), b.build(), checkpoint.optimizerSteps(), checkpoint.fisherPerTask(),
                checkpoint.anchorsPerTask(), checkpoint.fisherVariant());
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("si", 1));
        Runner runner = new Runner(preset, Runner.arrays(preset, Synthetic.tasks()), new RunControl(), e -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runner.runFrom(old, preset.methods().get(0), false, "run-1"));
        assertTrue(e.getMessage().contains("path integral"), e.getMessage());
    }
}
