package org.ewclab.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The densities behind the two views of the parameter-drift chart, computed for several samples of θ − θ*_A at once
 * (one per method run, or per run and Fisher group) on one shared grid, so the curves can be overlaid.
 *
 * <h2>Signed view: density of θ − θ*_A</h2>
 * The classic picture: plain spreads wide, EWC's important weights pile up at 0. The window is symmetric about 0,
 * {@code ±R} with R = the largest over the samples of (their 99.5% quantile of |θ − θ*_A| + 4h), so every curve has
 * at least 99.5% of its weights inside the window, and the odd grid of {@link #GRID_POINTS} points holds 0 exactly.
 * Each curve's bandwidth is floored at the grid step (see {@link Density}): a curve narrower than the step — EWC's
 * important weights at large λ — is drawn one step wide with its full area. The step is the view's resolution, and
 * what lies below it is the magnitude view's job.
 *
 * <h2>Magnitude view: density of log10 |θ − θ*_A|</h2>
 * Orders of magnitude are what separate the methods and the weight groups (EWC's important weights move 10⁻⁵, plain's
 * 10⁻²), so the second view takes the logarithm first and estimates a density per decade. Weights that did not move
 * at all (θ = θ*_A exactly, e.g. inputs that are 0 in both tasks, or frozen weights) have no logarithm: they are not
 * put anywhere on the axis, but counted ({@link Curve#zeros()}) and named in the chart, and the curve is the density
 * of the weights that moved, integrating to 1 over them. Its window is the whole range of the data ± 4h, so nothing
 * lies outside it.
 */
public final class DriftDensities {
    /** Grid points of either view; odd, so the signed view's symmetric grid has 0 in the middle. */
    public static final int GRID_POINTS = 401;
    /** Share of each sample's |θ − θ*_A| that the signed view's window must hold. */
    public static final double WINDOW_QUANTILE = 0.995;

    private DriftDensities() {
    }

    /**
     * One sample's curve.
     *
     * @param density the curve (null when the sample has nothing to show: no values, or none moved in the log view)
     * @param count   the sample's finite values
     * @param zeros   how many of them are exactly 0 (did not move)
     * @param beyond  how many lie outside the view's window (signed view only; ≤ 0.5% of count by construction)
     */
    public record Curve(Density density, int count, int zeros, int beyond) {
    }

    /**
     * Curves on one grid.
     *
     * @param lo   left end of the window (signed: −R; magnitude: in log10 units)
     * @param hi   right end of the window
     * @param step grid spacing: the view's resolution
     */
    public record View(double lo, double hi, double step, List<Curve> curves) {
    }

    /** The signed view: densities of θ − θ*_A on a symmetric grid holding 0 (see the class comment). */
    public static View signed(List<float[]> samples) {
        double radius = 0;
        double[] bandwidths = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            float[] s = samples.get(i);
            if (s.length == 0) {
                continue;
            }
            float[] abs = new float[s.length];
            for (int j = 0; j < s.length; j++) {
                abs[j] = Math.abs(s[j]);
            }
            double q = Quantiles.of(abs, WINDOW_QUANTILE)[0];
            bandwidths[i] = Density.silverman(s);
            if (Double.isFinite(q)) {
                radius = Math.max(radius, q + 4 * bandwidths[i]);
            }
        }
        if (!(radius > 0)) {
            radius = 1e-6; // nothing moved: a spike at 0, on some width
        }
        int half = (GRID_POINTS - 1) / 2;
        double step = radius / half;
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            float[] s = samples.get(i);
            int finite = 0;
            int zeros = 0;
            int beyond = 0;
            for (float v : s) {
                if (Float.isFinite(v)) {
                    finite++;
                    zeros += v == 0 ? 1 : 0;
                    beyond += Math.abs(v) > radius ? 1 : 0;
                }
            }
            Density d = finite == 0 ? null : Density.symmetric(s, half, step, bandwidths[i]);
            curves.add(new Curve(d, finite, zeros, beyond));
        }
        return new View(-half * step, half * step, step, List.copyOf(curves));
    }

    /**
     * The magnitude view: densities of log10 |θ − θ*_A| over the weights that moved, on one grid spanning every
     * sample's range (see the class comment); exact zeros are counted, not drawn.
     */
    public static View log10Magnitude(List<float[]> samples) {
        List<float[]> logs = new ArrayList<>();
        int[] zeros = new int[samples.size()];
        int[] counts = new int[samples.size()];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] bandwidths = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            float[] s = samples.get(i);
            float[] u = new float[s.length];
            int m = 0;
            for (float v : s) {
                if (!Float.isFinite(v)) {
                    continue;
                }
                counts[i]++;
                if (v == 0) {
                    zeros[i]++;
                } else {
                    u[m++] = (float) Math.log10(Math.abs((double) v));
                }
            }
            u = java.util.Arrays.copyOf(u, m);
            logs.add(u);
            if (m == 0) {
                continue;
            }
            bandwidths[i] = Density.silverman(u);
            double pad = 4 * Math.max(bandwidths[i], 0.01);
            for (float v : u) {
                lo = Math.min(lo, v - pad);
                hi = Math.max(hi, v + pad);
            }
        }
        if (!(lo < hi)) {
            lo = -1;
            hi = 0;
        }
        double step = (hi - lo) / (GRID_POINTS - 1);
        double[] grid = new double[GRID_POINTS];
        for (int g = 0; g < GRID_POINTS; g++) {
            grid[g] = lo + g * step;
        }
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            float[] u = logs.get(i);
            Density d = u.length == 0 ? null : Density.onGrid(u, grid, bandwidths[i]);
            curves.add(new Curve(d, counts[i], zeros[i], 0));
        }
        return new View(lo, hi, step, List.copyOf(curves));
    }
}
