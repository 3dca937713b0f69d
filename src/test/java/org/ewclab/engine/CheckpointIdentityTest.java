package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ewclab.data.TaskData;
import org.ewclab.engine.CheckpointComparison.Aspect;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint records what it is, and loading it into a lesson says in words what differs. */
class CheckpointIdentityTest {
    private static final ExperimentPreset PRESET = Synthetic.preset(MethodSpec.of("ewc", 100));
    private static final FisherSpec BATCH = PRESET.withFisher(new FisherSpec("argmax", "batch", 0, 50, null, null))
            .validated().fisher();
    private static TaskCheckpoint checkpoint;

    @BeforeAll
    static void trainTaskA() {
        try (ExperimentSession s = ExperimentSession.open(PRESET, Synthetic.tasks())) {
            checkpoint = s.trainFirstTask(new RunControl(), e -> { });
        }
    }

    private static CheckpointComparison compareWith(ExperimentPreset preset, List<TaskData> tasks) {
        try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
            return s.compare(checkpoint);
        }
    }

    @Test
    void aCheckpointRecordsItsTaskModelOptimizerAndFisherAndKeepsThemThroughAFile(@TempDir Path dir)
            throws Exception {
        TaskData a = Synthetic.tasks().get(0);
        assertEquals(List.of(new TaskCheckpoint.TaskIdentity("a", 400, 200, a.contentHash())),
                checkpoint.taskIdentities());
        assertEquals(PRESET.model(), checkpoint.modelSpec());
        assertEquals(PRESET.optimizer(), checkpoint.optimizerSpec());
        assertEquals(PRESET.fisher(), checkpoint.fisherSpec());
        assertEquals(7L, checkpoint.seed());
        Path file = dir.resolve("a.ewcckpt");
        checkpoint.save(file);
        TaskCheckpoint loaded = TaskCheckpoint.load(file);
        assertEquals(checkpoint.taskIdentities(), loaded.taskIdentities());
        assertEquals(checkpoint.modelSpec(), loaded.modelSpec());
        assertEquals(checkpoint.optimizerSpec(), loaded.optimizerSpec());
        assertEquals(checkpoint.fisherSpec(), loaded.fisherSpec());
        assertEquals(checkpoint.seed(), loaded.seed());
        assertTrue(compareWith(PRESET, Synthetic.tasks()).identical());
        try (ExperimentSession s = ExperimentSession.open(PRESET, Synthetic.tasks())) {
            ExperimentSession.LoadedCheckpoint l = s.loadCheckpoint(file, e -> { });
            assertTrue(l.comparison().identical());
            assertFalse(l.fisherReestimated());
            assertEquals("", l.notice());
            assertEquals(l.checkpoint(), s.firstTaskCheckpoint().orElseThrow(), "installed");
        }
    }

    @Test
    void otherTaskDataIsRefusedNamingBothTasksAndTheirHashes() {
        TaskData other = TestData.blobs("a", Synthetic.D, 4, 400, 200, 33, 1.0);
        List<TaskData> tasks = List.of(other, Synthetic.tasks().get(1));
        CheckpointComparison c = compareWith(PRESET, tasks);
        String mine = Synthetic.tasks().get(0).contentHash().substring(0, 8);
        String theirs = other.contentHash().substring(0, 8);
        assertEquals("the checkpoint's task A is 'a' (400 training samples, hash " + mine + ") but this lesson's task A"
                + " is 'a' (400 training samples, hash " + theirs + ") (same name, other data)", c.message());
        assertFalse(c.usable());
        try (ExperimentSession s = ExperimentSession.open(PRESET, tasks)) {
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                    () -> s.useCheckpoint(checkpoint));
            assertEquals("this checkpoint is not this lesson's task A: " + c.message(), e.getMessage());
            assertThrows(CheckpointMismatchException.class, () -> s.runFrom(checkpoint, MethodSpec.of("plain", 0),
                    new RunControl(), ev -> { }));
            assertTrue(s.firstTaskCheckpoint().isEmpty(), "nothing installed");
        }
        // a renamed copy of the same data is the same task A, said but not refused
        TaskData renamed = new TaskData("digits", Synthetic.tasks().get(0).train(), Synthetic.tasks().get(0).test());
        CheckpointComparison r = compareWith(PRESET, List.of(renamed, Synthetic.tasks().get(1)));
        assertTrue(r.usable());
        assertEquals("the checkpoint's task A was called 'a', this lesson calls the same data 'digits'", r.message());
    }

    @Test
    void anotherModelIsRefusedInWords() {
        ExperimentPreset wider = PRESET.withModel(new ModelSpec("mlp", List.of(64, 64), "relu", false, false, null))
                .validated();
        CheckpointComparison c = compareWith(wider, Synthetic.tasks());
        assertEquals(List.of(new CheckpointComparison.Difference(Aspect.MODEL, true,
                "model: checkpoint has hidden layers [32], lesson has [64, 64]")), c.differences());
        // the same tensor shapes but another activation: the shapes alone would not tell
        ExperimentPreset tanh = PRESET.withModel(new ModelSpec("mlp", List.of(32), "tanh", false, false, null))
                .validated();
        assertEquals("model: checkpoint uses relu, lesson uses tanh", compareWith(tanh, Synthetic.tasks()).message());
        ExperimentPreset bn = PRESET.withModel(new ModelSpec("mlp", List.of(32), "relu", true, true, null))
                .validated();
        assertEquals("model: checkpoint has no BatchNorm, lesson has BatchNorm; checkpoint has one shared head,"
                + " lesson has one head per task", compareWith(bn, Synthetic.tasks()).message());
    }

    @Test
    void layoutKeysAreDescribedInWords() {
        assertEquals("an MLP with 784 inputs, hidden layers [100, 100] with BatchNorm, 10 outputs",
                CheckpointComparison.Layout.describe("fc1.weight[100, 784];fc1.bias[100];bn1.weight[100];"
                        + "bn1.bias[100];bn1.running_mean[100];bn1.running_var[100];fc2.weight[100, 100];"
                        + "fc2.bias[100];bn2.weight[100];bn2.bias[100];bn2.running_mean[100];bn2.running_var[100];"
                        + "fc3.weight[10, 100];fc3.bias[10];"));
        assertEquals("an MLP with 2 inputs, hidden layers [8], heads of [2, 2] classes",
                CheckpointComparison.Layout.describe("fc1.weight[8, 2];fc1.bias[8];head1.weight[2, 8];head1.bias[2];"
                        + "head2.weight[2, 8];head2.bias[2];"));
    }

    @Test
    void anotherOptimizerIsSaidButNotRefused() {
        ExperimentPreset sgd = PRESET.withOptimizer(new OptimizerSpec("sgd", 0.05, 0.9, false)).validated();
        CheckpointComparison c = compareWith(sgd, Synthetic.tasks());
        assertTrue(c.usable());
        assertEquals("optimizer: task A was trained with adam, this lesson uses sgd: task B starts with fresh sgd"
                + " state instead of continuing task A's", c.message());
        ExperimentPreset slower = PRESET.withOptimizer(new OptimizerSpec("adam", 0.001, null, false)).validated();
        assertEquals("optimizer: task A was trained with learning rate 0.01, this lesson's later tasks use 0.001",
                compareWith(slower, Synthetic.tasks()).message());
    }

    @Test
    void anotherFisherEstimatorIsReestimatedAndLabelledWithTheEstimatorUsed() {
        ExperimentPreset batch = PRESET.withFisher(BATCH).validated();
        CheckpointComparison c = compareWith(batch, Synthetic.tasks());
        assertEquals(List.of(new CheckpointComparison.Difference(Aspect.FISHER, false,
                "Fisher: checkpoint used empirical/per-sample n=200, lesson uses argmax/batch (batches of 50)")),
                c.differences());
        // the independent route: the batch lesson trains the same seeded task A and estimates its own Fisher
        TaskCheckpoint direct;
        try (ExperimentSession s = ExperimentSession.open(batch, Synthetic.tasks())) {
            direct = s.trainFirstTask(new RunControl(), e -> { });
        }
        try (ExperimentSession s = ExperimentSession.open(batch, Synthetic.tasks())) {
            // an EWC run would mix estimators: refused until the Fisher is re-estimated
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                    () -> s.runFrom(checkpoint, MethodSpec.of("ewc", 100), new RunControl(), ev -> { }));
            assertTrue(e.getMessage().contains("Fisher: checkpoint used empirical/per-sample n=200, lesson uses"
                    + " argmax/batch (batches of 50)"), e.getMessage());
            // a plain run uses no Fisher; it is labelled with the checkpoint's, the one it carries
            assertEquals("empirical/per-sample n=200", s.runFrom(checkpoint, MethodSpec.of("plain", 0),
                    new RunControl(), ev -> { }).fisher());
            List<LabEvent> events = new ArrayList<>();
            ExperimentSession.LoadedCheckpoint l = s.adopt(checkpoint, events::add);
            assertTrue(l.fisherReestimated());
            assertEquals("Fisher: checkpoint used empirical/per-sample n=200, lesson uses argmax/batch (batches of 50)"
                    + " — re-estimated with the lesson's estimator", l.notice());
            TaskCheckpoint cp = l.checkpoint();
            assertEquals("argmax/batch", cp.fisherVariant());
            assertEquals(batch.fisher(), cp.fisherSpec());
            for (String name : TestAccess.fisher(direct, 0).names()) {
                assertArrayEquals(TestAccess.fisher(direct, 0).get(name), TestAccess.fisher(cp, 0).get(name), name);
            }
            assertArrayEquals(checkpoint.parameter("fc1.weight"), cp.parameter("fc1.weight"), "not retrained");
            LabEvent.FisherComputed f = events.stream().filter(e2 -> e2 instanceof LabEvent.FisherComputed)
                    .map(e2 -> (LabEvent.FisherComputed) e2).findFirst().orElseThrow();
            assertEquals("argmax/batch", f.variant());
            LabEvent.Progress last = events.stream().filter(e2 -> e2 instanceof LabEvent.Progress)
                    .map(e2 -> (LabEvent.Progress) e2).reduce((x, y) -> y).orElseThrow();
            assertEquals(400, last.done());
            assertEquals(400, last.total());
            RunResult r = s.runFrom(cp, MethodSpec.of("ewc", 100), new RunControl(), ev -> { });
            assertEquals("argmax/batch", r.fisher());
            assertTrue(s.compare(cp).identical());
        }
    }

    @Test
    void withFisherNeverLeavesAFisherUnderAnotherEstimatorsName() {
        try (ExperimentSession s = ExperimentSession.open(PRESET, Synthetic.tasks())) {
            TaskCheckpoint other = s.withFisher(checkpoint, BATCH, e -> { });
            assertEquals("argmax/batch", other.fisherVariant());
            assertEquals(BATCH, other.fisherSpec());
            assertFalse(java.util.Arrays.equals(TestAccess.fisher(checkpoint, 0).get("fc1.weight"),
                    TestAccess.fisher(other, 0).get("fc1.weight")));
            // this session's EWC estimates with empirical/per-sample: it refuses the batch one rather than mix
            assertThrows(CheckpointMismatchException.class, () -> s.runFrom(other, MethodSpec.of("ewc", 100),
                    new RunControl(), e -> { }));
            // and back: the same estimator as the original gives the original's Fisher bit for bit
            TaskCheckpoint back = s.withFisher(other, PRESET.fisher(), e -> { });
            assertEquals(PRESET.fisher().variant(), back.fisherVariant());
            assertArrayEquals(TestAccess.fisher(checkpoint, 0).get("fc1.weight"),
                    TestAccess.fisher(back, 0).get("fc1.weight"));
            RunResult r = s.runFrom(back, MethodSpec.of("ewc", 100), new RunControl(), e -> { });
            assertEquals(PRESET.fisher().variant(), r.fisher());
        }
    }

    @Test
    void aCheckpointFromBeforeIdentityStillLoadsAndSaysWhatItCannotCheck(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("new.ewcckpt");
        checkpoint.save(file);
        Path old = dir.resolve("old.ewcckpt");
        rewriteAsFormat1(file, old);
        TaskCheckpoint loaded = TaskCheckpoint.load(old);
        assertTrue(loaded.taskIdentities().isEmpty());
        assertEquals(null, loaded.modelSpec());
        try (ExperimentSession s = ExperimentSession.open(PRESET, Synthetic.tasks())) {
            CheckpointComparison c = s.compare(loaded);
            assertTrue(c.usable());
            assertEquals(List.of(Aspect.UNKNOWN, Aspect.UNKNOWN), c.differences().stream()
                    .map(CheckpointComparison.Difference::aspect).toList());
            assertTrue(c.message().startsWith("the checkpoint does not record which data task A was (it was saved by"
                    + " an older EWC Lab): it cannot be checked against this lesson's 'a' (400 training samples,"
                    + " hash "), c.message());
            RunResult r = s.runFrom(loaded, MethodSpec.of("ewc", 100), new RunControl(), e -> { });
            assertEquals(2, r.rows());
        }
        // an old file of another network is still refused by its tensor shapes, in words
        ExperimentPreset wider = PRESET.withModel(new ModelSpec("mlp", List.of(64), "relu", false, false, null))
                .validated();
        try (ExperimentSession s = ExperimentSession.open(wider, Synthetic.tasks())) {
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> s.loadCheckpoint(old));
            assertTrue(e.getMessage().endsWith("model: checkpoint is an MLP with 20 inputs, hidden layers [32], 4"
                    + " outputs, lesson is an MLP with 20 inputs, hidden layers [64], 4 outputs"), e.getMessage());
        }
    }

    /** The file as format 1 wrote it: no identity section. */
    private static void rewriteAsFormat1(Path from, Path to) throws Exception {
        byte[] json = null;
        byte[] bin = null;
        try (InputStream in = Files.newInputStream(from); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                zip.transferTo(b);
                if (e.getName().equals("checkpoint.json")) {
                    json = b.toByteArray();
                } else {
                    bin = b.toByteArray();
                }
            }
        }
        JsonObject meta = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        meta.remove("identity");
        meta.addProperty("format", 1);
        try (OutputStream out = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            zip.write(meta.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("tensors.bin"));
            zip.write(bin);
            zip.closeEntry();
        }
    }
}
