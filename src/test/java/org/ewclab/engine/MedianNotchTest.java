package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bench's band for a median: median ± 1.58·IQR/√n with type-7 quartiles, against values worked out by hand. */
class MedianNotchTest {
    @Test
    void eightValuesGiveTheHandComputedNotch() {
        // sorted 1..8: Q1 at 1 + 0.25·7 = 2.75th value = 2.75, Q3 at 6.25th = 6.25, IQR 3.5, median 4.5;
        // half-width 1.58 · 3.5 / √8 = 1.955122...
        double[] band = Benchmark.medianNotch(new double[] {8, 3, 1, 6, 2, 7, 5, 4});
        assertEquals(4.5 - 1.58 * 3.5 / Math.sqrt(8), band[0], 1e-12);
        assertEquals(4.5 + 1.58 * 3.5 / Math.sqrt(8), band[1], 1e-12);
    }

    @Test
    void identicalRoundsGiveABandOfNoWidthAndOneRoundItsValue() {
        double[] same = Benchmark.medianNotch(new double[] {1.07, 1.07, 1.07});
        assertEquals(1.07, same[0], 0);
        assertEquals(1.07, same[1], 0);
        double[] one = Benchmark.medianNotch(new double[] {1.2});
        assertEquals(1.2, one[0], 0);
        assertEquals(1.2, one[1], 0);
    }
}
