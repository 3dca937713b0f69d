package org.ewclab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spearman's ρ against values worked by hand, ties included. */
class SpearmanTest {

    @Test
    void tiesShareTheMeanOfTheirRanks() {
        // a = 1, 2, 2, 3, 5 → ranks 1, 2.5, 2.5, 4, 5; b = 2, 1, 4, 4, 4 → ranks 2, 1, 4, 4, 4
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 5}, Spearman.ranks(new float[] {1, 2, 2, 3, 5}), 0);
        assertArrayEquals(new double[] {2, 1, 4, 4, 4}, Spearman.ranks(new float[] {2, 1, 4, 4, 4}), 0);
        // deviations from the mean rank 3: (−2, −.5, −.5, 1, 2) and (−1, −2, 1, 1, 1):
        // Σdxdy = 2 + 1 − .5 + 1 + 2 = 5.5, Σdx² = 9.5, Σdy² = 8 → ρ = 5.5 / √76 ≈ 0.6309
        double rho = Spearman.rho(new float[] {1, 2, 2, 3, 5}, new float[] {2, 1, 4, 4, 4});
        assertEquals(5.5 / Math.sqrt(76), rho, 1e-12);
        // ranking ties in order of appearance instead (1..5 and 2, 1, 3, 4, 5) would give 0.9
        assertTrue(Math.abs(rho - 0.9) > 0.2);
    }

    @Test
    void negativeValuesRankBelowZeroAndRanksMatchCountingByHand() {
        assertArrayEquals(new double[] {1, 4, 2, 3}, Spearman.ranks(new float[] {-2f, 3f, -0.5f, 0f}), 0);
        // rank = 1 + (number smaller) + (number of others equal) / 2, counted pair by pair
        java.util.Random r = new java.util.Random(5);
        float[] v = new float[500];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(40) - 20 + (r.nextBoolean() ? 0 : 0.25f);
        }
        double[] ranks = Spearman.ranks(v);
        for (int i = 0; i < v.length; i++) {
            int smaller = 0;
            int equal = 0;
            for (int j = 0; j < v.length; j++) {
                smaller += v[j] < v[i] ? 1 : 0;
                equal += j != i && v[j] == v[i] ? 1 : 0;
            }
            assertEquals(1 + smaller + equal / 2.0, ranks[i], 1e-12, "value " + v[i]);
        }
    }

    @Test
    void dependsOnlyOnOrder() {
        float[] a = {0.3f, 0.01f, 12f, 0f, 4f};
        float[] cube = new float[a.length];
        float[] reversed = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            cube[i] = a[i] * a[i] * a[i] + 1;
            reversed[i] = -a[i];
        }
        assertEquals(1.0, Spearman.rho(a, cube), 1e-12);
        assertEquals(-1.0, Spearman.rho(a, reversed), 1e-12);
        assertEquals(Spearman.rho(a, cube), Spearman.ofRanks(Spearman.ranks(a), Spearman.ranks(cube)), 0);
    }

    @Test
    void aConstantSampleHasNoCorrelationAndUnpairedSamplesAreRefused() {
        assertTrue(Double.isNaN(Spearman.rho(new float[] {0, 0, 0}, new float[] {1, 2, 3})));
        assertTrue(Double.isNaN(Spearman.rho(new float[] {1}, new float[] {2})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spearman.rho(new float[] {1, 2}, new float[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("2 and 3"), e.getMessage());
    }
}
