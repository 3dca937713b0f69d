package org.ewclab.analysis.landscape;

import java.util.List;

/**
 * The landscape's projections as plain Java loops over float arrays (double accumulators). Measured faster than ND4J
 * for projecting a few hundred snapshots onto two directions (the copy into ND4J's off-heap memory costs more than the
 * product saves; see README), so this is the default route; ND4J does the PCA's eigen-decomposition and the overlaps.
 */
public final class PlainAlgebra {
    private PlainAlgebra() {
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Coordinates in the plane of orthonormal e1, e2 and the distance from it, for each snapshot. */
    public static Projection project(List<float[]> snapshots, float[] e1, float[] e2) {
        int n = snapshots.size();
        float[] u = new float[n];
        float[] v = new float[n];
        float[] off = new float[n];
        for (int k = 0; k < n; k++) {
            float[] s = snapshots.get(k);
            if (s.length != e1.length) {
                throw new IllegalArgumentException("snapshot " + k + " has " + s.length + " numbers, the plane "
                        + e1.length);
            }
            double su = 0;
            double sv = 0;
            double ss = 0;
            for (int i = 0; i < s.length; i++) {
                double x = s[i];
                su += x * e1[i];
                sv += x * e2[i];
                ss += x * x;
            }
            u[k] = (float) su;
            v[k] = (float) sv;
            off[k] = (float) Math.sqrt(Math.max(0, ss - su * su - sv * sv));
        }
        return new Projection(u, v, off);
    }
}
