package org.ewclab.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ewclab.analysis.Density;
import org.ewclab.analysis.DriftDensities;
import org.ewclab.analysis.DriftImportance;
import org.ewclab.analysis.DriftSplit;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.analysis.ExperimentLog.RunTrace;
import org.ewclab.analysis.Histogram;
import org.ewclab.analysis.Quantiles;
import org.ewclab.i18n.Texts;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.RunResult;

/**
 * The lab's charts (DESIGN.md, charts 1–6 and 8) built from what the engine reported. Plain data in, {@link Plot} out: the
 * window draws these plots live, and the same plots are exported to PNG, SVG and CSV, from the window or headless.
 * Every run keeps its method's colour; the first task is grey.
 */
public final class LabCharts {
    /** Fisher values are floored here before log10, so exact zeros (sparsified) stay on the chart. */
    public static final double FISHER_EPSILON = 1e-12;
    /** The top fraction of Fisher values that counts as "important" in the drift chart. */
    public static final double TOP_FRACTION = 0.1;
    /** Chart keys (file names) of the three drift views. */
    public static final String DRIFT_DENSITY = "drift-density";
    public static final String DRIFT_MAGNITUDE = "drift-magnitude";
    public static final String DRIFT_VS_IMPORTANCE = "drift-vs-importance";
    /** Layer choice meaning every trainable tensor together. */
    public static final String ALL_LAYERS = "all layers";

    private LabCharts() {
    }

    // ---- 1. loss ----------------------------------------------------------------------------------------------

    /** Cross-entropy (solid) and penalty (dashed) per run against the global step, task boundaries and λ moves marked. */
    public static Plot loss(ExperimentLog.Snapshot snap) {
        // no legend in the window: the colours are the methods' everywhere (the accuracy chart's legend names them);
        // an exported loss chart gets its legend back (ExportAll)
        Plot.Builder b = Plot.builder().title(Texts.get("chart.loss.title"))
                .subtitle(Texts.get("chart.loss.subtitle"))
                .x(Axis.linear(Texts.get("chart.axis.step"), null))
                .y(Axis.log10(Texts.get("chart.axis.loss"), null)).legend(Plot.Legend.NONE);
        for (RunTrace r : snap.runs()) {
            if (r.lossSteps().length == 0) {
                continue;
            }
            float[] x = steps(r.lossSteps());
            String color = colour(r);
            b.add(Series.line(r.label() + " · " + Texts.get("chart.series.crossEntropy"), x, r.crossEntropy(), color));
            if (!r.firstTask() && hasPositive(r.penalty())) {
                // the penalty's value is sampled every few steps (NaN between): its line joins the sampled points
                float[][] sampled = finitePoints(x, r.penalty());
                b.add(Series.line(r.label() + " · " + Texts.get("chart.series.penalty"), sampled[0], sampled[1],
                        color).withDash(Series.Dash.DASHED));
            }
            for (ExperimentLog.LambdaMark m : r.lambdaChanges()) {
                b.marker(Marker.vertical(m.step(), "λ → " + ExperimentLog.shortNumber(m.newLambda()))
                        .withColor(color));
            }
        }
        taskBoundaries(snap, b);
        return b.build();
    }

    // ---- 2. accuracy / forgetting curve -----------------------------------------------------------------------

    /**
     * Accuracy on every task's held-out subset over training: the forgetting curve. Task A solid, task B dashed, C
     * dotted, D dash-dot, E long dashes ({@link Series.Dash#forTask}); each run in its method's colour, so plain's
     * task-A line falls and EWC's holds.
     */
    public static Plot accuracy(ExperimentLog.Snapshot snap) {
        int tasks = snap.runs().stream().mapToInt(r -> r.accuracy().length).max().orElse(0);
        Plot.Builder b = Plot.builder().title(Texts.get("chart.accuracy.title"))
                .subtitle(Texts.get(tasks > 2 ? "chart.accuracy.subtitleMany" : "chart.accuracy.subtitle"))
                .x(Axis.linear(Texts.get("chart.axis.step"), null))
                .y(percentAxis(Texts.get("chart.axis.accuracy"))).legend(Plot.Legend.TOP);
        for (RunTrace r : snap.runs()) {
            if (r.accuracySteps().length == 0) {
                continue;
            }
            float[] x = steps(r.accuracySteps());
            for (int t = 0; t < r.accuracy().length; t++) {
                if (r.firstTask() && t > 0) {
                    continue; // before task B trains, its accuracy is chance level: noise on the chart
                }
                Series s = Series.line(r.label() + " · " + taskTitle(r, t), x, r.accuracy()[t], colour(r));
                s = s.withDash(Series.Dash.forTask(t));
                // joint training is the upper reference, not a contender: near-black and thin (the dashes already
                // say which task a line is)
                b.add(!r.firstTask() && MethodColors.isReference(r.method()) ? s.withWidth(s.style().width() / 2) : s);
            }
        }
        taskBoundaries(snap, b);
        return b.build();
    }

    // ---- 3. Fisher histogram ----------------------------------------------------------------------------------

    /** The layers a Fisher histogram can show, "all layers" first. */
    public static List<String> fisherLayers(ExperimentLog.Snapshot snap) {
        List<String> out = new ArrayList<>();
        LabEvent.FisherComputed f = snap.fisherByTask().get(0);
        if (f != null) {
            out.add(ALL_LAYERS);
            for (LabEvent.LayerFisher l : f.layers()) {
                out.add(l.name());
            }
        }
        return out;
    }

    /**
     * Histogram of log10(F + ε) of task A's Fisher for one layer (or all), with the median, 90% and 99% quantiles
     * marked, and λ·F as a second x axis: where λ·F passes 1 the penalty starts to pin a weight.
     */
    public static Plot fisherHistogram(ExperimentLog.Snapshot snap, String layer, double lambda) {
        return importanceHistogram(snap, LabEvent.ImportanceMeasure.FISHER, layer, lambda);
    }

    /**
     * {@link #fisherHistogram} of another importance measure of task A (SI's Ω, MAS's Ω; see {@link ImportanceCharts}):
     * log10(Ω + ε) with the same quantile markers, and λ·Ω on the second axis when λ is given (the λ of a run of the
     * method that uses the measure).
     */
    public static Plot importanceHistogram(ExperimentLog.Snapshot snap, String measure, String layer, double lambda) {
        if (!LabEvent.ImportanceMeasure.FISHER.equals(measure)) {
            return otherHistogram(snap, measure, layer, lambda);
        }
        LabEvent.FisherComputed f = snap.fisherByTask().get(0);
        Axis.Secondary lambdaF = lambda > 0
                ? new Axis.Secondary(Texts.get("chart.fisher.lambdaAxis"), null, 1, Math.log10(lambda)) : null;
        Axis x = new Axis(Texts.get("chart.fisher.axis"), null, Axis.Scale.LINEAR, Double.NaN, Double.NaN, false,
                lambdaF);
        Plot.Builder b = Plot.builder().title(Texts.get("chart.fisher.title")).x(x)
                .y(Axis.linear(Texts.get("chart.axis.weights"), Texts.get("chart.axis.count")))
                .legend(Plot.Legend.NONE);
        if (f == null) {
            return b.subtitle(Texts.get("chart.afterTrainA")).build();
        }
        float[] values = fisherValues(f, layer);
        if (values.length == 0) {
            return b.subtitle(Texts.fmt("chart.fisher.noLayer", layer)).build();
        }
        int zeros = atFloor(values);
        b.subtitle(Texts.fmt("chart.fisher.subtitle", layerName(layer), values.length, f.variant(),
                zeros == 0 ? "" : Texts.fmt("chart.fisher.zeros", zeros)));
        return logHistogram(b, values, layer).build();
    }

    private static Plot otherHistogram(ExperimentLog.Snapshot snap, String measure, String layer, double lambda) {
        LabEvent.FisherComputed f = snap.fisherByTask().get(0);
        String label = ImportanceCharts.label(measure);
        Axis.Secondary lambdaAxis = lambda > 0
                ? new Axis.Secondary(Texts.fmt("chart.measure.lambdaAxis", label), null, 1, Math.log10(lambda)) : null;
        Axis x = new Axis(Texts.fmt("chart.measure.axis", label), null, Axis.Scale.LINEAR, Double.NaN, Double.NaN,
                false, lambdaAxis);
        Plot.Builder b = Plot.builder().title(Texts.fmt("chart.measure.title", label)).x(x)
                .y(Axis.linear(Texts.get("chart.axis.weights"), Texts.get("chart.axis.count")))
                .legend(Plot.Legend.NONE);
        if (f == null) {
            return b.subtitle(Texts.get("chart.afterTrainA")).build();
        }
        if (ImportanceCharts.layers(f, measure) == null) {
            return b.subtitle(Texts.fmt("chart.measure.missing", label)).build();
        }
        float[] values = ImportanceCharts.values(f, measure, layer);
        if (values.length == 0) {
            return b.subtitle(Texts.fmt("chart.fisher.noLayer", layer)).build();
        }
        int zeros = atFloor(values);
        b.subtitle(Texts.fmt("chart.measure.subtitle", layerName(layer), values.length,
                zeros == 0 ? "" : Texts.fmt("chart.measure.zeros", zeros)));
        return logHistogram(b, values, layer).build();
    }

    /** How many values sit at the log histogram's floor ({@link #FISHER_EPSILON}): zero importance in practice. */
    private static int atFloor(float[] values) {
        int n = 0;
        for (float v : values) {
            if (v <= FISHER_EPSILON) {
                n++;
            }
        }
        return n;
    }

    /** A layer's importance as a 60-bin log10 histogram with its median, 90% and 99% marked (Fisher, SI, MAS). */
    private static Plot.Builder logHistogram(Plot.Builder b, float[] values, String layer) {
        Histogram h = Histogram.ofLog10(values, FISHER_EPSILON, 60);
        b.add(Series.bars(layerName(layer), toFloats(h.edges()), toFloats(h.counts()), MethodColors.TASK_A));
        double[] q = Quantiles.of(values, 0.5, 0.9, 0.99);
        String[] names = {Texts.get("chart.fisher.median"), "90%", "99%"};
        for (int i = 0; i < q.length; i++) {
            b.marker(Marker.vertical(Math.log10(q[i] + FISHER_EPSILON), names[i]));
        }
        return b;
    }

    /** A layer's name as shown: {@link #ALL_LAYERS} stays the key the window passes, but reads in the language. */
    static String layerName(String layer) {
        return ALL_LAYERS.equals(layer) ? Texts.get("chart.allLayers") : layer;
    }

    /** The Fisher values of one layer, or of all layers concatenated. */
    public static float[] fisherValues(LabEvent.FisherComputed f, String layer) {
        if (ALL_LAYERS.equals(layer)) {
            int n = 0;
            for (LabEvent.LayerFisher l : f.layers()) {
                n += l.values().length;
            }
            float[] out = new float[n];
            int at = 0;
            for (LabEvent.LayerFisher l : f.layers()) {
                System.arraycopy(l.values(), 0, out, at, l.values().length);
                at += l.values().length;
            }
            return out;
        }
        for (LabEvent.LayerFisher l : f.layers()) {
            if (l.name().equals(layer)) {
                return l.values();
            }
        }
        return new float[0];
    }

    // ---- 4. drift density ---------------------------------------------------------------------------------------

    /** Label of the signed drift axis, and of the magnitude axis (log10 of its absolute value). */
    public static final String DRIFT_LABEL = "θ − θ*A";
    public static final String LOG_DRIFT_LABEL = "log10 |θ − θ*A|";

    /**
     * Density of θ − θ*_A per method run, split into the top decile of task-A Fisher (filled) and the rest (dashed):
     * EWC holds the important weights still and lets the rest move; plain moves both. One symmetric grid holding 0
     * for every curve, each curve's bandwidth floored at the grid step, so each curve has area 1 at any drift scale
     * ({@link DriftDensities#signed}); the subtitle gives the step, below which a peak is drawn one step wide.
     */
    public static Plot driftDensity(ExperimentLog.Snapshot snap, String layer) {
        Plot.Builder b = Plot.builder().title(Texts.get("chart.drift.title"))
                .x(Axis.linear(DRIFT_LABEL, null).withCsvName("drift"))
                .y(Axis.linear(Texts.get("chart.axis.density"), null).withCsvName("density")).legend(Plot.Legend.NONE);
        List<RunTrace> runs = driftRuns(snap);
        if (runs.isEmpty()) {
            return b.subtitle(Texts.get("chart.drift.empty")).build();
        }
        List<DriftCurve> curves = driftCurves(runs, layer);
        DriftDensities.View view = DriftDensities.signed(curves.stream().map(DriftCurve::values).toList());
        b.subtitle(Texts.fmt("chart.drift.signedSubtitle", ExperimentLog.shortNumber(view.step())));
        addCurves(b, curves, view);
        return b.build();
    }

    /**
     * Density of log10 |θ − θ*_A| per method run and Fisher group: the orders of magnitude by which EWC holds its
     * important weights still compared with the rest, and with plain. Weights that did not move at all have no
     * logarithm; they are counted in the subtitle, and each curve is the density (per decade) of the weights that
     * moved ({@link DriftDensities#log10Magnitude}).
     */
    public static Plot driftMagnitude(ExperimentLog.Snapshot snap, String layer) {
        Plot.Builder b = Plot.builder().title(Texts.get("chart.driftMagnitude.title"))
                .x(Axis.linear(LOG_DRIFT_LABEL, null).withCsvName("log10_abs_drift"))
                .y(Axis.linear(Texts.get("chart.axis.density"), Texts.get("chart.axis.perDecade")).withCsvName("density")).legend(Plot.Legend.NONE);
        List<RunTrace> runs = driftRuns(snap);
        if (runs.isEmpty()) {
            return b.subtitle(Texts.get("chart.drift.empty")).build();
        }
        List<DriftCurve> curves = driftCurves(runs, layer);
        DriftDensities.View view = DriftDensities.log10Magnitude(curves.stream().map(DriftCurve::values).toList());
        b.subtitle(Texts.get("chart.driftMagnitude.subtitle"));
        List<DriftCurve> named = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            DriftCurve c = curves.get(i);
            DriftDensities.Curve d = view.curves().get(i);
            named.add(d.zeros() == 0 ? c : new DriftCurve(c.name() + " (" + share(d.zeros(), d.count())
                    + Texts.get("chart.drift.unmoved") + ")", c.colour(), c.important(), c.values()));
        }
        addCurves(b, named, view);
        return b.build();
    }

    /** "1.2%" or "312 of 9,000" for tiny shares, so a handful of frozen weights is not rounded to 0%. */
    private static String share(int part, int whole) {
        double p = 100.0 * part / Math.max(1, whole);
        return p >= 0.1 ? String.format(Locale.ROOT, "%.1f%%", p)
                : Texts.fmt("chart.share.ofTotal", part, whole);
    }

    /** One drift sample of the chart: a run's important or other weights. */
    private record DriftCurve(String name, String colour, boolean important, float[] values) {
    }

    private static List<RunTrace> driftRuns(ExperimentLog.Snapshot snap) {
        List<RunTrace> runs = new ArrayList<>();
        for (RunTrace r : snap.methodRuns()) {
            if (r.parameters() != null && r.parameters().step() > r.stepOffset()) {
                runs.add(r);
            }
        }
        return runs;
    }

    private static List<DriftCurve> driftCurves(List<RunTrace> runs, String layer) {
        List<DriftCurve> out = new ArrayList<>();
        for (RunTrace r : runs) {
            float[][] df = deltaAndFisher(r.parameters(), layer);
            if (df[0].length == 0) {
                continue;
            }
            DriftSplit s = DriftSplit.byFisher(df[0], df[1], TOP_FRACTION);
            if (s.important().length > 1) {
                out.add(new DriftCurve(r.label() + " · " + Texts.get("chart.drift.top"), colour(r), true, s.important()));
            }
            if (s.rest().length > 1) {
                out.add(new DriftCurve(r.label() + " · " + Texts.get("chart.drift.rest"), colour(r), false, s.rest()));
            }
        }
        return out;
    }

    private static void addCurves(Plot.Builder b, List<DriftCurve> curves, DriftDensities.View view) {
        for (int i = 0; i < curves.size(); i++) {
            DriftCurve c = curves.get(i);
            Density d = view.curves().get(i).density();
            if (d == null) {
                continue;
            }
            Series s = c.important() ? Series.density(c.name(), toFloats(d.x()), toFloats(d.density()), c.colour())
                    : Series.line(c.name(), toFloats(d.x()), toFloats(d.density()), c.colour())
                            .withDash(Series.Dash.DASHED);
            b.add(s);
        }
    }

    // ---- 8. drift against importance ----------------------------------------------------------------------------

    /**
     * EWC's mechanism (DESIGN.md chart 8): one panel per method run, each weight's task-A Fisher F (x) against how
     * far it moved (y), log10 on both axes, counted into decade-aligned cells shaded by the number of weights (one
     * shade scale for all panels), with the median drift per F column as connected dots. Plain: the dots run flat,
     * drift does not depend on F. EWC: they fall to the right of λ·F = 1 (marked), where the penalty holds weights.
     */
    public static Plot driftVsImportance(ExperimentLog.Snapshot snap, String layer) {
        return driftVsImportance(snap, layer, LabEvent.ImportanceMeasure.FISHER);
    }

    /**
     * {@link #driftVsImportance(ExperimentLog.Snapshot, String)} against another measure of task A's importance
     * (SI's or MAS's Ω, {@link ImportanceCharts}) on x; the λ·Ω = 1 line is drawn on the panels of the method that
     * uses that measure.
     */
    public static Plot driftVsImportance(ExperimentLog.Snapshot snap, String layer, String measure) {
        boolean fisher = LabEvent.ImportanceMeasure.FISHER.equals(measure);
        LabEvent.FisherComputed fc = snap.fisherByTask().get(0);
        Plot.Builder b = Plot.builder().title(fisher ? Texts.get("chart.driftImportance.title")
                        : Texts.fmt("chart.driftImportance.titleOf", ImportanceCharts.label(measure)))
                .legend(Plot.Legend.NONE);
        List<RunTrace> runs = driftRuns(snap);
        List<float[][]> data = new ArrayList<>();
        List<RunTrace> shown = new ArrayList<>();
        for (RunTrace r : runs) {
            float[][] df = fisher ? deltaAndFisher(r.parameters(), layer)
                    : deltaAndMeasure(r.parameters(), layer, fc, measure);
            if (df[0].length > 0) {
                data.add(new float[][] {df[1], df[0]});
                shown.add(r);
            }
        }
        if (shown.isEmpty()) {
            return b.subtitle(Texts.get(!fisher && !runs.isEmpty() ? "chart.measures.none" : "chart.drift.empty"))
                    .x(importanceAxis(measure)).y(driftMagnitudeAxis()).build();
        }
        DriftImportance.Grid grid = DriftImportance.Grid.covering(data);
        List<DriftImportance> binned = new ArrayList<>();
        int shadeMax = 1;
        for (float[][] run : data) {
            DriftImportance h = DriftImportance.bin(run[0], run[1], grid);
            binned.add(h);
            shadeMax = Math.max(shadeMax, h.maxCount());
        }
        List<String> notShown = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            RunTrace r = shown.get(i);
            DriftImportance h = binned.get(i);
            String colour = colour(r);
            Plot.Builder p = Plot.builder().title(r.label()).legend(Plot.Legend.NONE)
                    .x(importanceAxis(measure).withRange(grid.xLo(), grid.xHi()))
                    .y(driftMagnitudeAxis().withRange(grid.yLo(), grid.yHi()));
            float[] counts = new float[h.counts().length];
            for (int k = 0; k < counts.length; k++) {
                counts[k] = h.counts()[k];
            }
            String weights = Texts.get("chart.driftImportance.weights");
            p.add(Series.cells(r.label() + " · " + weights, grid.xLo(), grid.xHi(), grid.columns(), grid.yLo(),
                    grid.yHi(), grid.rows(), counts, shadeMax, weights, colour));
            float[] mx = new float[grid.columns()];
            float[] my = new float[grid.columns()];
            for (int c = 0; c < grid.columns(); c++) {
                mx[c] = (float) (grid.xLo() + (c + 0.5) * grid.binWidth());
                my[c] = (float) h.medians()[c];
            }
            p.add(Series.scatter(r.label() + " · median drift", mx, my, colour).withConnected(true));
            double lambda = finalLambda(r);
            boolean uses = fisher ? r.method().equals("ewc") || r.method().equals("online-ewc")
                    : r.method().equals(measure);
            if (lambda > 0 && uses) {
                double x = -Math.log10(lambda);
                if (x >= grid.xLo() && x <= grid.xHi()) {
                    p.marker(Marker.vertical(x, fisher ? "λ·F = 1" : "λ·Ω = 1"));
                }
            }
            b.panel(p.build());
            if (h.lowFisher() + h.zeroDrift() > 0) {
                notShown.add(String.format(Locale.ROOT, "%s %s", r.label(),
                        share(h.lowFisher() + h.zeroDrift(), data.get(i)[0].length)));
            }
        }
        b.subtitle((fisher ? Texts.get("chart.driftImportance.subtitle")
                : Texts.fmt("chart.driftImportance.subtitleOf", ImportanceCharts.label(measure)))
                + (notShown.isEmpty() ? "" : Texts.fmt(fisher ? "chart.driftImportance.notShown"
                        : "chart.driftImportance.notShownOf", Math.round(grid.xLo()), String.join(", ", notShown))));
        return b.build();
    }

    private static Axis importanceAxis() {
        return Axis.linear("log10 Fisher F", null).withCsvName("log10_fisher");
    }

    private static Axis importanceAxis(String measure) {
        if (LabEvent.ImportanceMeasure.FISHER.equals(measure)) {
            return importanceAxis();
        }
        return Axis.linear("log10 " + ImportanceCharts.label(measure), null).withCsvName("log10_" + measure);
    }

    /** A drift snapshot's θ − θ*A with another measure's importance of the same weights (layers it lacks: none). */
    private static float[][] deltaAndMeasure(LabEvent.ParameterSnapshot p, String layer, LabEvent.FisherComputed fc,
            String measure) {
        List<float[]> ds = new ArrayList<>();
        List<float[]> is = new ArrayList<>();
        int n = 0;
        for (LabEvent.LayerDelta l : p.layers()) {
            if (ALL_LAYERS.equals(layer) || l.name().equals(layer)) {
                float[] v = fc == null ? null : ImportanceCharts.layerValues(fc, measure, l.name());
                if (v != null && v.length == l.delta().length) {
                    ds.add(l.delta());
                    is.add(v);
                    n += v.length;
                }
            }
        }
        float[] delta = new float[n];
        float[] imp = new float[n];
        int at = 0;
        for (int k = 0; k < ds.size(); k++) {
            System.arraycopy(ds.get(k), 0, delta, at, ds.get(k).length);
            System.arraycopy(is.get(k), 0, imp, at, is.get(k).length);
            at += ds.get(k).length;
        }
        return new float[][] {delta, imp};
    }

    private static Axis driftMagnitudeAxis() {
        return Axis.linear(LOG_DRIFT_LABEL, null).withCsvName("log10_abs_drift");
    }

    /** The λ a run ended with (it may have been moved while it trained). */
    private static double finalLambda(RunTrace r) {
        List<ExperimentLog.LambdaMark> changes = r.lambdaChanges();
        return changes.isEmpty() ? r.lambda() : changes.get(changes.size() - 1).newLambda();
    }

    /** The trainable layers a drift chart can show, "all layers" first. */
    public static List<String> driftLayers(ExperimentLog.Snapshot snap) {
        Set<String> out = new LinkedHashSet<>();
        for (RunTrace r : snap.methodRuns()) {
            if (r.parameters() != null) {
                out.add(ALL_LAYERS);
                r.parameters().layers().forEach(l -> out.add(l.name()));
            }
        }
        return List.copyOf(out);
    }

    private static float[][] deltaAndFisher(LabEvent.ParameterSnapshot p, String layer) {
        int n = 0;
        for (LabEvent.LayerDelta l : p.layers()) {
            if (ALL_LAYERS.equals(layer) || l.name().equals(layer)) {
                n += l.delta().length;
            }
        }
        float[] delta = new float[n];
        float[] fisher = new float[n];
        int at = 0;
        for (LabEvent.LayerDelta l : p.layers()) {
            if (ALL_LAYERS.equals(layer) || l.name().equals(layer)) {
                System.arraycopy(l.delta(), 0, delta, at, l.delta().length);
                System.arraycopy(l.fisherA(), 0, fisher, at, l.fisherA().length);
                at += l.delta().length;
            }
        }
        return new float[][] {delta, fisher};
    }

    // ---- 5. importance image ------------------------------------------------------------------------------------

    /**
     * Task A's first-layer Fisher summed per input pixel as a heat map (bright = pixels task A relies on), beside sample
     * images of task A.
     */
    public static Plot importance(ExperimentLog.Snapshot snap, List<ImageTile> samples) {
        return importance(snap, LabEvent.ImportanceMeasure.FISHER, samples);
    }

    /** {@link #importance(ExperimentLog.Snapshot, List)} by one measure of task A's importance (Fisher, SI, MAS). */
    public static Plot importance(ExperimentLog.Snapshot snap, String measure, List<ImageTile> samples) {
        LabEvent.FisherComputed f = snap.fisherByTask().get(0);
        boolean fisher = LabEvent.ImportanceMeasure.FISHER.equals(measure);
        String label = ImportanceCharts.label(measure);
        Plot.Builder b = Plot.builder().title(fisher ? Texts.get("chart.importance.title")
                : Texts.fmt("chart.importance.titleOf", label)).legend(Plot.Legend.NONE);
        if (f == null || f.inputImportance() == null || f.inputHeight() <= 0) {
            return b.subtitle(Texts.get("chart.importance.empty")).build();
        }
        float[] perInput = ImportanceCharts.perInput(f, measure);
        if (perInput == null) {
            return b.subtitle(Texts.fmt("chart.measure.missing", label)).build();
        }
        float[] v = perInput.clone();
        float top = -Float.MAX_VALUE;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.log10(v[i] + FISHER_EPSILON);
            top = Math.max(top, v[i]);
        }
        // four decades below the most important pixel: below that every pixel looks the same to the eye anyway,
        // and a floor at ε would spend the whole colour range on "used or not"
        HeatMap h = new HeatMap(f.inputWidth(), f.inputHeight(), FloatColumn.of(v), ColorMap.VIRIDIS, top - 4,
                top + 1e-3, List.of(), List.of(), null, fisher ? Texts.get("chart.importance.scale")
                        : Texts.fmt("chart.importance.scaleOf", label), true);
        b.subtitle(fisher ? Texts.get("chart.importance.subtitle") : Texts.fmt("chart.importance.subtitleOf", label))
                .heatMap(h);
        for (ImageTile t : samples) {
            b.tile(t);
        }
        return b.build();
    }

    /** Three sample images of task A for the importance chart (none for feature data), as window and export show. */
    public static List<ImageTile> sampleTiles(List<org.ewclab.data.TaskData> tasks) {
        if (tasks == null || tasks.isEmpty() || !tasks.get(0).train().isImage()) {
            return List.of();
        }
        org.ewclab.data.Dataset d = tasks.get(0).train();
        List<ImageTile> out = new ArrayList<>();
        for (int i = 0; i < Math.min(3, d.size()); i++) {
            byte[] px = new byte[d.featureCount()];
            for (int k = 0; k < px.length; k++) {
                px[k] = (byte) d.pixel(i, k);
            }
            out.add(ImageTile.grey(d.classNames().get(d.label(i)), d.width(), d.height(), px));
        }
        return out;
    }

    // ---- 6. accuracy matrix -------------------------------------------------------------------------------------

    /** R[i][j] with the values written in the cells; rows "after task i", columns "on task j"; BWT in the subtitle. */
    public static Plot accuracyMatrix(RunResult r, List<String> taskNames) {
        double[][] acc = r.accuracy();
        int rows = acc.length;
        int cols = taskNames.size();
        float[] v = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            // a diverged run's last row was measured on a network whose outputs are not numbers: its argmax reads
            // as class-0 frequency, not as an accuracy, so that row stays empty
            boolean meaningless = r.diverged() && i == rows - 1 && i > 0;
            for (int j = 0; j < cols; j++) {
                v[i * cols + j] = j < acc[i].length && !meaningless ? (float) acc[i][j] : Float.NaN;
            }
        }
        List<String> rowNames = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            rowNames.add(Texts.fmt("chart.matrix.row", taskNames.get(i)) + (r.diverged() && i == rows - 1 && i > 0 ? " " + Texts.get("chart.diverged") : ""));
        }
        HeatMap h = new HeatMap(cols, rows, FloatColumn.of(v), ColorMap.VIRIDIS, 0, 1, taskNames, rowNames, "%.2f",
                Texts.get("chart.axis.testAccuracy"), false);
        return Plot.builder().title(Texts.get("chart.matrix.title") + " · " + ExperimentLog.runLabel(r)
                        + (r.diverged() ? " · " + Texts.get("report.diverged") : ""))
                .subtitle(r.diverged() ? Texts.get("chart.matrix.divergedSubtitle")
                        + (r.message() != null ? " — " + r.message() : "")
                        : Texts.fmt("chart.matrix.subtitle",
                        100 * r.averageAccuracy(), 100 * r.forgetting(), 100 * r.bwt()))
                .x(Axis.linear(Texts.get("chart.matrix.x"), null)).y(Axis.linear(Texts.get("chart.matrix.y"), null))
                .heatMap(h).legend(Plot.Legend.NONE).build();
    }

    // ---- 6b. λ sweep and sequence summaries --------------------------------------------------------------------

    /**
     * The stability–plasticity plot of a λ sweep: x = accuracy on the last task after training it (plasticity), y =
     * accuracy on task A after the last task (stability). One connected series per method in its colour, points
     * sorted by λ and labelled "λ=1e3"; plain is a single labelled point. Up and to the right is better. Runs of one
     * method at the same λ (a preset run and its sweep twin, which fork from one checkpoint) count once.
     */
    public static Plot stabilityPlasticity(List<RunResult> runs, List<String> taskNames) {
        int last = Math.max(1, taskNames.size() - 1);
        String lastTask = taskTitle(taskNames, last);
        Plot.Builder b = Plot.builder().title(Texts.get("chart.sp.title"))
                .subtitle(Texts.get("chart.sp.subtitle") + divergedNote(runs))
                .x(percentAxisAuto(Texts.fmt("chart.sp.x", lastTask)))
                .y(percentAxisAuto(Texts.fmt("chart.sp.y", taskTitle(taskNames, 0), lastTask)))
                .legend(Plot.Legend.TOP);
        addMethodScatters(b, runs, r -> {
            double[] row = finalRow(r);
            return last < row.length ? row[last] : Double.NaN;
        }, r -> finalRow(r)[0]);
        return b.build();
    }

    /**
     * Final accuracy on every task against λ (log axis): per method, task A solid, task B dashed, later tasks dotted.
     * Plain has no λ: its accuracies are horizontal markers in its colour.
     */
    public static Plot accuracyVsLambda(List<RunResult> runs, List<String> taskNames) {
        Plot.Builder b = Plot.builder().title(Texts.get("chart.lambda.title"))
                .subtitle(Texts.get("chart.lambda.subtitle") + divergedNote(runs))
                .x(Axis.log10("λ", null)).y(percentAxisAuto(Texts.get("chart.axis.testAccuracy"))).legend(Plot.Legend.TOP);
        for (Map.Entry<String, List<RunResult>> e : byMethod(runs).entrySet()) {
            String method = e.getKey();
            String colour = methodColour(method);
            List<RunResult> rs = e.getValue();
            if (method.equals(ExperimentPreset.PLAIN)) {
                plainMarkers(b, rs.get(0), taskNames);
                continue;
            }
            float[] x = new float[rs.size()];
            for (int i = 0; i < rs.size(); i++) {
                x[i] = (float) rs.get(i).lambda();
            }
            addTaskSeries(b, method, colour, rs, x, taskNames);
        }
        return b.build();
    }

    /**
     * Per task, the runs' final accuracy at {@code x} (one x per run): a line through the runs, or a point when there
     * is one run; task A solid, task B dashed, later tasks dotted.
     */
    private static void addTaskSeries(Plot.Builder b, String method, String colour, List<RunResult> rs, float[] x,
            List<String> taskNames) {
        for (int t = 0; t < taskNames.size(); t++) {
            float[] y = new float[rs.size()];
            for (int i = 0; i < rs.size(); i++) {
                double[] row = finalRow(rs.get(i));
                y[i] = (float) (t < row.length ? row[t] : Double.NaN);
            }
            String name = MethodColors.methodLabel(method) + " · " + taskTitle(taskNames, t);
            Series s = rs.size() > 1 ? Series.line(name, x, y, colour) : Series.scatter(name, x, y, colour);
            b.add(s.withDash(Series.Dash.forTask(t)));
        }
    }

    /**
     * Final accuracy on every task against a swept knob other than λ (replay's memory, LwF's α, …): per method, the
     * runs of the knob sweep ordered by the knob's value, task A solid, task B dashed, later tasks dotted; the x axis
     * log or linear as the sweep's scale says, labelled with the knob and its unit. Plain, where it ran, is drawn as
     * horizontal markers (it has no knob).
     */
    public static Plot accuracyVsKnob(List<RunResult> runs, List<String> taskNames, String knob) {
        List<RunResult> points = runs.stream().filter(r -> r.point() != null && r.point().knob().equals(knob)
                && r.rows() > 0).toList();
        boolean log = !points.isEmpty() && points.get(0).point().log();
        String label = knobAxisLabel(knob);
        Plot.Builder b = Plot.builder().title(Texts.fmt("chart.knob.title", knobName(knob)))
                .subtitle(Texts.get("chart.lambda.subtitle") + divergedNote(points))
                .x(log ? Axis.log10(label, null) : Axis.linear(label, null))
                .y(percentAxisAuto(Texts.get("chart.axis.testAccuracy"))).legend(Plot.Legend.TOP);
        runs.stream().filter(r -> r.method().equals(ExperimentPreset.PLAIN) && r.point() == null && r.rows() > 0)
                .findFirst().ifPresent(plain -> plainMarkers(b, plain, taskNames));
        for (String method : ExperimentPreset.METHODS) {
            List<RunResult> rs = new ArrayList<>(points.stream().filter(r -> r.method().equals(method)).toList());
            if (rs.isEmpty()) {
                continue;
            }
            rs.sort(Comparator.comparingDouble(r -> r.point().value()));
            String colour = methodColour(method);
            float[] x = new float[rs.size()];
            for (int i = 0; i < rs.size(); i++) {
                x[i] = (float) rs.get(i).point().value();
            }
            addTaskSeries(b, method, colour, rs, x, taskNames);
        }
        return b.build();
    }

    /** Plain's final accuracies as horizontal markers in its colour (it has no λ and no knob). */
    private static void plainMarkers(Plot.Builder b, RunResult plain, List<String> taskNames) {
        double[] row = finalRow(plain);
        for (int t = 0; t < row.length && t < taskNames.size(); t++) {
            if (Double.isFinite(row[t])) {
                b.marker(Marker.horizontal(row[t], Texts.fmt("chart.lambda.plainMarker", Texts.get("log.plain"),
                        MethodColors.taskLetter(t), 100 * row[t])).withColor(methodColour(ExperimentPreset.PLAIN)));
            }
        }
    }

    /** A knob's name in the charts' language, e.g. "replay memory" / "回放记忆"; λ for lambda. */
    public static String knobName(String knob) {
        return knob.equals("lambda") ? "λ" : Texts.get("chart.knob.name." + knob);
    }

    /** A knob's axis label: its name and unit, e.g. "replay memory (samples per earlier task)"; λ for lambda. */
    public static String knobAxisLabel(String knob) {
        return knob.equals("lambda") ? "λ" : Texts.get("chart.knob.axis." + knob);
    }

    /** The knobs other than λ that the runs swept, in order of first appearance. */
    public static List<String> knobsSwept(List<RunResult> runs) {
        return runs.stream().filter(r -> r.point() != null).map(r -> r.point().knob()).distinct().toList();
    }

    /**
     * The sequence summary: average accuracy after the last task (y) against backward transfer (x), one point per run,
     * each method's runs joined in λ order. Up is "knows more at the end", right is "forgot less"; BWT is 0 at best.
     */
    public static Plot averageAndBwt(List<RunResult> runs) {
        Plot.Builder b = Plot.builder().title(Texts.get("chart.bwt.title"))
                .subtitle(Texts.get("chart.bwt.subtitle") + divergedNote(runs))
                .x(new Axis(Texts.get("chart.bwt.x"), null, Axis.Scale.LINEAR, Double.NaN, Double.NaN, true, null))
                .y(percentAxisAuto(Texts.get("chart.bwt.y"))).legend(Plot.Legend.TOP);
        addMethodScatters(b, runs, r -> r.diverged() ? Double.NaN : r.bwt(),
                r -> r.diverged() ? Double.NaN : r.averageAccuracy());
        return b.build();
    }

    /** One connected scatter per method (its runs in λ order), each point labelled with its λ. */
    private static void addMethodScatters(Plot.Builder b, List<RunResult> runs,
            java.util.function.ToDoubleFunction<RunResult> x, java.util.function.ToDoubleFunction<RunResult> y) {
        for (Map.Entry<String, List<RunResult>> e : byMethod(runs).entrySet()) {
            List<RunResult> rs = e.getValue();
            float[] xs = new float[rs.size()];
            float[] ys = new float[rs.size()];
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                xs[i] = (float) x.applyAsDouble(rs.get(i));
                ys[i] = (float) y.applyAsDouble(rs.get(i));
                labels.add(pointLabel(rs.get(i)));
            }
            Series.Scatter s = Series.scatter(MethodColors.methodLabel(e.getKey()), xs, ys, labels,
                    methodColour(e.getKey()));
            b.add(s.withConnected(rs.size() > 1));
        }
        // a knob sweep's runs: one connected series per method and knob, in the knob's order, labelled "memory 50"
        for (String knob : knobsSwept(runs)) {
            for (String method : ExperimentPreset.METHODS) {
                List<RunResult> rs = new ArrayList<>(runs.stream().filter(r -> r.point() != null && r.rows() > 0
                        && r.point().knob().equals(knob) && r.method().equals(method)).toList());
                if (rs.isEmpty()) {
                    continue;
                }
                rs.sort(Comparator.comparingDouble(r -> r.point().value()));
                float[] xs = new float[rs.size()];
                float[] ys = new float[rs.size()];
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < rs.size(); i++) {
                    xs[i] = (float) x.applyAsDouble(rs.get(i));
                    ys[i] = (float) y.applyAsDouble(rs.get(i));
                    labels.add(rs.get(i).point().label() + (rs.get(i).diverged() ? " " + Texts.get("chart.diverged")
                            : ""));
                }
                b.add(Series.scatter(MethodColors.methodLabel(method) + " · " + knobName(knob), xs, ys, labels,
                        methodColour(method)).withConnected(rs.size() > 1));
            }
        }
    }

    /** Whether runs hold at least two distinct λ for one method: then the sweep charts say something. */
    public static boolean hasLambdaSweep(List<RunResult> runs) {
        for (List<RunResult> rs : byMethod(runs).values()) {
            if (rs.size() >= 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * The chart set that Export all and {@code run --charts} write, keyed by file name (no extension), in reading
     * order: accuracy, loss, fisher-histogram, drift-magnitude, drift-density, drift-vs-importance, importance,
     * importance-measures and importance-maps (Fisher, SI and MAS compared; {@link ImportanceCharts}) (each when its
     * data exist),
     * accuracy-matrix-METHOD per preset run (sweep runs are summarised, not drawn one by one), summary (average
     * accuracy and BWT), and stability-plasticity and accuracy-vs-lambda when some method ran at two λ or more,
     * accuracy-vs-KNOB for each other knob a sweep turned (e.g. accuracy-vs-memory).
     * Charts that have no legend in the window get one on top, so every file stands alone. Sweep runs are left out of
     * the curve charts: sixteen overlaid forgetting curves would hide the lesson.
     *
     * @param samples sample images shown beside the importance map (may be empty)
     * @param lambda  the λ for the Fisher histogram's λ·F axis (0: none)
     */
    public static Map<String, Plot> standardSet(ExperimentLog.Snapshot snap, List<RunResult> results,
            List<String> taskNames, double lambda, List<ImageTile> samples) {
        List<RunTrace> curves = snap.runs().stream().filter(r -> !r.sweep()).toList();
        ExperimentLog.Snapshot s = new ExperimentLog.Snapshot(snap.version(), curves, snap.fisherByTask());
        Map<String, Plot> out = new LinkedHashMap<>();
        if (curves.stream().anyMatch(r -> r.accuracySteps().length > 0)) {
            out.put("accuracy", accuracy(s));
        }
        if (curves.stream().anyMatch(r -> r.lossSteps().length > 0)) {
            out.put("loss", loss(s));
        }
        if (s.fisherByTask().get(0) != null) {
            out.put("fisher-histogram", fisherHistogram(s, ALL_LAYERS, lambda).withLegend(Plot.Legend.TOP));
        }
        if (!driftRuns(s).isEmpty()) {
            out.put(DRIFT_MAGNITUDE, driftMagnitude(s, ALL_LAYERS));
            out.put(DRIFT_DENSITY, driftDensity(s, ALL_LAYERS));
            out.put(DRIFT_VS_IMPORTANCE, driftVsImportance(s, ALL_LAYERS));
        }
        LabEvent.FisherComputed f = s.fisherByTask().get(0);
        if (RegionCharts.has(s)) {
            // a 2-D lesson: its per-input importance would be a 2-cell image; the regions show what it learnt
            out.put(RegionCharts.KEY, RegionCharts.regions(s));
        } else if (f != null && f.inputImportance() != null && f.inputHeight() > 0) {
            out.put("importance", importance(s, samples));
        }
        if (ImportanceCharts.comparable(s)) {
            // task A's importance by the Fisher, SI and MAS on the same weights: shapes, pixel maps, rank agreement
            out.put(ImportanceCharts.MEASURES_KEY, ImportanceCharts.measures(s, ALL_LAYERS));
            if (!RegionCharts.has(s) && f.inputImportance() != null && f.inputHeight() > 0) {
                out.put(ImportanceCharts.MAPS_KEY, ImportanceCharts.maps(s));
            }
        }
        List<RunResult> matrices = results.stream().filter(r -> !r.sweep()).toList();
        if (matrices.isEmpty()) {
            matrices = results;
        }
        for (RunResult r : matrices) {
            String key = "accuracy-matrix-" + r.method();
            if (out.containsKey(key)) {
                key += "-" + ExperimentLog.shortNumber(r.lambda());
            }
            for (int n = 2; out.containsKey(key); n++) {
                key = "accuracy-matrix-" + r.method() + "-" + n;
            }
            out.put(fileName(key), accuracyMatrix(r, taskNames).withLegend(Plot.Legend.TOP));
        }
        if (!results.isEmpty()) {
            out.put("summary", averageAndBwt(results));
        }
        if (hasLambdaSweep(results) || !knobsSwept(results).isEmpty()) {
            out.put("stability-plasticity", stabilityPlasticity(results, taskNames));
        }
        if (hasLambdaSweep(results)) {
            out.put("accuracy-vs-lambda", accuracyVsLambda(results, taskNames));
        }
        for (String knob : knobsSwept(results)) {
            out.put(fileName("accuracy-vs-" + knob), accuracyVsKnob(results, taskNames, knob));
        }
        return out;
    }

    /** {@link #standardSet(ExperimentLog.Snapshot, List, List, double, List)} with no sample images. */
    public static Map<String, Plot> standardSet(ExperimentLog.Snapshot snap, List<RunResult> results,
            List<String> taskNames, double lambda) {
        return standardSet(snap, results, taskNames, lambda, List.of());
    }

    /** A chart key as a safe file name: letters, digits, dot, dash and underscore. */
    static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Runs grouped by method in the lab's method order, each sorted by λ, one run per λ (the first). A knob sweep's
     * runs (one λ, several values of another knob) are left out: they have their chart, accuracy against the knob.
     */
    private static Map<String, List<RunResult>> byMethod(List<RunResult> runs) {
        Map<String, List<RunResult>> out = new LinkedHashMap<>();
        for (String m : ExperimentPreset.METHODS) {
            List<RunResult> rs = new ArrayList<>();
            for (RunResult r : runs) {
                if (r.method().equals(m) && r.rows() > 0 && r.point() == null
                        && rs.stream().noneMatch(o -> o.lambda() == r.lambda() || m.equals(ExperimentPreset.PLAIN))) {
                    rs.add(r);
                }
            }
            if (!rs.isEmpty()) {
                rs.sort(Comparator.comparingDouble(RunResult::lambda));
                out.put(m, rs);
            }
        }
        return out;
    }

    /** The last row, or NaNs for a run that diverged in it (no point is drawn for it). */
    private static double[] finalRow(RunResult r) {
        double[][] acc = r.accuracy();
        double[] row = acc[acc.length - 1];
        if (r.diverged() && acc.length > 1) {
            row = row.clone();
            java.util.Arrays.fill(row, Double.NaN);
        }
        return row;
    }

    private static String pointLabel(RunResult r) {
        String full = ExperimentLog.runLabel(r);
        int at = full.indexOf("λ=");
        String l = at < 0 ? full : full.substring(at);
        return r.diverged() ? l + " " + Texts.get("chart.diverged") : l;
    }

    /** The runs that diverged, named, for a summary chart's subtitle: they have no point on it. */
    private static String divergedNote(List<RunResult> runs) {
        List<String> names = runs.stream().filter(RunResult::diverged).map(ExperimentLog::runLabel).distinct()
                .toList();
        return names.isEmpty() ? "" : " · diverged, not plotted: " + String.join(", ", names);
    }

    private static String methodColour(String method) {
        try {
            return MethodColors.method(method);
        } catch (IllegalArgumentException e) {
            return MethodColors.TASK_A;
        }
    }

    private static String taskTitle(List<String> taskNames, int t) {
        String name = t < taskNames.size() ? taskNames.get(t) : "";
        return Texts.fmt("chart.task", MethodColors.taskLetter(t)) + (name.isEmpty() ? "" : " (" + name + ")");
    }

    private static Axis percentAxisAuto(String label) {
        return new Axis(label, null, Axis.Scale.LINEAR, Double.NaN, Double.NaN, true, null);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The colour of a run: its method's, or task A grey for the first task. */
    public static String colour(RunTrace r) {
        if (r.firstTask()) {
            return MethodColors.TASK_A;
        }
        try {
            return MethodColors.method(r.method());
        } catch (IllegalArgumentException e) {
            return MethodColors.TASK_A;
        }
    }

    private static String taskTitle(RunTrace r, int t) {
        String name = t < r.taskNames().size() ? r.taskNames().get(t) : "";
        return Texts.fmt("chart.task", MethodColors.taskLetter(t)) + (name.isEmpty() ? "" : " (" + name + ")");
    }

    /** One dashed line per task start after the first (the same for every run forked from one checkpoint). */
    private static void taskBoundaries(ExperimentLog.Snapshot snap, Plot.Builder b) {
        Set<Long> seen = new LinkedHashSet<>();
        for (RunTrace r : snap.runs()) {
            for (ExperimentLog.TaskMark m : r.taskStarts()) {
                if (m.task() > 0 && seen.add(m.step())) {
                    b.marker(Marker.vertical(m.step(), Texts.fmt("chart.taskStarts", MethodColors.taskLetter(m.task())))
                            .withColor(MethodColors.task(m.task())));
                }
            }
        }
    }

    static Axis percentAxis(String label) {
        return new Axis(label, null, Axis.Scale.LINEAR, 0, 1, true, null);
    }

    private static float[] steps(long[] steps) {
        float[] out = new float[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = steps[i];
        }
        return out;
    }

    /** The points whose y is not NaN, as {x, y}. */
    static float[][] finitePoints(float[] x, float[] y) {
        int n = 0;
        for (float v : y) {
            if (!Float.isNaN(v)) {
                n++;
            }
        }
        float[] xs = new float[n];
        float[] ys = new float[n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Float.isNaN(y[i])) {
                xs[k] = x[i];
                ys[k++] = y[i];
            }
        }
        return new float[][] {xs, ys};
    }

    private static boolean hasPositive(float[] v) {
        for (float f : v) {
            if (f > 0) {
                return true;
            }
        }
        return false;
    }

    static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    static float[] toFloats(long[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
