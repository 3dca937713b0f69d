package org.ewclab.analysis;

import java.util.Arrays;

/** Quantiles by linear interpolation between order statistics (type 7, as numpy and R default). */
public final class Quantiles {
    private Quantiles() {
    }

    public static double[] of(float[] values, double... probabilities) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quantiles of no values");
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("probability " + p + " outside 0..1");
            }
            double h = (sorted.length - 1) * p;
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, sorted.length - 1);
            out[i] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
        return out;
    }

    /** The value at or above which the top {@code fraction} of values lie (e.g. 0.1 → the top-decile threshold). */
    public static double topThreshold(float[] values, double fraction) {
        return of(values, 1 - fraction)[0];
    }
}
