package org.ewclab.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * EWC's mechanism in one picture (DESIGN.md chart 8): every weight's task-A Fisher information F against how far it
 * moved, |θ − θ*_A|, both on log10 scales, counted into a 2-D histogram — a density-shaded heat map rather than 90k
 * dots, so the chart paints in milliseconds and still shows where the weights are. Under plain training the drift
 * does not depend on F; under EWC it falls as F grows (the penalty λ·F·(θ−θ*)²/2 pins the weights with λ·F ≫ 1).
 *
 * <p>Several runs are binned on one shared {@link Grid}, so their panels compare cell by cell. Bins are aligned to
 * decades ({@link Grid#perDecade()} bins per decade). A value on a bin's lower edge belongs to that bin (a grid built
 * by {@link Grid#covering} ends one bin above the bin of its largest value; a value on the top edge of a given grid
 * counts in its last bin). "On an edge" allows for float rounding ({@link Grid#EDGE_TOLERANCE} of a
 * bin): a weight of 1e-4f is 9.99999975e-5, and it belongs to the decade of 10⁻⁴, not the one below. Weights with F = 0 or with no drift at all have no logarithm, and a
 * handful of weights with a vanishing F (down to 10⁻³⁴ in the default lesson) would stretch the F axis over twenty
 * empty decades: the grid starts at the decade of the pooled {@link Grid#LOW_FISHER_QUANTILE} quantile of F. All
 * of these are counted ({@link #lowFisher()}, {@link #zeroDrift()}) and named in the chart, never placed in a cell
 * they do not belong to — a weight with both counts as low F.
 *
 * @param grid        the bins
 * @param counts      weights per cell, row-major, row 0 the smallest drift: {@code counts[row * columns + column]}
 * @param medians     per column the median log10 |θ − θ*_A| of its weights, NaN where it holds fewer than
 *                    {@link #MEDIAN_MIN_WEIGHTS}
 * @param placed      weights placed in a cell
 * @param lowFisher   weights with F = 0 or F below the grid (not placed)
 * @param zeroDrift   weights with F on the grid that did not move at all (not placed)
 */
public record DriftImportance(Grid grid, int[] counts, double[] medians, int placed, int lowFisher, int zeroDrift) {

    /** A column's median is shown only when it rests on at least this many weights. */
    public static final int MEDIAN_MIN_WEIGHTS = 5;
    /** At most this many bins along an axis; fewer bins per decade when the data span many decades. */
    public static final int MAX_BINS = 64;

    /**
     * Decade-aligned bins: columns over log10 F from {@code xLo}, rows over log10 |θ − θ*_A| from {@code yLo}, each
     * {@code 1 / perDecade} wide.
     */
    public record Grid(double xLo, int columns, double yLo, int rows, int perDecade) {
        /** The F axis starts at the decade holding this quantile of the pooled positive F values. */
        public static final double LOW_FISHER_QUANTILE = 0.001;
        /** How close (in bins) to an edge a value counts as on it: far above float rounding, far below a bin. */
        public static final double EDGE_TOLERANCE = 1e-5;

        public Grid {
            if (columns < 1 || rows < 1 || perDecade < 1) {
                throw new IllegalArgumentException("grid needs ≥ 1 column, row and bin per decade: " + columns
                        + "×" + rows + ", " + perDecade + "/decade");
            }
        }

        public double binWidth() {
            return 1.0 / perDecade;
        }

        public double xHi() {
            return xLo + columns * binWidth();
        }

        public double yHi() {
            return yLo + rows * binWidth();
        }

        /** The column of log10 F = {@code x}, or −1 outside the grid. */
        public int column(double x) {
            return index(x, xLo, columns);
        }

        /** The row of log10 |drift| = {@code y}, or −1 outside the grid. */
        public int row(double y) {
            return index(y, yLo, rows);
        }

        private int index(double v, double lo, int n) {
            double pos = (v - lo) * perDecade;
            if (!(pos >= -EDGE_TOLERANCE) || pos > n + EDGE_TOLERANCE) {
                return -1;
            }
            return Math.max(0, Math.min(n - 1, (int) Math.floor(pos + EDGE_TOLERANCE)));
        }

        /**
         * The smallest grid starting on a decade and holding every nonzero drift of the runs and every positive F from the
         * decade of their pooled {@link #LOW_FISHER_QUANTILE} quantile up, the runs given as {fisher, drift} pairs;
         * {@code perDecade} is the finest of 4, 2, 1 that keeps both axes within {@link #MAX_BINS}.
         */
        public static Grid covering(List<float[][]> runs) {
            int positive = 0;
            for (float[][] r : runs) {
                check(r[0], r[1]);
                for (float f : r[0]) {
                    positive += f > 0 && Float.isFinite(f) ? 1 : 0;
                }
            }
            float[] pooled = new float[positive];
            int at = 0;
            for (float[][] r : runs) {
                for (float f : r[0]) {
                    if (f > 0 && Float.isFinite(f)) {
                        pooled[at++] = f;
                    }
                }
            }
            double xFloor = positive == 0 ? Double.NEGATIVE_INFINITY
                    : Math.floor(Math.log10(Quantiles.of(pooled, LOW_FISHER_QUANTILE)[0]) + EDGE_TOLERANCE);
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (float[][] r : runs) {
                for (int i = 0; i < r[0].length; i++) {
                    float f = r[0][i];
                    float d = r[1][i];
                    if (f > 0 && Float.isFinite(f) && d != 0 && Float.isFinite(d) && Math.log10(f) >= xFloor - EDGE_TOLERANCE) {
                        double x = Math.log10(f);
                        double y = Math.log10(Math.abs((double) d));
                        xMin = Math.min(xMin, x);
                        xMax = Math.max(xMax, x);
                        yMin = Math.min(yMin, y);
                        yMax = Math.max(yMax, y);
                    }
                }
            }
            if (!(xMin <= xMax)) {
                return new Grid(-1, 4, -1, 4, 4);
            }
            double x0 = Math.floor(xMin + EDGE_TOLERANCE);
            double y0 = Math.floor(yMin + EDGE_TOLERANCE);
            // bins up to and including the one whose lower edge is at or below the largest value, so every value
            // lies on or above its bin's lower edge and below its upper one
            int per = 4;
            while (per > 1 && (bins(xMax - x0, per) > MAX_BINS || bins(yMax - y0, per) > MAX_BINS)) {
                per /= 2;
            }
            int cols = bins(xMax - x0, per);
            int rows = bins(yMax - y0, per);
            // very wide ranges: more than MAX_BINS decades stay one bin per decade
            return new Grid(x0, cols, y0, rows, per);
        }
    }

    private static int bins(double span, int perDecade) {
        return (int) Math.floor(span * perDecade + Grid.EDGE_TOLERANCE) + 1;
    }

    /** Counts one run's weights into the grid's cells. */
    public static DriftImportance bin(float[] fisher, float[] drift, Grid grid) {
        check(fisher, drift);
        int[] counts = new int[grid.columns() * grid.rows()];
        float[][] perColumn = new float[grid.columns()][];
        int[] fill = new int[grid.columns()];
        int placed = 0;
        int lowF = 0;
        int zeroD = 0;
        for (int i = 0; i < fisher.length; i++) {
            float f = fisher[i];
            float d = drift[i];
            if (!Float.isFinite(f) || !Float.isFinite(d)) {
                continue;
            }
            double x = f > 0 ? Math.log10(f) : Double.NEGATIVE_INFINITY;
            int c = grid.column(x);
            if (c < 0 && x < grid.xLo()) {
                lowF++;
                continue;
            }
            if (d == 0) {
                zeroD++;
                continue;
            }
            double y = Math.log10(Math.abs((double) d));
            int r = grid.row(y);
            if (c < 0 || r < 0) {
                throw new IllegalArgumentException("weight " + i + " (F = " + f + ", drift = " + d
                        + ") lies outside the grid; build the grid from every run binned on it");
            }
            counts[r * grid.columns() + c]++;
            placed++;
            if (perColumn[c] == null) {
                perColumn[c] = new float[16];
            } else if (fill[c] == perColumn[c].length) {
                perColumn[c] = Arrays.copyOf(perColumn[c], 2 * fill[c]);
            }
            perColumn[c][fill[c]++] = (float) y;
        }
        double[] medians = new double[grid.columns()];
        for (int c = 0; c < medians.length; c++) {
            medians[c] = fill[c] < MEDIAN_MIN_WEIGHTS ? Double.NaN
                    : Quantiles.of(Arrays.copyOf(perColumn[c], fill[c]), 0.5)[0];
        }
        return new DriftImportance(grid, counts, medians, placed, lowF, zeroD);
    }

    /** Weights in the cell at (row, column). */
    public int count(int row, int column) {
        return counts[row * grid.columns() + column];
    }

    /** The largest cell count. */
    public int maxCount() {
        int m = 0;
        for (int c : counts) {
            m = Math.max(m, c);
        }
        return m;
    }

    private static void check(float[] fisher, float[] drift) {
        if (fisher.length != drift.length) {
            throw new IllegalArgumentException(fisher.length + " Fisher values but " + drift.length + " drifts");
        }
    }
}
