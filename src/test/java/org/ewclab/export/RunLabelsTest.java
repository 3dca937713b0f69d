package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.RunResult;
import org.junit.jupiter.api.Test;

/** Runs are named by what happened to them (a moved λ), and a diverged run never shows as an accuracy. */
class RunLabelsTest {
    private static final List<String> TASKS = List.of("mnist", "fashion");

    private static RunResult run(String id, String method, double lambda, double finalLambda, double[][] acc,
            boolean diverged) {
        return new RunResult(id, method, lambda, finalLambda, "argmax/batch", acc, 0.5, 0.25, -0.25, 1.5, diverged,
                false, diverged ? "EWC diverged at step 212" : null, false);
    }

    @Test
    void aRunLabelSaysHowLambdaMoved() {
        assertEquals("plain", ExperimentLog.runLabel("plain", 0));
        assertEquals("EWC λ=1e5", ExperimentLog.runLabel("ewc", 1e5));
        assertEquals("SI λ=1000", ExperimentLog.runLabel("si", 1e3));
        assertEquals("Replay", ExperimentLog.runLabel("replay", 0), "a method without a penalty names no λ");
        assertEquals("LwF", ExperimentLog.runLabel("lwf", 0));
        RunResult distilled = new RunResult("run-2", "ewc", 1e5, 1e5, "argmax/batch", new double[][] {{0.9, 0.1}},
                0.5, 0.1, -0.1, 1.0, false, false, null, false, org.ewclab.engine.ExperimentPreset.MethodSpec.of("ewc",
                        1e5, org.ewclab.engine.ExperimentPreset.MethodKnobs.NONE.withDistill(0.5)).variant());
        assertEquals("EWC λ=1e5 + distill 0.5", ExperimentLog.runLabel(distilled), "told apart from plain EWC");
        assertEquals("memory 1000", org.ewclab.engine.ExperimentPreset.MethodSpec.of("replay", 0,
                org.ewclab.engine.ExperimentPreset.MethodKnobs.NONE.withMemory(1000).withRatio(1.0)).variant());
        assertEquals("EWC λ=1e5→1e7", ExperimentLog.runLabel("ewc", 1e5, 1e7));
        assertEquals("L2 λ=1→100→10", ExperimentLog.runLabel("l2", 1, 100, 10));
        assertEquals("online EWC λ=1000→…→1e6 (4 moves)", ExperimentLog.runLabel("online-ewc", 1e3, 1e4, 1e5, 1e7,
                1e6));
        RunResult moved = run("run-1", "ewc", 1e5, 1e7, new double[][] {{0.9, 0.1}, {0.8, 0.7}}, false);
        assertEquals("EWC λ=1e5→1e7", ExperimentLog.runLabel(moved));
        assertEquals("Accuracy matrix · EWC λ=1e5→1e7", LabCharts.accuracyMatrix(moved, TASKS).title());
        ExperimentResult r = new ExperimentResult("t", 0, List.of(new ExperimentResult.TaskInfo("mnist", 10, 10),
                new ExperimentResult.TaskInfo("fashion", 10, 10)), List.of(moved), "argmax/batch", "CPU", "1", 1, 2);
        String report = ExportAll.report(Map.of(), r, null, Theme.light());
        assertTrue(report.contains("<td class=\"n\">1e5→1e7</td>"), "the λ column shows the path");
    }

    @Test
    void aDivergedRunShowsDivergedNotAnAccuracy() {
        // a NaN network's argmax reads as class-0 frequency (0.1 here): that number must not reach any picture
        RunResult diverged = run("run-3", "ewc", 1e9, 1e9, new double[][] {{0.95, 0.08}, {0.1, 0.1}}, true);
        RunResult fine = run("run-2", "l2", 1, 1, new double[][] {{0.95, 0.08}, {0.8, 0.7}}, false);

        Plot matrix = LabCharts.accuracyMatrix(diverged, TASKS);
        assertTrue(matrix.title().endsWith("· diverged"), matrix.title());
        HeatMap h = matrix.heatMap();
        assertEquals(0.95f, h.values().get(0), 1e-6, "row 0 (the checkpoint's) is a real measurement");
        assertTrue(Float.isNaN(h.values().get(2)) && Float.isNaN(h.values().get(3)), "no accuracy after diverging");
        assertEquals("after fashion (diverged)", h.rowLabels().get(1));

        Plot summary = LabCharts.averageAndBwt(List.of(fine, diverged));
        assertTrue(summary.subtitle().contains("diverged, not plotted: EWC λ=1e9"), summary.subtitle());
        Series.Scatter ewc = (Series.Scatter) summary.series().stream().filter(s -> s.name().equals("EWC"))
                .findFirst().orElseThrow();
        assertTrue(Float.isNaN(ewc.y().get(0)), "no point for the diverged run");

        ExperimentResult r = new ExperimentResult("t", 0, List.of(new ExperimentResult.TaskInfo("mnist", 10, 10),
                new ExperimentResult.TaskInfo("fashion", 10, 10)), List.of(fine, diverged), "argmax/batch", "CPU",
                "1", 1, 4);
        String report = ExportAll.report(Map.of(), r, null, Theme.light());
        String row = report.substring(report.indexOf("<td>run-3</td>"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains("<span class=\"bad\">diverged</span>"), row);
        assertFalse(row.contains("10.0%"), "the class-0 frequency is not reported as an accuracy: " + row);
    }
}
