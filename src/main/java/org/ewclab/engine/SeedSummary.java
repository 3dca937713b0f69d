package org.ewclab.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One method at one λ over every seed it ran with: the mean ± standard error of each accuracy matrix cell, of the
 * average accuracy, the forgetting and the BWT. Figures are taken as results.json writes them (rounded to 6
 * decimals), so that a summary recomputed from the file — e.g. after {@code merge} — is the same to the last digit.
 *
 * @param runs     how many runs (seeds) the group holds
 * @param diverged how many of them diverged (they count in no mean: they have no accuracy)
 */
public record SeedSummary(String method, double lambda, boolean sweep, List<Long> seeds, int runs, int diverged,
        MeanSe[][] accuracy, MeanSe averageAccuracy, MeanSe forgetting, MeanSe bwt, String variant, KnobPoint point) {

    public SeedSummary {
        Objects.requireNonNull(method, "method");
        seeds = List.copyOf(seeds);
        variant = variant == null ? "" : variant;
    }

    /** A group of no knob sweep's point. */
    public SeedSummary(String method, double lambda, boolean sweep, List<Long> seeds, int runs, int diverged,
            MeanSe[][] accuracy, MeanSe averageAccuracy, MeanSe forgetting, MeanSe bwt, String variant) {
        this(method, lambda, sweep, seeds, runs, diverged, accuracy, averageAccuracy, forgetting, bwt, variant, null);
    }

    /** A group without knobs to name (variant ""). */
    public SeedSummary(String method, double lambda, boolean sweep, List<Long> seeds, int runs, int diverged,
            MeanSe[][] accuracy, MeanSe averageAccuracy, MeanSe forgetting, MeanSe bwt) {
        this(method, lambda, sweep, seeds, runs, diverged, accuracy, averageAccuracy, forgetting, bwt, "");
    }

    /** The mean accuracy matrix (NaN where no seed has a finite value). */
    public double[][] meanAccuracy() {
        double[][] out = new double[accuracy.length][];
        for (int i = 0; i < accuracy.length; i++) {
            out[i] = new double[accuracy[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = accuracy[i][j].mean();
            }
        }
        return out;
    }

    /** The standard errors of {@link #meanAccuracy()}. */
    public double[][] seAccuracy() {
        double[][] out = new double[accuracy.length][];
        for (int i = 0; i < accuracy.length; i++) {
            out[i] = new double[accuracy[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = accuracy[i][j].se();
            }
        }
        return out;
    }

    /**
     * Runs grouped by (method, λ, variant, sweep, knob point) in order of first appearance; within a group, one run per seed. The
     * accuracy matrix has as many rows as the longest run (a stopped run's missing rows count as no value).
     */
    public static List<SeedSummary> of(List<RunResult> runs) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : runs) {
            groups.computeIfAbsent(r.method() + "\u0000" + Double.doubleToLongBits(r.lambda()) + "\u0000" + r.variant() + "\u0000"
                    + r.sweep() + "\u0000" + r.point(),
                    k -> new ArrayList<>()).add(r);
        }
        List<SeedSummary> out = new ArrayList<>();
        for (List<RunResult> g : groups.values()) {
            out.add(summarize(g));
        }
        return out;
    }

    private static SeedSummary summarize(List<RunResult> g) {
        int rows = 0;
        int cols = 0;
        for (RunResult r : g) {
            rows = Math.max(rows, r.rows());
            for (double[] row : r.accuracy()) {
                cols = Math.max(cols, row.length);
            }
        }
        MeanSe[][] acc = new MeanSe[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double[] v = new double[g.size()];
                for (int k = 0; k < g.size(); k++) {
                    RunResult r = g.get(k);
                    v[k] = i < r.rows() && j < r.accuracy()[i].length ? written(r.accuracy(i, j)) : Double.NaN;
                }
                acc[i][j] = MeanSe.of(v);
            }
        }
        double[] avg = new double[g.size()];
        double[] forg = new double[g.size()];
        double[] bwt = new double[g.size()];
        List<Long> seeds = new ArrayList<>();
        int diverged = 0;
        for (int k = 0; k < g.size(); k++) {
            RunResult r = g.get(k);
            avg[k] = written(r.averageAccuracy());
            forg[k] = written(r.forgetting());
            bwt[k] = written(r.bwt());
            seeds.add(r.seed());
            if (r.diverged()) {
                diverged++;
                avg[k] = forg[k] = bwt[k] = Double.NaN;
            }
        }
        RunResult first = g.get(0);
        return new SeedSummary(first.method(), first.lambda(), first.sweep(), seeds, g.size(), diverged, acc,
                MeanSe.of(avg), MeanSe.of(forg), MeanSe.of(bwt), first.variant(), first.point());
    }

    /** A figure as results.json holds it: rounded to 6 decimals. */
    static double written(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : Double.NaN;
    }
}
