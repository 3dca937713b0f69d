package org.ewclab.analysis;

/**
 * Counts of values in equal-width bins over [min, max]. Bin edges are kept so charts and CSV export share them.
 *
 * @param edges  bins + 1 ascending edges
 * @param counts one count per bin
 */
public record Histogram(double[] edges, long[] counts) {

    public int bins() {
        return counts.length;
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /**
     * Histogram of log10(v + epsilon). The Fisher diagonal spans many decades (1e-12 … 1e0), so only a log axis shows
     * its shape; epsilon keeps exact zeros (e.g. after top-k sparsification) on the chart instead of at −∞.
     */
    public static Histogram ofLog10(float[] values, double epsilon, int bins) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log10(Math.max(0, values[i]) + epsilon);
        }
        return of(logs, bins);
    }

    /** Histogram of the values over their own range (a single-value range is widened by ±0.5). */
    public static Histogram of(double[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        return of(values, bins, min, max);
    }

    /** Histogram over a fixed range, so histograms of several runs or layers share their bins. */
    public static Histogram of(double[] values, int bins, double min, double max) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be ≥ 1, got " + bins);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + (max - min) * i / bins;
        }
        long[] counts = new long[bins];
        double width = (max - min) / bins;
        for (double v : values) {
            if (!Double.isFinite(v) || v < min || v > max) {
                continue;
            }
            int bin = (int) ((v - min) / width);
            counts[Math.min(bin, bins - 1)]++;
        }
        return new Histogram(edges, counts);
    }
}
