package org.ewclab.analysis;

import java.util.Arrays;

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the two samples' ranks, tied values sharing the mean of
 * the ranks they span (so many exact zeros, e.g. SI's clipped Ω, count as one tie rather than an arbitrary order).
 * It says whether two importance measures agree on <em>which</em> weights matter, whatever their scales.
 */
public final class Spearman {
    private Spearman() {
    }

    /** ρ of the paired samples a[i], b[i]; NaN when fewer than two pairs or when either sample is constant. */
    public static double rho(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Spearman ρ needs paired samples: " + a.length + " and " + b.length
                    + " values");
        }
        if (a.length < 2) {
            return Double.NaN;
        }
        return pearson(ranks(a), ranks(b));
    }

    /** 1-based ranks, ties given the mean of the ranks they span (NaN values are ranked last, as Arrays.sort does). */
    public static double[] ranks(float[] v) {
        int n = v.length;
        // one primitive sort of (order-preserving bits of the value, index): ~90k weights in milliseconds, no boxing
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) sortable(v[i]) << 32) | i;
        }
        Arrays.sort(keys);
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && (keys[j + 1] >> 32) == (keys[i] >> 32)) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[(int) keys[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    /** An int whose signed order is {@link Float#compare}'s order of the floats (−0 below +0, NaN last). */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** ρ from ranks already computed by {@link #ranks} (rank each sample once when comparing several). */
    public static double ofRanks(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Spearman ρ needs paired samples: " + x.length + " and " + y.length
                    + " values");
        }
        return x.length < 2 ? Double.NaN : pearson(x, y);
    }

    private static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
