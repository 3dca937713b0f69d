package org.ewclab.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ewclab.analysis.landscape.LandscapeRequest;
import org.ewclab.analysis.landscape.LandscapeView;
import org.ewclab.analysis.landscape.Projection;
import org.ewclab.engine.LandscapeEvaluator;
import org.ewclab.i18n.Texts;

/**
 * The loss-landscape charts (DESIGN.md chart 7) from a computed {@link LandscapeView}, on the lab's one painter: the map
 * of both tasks' loss over the plane (stacked translucent level sets in the task colours, A grey and B gold, with
 * contour lines, so that where both are low reads as the darkest mix), the runs' paths as arrows in the method
 * colours, the line slices, and the Fisher overlap per layer. Also the two CSVs of the landscape's contract.
 */
public final class LandscapeCharts {
    public static final String LANDSCAPE = "landscape";
    public static final String LANDSCAPE_LINE = "landscape-line";
    public static final String FISHER_OVERLAP = "fisher-overlap";
    public static final String PATHS_CSV = "landscape-paths.csv";
    /** The loss levels drawn: base·2^k for k = 0..LEVELS−1. */
    static final int LEVELS = 3;
    /** A count this large makes each level layer faint (≈0.19 opacity): four stacked read as a scale. */
    private static final double LAYER_SHADE_MAX = 1e6;
    private static final String ORIGIN_COLOUR = "#222222";

    private LandscapeCharts() {
    }

    /** The three charts, keyed by file name. */
    public static Map<String, Plot> charts(LandscapeView v) {
        Map<String, Plot> out = new LinkedHashMap<>();
        out.put(LANDSCAPE, map(v));
        out.put(LANDSCAPE_LINE, line(v));
        if (!v.overlaps().isEmpty()) {
            out.put(FISHER_OVERLAP, overlap(v));
        }
        return out;
    }

    // ---- the map ------------------------------------------------------------------------------------------------

    /** Both tasks' loss over the plane, the runs' paths as arrows, their ends labelled, θ*A marked. */
    public static Plot map(LandscapeView v) {
        LandscapeEvaluator.Grid g = v.grid();
        double[] levels = levels(g);
        String a = v.taskA();
        String b = v.taskB();
        Plot.Builder pb = Plot.builder().title(Texts.fmt("landscape.map.title", a, b))
                .subtitle(subtitle(v))
                .x(Axis.linear(v.mode() == LandscapeRequest.Mode.PCA ? Texts.get("landscape.axis.pc1")
                        : Texts.fmt("landscape.axis.u", MethodColors.methodLabel(v.planeRuns().get(0))), null))
                .y(Axis.linear(v.mode() == LandscapeRequest.Mode.PCA ? Texts.get("landscape.axis.pc2")
                        : Texts.fmt("landscape.axis.v", MethodColors.methodLabel(v.planeRuns().get(1))), null))
                .legend(Plot.Legend.RIGHT);
        double du = g.us().length > 1 ? g.us()[1] - g.us()[0] : 1;
        double dv = g.vs().length > 1 ? g.vs()[1] - g.vs()[0] : 1;
        double xLo = g.us()[0] - du / 2;
        double xHi = g.us()[g.us().length - 1] + du / 2;
        double yLo = g.vs()[0] - dv / 2;
        double yHi = g.vs()[g.vs().length - 1] + dv / 2;
        String[] colours = {MethodColors.TASK_A, MethodColors.TASK_B};
        String[] letters = {"A", "B"};
        String[] names = {a, b};
        // B's gold first, A's grey over it: where both are low the mix is darkest
        for (int k = 1; k >= 0; k--) {
            for (int l = levels.length - 1; l >= 0; l--) {
                float[] counts = new float[g.us().length * g.vs().length];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = g.loss()[k][i] < levels[l] ? 1 : 0;
                }
                pb.add(Series.cells(Texts.fmt("landscape.series.level", letters[k], names[k], level(levels[l])), xLo,
                        xHi, g.us().length, yLo, yHi, g.vs().length, counts, LAYER_SHADE_MAX, "", colours[k]));
            }
        }
        for (int k = 0; k < 2; k++) {
            List<float[]> lines = new ArrayList<>();
            for (double level : levels) {
                lines.add(contour(g.loss()[k], g.us(), g.vs(), level)[0]);
                lines.add(contour(g.loss()[k], g.us(), g.vs(), level)[1]);
            }
            float[][] joined = join(lines);
            pb.add(Series.line(Texts.fmt("landscape.series.contours", letters[k], names[k]), joined[0], joined[1],
                    colours[k]).withWidth(k == 0 ? 1.6 : 1.2));
        }
        double spanX = xHi - xLo;
        double spanY = yHi - yLo;
        for (LandscapeView.RunPath p : v.paths()) {
            Projection pr = p.projection();
            float[][] arrow = withArrowHead(pr.u(), pr.v(), spanX, spanY);
            String colour = MethodColors.method(p.method());
            String label = MethodColors.methodLabel(p.method());
            pb.add(Series.line(Texts.fmt("landscape.series.path", label, String.format(Locale.ROOT, "%.2g",
                    pr.maxOffPlane())), arrow[0], arrow[1], colour).withWidth(2.5));
            int e = pr.size() - 1;
            pb.add(Series.scatter(Texts.fmt("landscape.series.end", label), new float[] {pr.u()[e]},
                    new float[] {pr.v()[e]}, List.of(Texts.fmt("landscape.endLabel", label, pct(p.accuracyA()),
                            pct(p.accuracyB()))), colour));
        }
        pb.add(Series.scatter("θ*A", new float[] {0}, new float[] {0},
                List.of(Texts.fmt("landscape.origin", a)), ORIGIN_COLOUR));
        return pb.build();
    }

    private static String subtitle(LandscapeView v) {
        StringBuilder sb = new StringBuilder();
        if (v.mode() == LandscapeRequest.Mode.PCA) {
            sb.append(Texts.fmt("landscape.subtitle.pca", pct(v.explainedVariance())));
        } else {
            sb.append(Texts.fmt("landscape.subtitle.runs", MethodColors.methodLabel(v.planeRuns().get(0)),
                    MethodColors.methodLabel(v.planeRuns().get(1))));
        }
        sb.append(" · ").append(Texts.fmt("landscape.subtitle.samples", v.grid().samples()));
        String bn = v.grid().batchNorm();
        if (!bn.isEmpty()) {
            sb.append(" · ").append(Texts.get("frozen".equals(bn) ? "landscape.bn.frozen" : "landscape.bn.updated"));
        }
        return sb.toString();
    }

    /**
     * The contour levels, shared by both tasks so that one shade means one loss: base·2^k, with base the smallest
     * "nice" number at least 1.25 × the larger of the two tasks' lowest losses on the grid, so that each task has a
     * non-empty innermost region.
     */
    static double[] levels(LandscapeEvaluator.Grid g) {
        double low = 0;
        for (int k = 0; k < 2; k++) {
            double m = Double.POSITIVE_INFINITY;
            for (float x : g.loss()[k]) {
                if (Float.isFinite(x)) {
                    m = Math.min(m, x);
                }
            }
            low = Math.max(low, m);
        }
        double base = nice(Math.max(1.25 * low, 1e-6));
        double[] out = new double[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            out[i] = base * Math.pow(2, i);
        }
        return out;
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above x. */
    static double nice(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= x * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String level(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    private static String pct(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.0f%%", 100 * x) : "–";
    }

    /**
     * The contour of {@code values} (row j = vs[j], column i = us[i]) at {@code level} by marching squares: line
     * segments in data coordinates, each followed by a NaN break.
     */
    static float[][] contour(float[] values, double[] us, double[] vs, double level) {
        int nu = us.length;
        int nv = vs.length;
        List<float[]> pts = new ArrayList<>();
        for (int j = 0; j + 1 < nv; j++) {
            for (int i = 0; i + 1 < nu; i++) {
                double[] c = {values[j * nu + i], values[j * nu + i + 1], values[(j + 1) * nu + i + 1],
                        values[(j + 1) * nu + i]};
                double[][] xy = {{us[i], vs[j]}, {us[i + 1], vs[j]}, {us[i + 1], vs[j + 1]}, {us[i], vs[j + 1]}};
                List<double[]> cross = new ArrayList<>();
                for (int e = 0; e < 4; e++) {
                    double p = c[e];
                    double q = c[(e + 1) % 4];
                    if (!Double.isFinite(p) || !Double.isFinite(q)) {
                        continue;
                    }
                    if ((p < level) != (q < level)) {
                        double t = (level - p) / (q - p);
                        cross.add(new double[] {xy[e][0] + t * (xy[(e + 1) % 4][0] - xy[e][0]),
                            xy[e][1] + t * (xy[(e + 1) % 4][1] - xy[e][1])});
                    }
                }
                if (cross.size() == 2 || cross.size() == 4) {
                    for (int s = 0; s < cross.size(); s += 2) {
                        pts.add(new float[] {(float) cross.get(s)[0], (float) cross.get(s)[1]});
                        pts.add(new float[] {(float) cross.get(s + 1)[0], (float) cross.get(s + 1)[1]});
                        pts.add(new float[] {Float.NaN, Float.NaN});
                    }
                }
            }
        }
        float[] x = new float[pts.size()];
        float[] y = new float[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new float[][] {x, y};
    }

    /** xs, ys, xs, ys, … joined into one pair of arrays (each part already ends with a NaN break or is empty). */
    private static float[][] join(List<float[]> parts) {
        int n = 0;
        for (int i = 0; i < parts.size(); i += 2) {
            n += parts.get(i).length;
        }
        float[] x = new float[n];
        float[] y = new float[n];
        int off = 0;
        for (int i = 0; i < parts.size(); i += 2) {
            System.arraycopy(parts.get(i), 0, x, off, parts.get(i).length);
            System.arraycopy(parts.get(i + 1), 0, y, off, parts.get(i + 1).length);
            off += parts.get(i).length;
        }
        return new float[][] {x, y};
    }

    /**
     * The path followed by an arrowhead at its end: two strokes 4% of the frame long, 25° off the last step's
     * direction (measured in frame-relative units, so the head keeps its shape on a non-square frame).
     */
    static float[][] withArrowHead(float[] u, float[] v, double spanX, double spanY) {
        int n = u.length;
        int e = n - 1;
        int back = e;
        // the last step may be tiny (a snapshot at the end right after one at a stride): look back for a direction
        while (back > 0 && Math.hypot((u[e] - u[back]) / spanX, (v[e] - v[back]) / spanY) < 0.01) {
            back--;
        }
        double dx = (u[e] - u[back]) / spanX;
        double dy = (v[e] - v[back]) / spanY;
        double len = Math.hypot(dx, dy);
        if (n < 2 || !(len > 0)) {
            return new float[][] {u.clone(), v.clone()};
        }
        dx /= len;
        dy /= len;
        float[] x = java.util.Arrays.copyOf(u, n + 4);
        float[] y = java.util.Arrays.copyOf(v, n + 4);
        double size = 0.04;
        double ang = Math.toRadians(25);
        int k = n;
        x[k] = Float.NaN;
        y[k++] = Float.NaN;
        for (double s : new double[] {ang, -ang}) {
            double rx = -(dx * Math.cos(s) - dy * Math.sin(s));
            double ry = -(dx * Math.sin(s) + dy * Math.cos(s));
            if (k == n + 1) {
                x[k] = (float) (u[e] + rx * size * spanX);
                y[k++] = (float) (v[e] + ry * size * spanY);
                x[k] = u[e];
                y[k++] = v[e];
            } else {
                x[k] = (float) (u[e] + rx * size * spanX);
                y[k++] = (float) (v[e] + ry * size * spanY);
            }
        }
        return new float[][] {x, y};
    }

    // ---- the line slices ----------------------------------------------------------------------------------------

    /** Loss (left) and accuracy (right) of both tasks along θ*A → each run's end, a little past it. */
    public static Plot line(LandscapeView v) {
        Plot.Builder loss = Plot.builder().title(Texts.get("chart.axis.loss"))
                .x(Axis.linear(Texts.get("landscape.axis.t"), null))
                .y(Axis.log10(Texts.get("chart.axis.loss"), null)).legend(Plot.Legend.TOP);
        Plot.Builder acc = Plot.builder().title(Texts.get("chart.axis.accuracy"))
                .x(Axis.linear(Texts.get("landscape.axis.t"), null))
                .y(new Axis(Texts.get("chart.axis.accuracy"), null, Axis.Scale.LINEAR, 0, 1, true, null))
                .legend(Plot.Legend.NONE);
        for (LandscapeView.LineSlice s : v.lines()) {
            float[] t = new float[s.t().length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) s.t()[i];
            }
            String colour = MethodColors.method(s.method());
            String label = MethodColors.methodLabel(s.method());
            loss.add(Series.line(label + " · " + v.taskA(), t, s.lossA(), colour));
            loss.add(Series.line(label + " · " + v.taskB(), t, s.lossB(), colour).withDash(Series.Dash.DASHED));
            acc.add(Series.line(label + " · " + v.taskA(), t, s.accuracyA(), colour));
            acc.add(Series.line(label + " · " + v.taskB(), t, s.accuracyB(), colour).withDash(Series.Dash.DASHED));
        }
        Marker end = Marker.vertical(1, Texts.get("landscape.runEnd"));
        loss.marker(end);
        acc.marker(end);
        return Plot.builder().title(Texts.get("landscape.line.title"))
                .subtitle(Texts.fmt("landscape.line.subtitle", v.taskA(), v.taskB()))
                .panel(loss.build()).panel(acc.build()).build();
    }

    // ---- Fisher overlap -----------------------------------------------------------------------------------------

    /** Kirkpatrick's Fisher overlap per layer, one connected set of points per pair of tasks. */
    public static Plot overlap(LandscapeView v) {
        Plot.Builder pb = Plot.builder().title(Texts.get("landscape.overlap.title"))
                .subtitle(Texts.fmt("landscape.overlap.subtitle", MethodColors.methodLabel(v.overlapRun())))
                .x(Axis.linear(Texts.get("landscape.axis.layer"), null))
                .y(new Axis(Texts.get("landscape.axis.overlap"), null, Axis.Scale.LINEAR, 0, 1, false, null))
                .legend(Plot.Legend.TOP);
        for (LandscapeView.FisherOverlap o : v.overlaps()) {
            int n = o.layers().size();
            float[] x = new float[n];
            float[] y = new float[n];
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
                y[i] = (float) o.overlap()[i];
                labels.add(o.layers().get(i) + String.format(Locale.ROOT, " %.2f", o.overlap()[i]));
            }
            pb.add(Series.scatter(Texts.fmt("landscape.series.overlap", o.firstName(), o.secondName()), x, y, labels,
                    MethodColors.task(o.second())).withConnected(true));
        }
        return pb.build();
    }

    // ---- the CSV contract ---------------------------------------------------------------------------------------

    /**
     * Writes {@code landscape.csv} ({@code u,v,loss_<A>,loss_<B>,acc_<A>,acc_<B>}, one row per grid point, u fastest)
     * and {@code landscape-paths.csv} ({@code series,step,u,v,off_plane}, one row per snapshot, series = the method)
     * into {@code dir}: the columns other tools read. Returns the two files.
     */
    public static List<Path> writeCsv(Path dir, LandscapeView v) throws IOException {
        Files.createDirectories(dir);
        Path grid = dir.resolve(LANDSCAPE + ".csv");
        Path paths = dir.resolve(PATHS_CSV);
        try (Writer w = Files.newBufferedWriter(grid, StandardCharsets.UTF_8)) {
            writeGrid(v, w);
        }
        try (Writer w = Files.newBufferedWriter(paths, StandardCharsets.UTF_8)) {
            writePaths(v, w);
        }
        return List.of(grid, paths);
    }

    static void writeGrid(LandscapeView v, Writer w) throws IOException {
        LandscapeEvaluator.Grid g = v.grid();
        String a = column(v.taskA());
        String b = column(v.taskB());
        w.write("u,v,loss_" + a + ",loss_" + b + ",acc_" + a + ",acc_" + b + "\n");
        for (int j = 0; j < g.vs().length; j++) {
            for (int i = 0; i < g.us().length; i++) {
                w.write(num(g.us()[i]) + "," + num(g.vs()[j]) + "," + num(g.loss(0, i, j)) + ","
                        + num(g.loss(1, i, j)) + "," + num(g.accuracy(0, i, j)) + "," + num(g.accuracy(1, i, j))
                        + "\n");
            }
        }
    }

    static void writePaths(LandscapeView v, Writer w) throws IOException {
        w.write("series,step,u,v,off_plane\n");
        for (LandscapeView.RunPath p : v.paths()) {
            Projection pr = p.projection();
            for (int i = 0; i < pr.size(); i++) {
                w.write(column(p.method()) + "," + p.steps()[i] + "," + num(pr.u()[i]) + "," + num(pr.v()[i]) + ","
                        + num(pr.offPlane()[i]) + "\n");
            }
        }
    }

    /** A task or method name as a CSV column part: no commas, quotes or line breaks. */
    static String column(String name) {
        return name.replaceAll("[,\"\\r\\n]", "_");
    }

    private static String num(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "NaN";
    }
}
