package org.ewclab.analysis.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.ewclab.engine.LandscapeEvaluator;
import org.ewclab.engine.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * A synthetic quadratic with known minima: L_A(δ) = ½‖δ‖² (θ*A at δ = 0), L_B(δ) = ½‖δ − b‖². Gradient descent on L_B
 * ("plain") walks straight from 0 to b; with an EWC-like penalty ½λΣF_iδ_i² it ends at δ_i = b_i / (1 + λF_i). The
 * landscape must put the minima, the paths and their ends where this algebra says.
 */
class QuadraticLandscapeTest {
    private static final int P = 300;

    @Test
    void minimaAndPathsLieWhereTheAlgebraPutsThem() {
        Random r = new Random(5);
        float[] b = LandscapeAlgebraTest.gaussian(r, P);
        float[] fisher = new float[P];
        for (int i = 0; i < P; i++) {
            fisher[i] = i < P / 2 ? 1f : 0f; // half the weights matter to task A
        }
        Trajectory plain = descend("plain", b, fisher, 0);
        Trajectory ewc = descend("ewc", b, fisher, 4);
        LandscapeRequest req = new LandscapeRequest("plain", "ewc", LandscapeRequest.Mode.RUNS, 41, 1, 1, 1.25, 6,
                true);
        List<Double> progress = new ArrayList<>();
        LandscapeView view = Landscape.compute(List.of(plain, ewc), req, quadratic(b, fisher), progress::add, null);

        // plain's end is b (converged), on the u axis at ‖b‖; ewc's end is b_i/(1+4F_i) by hand
        double nb = Math.sqrt(PlainAlgebra.dot(b, b));
        LandscapeView.RunPath pp = view.paths().get(0);
        LandscapeView.RunPath ep = view.paths().get(1);
        int last = pp.projection().size() - 1;
        assertEquals(nb, pp.projection().u()[last], 1e-3 * nb);
        assertEquals(0, pp.projection().v()[last], 1e-3 * nb);
        // the plain path is the straight segment 0 → b: every point on the u axis, none off the plane
        for (int i = 0; i <= last; i++) {
            assertEquals(0, pp.projection().v()[i], 1e-3 * nb);
            assertEquals(0, pp.projection().offPlane()[i], 2e-2 * nb);
        }
        float[] expectedEnd = new float[P];
        for (int i = 0; i < P; i++) {
            expectedEnd[i] = b[i] / (1 + 4 * fisher[i]);
        }
        float[][] basis = Nd4jAlgebra.orthonormalise(plain.end(), ewc.end());
        int le = ep.projection().size() - 1;
        assertEquals(PlainAlgebra.dot(expectedEnd, basis[0]), ep.projection().u()[le], 1e-3 * nb);
        assertEquals(PlainAlgebra.dot(expectedEnd, basis[1]), ep.projection().v()[le], 1e-3 * nb);
        assertEquals(0, ep.projection().offPlane()[le], 2e-2 * nb, "a run's end spanning the plane lies in it");
        // each half of δ moves along its own half of b at its own rate: the path stays in span(b₁, b₂) = the plane
        assertTrue(ep.projection().maxOffPlane() < 2e-2 * nb, "EWC's path lies in the plane");
        double midU = ep.projection().u()[le / 4];
        double midV = ep.projection().v()[le / 4];
        double endU = ep.projection().u()[le];
        double endV = ep.projection().v()[le];
        assertTrue(Math.abs(midU * endV - midV * endU) > 1e-3 * nb * nb, "and it is curved, not a straight line");

        // the grid: task A's lowest point is the grid point nearest θ*A (0, 0); task B's the one nearest b
        LandscapeEvaluator.Grid g = view.grid();
        assertEquals(nearest(g.us(), 0), argmin(g, 0)[0]);
        assertEquals(nearest(g.vs(), 0), argmin(g, 0)[1]);
        assertEquals(nearest(g.us(), nb), argmin(g, 1)[0]);
        assertEquals(nearest(g.vs(), 0), argmin(g, 1)[1]);
        // and the values are the quadratic's in plane coordinates: L_A = ½(u² + v²)
        int i = 7;
        int j = 30;
        assertEquals(0.5 * (g.us()[i] * g.us()[i] + g.vs()[j] * g.vs()[j]), g.loss(0, i, j), 1e-3);
        // the frame holds every path point with a margin
        assertTrue(g.us()[0] < 0 && g.us()[g.us().length - 1] > nb);

        // the line slice from θ*A through plain's end: L_A = ½t²‖b‖², L_B = ½(1 − t)²‖b‖²
        LandscapeView.LineSlice line = view.lines().get(0);
        assertEquals(1.25, line.t()[5], 1e-12);
        assertEquals(0.5 * 1.25 * 1.25 * nb * nb, line.lossA()[5], 1e-3 * nb * nb);
        assertEquals(0.5 * 0.25 * 0.25 * nb * nb, line.lossB()[5], 1e-3 * nb * nb);

        // the overlap of F_A (first half) and the quadratic's F_B (all weights alike): Σ√(f̂a f̂b) = 150·√(1/150·1/300)
        LandscapeView.FisherOverlap o = view.overlaps().get(0);
        assertEquals(List.of("w", "all"), o.layers());
        assertEquals(Math.sqrt(0.5), o.overlap()[1], 1e-6);
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-12);
    }

    @Test
    void pcaModeFindsThePlaneOfThePathsWithItsShareOfVariance() {
        Random r = new Random(6);
        float[] b = LandscapeAlgebraTest.gaussian(r, P);
        float[] fisher = new float[P];
        java.util.Arrays.fill(fisher, 0, P / 2, 1f);
        Trajectory plain = descend("plain", b, fisher, 0);
        Trajectory ewc = descend("ewc", b, fisher, 4);
        LandscapeRequest req = new LandscapeRequest("plain", "ewc", LandscapeRequest.Mode.PCA, 11, 1, 1, 1.25, 3,
                false);
        LandscapeView view = Landscape.compute(List.of(plain, ewc), req, quadratic(b, fisher), null, null);
        // every snapshot is a combination of b's two halves (δ = α·b_first + β·b_second): the plane explains all
        assertEquals(1.0, view.explainedVariance(), 1e-5);
        for (LandscapeView.RunPath p : view.paths()) {
            assertTrue(p.projection().maxOffPlane() < 1e-2, p.method() + " stays in the PCA plane");
            assertTrue(p.projection().u()[p.projection().size() - 1] > 0, "plain's end at u > 0 by convention");
        }
        assertTrue(view.overlaps().isEmpty());
    }

    /** Gradient descent (step 0.1, 120 steps, every 4th kept) on ½‖δ − b‖² + ½λΣF_iδ_i² from δ = 0. */
    private static Trajectory descend(String method, float[] b, float[] f, double lambda) {
        float[] d = new float[P];
        List<float[]> snaps = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        for (int k = 0; k <= 120; k++) {
            if (k % 4 == 0) {
                snaps.add(d.clone());
                steps.add((long) k);
            }
            for (int i = 0; i < P; i++) {
                d[i] -= (float) (0.1 * ((d[i] - b[i]) + lambda * f[i] * d[i]));
            }
        }
        long[] s = steps.stream().mapToLong(Long::longValue).toArray();
        return new Trajectory("run-" + method, method, lambda, List.of("w"), new int[] {P}, 4, s, snaps, "",
                new double[] {0.5, 0.9});
    }

    /** The quadratic's two losses in closed form at θ*A + u·e1 + v·e2; accuracies are exp(−loss). */
    private static Landscape.Evaluator quadratic(float[] b, float[] fisherA) {
        return new Landscape.Evaluator() {
            @Override
            public List<String> taskNames() {
                return List.of("A", "B");
            }

            @Override
            public LandscapeEvaluator.Grid grid(float[] e1, float[] e2, double[] us, double[] vs,
                    LandscapeEvaluator.Progress p, BooleanSupplier stop) {
                float[][] loss = new float[2][us.length * vs.length];
                float[][] acc = new float[2][us.length * vs.length];
                float[] x = new float[P];
                for (int j = 0; j < vs.length; j++) {
                    for (int i = 0; i < us.length; i++) {
                        double la = 0;
                        double lb = 0;
                        for (int q = 0; q < P; q++) {
                            x[q] = (float) (us[i] * e1[q] + vs[j] * e2[q]);
                            la += 0.5 * x[q] * x[q];
                            lb += 0.5 * (x[q] - b[q]) * (x[q] - b[q]);
                        }
                        loss[0][j * us.length + i] = (float) la;
                        loss[1][j * us.length + i] = (float) lb;
                        acc[0][j * us.length + i] = (float) Math.exp(-la);
                        acc[1][j * us.length + i] = (float) Math.exp(-lb);
                    }
                    if (p != null) {
                        p.update((j + 1) * us.length, us.length * vs.length);
                    }
                }
                return new LandscapeEvaluator.Grid(us, vs, new int[] {0, 1}, List.of("A", "B"), loss, acc, 1, "", 0);
            }

            @Override
            public Map<String, float[]> fisherAt(int task, float[] delta) {
                float[] f = new float[P];
                java.util.Arrays.fill(f, 1f); // the quadratic's Hessian of L_B: the identity
                Map<String, float[]> m = new LinkedHashMap<>();
                m.put("w", f);
                return m;
            }

            @Override
            public Map<String, float[]> checkpointFisher() {
                Map<String, float[]> m = new LinkedHashMap<>();
                m.put("w", fisherA.clone());
                return m;
            }
        };
    }

    private static int[] argmin(LandscapeEvaluator.Grid g, int k) {
        int bi = 0;
        int bj = 0;
        for (int j = 0; j < g.vs().length; j++) {
            for (int i = 0; i < g.us().length; i++) {
                if (g.loss(k, i, j) < g.loss(k, bi, bj)) {
                    bi = i;
                    bj = j;
                }
            }
        }
        return new int[] {bi, bj};
    }

    private static int nearest(double[] xs, double x) {
        int best = 0;
        for (int i = 1; i < xs.length; i++) {
            if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) {
                best = i;
            }
        }
        return best;
    }
}
