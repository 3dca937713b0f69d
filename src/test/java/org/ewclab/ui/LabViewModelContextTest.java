package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.data.TaskLoader;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.RunResult;
import org.ewclab.engine.TaskCheckpoint;
import org.ewclab.export.LabCharts;
import org.ewclab.export.Plot;
import org.ewclab.export.Series;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One context per picture, and a status bar that says what is so: the charts, the matrix, the sweep and Export all
 * hold only the runs of the current task-A checkpoint, tasks, model, optimizer and Fisher; runs of an earlier context
 * are put aside, never mixed and never silently dropped. Inline executors: every action has finished when it returns.
 */
class LabViewModelContextTest {
    private static final Executor INLINE = Runnable::run;
    private static final TaskSpec CIRCLES = new TaskSpec("circles", null, "circles", null, null, null, null, null, null,
            null, null, null, 300, 100, null, null);

    @TempDir
    Path dir;
    private LabViewModel vm;

    @BeforeEach
    void openTinyExperiment() {
        vm = new LabViewModel(INLINE, INLINE);
        vm.open(ExperimentPreset.parse(LabViewModelTest.TINY), dir).join();
    }

    private static List<String> seriesNames(Plot p) {
        return p.series().stream().map(Series::name).toList();
    }

    private JsonObject exportedResults(Path out) throws Exception {
        List<Path> files = vm.exportJob(List.of()).write(out);
        assertTrue(files.contains(out.resolve("results.json")), files.toString());
        return JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
    }

    @Test
    void changingTaskBAfterCompareAllPutsTheOldRunsAsideAndShowsOnlyTheNewOnes() throws Exception {
        vm.trainA().join();
        vm.compareAll().join();
        assertEquals(2, vm.results().size());
        RunContext old = vm.context();

        vm.setTask(1, CIRCLES).join();

        // every pane of the current picture is empty: no old run under the new task's name
        assertEquals(LabViewModel.Phase.READY, vm.phase(), "task A is kept");
        assertTrue(vm.results().isEmpty(), "matrix rows: " + vm.results());
        assertTrue(vm.log().snapshot().methodRuns().isEmpty(), "no method curve of the old task B");
        assertTrue(LabCharts.accuracy(vm.log().snapshot()).series().stream()
                .noneMatch(s -> s.name().startsWith("EWC") || s.name().startsWith("plain")));
        assertEquals(List.of("blobs", "circles"), vm.taskNames());
        // …and the old comparison is kept aside under its own context, with what changed in words
        assertEquals(1, vm.earlierComparisons().size());
        EarlierComparison aside = vm.earlierComparisons().get(0);
        assertEquals(old, aside.context());
        assertEquals(List.of("blobs", "moons"), aside.context().taskNames());
        assertEquals(List.of("plain", "ewc"), aside.runs().stream().map(RunResult::method).toList());
        assertTrue(aside.why().contains("task B moons → circles"), aside.why());
        assertEquals(LabViewModel.Notice.Severity.INFO, vm.noticeProperty().get().severity());
        assertTrue(vm.noticeProperty().get().text().contains("2 runs"), vm.noticeProperty().get().text());

        vm.methodProperty().set("plain");
        vm.trainB().join();
        List<RunResult> now = vm.results();
        assertEquals(List.of("plain"), now.stream().map(RunResult::method).toList());
        assertEquals(List.of("plain"), vm.log().snapshot().methodRuns().stream()
                .map(ExperimentLog.RunTrace::method).toList());

        // the "after task A" cell on the new task B is measured on circles, not carried over from moons: an
        // independent session over blobs → circles trains the same seeded task A and measures its row 0
        ExperimentPreset fresh = vm.preset();
        try (ExperimentSession s = ExperimentSession.open(fresh, spec -> {
            try {
                return TaskLoader.load(spec, dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            assertEquals(cp.accuracy()[0][0], now.get(0).accuracy(0, 0), 1e-12);
            assertEquals(cp.accuracy()[0][1], now.get(0).accuracy(0, 1), 1e-12,
                    "R[A][circles] is the task-A network measured on circles");
        }

        // Export all: the new run alone, under the new task names; the total time is task A's plus the run's
        JsonObject json = exportedResults(dir.resolve("export"));
        JsonArray runs = json.getAsJsonArray("runs");
        assertEquals(1, runs.size());
        assertEquals("plain", runs.get(0).getAsJsonObject().get("method").getAsString());
        JsonArray tasks = json.getAsJsonArray("tasks");
        assertEquals("circles", tasks.get(1).getAsJsonObject().get("name").getAsString());
        double expected = vm.firstTaskSeconds() + now.get(0).trainSeconds();
        assertTrue(expected > 0);
        assertEquals(expected, json.get("totalSeconds").getAsDouble(), 0.002, "totalSeconds = task A + runs");
        assertTrue(Files.exists(dir.resolve("export/accuracy-matrix-plain.png")));
        assertFalse(Files.exists(dir.resolve("export/accuracy-matrix-ewc.png")), "the old EWC run is not exported");
        String report = Files.readString(dir.resolve("export/report.html"));
        assertFalse(report.contains("run-2"), "the old runs are not in the report");
    }

    @Test
    void openingAnotherLessonAfterASweepPutsTheSweepAsideAndTakesTheLessonsSweepSettings() throws Exception {
        vm.trainA().join();
        vm.sweep(List.of("ewc"), 1, 100, 3).join();
        assertEquals(4, vm.sweepResults().size());
        vm.post(LabViewModel.Notice.Severity.ERROR, "an error about the tiny lesson");

        String other = LabViewModelTest.TINY.replace("\"name\": \"tiny\"", "\"name\": \"tiny-sweep\"")
                .replace("\"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100}]}",
                        "\"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100}],"
                                + " \"sweep\": {\"methods\": [\"l2\"], \"lambdaMin\": 0.1, \"lambdaMax\": 1000,"
                                + " \"points\": 5}}");
        vm.open(ExperimentPreset.parse(other), dir).join();

        assertEquals(LabViewModel.Phase.NO_TASK_A, vm.phase());
        assertTrue(vm.sweepResults().isEmpty(), "the sweep tab is empty");
        assertTrue(vm.sweepLog().snapshot().isEmpty());
        assertEquals(1, vm.earlierComparisons().size());
        assertEquals(4, vm.earlierComparisons().get(0).sweepRuns().size());
        assertTrue(vm.noticeProperty().get().text().contains("put aside"), "the old error notice is gone: "
                + vm.noticeProperty().get().text());
        ExperimentPreset.SweepSpec sweep = vm.sweepSettingsProperty().get();
        assertEquals(List.of("l2"), sweep.methods());
        assertEquals(0.1, sweep.lambdaMin());
        assertEquals(1000.0, sweep.lambdaMax());
        assertEquals(5, sweep.points(), "the lesson's own sweep section");

        vm.trainA().join();
        var plots = vm.exportJob(List.of()).plots();
        assertFalse(plots.containsKey("stability-plasticity"), plots.keySet().toString());
        assertFalse(plots.containsKey("accuracy-vs-lambda"));
        assertEquals(0, exportedResults(dir.resolve("export")).getAsJsonArray("runs").size());

        vm.clearEarlierComparisons();
        assertTrue(vm.earlierComparisons().isEmpty());
    }

    @Test
    void openingAnotherLessonClearsTheOldErrorNotice() {
        vm.post(LabViewModel.Notice.Severity.ERROR, "broken.idx: 1,000 bytes, 7,840,016 expected");
        vm.open(ExperimentPreset.parse(LabViewModelTest.TINY), dir).join();
        assertNull(vm.noticeProperty().get(), "nothing was put aside, and the old error is gone");
    }

    @Test
    void resetAfterASweepLeavesNothingOfItInTheSweepTabOrTheExport() throws Exception {
        vm.trainA().join();
        vm.trainB().join();
        vm.sweep(List.of("ewc"), 1, 100, 2).join();
        assertEquals(3, vm.sweepResults().size());

        vm.reset();

        assertTrue(vm.sweepResults().isEmpty());
        assertTrue(vm.results().isEmpty());
        assertTrue(vm.log().snapshot().isEmpty());
        assertEquals(1, vm.earlierComparisons().size());
        assertEquals(1, vm.earlierComparisons().get(0).runs().size());
        assertEquals(3, vm.earlierComparisons().get(0).sweepRuns().size());
        JsonObject json = exportedResults(dir.resolve("export"));
        assertEquals(0, json.getAsJsonArray("runs").size());
        assertFalse(Files.exists(dir.resolve("export/stability-plasticity.png")));
        assertEquals("", vm.timeLeftProperty().get());
        assertEquals(0, vm.progressProperty().get());
        assertEquals("", vm.accuracyReadoutProperty().get());

        vm.trainA().join();
        assertTrue(vm.sweepResults().isEmpty(), "Train A again does not bring the old sweep back");
    }

    @Test
    void aNewTrainAPutsTheRunsOfTheOldCheckpointAside() {
        vm.trainA().join();
        vm.trainB().join();
        String first = vm.context().checkpointId();
        vm.trainA().join();
        assertTrue(vm.results().isEmpty());
        assertFalse(first.equals(vm.context().checkpointId()), "every Train A is another checkpoint");
        assertEquals(first, vm.earlierComparisons().get(0).context().checkpointId());
    }

    @Test
    void eachMethodKeepsItsOwnLambdaWithTheLessonsValueAsDefault() {
        assertEquals("ewc", vm.methodProperty().get());
        assertEquals(100, vm.lambdaProperty().get(), "the lesson's EWC λ");
        vm.lambdaProperty().set(250);
        vm.methodProperty().set("l2");
        assertEquals(1, vm.lambdaProperty().get(), "L2 does not inherit EWC's λ (the lesson has no L2 entry: 1)");
        vm.lambdaProperty().set(3);
        vm.methodProperty().set("online-ewc");
        assertEquals(100, vm.lambdaProperty().get(), "online EWC starts from the lesson's EWC λ");
        vm.methodProperty().set("ewc");
        assertEquals(250, vm.lambdaProperty().get(), "EWC's λ was kept");
        vm.methodProperty().set("l2");
        assertEquals(3, vm.lambdaProperty().get(), "L2's λ was kept");

        vm.trainA().join();
        vm.trainB().join();
        assertEquals("l2", vm.results().get(0).method());
        assertEquals(3, vm.results().get(0).lambda(), "Train B trains with the λ shown for L2");
    }

    @Test
    void aLessonsL2LambdaIsL2sDefault() {
        String withL2 = LabViewModelTest.TINY.replace("{\"method\": \"plain\"},",
                "{\"method\": \"plain\"}, {\"method\": \"l2\", \"lambda\": 7},");
        vm.open(ExperimentPreset.parse(withL2), dir).join();
        vm.methodProperty().set("l2");
        assertEquals(7, vm.lambdaProperty().get());
    }

    @Test
    void aRefusedLambdaStartsNothingAndSaysWhy() {
        vm.trainA().join();
        String why = LambdaFormat.problem("abc");
        vm.lambdaInputProblemProperty().set(why);
        assertFalse(vm.canStartMethodRun().get(), "Train B and Compare all are disabled");
        vm.trainB().join();
        vm.compareAll().join();
        assertTrue(vm.results().isEmpty(), "nothing trained with the last valid λ");
        assertEquals(LabViewModel.Notice.Severity.ERROR, vm.noticeProperty().get().severity());
        assertTrue(vm.noticeProperty().get().text().contains("\"abc\" is not a number"),
                vm.noticeProperty().get().text());

        vm.methodProperty().set("plain");
        assertTrue(vm.canStartMethodRun().get(), "plain uses no λ");
        vm.methodProperty().set("ewc");
        vm.lambdaInputProblemProperty().set("");
        assertTrue(vm.canStartMethodRun().get());
    }

    @Test
    void theStatusBarSaysWhatItMeasuredAndNothingStaleAfterARun() {
        vm.trainA().join();
        assertTrue(vm.accuracyReadoutProperty().get().startsWith("task A · full test set:"),
                vm.accuracyReadoutProperty().get());
        assertFalse(vm.accuracyReadoutProperty().get().contains("moons"), "task B is not trained yet");
        vm.trainB().join();
        RunResult r = vm.results().get(0);
        double[] last = r.accuracy()[r.rows() - 1];
        assertEquals(String.format("EWC λ=100 · full test set:  blobs %.1f%%  moons %.1f%%", 100 * last[0],
                100 * last[1]), vm.accuracyReadoutProperty().get(), "the same numbers as the matrix, labelled");
        assertEquals("", vm.timeLeftProperty().get(), "no speed or time left once the run ended");
        assertEquals(1, vm.progressProperty().get(), "the bar is full, not part-filled");
        assertTrue(vm.statusProperty().get().startsWith("Done. Full test sets"), vm.statusProperty().get());

        vm.setTask(1, CIRCLES).join();
        assertFalse(vm.accuracyReadoutProperty().get().contains("moons"),
                "no accuracy of the old task B: " + vm.accuracyReadoutProperty().get());
    }

    @Test
    void theStatusSaysPausedWhilePausedAndTheRunningMessageAfter() {
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        LabViewModel deferred = new LabViewModel(queued::add, INLINE);
        deferred.open(ExperimentPreset.parse(LabViewModelTest.TINY), dir);
        queued.poll().run();
        deferred.trainA();
        queued.poll().run();
        assertEquals(LabViewModel.Phase.READY, deferred.phase());

        deferred.trainB();
        assertEquals(LabViewModel.Phase.TRAINING_B, deferred.phase());
        String running = deferred.statusProperty().get();
        deferred.togglePause();
        assertTrue(deferred.pausedProperty().get());
        assertTrue(deferred.statusProperty().get().startsWith("Paused"), deferred.statusProperty().get());
        deferred.togglePause();
        assertEquals(running, deferred.statusProperty().get());
        queued.poll().run();
        assertEquals(LabViewModel.Phase.READY, deferred.phase());
        assertEquals("", deferred.timeLeftProperty().get());
    }

    @Test
    void theLiveReadoutNamesItsSubsetAndADivergedRunShowsNoAccuracy() {
        ExperimentLog log = new ExperimentLog();
        log.accept(new LabEvent.RunStarted("run-1", "ewc", 1e9, "ewc", 1, List.of("blobs", "moons"), 20, 20, "CPU",
                "1"));
        log.accept(new LabEvent.AccuracyPoint("run-1", 1, 25, new float[] {0.5f, 0.25f}));
        ExperimentLog.RunTrace running = log.snapshot().runs().get(0);
        assertEquals("EWC λ=1e9 · live, 100 test samples:  blobs 50.0%  moons 25.0%", vm.readout(running));
        log.accept(new LabEvent.RunDiverged("run-1", 26, "EWC diverged at step 26"));
        String diverged = vm.readout(log.snapshot().runs().get(0));
        assertTrue(diverged.startsWith("EWC λ=1e9: diverged"), diverged);
        assertFalse(diverged.contains("%"), diverged);
    }

    @Test
    void aLoadedCheckpointShowsItsFisherAsAfterTraining() throws Exception {
        vm.trainA().join();
        LabEvent.FisherComputed trained = vm.log().snapshot().fisherByTask().get(0);
        Path file = dir.resolve("a.ewcckpt");
        vm.saveCheckpoint(file);
        vm.reset();
        assertNull(vm.log().snapshot().fisherByTask().get(0));

        vm.loadCheckpoint(file).join();

        LabEvent.FisherComputed shown = vm.log().snapshot().fisherByTask().get(0);
        assertNotNull(shown, "the Fisher histogram and importance map have task A's Fisher");
        assertEquals(trained.layers().size(), shown.layers().size());
        for (int i = 0; i < trained.layers().size(); i++) {
            assertEquals(trained.layers().get(i).name(), shown.layers().get(i).name());
            assertTrue(java.util.Arrays.equals(trained.layers().get(i).values(), shown.layers().get(i).values()));
            assertEquals(trained.layers().get(i).max(), shown.layers().get(i).max(), 1e-12);
        }
        assertTrue(java.util.Arrays.equals(trained.inputImportance(), shown.inputImportance()));
        assertEquals(trained.variant(), shown.variant());
        assertFalse(LabCharts.fisherHistogram(vm.log().snapshot(), LabCharts.ALL_LAYERS, 100).series().isEmpty());
        assertTrue(vm.context().checkpointId().endsWith("a.ewcckpt"), vm.context().checkpointId());
    }

    @Test
    void aMovedLambdaIsNamedInTheLegends() {
        ExperimentLog log = new ExperimentLog();
        log.accept(new LabEvent.RunStarted("run-1", "ewc", 1e5, "ewc", 1, List.of("blobs", "moons"), 20, 20, "CPU",
                "1"));
        log.accept(new LabEvent.StepMetrics("run-1", 1, 21, 0.5, 0.1, 1e5));
        log.accept(new LabEvent.AccuracyPoint("run-1", 1, 21, new float[] {0.5f, 0.5f}));
        log.accept(new LabEvent.LambdaChanged("run-1", 22, 1e5, 1e7));
        log.accept(new LabEvent.StepMetrics("run-1", 1, 22, 0.5, 10, 1e7));
        ExperimentLog.Snapshot snap = log.snapshot();
        assertEquals("EWC λ=1e5→1e7", snap.runs().get(0).label());
        assertTrue(seriesNames(LabCharts.accuracy(snap)).contains("EWC λ=1e5→1e7 · task A (blobs)"),
                seriesNames(LabCharts.accuracy(snap)).toString());
        assertTrue(seriesNames(LabCharts.loss(snap)).contains("EWC λ=1e5→1e7 · penalty"));
    }
}
