package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs of one method and λ that differ in their knobs ("+ distill 0.5") are summarised apart, never averaged. */
class SeedSummaryVariantTest {

    private static RunResult run(long seed, String variant, double accA) {
        double[][] acc = {{0.9, 0.1}, {accA, 0.8}};
        return new RunResult("r" + seed + variant, "ewc", 1e5, 1e5, "argmax/batch", acc, AccuracyMatrix.average(acc),
                AccuracyMatrix.forgetting(acc), AccuracyMatrix.bwt(acc), 1, false, false, null, false, seed, variant);
    }

    @Test
    void knobsSeparateTheGroups() {
        List<SeedSummary> s = SeedSummary.of(List.of(run(0, "", 0.90), run(1, "", 0.80),
                run(0, "+ distill 0.5", 0.70), run(1, "+ distill 0.5", 0.60)));
        assertEquals(2, s.size());
        assertEquals("", s.get(0).variant());
        assertEquals("+ distill 0.5", s.get(1).variant());
        // by hand: plain EWC mean (0.90 + 0.80) / 2 = 0.85, SE = sd/√2 = 0.0707…/1.414… = 0.05
        assertEquals(0.85, s.get(0).accuracy()[1][0].mean(), 1e-9);
        assertEquals(0.05, s.get(0).accuracy()[1][0].se(), 1e-9);
        assertEquals(0.65, s.get(1).accuracy()[1][0].mean(), 1e-9);
        assertEquals(List.of(0L, 1L), s.get(1).seeds());
    }
}
