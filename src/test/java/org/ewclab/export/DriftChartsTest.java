package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.LabEvent;
import org.junit.jupiter.api.Test;

/** The three drift charts as exported: densities of area 1 at every scale, named CSV columns, chart 8's cells. */
class DriftChartsTest {
    private static final double[] SDS = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1};

    private static LabEvent.RunStarted started(String id, String method, double lambda) {
        String key = method.equals("first-task") ? "first-task" : method;
        return new LabEvent.RunStarted(id, method, lambda, key, 0, List.of("a", "b"), method.equals("first-task")
                ? 0 : 100, 200, "CPU", "1");
    }

    /** A lesson log: task A, then one run per method, each with one layer of (drift, Fisher). */
    private static ExperimentLog.Snapshot lesson(Map<String, float[][]> runs) {
        ExperimentLog log = new ExperimentLog();
        log.accept(started("first", "first-task", 0));
        int i = 1;
        for (Map.Entry<String, float[][]> e : runs.entrySet()) {
            String id = "run-" + i++;
            log.accept(started(id, e.getKey(), e.getKey().equals("plain") ? 0 : 1e5));
            log.accept(new LabEvent.ParameterSnapshot(id, 1, 200,
                    List.of(new LabEvent.LayerDelta("fc1.weight", e.getValue()[0], e.getValue()[1]))));
        }
        return log.snapshot();
    }

    /**
     * 10,000 weights: the first 1,000 important (F = 1) moving with sd {@code importantSd}, the rest (F = 1e-6)
     * with sd {@code restSd}.
     */
    private static float[][] weights(double importantSd, double restSd, long seed) {
        Random r = new Random(seed);
        float[] drift = new float[10_000];
        float[] fisher = new float[drift.length];
        for (int i = 0; i < drift.length; i++) {
            boolean important = i < 1_000;
            drift[i] = (float) ((important ? importantSd : restSd) * r.nextGaussian());
            fisher[i] = important ? 1f : 1e-6f;
        }
        return new float[][] {drift, fisher};
    }

    static List<List<String>> csv(Plot p) throws Exception {
        StringWriter w = new StringWriter();
        ChartExport.csv(p, w);
        return CsvExportTest.read(w.toString());
    }

    /** Trapezoid area of every series in a long-format CSV (x in column 2, y in column 3). */
    static Map<String, Double> areas(List<List<String>> rows) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            points.computeIfAbsent(row.get(0), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(row.get(2)), Double.parseDouble(row.get(3))});
        }
        Map<String, Double> out = new LinkedHashMap<>();
        points.forEach((name, p) -> {
            double a = 0;
            for (int i = 1; i < p.size(); i++) {
                a += 0.5 * (p.get(i)[1] + p.get(i - 1)[1]) * (p.get(i)[0] - p.get(i - 1)[0]);
            }
            out.put(name, a);
        });
        return out;
    }

    @Test
    void everyExportedDriftDensityIntegratesToOneFromSd1eMinus5To1eMinus1() throws Exception {
        for (double sd : SDS) {
            Map<String, float[][]> runs = new LinkedHashMap<>();
            runs.put("plain", weights(100 * sd, 100 * sd, 1));
            runs.put("ewc", weights(sd, 100 * sd, 2)); // EWC holds the important weights 100× closer
            ExperimentLog.Snapshot snap = lesson(runs);

            List<List<String>> signed = csv(LabCharts.driftDensity(snap, LabCharts.ALL_LAYERS));
            assertEquals(List.of("series", "kind", "drift", "density", "drift_end", "label"), signed.get(0));
            List<List<String>> log = csv(LabCharts.driftMagnitude(snap, LabCharts.ALL_LAYERS));
            assertEquals(List.of("series", "kind", "log10_abs_drift", "density", "log10_abs_drift_end", "label"),
                    log.get(0));
            for (List<List<String>> rows : List.of(signed, log)) {
                Map<String, Double> a = areas(rows);
                assertEquals(4, a.size(), a.toString());
                a.forEach((name, area) -> assertEquals(1.0, area, 0.02, "sd " + sd + ", " + name));
            }
            boolean zero = false;
            for (List<String> row : signed.subList(1, signed.size())) {
                zero |= Double.parseDouble(row.get(2)) == 0.0;
            }
            assertTrue(zero, "the signed grid holds θ − θ*A = 0");
        }
    }

    @Test
    void theMagnitudeViewPutsEwcsImportantWeightsTwoDecadesBelowTheRest() throws Exception {
        Map<String, float[][]> runs = new LinkedHashMap<>();
        runs.put("ewc", weights(1e-4, 1e-2, 3));
        Plot p = LabCharts.driftMagnitude(lesson(runs), LabCharts.ALL_LAYERS);
        Map<String, Double> peaks = new LinkedHashMap<>();
        for (Series s : p.series()) {
            FloatColumn x = s instanceof Series.Density d ? d.x() : ((Series.Line) s).x();
            FloatColumn y = s instanceof Series.Density d ? d.y() : ((Series.Line) s).y();
            int best = 0;
            for (int i = 0; i < y.size(); i++) {
                best = y.get(i) > y.get(best) ? i : best;
            }
            peaks.put(s.name(), (double) x.get(best));
        }
        // log10 |X| for X ~ N(0, σ²) peaks at log10 σ
        assertEquals(-4, peaks.get("EWC λ=1e5 · top 10% F"), 0.15, peaks.toString());
        assertEquals(-2, peaks.get("EWC λ=1e5 · other 90%"), 0.15, peaks.toString());
    }

    @Test
    void unmovedWeightsAreNamedInTheMagnitudeLegend() {
        float[][] w = weights(1e-3, 1e-2, 4);
        for (int i = 0; i < 100; i++) {
            w[0][i] = 0f; // 100 of the 1,000 important weights frozen
        }
        Map<String, float[][]> runs = new LinkedHashMap<>();
        runs.put("ewc", w);
        Plot p = LabCharts.driftMagnitude(lesson(runs), LabCharts.ALL_LAYERS);
        List<String> names = p.series().stream().map(Series::name).toList();
        assertEquals(List.of("EWC λ=1e5 · top 10% F (10.0% unmoved)", "EWC λ=1e5 · other 90%"), names);
    }

    /** Hand-placed weights of two runs; F and |drift| exact powers of ten, so the cells are known. */
    private static ExperimentLog.Snapshot handPlaced() {
        Map<String, float[][]> runs = new LinkedHashMap<>();
        // plain: F 1e-6 and 1e-2, both moved 1e-2 → cells (x −6, y −2) and (x −2, y −2)
        runs.put("plain", new float[][] {{1e-2f, -1e-2f, 1e-2f, 0f}, {1e-6f, 1e-2f, 1e-2f, 1e-3f}});
        // EWC: the important weight (F 1e-2) held to 1e-5; two unimportant ones moved 1e-2; one has F = 0
        runs.put("ewc", new float[][] {{1e-2f, 1e-2f, -1e-5f, 3e-3f}, {1e-6f, 1e-6f, 1e-2f, 0f}});
        return lesson(runs);
    }

    @Test
    void driftVsImportanceCsvHoldsTheDocumentedColumnsAndHandCountedCells() throws Exception {
        Plot p = LabCharts.driftVsImportance(handPlaced(), LabCharts.ALL_LAYERS);
        assertEquals(List.of("plain", "EWC λ=1e5"), p.panels().stream().map(Plot::title).toList());
        List<List<String>> rows = csv(p);
        assertEquals(List.of("panel", "series", "kind", "log10_fisher", "log10_abs_drift", "log10_fisher_end",
                "log10_abs_drift_end", "weights", "label"), rows.get(0));
        Map<String, Double> cells = new LinkedHashMap<>();
        double[] totals = new double[2];
        int markers = 0;
        for (List<String> r : rows.subList(1, rows.size())) {
            assertEquals(9, r.size(), r.toString());
            if (r.get(2).equals("cells")) {
                double n = Double.parseDouble(r.get(7));
                totals[r.get(0).equals("plain") ? 0 : 1] += n;
                if (n > 0) {
                    cells.put(r.get(0) + " " + Double.parseDouble(r.get(3)) + "," + Double.parseDouble(r.get(4))
                            + ".." + Double.parseDouble(r.get(5)) + "," + Double.parseDouble(r.get(6)), n);
                }
                assertEquals(0.25, Double.parseDouble(r.get(5)) - Double.parseDouble(r.get(3)), 1e-12,
                        "four cells a decade");
            } else if (r.get(2).equals("x-marker")) {
                markers++;
                assertEquals("EWC λ=1e5", r.get(0));
                assertEquals("λ·F = 1", r.get(1));
                assertEquals(-5.0, Double.parseDouble(r.get(3)), 1e-12, "F = 1/λ = 1e-5");
            }
        }
        assertEquals(3, totals[0], "plain: three weights moved; the fourth did not");
        assertEquals(3, totals[1], "EWC: three placed; F = 0 is not");
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("plain -6.0,-2.0..-5.75,-1.75", 1.0);
        expected.put("plain -2.0,-2.0..-1.75,-1.75", 2.0);
        expected.put("EWC λ=1e5 -6.0,-2.0..-5.75,-1.75", 2.0);
        expected.put("EWC λ=1e5 -2.0,-5.0..-1.75,-4.75", 1.0);
        assertEquals(expected, cells);
        assertEquals(1, markers);
        assertTrue(p.subtitle().contains("plain 25.0%") && p.subtitle().contains("EWC λ=1e5 25.0%"), p.subtitle());
    }

    @Test
    void thePanelsPaintInTheirMethodColoursAndHoverReadsACell() {
        Plot p = LabCharts.driftVsImportance(handPlaced(), LabCharts.ALL_LAYERS);
        BufferedImage img = Java2dSurface.newImage(800, 500, 1);
        Graphics2D g = img.createGraphics();
        ChartLayout layout;
        try {
            layout = PlotPainter.paint(p, new Java2dSurface(g), 800, 500, Theme.light());
        } finally {
            g.dispose();
        }
        List<Rect> areas = layout.panelAreas();
        assertEquals(2, areas.size());
        assertTrue(areas.get(0).right() <= areas.get(1).x(), "side by side: " + areas);
        assertTrue(countHue(img, areas.get(0), 0xd62728) > 50, "plain's cells are red");
        assertEquals(0, countHue(img, areas.get(0), 0x2ca02c), "no green in plain's panel");
        assertTrue(countHue(img, areas.get(1), 0x2ca02c) > 50, "EWC's cells are green");
        String found = null;
        Rect a = areas.get(1);
        for (double y = a.y() + 1; y < a.bottom() && found == null; y += 2) {
            for (double x = a.x() + 1; x < a.right(); x += 2) {
                String t = layout.hoverAt(x, y, 1).map(ChartLayout.Hover::text).orElse("");
                if (t.contains("weights = 1") && t.contains("−5")) {
                    found = t;
                    break;
                }
            }
        }
        assertTrue(found != null && found.startsWith("EWC λ=1e5\n"), "hover over the held weight: " + found);
        String svg = ChartExport.svgString(p, 800, 500, Theme.light());
        assertEquals(2, svg.split("class=\"panel\"", -1).length - 1);
    }

    /** Pixels whose colour is the given RGB blended over white at some opacity (same hue, lighter). */
    private static int countHue(BufferedImage img, Rect r, int rgb) {
        int n = 0;
        for (int y = (int) r.y(); y < (int) r.bottom(); y++) {
            for (int x = (int) r.x(); x < (int) r.right(); x++) {
                int c = img.getRGB(x, y);
                double a = -1;
                boolean same = true;
                for (int shift = 0; shift <= 16 && same; shift += 8) {
                    int px = (c >> shift) & 0xFF;
                    int target = (rgb >> shift) & 0xFF;
                    if (target == 255) {
                        continue;
                    }
                    double alpha = (255.0 - px) / (255.0 - target);
                    if (a < 0) {
                        a = alpha;
                    } else {
                        same = Math.abs(alpha - a) < 0.06;
                    }
                }
                n += same && a > 0.1 && a <= 1.01 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void theStandardSetWritesEveryDriftView() {
        Map<String, float[][]> runs = new LinkedHashMap<>();
        runs.put("ewc", weights(1e-4, 1e-2, 5));
        List<String> keys = List.copyOf(LabCharts.standardSet(lesson(runs), List.of(), List.of("a", "b"), 1e5)
                .keySet());
        int m = keys.indexOf(LabCharts.DRIFT_MAGNITUDE);
        assertTrue(m >= 0, keys.toString());
        assertEquals(List.of(LabCharts.DRIFT_MAGNITUDE, LabCharts.DRIFT_DENSITY, LabCharts.DRIFT_VS_IMPORTANCE),
                keys.subList(m, m + 3));
    }
}
