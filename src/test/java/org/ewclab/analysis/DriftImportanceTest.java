package org.ewclab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift-against-importance binning, checked against counts worked out by hand. */
class DriftImportanceTest {
    // x: log10 F over [−2, 0] in quarter decades (8 columns); y: log10 |drift| over [−4, −2] (8 rows)
    private static final DriftImportance.Grid GRID = new DriftImportance.Grid(-2, 8, -4, 8, 4);

    @Test
    void handPlacedWeightsLandInTheirCells() {
        float[] f = {0.01f, 0.5f, 0.5f, 1f, 0f, 1e-3f, 0.1f, 0.012f};
        float[] d = {1e-4f, -0.002f, 0.002f, 0.005f, 0.003f, 0.003f, 0f, 0.00011f};
        DriftImportance h = DriftImportance.bin(f, d, GRID);
        // F = 0.01: log −2 → column 0; drift 1e-4: log −4 → row 0 (lower edges belong to their bin)
        // F = 0.012: log −1.92 → (0.079·4) column 0; drift 1.1e-4: log −3.96 → row 0
        assertEquals(2, h.count(0, 0));
        // F = 0.5: log −0.301 → (1.699·4 = 6.80) column 6; |drift| 0.002: log −2.699 → (1.301·4 = 5.20) row 5
        assertEquals(2, h.count(5, 6), "the sign of the drift does not matter");
        // F = 1: log 0, the grid's top edge → last column 7; drift 0.005: log −2.301 → 6.80 → row 6
        assertEquals(1, h.count(6, 7));
        assertEquals(5, h.placed());
        assertEquals(2, h.lowFisher(), "F = 0 and F = 1e-3 (below the grid)");
        assertEquals(1, h.zeroDrift(), "F = 0.1 did not move");
        int total = 0;
        for (int c : h.counts()) {
            total += c;
        }
        assertEquals(5, total, "nothing else in any cell");
        assertEquals(2, h.maxCount());
    }

    @Test
    void aWeightOutsideTheGridIsAnErrorNotAClampedCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriftImportance.bin(new float[] {0.1f}, new float[] {0.5f}, GRID));
        assertTrue(e.getMessage().contains("outside the grid"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DriftImportance.bin(new float[] {0.1f, 0.2f}, new float[] {0.5f}, GRID));
    }

    @Test
    void mediansArePerColumnAndNeedFiveWeights() {
        // five weights in column 4 (F = 0.1, log −1) with drifts 1e-4 … 1e-2 → median log10 = −3 (the middle one)
        float[] f = {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.9f};
        float[] d = {1e-4f, 1e-3f, 1e-2f, 3e-4f, 3e-3f, 1e-3f};
        DriftImportance h = DriftImportance.bin(f, d, new DriftImportance.Grid(-2, 8, -4, 8, 4));
        assertEquals(-3, h.medians()[4], 1e-6);
        assertTrue(Double.isNaN(h.medians()[7]), "one weight is no median");
    }

    @Test
    void theGridIsDecadeAlignedAndStartsAtTheLowFisherQuantile() {
        int n = 1_000;
        float[] f = new float[n + 1];
        float[] d = new float[n + 1];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (0.003 + 0.397 * i / (n - 1)); // 0.003 … 0.4
            d[i] = (float) (2e-5 + 0.03 * i / (n - 1)); // 2e-5 … 0.03
        }
        f[n] = 1e-30f; // one weight of vanishing importance
        d[n] = 1e-3f;
        DriftImportance.Grid g = DriftImportance.Grid.covering(List.<float[][]>of(new float[][] {f, d}));
        // F: from floor(log10 0.003) = −3, four bins a decade, up to the bin of log10 0.4 = −0.40: [−0.5, −0.25)
        assertEquals(-3, g.xLo(), 0);
        assertEquals(11, g.columns());
        // drift: from floor(log10 2e-5) = −5 up to the bin of log10 0.03 = −1.52: [−1.75, −1.5)
        assertEquals(-5, g.yLo(), 0);
        assertEquals(14, g.rows());
        DriftImportance h = DriftImportance.bin(f, d, g);
        assertEquals(1, h.lowFisher(), "the 1e-30 weight is counted, not placed");
        assertEquals(n, h.placed());
    }

    @Test
    void wideRangesUseFewerBinsPerDecade() {
        float[] f = new float[2_001];
        float[] d = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.pow(10, -20 + 20.0 * i / (f.length - 1)); // 1e-20 … 1, log-uniform
            d[i] = 1e-3f;
        }
        DriftImportance.Grid g = DriftImportance.Grid.covering(List.<float[][]>of(new float[][] {f, d}));
        assertEquals(2, g.perDecade(), "20 decades × 4 + 1 = 81 > 64 bins; × 2 + 1 = 41");
        assertEquals(-20, g.xLo(), 0);
        assertEquals(41, g.columns(), "−20 … 0.5: the top value 10^0 opens the last bin [0, 0.5)");
        assertEquals(-3, g.yLo(), 0);
        assertEquals(1, g.rows(), "a single drift value gets one bin");
        DriftImportance h = DriftImportance.bin(f, d, g);
        assertEquals(f.length, h.placed(), "the grid starts at the decade of the 0.1% quantile: it holds the lowest");
        assertEquals(0, h.lowFisher());
    }
}
