package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ewclab.engine.RunResult;
import org.junit.jupiter.api.Test;

/** The λ-sweep and sequence charts, from hand-built results. */
class SweepChartsTest {
    static final List<String> TASKS = List.of("mnist", "fashion");

    /** A two-task run: row 0 shared (0.97 on A), then accA / accB after task B. */
    static RunResult run(String id, String method, double lambda, double accA, double accB, boolean sweep) {
        double[][] acc = {{0.97, 0.08}, {accA, accB}};
        return new RunResult(id, method, lambda, lambda, "argmax/batch", acc, (accA + accB) / 2, 0.97 - accA,
                accA - 0.97, 3.0, false, false, null, sweep);
    }

    static List<RunResult> sweep() {
        return List.of(
                run("run-1", "plain", 0, 0.35, 0.86, false),
                run("run-2", "ewc", 1e5, 0.90, 0.80, false),
                // the sweep, out of λ order, with a twin of the preset's EWC run
                run("run-3", "l2", 100, 0.60, 0.70, true),
                run("run-4", "l2", 1, 0.40, 0.85, true),
                run("run-5", "l2", 1e4, 0.95, 0.20, true),
                run("run-6", "ewc", 1e3, 0.60, 0.85, true),
                run("run-7", "ewc", 1e5, 0.90, 0.80, true),
                run("run-8", "ewc", 1e7, 0.96, 0.55, true));
    }

    /** A run of a knob sweep: replay (λ 0) at one memory size. */
    static RunResult knobRun(String id, String knob, double value, String scale, double accA, double accB) {
        double[][] acc = {{0.97, 0.08}, {accA, accB}};
        return new RunResult(id, "replay", 0, 0, "argmax/batch", acc, (accA + accB) / 2, 0.97 - accA, accA - 0.97,
                3.0, false, false, null, true, 0L, knob + " " + value,
                new org.ewclab.engine.KnobPoint(knob, value, scale), (int) value);
    }

    @Test
    void accuracyAgainstAKnobPutsTheRunsInValueOrderOnTheSweepsScaleAndNamesTheKnob() {
        List<RunResult> runs = List.of(run("run-1", "plain", 0, 0.35, 0.86, false),
                knobRun("run-2", "memory", 200, "log", 0.80, 0.84),
                knobRun("run-3", "memory", 10, "log", 0.45, 0.86),
                knobRun("run-4", "memory", 1000, "log", 0.93, 0.85));
        Plot p = LabCharts.accuracyVsKnob(runs, TASKS, "memory");
        assertEquals("Accuracy against replay memory", p.title());
        assertEquals("replay memory (samples per earlier task)", p.x().label());
        assertEquals(Axis.Scale.LOG10, p.x().scale(), "the sweep said log");
        assertEquals(List.of("Replay · task A (mnist)", "Replay · task B (fashion)"),
                p.series().stream().map(Series::name).toList());
        Series.Line a = (Series.Line) p.series().get(0);
        assertEquals(List.of(10f, 200f, 1000f), List.of(a.x().get(0), a.x().get(1), a.x().get(2)), "value order");
        assertEquals(List.of(0.45f, 0.80f, 0.93f), List.of(a.y().get(0), a.y().get(1), a.y().get(2)));
        assertEquals(2, p.markers().size(), "plain's two accuracies as markers");
        // linear when the sweep says so; the λ charts leave the knob runs out (one λ, many memories)
        Plot lin = LabCharts.accuracyVsKnob(List.of(knobRun("run-1", "alpha", 0.5, "linear", 0.5, 0.8),
                knobRun("run-2", "alpha", 2, "linear", 0.7, 0.7)), TASKS, "alpha");
        assertEquals(Axis.Scale.LINEAR, lin.x().scale());
        assertFalse(LabCharts.hasLambdaSweep(runs), "three memories at λ 0 are no λ sweep");
        // the summary and the trade-off join the memory runs in the knob's order, each labelled with its value
        Series.Scatter summary = (Series.Scatter) LabCharts.averageAndBwt(runs).series().get(1);
        assertEquals("Replay · replay memory", summary.name());
        assertEquals(List.of("memory 10", "memory 200", "memory 1000"), summary.labels());
        assertEquals(0.45f - 0.97f, summary.x().get(0), 1e-6, "x = BWT of memory 10");
        assertTrue(LabCharts.standardSet(new org.ewclab.analysis.ExperimentLog().snapshot(), runs, TASKS, 0)
                .containsKey("accuracy-vs-memory"));
        // the same chart in Chinese
        java.util.Locale before = org.ewclab.i18n.Texts.locale();
        try {
            org.ewclab.i18n.Texts.setLocale(org.ewclab.i18n.Texts.ZH_CN);
            Plot zh = LabCharts.accuracyVsKnob(runs, TASKS, "memory");
            assertEquals("准确率随回放记忆的变化", zh.title());
            assertEquals("回放记忆（每个先前任务的样本数）", zh.x().label());
        } finally {
            org.ewclab.i18n.Texts.setLocale(before);
        }
    }

    @Test
    void stabilityPlasticityHasOneSeriesPerMethodWithLambdaLabelsInOrder() {
        Plot p = LabCharts.stabilityPlasticity(sweep(), TASKS);
        assertEquals(List.of("Plain", "L2", "EWC"), p.series().stream().map(Series::name).toList());
        Series.Scatter plain = (Series.Scatter) p.series().get(0);
        Series.Scatter l2 = (Series.Scatter) p.series().get(1);
        Series.Scatter ewc = (Series.Scatter) p.series().get(2);
        assertEquals(List.of("plain"), plain.labels());
        assertFalse(plain.connected());
        assertEquals(List.of("λ=1", "λ=100", "λ=1e4"), l2.labels());
        assertEquals(List.of("λ=1000", "λ=1e5", "λ=1e7"), ewc.labels(),
                "the preset run and its sweep twin count once; λ as the lab writes it everywhere");
        assertTrue(l2.connected() && ewc.connected());
        assertEquals(MethodColors.PLAIN, plain.style().color());
        assertEquals(MethodColors.L2, l2.style().color());
        assertEquals(MethodColors.EWC, ewc.style().color());
        // x = accuracy on the last task (B), y = accuracy on task A after B
        assertEquals(0.85f, l2.x().get(0));
        assertEquals(0.40f, l2.y().get(0));
        assertEquals(0.55f, ewc.x().get(2));
        assertEquals(0.96f, ewc.y().get(2));
        assertTrue(p.x().percent() && p.y().percent());
        assertTrue(p.x().label().contains("task B (fashion)"), p.x().label());
        assertTrue(p.y().label().contains("task A (mnist)"), p.y().label());
        assertEquals(Plot.Legend.TOP, p.legend());
    }

    @Test
    void accuracyAgainstLambdaDrawsTaskASolidAndTaskBDashedPerMethodOnALogAxis() {
        Plot p = LabCharts.accuracyVsLambda(sweep(), TASKS);
        assertTrue(p.x().isLog());
        assertEquals(List.of("L2 · task A (mnist)", "L2 · task B (fashion)", "EWC · task A (mnist)",
                "EWC · task B (fashion)"), p.series().stream().map(Series::name).toList());
        Series.Line l2a = (Series.Line) p.series().get(0);
        assertEquals(Series.Dash.SOLID, l2a.style().dash());
        assertEquals(Series.Dash.DASHED, p.series().get(1).style().dash());
        assertEquals(MethodColors.L2, l2a.style().color());
        assertEquals(1f, l2a.x().get(0));
        assertEquals(1e4f, l2a.x().get(2));
        assertEquals(0.95f, l2a.y().get(2));
        // plain has no λ: its two accuracies are horizontal lines in its colour
        assertEquals(2, p.markers().size());
        assertTrue(p.markers().stream().allMatch(m -> m.orientation() == Marker.Orientation.HORIZONTAL
                && MethodColors.PLAIN.equals(m.color())));
    }

    @Test
    void averageAndBwtPlacesEachRunByItsMetrics() {
        Plot p = LabCharts.averageAndBwt(sweep());
        Series.Scatter ewc = (Series.Scatter) p.series().get(2);
        assertEquals(3, ewc.size());
        assertEquals((float) (0.90 - 0.97), ewc.x().get(1));
        assertEquals((float) ((0.90 + 0.80) / 2), ewc.y().get(1));
    }

    @Test
    void sweepChartsJoinTheStandardSetOnlyWhenAMethodRanAtTwoLambdas() {
        org.ewclab.analysis.ExperimentLog.Snapshot empty = new org.ewclab.analysis.ExperimentLog().snapshot();
        List<RunResult> lesson = sweep().subList(0, 2);
        assertEquals(List.of("accuracy-matrix-plain", "accuracy-matrix-ewc", "summary"),
                List.copyOf(LabCharts.standardSet(empty, lesson, TASKS, 1e5, List.of()).keySet()));
        assertEquals(List.of("accuracy-matrix-plain", "accuracy-matrix-ewc", "summary", "stability-plasticity",
                        "accuracy-vs-lambda"),
                List.copyOf(LabCharts.standardSet(empty, sweep(), TASKS, 1e5, List.of()).keySet()),
                "one matrix per preset run, not per sweep run");
    }
}
