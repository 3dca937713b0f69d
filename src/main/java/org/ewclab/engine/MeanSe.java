package org.ewclab.engine;

/**
 * A figure over seeds: the mean and the standard error of the mean, {@code se = s / √n} with {@code s} the sample
 * standard deviation (divisor n − 1). Only finite values count (a diverged run has no accuracy): {@code n} says how
 * many did. No value: mean NaN; one value: se NaN (one seed says nothing about the spread).
 */
public record MeanSe(double mean, double se, int n) {

    public static MeanSe of(double... values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new MeanSe(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanSe(mean, Double.NaN, 1);
        }
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return new MeanSe(mean, Math.sqrt(ss / (n - 1)) / Math.sqrt(n), n);
    }
}
