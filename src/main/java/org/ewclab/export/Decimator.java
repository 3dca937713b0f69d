package org.ewclab.export;

/**
 * Thins a long line for display (the model keeps all points for CSV): of each run of consecutive points that fall in
 * one pixel column it keeps the first, the lowest, the highest and the last, in their original order. The drawn line
 * then covers exactly the same pixels as the full one — every spike stays — with at most four points per column, so
 * 100k points draw as fast as a few thousand.
 */
final class Decimator {
    private Decimator() {
    }

    /** Thinned copy of points already mapped to pixels; NaN breaks are kept (collapsed to one). */
    static float[][] minMaxPerColumn(float[] px, float[] py, int n) {
        float[] ox = new float[Math.min(n, 16)];
        float[] oy = new float[ox.length];
        int m = 0;
        int i = 0;
        int[] keep = new int[4];
        while (i < n) {
            if (Float.isNaN(px[i]) || Float.isNaN(py[i])) {
                if (m > 0 && !Float.isNaN(ox[m - 1])) {
                    if (m == ox.length) {
                        ox = grow(ox);
                        oy = grow(oy);
                    }
                    ox[m] = Float.NaN;
                    oy[m] = Float.NaN;
                    m++;
                }
                i++;
                continue;
            }
            long col = (long) Math.floor(px[i]);
            int lo = i;
            int hi = i;
            int j = i + 1;
            while (j < n && !Float.isNaN(px[j]) && !Float.isNaN(py[j]) && (long) Math.floor(px[j]) == col) {
                if (py[j] < py[lo]) {
                    lo = j;
                }
                if (py[j] > py[hi]) {
                    hi = j;
                }
                j++;
            }
            int k = 0;
            keep[k++] = i;
            keep[k++] = Math.min(lo, hi);
            keep[k++] = Math.max(lo, hi);
            keep[k++] = j - 1;
            int prev = -1;
            for (int q = 0; q < k; q++) {
                if (keep[q] == prev) {
                    continue;
                }
                prev = keep[q];
                if (m == ox.length) {
                    ox = grow(ox);
                    oy = grow(oy);
                }
                ox[m] = px[prev];
                oy[m] = py[prev];
                m++;
            }
            i = j;
        }
        return new float[][] {java.util.Arrays.copyOf(ox, m), java.util.Arrays.copyOf(oy, m)};
    }

    private static float[] grow(float[] a) {
        return java.util.Arrays.copyOf(a, a.length * 2);
    }
}
