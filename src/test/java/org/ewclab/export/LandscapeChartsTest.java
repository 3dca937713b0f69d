package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ewclab.analysis.landscape.LandscapeRequest;
import org.ewclab.analysis.landscape.LandscapeView;
import org.ewclab.analysis.landscape.Projection;
import org.ewclab.engine.LandscapeEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The landscape's charts and CSVs from a hand-made view: L_A = ½(u² + v²), L_B = ½((u − 2)² + v²). */
class LandscapeChartsTest {
    private static final int N = 21;

    static LandscapeView view() {
        double[] us = new double[N];
        double[] vs = new double[N];
        for (int i = 0; i < N; i++) {
            us[i] = -1 + 4.0 * i / (N - 1);
            vs[i] = -2 + 4.0 * i / (N - 1);
        }
        float[][] loss = new float[2][N * N];
        float[][] acc = new float[2][N * N];
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                loss[0][j * N + i] = (float) (0.5 * (us[i] * us[i] + vs[j] * vs[j]));
                loss[1][j * N + i] = (float) (0.5 * ((us[i] - 2) * (us[i] - 2) + vs[j] * vs[j]));
                acc[0][j * N + i] = (float) Math.exp(-loss[0][j * N + i]);
                acc[1][j * N + i] = (float) Math.exp(-loss[1][j * N + i]);
            }
        }
        LandscapeEvaluator.Grid g = new LandscapeEvaluator.Grid(us, vs, new int[] {0, 1}, List.of("digits", "clothes"),
                loss, acc, 1000, "frozen", 0.5);
        Projection plain = new Projection(new float[] {0, 1, 2}, new float[] {0, 0, 0}, new float[] {0, 0.3f, 0});
        Projection ewc = new Projection(new float[] {0, 0.5f, 1}, new float[] {0, 0.4f, 0.5f},
                new float[] {0, 0.1f, 0});
        List<LandscapeView.RunPath> paths = List.of(
                new LandscapeView.RunPath("plain", 0, new long[] {100, 110, 120}, plain, 0.2, 0.9),
                new LandscapeView.RunPath("ewc", 1e5, new long[] {100, 110, 120}, ewc, 0.9, 0.8));
        double[] t = {0, 0.5, 1, 1.25};
        float[] f = {0.1f, 0.2f, 0.3f, 0.4f};
        List<LandscapeView.LineSlice> lines = List.of(new LandscapeView.LineSlice("plain", t, f, f, f, f),
                new LandscapeView.LineSlice("ewc", t, f, f, f, f));
        List<LandscapeView.FisherOverlap> overlaps = List.of(new LandscapeView.FisherOverlap(0, 1, "digits",
                "clothes", List.of("fc1.weight", "fc2.weight", "all"), new double[] {0.4, 0.7, 0.5}));
        return new LandscapeView("digits", "clothes", LandscapeRequest.Mode.RUNS, List.of("plain", "ewc"), Double.NaN,
                g, paths, lines, overlaps, "plain", 0.5);
    }

    @Test
    void csvFilesHoldTheContractColumns(@TempDir Path dir) throws Exception {
        LandscapeView v = view();
        // written after Export all, as the CLI and the window do: the contract files replace the generic chart CSV
        ExportAll.write(dir, LandscapeCharts.charts(v), new org.ewclab.engine.ExperimentResult("x", 0, List.of(),
                List.of(), "f", "CPU", "1", 0, 0), null, Theme.light());
        LandscapeCharts.writeCsv(dir, v);
        List<List<String>> grid = CsvExportTest.read(Files.readString(dir.resolve("landscape.csv"),
                StandardCharsets.UTF_8));
        assertEquals(List.of("u", "v", "loss_digits", "loss_clothes", "acc_digits", "acc_clothes"), grid.get(0));
        assertEquals(1 + N * N, grid.size());
        // row of (i, j) = (3, 5): u fastest
        List<String> r = grid.get(1 + 5 * N + 3);
        double u = Double.parseDouble(r.get(0));
        double vv = Double.parseDouble(r.get(1));
        assertEquals(-1 + 4.0 * 3 / (N - 1), u, 1e-6);
        assertEquals(-2 + 4.0 * 5 / (N - 1), vv, 1e-6);
        assertEquals(0.5 * (u * u + vv * vv), Double.parseDouble(r.get(2)), 1e-5);
        assertEquals(0.5 * ((u - 2) * (u - 2) + vv * vv), Double.parseDouble(r.get(3)), 1e-5);
        assertEquals(Math.exp(-Double.parseDouble(r.get(3))), Double.parseDouble(r.get(5)), 1e-5);

        List<List<String>> paths = CsvExportTest.read(Files.readString(dir.resolve("landscape-paths.csv"),
                StandardCharsets.UTF_8));
        assertEquals(List.of("series", "step", "u", "v", "off_plane"), paths.get(0));
        assertEquals(1 + 6, paths.size());
        assertEquals(List.of("plain", "110", "1.00000", "0.00000", "0.300000"), paths.get(2));
        assertEquals("ewc", paths.get(6).get(0));
        assertEquals(0.5, Double.parseDouble(paths.get(6).get(3)), 1e-6);
        for (String f : List.of("landscape.png", "landscape@2x.png", "landscape.svg", "landscape-line.png",
                "landscape-line.svg", "fisher-overlap.png", "fisher-overlap.svg")) {
            assertTrue(Files.size(dir.resolve(f)) > 500, f);
        }
        String overlapCsv = Files.readString(dir.resolve("fisher-overlap.csv"), StandardCharsets.UTF_8);
        assertTrue(overlapCsv.contains("0.7"), overlapCsv);
    }

    @Test
    void contoursLieOnTheCirclesOfTheQuadratic() {
        LandscapeView v = view();
        LandscapeEvaluator.Grid g = v.grid();
        // L_A = c on the circle of radius √(2c) about θ*A: marching squares interpolates linearly within a cell
        for (double c : new double[] {0.5, 1, 2}) {
            float[][] line = LandscapeCharts.contour(g.loss()[0], g.us(), g.vs(), c);
            int points = 0;
            for (int i = 0; i < line[0].length; i++) {
                if (Float.isNaN(line[0][i])) {
                    continue;
                }
                points++;
                double r = Math.hypot(line[0][i], line[1][i]);
                assertEquals(Math.sqrt(2 * c), r, 0.05, "level " + c + " at (" + line[0][i] + ", " + line[1][i] + ")");
            }
            assertTrue(points > 16, "a closed curve of many segments at level " + c);
        }
        // task B's circles are centred on its minimum (2, 0)
        float[][] b = LandscapeCharts.contour(g.loss()[1], g.us(), g.vs(), 0.5);
        for (int i = 0; i < b[0].length; i++) {
            if (!Float.isNaN(b[0][i])) {
                assertEquals(1.0, Math.hypot(b[0][i] - 2, b[1][i]), 0.05);
            }
        }
        // shared levels: base = the nice number ≥ 1.25 × the larger minimum (both 0 here, floored) doubling
        double[] levels = LandscapeCharts.levels(g);
        assertEquals(LandscapeCharts.LEVELS, levels.length);
        assertEquals(2 * levels[0], levels[1], 1e-12);
        assertEquals(2.5, LandscapeCharts.nice(2.1), 1e-12);
        assertEquals(0.5, LandscapeCharts.nice(0.45), 1e-12);
    }

    @Test
    void mapShowsBothTasksPathsWithArrowheadsAndTheOrigin() {
        Plot p = LandscapeCharts.map(view());
        List<String> names = p.series().stream().map(Series::name).toList();
        assertTrue(names.contains("θ*A"), names.toString());
        Series.Line plainPath = (Series.Line) p.series().stream()
                .filter(s -> s.name().startsWith("Plain path")).findFirst().orElseThrow();
        assertTrue(plainPath.name().contains("0.3"), "the path says how far it leaves the plane: " + plainPath.name());
        // the path, a break, then the two strokes of the head meeting at the end (2, 0)
        assertEquals(3 + 4, plainPath.size());
        assertTrue(Float.isNaN(plainPath.x().get(3)));
        assertEquals(2f, plainPath.x().get(5));
        assertTrue(plainPath.x().get(4) < 2f && plainPath.x().get(6) < 2f, "the head points along +u");
        long cells = p.series().stream().filter(s -> s instanceof Series.Cells).count();
        assertEquals(2 * LandscapeCharts.LEVELS, cells);
        Series.Cells innermostA = (Series.Cells) p.series().stream()
                .filter(s -> s instanceof Series.Cells && s.style().color().equals(MethodColors.TASK_A))
                .reduce((a, b) -> b).orElseThrow();
        // the innermost grey level set holds θ*A's cell and not B's minimum
        assertEquals(1f, innermostA.count(10, 5));
        assertEquals(0f, innermostA.count(10, 15));
        String svg = ChartExport.svgString(p, 800, 500, Theme.light());
        assertTrue(svg.contains("θ*A"));
        assertTrue(p.subtitle().contains("BatchNorm"));
        Map<String, Plot> all = LandscapeCharts.charts(view());
        assertEquals(List.of("landscape", "landscape-line", "fisher-overlap"), List.copyOf(all.keySet()));
        Series.Scatter overlap = (Series.Scatter) all.get("fisher-overlap").series().get(0);
        assertEquals(0.7f, overlap.y().get(1), 1e-6);
        assertEquals("fc2.weight 0.70", overlap.labels().get(1));
    }
}
