package org.ewclab.analysis;

/**
 * Gaussian kernel density estimate on an even grid, for the parameter-drift charts (density of θ − θ*_A, and of
 * log10 |θ − θ*_A|).
 *
 * <h2>Why the curve integrates to 1 at every scale</h2>
 * A curve drawn through grid points is read (and exported) as a piecewise-linear function; its area is the
 * trapezoid sum over the grid. A KDE whose bandwidth h is much smaller than the grid spacing Δ is a comb of spikes
 * that mostly fall <i>between</i> grid points: sampled on the grid it looks too low or even zero (the old drift chart
 * drew EWC's important weights with 87% of their mass at a drift sd of 2e-3, 22% at 3e-4 and none at 1e-4 — the
 * better EWC held them, the less the chart showed). Two rules fix this without rescaling anything after the fact:
 * <ol>
 *   <li><b>Bandwidth floor h ≥ Δ.</b> For a Gaussian of width h sampled every Δ, the trapezoid sum of its area is
 *   1 up to about 2·exp(−2π²h²/Δ²), i.e. 5·10⁻⁹ at h = Δ. The floor is the chart's resolution: a peak narrower than
 *   one grid step is drawn exactly one grid step wide (and so at most 1/(Δ√2π) high) — with its full area. What a
 *   student reads off such a peak is "narrower than the resolution", which the drift chart's subtitle says, and the
 *   log-magnitude view shows how much narrower.</li>
 *   <li><b>Binned on the evaluation grid itself.</b> Each value is split linearly between its two neighbouring grid
 *   points (its unit weight is conserved exactly), then the binned weights are convolved with the kernel sampled at
 *   the grid spacing. Values outside the grid range are not dropped: their kernels are added exactly, point by
 *   point, so the curve over the window is the KDE of the whole sample and its area is the share of the sample's
 *   kernel mass inside the window — never a silently renormalised curve.</li>
 * </ol>
 * The density is normalised by the number of finite values, so a curve integrates to 1 when its window holds its
 * data (the drift charts choose windows that do; see {@link DriftDensities}).
 *
 * @param x         grid points, evenly spaced
 * @param density   estimated density at each grid point
 * @param bandwidth the kernel width used (Silverman's rule, floored at the grid spacing)
 */
public record Density(double[] x, double[] density, double bandwidth) {

    /** Kernels are cut at ±6h, where the Gaussian has 2·10⁻⁹ of its mass left. */
    private static final double CUT = 6;

    /** KDE with Silverman's rule-of-thumb bandwidth (floored at the grid spacing) over the data's range ± 4h. */
    public static Density gaussian(float[] values, int gridPoints) {
        return gaussian(values, gridPoints, Double.NaN, Double.NaN);
    }

    /** KDE over [rangeMin, rangeMax] (NaN for the data's range ± 4h) with Silverman's bandwidth floored at Δ. */
    public static Density gaussian(float[] values, int gridPoints, double rangeMin, double rangeMax) {
        checkArguments(values, gridPoints);
        double h = silverman(values);
        double lo = rangeMin;
        double hi = rangeMax;
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float v : values) {
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (min > max) {
                throw new IllegalArgumentException("density of no finite values");
            }
            double pad = 4 * Math.max(h, 1e-12 * Math.max(1, Math.abs(max)));
            if (max - min == 0 && h == 0) {
                pad = Math.max(Math.abs(max) * 1e-3, 1e-6); // all equal: a spike, drawn at a small visible width
            }
            lo = min - pad;
            hi = max + pad;
        }
        if (!(hi > lo)) {
            throw new IllegalArgumentException("density range needs min < max: " + lo + ".." + hi);
        }
        double[] grid = new double[gridPoints];
        double step = (hi - lo) / (gridPoints - 1);
        for (int g = 0; g < gridPoints; g++) {
            grid[g] = lo + step * g;
        }
        grid[gridPoints - 1] = hi;
        return onGrid(values, grid, h);
    }

    /**
     * KDE on the even grid {@code (g − half)·step}, g = 0 … 2·half: symmetric about 0 and holding 0 exactly, so a
     * drift distribution centred on "did not move" is sampled at its centre.
     *
     * @param bandwidth the kernel width wanted (NaN: Silverman's rule); floored at {@code step} either way
     */
    public static Density symmetric(float[] values, int half, double step, double bandwidth) {
        if (half < 1) {
            throw new IllegalArgumentException("a symmetric grid needs ≥ 1 point each side of 0, got " + half);
        }
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("grid step must be positive: " + step);
        }
        double[] grid = new double[2 * half + 1];
        for (int g = 0; g < grid.length; g++) {
            grid[g] = (g - half) * step;
        }
        checkArguments(values, grid.length);
        return onGrid(values, grid, Double.isNaN(bandwidth) ? silverman(values) : bandwidth);
    }

    /** KDE of {@code values} on an even {@code grid} with kernel width {@code max(bandwidth, grid step)}. */
    static Density onGrid(float[] values, double[] grid, double bandwidth) {
        int n = grid.length;
        double lo = grid[0];
        double step = (grid[n - 1] - lo) / (n - 1);
        double h = Math.max(bandwidth, step);
        double[] weights = new double[n];
        int finite = 0;
        double[] outside = new double[16];
        int outsideCount = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                continue;
            }
            finite++;
            double pos = (v - lo) / step;
            if (pos < 0 || pos > n - 1) {
                if (outsideCount == outside.length) {
                    outside = java.util.Arrays.copyOf(outside, 2 * outsideCount);
                }
                outside[outsideCount++] = v;
                continue;
            }
            int left = Math.min((int) Math.floor(pos), n - 2);
            double frac = pos - left;
            weights[left] += 1 - frac;
            weights[left + 1] += frac;
        }
        if (finite == 0) {
            throw new IllegalArgumentException("density of no finite values");
        }
        int reach = (int) Math.min(n - 1, Math.ceil(CUT * h / step));
        double[] kernel = new double[reach + 1];
        for (int j = 0; j <= reach; j++) {
            double u = j * step / h;
            kernel[j] = Math.exp(-0.5 * u * u);
        }
        double[] density = new double[n];
        for (int b = 0; b < n; b++) {
            double w = weights[b];
            if (w == 0) {
                continue;
            }
            int from = Math.max(0, b - reach);
            int to = Math.min(n - 1, b + reach);
            for (int g = from; g <= to; g++) {
                density[g] += w * kernel[Math.abs(g - b)];
            }
        }
        for (int i = 0; i < outsideCount; i++) {
            double v = outside[i];
            for (int g = 0; g < n; g++) {
                double u = (grid[g] - v) / h;
                if (u > -CUT && u < CUT) {
                    density[g] += Math.exp(-0.5 * u * u);
                }
            }
        }
        double norm = 1.0 / (finite * h * Math.sqrt(2 * Math.PI));
        for (int g = 0; g < n; g++) {
            density[g] *= norm;
        }
        return new Density(grid.clone(), density, h);
    }

    /** The area under the curve as drawn (trapezoid rule over the grid): 1 when the window holds the data. */
    public double integral() {
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += 0.5 * (density[i] + density[i - 1]) * (x[i] - x[i - 1]);
        }
        return sum;
    }

    /** The distance between neighbouring grid points: the curve's resolution. */
    public double spacing() {
        return (x[x.length - 1] - x[0]) / (x.length - 1);
    }

    private static void checkArguments(float[] values, int gridPoints) {
        if (values.length == 0) {
            throw new IllegalArgumentException("density of no values");
        }
        if (gridPoints < 2) {
            throw new IllegalArgumentException("grid needs ≥ 2 points, got " + gridPoints);
        }
    }

    /**
     * Silverman's rule: 0.9·min(σ, IQR/1.34)·n^(−1/5) over the finite values; 0 when they are all equal (the grid
     * spacing floor then gives the spike its width).
     */
    static double silverman(float[] values) {
        int n = 0;
        double mean = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                n++;
                mean += v;
            }
        }
        if (n < 2) {
            return 0;
        }
        mean /= n;
        double var = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                var += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(var / (n - 1));
        double[] q = Quantiles.of(values, 0.25, 0.75);
        double iqr = (q[1] - q[0]) / 1.34;
        double spread = iqr > 0 ? Math.min(sd, iqr) : sd;
        double h = 0.9 * spread * Math.pow(n, -0.2);
        return Double.isFinite(h) && h > 0 ? h : 0;
    }
}
