package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * <li>online EWC: one term, anchored at the latest solution, with {@code F ← γ·F + F_new}.</li>
 * </ul>
 * BatchNorm running statistics are not parameters and are never penalised.
 */
final class Penalty implements AutoCloseable {
    private final String method;
    private final double gamma;
    private final NDManager manager;
    /** Per term: the Fisher (null for L2) and the anchor, as arrays on the device. */
    private final List<Map<String, NDArray>> fishers = new ArrayList<>();
    private final List<Map<String, NDArray>> anchors = new ArrayList<>();
    private double maxFisher;

    Penalty(String method, double gamma, NDManager parent) {
        this.method = method;
        this.gamma = gamma;
        this.manager = parent.newSubManager();
    }

    String method() {
        return method;
    }

    boolean isActive() {
        return !ExperimentPreset.PLAIN.equals(method) && !anchors.isEmpty();
    }

    /** Adds a finished task's Fisher and solution θ*. */
    void addTask(NamedTensors fisher, NamedTensors anchor) {
        switch (method) {
            case ExperimentPreset.PLAIN:
                return;
            case ExperimentPreset.L2:
                anchors.add(upload(anchor, null));
                fishers.add(null);
                maxFisher = 1;
                return;
            case ExperimentPreset.EWC:
                anchors.add(upload(anchor, null));
                fishers.add(upload(fisher, null));
                maxFisher = Math.max(maxFisher, FisherEstimator.max(fisher));
                return;
            case ExperimentPreset.ONLINE_EWC:
                if (anchors.isEmpty()) {
                    anchors.add(upload(anchor, null));
                    fishers.add(upload(fisher, null));
                } else {
                    close(anchors.get(0));
                    anchors.set(0, upload(anchor, null));
                    Map<String, NDArray> old = fishers.get(0);
                    Map<String, NDArray> merged = upload(fisher, old);
                    fishers.set(0, merged);
                }
                maxFisher = 0;
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    scope.suppressNotUsedWarning();
                    for (NDArray f : fishers.get(0).values()) {
                        maxFisher = Math.max(maxFisher, f.max().getFloat());
                    }
                }
                return;
            default:
                throw new IllegalArgumentException(method);
        }
    }

    /** Uploads tensors; with {@code decayInto}, returns γ·old + new (online EWC) and frees the old ones. */
    private Map<String, NDArray> upload(NamedTensors t, Map<String, NDArray> decayInto) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : t.names()) {
            NDArray a = Tensors.upload(manager, t.get(name), new Shape(Network.toLong(t.shape(name))));
            if (decayInto != null && decayInto.containsKey(name)) {
                NDArray old = decayInto.remove(name);
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    scope.suppressNotUsedWarning();
                    a.addi(old.mul((float) gamma));
                }
                old.close();
            }
            out.put(name, a);
        }
        if (decayInto != null) {
            // parameters the new task does not use (another task's head) keep their decayed importance
            for (Map.Entry<String, NDArray> e : decayInto.entrySet()) {
                e.getValue().muli((float) gamma);
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** max F over all terms (1 for L2): the "lr·λ·max F" of the divergence message. */
    double maxFisher() {
        return maxFisher;
    }

    /** P(θ) over the active parameters that the terms cover; null if there is nothing to penalise. */
    NDArray value(Network net, List<String> active) {
        if (!isActive()) {
            return null;
        }
        NDArray total = null;
        for (int k = 0; k < anchors.size(); k++) {
            Map<String, NDArray> anchor = anchors.get(k);
            Map<String, NDArray> fisher = fishers.get(k);
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

    private static void close(Map<String, NDArray> arrays) {
        arrays.values().forEach(NDArray::close);
    }

    @Override
    public void close() {
        manager.close();
    }
}
