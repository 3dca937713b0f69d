package org.ewclab.analysis.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The README's ND4J figures (not a test): projecting 200 snapshots × 100,000 parameters onto a plane, ND4J against
 * the plain-Java loop, and the PCA of the same snapshots. {@code java -cp ... ProjectionBench}.
 */
public final class ProjectionBench {
    private ProjectionBench() {
    }

    public static void main(String[] args) {
        int n = 200;
        int p = 100_000;
        Random r = new Random(1);
        List<float[]> snaps = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            float[] s = new float[p];
            for (int i = 0; i < p; i++) {
                s[i] = (float) r.nextGaussian();
            }
            snaps.add(s);
        }
        float[] a = snaps.get(n - 1);
        float[] b = snaps.get(n / 2);
        long t0 = System.nanoTime();
        float[][] e = Nd4jAlgebra.orthonormalise(a, b);
        System.out.printf(Locale.ROOT, "ND4J first use (load + Gram-Schmidt): %.2f s (load alone %.2f s)%n",
                (System.nanoTime() - t0) / 1e9, Nd4jAlgebra.load());
        for (int rep = 0; rep < 3; rep++) {
            long t1 = System.nanoTime();
            Projection nd = Nd4jAlgebra.project(snaps, e[0], e[1]);
            long t2 = System.nanoTime();
            Projection plain = PlainAlgebra.project(snaps, e[0], e[1]);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "projection %d x %d: ND4J %.0f ms (incl. copy into ND4J), plain Java %.0f"
                    + " ms; max |du| %.2g%n", n, p, (t2 - t1) / 1e6, (t3 - t2) / 1e6, maxDiff(nd.u(), plain.u()));
        }
        long t4 = System.nanoTime();
        Nd4jAlgebra.Pca pca = Nd4jAlgebra.pca(snaps);
        System.out.printf(Locale.ROOT, "PCA of %d x %d via the Gram matrix: %.2f s, explained %.3f%n", n, p,
                (System.nanoTime() - t4) / 1e9, pca.explained());
        System.out.printf(Locale.ROOT, "load average %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double maxDiff(float[] x, float[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
