package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.data.TaskLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled toy lesson (moons, then circles) publishes its decision regions after task A and after each run. */
class DecisionRegionsTest {
    private static ExperimentPreset preset;
    private static TaskCheckpoint checkpoint;
    private static final List<LabEvent.DecisionRegions> events = new ArrayList<>();
    private static final ExperimentLog log = new ExperimentLog();
    private static LabEvent.DecisionRegions afterA;
    private static LabEvent.DecisionRegions plain;
    private static LabEvent.DecisionRegions ewc;

    @BeforeAll
    static void runTheToyLesson() throws Exception {
        Path dir = Path.of("examples");
        preset = ExperimentPreset.read(dir.resolve("toy-2d.json"));
        try (ExperimentSession s = ExperimentSession.open(preset, spec -> {
            try {
                return TaskLoader.load(spec, dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })) {
            java.util.function.Consumer<LabEvent> listener = e -> {
                log.accept(e);
                if (e instanceof LabEvent.DecisionRegions d) {
                    events.add(d);
                }
            };
            checkpoint = s.trainFirstTask(new RunControl(), listener);
            afterA = events.get(events.size() - 1);
            s.runFrom(checkpoint, ExperimentPreset.MethodSpec.of("plain", 0), new RunControl(), listener);
            plain = events.get(events.size() - 1);
            s.runFrom(checkpoint, ExperimentPreset.MethodSpec.of("ewc", 5000), new RunControl(), listener);
            ewc = events.get(events.size() - 1);
        }
    }

    @Test
    void oneGridAfterTaskAAndOneAfterTaskBOfEachRun() {
        assertEquals(3, events.size());
        assertEquals(0, afterA.task());
        assertEquals(1, plain.task());
        assertEquals(1, ewc.task());
        assertEquals(RegionGrid.SIZE * RegionGrid.SIZE, afterA.predicted().length);
        assertEquals(2, afterA.classes());
        assertEquals(List.of("moons", "circles"), afterA.points().stream().map(LabEvent.TaskPoints::taskName)
                .toList());
        assertEquals(500, afterA.points().get(0).labels().length, "every test point of task A");
        // the log keeps each run's latest grid
        ExperimentLog.Snapshot snap = log.snapshot();
        assertEquals(snap.firstTask().runId(), afterA.runId());
        assertTrue(snap.firstTask().regions() == afterA);
        assertTrue(snap.methodRuns().get(0).regions() == plain);
        assertTrue(snap.methodRuns().get(1).regions() == ewc);
    }

    /** Independent route: the checkpoint's network, rebuilt and asked one point at a time. */
    @Test
    void theGridsClassAtAPointIsTheNetworksPredictionForThatPoint() {
        int classes = 2;
        int[] counts = new int[classes];
        try (NDManager root = NDManager.newBaseManager();
                Network net = new Network(root, preset.model(), 2, 1, 2, new int[] {2, 2}, preset.seed(),
                        checkpoint.model())) {
            for (int row = 0; row < afterA.rows(); row++) {
                try (NDManager m = root.newSubManager()) {
                    for (int col = 0; col < afterA.columns(); col++) {
                        float[] point = {(float) afterA.cellX(col), (float) afterA.cellY(row)};
                        float[] logits = net.forward(Tensors.upload(m, point, new Shape(1, 2)), 0, false)
                                .toFloatArray();
                        int expected = logits[1] > logits[0] ? 1 : 0;
                        assertEquals(expected, afterA.classAt(row, col), "cell row " + row + " column " + col
                                + " at (" + point[0] + ", " + point[1] + ")");
                        counts[expected]++;
                    }
                }
            }
        }
        assertTrue(counts[0] > 500 && counts[1] > 500, "both classes own a region: " + counts[0] + "/" + counts[1]);
    }

    @Test
    void theGridCoversEveryTasksDataPaddedByATenth() {
        double xLo = Double.MAX_VALUE;
        double xHi = -Double.MAX_VALUE;
        for (LabEvent.TaskPoints p : afterA.points()) {
            for (float x : p.x()) {
                xLo = Math.min(xLo, x);
                xHi = Math.max(xHi, x);
            }
        }
        assertTrue(afterA.xLo() < xLo && afterA.xHi() > xHi, "test points inside the grid");
        // by hand: points at x ∈ [0, 10], y ∈ [−1, 1] give [−1, 11] × [−1.2, 1.2]
        TaskArrays t = new TaskArrays("t", new float[] {0, -1, 10, 1}, new int[] {0, 1}, new float[] {5, 0},
                new int[] {0}, 2, 2, 1, 2);
        assertArrayEquals(new double[] {-1, 11, -1.2, 1.2}, RegionGrid.range(List.of(t)), 1e-9);
        assertTrue(RegionGrid.applies(List.of(t)));
        TaskArrays image = new TaskArrays("img", new float[4], new int[] {0}, new float[4], new int[] {0}, 4, 2, 2, 2);
        assertFalse(RegionGrid.applies(List.of(image)), "an image lesson has no regions");
    }

    @Test
    void ewcKeepsMoreOfTaskAsRegionsThanPlainTraining() {
        int n = afterA.predicted().length;
        int plainVsEwc = 0;
        int plainKept = 0;
        int ewcKept = 0;
        for (int i = 0; i < n; i++) {
            plainVsEwc += plain.predicted()[i] != ewc.predicted()[i] ? 1 : 0;
            plainKept += plain.predicted()[i] == afterA.predicted()[i] ? 1 : 0;
            ewcKept += ewc.predicted()[i] == afterA.predicted()[i] ? 1 : 0;
        }
        assertTrue(plainVsEwc > n / 10, "plain and EWC end with different regions: " + plainVsEwc + " of " + n);
        assertTrue(ewcKept > plainKept, "EWC keeps more of task A's regions: " + ewcKept + " vs plain " + plainKept);
        assertNotNull(ewc.points());
    }
}
