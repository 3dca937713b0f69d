package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.LabEvent;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.Test;

/**
 * The penalty's value is computed every few steps (NaN between, RunControl.penaltyEvery): the loss chart's dashed
 * penalty line joins the sampled points only, while the cross-entropy keeps every step.
 */
class SampledPenaltyChartTest {
    @Test
    void thePenaltyLineHasTheSampledStepsAndTheCrossEntropyLineHasThemAll() {
        ExperimentLog log = new ExperimentLog();
        log.accept(new LabEvent.RunStarted("run-1", "ewc", 100, "ewc", 0, List.of("a", "b"), 10, 30, "CPU", "1"));
        for (int s = 10; s < 30; s++) {
            double penalty = (s - 10) % 5 == 0 ? 0.1 * (s - 9) : Double.NaN;
            log.accept(new LabEvent.StepMetrics("run-1", 1, s, 1.0 / s, penalty, 100));
        }
        Plot plot = LabCharts.loss(log.snapshot());
        Series.Line ce = line(plot, Texts.get("chart.series.crossEntropy"));
        Series.Line pen = line(plot, Texts.get("chart.series.penalty"));
        assertEquals(20, ce.x().size());
        assertEquals(4, pen.x().size(), "steps 10, 15, 20, 25");
        float[] xs = {10, 15, 20, 25};
        float[] ys = {0.1f, 0.6f, 1.1f, 1.6f};
        for (int i = 0; i < 4; i++) {
            assertEquals(xs[i], pen.x().get(i), 0f);
            assertEquals(ys[i], pen.y().get(i), 1e-6f);
        }
    }

    private static Series.Line line(Plot plot, String suffix) {
        return plot.series().stream().filter(s -> s instanceof Series.Line && s.name().endsWith(suffix))
                .map(s -> (Series.Line) s).findFirst().orElseThrow(() -> new AssertionError("no " + suffix));
    }
}
