package org.ewclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Two small synthetic tasks whatever the spec says, so the command runs in a second. */
    private static Function<Path, Function<TaskSpec, TaskData>> synthetic() {
        return base -> spec -> {
            long seed = spec.name().hashCode();
            return new TaskData(spec.name(), blobs(spec.name() + "-train", 300, seed),
                    blobs(spec.name() + "-test", 100, seed));
        };
    }

    private static Dataset blobs(String name, int n, long seed) {
        Random means = new Random(seed);
        float[][] mu = new float[3][8];
        for (float[] m : mu) {
            for (int j = 0; j < m.length; j++) {
                m[j] = (float) means.nextGaussian();
            }
        }
        Random r = new Random(seed + n);
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 8; j++) {
                x[i * 8 + j] = (float) (mu[y[i]][j] + r.nextGaussian());
            }
        }
        return Dataset.ofFeatures(name, 8, x, y, Dataset.numberedClasses(3));
    }

    private int run(Function<Path, Function<TaskSpec, TaskData>> loaders, String... args) {
        return RunCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), loaders);
    }

    private static final String PRESET = "{\"name\": \"tiny\", \"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, "
            + "{\"name\": \"b\", \"dataset\": \"fashion\"}], \"model\": {\"hidden\": [16]}, "
            + "\"training\": {\"epochs\": 2, \"batchSize\": 20, \"evalEvery\": 5}, "
            + "\"optimizer\": {\"learningRate\": 0.01}, "
            + "\"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100}], "
            + "\"sweep\": {\"methods\": [\"l2\"], \"lambdaMin\": 0.1, \"lambdaMax\": 10, \"points\": 2}}";

    @Test
    void runWritesResultsCurvesAndATable(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, PRESET);
        Path outDir = dir.resolve("out");
        assertEquals(0, run(synthetic(), "run", preset.toString(), "--out", outDir.toString()), err.toString());
        JsonObject results = JsonParser.parseString(Files.readString(outDir.resolve("results.json")))
                .getAsJsonObject();
        assertEquals("tiny", results.get("experiment").getAsString());
        assertEquals(4, results.getAsJsonArray("runs").size(), "two methods and a two-point sweep");
        JsonObject ewc = results.getAsJsonArray("runs").get(1).getAsJsonObject();
        assertEquals("ewc", ewc.get("method").getAsString());
        assertEquals(2, ewc.getAsJsonArray("accuracy").size());
        // two tasks: forgetting = R[0][0] − R[1][0], BWT its negative, the average the last row's mean
        com.google.gson.JsonArray r0 = ewc.getAsJsonArray("accuracy").get(0).getAsJsonArray();
        com.google.gson.JsonArray r1 = ewc.getAsJsonArray("accuracy").get(1).getAsJsonArray();
        double forgetting = r0.get(0).getAsDouble() - r1.get(0).getAsDouble();
        assertEquals(forgetting, ewc.get("forgetting").getAsDouble(), 1e-6);
        assertEquals(-forgetting, ewc.get("bwt").getAsDouble(), 1e-6);
        assertEquals((r1.get(0).getAsDouble() + r1.get(1).getAsDouble()) / 2, ewc.get("averageAccuracy")
                .getAsDouble(), 1e-6);
        assertEquals(false, ewc.get("diverged").getAsBoolean());
        assertTrue(ewc.get("trainSeconds").getAsDouble() > 0);
        // task B's loss curve: 300 samples / batch 20 × 2 epochs = 30 steps after task A's 30, at λ = 100; at its
        // first step θ = θ*A, so the penalty is exactly 0, and then it is positive; its value is computed every 10th
        // step of the run (30, 40, 50) and left empty on the others
        java.util.List<String> loss = Files.readAllLines(outDir.resolve("loss-run-2-ewc-100.csv"));
        assertEquals("step,task,crossEntropy,penalty,lambda", loss.get(0));
        assertEquals(31, loss.size(), "header and 30 steps");
        String[] first = loss.get(1).split(",");
        assertEquals(30, Integer.parseInt(first[0]));
        assertEquals(0.0, Double.parseDouble(first[3]));
        for (String line : loss.subList(2, loss.size())) {
            String[] c = line.split(",");
            assertEquals(5, c.length, line);
            assertEquals(1, Integer.parseInt(c[1]), line);
            assertTrue(Double.parseDouble(c[2]) > 0, line);
            if ((Integer.parseInt(c[0]) - 30) % 10 == 0) {
                assertTrue(Double.parseDouble(c[3]) > 0, line);
            } else {
                assertEquals("", c[3], line);
            }
            assertEquals(100.0, Double.parseDouble(c[4]), line);
        }
        assertTrue(Files.readString(outDir.resolve("accuracy-run-1-plain.csv")).startsWith(
                "step,task,accuracy_a,accuracy_b\n"));
        String table = out.toString(StandardCharsets.UTF_8);
        String ewcLine = table.lines().filter(l -> l.startsWith("ewc ")).findFirst().orElseThrow();
        assertTrue(ewcLine.matches("ewc +100 +" + String.format(java.util.Locale.ROOT, "%.3f +%.3f +%.3f +%.3f +%.3f",
                r1.get(0).getAsDouble(), r1.get(1).getAsDouble(), ewc.get("averageAccuracy").getAsDouble(),
                forgetting, -forgetting).replace(".", "\\.") + " .*"), ewcLine);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("task 2 done"), "progress goes to stderr");
    }

    @Test
    void aDivergedRunShowsAsDivergedNotAsAnAccuracy(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("diverging.json");
        Files.writeString(preset, PRESET.replace("\"learningRate\": 0.01}", "\"type\": \"sgd\", \"learningRate\": 0.5}")
                .replace("\"lambda\": 100}", "\"lambda\": 1e9}"));
        Path outDir = dir.resolve("out");
        assertEquals(0, run(synthetic(), "run", preset.toString(), "--out", outDir.toString()), err.toString());
        JsonObject ewc = JsonParser.parseString(Files.readString(outDir.resolve("results.json"))).getAsJsonObject()
                .getAsJsonArray("runs").get(1).getAsJsonObject();
        assertTrue(ewc.get("diverged").getAsBoolean(), ewc.toString());
        assertTrue(ewc.getAsJsonArray("accuracy").get(1).getAsJsonArray().get(0).isJsonNull(), ewc.toString());
        assertTrue(ewc.get("forgetting").isJsonNull());
        String ewcLine = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ewc ")).findFirst()
                .orElseThrow();
        assertTrue(ewcLine.matches("ewc +1\\.00e\\+09 +— +— +— +— +— +[0-9.]+ +DIVERGED: EWC diverged at step \\d+: .*"),
                ewcLine);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("accuracy diverged diverged"), err.toString());
    }

    @Test
    void aBadPresetExitsTwoWithOneLineNamingTheField(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("bad.json");
        Files.writeString(preset, PRESET.replace("\"batchSize\": 20", "\"batchSize\": 0"));
        assertEquals(2, run(synthetic(), "run", preset.toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("training.batchSize: must be ≥ 1, got 0"), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingPresetOrArgumentExitsTwo(@TempDir Path dir) {
        assertEquals(2, run(synthetic(), "run", dir.resolve("nope.json").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
        assertEquals(2, run(synthetic(), "run"));
    }
}
