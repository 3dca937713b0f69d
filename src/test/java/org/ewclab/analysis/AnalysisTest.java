package org.ewclab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    @Test
    void log10HistogramPutsEachDecadeInItsBin() {
        float[] values = {1e-6f, 3e-5f, 3e-4f, 2e-4f, 1e-3f};
        Histogram h = Histogram.ofLog10(values, 0, 3);
        // range −6..−3 in 3 bins of width 1: [−6,−5) [−5,−4) [−4,−3]
        assertArrayEquals(new long[] {1, 1, 3}, h.counts());
        assertEquals(-6, h.edges()[0], 1e-6);
        assertEquals(-3, h.edges()[3], 1e-6);
        assertEquals(5, h.total());
    }

    @Test
    void log10HistogramKeepsZerosAtEpsilon() {
        Histogram h = Histogram.ofLog10(new float[] {0f, 0f, 1f}, 1e-8, 8);
        assertEquals(-8, h.edges()[0], 1e-6);
        assertEquals(2, h.counts()[0]);
        assertEquals(1, h.counts()[7]);
    }

    @Test
    void histogramOverFixedRangeIgnoresOutsideValues() {
        Histogram h = Histogram.of(new double[] {-1, 0, 0.5, 1, 2, Double.NaN}, 2, 0, 1);
        assertArrayEquals(new long[] {1, 2}, h.counts());
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        float[] v = {4, 1, 3, 2};
        // numpy.quantile([1,2,3,4], [0, .25, .5, 1]) = [1, 1.75, 2.5, 4]
        assertArrayEquals(new double[] {1, 1.75, 2.5, 4}, Quantiles.of(v, 0, 0.25, 0.5, 1), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Quantiles.of(new float[0], 0.5));
    }

    @Test
    void gaussianDensityIntegratesToOneAndPeaksAtTheMean() {
        Random random = new Random(1);
        float[] v = new float[20_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.3 + 0.1 * random.nextGaussian());
        }
        Density d = Density.gaussian(v, 200);
        double integral = 0;
        int peak = 0;
        for (int i = 1; i < d.x().length; i++) {
            integral += 0.5 * (d.density()[i] + d.density()[i - 1]) * (d.x()[i] - d.x()[i - 1]);
            if (d.density()[i] > d.density()[peak]) {
                peak = i;
            }
        }
        assertEquals(1.0, integral, 0.01);
        assertEquals(0.3, d.x()[peak], 0.02);
        // a normal with σ=0.1 peaks at 1/(σ√2π) ≈ 3.99; the kernel widens it a little
        assertEquals(3.99, d.density()[peak], 0.25);
    }

    @Test
    void densityOfIdenticalValuesIsStillFinite() {
        Density d = Density.gaussian(new float[] {0f, 0f, 0f}, 11);
        for (double y : d.density()) {
            assertTrue(Double.isFinite(y));
        }
    }

    @Test
    void importanceSumsFirstLayerFisherOverOutputs() {
        // 2 outputs × 3 inputs, row-major [out][in]
        float[] fisher = {1, 2, 3, 10, 20, 30};
        assertArrayEquals(new float[] {11, 22, 33}, ImportanceImage.perInput(fisher, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> ImportanceImage.perInput(fisher, 4, 3));
    }

    @Test
    void driftSplitSeparatesTopFisherDecile() {
        float[] fisher = new float[100];
        float[] drift = new float[100];
        for (int i = 0; i < 100; i++) {
            fisher[i] = i;
            drift[i] = i >= 90 ? 0.001f : 1f;
        }
        DriftSplit split = DriftSplit.byFisher(drift, fisher, 0.1);
        assertEquals(10, split.important().length);
        assertEquals(90, split.rest().length);
        for (float d : split.important()) {
            assertEquals(0.001f, d);
        }
        for (float d : split.rest()) {
            assertEquals(1f, d);
        }
    }
}
