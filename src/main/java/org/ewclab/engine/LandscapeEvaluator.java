package org.ewclab.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.ewclab.data.StratifiedSample;
import org.ewclab.engine.ExperimentPreset.ModelSpec;

/**
 * Evaluates the tasks' loss and accuracy on a plane (or a line) through the first-task solution,
 * θ(u, v) = θ*A + u·e1 + v·e2, for the loss landscape. The directions are plain arrays over the trainable parameters
 * in network order ({@link #parameterNames()}, the layout of a {@link Trajectory}); nothing of DJL leaves.
 *
 * <p>Fast because the first layer is affine in (u, v): X·W(u,v)ᵀ + b(u,v) = (X·W0ᵀ + b0) + u·(X·E1ᵀ + e1b) +
 * v·(X·E2ᵀ + e2b), so the big 784-wide product is taken three times per task, not once per grid point; the remaining
 * (small) layers run for a whole grid row at once with batched weights. BatchNorm runs in evaluation mode on the
 * checkpoint's running statistics (task A's; a run with "updated" statistics moved its own, which the plane does not
 * follow): {@link #batchNormNote()} says which. MLPs only; a CNN is refused with a message.
 */
public final class LandscapeEvaluator {
    /** Test samples per task on which the grid is evaluated. */
    public static final int DEFAULT_SAMPLES = 1000;
    private static final long SAMPLE_SALT = 0x1A4D_5CA9EL;
    private static final float BN_EPS = 1e-5f;

    private final ExperimentSession session;
    private final ExperimentPreset preset;
    private final TaskCheckpoint checkpoint;
    private final ModelSpec spec;
    private final List<String> names = new ArrayList<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private final float[] origin;
    private final int[] headClasses;

    private LandscapeEvaluator(ExperimentSession session, TaskCheckpoint checkpoint) {
        this.session = session;
        this.preset = session.preset();
        this.checkpoint = checkpoint;
        this.spec = preset.model();
        List<TaskArrays> arrays = session.arrays();
        TaskArrays a = arrays.get(0);
        int[] classes = new int[arrays.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = arrays.get(i).classes();
        }
        headClasses = Network.heads(spec, classes);
        int n = 0;
        for (Map.Entry<String, int[]> e : Network.layout(spec, a.height(), a.width(), a.features(), headClasses)
                .entrySet()) {
            if (e.getKey().contains("running")) {
                continue;
            }
            names.add(e.getKey());
            shapes.put(e.getKey(), e.getValue());
            offsets.put(e.getKey(), n);
            n += Network.count(e.getValue());
        }
        origin = new float[n];
        for (String name : names) {
            float[] v = checkpoint.model().get(name);
            System.arraycopy(v, 0, origin, offsets.get(name), v.length);
        }
    }

    /** An evaluator over the session's tasks around the checkpoint's parameters (θ*A). */
    public static LandscapeEvaluator of(ExperimentSession session, TaskCheckpoint checkpoint) {
        return new LandscapeEvaluator(session, checkpoint);
    }

    /** Why this model's landscape cannot be computed, or null when it can. */
    public String unsupportedReason() {
        return "cnn".equals(spec.type()) ? org.ewclab.i18n.Texts.get(
                "landscape.mlpOnly")
                : null;
    }

    /** The trainable parameters, in the order of a direction's (and a {@link Trajectory}'s) numbers. */
    public List<String> parameterNames() {
        return List.copyOf(names);
    }

    /** How many numbers of the flat direction belong to each of {@link #parameterNames()}. */
    public int[] parameterSizes() {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Network.count(shapes.get(names.get(i)));
        }
        return out;
    }

    public int parameterCount() {
        return origin.length;
    }

    /**
     * Which BatchNorm statistics the grid uses, for the chart: "" (no BatchNorm), "frozen" (the runs kept task A's
     * statistics, as the grid does) or "updated" (the runs moved theirs; the grid still uses task A's).
     */
    public String batchNormNote() {
        return spec.batchNorm() ? preset.training().batchNormStats() : "";
    }

    public List<String> taskNames() {
        List<String> out = new ArrayList<>();
        for (TaskArrays t : session.arrays()) {
            out.add(t.name());
        }
        return out;
    }

    /** Reports grid points done of total (on the evaluating thread). */
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * The evaluated grid. {@code loss[k]} and {@code accuracy[k]} belong to task {@code tasks[k]}; the value at
     * (us[i], vs[j]) is element {@code j·us.length + i}. Loss is the mean cross-entropy (nats) on the samples.
     */
    public record Grid(double[] us, double[] vs, int[] tasks, List<String> taskNames, float[][] loss,
            float[][] accuracy, int samples, String batchNorm, double seconds) {
        public Grid {
            taskNames = List.copyOf(taskNames);
        }

        public float loss(int k, int i, int j) {
            return loss[k][j * us.length + i];
        }

        public float accuracy(int k, int i, int j) {
            return accuracy[k][j * us.length + i];
        }
    }

    /**
     * Loss and accuracy of each task of {@code tasks} at θ*A + u·e1 + v·e2 for every u of {@code us} and v of
     * {@code vs}, on {@code samples} test samples per task (stratified, seeded). {@code threads} = 1 runs on the calling
     * thread; more split the grid rows over that many Java threads ("lanes", one torch thread each). {@code progress}
     * hears every finished row (from the lanes' threads); {@code stop} is polled per grid row and ends it with a
     * CancellationException.
     */
    public Grid evaluate(float[] e1, float[] e2, double[] us, double[] vs, int[] tasks, int samples, int threads,
            Progress progress, BooleanSupplier stop) {
        if (unsupportedReason() != null) {
            throw new IllegalArgumentException(unsupportedReason());
        }
        if (e1.length != origin.length || e2.length != origin.length) {
            throw new IllegalArgumentException("a direction has " + e1.length + " and " + e2.length
                    + " numbers; the network has " + origin.length + " parameters");
        }
        long t0 = System.nanoTime();
        Engine.getInstance();
        JniUtils.setGradMode(false);
        JniUtils.setNumThreads(Math.max(1, threads));
        int nu = us.length;
        int nv = vs.length;
        int total = nu * nv * tasks.length;
        float[][] loss = new float[tasks.length][nu * nv];
        float[][] acc = new float[tasks.length][nu * nv];
        int used = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray[]> p = new LinkedHashMap<>();
            for (String name : names) {
                int off = offsets.get(name);
                int len = Network.count(shapes.get(name));
                Shape shape = new Shape(Network.toLong(shapes.get(name)));
                p.put(name, new NDArray[] {
                    Tensors.upload(m, java.util.Arrays.copyOfRange(origin, off, off + len), shape),
                    Tensors.upload(m, java.util.Arrays.copyOfRange(e1, off, off + len), shape),
                    Tensors.upload(m, java.util.Arrays.copyOfRange(e2, off, off + len), shape)});
            }
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            for (int k = 0; k < tasks.length; k++) {
                int task = tasks[k];
                TaskArrays data = session.arrays().get(task);
                int[] rows = sampleRows(data, task, samples);
                used = rows.length;
                int head = spec.multiHead() ? task : 0;
                int classes = headClasses[head];
                String headName = spec.multiHead() ? "head" + (head + 1) : "fc" + (spec.hidden().size() + 1);
                List<String> layers = new ArrayList<>();
                for (int i = 0; i < spec.hidden().size(); i++) {
                    layers.add("fc" + (i + 1));
                }
                layers.add(headName);
                int d = data.features();
                float[] x = new float[rows.length * d];
                float[] onehot = new float[rows.length * classes];
                long[] labels = new long[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(data.testX(), rows[i] * d, x, i * d, d);
                    labels[i] = data.testY()[rows[i]];
                    onehot[i * classes + data.testY()[rows[i]]] = 1f;
                }
                try (NDManager tm = m.newSubManager()) {
                    int n = rows.length;
                    NDArray xs = Tensors.upload(tm, x, new Shape(n, d));
                    // samples along the last axis: every later layer is then W·h with a wide (N-column) right side
                    NDArray oh = Tensors.upload(tm, transpose(onehot, n, classes), new Shape(1, classes, n));
                    NDArray ys = tm.create(labels, new Shape(1, n)).duplicate();
                    String first = layers.get(0);
                    NDArray[] w = p.get(first + ".weight");
                    NDArray[] b = p.get(first + ".bias");
                    int width = (int) w[0].getShape().get(0);
                    boolean hidden = layers.size() > 1;
                    boolean relu = !"tanh".equals(spec.activation()) && !"sigmoid".equals(spec.activation());
                    // the first layer's three pre-activations, transposed to (H, N), once per task
                    float[][] pre = new float[3][];
                    for (int c = 0; c < 3; c++) {
                        pre[c] = transpose(Linear.linear(xs, w[c], b[c]).singletonOrThrow().toFloatArray(), n, width);
                    }
                    final int kk = k;
                    final int lanes = Math.max(1, Math.min(threads, nv));
                    java.util.function.IntConsumer worker = lane -> {
                        JniUtils.setGradMode(false);
                        JniUtils.setNumThreads(1);
                        float[] q = new float[width * n];
                        // one grid row's first-layer activations (G, H+1, N); the extra row of ones carries the next
                        // layer's bias through its matrix product
                        int rowsOut = hidden ? width + 1 : width;
                        float[] act = new float[nu * rowsOut * n];
                        // one native buffer per task that every grid row's tensor wraps (no 16 MB allocation per row)
                        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(4 * act.length)
                                .order(java.nio.ByteOrder.nativeOrder());
                        for (int j = lane; j < nv; j += lanes) {
                            if (stop != null && stop.getAsBoolean()) {
                                throw new CancellationException("landscape stopped");
                            }
                            float vj = (float) vs[j];
                            for (int e = 0; e < q.length; e++) {
                                q[e] = pre[0][e] + vj * pre[2][e];
                            }
                            java.util.stream.IntStream gs = java.util.stream.IntStream.range(0, nu);
                            (threads > 1 && lanes == 1 ? gs.parallel() : gs).forEach(g -> {
                                float ug = (float) us[g];
                                int base = g * rowsOut * n;
                                float[] p1 = pre[1];
                                if (!hidden) {
                                    for (int e = 0; e < q.length; e++) {
                                        act[base + e] = q[e] + ug * p1[e];
                                    }
                                } else if (relu) {
                                    for (int e = 0; e < q.length; e++) {
                                        act[base + e] = Math.max(0f, q[e] + ug * p1[e]);
                                    }
                                } else {
                                    for (int e = 0; e < q.length; e++) {
                                        act[base + e] = activate(q[e] + ug * p1[e]);
                                    }
                                }
                                if (hidden) {
                                    java.util.Arrays.fill(act, base + width * n, base + (width + 1) * n, 1f);
                                }
                            });
                            try (NDScope scope = new NDScope()) {
                                scope.suppressNotUsedWarning();
                                float[] cuv = new float[nu];
                                float[] cvv = new float[nu];
                                for (int i = 0; i < nu; i++) {
                                    cuv[i] = (float) us[i];
                                    cvv[i] = vj;
                                }
                                NDArray cu = Tensors.upload(tm, cuv, new Shape(nu, 1, 1));
                                NDArray cv = Tensors.upload(tm, cvv, new Shape(nu, 1, 1));
                                direct.asFloatBuffer().put(0, act);
                                NDArray h = tm.create(direct, new Shape(nu, rowsOut, n), DataType.FLOAT32);
                                // BatchNorm in eval mode is a per-unit affine map h·s + c, folded into the next layer's
                                // (small, per grid point) weights: W·(h⊙s + c) + b = (W⊙s)·h + (W·c + b)
                                NDArray scale = null;
                                NDArray shift = null;
                                for (int li = 0; li < layers.size(); li++) {
                                    String layer = layers.get(li);
                                    if (li > 0) {
                                        NDArray wg = combine(p.get(layer + ".weight"), cu, cv);       // (G, out, in)
                                        NDArray bg = combine(row(p.get(layer + ".bias")), cu, cv)
                                                .transpose(0, 2, 1);                                   // (G, out, 1)
                                        if (scale != null) {
                                            bg = bg.add(wg.batchMatMul(shift.transpose(0, 2, 1)));
                                            wg = wg.mul(scale);
                                        }
                                        if (li == 1) {
                                            h = wg.concat(bg, 2).batchMatMul(h);
                                        } else {
                                            h = wg.batchMatMul(h).add(bg);
                                        }
                                        if (li < layers.size() - 1) {
                                            h = activate(h);
                                        }
                                    }
                                    scale = null;
                                    shift = null;
                                    if (li < layers.size() - 1 && spec.batchNorm()) {
                                        String bn = "bn" + (li + 1);
                                        float[] mean = checkpoint.model().get(bn + ".running_mean");
                                        float[] var = checkpoint.model().get(bn + ".running_var");
                                        float[] inv = new float[var.length];
                                        for (int r = 0; r < var.length; r++) {
                                            inv[r] = (float) (1 / Math.sqrt(var[r] + BN_EPS));
                                        }
                                        NDArray mu = Tensors.upload(tm, mean, new Shape(1, 1, mean.length));
                                        NDArray is = Tensors.upload(tm, inv, new Shape(1, 1, inv.length));
                                        NDArray gamma = combine(row(p.get(bn + ".weight")), cu, cv);
                                        NDArray beta = combine(row(p.get(bn + ".bias")), cu, cv);
                                        // (h − μ)·is·γ + β = h·s + c with s = is·γ, c = β − μ·s   (shapes (G,1,H))
                                        scale = is.mul(gamma);
                                        shift = beta.sub(mu.mul(scale));
                                    }
                                }
                                NDArray logp = h.logSoftmax(1);                                        // (G, C, N)
                                float[] l = logp.mul(oh).sum(new int[] {1, 2}).neg().div(n).toFloatArray();
                                float[] a = h.argMax(1).eq(ys).toType(DataType.FLOAT32, false).mean(new int[] {1})
                                        .toFloatArray();
                                System.arraycopy(l, 0, loss[kk], j * nu, nu);
                                System.arraycopy(a, 0, acc[kk], j * nu, nu);
                            }
                            int now = done.addAndGet(nu);
                            if (progress != null) {
                                progress.update(now, total);
                            }
                        }
                    };
                    runLanes(worker, lanes);
                }
            }
        }
        List<String> taskNames = new ArrayList<>();
        for (int t : tasks) {
            taskNames.add(session.arrays().get(t).name());
        }
        return new Grid(us.clone(), vs.clone(), tasks.clone(), taskNames, loss, acc, used, batchNormNote(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Runs {@code worker(lane)} for lanes 0..lanes−1: inline for one, else on that many Java threads at once, each
     * with one torch thread (grid rows are independent; two lanes keep both cores busy where one torch thread
     * leaves one idle). A failure (or a stop) of any lane is rethrown here.
     */
    private static void runLanes(java.util.function.IntConsumer worker, int lanes) {
        if (lanes == 1) {
            worker.accept(0);
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(lanes, r -> {
            Thread t = new Thread(r, "ewc-lab-landscape-lane");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                int l = lane;
                futures.add(pool.submit(() -> worker.accept(l)));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same, along one line θ*A + t·direction (a grid with one row, v = 0). */
    public Grid line(float[] direction, double[] ts, int[] tasks, int samples, int threads, Progress progress,
            BooleanSupplier stop) {
        return evaluate(direction, new float[direction.length], ts, new double[] {0}, tasks, samples, threads,
                progress, stop);
    }

    /** The test samples of a task the grid is evaluated on: seeded, stratified by class. */
    int[] sampleRows(TaskArrays data, int task, int samples) {
        int n = samples <= 0 ? data.testSize() : Math.min(samples, data.testSize());
        return StratifiedSample.draw(data.testY(), data.classes(), n,
                Runner.mix(preset.seed(), task, -2) ^ SAMPLE_SALT);
    }

    /** t[0] + u·t[1] + v·t[2], broadcast over the leading grid axis of u and v (shape (G,1,1)). */
    private static NDArray combine(NDArray[] t, NDArray cu, NDArray cv) {
        return t[0].expandDims(0).add(t[1].expandDims(0).mul(cu)).add(t[2].expandDims(0).mul(cv));
    }

    /** A bias vector as a row (1, n), so that it broadcasts over samples. */
    private static NDArray[] row(NDArray[] t) {
        return new NDArray[] {t[0].expandDims(0), t[1].expandDims(0), t[2].expandDims(0)};
    }

    /** Row-major (rows × cols) → (cols × rows). */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] out = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }

    private float activate(float z) {
        switch (spec.activation()) {
            case "tanh":
                return (float) Math.tanh(z);
            case "sigmoid":
                return (float) (1 / (1 + Math.exp(-z)));
            default:
                return z > 0 ? z : 0f;
        }
    }

    private NDArray activate(NDArray h) {
        switch (spec.activation()) {
            case "tanh":
                return Activation.tanh(h);
            case "sigmoid":
                return Activation.sigmoid(h);
            default:
                return Activation.relu(h);
        }
    }

    /**
     * The diagonal Fisher of task {@code task} at θ*A + delta (the preset's estimator, on its seeded training
     * samples), per parameter name: e.g. task B's Fisher at a run's end, for the Fisher overlap. Waits while a run
     * trains (one gradient collector per JVM); {@code control} can stop it.
     */
    public Map<String, float[]> fisherAt(int task, float[] delta, RunControl control) {
        if (delta.length != origin.length) {
            throw new IllegalArgumentException("delta has " + delta.length + " numbers, the network "
                    + origin.length);
        }
        return session.exclusive(() -> {
            Engine engine = Engine.getInstance();
            JniUtils.setGradMode(false);
            JniUtils.setNumThreads(preset.training().threads());
            engine.setRandomSeed((int) (long) preset.seed());
            NamedTensors.Builder state = new NamedTensors.Builder();
            NamedTensors model = checkpoint.model();
            for (String name : model.names()) {
                float[] v = model.get(name).clone();
                Integer off = offsets.get(name);
                if (off != null) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] += delta[off + i];
                    }
                }
                state.put(name, model.shape(name), v);
            }
            List<TaskArrays> arrays = session.arrays();
            TaskArrays a = arrays.get(0);
            int[] classes = new int[arrays.size()];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = arrays.get(i).classes();
            }
            try (NDManager m = NDManager.newBaseManager();
                    Network net = new Network(m, spec, a.features(), a.height(), a.width(), classes, preset.seed(),
                            state.build())) {
                FisherEstimator est = new FisherEstimator(preset.fisher(), preset.seed());
                int[] rows = Runner.fisherRows(arrays.get(task), task, preset.fisher().samples(), preset.seed());
                NamedTensors f = est.estimate(net, arrays.get(task), rows, task, net.activeParameters(task), m,
                        control);
                Map<String, float[]> out = new LinkedHashMap<>();
                for (String name : f.names()) {
                    out.put(name, f.get(name).clone());
                }
                return out;
            }
        });
    }

    /** The Fisher the checkpoint holds for task {@code task} (task A's: the one EWC uses), per parameter name. */
    public Map<String, float[]> checkpointFisher(int task) {
        NamedTensors f = checkpoint.fisherPerTask().get(task);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : f.names()) {
            out.put(name, f.get(name).clone());
        }
        return out;
    }
}
