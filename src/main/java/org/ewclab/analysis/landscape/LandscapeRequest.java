package org.ewclab.analysis.landscape;

/**
 * What to compute: the plane (through the ends of two runs, or the PCA plane of all runs' snapshots), the grid's size,
 * the test samples per task and the torch threads.
 *
 * @param firstRun  the method whose end sets u (and, in the overlap, where task B's Fisher is taken)
 * @param secondRun the method whose end sets v (RUNS mode)
 * @param lineEnd   how far the line slices go, in units of θ*A → run end (1.25: a little past the end)
 */
public record LandscapeRequest(String firstRun, String secondRun, Mode mode, int gridSize, int samples, int threads,
        double lineEnd, int linePoints, boolean fisherOverlap) {

    /** How the plane is chosen. */
    public enum Mode { RUNS, PCA }

    public LandscapeRequest {
        if (gridSize < 2 || linePoints < 2) {
            throw new IllegalArgumentException("grid and line need at least 2 points");
        }
    }

    /** The defaults of the Landscape view: plain and EWC, a 41×41 grid, 1,000 test samples per task. */
    public static LandscapeRequest defaults(String firstRun, String secondRun, Mode mode, int threads) {
        return new LandscapeRequest(firstRun, secondRun, mode, 41, 1000, threads, 1.25, 26, true);
    }
}
