package org.ewclab.engine;

import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;

/**
 * {@code bench --cnn-fisher}: the CNN's per-sample Fisher, vectorised (per-sample convolution gradients from unfolded
 * inputs) against the loop over single samples, on the same network and samples, interleaved after a warm-up round;
 * prints samples/s of each (thread CPU time and wall time), the speed-up, and how far the two estimates differ.
 */
public final class CnnFisherBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CnnFisherBenchmark() {
    }

    /** The figures of one bench. */
    public record Result(int samples, int channels, double[] vectorisedPerSecond, double[] loopPerSecond,
            double[] vectorisedCpuPerSecond, double[] loopCpuPerSecond, double maxRelativeDifference) {

        public double speedUp() {
            return Benchmark.median(vectorisedCpuPerSecond) / Benchmark.median(loopCpuPerSecond);
        }

        public List<String> describe() {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "CNN per-sample Fisher (conv 3×3×%d → ReLU → max-pool 2 → linear 10, "
                    + "28×28 MNIST, %d samples, empirical labels), median of %d rounds after a warm-up:", channels,
                    samples, vectorisedPerSecond.length));
            out.add(String.format(Locale.ROOT, "  vectorised (im2col): %8.0f samples/s CPU time, %8.0f wall",
                    Benchmark.median(vectorisedCpuPerSecond), Benchmark.median(vectorisedPerSecond)));
            out.add(String.format(Locale.ROOT, "  loop of batch 1:     %8.0f samples/s CPU time, %8.0f wall",
                    Benchmark.median(loopCpuPerSecond), Benchmark.median(loopPerSecond)));
            out.add(String.format(Locale.ROOT, "  speed-up %.1f× (CPU time; wall %.1f×); largest difference between"
                    + " the two estimates %.1e of the largest entry", speedUp(),
                    Benchmark.median(vectorisedPerSecond) / Benchmark.median(loopPerSecond), maxRelativeDifference));
            return out;
        }
    }

    public static Result run(TaskData task, int samples, int rounds, int channels, Consumer<String> log) {
        TaskArrays data = TaskArrays.of(task);
        int n = Math.min(samples, data.trainSize());
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        ModelSpec spec = new ModelSpec("cnn", List.of(), "relu", false, false, channels);
        FisherSpec f = new FisherSpec("empirical", "per-sample", 0, 1, 100.0, 1.0);
        double[] vw = new double[rounds];
        double[] lw = new double[rounds];
        double[] vc = new double[rounds];
        double[] lc = new double[rounds];
        double maxDiff = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new Network(m, spec, data.features(), data.height(), data.width(),
                    new int[] {data.classes()}, 0, null);
            List<String> names = net.activeParameters(0);
            for (int r = 0; r <= rounds; r++) {
                log.accept((r == 0 ? "warm-up" : "measured round " + r) + ": vectorised, then the loop");
                FisherEstimator fast = new FisherEstimator(f, 0);
                fast.cnnVectorised = true;
                FisherEstimator loop = new FisherEstimator(f, 0);
                loop.vectorised = false;
                long w0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                NamedTensors a = fast.estimate(net, data, rows, 0, names, m, null);
                long w1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                NamedTensors b = loop.estimate(net, data, rows, 0, names, m, null);
                long w2 = System.nanoTime();
                long c2 = THREADS.getCurrentThreadCpuTime();
                if (r > 0) {
                    vw[r - 1] = n / ((w1 - w0) / 1e9);
                    vc[r - 1] = n / ((c1 - c0) / 1e9);
                    lw[r - 1] = n / ((w2 - w1) / 1e9);
                    lc[r - 1] = n / ((c2 - c1) / 1e9);
                }
                double max = FisherEstimator.max(b);
                for (String name : names) {
                    float[] va = a.get(name);
                    float[] vb = b.get(name);
                    for (int i = 0; i < va.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(va[i] - vb[i]) / max);
                    }
                }
            }
        }
        return new Result(n, channels, vw, lw, vc, lc, maxDiff);
    }
}
