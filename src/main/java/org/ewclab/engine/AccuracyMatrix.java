package org.ewclab.engine;

/**
 * Summaries of an accuracy matrix R (R[i][j]: test accuracy on task j after training task i), over the rows present:
 * T = rows, and the "final" row is the last one.
 */
public final class AccuracyMatrix {
    private AccuracyMatrix() {
    }

    /** Mean of the last row over the tasks trained so far (0..T−1). */
    public static double average(double[][] r) {
        int last = r.length - 1;
        double s = 0;
        for (int j = 0; j <= last; j++) {
            s += r[last][j];
        }
        return s / (last + 1);
    }

    /**
     * Mean over the earlier tasks j &lt; T−1 of (max over rows l &lt; T−1 of R[l][j]) − R[T−1][j] (Chaudhry et al.
     * 2018); 0 with a single row.
     */
    public static double forgetting(double[][] r) {
        int last = r.length - 1;
        if (last == 0) {
            return 0;
        }
        double s = 0;
        for (int j = 0; j < last; j++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int l = j; l < last; l++) {
                best = Math.max(best, r[l][j]);
            }
            s += best - r[last][j];
        }
        return s / last;
    }

    /** Backward transfer: mean over j &lt; T−1 of R[T−1][j] − R[j][j] (Lopez-Paz &amp; Ranzato 2017); 0 with one row. */
    public static double bwt(double[][] r) {
        int last = r.length - 1;
        if (last == 0) {
            return 0;
        }
        double s = 0;
        for (int j = 0; j < last; j++) {
            s += r[last][j] - r[j][j];
        }
        return s / last;
    }
}
