package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExperimentPresetTest {
    private static final String TASKS = "\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, "
            + "{\"name\": \"b\", \"dataset\": \"fashion\"}]";

    private static String error(String json) {
        return assertThrows(PresetException.class, () -> ExperimentPreset.parse(json)).getMessage();
    }

    @Test
    void everyBundledPresetParsesAndSavesByteIdentically() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, files.toString());
        for (Path f : files) {
            ExperimentPreset p = ExperimentPreset.read(f);
            String saved = p.toJson();
            ExperimentPreset again = ExperimentPreset.parse(saved);
            assertEquals(p, again, f.toString());
            assertEquals(saved, again.toJson(), f + ": save → load → save");
        }
    }

    @Test
    void theDefaultLessonSaysWhatTheIssueSays() {
        ExperimentPreset p = ExperimentPreset.bundled("mnist-fashion");
        assertEquals(List.of(100, 100), p.model().hidden());
        assertTrue(p.model().batchNorm());
        assertEquals("adam", p.optimizer().type());
        assertEquals(0.001, p.optimizer().learningRate());
        assertEquals(4, p.training().epochs());
        assertEquals(100, p.training().batchSize());
        assertEquals("frozen", p.training().batchNormStats());
        assertEquals("argmax/batch", p.fisher().variant());
        assertEquals(List.of("plain", "l2", "ewc"), p.methods().stream().map(ExperimentPreset.MethodSpec::method)
                .toList());
        assertEquals(1e5, p.methods().get(2).lambda());
    }

    @Test
    void aMinimalPresetGetsEveryDefault() {
        ExperimentPreset p = ExperimentPreset.parse("{" + TASKS + "}");
        assertEquals("experiment", p.name());
        assertEquals(0L, p.seed());
        assertEquals("mlp", p.model().type());
        assertEquals("empirical/per-sample", p.fisher().variant());
        assertEquals(List.of(ExperimentPreset.MethodSpec.of("plain", 0)), p.methods());
        assertEquals(null, p.sweep());
        assertEquals(p, ExperimentPreset.parse(p.toJson()));
    }

    @Test
    void badPresetsNameTheFieldAndTheProblem() {
        assertEquals("training.batchSize: must be ≥ 1, got 0",
                error("{" + TASKS + ", \"training\": {\"batchSize\": 0}}"));
        assertEquals("methods[2].method: unknown method \"ewk\" (plain, l2, ewc, online-ewc, ewcpp, si, mas, lwf, replay, freeze, joint)",
                error("{" + TASKS + ", \"methods\": [{\"method\": \"plain\"}, {\"method\": \"l2\", \"lambda\": 1},"
                        + " {\"method\": \"ewk\", \"lambda\": 1}]}"));
        assertEquals("methods[0].lambda: missing (ewc needs a λ ≥ 0)",
                error("{" + TASKS + ", \"methods\": [{\"method\": \"ewc\"}]}"));
        assertEquals("methods[0].lambda: must be ≥ 0, got -1",
                error("{" + TASKS + ", \"methods\": [{\"method\": \"ewc\", \"lambda\": -1}]}"));
        assertEquals("model.type: unknown model type \"rnn\" (mlp, cnn)",
                error("{" + TASKS + ", \"model\": {\"type\": \"rnn\"}}"));
        assertEquals("fisher.labels: unknown labels \"true\" (empirical, sampled, argmax, exact)",
                error("{" + TASKS + ", \"fisher\": {\"labels\": \"true\"}}"));
        assertEquals("training.batchNormStats: unknown batchNormStats \"moving\" (frozen, updated)",
                error("{" + TASKS + ", \"training\": {\"batchNormStats\": \"moving\"}}"));
        assertTrue(error("{" + TASKS + ", \"optimizer\": {\"lr\": 0.1}}").startsWith("optimizer.lr: unknown field"));
        assertTrue(error("{" + TASKS + ", \"sweeep\": {}}").startsWith("sweeep: unknown field"));
        assertEquals("seed: must be a number, got \"zero\"", error("{" + TASKS + ", \"seed\": \"zero\"}"));
        assertEquals("training.epochs: must be a whole number, got 1.5",
                error("{" + TASKS + ", \"training\": {\"epochs\": 1.5}}"));
        assertEquals("tasks: needs at least 2 tasks, got 1",
                error("{\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}]}"));
        assertEquals("tasks[1]: needs exactly one source (dataset, toy, idx, csv or folder), got 2",
                error("{\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, {\"name\": \"b\", \"dataset\": "
                        + "\"mnist\", \"toy\": \"moons\"}]}"));
        assertEquals("tasks[1].name: \"a\" is used by an earlier task; task names must differ",
                error("{\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, {\"name\": \"a\", \"dataset\": "
                        + "\"fashion\"}]}"));
        assertTrue(error("{" + TASKS + ", \"tasks\": 3}").startsWith("tasks: must be a list"));
        assertTrue(error("{").startsWith("not valid JSON"));
        assertEquals("tasks: missing (a list of at least 2 tasks)", error("{}"));
        assertEquals("fisher.topPercent: must be in (0, 100], got 0",
                error("{" + TASKS + ", \"fisher\": {\"topPercent\": 0}}"));
        assertEquals("sweep.lambdaMax: must be ≥ lambdaMin (10), got 1",
                error("{" + TASKS + ", \"sweep\": {\"lambdaMin\": 10, \"lambdaMax\": 1}}"));
    }

    @Test
    void aSweepSpansLambdaEvenlyInLog10() {
        ExperimentPreset p = ExperimentPreset.parse("{" + TASKS + ", \"sweep\": {\"methods\": [\"ewc\", \"l2\"], "
                + "\"lambdaMin\": 1, \"lambdaMax\": 1000, \"points\": 4}}");
        assertArrayEquals(new double[] {1, 10, 100, 1000}, p.sweep().lambdas(), 1e-9);
        assertEquals(List.of("ewc", "l2"), p.sweep().methods());
        assertEquals(p.toJson(), ExperimentPreset.parse(p.toJson()).toJson());
    }

    @Test
    void writtenNumbersStayReadable() {
        String json = ExperimentPreset.bundled("mnist-fashion").toJson();
        assertTrue(json.contains("\"lambda\": 100000"), json);
        assertTrue(json.contains("\"learningRate\": 0.001"), json);
    }
}
