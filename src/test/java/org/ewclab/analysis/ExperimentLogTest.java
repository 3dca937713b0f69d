package org.ewclab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.ewclab.engine.LabEvent;
import org.junit.jupiter.api.Test;

class ExperimentLogTest {
    private static LabEvent.RunStarted started(String id, String method, double lambda) {
        String key = method.equals("first-task") ? "first-task" : method;
        return new LabEvent.RunStarted(id, method, lambda, key, 0, List.of("a", "b"), 0, 10, "CPU", "1");
    }

    @Test
    void aNewRunOfAMethodReplacesItsOldCurveInTheLessonLog() {
        ExperimentLog log = new ExperimentLog();
        log.accept(started("first", "first-task", 0));
        log.accept(started("run-1", "ewc", 10));
        log.accept(new LabEvent.RunFinished("run-1", null));
        log.accept(started("run-2", "ewc", 100));
        log.accept(started("run-3", "plain", 0));
        assertEquals(List.of("first", "run-2", "run-3"), log.snapshot().runs().stream()
                .map(ExperimentLog.RunTrace::runId).toList());
    }

    @Test
    void aSweepLogKeepsEveryRun() {
        ExperimentLog log = ExperimentLog.keepingEveryRun();
        log.accept(started("run-1", "ewc", 10));
        log.accept(started("run-2", "ewc", 100));
        assertEquals(2, log.snapshot().methodRuns().size());
    }

    @Test
    void stepsAndAccuracyAccumulateAndTheVersionMoves() {
        ExperimentLog log = new ExperimentLog();
        long v0 = log.version();
        log.accept(started("first", "first-task", 0));
        log.accept(new LabEvent.StepMetrics("first", 0, 1, 2.0, 0.0, 0));
        log.accept(new LabEvent.StepMetrics("first", 0, 2, 1.5, 0.0, 0));
        log.accept(new LabEvent.AccuracyPoint("first", 0, 2, new float[] {0.5f, 0.1f}));
        assertNotEquals(v0, log.version());
        ExperimentLog.RunTrace t = log.snapshot().firstTask();
        assertArrayEquals(new long[] {1, 2}, t.lossSteps());
        assertArrayEquals(new float[] {2f, 1.5f}, t.crossEntropy());
        assertArrayEquals(new float[] {0.5f, 0.1f}, t.latestAccuracy());
        assertEquals("task A", t.label());
    }

    @Test
    void shortNumbersReadLikePeopleWriteThem() {
        assertEquals("3.2e4", ExperimentLog.shortNumber(31_623));
    }

    @Test
    void powersOfTenReadAsExponents() {
        assertEquals("1e5", ExperimentLog.shortNumber(1e5));
        assertEquals("1e-2", ExperimentLog.shortNumber(0.01));
        assertEquals("1", ExperimentLog.shortNumber(1));
        assertEquals("100", ExperimentLog.shortNumber(100));
        assertEquals("0", ExperimentLog.shortNumber(0));
        assertEquals("1e4", ExperimentLog.shortNumber(1e4));
    }

    @Test
    void otherValuesKeepTwoOrThreeSignificantDigits() {
        assertEquals("3.2e4", ExperimentLog.shortNumber(32000));
        assertEquals("2.5", ExperimentLog.shortNumber(2.5));
        assertEquals("316", ExperimentLog.shortNumber(316.2));
        assertEquals("2500", ExperimentLog.shortNumber(2500));
        assertEquals("0.25", ExperimentLog.shortNumber(0.25));
        assertEquals("5e-3", ExperimentLog.shortNumber(0.005));
        assertEquals("1e5", ExperimentLog.shortNumber(99_999.9), "rounding up to the next power of ten");
    }
}
