package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Average accuracy, forgetting and BWT against matrices worked by hand. */
class AccuracyMatrixTest {

    @Test
    void threeTasksByHand() {
        double[][] r = {{0.9, 0.1, 0.2}, {0.5, 0.8, 0.3}, {0.6, 0.4, 0.7}};
        // last row mean: (0.6 + 0.4 + 0.7) / 3
        assertEquals(1.7 / 3, AccuracyMatrix.average(r), 1e-12);
        // task 0: best before the end max(0.9, 0.5) − 0.6 = 0.3; task 1: 0.8 − 0.4 = 0.4 → 0.35
        assertEquals(0.35, AccuracyMatrix.forgetting(r), 1e-12);
        // (0.6 − 0.9 + 0.4 − 0.8) / 2
        assertEquals(-0.35, AccuracyMatrix.bwt(r), 1e-12);
    }

    @Test
    void forgettingUsesTheBestEarlierAccuracyAndBwtTheOneRightAfterTraining() {
        // task 0 got better while task 1 trained (0.95 > 0.9): forgetting measures from 0.95, BWT from 0.9
        double[][] r = {{0.9, 0.1, 0.2}, {0.95, 0.8, 0.3}, {0.6, 0.4, 0.7}};
        assertEquals((0.35 + 0.4) / 2, AccuracyMatrix.forgetting(r), 1e-12);
        assertEquals((-0.3 - 0.4) / 2, AccuracyMatrix.bwt(r), 1e-12);
        // positive backward transfer: an earlier task improved
        double[][] better = {{0.7, 0.2}, {0.8, 0.9}};
        assertEquals(0.1, AccuracyMatrix.bwt(better), 1e-12);
        assertEquals(-0.1, AccuracyMatrix.forgetting(better), 1e-12);
        assertEquals(0.85, AccuracyMatrix.average(better), 1e-12);
    }

    @Test
    void aSingleRowHasNoForgettingAndADivergedRowHasNoFigures() {
        double[][] one = {{0.97, 0.1}};
        assertEquals(0.97, AccuracyMatrix.average(one), 1e-12);
        assertEquals(0, AccuracyMatrix.forgetting(one));
        assertEquals(0, AccuracyMatrix.bwt(one));
        double[][] diverged = {{0.97, 0.1}, {Double.NaN, Double.NaN}};
        assertTrue(Double.isNaN(AccuracyMatrix.average(diverged)));
        assertTrue(Double.isNaN(AccuracyMatrix.forgetting(diverged)));
        assertTrue(Double.isNaN(AccuracyMatrix.bwt(diverged)));
    }
}
