package org.ewclab.analysis.landscape;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ewclab.i18n.Texts;

/**
 * The landscape's linear algebra on ND4J: Gram–Schmidt of two run ends, projections, the PCA of trajectories (through
 * the small Gram matrix of the snapshots) and the Fisher overlap. The only class of the lab that touches ND4J: it loads
 * (≈1.4 s, and the first time unpacks its native library into the JavaCPP cache, {@code ~/.javacpp/cache}) when a
 * landscape view first needs it, never at start-up. Inputs and outputs are plain arrays.
 */
public final class Nd4jAlgebra {
    private static volatile double loadSeconds = Double.NaN;

    private Nd4jAlgebra() {
    }

    /** Loads ND4J's backend now (if not yet) and returns how long the first load took, in seconds. */
    public static synchronized double load() {
        if (Double.isNaN(loadSeconds)) {
            long t0 = System.nanoTime();
            Nd4j.create(new float[] {1f, 2f}).sumNumber();
            loadSeconds = (System.nanoTime() - t0) / 1e9;
        }
        return loadSeconds;
    }

    /**
     * Orthonormal e1, e2 spanning a and b (Gram–Schmidt): e1 = a/‖a‖, e2 = the part of b orthogonal to a, normalised.
     * Throws if a is zero or b is (nearly) parallel to a: two such runs span no plane.
     */
    public static float[][] orthonormalise(float[] a, float[] b) {
        load();
        INDArray x = Nd4j.createFromArray(a).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.createFromArray(b).castTo(DataType.DOUBLE);
        double na = x.norm2Number().doubleValue();
        if (!(na > 0)) {
            throw new IllegalArgumentException(Texts.get("landscape.noDirection"));
        }
        INDArray e1 = x.div(na);
        INDArray rest = y.sub(e1.mul(e1.mul(y).sumNumber().doubleValue()));
        double nr = rest.norm2Number().doubleValue();
        double nb = y.norm2Number().doubleValue();
        if (!(nr > 1e-6 * Math.max(nb, 1e-30))) {
            throw new IllegalArgumentException(Texts.get("landscape.oneLine"));
        }
        return new float[][] {e1.toFloatVector(), rest.div(nr).toFloatVector()};
    }

    /** The same as {@link PlainAlgebra#project}, as one (n × P)·(P × 2) product on ND4J. */
    public static Projection project(List<float[]> snapshots, float[] e1, float[] e2) {
        load();
        INDArray s = Nd4j.create(snapshots.toArray(new float[0][]));
        INDArray e = Nd4j.create(new float[][] {e1, e2}).transpose();
        INDArray uv = s.mmul(e);
        INDArray sq = s.mul(s).sum(1);
        int n = snapshots.size();
        float[] u = new float[n];
        float[] v = new float[n];
        float[] off = new float[n];
        for (int k = 0; k < n; k++) {
            u[k] = uv.getFloat(k, 0);
            v[k] = uv.getFloat(k, 1);
            off[k] = (float) Math.sqrt(Math.max(0, sq.getDouble(k) - (double) u[k] * u[k] - (double) v[k] * v[k]));
        }
        return new Projection(u, v, off);
    }

    /** The two leading principal directions and the share of the spread they explain. */
    public record Pca(float[] e1, float[] e2, double explained, double[] eigenvalues) {
    }

    /**
     * The plane through θ*A that best fits the snapshots (deltas from θ*A): the two leading eigenvectors of their
     * second-moment matrix about θ*A (uncentred, so the plane passes through θ*A where the map's origin is), found
     * through the small n × n Gram matrix S·Sᵀ: if S·Sᵀ·a = λa then Sᵀa/√λ is a unit eigenvector of Sᵀ·S.
     * {@code explained} = (λ1 + λ2) / Σλ = the share of Σ‖δ‖² that lies in the plane.
     */
    public static Pca pca(List<float[]> snapshots) {
        load();
        int n = snapshots.size();
        if (n < 2) {
            throw new IllegalArgumentException(Texts.fmt("landscape.pcaSnapshots", n));
        }
        INDArray s = Nd4j.create(snapshots.toArray(new float[0][])).castTo(DataType.DOUBLE);
        INDArray gram = s.mmul(s.transpose());
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += gram.getDouble(i, i);
        }
        INDArray vectors = gram.dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        double[] lambda = values.toDoubleVector();
        int first = 0;
        int second = -1;
        for (int i = 1; i < n; i++) {
            if (lambda[i] > lambda[first]) {
                first = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (i != first && (second < 0 || lambda[i] > lambda[second])) {
                second = i;
            }
        }
        if (!(lambda[second] > 1e-12 * Math.max(trace, 1e-30))) {
            throw new IllegalArgumentException(Texts.get("landscape.snapshotsOneLine"));
        }
        float[] e1 = s.transpose().mmul(vectors.getColumn(first).reshape(n, 1)).div(Math.sqrt(lambda[first]))
                .castTo(DataType.FLOAT).toFloatVector();
        float[] e2 = s.transpose().mmul(vectors.getColumn(second).reshape(n, 1)).div(Math.sqrt(lambda[second]))
                .castTo(DataType.FLOAT).toFloatVector();
        double[] sorted = lambda.clone();
        java.util.Arrays.sort(sorted);
        double[] desc = new double[n];
        for (int i = 0; i < n; i++) {
            desc[i] = sorted[n - 1 - i];
        }
        return new Pca(e1, e2, trace > 0 ? (lambda[first] + lambda[second]) / trace : Double.NaN, desc);
    }

    /**
     * The overlap of two diagonal Fishers (Kirkpatrick et al. 2017, Fig. 2C): each normalised to unit trace,
     * F̂ = F / tr F, then 1 − d² with the Fréchet distance d² = ½ tr(F̂1 + F̂2 − 2(F̂1F̂2)^½). For diagonal matrices
     * d² = ½ Σ(√f̂1 − √f̂2)², so overlap = Σ √(f̂1·f̂2): 1 for identical Fishers (up to scale), 0 for disjoint ones.
     * NaN when either Fisher is all zero.
     */
    public static double overlap(float[] f1, float[] f2) {
        if (f1.length != f2.length) {
            throw new IllegalArgumentException("Fishers of " + f1.length + " and " + f2.length + " values");
        }
        load();
        INDArray a = Transforms.abs(Nd4j.createFromArray(f1).castTo(DataType.DOUBLE), false);
        INDArray b = Transforms.abs(Nd4j.createFromArray(f2).castTo(DataType.DOUBLE), false);
        double ta = a.sumNumber().doubleValue();
        double tb = b.sumNumber().doubleValue();
        if (!(ta > 0) || !(tb > 0)) {
            return Double.NaN;
        }
        INDArray ra = Transforms.sqrt(a.div(ta), false);
        INDArray rb = Transforms.sqrt(b.div(tb), false);
        INDArray diff = ra.sub(rb);
        double d2 = 0.5 * diff.mul(diff).sumNumber().doubleValue();
        return 1 - d2;
    }
}
