package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSessionTest {

    private static List<Double> losses(List<LabEvent> events) {
        List<Double> out = new ArrayList<>();
        for (LabEvent e : events) {
            if (e instanceof LabEvent.StepMetrics sm) {
                out.add(sm.crossEntropy());
                out.add(sm.penalty());
            }
        }
        return out;
    }

    @Test
    void theSamePresetAndSeedGiveTheSameNumbers() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("plain", 0), MethodSpec.of("ewc", 1000),
                MethodSpec.of("online-ewc", 1000), MethodSpec.of("l2", 1))
                .withFisher(new ExperimentPreset.FisherSpec("sampled", "per-sample", 100, null, null, null));
        List<LabEvent> first = Collections.synchronizedList(new ArrayList<>());
        List<LabEvent> second = Collections.synchronizedList(new ArrayList<>());
        ExperimentResult a;
        ExperimentResult b;
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            a = s.runExperiment(new RunControl(), first::add);
        }
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            b = s.runExperiment(new RunControl(), second::add);
        }
        assertEquals(losses(first), losses(second));
        for (int r = 0; r < a.runs().size(); r++) {
            assertArrayEquals(a.runs().get(r).accuracy(), b.runs().get(r).accuracy());
        }
        List<LabEvent> third = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset.withSeed(8), Synthetic.tasks())) {
            s.runExperiment(new RunControl(), third::add);
        }
        assertNotEquals(losses(first), losses(third), "another seed, other numbers");
    }

    @Test
    void forkedRunsShareRowZeroExactly() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("plain", 0));
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            List<RunResult> runs = s.runAll(cp, List.of(MethodSpec.of("plain", 0), MethodSpec.of("l2", 1),
                    MethodSpec.of("ewc", 100), MethodSpec.of("online-ewc", 100)), new RunControl(), e -> { });
            assertEquals(4, runs.size());
            for (RunResult r : runs) {
                assertArrayEquals(cp.accuracy()[0], r.accuracy()[0]);
            }
            // the same method twice from one checkpoint is the same run
            RunResult again = s.runFrom(cp, MethodSpec.of("ewc", 100), new RunControl(), e -> { });
            assertArrayEquals(runs.get(2).accuracy(), again.accuracy());
        }
    }

    @Test
    void aDivergingRunStopsAloneWithAMessageThatSaysWhatToDo() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 1e6), MethodSpec.of("plain", 0))
                .withOptimizer(new OptimizerSpec("sgd", 0.1, 0.0, false));
        List<LabEvent> events = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            ExperimentResult r = s.runExperiment(new RunControl(), events::add);
            RunResult ewc = r.runs().get(0);
            RunResult plain = r.runs().get(1);
            assertTrue(ewc.diverged());
            assertTrue(ewc.message().matches("EWC diverged at step \\d+: the penalty exploded to [0-9.e+]+; lr·λ·max ΣF"
                    + " = [0-9.e+]+, far above 2 \\(SGD is stable only below 2\\): each step overshoots θ\\* further"
                    + " than the last; lower λ below [0-9.e+-]+ or the learning rate below [0-9.e+-]+"), ewc.message());
            assertTrue(r.toJson().contains("\"diverged\": true"));
            assertFalse(plain.diverged(), "the other runs go on");
            assertEquals(2, plain.rows());
            assertTrue(events.stream().anyMatch(e -> e instanceof LabEvent.RunDiverged d
                    && d.message().equals(ewc.message())));
        }
    }

    @Test
    void aDivergingFirstTaskSaysSo() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("plain", 0))
                .withOptimizer(new OptimizerSpec("sgd", 1e4, 0.0, false));
        List<LabEvent> events = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TrainingStoppedException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingStoppedException.class,
                    () -> s.trainFirstTask(new RunControl(), events::add));
            assertTrue(e.diverged());
            assertTrue(e.getMessage().startsWith("Training diverged at step "), e.getMessage());
            assertTrue(e.getMessage().endsWith("lower the learning rate (10000)"), e.getMessage());
            assertTrue(events.stream().anyMatch(ev -> ev instanceof LabEvent.RunDiverged));
        }
    }

    @Test
    void pauseResumeLambdaAndStopTakeEffectWithinOneStep() throws Exception {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 10));
        ExecutorService trainer = Executors.newSingleThreadExecutor();
        TaskCheckpoint cp;
        try (ExperimentSession first = ExperimentSession.open(preset, Synthetic.tasks())) {
            cp = first.trainFirstTaskAsync(trainer, new RunControl(), e -> { }).get(60, TimeUnit.SECONDS);
        }
        // a long task B, so that it is still training when stopped
        ExperimentPreset longer = preset.withTraining(new ExperimentPreset.TrainingSpec(200, 20, 10, 100, "frozen",
                1));
        try (ExperimentSession s = ExperimentSession.open(longer, Synthetic.tasks())) {
            RunControl control = new RunControl();
            List<LabEvent> events = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch paused = new CountDownLatch(1);
            long pauseAt = cp.step() + 5;
            CompletableFuture<RunResult> run = s.runFromAsync(trainer, cp, MethodSpec.of("ewc", 10), control, e -> {
                events.add(e);
                if (e instanceof LabEvent.StepMetrics sm && sm.step() == pauseAt) {
                    control.pause();
                    paused.countDown();
                }
            });
            assertTrue(paused.await(60, TimeUnit.SECONDS));
            Thread.sleep(300);
            long stepsWhilePaused = events.stream().filter(e -> e instanceof LabEvent.StepMetrics).count();
            Thread.sleep(300);
            assertEquals(stepsWhilePaused, events.stream().filter(e -> e instanceof LabEvent.StepMetrics).count());
            assertEquals(pauseAt - cp.step() + 1, stepsWhilePaused, "paused within one step");
            control.setLambda(42);
            control.resume();
            Thread.sleep(100);
            control.stop();
            RunResult r = run.get(60, TimeUnit.SECONDS);
            assertTrue(r.stopped());
            assertEquals(42, r.finalLambda());
            assertEquals(10, r.lambda());
            LabEvent.LambdaChanged changed = events.stream().filter(e -> e instanceof LabEvent.LambdaChanged)
                    .map(e -> (LabEvent.LambdaChanged) e).findFirst().orElseThrow();
            assertEquals(pauseAt + 1, changed.step(), "the next step uses the new λ");
            LabEvent.StepMetrics next = events.stream().filter(e -> e instanceof LabEvent.StepMetrics sm
                    && sm.step() == pauseAt + 1).map(e -> (LabEvent.StepMetrics) e).findFirst().orElseThrow();
            assertEquals(42, next.lambda());
            assertTrue(events.get(events.size() - 1) instanceof LabEvent.RunFinished);
        } finally {
            trainer.shutdownNow();
        }
    }

    @Test
    void aSavedCheckpointForksTheSameRunsAsTheOriginal(@TempDir Path dir) throws Exception {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 100));
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            Path file = dir.resolve("a.ewcckpt");
            cp.save(file);
            byte[] bytes = Files.readAllBytes(file);
            TaskCheckpoint loaded = s.loadCheckpoint(file);
            Path again = dir.resolve("b.ewcckpt");
            loaded.save(again);
            assertArrayEquals(bytes, Files.readAllBytes(again), "save → load → save is byte-identical");
            RunResult fromOriginal = s.runFrom(cp, MethodSpec.of("ewc", 100), new RunControl(), e -> { });
            RunResult fromFile = s.runFrom(loaded, MethodSpec.of("ewc", 100), new RunControl(), e -> { });
            assertArrayEquals(fromOriginal.accuracy(), fromFile.accuracy());
        }
    }

    @Test
    void eventsCarryTheChartsData() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 100));
        List<LabEvent> events = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            s.runExperiment(new RunControl(), events::add);
        }
        LabEvent.FisherComputed f = events.stream().filter(e -> e instanceof LabEvent.FisherComputed)
                .map(e -> (LabEvent.FisherComputed) e).findFirst().orElseThrow();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                f.layers().stream().map(LabEvent.LayerFisher::name).toList());
        assertEquals(Synthetic.D, f.inputImportance().length);
        assertEquals(32 * Synthetic.D, f.layers().get(0).values().length);
        // at the end of task B, the drift chart's ‖θ − θ*A‖ of each layer is the norm of the snapshot's θ − θ*A
        LabEvent.TaskFinished endB = events.stream().filter(e -> e instanceof LabEvent.TaskFinished t && t.task() == 1)
                .map(e -> (LabEvent.TaskFinished) e).findFirst().orElseThrow();
        LabEvent.Drift drift = events.stream().filter(e -> e instanceof LabEvent.Drift d && d.step() == endB.step())
                .map(e -> (LabEvent.Drift) e).findFirst().orElseThrow();
        LabEvent.ParameterSnapshot snap = events.stream().filter(e -> e instanceof LabEvent.ParameterSnapshot p
                && p.step() == endB.step()).map(e -> (LabEvent.ParameterSnapshot) e).findFirst().orElseThrow();
        assertEquals(drift.layers(), snap.layers().stream().map(LabEvent.LayerDelta::name).toList());
        for (int i = 0; i < drift.layers().size(); i++) {
            double sq = 0;
            for (float d : snap.layers().get(i).delta()) {
                sq += (double) d * d;
            }
            assertTrue(drift.drift()[i] > 0, drift.layers().get(i) + " moved in B");
            assertEquals(Math.sqrt(sq), drift.drift()[i], 1e-4 * drift.drift()[i], drift.layers().get(i));
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof LabEvent.AccuracyPoint a && a.accuracy().length == 2));
        assertTrue(events.stream().anyMatch(e -> e instanceof LabEvent.TaskFinished t && t.task() == 1));
        LabEvent.RunStarted started = events.stream().filter(e -> e instanceof LabEvent.RunStarted rs
                && rs.method().equals("ewc")).map(e -> (LabEvent.RunStarted) e).findFirst().orElseThrow();
        assertEquals("CPU", started.device());
    }
}
