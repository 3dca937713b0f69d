package org.ewclab.analysis;

/**
 * Gaussian kernel density estimate on an even grid, for the parameter-drift chart (density of θ − θ*_A).
 *
 * @param x       grid points
 * @param density estimated density at each grid point (integrates to ≈1 over the grid)
 * @param bandwidth the kernel width used
 */
public record Density(double[] x, double[] density, double bandwidth) {

    /**
     * KDE with Silverman's rule-of-thumb bandwidth over [min − 3h, max + 3h] (or a given range). The values are first
     * binned onto a fine grid (linear binning), then the kernel is applied bin-to-grid, so 100k weights cost
     * O(n + grid·bins) rather than O(n·grid).
     */
    public static Density gaussian(float[] values, int gridPoints) {
        return gaussian(values, gridPoints, Double.NaN, Double.NaN);
    }

    public static Density gaussian(float[] values, int gridPoints, double rangeMin, double rangeMax) {
        if (values.length == 0) {
            throw new IllegalArgumentException("density of no values");
        }
        if (gridPoints < 2) {
            throw new IllegalArgumentException("grid needs ≥ 2 points, got " + gridPoints);
        }
        double h = silverman(values);
        double lo = rangeMin;
        double hi = rangeMax;
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            lo = min - 3 * h;
            hi = max + 3 * h;
        }
        int bins = 1024;
        double binWidth = (hi - lo) / (bins - 1);
        double[] weights = new double[bins];
        for (float v : values) {
            double pos = (v - lo) / binWidth;
            if (pos < 0 || pos > bins - 1) {
                continue;
            }
            int left = Math.min((int) Math.floor(pos), bins - 2);
            double frac = pos - left;
            weights[left] += 1 - frac;
            weights[left + 1] += frac;
        }
        double[] x = new double[gridPoints];
        double[] density = new double[gridPoints];
        double norm = 1.0 / (values.length * h * Math.sqrt(2 * Math.PI));
        for (int g = 0; g < gridPoints; g++) {
            x[g] = lo + (hi - lo) * g / (gridPoints - 1);
            double sum = 0;
            for (int b = 0; b < bins; b++) {
                if (weights[b] == 0) {
                    continue;
                }
                double u = (x[g] - (lo + b * binWidth)) / h;
                if (u > -6 && u < 6) {
                    sum += weights[b] * Math.exp(-0.5 * u * u);
                }
            }
            density[g] = sum * norm;
        }
        return new Density(x, density, h);
    }

    /** Silverman's rule: 0.9·min(σ, IQR/1.34)·n^(−1/5), with a floor so identical values still give a visible spike. */
    static double silverman(float[] values) {
        int n = values.length;
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, n - 1));
        double[] q = Quantiles.of(values, 0.25, 0.75);
        double iqr = (q[1] - q[0]) / 1.34;
        double spread = iqr > 0 ? Math.min(sd, iqr) : sd;
        double h = 0.9 * spread * Math.pow(n, -0.2);
        return h > 0 ? h : 1e-6;
    }
}
