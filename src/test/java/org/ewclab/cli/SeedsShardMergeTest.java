package org.ewclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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

/**
 * Several seeds (every run repeated per seed, mean ± standard error in results.json and the table) and the fan-out
 * of a sweep ({@code run --shard i/n}, then {@code merge}), on two small synthetic tasks.
 */
class SeedsShardMergeTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String PRESET = "{\"name\": \"tiny\", \"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, "
            + "{\"name\": \"b\", \"dataset\": \"fashion\"}], \"model\": {\"hidden\": [8]}, "
            + "\"training\": {\"epochs\": 1, \"batchSize\": 20, \"evalEvery\": 5, \"evalSamples\": 50}, "
            + "\"optimizer\": {\"learningRate\": 0.01}, SEEDS"
            + "\"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100}], "
            + "\"sweep\": {\"methods\": [\"l2\"], \"lambdaMin\": 0.1, \"lambdaMax\": 10, \"points\": 2}}";

    /** Two small synthetic tasks whatever the spec says (the same data for every seed). */
    private static Function<Path, Function<TaskSpec, TaskData>> synthetic() {
        return base -> spec -> {
            long seed = spec.name().hashCode();
            return new TaskData(spec.name(), blobs(spec.name() + "-train", 200, seed),
                    blobs(spec.name() + "-test", 90, seed));
        };
    }

    private static Dataset blobs(String name, int n, long seed) {
        Random means = new Random(seed);
        float[][] mu = new float[3][8];
        for (float[] m : mu) {
            for (int j = 0; j < m.length; j++) {
                m[j] = (float) (0.6 * means.nextGaussian());
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

    private int cli(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return switch (args[0]) {
            case "run" -> RunCommand.run(args, o, e, synthetic());
            case "merge" -> MergeCommand.run(args, o, e);
            default -> throw new IllegalArgumentException(args[0]);
        };
    }

    private static JsonObject read(Path dir) throws Exception {
        return JsonParser.parseString(Files.readString(dir.resolve("results.json"))).getAsJsonObject();
    }

    @Test
    void twoSeedsKeepEveryRunAndSummariseMeanAndStandardError(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, PRESET.replace("SEEDS", "\"seeds\": [3, 11], "));
        Path outDir = dir.resolve("out");
        assertEquals(0, cli("run", preset.toString(), "--out", outDir.toString()), err.toString());
        JsonObject r = read(outDir);
        assertEquals(3, r.get("seed").getAsLong(), "the first seed");
        assertEquals("[3,11]", r.getAsJsonArray("seeds").toString());
        JsonArray runs = r.getAsJsonArray("runs");
        assertEquals(8, runs.size(), "(two methods + a two-point sweep) × two seeds");
        for (int i = 0; i < 8; i++) {
            assertEquals(i < 4 ? 3 : 11, runs.get(i).getAsJsonObject().get("seed").getAsLong(), "seed-major order");
        }
        // every seed trains its own task A: row 0 is shared within a seed and differs between the seeds
        JsonArray a3 = acc(runs.get(0)).get(0).getAsJsonArray();
        JsonArray a11 = acc(runs.get(4)).get(0).getAsJsonArray();
        assertEquals(a3, acc(runs.get(1)).get(0).getAsJsonArray());
        assertEquals(a11, acc(runs.get(5)).get(0).getAsJsonArray());
        assertNotEquals(acc(runs.get(1)).toString(), acc(runs.get(5)).toString(), "seeds give different results");

        JsonArray summary = r.getAsJsonArray("summary");
        assertEquals(4, summary.size(), "plain, EWC λ=100, L2 λ=0.1 and λ=10");
        JsonObject ewc = summary.get(1).getAsJsonObject();
        assertEquals("ewc", ewc.get("method").getAsString());
        assertEquals("[3,11]", ewc.getAsJsonArray("seeds").toString());
        // two values x, y: mean (x + y) / 2; sample sd |x − y| / √2; standard error sd / √2 = |x − y| / 2
        JsonObject e3 = runs.get(1).getAsJsonObject();
        JsonObject e11 = runs.get(5).getAsJsonObject();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double x = acc(e3).get(i).getAsJsonArray().get(j).getAsDouble();
                double y = acc(e11).get(i).getAsJsonArray().get(j).getAsDouble();
                JsonObject cell = ewc.getAsJsonObject("accuracy");
                assertEquals((x + y) / 2, cell.getAsJsonArray("mean").get(i).getAsJsonArray().get(j).getAsDouble(),
                        1e-6);
                assertEquals(Math.abs(x - y) / 2, cell.getAsJsonArray("se").get(i).getAsJsonArray().get(j)
                        .getAsDouble(), 1e-6);
            }
        }
        for (String f : new String[] {"averageAccuracy", "forgetting", "bwt"}) {
            double x = e3.get(f).getAsDouble();
            double y = e11.get(f).getAsDouble();
            JsonObject m = ewc.getAsJsonObject(f);
            assertEquals((x + y) / 2, m.get("mean").getAsDouble(), 1e-6, f);
            assertEquals(Math.abs(x - y) / 2, m.get("se").getAsDouble(), 1e-6, f);
            assertEquals(2, m.get("n").getAsInt(), f);
        }
        // the table prints mean ± SE per method and λ
        double m = ewc.getAsJsonObject("averageAccuracy").get("mean").getAsDouble();
        double se = ewc.getAsJsonObject("averageAccuracy").get("se").getAsDouble();
        String line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ewc ")).findFirst()
                .orElseThrow();
        assertTrue(line.contains(String.format(java.util.Locale.ROOT, "%.3f±%.3f", m, se)), line);
        // each seed's curves in a folder of its own
        assertTrue(Files.exists(outDir.resolve("seed-3").resolve("accuracy-run-2-ewc-100.csv")));
        assertTrue(Files.exists(outDir.resolve("seed-11").resolve("accuracy-run-2-ewc-100.csv")));
    }

    @Test
    void chartsOfSeveralSeedsDrawBandsErrorBarsAndPlusMinusInTheMatrix(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, PRESET.replace("SEEDS", "\"seeds\": [0, 1, 2], "));
        Path outDir = dir.resolve("out");
        assertEquals(0, cli("run", preset.toString(), "--out", outDir.toString(), "--charts"), err.toString());
        // the forgetting curve: task A and both preset runs, each with a band (a filled path before its line)
        String accuracy = Files.readString(outDir.resolve("accuracy.svg"));
        assertTrue(accuracy.contains("mean over 3 seeds, band ± 1 standard error"), "the subtitle says so");
        long bands = accuracy.lines().filter(l -> l.contains("fill-opacity=\"0.2\"") && l.contains("<path")).count();
        assertEquals(5, bands, "task A; plain and EWC each on tasks A and B");
        String csv = Files.readString(outDir.resolve("accuracy.csv"));
        assertTrue(csv.contains(",band-lower,") && csv.contains(",band-upper,"), "the band's edges in the CSV");
        // stability–plasticity: error bars (lines) on every point of the L2 sweep, plain and EWC
        String sp = Files.readString(outDir.resolve("stability-plasticity.csv"));
        assertTrue(sp.contains(",y-error-low,") && sp.contains(",x-error-high,"), sp);
        // the EWC matrix: mean in the cell, ± under it, in the SVG and as a second block in the CSV
        String matrix = Files.readString(outDir.resolve("accuracy-matrix-ewc.csv"));
        assertTrue(matrix.lines().anyMatch(l -> l.startsWith("after b ±,")), matrix);
        assertTrue(Files.readString(outDir.resolve("accuracy-matrix-ewc.svg")).contains(">±0."), "± in the cells");
        // results.json in the folder is the seeds' one, and report.html has the mean ± SE table
        JsonObject r = read(outDir);
        assertEquals(3, r.getAsJsonArray("seeds").size());
        JsonObject ewcAvg = r.getAsJsonArray("summary").get(1).getAsJsonObject().getAsJsonObject("averageAccuracy");
        String report = Files.readString(outDir.resolve("report.html"));
        assertTrue(report.contains("<table id=\"seed-summary\">"), "a summary table");
        assertTrue(report.contains(String.format(java.util.Locale.ROOT, "%.1f%% ± %.1f",
                100 * ewcAvg.get("mean").getAsDouble(), 100 * ewcAvg.get("se").getAsDouble())), report);
        assertTrue(report.contains("seed 2 · run-2"), "each run names its seed");
    }

    private static JsonArray acc(JsonElement run) {
        return run.getAsJsonObject().getAsJsonArray("accuracy");
    }

    /** results.json without the timings, which differ from one process to the next. */
    private static String withoutTimings(JsonObject r) {
        r.remove("firstTaskSeconds");
        r.remove("totalSeconds");
        for (JsonElement run : r.getAsJsonArray("runs")) {
            run.getAsJsonObject().remove("trainSeconds");
        }
        return r.toString();
    }

    @Test
    void shardsMergedEqualTheUnshardedRun(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, PRESET.replace("SEEDS", "\"seeds\": [3, 11], "));
        Path whole = dir.resolve("whole");
        assertEquals(0, cli("run", preset.toString(), "--out", whole.toString()), err.toString());
        Path s1 = dir.resolve("s1");
        Path s2 = dir.resolve("s2");
        Path s3 = dir.resolve("s3");
        // three shards of eight runs: 0–1, 2–4, 5–7; shard 2 meets both seeds and trains task A for each
        assertEquals(0, cli("run", preset.toString(), "--shard", "2/3", "--out", s2.toString()), err.toString());
        assertEquals(0, cli("run", preset.toString(), "--shard", "1/3", "--out", s1.toString()), err.toString());
        assertEquals(0, cli("run", preset.toString(), "--shard", "3/3", "--out", s3.toString()), err.toString());
        assertEquals("[2,3,4]", read(s2).getAsJsonObject("shard").getAsJsonArray("units").toString());
        assertEquals(3, read(s2).getAsJsonArray("runs").size());
        Path merged = dir.resolve("merged");
        // any order of the shard folders
        assertEquals(0, cli("merge", s3.toString(), s1.toString(), s2.toString(), "--out", merged.toString(),
                "--charts"), err.toString());
        String expected = withoutTimings(read(whole));
        assertEquals(expected, withoutTimings(read(merged)));
        assertTrue(expected.contains("\"summary\""));
        // the charts drawn from the merged results carry the spread over the two seeds
        assertTrue(Files.readString(merged.resolve("accuracy-matrix-ewc.svg")).contains(">±0."));
        assertTrue(Files.readString(merged.resolve("stability-plasticity.csv")).contains(",y-error-high,"));
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("ewc ")
                && l.contains("±")), "merge prints the mean ± SE table");
    }

    @Test
    void aSingleSeedSweepShardedInTwoMergesToTheUnshardedFileWithCharts(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, PRESET.replace("SEEDS", ""));
        Path whole = dir.resolve("whole");
        assertEquals(0, cli("run", preset.toString(), "--out", whole.toString()), err.toString());
        Path s1 = dir.resolve("s1");
        Path s2 = dir.resolve("s2");
        assertEquals(0, cli("run", preset.toString(), "--shard", "1/2", "--out", s1.toString()), err.toString());
        assertEquals(0, cli("run", preset.toString(), "--shard", "2/2", "--out", s2.toString()), err.toString());
        Path merged = dir.resolve("merged");
        assertEquals(0, cli("merge", s1.toString(), s2.toString(), "--out", merged.toString(), "--charts"),
                err.toString());
        assertEquals(withoutTimings(read(whole)), withoutTimings(read(merged)));
        assertTrue(Files.exists(merged.resolve("stability-plasticity.svg")));
        assertTrue(Files.exists(merged.resolve("report.html")));
    }

    /** Plain and replay, then a sweep of replay's memory: 0 (nothing), 10, and 500 (more than a task's 200). */
    private static final String KNOB_PRESET = "{\"name\": \"tiny-memory\", \"tasks\": [{\"name\": \"a\","
            + " \"dataset\": \"mnist\"}, {\"name\": \"b\", \"dataset\": \"fashion\"}], \"model\": {\"hidden\": [8]},"
            + " \"training\": {\"epochs\": 1, \"batchSize\": 20, \"evalEvery\": 5, \"evalSamples\": 50},"
            + " \"optimizer\": {\"learningRate\": 0.01}, SEEDS\"methods\": [{\"method\": \"plain\"},"
            + " {\"method\": \"replay\", \"memory\": 30}], \"sweep\": {\"methods\": [\"replay\"], \"knob\": \"memory\","
            + " \"values\": [0, 10, 500]}}";

    @Test
    void aReplayMemorySweepRecordsTheMemoryTheEngineHeldAndShardsMergeToTheUnshardedFile(@TempDir Path dir)
            throws Exception {
        Path preset = dir.resolve("memory.json");
        Files.writeString(preset, KNOB_PRESET.replace("SEEDS", "\"seeds\": [3, 11], "));
        Path whole = dir.resolve("whole");
        assertEquals(0, cli("run", preset.toString(), "--out", whole.toString()), err.toString());
        JsonArray runs = read(whole).getAsJsonArray("runs");
        assertEquals(10, runs.size(), "(plain, replay, three memories) × two seeds");
        for (int s = 0; s < 2; s++) {
            JsonObject replay = runs.get(5 * s + 1).getAsJsonObject();
            assertEquals(30, replay.get("replayMemory").getAsInt(), "the preset's replay run");
            assertTrue(!replay.has("knob"), "a preset run is no sweep point");
            int[] held = new int[3];
            for (int i = 0; i < 3; i++) {
                JsonObject r = runs.get(5 * s + 2 + i).getAsJsonObject();
                assertEquals("memory", r.get("knob").getAsString());
                assertEquals(new double[] {0, 10, 500}[i], r.get("knobValue").getAsDouble());
                assertEquals("linear", r.get("knobScale").getAsString());
                assertTrue(r.get("sweep").getAsBoolean());
                held[i] = r.get("replayMemory").getAsInt();
            }
            // what the engine drew: nothing, 10, and task a's whole training set (200 samples), not the 500 asked
            assertEquals("[0, 10, 200]", java.util.Arrays.toString(held));
            assertTrue(!runs.get(5 * s).getAsJsonObject().has("replayMemory"), "plain holds no memory");
        }
        // memory 0 replays nothing: the same run as plain, to the digit; memory 10 is not
        assertEquals(acc(runs.get(0)).toString(), acc(runs.get(2)).toString(), "memory 0 = plain");
        assertNotEquals(acc(runs.get(0)).toString(), acc(runs.get(3)).toString(), "memory 10 changes the run");
        // the table has the knob column with each run's value
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("replay ") && l.contains("memory 500")), table);

        // three shards of ten runs: 0–2, 3–5, 6–9; merged, the same file (but for the timings)
        Path[] shards = {dir.resolve("s1"), dir.resolve("s2"), dir.resolve("s3")};
        for (int i = 0; i < 3; i++) {
            assertEquals(0, cli("run", preset.toString(), "--shard", (i + 1) + "/3", "--out", shards[i].toString()),
                    err.toString());
        }
        Path merged = dir.resolve("merged");
        assertEquals(0, cli("merge", shards[2].toString(), shards[0].toString(), shards[1].toString(), "--out",
                merged.toString(), "--charts"), err.toString());
        String expected = withoutTimings(read(whole));
        assertTrue(expected.contains("\"knobValue\":500"), expected);
        assertEquals(expected, withoutTimings(read(merged)));
        // the chart drawn from the merged results puts accuracy against the memory, on a linear axis
        String svg = Files.readString(merged.resolve("accuracy-vs-memory.svg"));
        assertTrue(svg.contains("replay memory"), "the axis names the knob");
    }

    @Test
    void mergeRefusesAMissingShardAndShardsOfAnotherPreset(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, PRESET.replace("SEEDS", ""));
        Path other = dir.resolve("other.json");
        Files.writeString(other, PRESET.replace("SEEDS", "").replace("\"lambda\": 100", "\"lambda\": 50"));
        Path s1 = dir.resolve("s1");
        Path o2 = dir.resolve("o2");
        assertEquals(0, cli("run", preset.toString(), "--shard", "1/2", "--out", s1.toString()), err.toString());
        assertEquals(0, cli("run", other.toString(), "--shard", "2/2", "--out", o2.toString()), err.toString());
        err.reset();
        assertEquals(2, cli("merge", s1.toString(), "--out", dir.resolve("m").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("shards not given: [2] of 2"), err.toString());
        err.reset();
        assertEquals(2, cli("merge", s1.toString(), o2.toString(), "--out", dir.resolve("m").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("of another preset or plan"), err.toString());
    }

    @Test
    void badShardAndSeedsArgumentsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, PRESET.replace("SEEDS", "\"seeds\": [1, 2, 1], "));
        assertEquals(2, cli("run", preset.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("seeds[2]: 1 is already seeds[0]"), err.toString());
        err.reset();
        Files.writeString(preset, PRESET.replace("SEEDS", ""));
        assertEquals(2, cli("run", preset.toString(), "--shard", "3/2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--shard 3/2: need 1 ≤ i ≤ n"), err.toString());
        err.reset();
        assertEquals(2, cli("run", preset.toString(), "--shard", "1/2", "--charts"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("merge --charts"), err.toString());
    }
}
