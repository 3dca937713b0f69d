package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.RunResult;
import org.ewclab.engine.TaskCheckpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's behaviour without a window: inline executors make every action finish before it returns. */
class LabViewModelTest {
    static final String TINY = """
            {"name": "tiny", "title": "Tiny", "description": "two toy tasks", "seed": 3,
             "tasks": [{"name": "blobs", "toy": "blobs", "samples": 300, "testSamples": 100},
                       {"name": "moons", "toy": "moons", "samples": 300, "testSamples": 100}],
             "model": {"type": "mlp", "hidden": [16], "batchNorm": false},
             "optimizer": {"type": "adam", "learningRate": 0.01},
             "training": {"epochs": 2, "batchSize": 30, "evalEvery": 5, "evalSamples": 100},
             "fisher": {"labels": "empirical", "gradients": "per-sample", "samples": 100},
             "methods": [{"method": "plain"}, {"method": "ewc", "lambda": 100}]}
            """;
    private static final Executor INLINE = Runnable::run;

    @TempDir
    Path dir;
    private LabViewModel vm;

    @BeforeEach
    void openTinyExperiment() {
        vm = new LabViewModel(INLINE, INLINE);
        vm.open(ExperimentPreset.parse(TINY), dir).join();
    }

    @Test
    void openingAPresetLoadsItsTasksAndWaitsForTrainA() {
        assertEquals(LabViewModel.Phase.NO_TASK_A, vm.phase());
        assertEquals(2, vm.tasksProperty().get().size());
        assertTrue(vm.canTrainA().get());
        assertFalse(vm.canTrainB().get(), "Train B needs a trained task A");
        assertEquals("ewc", vm.methodProperty().get(), "the preset's EWC method is preselected");
        assertEquals(100, vm.lambdaProperty().get());
    }

    @Test
    void trainAEnablesTrainBAndFillsTheLog() {
        vm.trainA().join();
        assertEquals(LabViewModel.Phase.READY, vm.phase());
        assertTrue(vm.canTrainB().get());
        ExperimentLog.Snapshot snap = vm.log().snapshot();
        assertNotNull(snap.firstTask());
        assertTrue(snap.firstTask().lossSteps().length > 0, "loss samples recorded");
        assertTrue(snap.firstTask().accuracySteps().length > 0, "accuracy samples recorded");
        assertNotNull(snap.fisherByTask().get(0), "task A's Fisher was published");
    }

    @Test
    void trainBUsesTheChosenMethodAndLambda() {
        vm.trainA().join();
        vm.methodProperty().set("ewc");
        vm.lambdaProperty().set(250);
        vm.trainB().join();
        List<RunResult> results = vm.results();
        assertEquals(1, results.size());
        assertEquals("ewc", results.get(0).method());
        assertEquals(250, results.get(0).lambda());
        ExperimentLog.RunTrace run = vm.log().snapshot().methodRuns().get(0);
        for (float l : run.lambdas()) {
            assertEquals(250f, l, "every step used the λ typed before Train B");
        }
        vm.refresh();
        assertTrue(vm.accuracyReadoutProperty().get().contains("blobs"));
    }

    @Test
    void compareAllForksEveryMethodFromOneCheckpoint() {
        vm.trainA().join();
        vm.compareAll().join();
        List<RunResult> results = vm.results();
        assertEquals(List.of("plain", "ewc"), results.stream().map(RunResult::method).toList());
        assertTrue(java.util.Arrays.equals(results.get(0).accuracy()[0], results.get(1).accuracy()[0]),
                "runs forked from one checkpoint share row 0");
        assertEquals(2, vm.log().snapshot().methodRuns().size());
    }

    @Test
    void changingTaskBKeepsTheTrainedTaskA() {
        vm.trainA().join();
        TaskCheckpoint before = vm.session().firstTaskCheckpoint().orElseThrow();
        TaskSpec circles = new TaskSpec("circles", null, "circles", null, null, null, null, null, null, null, null,
                null, 300, 100, null, null);
        vm.setTask(1, circles).join();
        assertEquals(LabViewModel.Phase.READY, vm.phase(), "no need to train A again");
        assertSame(before, vm.session().firstTaskCheckpoint().orElseThrow());
        assertEquals("circles", vm.preset().tasks().get(1).name());
    }

    @Test
    void changingTheModelAsksForTrainAAgain() {
        vm.trainA().join();
        ExperimentPreset p = vm.preset();
        vm.edit(p.withModel(new ExperimentPreset.ModelSpec("mlp", List.of(8), "relu", false, false, 32))).join();
        assertEquals(LabViewModel.Phase.NO_TASK_A, vm.phase());
        assertFalse(vm.canTrainB().get());
    }

    @Test
    void aBrokenDataFileGivesAnErrorAndKeepsEverything() throws Exception {
        vm.trainA().join();
        Path bad = dir.resolve("broken.csv");
        Files.writeString(bad, "label,a,b\n1,0.5,x\n");
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "label,a,b\n1,0.5,0.5\n");
        ExperimentPreset before = vm.preset();
        vm.setTask(1, TaskChoice.csv("broken", bad, test)).join();
        LabViewModel.Notice notice = vm.noticeProperty().get();
        assertNotNull(notice);
        assertEquals(LabViewModel.Notice.Severity.ERROR, notice.severity());
        assertTrue(notice.text().contains("broken.csv"), notice.text());
        assertSame(before, vm.preset(), "the experiment is unchanged");
        assertEquals(LabViewModel.Phase.READY, vm.phase(), "task A is still trained");
    }

    @Test
    void resetForgetsTaskAButKeepsTheExperiment() {
        vm.trainA().join();
        vm.reset();
        assertEquals(LabViewModel.Phase.NO_TASK_A, vm.phase());
        assertTrue(vm.log().snapshot().isEmpty());
        assertEquals("tiny", vm.preset().name());
    }

    @Test
    void sweepForksEveryRunFromTheCheckpointAndKeepsTheLessonCurves() {
        vm.trainA().join();
        vm.compareAll().join();
        int lessonRuns = vm.log().snapshot().methodRuns().size();
        vm.sweep(List.of("ewc"), 1, 100, 3).join();
        List<RunResult> sweep = vm.sweepResults();
        assertEquals(4, sweep.size(), "plain once, then EWC at 3 values of λ");
        assertEquals(List.of(0.0, 1.0, 10.0, 100.0), sweep.stream().map(RunResult::lambda).toList());
        for (RunResult r : sweep) {
            assertTrue(java.util.Arrays.equals(sweep.get(0).accuracy()[0], r.accuracy()[0]), "shared task-A row");
        }
        assertEquals(lessonRuns, vm.log().snapshot().methodRuns().size(), "the lesson's curves are untouched");
        assertEquals(LabViewModel.Phase.READY, vm.phase());
    }

    @Test
    void aKnobSweepRunsReplayAtEachMemoryAndTheEngineHoldsThatMuch() {
        vm.trainA().join();
        vm.sweep(ExperimentPreset.SweepSpec.ofValues(List.of("replay"), "memory", List.of(0.0, 20.0, 1000.0)))
                .join();
        List<RunResult> sweep = vm.sweepResults();
        assertEquals(4, sweep.size(), "plain once, then replay at three memory sizes");
        assertEquals(List.of("plain", "replay", "replay", "replay"), sweep.stream().map(RunResult::method).toList());
        assertEquals(List.of(0.0, 20.0, 1000.0), sweep.subList(1, 4).stream().map(r -> r.point().value()).toList());
        // what the engine held: nothing, 20, and all 300 training samples of blobs (not the 1000 asked for)
        assertEquals(List.of(-1, 0, 20, 300), sweep.stream().map(RunResult::replayMemory).toList());
        assertEquals(java.util.Arrays.deepToString(sweep.get(0).accuracy()),
                java.util.Arrays.deepToString(sweep.get(1).accuracy()), "memory 0 trains exactly as plain");
        // a knob the method lacks is named and starts nothing
        vm.sweep(ExperimentPreset.SweepSpec.ofValues(List.of("lwf"), "memory", List.of(10.0))).join();
        assertEquals(LabViewModel.Notice.Severity.ERROR, vm.noticeProperty().get().severity());
        assertTrue(vm.noticeProperty().get().text().contains("sweep.knob: \"memory\" is not a knob of lwf"),
                vm.noticeProperty().get().text());
        assertEquals(4, vm.sweepResults().size(), "the last sweep stays");
    }

    @Test
    void aBadSweepRangeIsNamedAndStartsNothing() {
        vm.trainA().join();
        vm.sweep(List.of("ewc"), 100, 1, 3).join();
        assertEquals(LabViewModel.Notice.Severity.ERROR, vm.noticeProperty().get().severity());
        assertTrue(vm.noticeProperty().get().text().contains("sweep"), vm.noticeProperty().get().text());
        assertTrue(vm.sweepResults().isEmpty());
        assertEquals(LabViewModel.Phase.READY, vm.phase());
    }

    @Test
    void aSavedCheckpointLoadsBackAndTrainsTheSameTaskB() throws Exception {
        vm.trainA().join();
        org.ewclab.engine.LabEvent.FisherComputed trained = vm.log().snapshot().fisherByTask().get(0);
        vm.trainB().join();
        RunResult before = vm.results().get(0);
        Path file = dir.resolve("a.ewcckpt");
        vm.saveCheckpoint(file);
        vm.reset();
        assertFalse(vm.canTrainB().get());
        vm.loadCheckpoint(file).join();
        assertEquals(LabViewModel.Phase.READY, vm.phase());
        // the loaded task A shows the same three importances as the trained one (SI from the file, MAS recomputed)
        org.ewclab.engine.LabEvent.FisherComputed loaded = vm.log().snapshot().fisherByTask().get(0);
        for (String m : List.of("si", "mas")) {
            assertTrue(trained.other(m) != null && loaded.other(m) != null, m);
            for (int k = 0; k < trained.other(m).layers().size(); k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(trained.other(m).layers().get(k).values(),
                        loaded.other(m).layers().get(k).values(), 1e-6f, m);
            }
        }
        vm.trainB().join();
        RunResult after = vm.results().get(0);
        assertTrue(java.util.Arrays.deepEquals(before.accuracy(), after.accuracy()),
                "the loaded checkpoint gives the same task-B run as the trained one");
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedAndChangesNothing() throws Exception {
        vm.trainA().join();
        Path file = dir.resolve("a.ewcckpt");
        vm.saveCheckpoint(file);
        LabViewModel other = new LabViewModel(INLINE, INLINE);
        ExperimentPreset p = ExperimentPreset.parse(TINY);
        other.open(p.withModel(new ExperimentPreset.ModelSpec("mlp", List.of(8), "relu", false, false, 32)), dir)
                .join();
        other.loadCheckpoint(file).join();
        assertEquals(LabViewModel.Notice.Severity.ERROR, other.noticeProperty().get().severity());
        assertTrue(other.noticeProperty().get().text().endsWith("model: checkpoint has hidden layers [16], lesson has"
                + " [8]"), other.noticeProperty().get().text());
        assertEquals(LabViewModel.Phase.NO_TASK_A, other.phase());
    }
}
