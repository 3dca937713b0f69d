package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;

/**
 * The loss terms and gradient rules of the methods beside the quadratic penalty, plugged into the batch loop:
 * <ul>
 * <li>replay: a memory of {@code memory} training samples of every earlier task (class-balanced, drawn with the
 * seed); each step draws {@code round(ratio·B)} of them and the loss is the cross-entropy over the union batch,
 * {@code (B·CE_new + Σ_replayed CE_i)/(B + m)}; replayed samples go through their own task's head;</li>
 * <li>joint: the same with every training sample of every earlier task as the memory and B samples of each earlier
 * task per step — the union of the tasks seen so far, each weighted equally;</li>
 * <li>LwF / distill: {@code α·T²·KL(p_old^T ‖ p_new^T)} on the new task's inputs, p_old the previous model's
 * (the network at the start of the task, eval mode) softened outputs on every earlier head (single head: the one
 * head, restricted to the classes seen before when {@code activeClasses} is not "all"); the T² keeps the term's
 * gradient scale independent of T (Hinton et al. 2015);</li>
 * <li>freeze: the first {@code layers} layers' gradients are zeroed and those layers are left out of the update
 * (Adam's momentum from task A would otherwise keep moving them).</li>
 * </ul>
 * Also the class masks of {@code training.activeClasses}: units outside the active classes get a logit offset of
 * {@link #MASKED}, so the softmax gives them no mass and the cross-entropy no gradient.
 */
final class MethodTerms implements AutoCloseable {
    /** A logit offset that removes a unit from the softmax (exp underflows to 0 in float). */
    static final float MASKED = -1e4f;
    private static final long REPLAY_SALT = 0x5EED_4E91L;

    /** The extra loss of one step: {@code loss = currentWeight·CE_new + term}. */
    record Extra(NDArray term, float currentWeight) {
    }

    private final MethodSpec spec;
    private final List<TaskArrays> tasks;
    private final TrainingSpec training;
    private final long seed;
    private final NDManager manager;
    private final boolean multiHead;
    private final String method;
    private final double distillWeight;
    private final double temperature;
    /** Class sets per task (labels present in its training or test set). */
    private final List<boolean[]> classSets = new ArrayList<>();
    private final int width;

    // per task
    private int task = -1;
    private NDArray currentMask;
    private final Map<Integer, NDArray> masks = new LinkedHashMap<>();
    /** Memory: (task, row) pairs. */
    private int[] memTask = new int[0];
    private int[] memRow = new int[0];
    private Network previous;
    private NDManager previousManager;
    private NDArray oldMask;
    private final List<NDArray> softTargets = new ArrayList<>();
    private final List<Integer> softHeads = new ArrayList<>();
    private final List<Float> softConstants = new ArrayList<>();

    MethodTerms(MethodSpec spec, List<TaskArrays> tasks, TrainingSpec training, long seed, boolean multiHead,
            int headWidth, NDManager parent) {
        this.spec = spec;
        this.method = spec.method();
        this.tasks = tasks;
        this.training = training;
        this.seed = seed;
        this.multiHead = multiHead;
        this.width = headWidth;
        this.manager = parent.newSubManager();
        MethodKnobs k = spec.knobsOrNone();
        this.distillWeight = ExperimentPreset.LWF.equals(method) ? (k.alpha() == null ? 1 : k.alpha())
                : (k.distill() == null ? 0 : k.distill());
        this.temperature = k.temperature() == null ? 2 : k.temperature();
        for (TaskArrays t : tasks) {
            boolean[] set = new boolean[Math.max(t.classes(), headWidth)];
            for (int y : t.trainY()) {
                set[y] = true;
            }
            for (int y : t.testY()) {
                set[y] = true;
            }
            classSets.add(set);
        }
    }

    /** The names of the layers freeze keeps still: the first {@code layers} weight layers and their BatchNorm. */
    static List<String> frozenNames(MethodSpec spec, Network net, List<String> active) {
        if (!ExperimentPreset.FREEZE.equals(spec.method())) {
            return List.of();
        }
        int layers = spec.knobsOrNone().layers() == null ? 1 : spec.knobsOrNone().layers();
        List<String> prefixes = new ArrayList<>();
        int left = layers;
        if (net.firstLayerWeight() == null) {
            prefixes.add("conv1.");
            left--;
        }
        for (int i = 1; i <= left; i++) {
            prefixes.add("fc" + i + ".");
            prefixes.add("bn" + i + ".");
        }
        List<String> out = new ArrayList<>();
        for (String name : active) {
            if (prefixes.stream().anyMatch(name::startsWith) && !name.startsWith("head")) {
                out.add(name);
            }
        }
        return out;
    }

    /** The samples replay (or joint) holds for the current task, drawn from the earlier tasks' training sets. */
    int memorySize() {
        return memRow.length;
    }

    /** Whether the method adds anything the loop must call (masks, replay, distillation). */
    boolean needsBatch() {
        return true;
    }

    /**
     * Prepares task {@code t} (a later task of a run, or the first task when {@code first}): the class masks, the
     * replay or joint memory of tasks 0..t−1, and the previous model (the network as it is now) for distillation.
     */
    void startTask(int t, Network net, boolean first) {
        task = t;
        closeTask();
        currentMask = mask(t, training.activeClasses());
        if (first) {
            return;
        }
        boolean replay = ExperimentPreset.REPLAY.equals(method);
        boolean joint = ExperimentPreset.JOINT.equals(method);
        if (replay || joint) {
            List<Integer> mt = new ArrayList<>();
            List<Integer> mr = new ArrayList<>();
            for (int k = 0; k < t; k++) {
                TaskArrays a = tasks.get(k);
                int[] rows;
                if (joint) {
                    rows = new int[a.trainSize()];
                    for (int i = 0; i < rows.length; i++) {
                        rows[i] = i;
                    }
                } else {
                    int n = Math.min(spec.knobsOrNone().memory(), a.trainSize());
                    rows = memoryRows(a, k, n, seed);
                }
                for (int r : rows) {
                    mt.add(k);
                    mr.add(r);
                }
            }
            memTask = mt.stream().mapToInt(Integer::intValue).toArray();
            memRow = mr.stream().mapToInt(Integer::intValue).toArray();
        }
        if (distillWeight > 0) {
            previousManager = manager.newSubManager();
            previous = new Network(previousManager, net.spec(), net.inputs(), net.height(), net.width(),
                    net.taskClasses(), seed, net.export());
            if (!multiHead && !TrainingSpec.ALL.equals(training.activeClasses())) {
                boolean[] seen = new boolean[width];
                for (int k = 0; k < t; k++) {
                    or(seen, classSets.get(k));
                }
                oldMask = upload(maskOf(seen));
            }
        }
    }

    /**
     * The replay memory of a task: {@code n} of its training rows, class-balanced (each class its largest-remainder
     * share), drawn with the seed — the same memory for every run of a seed.
     */
    static int[] memoryRows(TaskArrays a, int task, int n, long seed) {
        return balanced(a.trainY(), a.classes(), n, Runner.mix(seed, task, -2) ^ REPLAY_SALT);
    }

    /**
     * {@code n} rows with as equal a count per class as the data allow: each class's rows in a seeded random order,
     * then one row of each class in turn (a class that runs out leaves its turns to the others).
     */
    static int[] balanced(int[] labels, int classes, int n, long seed) {
        Random rng = new Random(seed);
        List<List<Integer>> perClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            perClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            perClass.get(labels[i]).add(i);
        }
        for (List<Integer> rows : perClass) {
            java.util.Collections.shuffle(rows, rng);
        }
        int take = Math.min(n, labels.length);
        int[] out = new int[take];
        int k = 0;
        for (int round = 0; k < take; round++) {
            for (int c = 0; c < classes && k < take; c++) {
                if (round < perClass.get(c).size()) {
                    out[k++] = perClass.get(c).get(round);
                }
            }
        }
        return out;
    }

    /** The logit mask of the current task's new samples (null: none). */
    NDArray currentMask() {
        return currentMask;
    }

    /** The mask for task k's samples under a rule (null when every unit is active). */
    private NDArray mask(int k, String rule) {
        if (multiHead || TrainingSpec.ALL.equals(rule)) {
            return null;
        }
        int key = TrainingSpec.CURRENT.equals(rule) ? k : 1000 + k;
        NDArray m = masks.get(key);
        if (m == null) {
            boolean[] on = new boolean[width];
            if (TrainingSpec.CURRENT.equals(rule)) {
                or(on, classSets.get(k));
            } else {
                for (int j = 0; j <= Math.max(k, task); j++) {
                    or(on, classSets.get(j));
                }
            }
            m = upload(maskOf(on));
            masks.put(key, m);
        }
        return m;
    }

    private static void or(boolean[] into, boolean[] from) {
        for (int i = 0; i < Math.min(into.length, from.length); i++) {
            into[i] |= from[i];
        }
    }

    private float[] maskOf(boolean[] on) {
        float[] v = new float[width];
        for (int i = 0; i < width; i++) {
            v[i] = i < on.length && on[i] ? 0f : MASKED;
        }
        return v;
    }

    private NDArray upload(float[] v) {
        NDArray a = Tensors.upload(manager, v, new Shape(1, v.length));
        NDScope.unregister(a);
        return a;
    }

    /**
     * Before the step's gradient collector opens: the previous model's softened outputs on the batch (no graph).
     */
    void prepare(NDArray xs, int t) {
        softTargets.clear();
        softHeads.clear();
        softConstants.clear();
        if (previous == null) {
            return;
        }
        NDArray invT = Tensors.scalar(xs.getManager(), (float) (1 / temperature));
        List<Integer> heads = new ArrayList<>();
        if (multiHead) {
            for (int k = 0; k < t; k++) {
                heads.add(k);
            }
        } else {
            heads.add(0);
        }
        for (int h : heads) {
            NDArray z = previous.forward(xs, h, false);
            if (oldMask != null) {
                z = z.add(oldMask);
            }
            NDArray logp = z.mul(invT).logSoftmax(1);
            NDArray p = logp.exp();
            // Σ_i Σ_c p log p (with 0·log 0 = 0: masked units have p = 0 exactly)
            float[] pv = p.toFloatArray();
            float[] lv = logp.toFloatArray();
            double c = 0;
            for (int i = 0; i < pv.length; i++) {
                if (pv[i] > 0) {
                    c += pv[i] * (double) lv[i];
                }
            }
            softTargets.add(p);
            softHeads.add(h);
            softConstants.add((float) c);
        }
    }

    /**
     * The step's extra loss, inside the gradient collector: replay/joint cross-entropy over the union batch and the
     * distillation term. {@code logits} are the new batch's (head of task t, before masking).
     */
    Extra extra(Network net, NDArray xs, NDArray logits, int t, long step, boolean bnTraining, NDManager root) {
        int bs = (int) xs.getShape().get(0);
        NDArray term = null;
        float currentWeight = 1f;
        if (memRow.length > 0) {
            boolean joint = ExperimentPreset.JOINT.equals(method);
            Random rng = new Random(Runner.mix(seed, t, (int) step) ^ REPLAY_SALT);
            int[] picked = joint ? pickJoint(bs, t, rng) : pick((int) Math.max(1, Math.round(
                    spec.knobsOrNone().ratio() * bs)), rng);
            int m = picked.length;
            NDArray ceSum = null;
            // group by task: each task's samples through its head and its mask
            Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
            for (int idx : picked) {
                int k = memTask[idx];
                boolean ownGroup = multiHead || TrainingSpec.CURRENT.equals(training.activeClasses());
                groups.computeIfAbsent(ownGroup ? k : -1, g -> new ArrayList<>()).add(idx);
            }
            for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
                List<Integer> members = g.getValue();
                int gk = g.getKey() >= 0 ? g.getKey() : memTask[members.get(0)];
                int d = tasks.get(0).features();
                int classes = net.classes(gk);
                float[] x = new float[members.size() * d];
                float[] onehot = new float[members.size() * classes];
                for (int i = 0; i < members.size(); i++) {
                    int idx = members.get(i);
                    TaskArrays a = tasks.get(memTask[idx]);
                    System.arraycopy(a.trainX(), memRow[idx] * d, x, i * d, d);
                    onehot[i * classes + a.trainY()[memRow[idx]]] = 1f;
                }
                NDArray rx = Tensors.upload(root, x, new Shape(members.size(), d));
                NDArray ry = Tensors.upload(root, onehot, new Shape(members.size(), classes));
                NDArray z = net.forward(rx, net.head(gk), bnTraining);
                NDArray mk = g.getKey() >= 0 ? mask(gk, training.activeClasses())
                        : mask(t, training.activeClasses());
                if (mk != null) {
                    z = z.add(mk);
                }
                NDArray ce = z.logSoftmax(1).mul(ry).sum().neg();
                ceSum = ceSum == null ? ce : ceSum.add(ce);
            }
            term = ceSum.mul(Tensors.scalar(root, 1f / (bs + m)));
            currentWeight = (float) bs / (bs + m);
        }
        if (!softTargets.isEmpty()) {
            NDArray invT = Tensors.scalar(root, (float) (1 / temperature));
            NDArray kl = null;
            for (int i = 0; i < softTargets.size(); i++) {
                int h = softHeads.get(i);
                NDArray z = h == net.head(t) ? logits : net.forward(xs, h, bnTraining);
                if (oldMask != null) {
                    z = z.add(oldMask);
                }
                NDArray logq = z.mul(invT).logSoftmax(1);
                // KL(p‖q) = Σ p log p − Σ p log q; the first sum is a constant of the batch
                NDArray part = softTargets.get(i).mul(logq).sum().neg()
                        .add(Tensors.scalar(root, softConstants.get(i)));
                kl = kl == null ? part : kl.add(part);
            }
            float scale = (float) (distillWeight * temperature * temperature / bs);
            NDArray d = kl.mul(Tensors.scalar(root, scale));
            term = term == null ? d : term.add(d);
        }
        return new Extra(term, currentWeight);
    }

    /** {@code m} memory entries without replacement (all of them, shuffled, if the memory is smaller). */
    private int[] pick(int m, Random rng) {
        int n = memRow.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int take = Math.min(m, n);
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        return Arrays.copyOf(idx, take);
    }

    /** {@code bs} samples of each earlier task (without replacement within the task). */
    private int[] pickJoint(int bs, int t, Random rng) {
        List<Integer> out = new ArrayList<>();
        int offset = 0;
        for (int k = 0; k < t; k++) {
            int n = tasks.get(k).trainSize();
            int take = Math.min(bs, n);
            // Floyd's algorithm: take distinct rows of n without an n-sized array
            java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
            for (int j = n - take; j < n; j++) {
                int r = rng.nextInt(j + 1);
                if (!chosen.add(r)) {
                    chosen.add(j);
                }
            }
            for (int r : chosen) {
                out.add(offset + r);
            }
            offset += n;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Freeze: zero the frozen layers' gradients (they are also left out of the update). */
    static void zeroGradients(Network net, List<String> frozen) {
        for (String name : frozen) {
            JniUtils.zeroGrad((PtNDArray) net.parameter(name));
        }
    }

    private void closeTask() {
        masks.values().forEach(NDArray::close);
        masks.clear();
        currentMask = null;
        if (oldMask != null) {
            oldMask.close();
            oldMask = null;
        }
        if (previousManager != null) {
            previousManager.close();
            previousManager = null;
            previous = null;
        }
    }

    @Override
    public void close() {
        closeTask();
        manager.close();
    }
}
