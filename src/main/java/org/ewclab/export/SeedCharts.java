package org.ewclab.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.analysis.ExperimentLog.RunTrace;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.MeanSe;
import org.ewclab.engine.RunResult;
import org.ewclab.engine.SeedSummary;
import org.ewclab.i18n.Texts;

/**
 * The charts of an experiment repeated over several seeds: the same charts as {@link LabCharts}, drawn from the mean
 * over seeds with its standard error — the forgetting curve with a band (mean ± SE at every evaluation), the accuracy
 * matrix with ± under each cell, the stability–plasticity and summary plots with error bars. The charts of one
 * network's insides (loss, Fisher, drift, importance) stay those of the first seed: a mean of weights means nothing.
 */
public final class SeedCharts {
    private SeedCharts() {
    }

    /**
     * {@link LabCharts#standardSet} for several seeds: the first seed's charts, with accuracy, accuracy-matrix-*,
     * summary, stability-plasticity and accuracy-vs-lambda drawn over every seed.
     *
     * @param perSeed each seed's event log (task A and the preset's runs), in the result's seed order; may be empty
     *                (e.g. after {@code merge}: then only the charts drawn from results are written)
     */
    public static Map<String, Plot> standardSet(List<ExperimentLog.Snapshot> perSeed, ExperimentResult result,
            List<String> taskNames, double lambda, List<ImageTile> samples) {
        ExperimentLog.Snapshot first = perSeed.isEmpty() ? new ExperimentLog().snapshot() : perSeed.get(0);
        long seed0 = result.seeds().get(0);
        List<RunResult> firstRuns = result.runs().stream().filter(r -> r.seed() == seed0).toList();
        Map<String, Plot> base = LabCharts.standardSet(first, firstRuns, taskNames, lambda, samples);
        List<SeedSummary> groups = result.summary();
        int n = result.seeds().size();
        Map<String, Plot> out = new LinkedHashMap<>();
        boolean matricesDone = false;
        for (Map.Entry<String, Plot> e : base.entrySet()) {
            String key = e.getKey();
            if (key.equals("accuracy")) {
                out.put(key, accuracy(perSeed));
            } else if (key.startsWith("accuracy-matrix-")) {
                if (!matricesDone) {
                    matricesDone = true;
                    List<SeedSummary> shown = groups.stream().filter(g -> !g.sweep()).toList();
                    for (SeedSummary g : shown.isEmpty() ? groups : shown) {
                        String k = LabCharts.fileName("accuracy-matrix-" + g.method());
                        if (out.containsKey(k)) {
                            k = LabCharts.fileName(k + "-" + ExperimentLog.shortNumber(g.lambda()));
                        }
                        if (out.containsKey(k) && !g.variant().isEmpty()) {
                            k = LabCharts.fileName(k + "-" + g.variant());
                        }
                        out.put(k, accuracyMatrix(g, taskNames, n).withLegend(Plot.Legend.TOP));
                    }
                }
            } else if (key.equals("summary")) {
                out.put(key, averageAndBwt(groups, n));
            } else if (key.equals("stability-plasticity")) {
                out.put(key, stabilityPlasticity(groups, taskNames, n));
            } else if (key.equals("accuracy-vs-lambda")) {
                out.put(key, accuracyVsLambda(groups, taskNames, n));
            } else if (key.startsWith("accuracy-vs-")) {
                String knob = key.substring("accuracy-vs-".length());
                out.put(key, accuracyVsKnob(groups, taskNames, n, knob));
            } else {
                out.put(key, e.getValue());
            }
        }
        return out;
    }

    private static String spread(int seeds, String kind) {
        return Texts.fmt(kind.equals("band") ? "chart.seeds.band" : "chart.seeds.bars", seeds);
    }

    // ---- the forgetting curve with a band ------------------------------------------------------------------------

    /**
     * The forgetting curve over seeds: per run (task A, each method at its λ) and task, the mean accuracy at each
     * evaluation step and a band of ± one standard error. Runs are matched across seeds by method and λ; an
     * evaluation step counts the seeds that reached it (a diverged or stopped seed ends early).
     */
    public static Plot accuracy(List<ExperimentLog.Snapshot> perSeed) {
        if (perSeed.isEmpty()) {
            return LabCharts.accuracy(new ExperimentLog().snapshot());
        }
        Plot single = LabCharts.accuracy(perSeed.get(0));
        Map<String, List<RunTrace>> groups = new LinkedHashMap<>();
        for (ExperimentLog.Snapshot s : perSeed) {
            for (RunTrace r : s.runs()) {
                if (r.accuracySteps().length > 0) {
                    groups.computeIfAbsent(r.firstTask() ? "\u0000A" : r.label(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        List<Series> series = new ArrayList<>();
        for (List<RunTrace> g : groups.values()) {
            RunTrace r0 = g.get(0);
            long[] steps = longestSteps(g);
            float[] x = new float[steps.length];
            for (int k = 0; k < steps.length; k++) {
                x[k] = steps[k];
            }
            for (int t = 0; t < r0.accuracy().length; t++) {
                if (r0.firstTask() && t > 0) {
                    continue;
                }
                float[] mean = new float[steps.length];
                float[] lo = new float[steps.length];
                float[] hi = new float[steps.length];
                for (int k = 0; k < steps.length; k++) {
                    double[] v = new double[g.size()];
                    for (int q = 0; q < g.size(); q++) {
                        v[q] = valueAt(g.get(q), t, steps[k]);
                    }
                    MeanSe m = MeanSe.of(v);
                    mean[k] = (float) m.mean();
                    double se = Double.isFinite(m.se()) ? m.se() : 0;
                    lo[k] = (float) (m.mean() - se);
                    hi[k] = (float) (m.mean() + se);
                }
                String name = r0.label() + " · " + taskTitle(r0, t);
                Series.Line line = new Series.Line(name, Series.Style.of(LabCharts.colour(r0)), FloatColumn.of(x),
                        FloatColumn.of(mean));
                if (g.size() > 1) {
                    line = line.withBand(FloatColumn.of(lo), FloatColumn.of(hi));
                }
                series.add(line.withDash(t == 0 ? Series.Dash.SOLID : t == 1 ? Series.Dash.DASHED
                        : Series.Dash.DOTTED));
            }
        }
        int n = perSeed.size();
        return new Plot(single.title(), single.subtitle() + " · " + spread(n, "band"), single.x(), single.y(), series,
                single.markers(), null, List.of(), single.legend());
    }

    /** The evaluation steps of the run that went furthest (seeds of one run share their steps up to where they end). */
    private static long[] longestSteps(List<RunTrace> g) {
        return g.stream().map(RunTrace::accuracySteps).max(Comparator.comparingInt(a -> a.length)).orElseThrow();
    }

    private static double valueAt(RunTrace r, int task, long step) {
        int k = java.util.Arrays.binarySearch(r.accuracySteps(), step);
        return k >= 0 && task < r.accuracy().length ? r.accuracy()[task][k] : Double.NaN;
    }

    private static String taskTitle(RunTrace r, int t) {
        String name = t < r.taskNames().size() ? r.taskNames().get(t) : "";
        return Texts.fmt("chart.task", MethodColors.taskLetter(t)) + (name.isEmpty() ? "" : " (" + name + ")");
    }

    private static String taskTitle(List<String> taskNames, int t) {
        String name = t < taskNames.size() ? taskNames.get(t) : "";
        return Texts.fmt("chart.task", MethodColors.taskLetter(t)) + (name.isEmpty() ? "" : " (" + name + ")");
    }

    // ---- the accuracy matrix, mean ± SE ------------------------------------------------------------------------

    /** The mean accuracy matrix of one method and λ over the seeds, each cell's standard error written under it. */
    public static Plot accuracyMatrix(SeedSummary g, List<String> taskNames, int seeds) {
        double[][] mean = g.meanAccuracy();
        double[][] se = g.seAccuracy();
        int rows = mean.length;
        int cols = taskNames.size();
        float[] v = new float[rows * cols];
        float[] e = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                v[i * cols + j] = j < mean[i].length ? (float) mean[i][j] : Float.NaN;
                e[i * cols + j] = j < se[i].length ? (float) se[i][j] : Float.NaN;
            }
        }
        List<String> rowNames = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            rowNames.add(Texts.fmt("chart.matrix.row", taskNames.get(i)));
        }
        HeatMap h = new HeatMap(cols, rows, FloatColumn.of(v), ColorMap.VIRIDIS, 0, 1, taskNames, rowNames, "%.2f",
                Texts.get("chart.axis.testAccuracy"), false).withErrors(FloatColumn.of(e));
        String label = g.variant().isEmpty() ? ExperimentLog.runLabel(g.method(), g.lambda())
                : ExperimentLog.runLabel(g.method(), g.lambda()) + " " + g.variant();
        String sub = Texts.fmt("chart.seeds.matrixSubtitle", pct(g.averageAccuracy(), false),
                pct(g.forgetting(), false), pct(g.bwt(), true)) + " · " + spread(seeds, "bars")
                + (g.diverged() > 0 ? " · " + Texts.fmt("chart.seeds.diverged", g.diverged()) : "");
        return Plot.builder().title(Texts.get("chart.matrix.title") + " · " + label).subtitle(sub)
                .x(Axis.linear(Texts.get("chart.matrix.x"), null)).y(Axis.linear(Texts.get("chart.matrix.y"), null))
                .heatMap(h).legend(Plot.Legend.NONE).build();
    }

    /** "94.1% ± 0.4" (percentage points), "—" with no value. */
    static String pct(MeanSe m, boolean signed) {
        if (!Double.isFinite(m.mean())) {
            return "—";
        }
        String mean = String.format(Locale.ROOT, signed ? "%+.1f%%" : "%.1f%%", 100 * m.mean());
        return Double.isFinite(m.se()) ? mean + String.format(Locale.ROOT, " ± %.1f", 100 * m.se()) : mean;
    }

    // ---- stability–plasticity and the summary, with error bars -------------------------------------------------

    /**
     * {@link LabCharts#stabilityPlasticity} over seeds: each point the mean over seeds of (accuracy on the last task,
     * accuracy on task A after it), with error bars of ± one standard error in both directions.
     */
    public static Plot stabilityPlasticity(List<SeedSummary> groups, List<String> taskNames, int seeds) {
        int last = Math.max(1, taskNames.size() - 1);
        String lastTask = taskTitle(taskNames, last);
        Plot.Builder b = Plot.builder().title(Texts.get("chart.sp.title"))
                .subtitle(Texts.get("chart.sp.subtitle") + " · " + spread(seeds, "bars"))
                .x(autoPercent(Texts.fmt("chart.sp.x", lastTask)))
                .y(autoPercent(Texts.fmt("chart.sp.y", taskTitle(taskNames, 0), lastTask)))
                .legend(Plot.Legend.TOP);
        addScatters(b, groups, g -> cell(g, last), g -> cell(g, 0));
        return b.build();
    }

    /** {@link LabCharts#averageAndBwt} over seeds: mean BWT (x) and mean average accuracy (y), ± one SE each. */
    public static Plot averageAndBwt(List<SeedSummary> groups, int seeds) {
        Plot.Builder b = Plot.builder().title(Texts.get("chart.bwt.title"))
                .subtitle(Texts.get("chart.bwt.subtitle") + " · " + spread(seeds, "bars"))
                .x(new Axis(Texts.get("chart.bwt.x"), null, Axis.Scale.LINEAR, Double.NaN, Double.NaN, true, null))
                .y(autoPercent(Texts.get("chart.bwt.y"))).legend(Plot.Legend.TOP);
        addScatters(b, groups, SeedSummary::bwt, SeedSummary::averageAccuracy);
        return b.build();
    }

    /**
     * {@link LabCharts#accuracyVsLambda} over seeds: per method and task the mean final accuracy against λ with a
     * band of ± one standard error; plain (no λ) as horizontal markers at its means.
     */
    public static Plot accuracyVsLambda(List<SeedSummary> groups, List<String> taskNames, int seeds) {
        Plot.Builder b = Plot.builder().title(Texts.get("chart.lambda.title"))
                .subtitle(Texts.get("chart.lambda.subtitle") + " · " + spread(seeds, "band"))
                .x(Axis.log10("λ", null)).y(autoPercent(Texts.get("chart.axis.testAccuracy")))
                .legend(Plot.Legend.TOP);
        for (String method : ExperimentPreset.METHODS) {
            List<SeedSummary> gs = new ArrayList<>();
            for (SeedSummary g : groups) {
                if (g.method().equals(method) && g.point() == null
                        && gs.stream().noneMatch(o -> o.lambda() == g.lambda())) {
                    gs.add(g);
                }
            }
            if (gs.isEmpty()) {
                continue;
            }
            gs.sort(Comparator.comparingDouble(SeedSummary::lambda));
            String colour = MethodColors.method(method);
            if (method.equals(ExperimentPreset.PLAIN)) {
                plainMarkers(b, gs.get(0), taskNames.size());
                continue;
            }
            float[] x = new float[gs.size()];
            for (int i = 0; i < gs.size(); i++) {
                x[i] = (float) gs.get(i).lambda();
            }
            addBands(b, method, colour, gs, x, taskNames,
                    t -> t == 0 ? Series.Dash.SOLID : t == 1 ? Series.Dash.DASHED : Series.Dash.DOTTED);
        }
        return b.build();
    }

    /** Plain's mean final accuracies as horizontal markers in its colour (it has no λ and no knob). */
    private static void plainMarkers(Plot.Builder b, SeedSummary plain, int tasks) {
        for (int t = 0; t < tasks; t++) {
            MeanSe m = cell(plain, t);
            if (Double.isFinite(m.mean())) {
                b.marker(Marker.horizontal(m.mean(), Texts.fmt("chart.lambda.plainMarker", Texts.get("log.plain"),
                        MethodColors.taskLetter(t), 100 * m.mean())).withColor(MethodColors.method(
                        ExperimentPreset.PLAIN)));
            }
        }
    }

    /**
     * Per task, the groups' mean final accuracy at {@code x} (one x per group) with a band of ± one standard error,
     * or with one group a point with its error bar; each task in its dash.
     */
    private static void addBands(Plot.Builder b, String method, String colour, List<SeedSummary> gs, float[] x,
            List<String> taskNames, java.util.function.IntFunction<Series.Dash> dash) {
        int n = gs.size();
        for (int t = 0; t < taskNames.size(); t++) {
            float[] y = new float[n];
            float[] lo = new float[n];
            float[] hi = new float[n];
            float[] se = new float[n];
            for (int i = 0; i < n; i++) {
                MeanSe m = cell(gs.get(i), t);
                double e = Double.isFinite(m.se()) ? m.se() : 0;
                y[i] = (float) m.mean();
                lo[i] = (float) (m.mean() - e);
                hi[i] = (float) (m.mean() + e);
                se[i] = (float) m.se();
            }
            String name = MethodColors.methodLabel(method) + " · " + taskTitle(taskNames, t);
            Series s = n > 1
                    ? new Series.Line(name, Series.Style.of(colour), FloatColumn.of(x), FloatColumn.of(y))
                            .withBand(FloatColumn.of(lo), FloatColumn.of(hi))
                    : Series.scatter(name, x, y, colour).withErrors(null, FloatColumn.of(se));
            b.add(s.withDash(dash.apply(t)));
        }
    }

    /**
     * {@link LabCharts#accuracyVsKnob} over seeds: per method and task the mean final accuracy against the knob's
     * value with a band of ± one standard error; plain as horizontal markers at its means.
     */
    public static Plot accuracyVsKnob(List<SeedSummary> groups, List<String> taskNames, int seeds, String knob) {
        List<SeedSummary> points = groups.stream().filter(g -> g.point() != null && g.point().knob().equals(knob))
                .toList();
        boolean log = !points.isEmpty() && points.get(0).point().log();
        String label = LabCharts.knobAxisLabel(knob);
        Plot.Builder b = Plot.builder().title(Texts.fmt("chart.knob.title", LabCharts.knobName(knob)))
                .subtitle(Texts.get("chart.lambda.subtitle") + " · " + spread(seeds, "band"))
                .x(log ? Axis.log10(label, null) : Axis.linear(label, null))
                .y(autoPercent(Texts.get("chart.axis.testAccuracy"))).legend(Plot.Legend.TOP);
        groups.stream().filter(g -> g.method().equals(ExperimentPreset.PLAIN) && g.point() == null).findFirst()
                .ifPresent(plain -> plainMarkers(b, plain, taskNames.size()));
        for (String method : ExperimentPreset.METHODS) {
            List<SeedSummary> gs = new ArrayList<>(points.stream().filter(g -> g.method().equals(method)).toList());
            if (gs.isEmpty()) {
                continue;
            }
            gs.sort(Comparator.comparingDouble(g -> g.point().value()));
            String colour = MethodColors.method(method);
            float[] x = new float[gs.size()];
            for (int i = 0; i < gs.size(); i++) {
                x[i] = (float) gs.get(i).point().value();
            }
            addBands(b, method, colour, gs, x, taskNames, Series.Dash::forTask);
        }
        return b.build();
    }

    /** The last row's cell of a task, mean ± SE. */
    private static MeanSe cell(SeedSummary g, int task) {
        MeanSe[][] a = g.accuracy();
        MeanSe[] row = a[a.length - 1];
        return task < row.length ? row[task] : new MeanSe(Double.NaN, Double.NaN, 0);
    }

    private static void addScatters(Plot.Builder b, List<SeedSummary> groups,
            java.util.function.Function<SeedSummary, MeanSe> x, java.util.function.Function<SeedSummary, MeanSe> y) {
        for (String method : ExperimentPreset.METHODS) {
            List<SeedSummary> gs = new ArrayList<>();
            for (SeedSummary g : groups) {
                // a preset run and its sweep twin at the same λ are the same runs: count them once (a knob sweep's
                // runs share one λ: they have their own chart)
                if (g.method().equals(method) && g.point() == null
                        && gs.stream().noneMatch(o -> o.lambda() == g.lambda())) {
                    gs.add(g);
                }
            }
            if (gs.isEmpty()) {
                continue;
            }
            gs.sort(Comparator.comparingDouble(SeedSummary::lambda));
            String colour;
            try {
                colour = MethodColors.method(method);
            } catch (IllegalArgumentException e) {
                colour = MethodColors.TASK_A;
            }
            b.add(errorScatter(MethodColors.methodLabel(method), gs, x, y, g -> {
                String l = ExperimentLog.runLabel(method, g.lambda());
                int at = l.indexOf("λ=");
                return at < 0 ? l : l.substring(at);
            }, colour));
        }
        // a knob sweep's groups: one connected series per method and knob, in the knob's order
        List<String> knobs = groups.stream().filter(g -> g.point() != null).map(g -> g.point().knob()).distinct()
                .toList();
        for (String knob : knobs) {
            for (String method : ExperimentPreset.METHODS) {
                List<SeedSummary> gs = new ArrayList<>(groups.stream().filter(g -> g.point() != null
                        && g.point().knob().equals(knob) && g.method().equals(method)).toList());
                if (gs.isEmpty()) {
                    continue;
                }
                gs.sort(Comparator.comparingDouble(g -> g.point().value()));
                b.add(errorScatter(MethodColors.methodLabel(method) + " · " + LabCharts.knobName(knob), gs, x, y,
                        g -> g.point().label(), MethodColors.method(method)));
            }
        }
    }

    /** One method's groups as a connected scatter, mean of x against mean of y with ± SE bars both ways. */
    private static Series.Scatter errorScatter(String name, List<SeedSummary> gs,
            java.util.function.Function<SeedSummary, MeanSe> x, java.util.function.Function<SeedSummary, MeanSe> y,
            java.util.function.Function<SeedSummary, String> label, String colour) {
        int n = gs.size();
        float[] xs = new float[n];
        float[] ys = new float[n];
        float[] xe = new float[n];
        float[] ye = new float[n];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MeanSe mx = x.apply(gs.get(i));
            MeanSe my = y.apply(gs.get(i));
            xs[i] = (float) mx.mean();
            ys[i] = (float) my.mean();
            xe[i] = (float) mx.se();
            ye[i] = (float) my.se();
            labels.add(label.apply(gs.get(i)));
        }
        return Series.scatter(name, xs, ys, labels, colour).withConnected(n > 1)
                .withErrors(FloatColumn.of(xe), FloatColumn.of(ye));
    }

    private static Axis autoPercent(String label) {
        return new Axis(label, null, Axis.Scale.LINEAR, Double.NaN, Double.NaN, true, null);
    }
}
