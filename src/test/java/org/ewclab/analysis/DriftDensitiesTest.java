package org.ewclab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The drift densities: area 1 at every drift scale, 0 on the grid, and agreement with closed-form densities. */
class DriftDensitiesTest {
    private static final double[] SDS = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1};

    static float[] normal(int n, double sd, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (sd * r.nextGaussian());
        }
        return v;
    }

    /** The old chart's algorithm (200 points, Silverman h, no floor) on a window set by a 100× wider population. */
    private static double oldArea(float[] narrow, float[] wide) {
        float[] abs = new float[wide.length];
        for (int i = 0; i < wide.length; i++) {
            abs[i] = Math.abs(wide[i]);
        }
        double span = Quantiles.of(abs, 0.995)[0];
        double h = Density.silverman(narrow);
        double sum = 0;
        double prev = 0;
        for (int g = 0; g < 200; g++) {
            double x = -span + 2 * span * g / 199;
            double y = 0;
            for (float v : narrow) {
                double u = (x - v) / h;
                y += Math.exp(-0.5 * u * u);
            }
            y /= narrow.length * h * Math.sqrt(2 * Math.PI);
            if (g > 0) {
                sum += 0.5 * (y + prev) * (2 * span / 199);
            }
            prev = y;
        }
        return sum;
    }

    @Test
    void theOldAlgorithmLostTheNarrowCurveWhichIsWhyTheFloorExists() {
        float[] narrow = normal(2_000, 1e-5, 1);
        float[] wide = normal(2_000, 1e-2, 2);
        assertTrue(oldArea(narrow, wide) < 0.5, "old area " + oldArea(narrow, wide));
        DriftDensities.View v = DriftDensities.signed(List.of(narrow, wide));
        assertEquals(1.0, v.curves().get(0).density().integral(), 0.02);
    }

    @Test
    void signedDensitiesIntegrateToOneForEveryDriftScale() {
        for (double sd : SDS) {
            float[] important = normal(9_000, sd, 11);
            float[] rest = normal(81_000, 100 * sd, 12);
            DriftDensities.View v = DriftDensities.signed(List.of(important, rest));
            for (int c = 0; c < 2; c++) {
                double area = v.curves().get(c).density().integral();
                assertEquals(1.0, area, 0.02, "sd " + sd + ", curve " + c + ": area " + area);
            }
            // each curve alone too (its own window, its own resolution)
            assertEquals(1.0, DriftDensities.signed(List.of(important)).curves().get(0).density().integral(), 0.02);
        }
    }

    @Test
    void magnitudeDensitiesIntegrateToOneForEveryDriftScale() {
        for (double sd : SDS) {
            float[] important = normal(9_000, sd, 21);
            float[] rest = normal(81_000, 100 * sd, 22);
            DriftDensities.View v = DriftDensities.log10Magnitude(List.of(important, rest));
            for (int c = 0; c < 2; c++) {
                double area = v.curves().get(c).density().integral();
                assertEquals(1.0, area, 0.02, "sd " + sd + ", curve " + c + ": area " + area);
            }
        }
    }

    @Test
    void theSignedGridHoldsZeroExactlyEvenForOneSidedDrift() {
        float[] positive = new float[500];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = 1e-3f + i * 1e-6f;
        }
        for (List<float[]> samples : List.of(List.of(normal(1_000, 3e-4, 5)), List.of(positive),
                List.of(new float[] {0f, 0f, 0f}))) {
            DriftDensities.View v = DriftDensities.signed(samples);
            double[] x = v.curves().get(0).density().x();
            assertEquals(DriftDensities.GRID_POINTS, x.length);
            assertEquals(0.0, x[x.length / 2], 0.0, "the middle grid point is 0 exactly");
            assertEquals(-x[0], x[x.length - 1], 0.0, "symmetric");
            assertEquals(1.0, v.curves().get(0).density().integral(), 0.02);
        }
    }

    @Test
    void aKdeOfANormalSampleMatchesTheNormalPdf() {
        // The KDE's expectation is the sample's pdf convolved with the kernel: N(μ, σ² + h²).
        double mu = 0.3;
        double sigma = 0.1;
        Random r = new Random(7);
        float[] v = new float[50_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mu + sigma * r.nextGaussian());
        }
        Density d = Density.gaussian(v, 401);
        double s = Math.sqrt(sigma * sigma + d.bandwidth() * d.bandwidth());
        for (double at : new double[] {0.15, 0.3, 0.42}) {
            int g = (int) Math.round((at - d.x()[0]) / d.spacing());
            double expected = Math.exp(-0.5 * Math.pow((d.x()[g] - mu) / s, 2)) / (s * Math.sqrt(2 * Math.PI));
            assertEquals(expected, d.density()[g], 0.03 * expected, "at x = " + d.x()[g]);
        }
        assertEquals(1.0, d.integral(), 0.005);
    }

    @Test
    void theMagnitudeDensityMatchesTheDensityOfLog10AbsOfANormal() {
        // X ~ N(0, σ²), U = log10|X|: p(u) = 2·ln10·10^u·φ(10^u/σ)/σ, peaking at u = log10 σ.
        double sigma = 1e-4;
        float[] v = normal(200_000, sigma, 9);
        DriftDensities.View view = DriftDensities.log10Magnitude(List.of(v));
        Density d = view.curves().get(0).density();
        for (double at : new double[] {-4.6, -4.0, -3.8}) {
            int g = (int) Math.round((at - d.x()[0]) / d.spacing());
            double z = Math.pow(10, d.x()[g]) / sigma;
            double expected = 2 * Math.log(10) * z * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            assertEquals(expected, d.density()[g], 0.05 * expected + 0.01, "at u = " + d.x()[g]);
        }
    }

    @Test
    void exactZerosAreCountedNotDrawnInTheMagnitudeView() {
        float[] v = normal(1_000, 1e-3, 3);
        for (int i = 0; i < 250; i++) {
            v[i] = 0f;
        }
        DriftDensities.View view = DriftDensities.log10Magnitude(List.of(v, new float[] {0f, 0f}));
        DriftDensities.Curve moved = view.curves().get(0);
        assertEquals(1_000, moved.count());
        assertEquals(250, moved.zeros());
        assertEquals(1.0, moved.density().integral(), 0.02, "the density of the 750 weights that moved");
        DriftDensities.Curve frozen = view.curves().get(1);
        assertEquals(2, frozen.zeros());
        assertNull(frozen.density(), "nothing moved: nothing to draw");
    }

    @Test
    void theWindowHoldsAtLeastTheQuantileOfEveryCurve() {
        float[] heavy = normal(10_000, 1e-3, 4);
        for (int i = 0; i < 30; i++) {
            heavy[i] = 0.5f; // 0.3% far outliers
        }
        DriftDensities.View v = DriftDensities.signed(List.of(heavy));
        DriftDensities.Curve c = v.curves().get(0);
        assertTrue(c.beyond() <= 0.005 * c.count(), c.beyond() + " beyond");
        assertTrue(v.hi() < 0.5, "a handful of outliers does not set the window: " + v.hi());
        assertEquals(1.0 - 30 / 10_000.0, c.density().integral(), 0.01, "the outliers' mass is outside, not rescaled");
    }
}
