package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.RunResult;
import org.ewclab.export.HeatMap;
import org.ewclab.export.Plot;
import org.ewclab.export.Series;
import org.ewclab.ui.chart.PlotView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Compare all over several seeds in the (headless) window: the seeds control, the runs per seed on the background
 * trainer, mean ± SE in the matrix tab and the status bar, the forgetting curve's band, error bars on the
 * stability–plasticity plot, and Export all's files — each figure checked against the per-seed accuracies the engine
 * published, averaged here by hand.
 */
@ExtendWith(ApplicationExtension.class)
class LabWindowSeedsTest {
    @TempDir
    Path dir;
    private ExecutorService trainer;
    private LabViewModel vm;
    private LabWindow window;

    @Start
    void start(Stage stage) {
        trainer = LabApp.trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        window = new LabWindow(vm, stage);
        stage.setScene(window.createScene(1280, 720));
        stage.show();
    }

    @AfterEach
    void stopTrainer() {
        vm.stop();
        trainer.shutdownNow();
    }

    private void open(String json) throws Exception {
        Platform.runLater(() -> vm.open(ExperimentPreset.parse(json), dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Hand-computed mean and standard error (sample sd / √n) of the values. */
    private static double[] meanSe(List<Double> v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / v.size();
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.size() - 1)) / Math.sqrt(v.size())};
    }

    private static List<Double> cell(List<RunResult> runs, String method, int row, int col) {
        List<Double> out = new ArrayList<>();
        for (RunResult r : runs) {
            if (r.method().equals(method)) {
                out.add(r.accuracy()[row][col]);
            }
        }
        return out;
    }

    @Test
    void threeSeedCompareAllShowsMeanAndStandardErrorInTheWindowAndTheExport(FxRobot robot) throws Exception {
        // one epoch per task keeps three seeds quick; the figures are checked against the runs, whatever they are
        open(LabViewModelTest.TINY.replace("\"epochs\": 2", "\"epochs\": 1"));
        @SuppressWarnings("unchecked")
        Spinner<Integer> spinner = (Spinner<Integer>) robot.lookup("#seeds").query();
        assertEquals(1, spinner.getValue(), "a lesson without a seeds list runs one seed");
        robot.interact(() -> spinner.getValueFactory().setValue(3));
        assertEquals(3, vm.seedsProperty().get());
        assertEquals(List.of(3L, 4L, 5L), vm.seedList(), "consecutive from the lesson's seed 3");
        @SuppressWarnings("unchecked")
        Spinner<Integer> sweepSpinner = (Spinner<Integer>) window.sweepPane().seedsBox().lookup("#sweepSeeds");
        assertEquals(3, sweepSpinner.getValue(), "the sweep tab's seeds are the same count");

        robot.clickOn("#trainA");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#compareAll");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.COMPARING
                || vm.seededComparison() != null);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY
                && vm.seededComparison() != null);
        WaitForAsyncUtils.waitForFxEvents();

        LabViewModel.SeededPicture pic = vm.seededComparison();
        List<RunResult> runs = pic.runs();
        assertEquals(6, runs.size(), "plain and EWC, each for three seeds");
        assertEquals(List.of(3L, 4L, 5L), runs.stream().map(RunResult::seed).distinct().toList());
        assertEquals(List.of(), vm.results(), "no one-seed runs are mixed into the picture");
        List<Double> ewcA = cell(runs, "ewc", 1, 0);
        assertTrue(ewcA.stream().distinct().count() > 1, "the seeds give different networks: " + ewcA);

        // the matrix tab: one mean matrix per method, ± SE under each cell
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#seedMatrix-ewc").tryQuery().isPresent());
        HeatMap ewc = ((PlotView) robot.lookup("#seedMatrix-ewc").query()).getPlot().heatMap();
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 2; col++) {
                double[] ms = meanSe(cell(runs, "ewc", row, col));
                assertEquals(ms[0], ewc.value(row, col), 2e-6, "mean of cell " + row + "," + col);
                assertEquals(ms[1], ewc.errors().get(row * 2 + col), 2e-6, "SE of cell " + row + "," + col);
            }
        }
        // the status bar: the last row of each method, mean ± SE in percentage points
        double[] ewcAfterB = meanSe(ewcA);
        String expected = String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * ewcAfterB[0], 100 * ewcAfterB[1]);
        assertTrue(vm.statusProperty().get().contains(expected), expected + " in: " + vm.statusProperty().get());

        // stability–plasticity: EWC's point at (mean acc B, mean acc A) with ± SE bars both ways
        Plot sp = ((PlotView) robot.lookup("#seedStabilityPlasticity").query()).getPlot();
        Series.Scatter ewcPoint = (Series.Scatter) sp.series().stream().filter(s -> s.name().equals("EWC"))
                .findFirst().orElseThrow();
        double[] ewcB = meanSe(cell(runs, "ewc", 1, 1));
        assertEquals(ewcB[0], ewcPoint.x().get(0), 2e-6);
        assertEquals(ewcAfterB[0], ewcPoint.y().get(0), 2e-6);
        assertEquals(ewcB[1], ewcPoint.xError().get(0), 2e-6);
        assertEquals(ewcAfterB[1], ewcPoint.yError().get(0), 2e-6);

        // the forgetting curve: the mean of the seeds' live curves with a ± 1 SE band
        ChartsSettle.settle(window.charts());
        Plot acc = window.charts().view(ChartsPane.ACCURACY).getPlot();
        Series.Line ewcTaskA = acc.series().stream().filter(s -> s instanceof Series.Line l && l.hasBand()
                && s.name().startsWith("EWC") && s.name().contains("A")).map(s -> (Series.Line) s).findFirst()
                .orElseThrow(() -> new AssertionError("no banded EWC curve: " + acc.series().stream()
                        .map(Series::name).toList()));
        int last = ewcTaskA.size() - 1;
        List<Double> lastPoints = new ArrayList<>();
        for (ExperimentLog.Snapshot s : pic.perSeed()) {
            ExperimentLog.RunTrace t = s.methodRuns().stream().filter(r -> r.method().equals("ewc")).findFirst()
                    .orElseThrow();
            assertEquals((long) ewcTaskA.x().get(last), t.accuracySteps()[t.accuracySteps().length - 1]);
            lastPoints.add((double) t.accuracy()[0][t.accuracySteps().length - 1]);
        }
        double[] band = meanSe(lastPoints);
        assertEquals(band[0], ewcTaskA.y().get(last), 1e-5);
        assertEquals(band[0] - band[1], ewcTaskA.lower().get(last), 1e-5);
        assertEquals(band[0] + band[1], ewcTaskA.upper().get(last), 1e-5);

        // Export all: the seeded charts and CSVs of `run --charts`
        Path out = dir.resolve("export");
        window.exportAllTo(out).get(60, TimeUnit.SECONDS);
        String accuracyCsv = Files.readString(out.resolve("accuracy.csv"));
        assertTrue(accuracyCsv.contains("band-lower") && accuracyCsv.contains("band-upper"),
                "the forgetting curve's CSV carries the band edges");
        // (as `run --charts`: a Compare all has no λ sweep, so its error bars are on the summary plot)
        String summaryCsv = Files.readString(out.resolve("summary.csv"));
        double[] average = meanSe(runs.stream().filter(r -> r.method().equals("ewc"))
                .map(RunResult::averageAccuracy).toList());
        float yErrLow = (float) (average[0] - average[1]);
        assertTrue(summaryCsv.lines().anyMatch(l -> l.startsWith("EWC,y-error-low,")
                && Math.abs(Float.parseFloat(l.split(",")[3]) - yErrLow) < 2e-6), yErrLow + " in " + summaryCsv);
        String matrixCsv = Files.readString(out.resolve("accuracy-matrix-ewc.csv"));
        assertTrue(matrixCsv.contains(" ±,"), "the matrix CSV has the ± block: " + matrixCsv);
        String results = Files.readString(out.resolve("results.json"));
        assertTrue(results.contains("\"seeds\""), "results.json lists the seeds");
        assertTrue(results.contains("\"summary\""), "results.json has the mean ± SE summary");

        // a λ sweep over the same three seeds: stability–plasticity with error bars, accuracy against λ with bands
        robot.interact(() -> vm.sweep(List.of("ewc"), 1, 1000, 2));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY
                && vm.seededSweep() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<RunResult> sweepRuns = vm.seededSweep().runs();
        assertEquals(9, sweepRuns.size(), "plain and EWC at λ = 1 and 1000, for three seeds");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.sweepPane().tradeOffView().getPlot() != null
                && window.sweepPane().tradeOffView().getPlot().series().stream()
                        .anyMatch(x -> x instanceof Series.Scatter sc && sc.hasErrors()));
        Series.Scatter ewcSweep = (Series.Scatter) window.sweepPane().tradeOffView().getPlot().series().stream()
                .filter(x -> x.name().equals("EWC")).findFirst().orElseThrow();
        List<Double> atLambda1000 = new ArrayList<>();
        for (RunResult r : sweepRuns) {
            if (r.method().equals("ewc") && r.lambda() == 1000) {
                atLambda1000.add(r.accuracy()[1][0]);
            }
        }
        double[] sweepA = meanSe(atLambda1000);
        assertEquals(sweepA[0], ewcSweep.y().get(1), 2e-6, "EWC λ=1000: mean accuracy on A after B");
        assertEquals(sweepA[1], ewcSweep.yError().get(1), 2e-6, "… and its SE");
        assertTrue(window.sweepPane().versusLambdaView().getPlot().series().stream()
                .anyMatch(x -> x instanceof Series.Line l && l.hasBand()), "accuracy against λ has bands");
        assertTrue(vm.seededComparison() != null, "the sweep leaves the Compare all over seeds in place");

        // Save lesson keeps the count as a seeds list
        assertEquals(List.of(3L, 4L, 5L), vm.lessonToSave(new ExperimentPreset.UiSpec(List.of())).seeds());
    }

    @Test
    void aLessonsSeedsListSetsTheCountAndUiHideHidesTheControl(FxRobot robot) throws Exception {
        String withSeeds = LabViewModelTest.TINY.replace("\"seed\": 3,", "\"seeds\": [7, 9],");
        open(withSeeds);
        @SuppressWarnings("unchecked")
        Spinner<Integer> spinner = (Spinner<Integer>) robot.lookup("#seeds").query();
        assertEquals(2, spinner.getValue());
        assertEquals(List.of(7L, 9L), vm.seedList(), "the lesson's own seeds");
        robot.interact(() -> spinner.getValueFactory().setValue(4));
        assertEquals(List.of(7L, 9L, 8L, 10L), vm.seedList(), "then the numbers after its seed it lacks");
        assertTrue(robot.lookup("#seedsBox").query().isVisible());

        Platform.runLater(() -> vm.open(ExperimentPreset.parse(withSeeds.replace("\"methods\":",
                "\"ui\": {\"hide\": [\"seeds\"]}, \"methods\":")), dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null && vm.preset().ui() != null
                && vm.preset().ui().hides("seeds"));
        WaitForAsyncUtils.waitForFxEvents();
        Node box = robot.lookup("#seedsBox").query();
        assertFalse(box.isVisible(), "ui.hide: seeds hides the control");
        assertNotNull(vm.preset().ui());
    }
}
