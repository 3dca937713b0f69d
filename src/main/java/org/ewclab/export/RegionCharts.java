package org.ewclab.export;

import java.util.ArrayList;
import java.util.List;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.analysis.ExperimentLog.RunTrace;
import org.ewclab.engine.LabEvent;
import org.ewclab.i18n.Texts;

/**
 * The decision regions of a lesson on 2-D points: one panel per run (task A's network, then each method after the
 * last task), the predicted class as a light tint and every task's test points over it — filled dots for task A,
 * open rings for the later tasks, one colour per class. Here the lesson's "boundary that bends" is seen, not told.
 */
public final class RegionCharts {
    /** The chart's key in exports ({@code decision-regions.png/svg/csv}). */
    public static final String KEY = "decision-regions";
    /** One colour per class, away from the method colours' reds and greens so regions never read as a method. */
    static final List<String> CLASS_COLOURS = List.of("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#17becf",
            "#bcbd22", "#e377c2", "#7f7f7f");
    /**
     * The shade-max of the region cells: a cell holds 1, so its opacity is 0.15 + 0.85·log 2 / log(1 + this) ≈ 0.25,
     * light enough for the points on top to stay readable.
     */
    static final double REGION_SHADE_MAX = 300;
    /** The class colours with a name in the bundles (chart.regions.colour0…): the subtitle names these. */
    static final int NAMED_COLOURS = 4;
    /** At most this many test points of each task per panel: enough to see the shapes, few enough to see the tint. */
    static final int POINTS_PER_TASK = 120;

    private RegionCharts() {
    }

    /** Whether any run of the snapshot carries decision regions (a 2-D lesson after Train A). */
    public static boolean has(ExperimentLog.Snapshot snap) {
        return snap.runs().stream().anyMatch(r -> r.regions() != null);
    }

    /** The runs drawn, in order: task A first, then each method run (not sweep runs) that has regions. */
    static List<RunTrace> runs(ExperimentLog.Snapshot snap) {
        List<RunTrace> out = new ArrayList<>();
        for (RunTrace r : snap.runs()) {
            if (r.regions() != null && (r.firstTask() || !r.sweep())) {
                out.add(r);
            }
        }
        return out;
    }

    /** The decision-regions chart: one panel per run, or an empty chart that says when it appears. */
    public static Plot regions(ExperimentLog.Snapshot snap) {
        Plot.Builder b = Plot.builder().title(Texts.get("chart.regions.title")).legend(Plot.Legend.NONE);
        List<RunTrace> runs = runs(snap);
        if (runs.isEmpty()) {
            return b.subtitle(Texts.get("chart.regions.empty")).build();
        }
        // the key is told in the subtitle, not in a legend per panel: six entries would squeeze every panel's data
        b.subtitle(Texts.get("chart.regions.subtitle") + " · " + classKey(runs.get(0).regions().classes()));
        for (RunTrace r : runs) {
            b.panel(panel(r));
        }
        return b.build();
    }

    /** "blue: class 0, orange: class 1": which colour is which class, for the colours that have a name. */
    static String classKey(int classes) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < Math.min(classes, NAMED_COLOURS); c++) {
            parts.add(Texts.fmt("chart.regions.classColour", Texts.get("chart.regions.colour" + c), c));
        }
        return String.join(", ", parts);
    }

    /** One run's regions with the test points. */
    static Plot panel(RunTrace run) {
        LabEvent.DecisionRegions g = run.regions();
        // short titles: the panels are small in the window's card; the subtitle says "after the last task"
        String title = run.firstTask() ? Texts.get("chart.regions.afterA") : run.label();
        Plot.Builder b = Plot.builder().title(title)
                .x(Axis.linear("x₁", null).withRange(g.xLo(), g.xHi()).withCsvName("x1"))
                .y(Axis.linear("x₂", null).withRange(g.yLo(), g.yHi()).withCsvName("x2"))
                .legend(Plot.Legend.NONE);
        for (int c = 0; c < g.classes(); c++) {
            float[] inClass = new float[g.predicted().length];
            boolean any = false;
            for (int i = 0; i < inClass.length; i++) {
                if (g.predicted()[i] == c) {
                    inClass[i] = 1;
                    any = true;
                }
            }
            if (any) {
                b.add(Series.cells(Texts.fmt("chart.regions.region", c), g.xLo(), g.xHi(), g.columns(), g.yLo(),
                        g.yHi(), g.rows(), inClass, REGION_SHADE_MAX, "predicted", colour(c)));
            }
        }
        // task A's points are drawn after the others, on top: they are what the lesson is about forgetting
        for (int t = g.points().size() - 1; t >= 0; t--) {
            addPoints(b, g.points().get(t), t);
        }
        return b.build();
    }

    private static void addPoints(Plot.Builder b, LabEvent.TaskPoints p, int task) {
        int n = p.labels().length;
        int stride = Math.max(1, (n + POINTS_PER_TASK - 1) / POINTS_PER_TASK);
        int classes = 0;
        for (int label : p.labels()) {
            classes = Math.max(classes, label + 1);
        }
        for (int c = 0; c < classes; c++) {
            List<Float> xs = new ArrayList<>();
            List<Float> ys = new ArrayList<>();
            for (int i = 0; i < n; i += stride) {
                if (p.labels()[i] == c) {
                    xs.add(p.x()[i]);
                    ys.add(p.y()[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = Texts.fmt("chart.regions.points", MethodColors.taskLetter(task), c);
            // the task tells by style, as everywhere: task A solid (filled dots), later tasks open rings
            b.add(Series.scatter(name, floats(xs), floats(ys), colour(c)).withDash(Series.Dash.forTask(task)));
        }
    }

    static String colour(int c) {
        return CLASS_COLOURS.get(Math.floorMod(c, CLASS_COLOURS.size()));
    }

    private static float[] floats(List<Float> v) {
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }
}
