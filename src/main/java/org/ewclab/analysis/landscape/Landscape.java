package org.ewclab.analysis.landscape;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.ewclab.engine.LandscapeEvaluator;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.Trajectory;
import org.ewclab.i18n.Texts;

/**
 * Computes a {@link LandscapeView} from the runs' trajectories: the plane (Gram–Schmidt of two run ends, or the PCA of
 * every snapshot, on ND4J), the paths projected onto it, the grid of both tasks' loss over the region the paths cover
 * (the engine's {@link LandscapeEvaluator}), the line slices and the Fisher overlaps. Runs on the calling thread.
 */
public final class Landscape {
    /** Margin around the paths, as a share of the larger span. */
    private static final double MARGIN = 0.15;

    private Landscape() {
    }

    /** What the computation needs from the engine (the tests supply a synthetic one). */
    public interface Evaluator {
        List<String> taskNames();

        /** Both tasks (0 and 1) at θ*A + u·e1 + v·e2. */
        LandscapeEvaluator.Grid grid(float[] e1, float[] e2, double[] us, double[] vs, LandscapeEvaluator.Progress p,
                BooleanSupplier stop);

        /** Task {@code task}'s diagonal Fisher at θ*A + delta, per layer. */
        Map<String, float[]> fisherAt(int task, float[] delta);

        /** Task A's Fisher as the checkpoint holds it (the one EWC uses), per layer. */
        Map<String, float[]> checkpointFisher();
    }

    /** The engine's evaluator with the request's samples and threads. */
    public static Evaluator of(LandscapeEvaluator ev, LandscapeRequest req, RunControl control) {
        return new Evaluator() {
            @Override
            public List<String> taskNames() {
                return ev.taskNames();
            }

            @Override
            public LandscapeEvaluator.Grid grid(float[] e1, float[] e2, double[] us, double[] vs,
                    LandscapeEvaluator.Progress p, BooleanSupplier stop) {
                return ev.evaluate(e1, e2, us, vs, new int[] {0, 1}, req.samples(), req.threads(), p, stop);
            }

            @Override
            public Map<String, float[]> fisherAt(int task, float[] delta) {
                return ev.fisherAt(task, delta, control);
            }

            @Override
            public Map<String, float[]> checkpointFisher() {
                return ev.checkpointFisher(0);
            }
        };
    }

    /**
     * The landscape of {@code runs} (diverged runs, whose snapshots hold NaN, are left out). {@code progress} hears
     * 0..1 on this thread; {@code stop} ends it with a CancellationException.
     */
    public static LandscapeView compute(List<Trajectory> runs, LandscapeRequest req, Evaluator ev,
            DoubleConsumer progress, BooleanSupplier stop) {
        List<Trajectory> usable = new ArrayList<>();
        for (Trajectory t : runs) {
            if (finite(t.end())) {
                usable.add(t);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException(Texts.fmt("landscape.noPath", Texts.get("bar.compare")));
        }
        List<String> names = ev.taskNames();
        if (names.size() < 2) {
            throw new IllegalArgumentException(Texts.get("landscape.twoTasks"));
        }
        Trajectory first = find(usable, req.firstRun());
        float[] e1;
        float[] e2;
        double explained = Double.NaN;
        List<String> planeRuns = new ArrayList<>();
        if (req.mode() == LandscapeRequest.Mode.RUNS) {
            Trajectory second = find(usable, req.secondRun());
            if (first == second) {
                throw new IllegalArgumentException(Texts.get("landscape.sameRun"));
            }
            float[][] basis = Nd4jAlgebra.orthonormalise(first.end(), second.end());
            e1 = basis[0];
            e2 = basis[1];
            planeRuns.add(first.method());
            planeRuns.add(second.method());
        } else {
            List<float[]> all = new ArrayList<>();
            for (Trajectory t : usable) {
                all.addAll(t.deltas());
                planeRuns.add(t.method());
            }
            Nd4jAlgebra.Pca pca = Nd4jAlgebra.pca(all);
            e1 = pca.e1();
            e2 = pca.e2();
            explained = pca.explained();
            // signs: the first run's end at u > 0, the second's (or the first's) at v ≥ 0
            if (PlainAlgebra.dot(first.end(), e1) < 0) {
                negate(e1);
            }
            Trajectory second = find(usable, req.secondRun(), first);
            if (PlainAlgebra.dot(second.end(), e2) < 0) {
                negate(e2);
            }
        }
        progress(progress, 0.02);

        List<LandscapeView.RunPath> paths = new ArrayList<>();
        double umin = 0;
        double umax = 0;
        double vmin = 0;
        double vmax = 0;
        for (Trajectory t : usable) {
            Projection p = PlainAlgebra.project(t.deltas(), e1, e2);
            for (int i = 0; i < p.size(); i++) {
                umin = Math.min(umin, p.u()[i]);
                umax = Math.max(umax, p.u()[i]);
                vmin = Math.min(vmin, p.v()[i]);
                vmax = Math.max(vmax, p.v()[i]);
            }
            double[] row = t.accuracyRow();
            paths.add(new LandscapeView.RunPath(t.method(), t.lambda(), t.steps().clone(), p,
                    row.length > 0 ? row[0] : Double.NaN, row.length > 1 ? row[1] : Double.NaN));
        }
        double[][] box = frame(umin, umax, vmin, vmax);
        double[] us = linspace(box[0][0], box[0][1], req.gridSize());
        double[] vs = linspace(box[1][0], box[1][1], req.gridSize());

        int[] lineWork = {0};
        double lineShare = 0.08;
        double fisherShare = req.fisherOverlap() ? 0.10 : 0;
        double gridShare = 1 - 0.02 - lineShare - fisherShare;
        LandscapeEvaluator.Grid grid = ev.grid(e1, e2, us, vs,
                (done, total) -> progress(progress, 0.02 + gridShare * done / total), stop);

        List<LandscapeView.LineSlice> lines = new ArrayList<>();
        double[] ts = linspace(0, req.lineEnd(), req.linePoints());
        float[] zero = new float[e1.length];
        for (Trajectory t : usable) {
            LandscapeEvaluator.Grid g = ev.grid(t.end(), zero, ts, new double[] {0}, null, stop);
            lines.add(new LandscapeView.LineSlice(t.method(), ts, g.loss()[0], g.loss()[1], g.accuracy()[0],
                    g.accuracy()[1]));
            lineWork[0]++;
            progress(progress, 0.02 + gridShare + lineShare * lineWork[0] / usable.size());
        }

        List<LandscapeView.FisherOverlap> overlaps = new ArrayList<>();
        if (req.fisherOverlap()) {
            if (stop != null && stop.getAsBoolean()) {
                throw new CancellationException("landscape stopped");
            }
            List<Map<String, float[]>> fishers = new ArrayList<>();
            fishers.add(ev.checkpointFisher());
            for (int task = 1; task < names.size(); task++) {
                fishers.add(ev.fisherAt(task, first.end()));
                for (int earlier = 0; earlier < task; earlier++) {
                    overlaps.add(overlap(earlier, task, names, fishers.get(earlier), fishers.get(task)));
                }
                progress(progress, 0.02 + gridShare + lineShare + fisherShare * task / (names.size() - 1));
            }
        }
        progress(progress, 1);
        return new LandscapeView(names.get(0), names.get(1), req.mode(), planeRuns, explained, grid, paths, lines,
                overlaps, first.method(), grid.seconds());
    }

    /** Per shared layer, and over all shared layers together ("all"), the overlap of two Fishers. */
    static LandscapeView.FisherOverlap overlap(int a, int b, List<String> names, Map<String, float[]> fa,
            Map<String, float[]> fb) {
        Set<String> common = new LinkedHashSet<>(fa.keySet());
        common.retainAll(fb.keySet());
        List<String> layers = new ArrayList<>(common);
        double[] out = new double[layers.size() + 1];
        int total = 0;
        for (String l : layers) {
            total += fa.get(l).length;
        }
        float[] allA = new float[total];
        float[] allB = new float[total];
        int off = 0;
        for (int i = 0; i < layers.size(); i++) {
            float[] x = fa.get(layers.get(i));
            float[] y = fb.get(layers.get(i));
            out[i] = Nd4jAlgebra.overlap(x, y);
            System.arraycopy(x, 0, allA, off, x.length);
            System.arraycopy(y, 0, allB, off, y.length);
            off += x.length;
        }
        out[layers.size()] = Nd4jAlgebra.overlap(allA, allB);
        layers.add("all");
        return new LandscapeView.FisherOverlap(a, b, names.get(a), names.get(b), layers, out);
    }

    /** The grid's extent: the paths and θ*A with a margin, neither side thinner than a third of the other. */
    static double[][] frame(double umin, double umax, double vmin, double vmax) {
        double su = umax - umin;
        double sv = vmax - vmin;
        double span = Math.max(Math.max(su, sv), 1e-6);
        if (su < span / 3) {
            double c = (umin + umax) / 2;
            umin = c - span / 6;
            umax = c + span / 6;
        }
        if (sv < span / 3) {
            double c = (vmin + vmax) / 2;
            vmin = c - span / 6;
            vmax = c + span / 6;
        }
        double m = MARGIN * span;
        return new double[][] {{umin - m, umax + m}, {vmin - m, vmax + m}};
    }

    static double[] linspace(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * i / (n - 1);
        }
        return out;
    }

    private static Trajectory find(List<Trajectory> runs, String method) {
        for (Trajectory t : runs) {
            if (t.method().equals(method)) {
                return t;
            }
        }
        throw new IllegalArgumentException(Texts.fmt("landscape.noRunOf", method,
                runs.stream().map(Trajectory::method).toList()));
    }

    private static Trajectory find(List<Trajectory> runs, String method, Trajectory fallback) {
        for (Trajectory t : runs) {
            if (t.method().equals(method) && t != fallback) {
                return t;
            }
        }
        return fallback;
    }

    private static boolean finite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static void negate(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
        }
    }

    private static void progress(DoubleConsumer p, double value) {
        if (p != null) {
            p.accept(Math.min(1, value));
        }
    }
}
