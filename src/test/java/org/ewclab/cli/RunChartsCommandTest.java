package org.ewclab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run PRESET.json --out DIR --charts} on a tiny toy preset with a λ sweep: headless, seconds. */
class RunChartsCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static final String TOY_SWEEP = """
            {"name": "toy-sweep", "seed": 3,
             "tasks": [{"name": "first", "toy": "blobs", "samples": 300, "testSamples": 100, "toySeed": 1},
                       {"name": "second", "toy": "moons", "samples": 300, "testSamples": 100, "toySeed": 2}],
             "model": {"type": "mlp", "hidden": [16], "batchNorm": false},
             "optimizer": {"type": "adam", "learningRate": 0.01},
             "training": {"epochs": 2, "batchSize": 30, "evalEvery": 5, "evalSamples": 50},
             "fisher": {"labels": "empirical", "gradients": "per-sample", "samples": 100},
             "methods": [{"method": "plain"}, {"method": "ewc", "lambda": 100}],
             "sweep": {"methods": ["l2", "ewc"], "lambdaMin": 1, "lambdaMax": 100, "points": 3}}
            """;

    private int run(String... args) {
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Path preset(String json) throws Exception {
        Path p = dir.resolve("preset.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void writesEveryChartHeadlessWithEverySweepRunInResults() throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire runs with java.awt.headless=true");
        Path outDir = dir.resolve("out");
        assertEquals(0, run("run", preset(TOY_SWEEP).toString(), "--out", outDir.toString(), "--charts"),
                err.toString(StandardCharsets.UTF_8));
        for (String chart : List.of("accuracy", "loss", "fisher-histogram", "drift-density", "drift-magnitude",
                "drift-vs-importance", "decision-regions", "accuracy-matrix-plain",
                "accuracy-matrix-ewc", "summary", "stability-plasticity", "accuracy-vs-lambda")) {
            checkPng(outDir, chart);
            checkSvg(outDir.resolve(chart + ".svg"));
            if (!chart.equals("drift-vs-importance") && !chart.equals("decision-regions")) { // its panel layout is checked field by field below
                checkCsv(outDir.resolve(chart + ".csv"), chart.startsWith("accuracy-matrix"));
            }
        }
        for (String f : List.of("results.json", "preset.json", "report.html", "accuracy-first.csv")) {
            assertTrue(Files.isRegularFile(outDir.resolve(f)), f);
        }
        JsonObject results = JsonParser.parseString(Files.readString(outDir.resolve("results.json")))
                .getAsJsonObject();
        JsonArray runs = results.getAsJsonArray("runs");
        assertEquals(2 + 2 * 3, runs.size(), "two preset runs and six sweep runs");
        JsonArray row0 = runs.get(0).getAsJsonObject().getAsJsonArray("accuracy").get(0).getAsJsonArray();
        int sweepRuns = 0;
        for (int i = 0; i < runs.size(); i++) {
            JsonObject r = runs.get(i).getAsJsonObject();
            assertEquals(row0, r.getAsJsonArray("accuracy").get(0), "run " + i + " forks from the same task A");
            sweepRuns += r.get("sweep").getAsBoolean() ? 1 : 0;
        }
        assertEquals(6, sweepRuns);
        List<String> chart8 = Files.readAllLines(outDir.resolve("drift-vs-importance.csv"));
        assertEquals("panel,series,kind,log10_fisher,log10_abs_drift,log10_fisher_end,log10_abs_drift_end,weights,"
                + "label", chart8.get(0));
        assertTrue(chart8.stream().anyMatch(l -> l.startsWith("plain,plain · weights,cells,"))
                && chart8.stream().anyMatch(l -> l.startsWith("EWC λ=100,EWC λ=100 · weights,cells,")), chart8.get(1));
        // a 2-D lesson: decision regions (after task A, then plain and EWC; sweep runs left out) instead of a
        // 2-cell importance map
        assertFalse(Files.exists(outDir.resolve("importance.png")));
        // task A's Fisher, SI and MAS compared: PNG, SVG and a CSV of the three measures of every weight (no pixel
        // maps for 2-D points)
        checkPng(outDir, "importance-measures");
        checkSvg(outDir.resolve("importance-measures.svg"));
        assertFalse(Files.exists(outDir.resolve("importance-maps.png")));
        List<String> measures = Files.readAllLines(outDir.resolve("importance-measures.csv"));
        assertEquals("layer,index,fisher,si,mas", measures.get(0));
        assertEquals("fc1.weight,0,", measures.get(1).substring(0, 13));
        assertEquals(32, measures.stream().filter(l -> l.startsWith("fc1.weight,")).count(), "16 units × 2 inputs");
        for (String l : measures.subList(1, measures.size())) {
            String[] f = l.split(",");
            assertEquals(5, f.length, l);
            for (int k = 2; k < 5; k++) {
                assertTrue(Float.parseFloat(f[k]) >= 0, l);
            }
        }
        List<String> regions = Files.readAllLines(outDir.resolve("decision-regions.csv"));
        assertEquals("panel,series,kind,x1,x2,x1_end,x2_end,predicted,label", regions.get(0));
        assertEquals(List.of("after task A", "plain", "EWC λ=100"), regions.stream()
                .skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().toList());
        long gridRows = regions.stream().filter(l -> l.startsWith("plain,predicted class")).count();
        assertEquals(0, gridRows % (80 * 80), "whole grids per class: " + gridRows);
        assertTrue(gridRows >= 80 * 80, "plain's grid: " + gridRows);
        assertEquals("series,kind,log10_abs_drift,density,log10_abs_drift_end,label",
                Files.readAllLines(outDir.resolve("drift-magnitude.csv")).get(0));
        String sp = Files.readString(outDir.resolve("stability-plasticity.csv"));
        assertTrue(sp.contains("L2,scatter") && sp.contains("EWC,scatter") && sp.contains("λ=100"), sp);
        // the charts show the runs' own figures: the plain run's point is (acc on second, acc on first) of its
        // last row, and the EWC matrix is the EWC run's matrix
        JsonArray plainLast = runs.get(0).getAsJsonObject().getAsJsonArray("accuracy").get(1).getAsJsonArray();
        String[] plainPoint = sp.lines().filter(l -> l.startsWith("Plain,scatter,")).findFirst().orElseThrow()
                .split(",");
        assertEquals(plainLast.get(1).getAsDouble(), Double.parseDouble(plainPoint[2]), 1e-6, sp);
        assertEquals(plainLast.get(0).getAsDouble(), Double.parseDouble(plainPoint[3]), 1e-6, sp);
        List<String> matrix = Files.readAllLines(outDir.resolve("accuracy-matrix-ewc.csv"));
        JsonArray ewcAcc = runs.get(1).getAsJsonObject().getAsJsonArray("accuracy");
        assertEquals("after training,first,second", matrix.get(0));
        for (int i = 0; i < 2; i++) {
            String[] cells = matrix.get(i + 1).split(",");
            for (int j = 0; j < 2; j++) {
                assertEquals(ewcAcc.get(i).getAsJsonArray().get(j).getAsDouble(), Double.parseDouble(cells[j + 1]),
                        1e-6, "R[" + i + "][" + j + "]");
            }
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("charts and report.html"));
    }

    /** A PNG that decodes, is drawn (not one flat colour) and whose @2x twin is exactly twice its size. */
    private static void checkPng(Path dir, String chart) throws Exception {
        java.awt.image.BufferedImage one = javax.imageio.ImageIO.read(dir.resolve(chart + ".png").toFile());
        java.awt.image.BufferedImage two = javax.imageio.ImageIO.read(dir.resolve(chart + "@2x.png").toFile());
        assertTrue(one != null && two != null, chart + ": both PNGs decode");
        assertEquals(2 * one.getWidth(), two.getWidth(), chart);
        assertEquals(2 * one.getHeight(), two.getHeight(), chart);
        assertTrue(one.getWidth() >= 200 && one.getHeight() >= 150, chart + ": " + one.getWidth() + "×"
                + one.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < one.getHeight(); y += 3) {
            for (int x = 0; x < one.getWidth(); x += 3) {
                colours.add(one.getRGB(x, y));
            }
        }
        assertTrue(colours.size() >= 3, chart + ": drawn in " + colours.size() + " colours");
    }

    /** An SVG that parses as XML, with an svg root and drawing elements. */
    private static void checkSvg(Path file) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName(), file.toString());
        int drawn = 0;
        for (String tag : List.of("path", "polyline", "line", "rect", "circle", "text")) {
            drawn += doc.getElementsByTagNameNS("*", tag).getLength();
        }
        assertTrue(drawn >= 5, file + ": " + drawn + " drawing elements");
    }

    /** A CSV with its header and at least one data row of as many fields, numbers where numbers belong. */
    private static void checkCsv(Path file, boolean matrix) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.size() >= 2, file + ": " + lines);
        if (!matrix) {
            // the drift charts name their columns (drift/density, log10_abs_drift/density); the layout is the same
            assertTrue(lines.get(0).matches("series,kind,[a-z0-9_]+,[a-z0-9_]+,[a-z0-9_]+_end,label")
                    && (lines.get(0).equals("series,kind,x,y,x_end,label") || file.toString().contains("drift")),
                    file + ": " + lines.get(0));
        }
        int fields = lines.get(0).split(",", -1).length;
        for (String line : lines.subList(1, lines.size())) {
            if (line.contains("\"")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            assertEquals(fields, cells.length, file + ": " + line);
            int first = matrix ? 1 : 2;
            int last = matrix ? cells.length - 1 : 3;
            int numbers = 0;
            for (int c = first; c <= last; c++) {
                // a marker has one coordinate only (x for a vertical line, y for a horizontal one)
                if (!cells[c].isEmpty()) {
                    Double.parseDouble(cells[c]);
                    numbers++;
                }
            }
            assertTrue(numbers >= 1, file + ": " + line);
        }
    }

    @Test
    void withoutChartsRunWritesResultsAndCurvesOnly() throws Exception {
        Path outDir = dir.resolve("plain-out");
        assertEquals(0, run("run", preset(TOY_SWEEP).toString(), "--out", outDir.toString()));
        assertTrue(Files.isRegularFile(outDir.resolve("results.json")));
        assertTrue(Files.notExists(outDir.resolve("report.html")));
        assertTrue(Files.notExists(outDir.resolve("stability-plasticity.png")));
    }

    @Test
    void sweepRunsShareTheTaskARowExactly() throws Exception {
        ExperimentPreset preset = ExperimentPreset.parse(TOY_SWEEP);
        ExperimentResult r;
        try (ExperimentSession s = ExperimentSession.open(preset, Commands.taskLoader(dir))) {
            r = s.runExperiment(new RunControl(), e -> { });
        }
        double[] row0 = r.runs().get(0).accuracy()[0];
        assertEquals(8, r.runs().size());
        for (RunResult run : r.runs()) {
            assertArrayEquals(row0, run.accuracy()[0], run.runId());
        }
        assertEquals(List.of(1.0, 10.0, 100.0), r.runs().stream().filter(RunResult::sweep)
                .filter(x -> x.method().equals("l2")).map(RunResult::lambda).toList());
    }

    @Test
    void aBadPresetFieldIsOneLineAndExitTwo() throws Exception {
        String bad = TOY_SWEEP.replace("\"points\": 3", "\"points\": 0");
        assertEquals(2, run("run", preset(bad).toString(), "--out", dir.resolve("x").toString(), "--charts"));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(errLines().get(0).contains("sweep.points"), errLines().get(0));
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    @Test
    void badChartsUsageIsOneLineAndExitTwo() throws Exception {
        assertEquals(2, run("run", "--charts"));
        assertEquals(List.of(RunCommand.USAGE), errLines());
        err.reset();
        assertEquals(2, run("run", preset(TOY_SWEEP).toString(), "--chart"));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(errLines().get(0).contains("'--chart'") && errLines().get(0).contains("--charts"));
    }
}
