package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.junit.jupiter.api.Test;

/**
 * The Fisher's samples and the live curves' held-out samples are seeded stratified draws, not the first rows: a copy
 * of the bundled data sorted by class (as image folders and many CSV files are) gives the default lesson's figures
 * within sampling noise.
 */
class RandomSubsetsTest {

    /** The same samples, sorted by label (stable), as an image folder would list them. */
    static Dataset sortedByLabel(Dataset d) {
        Integer[] idx = new Integer[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Integer.compare(d.label(a), d.label(b)));
        return d.select(Arrays.stream(idx).mapToInt(Integer::intValue).toArray(), d.name());
    }

    static TaskData sortedByLabel(TaskData t) {
        return new TaskData(t.name(), sortedByLabel(t.train()), sortedByLabel(t.test()));
    }

    /** The default lesson, one epoch per task, so that the test stays fast; the Fisher as the lesson has it. */
    private static ExperimentPreset lesson() throws Exception {
        ExperimentPreset p = ExperimentPreset.read(Path.of("examples", "mnist-fashion.json"));
        TrainingSpec t = p.training();
        return p.withTraining(new TrainingSpec(1, t.batchSize(), t.evalEvery(), t.evalSamples(), t.batchNormStats(),
                t.threads())).withMethods(List.of(MethodSpec.of("ewc", 1e5))).validated();
    }

    /** mean over all entries of log10(F + 1e-12), over the parameters task A's Fisher covers. */
    static double meanLogF(NamedTensors f) {
        double s = 0;
        long n = 0;
        for (String name : f.names()) {
            for (float v : f.get(name)) {
                s += Math.log10(v + 1e-12);
                n++;
            }
        }
        return s / n;
    }

    static double meanF(NamedTensors f) {
        double s = 0;
        long n = 0;
        for (String name : f.names()) {
            for (float v : f.get(name)) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    /** After-A accuracy, task A's Fisher statistics and EWC's MNIST accuracy after Fashion. */
    private static Map<String, Double> figures(ExperimentPreset preset, List<TaskData> tasks) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            out.put("afterA", cp.accuracy()[0][0]);
            out.put("meanLogF", meanLogF(TestAccess.fisher(cp, 0)));
            out.put("meanF", meanF(TestAccess.fisher(cp, 0)));
            RunResult ewc = s.runFrom(cp, MethodSpec.of("ewc", 1e5), new RunControl(), e -> { });
            out.put("ewcA", ewc.accuracy(1, 0));
            out.put("ewcB", ewc.accuracy(1, 1));
        }
        return out;
    }

    /** 4 standard errors of the difference of two independent accuracies near p on n and m samples. */
    static double fourSigma(double p, int n, int m) {
        return 4 * Math.sqrt(p * (1 - p) * (1.0 / n + 1.0 / m));
    }

    @Test
    void aClassSortedCopyOfTheBundledDataGivesTheSameLessonFigures() throws Exception {
        ExperimentPreset preset = lesson();
        TaskData mnist = TestData.bundled("mnist");
        TaskData fashion = TestData.bundled("fashion");
        TaskData sortedMnist = sortedByLabel(mnist);
        assertEquals(0, sortedMnist.train().label(0));
        assertEquals(9, sortedMnist.train().label(sortedMnist.train().size() - 1));
        Map<String, Double> shuffled = figures(preset, List.of(mnist, fashion));
        Map<String, Double> sorted = figures(preset, List.of(sortedMnist, sortedByLabel(fashion)));
        System.out.printf(Locale.ROOT, "bundled (shuffled): %s%nclass-sorted copy:  %s%n", shuffled, sorted);
        int nTest = mnist.test().size();
        double a = shuffled.get("afterA");
        // training order differs (the same seeded permutation of other rows), so allow training noise on top of
        // the test-set binomial noise: 4σ of two independent measurements on 2000 samples
        assertEquals(a, sorted.get("afterA"), fourSigma(a, nTest, nTest), "after-A accuracy");
        assertEquals(shuffled.get("meanLogF"), sorted.get("meanLogF"), 0.15, "mean log10 F");
        assertEquals(1, sorted.get("meanF") / shuffled.get("meanF"), 0.25, "mean F ratio");
        assertEquals(shuffled.get("ewcA"), sorted.get("ewcA"), fourSigma(shuffled.get("ewcA"), nTest, nTest) + 0.02,
                "EWC: MNIST after Fashion");
    }

    @Test
    void theSameNetworksFisherOnTheSortedCopyMatchesAndTheFirstRowsWouldNot() throws Exception {
        ExperimentPreset preset = lesson();
        TaskData mnist = TestData.bundled("mnist");
        TaskData fashion = TestData.bundled("fashion");
        TaskData sortedMnist = sortedByLabel(mnist);
        try (ExperimentSession s = ExperimentSession.open(preset, List.of(mnist, fashion));
                ExperimentSession t = ExperimentSession.open(preset, List.of(sortedMnist, fashion))) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            // the same samples in another order are the same task A: the checkpoint fits the sorted lesson
            assertTrue(t.compare(cp).identical(), t.compare(cp).message());
            TaskCheckpoint onSorted = t.withFisher(cp, preset.fisher(), e -> { });
            double shuffledLog = meanLogF(TestAccess.fisher(cp, 0));
            double sortedLog = meanLogF(TestAccess.fisher(onSorted, 0));
            // the old rule: batches of consecutive rows of the sorted file (one class per batch)
            double firstRowsLog;
            double firstRowsMean;
            try (NDManager m = NDManager.newBaseManager()) {
                TaskArrays a = TaskArrays.of(sortedMnist);
                Network net = new Network(m, preset.model(), a.features(), a.height(), a.width(), new int[] {10, 10},
                        preset.seed(), cp.model());
                NamedTensors f = new FisherEstimator(preset.fisher(), preset.seed()).estimate(net, a, 0,
                        net.activeParameters(0), m, null);
                firstRowsLog = meanLogF(f);
                firstRowsMean = meanF(f);
            }
            System.out.printf(Locale.ROOT, "one network's Fisher (%s): bundled mean log10 F %.4f, mean F %.4g;"
                    + " sorted copy, random batches %.4f, %.4g; sorted copy, first rows in file order %.4f, %.4g%n",
                    preset.fisher().variant(), shuffledLog, meanF(TestAccess.fisher(cp, 0)), sortedLog,
                    meanF(TestAccess.fisher(onSorted, 0)), firstRowsLog, firstRowsMean);
            // a stratified draw depends only on each class's own order, which a stable sort by label keeps: the sorted
            // copy's batches hold the same samples, and its Fisher equals the bundled one up to rounding
            assertEquals(shuffledLog, sortedLog, 0.05);
            assertEquals(1, meanF(TestAccess.fisher(onSorted, 0)) / meanF(TestAccess.fisher(cp, 0)), 0.1);
            assertTrue(firstRowsMean / meanF(TestAccess.fisher(cp, 0)) > 1.5,
                    "class-pure batches inflate the batch Fisher (the test would catch the old rule)");
        }
    }

    @Test
    void theLastPointOfEachLiveCurveAgreesWithTheFullTestSetRow() throws Exception {
        ExperimentPreset preset = lesson();
        List<TaskData> tasks = List.of(sortedByLabel(TestData.bundled("mnist")),
                sortedByLabel(TestData.bundled("fashion")));
        List<LabEvent> events = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
            s.runExperiment(new RunControl(), events::add);
        }
        int n = preset.training().evalSamples();
        int checked = 0;
        Map<String, LabEvent.AccuracyPoint> lastPoint = new HashMap<>();
        for (LabEvent e : events) {
            if (e instanceof LabEvent.AccuracyPoint p) {
                lastPoint.put(p.runId(), p);
            } else if (e instanceof LabEvent.TaskFinished f) {
                LabEvent.AccuracyPoint p = lastPoint.get(f.runId());
                assertEquals(f.step(), p.step(), "the curve ends where the task ends");
                for (int j = 0; j < tasks.size(); j++) {
                    double full = f.accuracyRow()[j];
                    int size = tasks.get(j).test().size();
                    // a draw of n of N without replacement: σ² = p(1−p)/n·(N−n)/(N−1); stratifying only lowers it
                    double sigma = Math.sqrt(Math.max(full * (1 - full), 1.0 / n) / n * (size - n) / (size - 1.0));
                    assertEquals(full, p.accuracy()[j], 4 * sigma, f.runId() + " task " + j + " at step " + f.step());
                    checked++;
                }
            }
        }
        assertEquals(4, checked, "task A's row and the EWC run's row, two tasks each");
    }
}
