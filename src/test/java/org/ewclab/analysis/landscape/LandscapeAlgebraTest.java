package org.ewclab.analysis.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ND4J's plane, projections, PCA and Fisher overlaps against hand-computed values and the plain-Java route. */
class LandscapeAlgebraTest {
    private static final int P = 500;

    @Test
    void pcaOfSnapshotsOnAKnownPlaneRecoversThePlane() {
        Random r = new Random(1);
        float[][] basis = Nd4jAlgebra.orthonormalise(gaussian(r, P), gaussian(r, P));
        List<float[]> snaps = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            double a = 3 * r.nextGaussian();
            double b = r.nextGaussian();
            snaps.add(combine(basis[0], a, basis[1], b));
        }
        Nd4jAlgebra.Pca pca = Nd4jAlgebra.pca(snaps);
        assertEquals(1.0, pca.explained(), 1e-6, "every snapshot lies in the plane");
        for (float[] e : new float[][] {pca.e1(), pca.e2()}) {
            double inPlane = sq(PlainAlgebra.dot(e, basis[0])) + sq(PlainAlgebra.dot(e, basis[1]));
            assertEquals(1.0, inPlane, 1e-4, "a principal direction lies in the known plane");
            assertEquals(1.0, PlainAlgebra.dot(e, e), 1e-4, "unit length");
        }
        assertEquals(0.0, PlainAlgebra.dot(pca.e1(), pca.e2()), 1e-4, "orthogonal");
        // the first component is the long axis (variance 9 against 1)
        assertTrue(Math.abs(PlainAlgebra.dot(pca.e1(), basis[0])) > 0.99);
        Projection p = PlainAlgebra.project(snaps, pca.e1(), pca.e2());
        assertTrue(p.maxOffPlane() < 1e-3, "no snapshot leaves the plane: " + p.maxOffPlane());
    }

    @Test
    void pcaOfSnapshotsOffThePlaneReportsTheShareItExplains() {
        // spread 2 along x, 1 along y, 1 along z (uncentred second moments 4, 1, 1): the plane holds 5/6
        float[] x = unit(0);
        float[] y = unit(1);
        float[] z = unit(2);
        List<float[]> snaps = List.of(combine(x, 2, y, 0), combine(x, -2, y, 0), combine(y, 1, z, 0),
                combine(y, -1, z, 0), combine(z, 1, x, 0), combine(z, -1, x, 0));
        Nd4jAlgebra.Pca pca = Nd4jAlgebra.pca(snaps);
        assertEquals((8 + 2) / 12.0, pca.explained(), 1e-6);
        assertEquals(1.0, Math.abs(PlainAlgebra.dot(pca.e1(), x)), 1e-5);
    }

    @Test
    void gramSchmidtAndProjectionAgreeWithHandValues() {
        float[] a = new float[P];
        float[] b = new float[P];
        a[0] = 3;
        a[1] = 4;
        b[0] = 1;
        b[2] = 2;
        float[][] e = Nd4jAlgebra.orthonormalise(a, b);
        assertEquals(0.6, e[0][0], 1e-6);
        assertEquals(0.8, e[0][1], 1e-6);
        // b − (b·e1)e1 = (1,0,2) − 0.6·(0.6,0.8,0) = (0.64, −0.48, 2), norm √4.64
        double n = Math.sqrt(4.64);
        assertEquals(0.64 / n, e[1][0], 1e-6);
        assertEquals(-0.48 / n, e[1][1], 1e-6);
        assertEquals(2 / n, e[1][2], 1e-6);
        float[] c = new float[P];
        c[0] = 3;
        c[1] = 4;
        c[3] = 2; // 5 along e1, off the plane by 2
        Projection plain = PlainAlgebra.project(List.of(a, b, c), e[0], e[1]);
        Projection nd = Nd4jAlgebra.project(List.of(a, b, c), e[0], e[1]);
        assertEquals(5, plain.u()[0], 1e-5);
        assertEquals(0, plain.v()[0], 1e-5);
        assertEquals(0.6, plain.u()[1], 1e-5);
        assertEquals(n, plain.v()[1], 1e-5);
        assertEquals(5, plain.u()[2], 1e-5);
        assertEquals(2, plain.offPlane()[2], 1e-5);
        for (int i = 0; i < 3; i++) {
            assertEquals(plain.u()[i], nd.u()[i], 1e-5);
            assertEquals(plain.v()[i], nd.v()[i], 1e-5);
            assertEquals(plain.offPlane()[i], nd.offPlane()[i], 1e-3);
        }
        assertThrows(IllegalArgumentException.class, () -> Nd4jAlgebra.orthonormalise(a, scaled(a, 2)));
    }

    @Test
    void fisherOverlapIsOneForIdenticalAndZeroForDisjointFishers() {
        Random r = new Random(2);
        float[] f = new float[200];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.abs(r.nextGaussian());
        }
        assertEquals(1.0, Nd4jAlgebra.overlap(f, f), 1e-9);
        assertEquals(1.0, Nd4jAlgebra.overlap(f, scaled(f, 1000)), 1e-6, "normalised to trace 1: scale-free");
        float[] left = new float[200];
        float[] right = new float[200];
        for (int i = 0; i < 100; i++) {
            left[i] = f[i];
            right[100 + i] = f[100 + i];
        }
        assertEquals(0.0, Nd4jAlgebra.overlap(left, right), 1e-9);
        // by hand: F̂1 = (1, 0), F̂2 = (½, ½): d² = ½[(1 − √½)² + (0 − √½)²] = 1 − √½, overlap √½
        assertEquals(Math.sqrt(0.5), Nd4jAlgebra.overlap(new float[] {2, 0}, new float[] {1, 1}), 1e-9);
        assertTrue(Double.isNaN(Nd4jAlgebra.overlap(new float[2], new float[] {1, 1})));
    }

    static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static float[] combine(float[] a, double x, float[] b, double y) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (x * a[i] + y * b[i]);
        }
        return out;
    }

    private static float[] unit(int i) {
        float[] v = new float[P];
        v[i] = 1;
        return v;
    }

    static float[] scaled(float[] a, double s) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] * s);
        }
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }
}
