package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.LabEvent;
import org.junit.jupiter.api.Test;

/** Joint training is drawn as a reference: near-black and half as thick as a contender, in every task's dash. */
class JointReferenceTest {
    @Test
    void jointsAccuracyLinesAreThinNearBlackReferences() {
        ExperimentLog log = new ExperimentLog();
        for (String[] run : new String[][] {{"run-1", "replay"}, {"run-2", "joint"}}) {
            log.accept(new LabEvent.RunStarted(run[0], run[1], 0, run[1], 1, List.of("a", "b"), 10, 10, "CPU",
                    "intra-op 1, inter-op 1"));
            log.accept(new LabEvent.AccuracyPoint(run[0], 1, 12, new float[] {0.9f, 0.5f}));
            log.accept(new LabEvent.AccuracyPoint(run[0], 1, 20, new float[] {0.8f, 0.9f}));
        }
        List<Series> series = LabCharts.accuracy(log.snapshot()).series();
        assertEquals(4, series.size());
        Series replayA = series.get(0);
        Series jointA = series.get(2);
        Series jointB = series.get(3);
        assertEquals(MethodColors.REPLAY, replayA.style().color());
        assertEquals(MethodColors.JOINT, jointA.style().color());
        assertEquals(replayA.style().width() / 2, jointA.style().width(), 1e-9);
        assertEquals(Series.Dash.DASHED, jointB.style().dash(), "task B is still dashed");
    }
}
