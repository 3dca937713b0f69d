package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quadratic pull toward earlier solutions, without λ: {@code P(θ) = Σ_terms Σ_i F_i·(θ_i − θ*_i)²}. The loop adds
 * {@code (λ/2)·P} to the loss — the ½ makes the penalty's gradient λ·F·(θ−θ*), the curvature form of a second-order
 * Taylor expansion of the old task's loss, which is how EWC's λ is defined (Kirkpatrick et al. 2017).
 *
 * <ul>
 * <li>plain: no term;</li>
 * <li>L2: F ≡ 1, one term per earlier task toward its solution (toward θ*_A, not toward zero as weight decay);</li>
 * <li>EWC: one term per earlier task with that task's Fisher;</li>
 * <li>online EWC: one term, anchored at the latest solution, with {@code F ← γ·F + F_new};</li>
 * <li>EWC++: the same single term with the moving average {@code F ← β·F + (1−β)·F_new} (the first task's F as
 * it is: an average starts at its first value, it does not shrink it by 1−β);</li>
 * <li>SI and MAS: one term anchored at the latest solution, their importances summed over tasks
 * {@code Ω ← Ω + Ω_new} (Zenke et al. 2017; Aljundi et al. 2018) — the importance vector comes from
 * {@link Importance}, the quadratic is this one;</li>
 * <li>EWC with task weights α: one term per task with α_t·F_t, so the combined weight is F_total = Σ α_t·F_t.</li>
 * </ul>
 * Plain, freeze, LwF, replay and joint have no quadratic term (their terms are {@link MethodTerms}).
 * BatchNorm running statistics are not parameters and are never penalised.
 *
 * <p>Fast path: P has a closed-form gradient, so the loop does not build it into the autograd graph; it writes
 * λ·A⊙(θ−μ) into each (zeroed) gradient in place before the forward pass ({@link #presetGradient}), and backward adds
 * the loss's gradient onto it — or adds it after backward ({@link #addGradient}) on a task's first step and for SI.
 * The terms of several tasks add up to one quadratic, combined once per task boundary in double precision on the
 * host: with A = Σ_t F_t and μ = Σ_t F_t·θ*_t / A, {@code Σ_t F_t·(θ−θ*_t)² = A·(θ−μ)² + R} with the constant
 * {@code R = Σ_t F_t·(θ*_t−μ)²} — the centred form, so the value keeps float precision near θ* (the expanded
 * Aθ² − 2Bθ + C would cancel), and a step costs the same after five tasks as after one. {@link #value} is the
 * autograd route, kept for tests that compare the two.
 */
final class Penalty implements AutoCloseable {
    private final String method;
    private final double gamma;
    private final double beta;
    private final List<Double> taskWeights;
    private final NDManager manager;
    /** Per term on the host: the Fisher (null for L2) and the anchor. */
    private final List<NamedTensors> fishers = new ArrayList<>();
    private final List<NamedTensors> anchors = new ArrayList<>();
    /** The combined quadratic on the device: A and μ per parameter; R on the host. */
    private final Map<String, NDArray> weight = new LinkedHashMap<>();
    private final Map<String, NDArray> centre = new LinkedHashMap<>();
    private final Map<String, Double> residual = new LinkedHashMap<>();
    /** The per-term tensors of the autograd route, uploaded on its first use. */
    private List<Map<String, NDArray>> termFishers;
    private List<Map<String, NDArray>> termAnchors;
    private NDManager termManager;
    private double maxFisher;
    /** λ·A for the λ in {@link #lambdaValue} (NaN: not made yet). */
    private final Map<String, NDArray> scaled = new LinkedHashMap<>();
    private float lambdaValue = Float.NaN;
    /** Steps whose gradient {@link #presetGradient} wrote, over all penalties of this JVM (for the route test). */
    static final java.util.concurrent.atomic.LongAdder PRESET_STEPS = new java.util.concurrent.atomic.LongAdder();

    Penalty(String method, double gamma, NDManager parent) {
        this(ExperimentPreset.MethodSpec.of(method, 0), gamma, parent);
    }

    /** The penalty of a method with its knobs (EWC++'s β, EWC's task weights); γ is online EWC's decay. */
    Penalty(ExperimentPreset.MethodSpec spec, double gamma, NDManager parent) {
        this.method = spec.method();
        this.gamma = gamma;
        ExperimentPreset.MethodKnobs k = spec.knobsOrNone();
        this.beta = k.beta() == null ? 0.5 : k.beta();
        this.taskWeights = k.taskWeights();
        this.manager = parent.newSubManager();
    }

    String method() {
        return method;
    }

    boolean isActive() {
        return ExperimentPreset.hasLambda(method) && !anchors.isEmpty();
    }

    /** Adds a finished task's Fisher and solution θ*, and recombines the quadratic. */
    void addTask(NamedTensors fisher, NamedTensors anchor) {
        switch (method) {
            case ExperimentPreset.L2:
                anchors.add(anchor);
                fishers.add(null);
                maxFisher = 1;
                break;
            case ExperimentPreset.EWC: {
                NamedTensors f = fisher;
                if (taskWeights != null) {
                    int k = anchors.size();
                    if (k >= taskWeights.size()) {
                        throw new IllegalArgumentException("taskWeights has " + taskWeights.size()
                                + " weights, but task " + (k + 1) + " needs one");
                    }
                    f = merge(NamedTensors.empty(), fisher, 0, taskWeights.get(k));
                }
                anchors.add(anchor);
                fishers.add(f);
                maxFisher = Math.max(maxFisher, FisherEstimator.max(f));
                break;
            }
            case ExperimentPreset.ONLINE_EWC:
                single(fisher, anchor, gamma, 1);
                break;
            case ExperimentPreset.EWCPP:
                single(fisher, anchor, beta, 1 - beta);
                break;
            case ExperimentPreset.SI:
            case ExperimentPreset.MAS:
                single(fisher, anchor, 1, 1);
                break;
            default:
                // plain, freeze, lwf, replay, joint: no quadratic
                return;
        }
        combine();
        closeTerms();
    }

    /**
     * The single-anchor methods: the first task's importance as it is, then {@code a·old + b·new} anchored at the
     * latest solution.
     */
    private void single(NamedTensors fisher, NamedTensors anchor, double a, double b) {
        if (anchors.isEmpty()) {
            anchors.add(anchor);
            fishers.add(fisher);
        } else {
            anchors.set(0, anchor);
            fishers.set(0, merge(fishers.get(0), fisher, a, b));
        }
        maxFisher = FisherEstimator.max(fishers.get(0));
    }

    /**
     * a·old + b·new; parameters the new task does not use (another task's head) keep a·old (online EWC's γ-decayed
     * importance). In double, rounded once to float.
     */
    static NamedTensors merge(NamedTensors old, NamedTensors fresh, double a, double b) {
        NamedTensors.Builder out = new NamedTensors.Builder();
        for (String name : fresh.names()) {
            float[] f = fresh.get(name);
            float[] v = new float[f.length];
            float[] o = old.has(name) ? old.get(name) : null;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (b * f[i] + (o == null ? 0 : a * o[i]));
            }
            out.put(name, fresh.shape(name), v);
        }
        for (String name : old.names()) {
            if (!fresh.has(name)) {
                float[] o = old.get(name);
                float[] v = new float[o.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (a * o[i]);
                }
                out.put(name, old.shape(name), v);
            }
        }
        return out.build();
    }

    /** max over weights of the combined weight A = Σ of the terms' importances (the penalty's stiffest curvature/λ). */
    double maxCombinedWeight() {
        double m = 0;
        for (NDArray a : weight.values()) {
            try (NDArray mx = a.max()) {
                m = Math.max(m, mx.getFloat());
            }
        }
        return m;
    }

    /** A = Σ F_t, μ = Σ F_t·θ*_t / A and R = Σ F_t·(θ*_t − μ)², per parameter, in double precision. */
    private void combine() {
        weight.values().forEach(NDArray::close);
        centre.values().forEach(NDArray::close);
        weight.clear();
        centre.clear();
        scaled.values().forEach(NDArray::close);
        scaled.clear();
        lambdaValue = Float.NaN;
        residual.clear();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int k = 0; k < anchors.size(); k++) {
            for (String name : anchors.get(k).names()) {
                if (fishers.get(k) == null || fishers.get(k).has(name)) {
                    shapes.putIfAbsent(name, anchors.get(k).shape(name));
                }
            }
        }
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            String name = e.getKey();
            int n = Network.count(e.getValue());
            double[] a = new double[n];
            double[] b = new double[n];
            float[] last = null;
            for (int k = 0; k < anchors.size(); k++) {
                float[] star = anchors.get(k).has(name) ? anchors.get(k).get(name) : null;
                float[] f = fishers.get(k) == null ? null : fishers.get(k).has(name) ? fishers.get(k).get(name) : null;
                if (star == null || (fishers.get(k) != null && f == null)) {
                    continue;
                }
                last = star;
                for (int i = 0; i < n; i++) {
                    double fi = f == null ? 1 : f[i];
                    a[i] += fi;
                    b[i] += fi * star[i];
                }
            }
            float[] af = new float[n];
            float[] mu = new float[n];
            for (int i = 0; i < n; i++) {
                af[i] = (float) a[i];
                // where no task cares (A = 0) the centre is irrelevant; any anchor will do
                mu[i] = a[i] > 0 ? (float) (b[i] / a[i]) : last[i];
            }
            double r = 0;
            for (int k = 0; k < anchors.size(); k++) {
                float[] star = anchors.get(k).has(name) ? anchors.get(k).get(name) : null;
                float[] f = fishers.get(k) == null ? null : fishers.get(k).has(name) ? fishers.get(k).get(name) : null;
                if (star == null || (fishers.get(k) != null && f == null)) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    double d = star[i] - (double) mu[i];
                    r += (f == null ? 1 : f[i]) * d * d;
                }
            }
            Shape shape = new Shape(Network.toLong(e.getValue()));
            weight.put(name, Tensors.upload(manager, af, shape));
            centre.put(name, Tensors.upload(manager, mu, shape));
            residual.put(name, r);
        }
    }

    /** max F over all terms (1 for L2): the "lr·λ·max F" of the divergence message. */
    double maxFisher() {
        return maxFisher;
    }

    /**
     * The fast path, after backward: adds λ·A⊙(θ−μ), the gradient of (λ/2)·P, to the gradients of the active
     * parameters in place, and returns (λ/2)·P (or NaN without {@code wantValue}). Per tensor: d = θ−μ, s = (λA)⊙d,
     * grad += s, and for the value ½·s·d as one dot product; λA is kept until λ changes. The caller's NDScope frees the
     * temporaries. The training loop takes this route on a task's first step and for SI (whose path integral reads the
     * loss's gradient alone); otherwise {@link #presetGradient} before the forward pass.
     */
    double addGradient(Network net, List<String> active, double lambda, boolean wantValue) {
        if (!isActive()) {
            return 0;
        }
        Map<String, NDArray> la = scaledWeights((float) lambda);
        for (String name : active) {
            NDArray a = la.get(name);
            if (a != null) {
                // the network's gradient handle is the gradient's own storage: addi changes the gradient itself
                net.gradient(name).addi(net.parameter(name).sub(centre.get(name)).muli(a));
            }
        }
        return wantValue ? valueNow(net, active, lambda) : Double.NaN;
    }

    /**
     * The fast path without an allocation, before the forward pass of a step whose gradients are zero (the optimizer's
     * update zeroed them): writes λ·A⊙(θ−μ) into each active gradient in place, as 0+θ, −μ, ⊙λA — three in-place
     * native calls per tensor, the same roundings as θ−μ then ⊙λA — and backward then adds the loss's gradient onto
     * it: the sum is the one {@link #addGradient} makes, to the bit (float addition commutes). Returns false, and
     * touches nothing, when a gradient tensor does not exist yet (before a task's first backward).
     */
    boolean presetGradient(Network net, List<String> active, double lambda) {
        if (!isActive()) {
            return false;
        }
        Map<String, NDArray> la = scaledWeights((float) lambda);
        for (String name : active) {
            if (la.containsKey(name) && !net.hasGradient(name)) {
                return false;
            }
        }
        for (String name : active) {
            NDArray a = la.get(name);
            if (a != null) {
                net.gradient(name).addi(net.parameter(name)).subi(centre.get(name)).muli(a);
            }
        }
        PRESET_STEPS.increment();
        return true;
    }

    /** (λ/2)·P at θ now, in closed form: ½·Σ ((λA)⊙d)·d + (λ/2)·R with d = θ−μ; the caller's NDScope frees it all. */
    double valueNow(Network net, List<String> active, double lambda) {
        if (!isActive()) {
            return 0;
        }
        Map<String, NDArray> la = scaledWeights((float) lambda);
        NDArray total = null;
        double constant = 0;
        for (String name : active) {
            NDArray a = la.get(name);
            if (a == null) {
                continue;
            }
            NDArray d = net.parameter(name).sub(centre.get(name));
            NDArray part = d.mul(a).flatten().dot(d.flatten());
            total = total == null ? part : total.addi(part);
            constant += residual.get(name);
        }
        return ((total == null ? 0 : total.getFloat()) + lambda * constant) / 2;
    }

    /** λ·A per parameter, made again only when λ changes; outside any step's NDScope, owned by this penalty. */
    private Map<String, NDArray> scaledWeights(float lambda) {
        if (Float.compare(lambda, lambdaValue) != 0) {
            scaled.values().forEach(NDArray::close);
            scaled.clear();
            NDArray lam = Tensors.scalar(manager, lambda);
            for (Map.Entry<String, NDArray> e : weight.entrySet()) {
                NDArray la = e.getValue().mul(lam);
                NDScope.unregister(la);
                scaled.put(e.getKey(), la);
            }
            NDScope.unregister(lam);
            lam.close();
            lambdaValue = lambda;
        }
        return scaled;
    }

    /** The autograd route: P(θ) over the active parameters, one term per task as a graph; null if nothing. */
    NDArray value(Network net, List<String> active) {
        if (!isActive()) {
            return null;
        }
        if (termAnchors == null) {
            termManager = manager.newSubManager();
            termAnchors = new ArrayList<>();
            termFishers = new ArrayList<>();
            for (int k = 0; k < anchors.size(); k++) {
                termAnchors.add(upload(anchors.get(k)));
                termFishers.add(fishers.get(k) == null ? null : upload(fishers.get(k)));
            }
        }
        NDArray total = null;
        for (int k = 0; k < termAnchors.size(); k++) {
            Map<String, NDArray> anchor = termAnchors.get(k);
            Map<String, NDArray> fisher = termFishers.get(k);
            for (String name : active) {
                NDArray star = anchor.get(name);
                NDArray f = fisher == null ? null : fisher.get(name);
                if (star == null || (fisher != null && f == null)) {
                    continue;
                }
                // the results attach to θ's manager (the network's): only the caller's NDScope frees them
                NDArray sq = net.parameter(name).sub(star).square();
                NDArray term = f == null ? sq.sum() : sq.mul(f).sum();
                total = total == null ? term : total.add(term);
            }
        }
        return total;
    }

    private Map<String, NDArray> upload(NamedTensors t) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : t.names()) {
            NDArray a = Tensors.upload(termManager, t.get(name), new Shape(Network.toLong(t.shape(name))));
            NDScope.unregister(a);
            out.put(name, a);
        }
        return out;
    }

    private void closeTerms() {
        if (termManager != null) {
            termManager.close();
            termManager = null;
            termAnchors = null;
            termFishers = null;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
