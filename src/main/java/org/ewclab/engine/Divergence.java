package org.ewclab.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.i18n.Texts;

/**
 * Why a run diverged, in words that fit the optimizer in use.
 *
 * <p>The penalty (λ/2)·Σ_t Σ_i F_t,i·(θ_i − θ*_t,i)² has curvature h_i = λ·Σ_t F_t,i along weight i (λ·(number of
 * terms) for L2), so the stiffest direction is h = λ·max_i Σ_t F_t,i — the largest <em>summed</em> Fisher, not the
 * largest single one. Gradient descent with learning rate lr on a quadratic of curvature h multiplies the distance to
 * the minimum by (1 − lr·h) per step: plain SGD is stable only while lr·h &lt; 2, heavy-ball momentum μ while
 * lr·h &lt; 2(1 + μ). Adam divides each step by the running gradient scale, so a weight moves about lr per step
 * whatever h is: a stiff penalty cannot make Adam's steps grow. What it does do is make each step expensive — one
 * step of size lr along the stiffest weight costs ½·h·lr² = (λ/2)·max ΣF·lr² — so with λ·max ΣF far above the
 * cross-entropy's curvature (of order 1) the penalty swamps the task's loss and the weights oscillate around θ* at the
 * scale of lr.
 */
final class Divergence {
    private Divergence() {
    }

    /**
     * max over weights of the summed Fisher of the penalty's terms: Σ_t F_t,i for EWC, the merged
     * Σ_t γ^(T−1−t)·F_t,i for online EWC, and for L2 (F ≡ 1) the number of terms that cover weight i. 0 for plain or
     * with no terms.
     */
    static double maxSummedFisher(String method, List<NamedTensors> fishers, List<NamedTensors> anchors,
            double gamma) {
        Map<String, double[]> sum = new HashMap<>();
        int terms = ExperimentPreset.L2.equals(method) ? anchors.size() : fishers.size();
        for (int t = 0; t < terms; t++) {
            double weight = ExperimentPreset.ONLINE_EWC.equals(method) ? StrictMath.pow(gamma, terms - 1 - t) : 1;
            switch (method) {
                case ExperimentPreset.PLAIN:
                    return 0;
                case ExperimentPreset.L2: {
                    NamedTensors a = anchors.get(t);
                    for (String name : a.names()) {
                        double[] s = sum.computeIfAbsent(name, k -> new double[a.get(name).length]);
                        for (int i = 0; i < s.length; i++) {
                            s[i] += 1;
                        }
                    }
                    break;
                }
                default: {
                    NamedTensors f = fishers.get(t);
                    for (String name : f.names()) {
                        float[] v = f.get(name);
                        double[] s = sum.computeIfAbsent(name, k -> new double[v.length]);
                        for (int i = 0; i < s.length; i++) {
                            s[i] += weight * v[i];
                        }
                    }
                }
            }
        }
        double max = 0;
        for (double[] s : sum.values()) {
            for (double v : s) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** The stability bound of lr·h for SGD with heavy-ball momentum μ: 2(1 + μ) (2 without momentum). */
    static double sgdBound(double momentum) {
        return 2 * (1 + momentum);
    }

    /**
     * The message of a run that diverged at {@code step}: what happened (the loss became NaN/infinite, the penalty or
     * the cross-entropy exploded) and why, for this optimizer and method.
     *
     * @param maxSummedFisher {@link #maxSummedFisher} of the penalty in force
     * @param crossEntropy the last cross-entropy; {@code penalty} the last penalty term (λ/2)·P
     */
    static String message(String method, OptimizerSpec optimizer, double lambda, double maxSummedFisher, long step,
            double crossEntropy, double penalty) {
        String who = switch (method) {
            case ExperimentPreset.L2 -> "L2";
            case ExperimentPreset.EWC -> "EWC";
            case ExperimentPreset.ONLINE_EWC -> "Online EWC";
            default -> null;
        };
        boolean nonFinite = !Double.isFinite(crossEntropy) || !Double.isFinite(penalty);
        boolean penaltyBlewUp = !Double.isFinite(penalty) || penalty > Runner.PENALTY_LIMIT;
        String what = nonFinite ? Texts.get(Double.isNaN(crossEntropy + penalty) ? "divergence.what.nan"
                : "divergence.what.infinite")
                : penalty > Runner.PENALTY_LIMIT ? Texts.fmt("divergence.what.penalty", Num.short2(penalty))
                : Texts.fmt("divergence.what.crossEntropy", Num.short2(crossEntropy));
        String head = who == null ? Texts.fmt("divergence.headTraining", step, what)
                : Texts.fmt("divergence.head", who, step, what);
        double lr = optimizer.learningRate();
        boolean adam = "adam".equals(optimizer.type());
        boolean penalised = !ExperimentPreset.PLAIN.equals(method) && lambda > 0 && maxSummedFisher > 0;
        if (!penalised) {
            return Texts.fmt("divergence.lowerLr", head, Num.short2(lr));
        }
        String f = ExperimentPreset.L2.equals(method) ? (maxSummedFisher == 1 ? "" : "·" + Num.short2(maxSummedFisher))
                : "·max ΣF";
        double stiffness = lambda * maxSummedFisher;
        if (adam) {
            double oneStep = 0.5 * stiffness * lr * lr;
            String stiff = "λ" + f + " = " + Num.short2(stiffness);
            if (penaltyBlewUp || stiffness > 1e3) {
                return Texts.fmt("divergence.adam.swamped", head, Num.short2(lr), stiff, f, Num.short2(oneStep));
            }
            return Texts.fmt("divergence.adam.notPenalty", head, Num.short2(lr), stiff);
        }
        double momentum = optimizer.momentum() == null ? 0 : optimizer.momentum();
        double bound = sgdBound(momentum);
        double product = lr * stiffness;
        String factor = "lr·λ" + f;
        String sgd = momentum > 0 ? Texts.fmt("divergence.sgd.boundMomentum", Num.short2(momentum), Num.short2(bound))
                : Texts.get("divergence.sgd.bound");
        if (product >= bound) {
            return Texts.fmt(product > 10 * bound ? "divergence.sgd.overshootFar" : "divergence.sgd.overshoot", head,
                    factor, Num.short2(product), Num.short2(bound), sgd, Num.short2(bound / (lr * maxSummedFisher)),
                    Num.short2(bound / stiffness));
        }
        return Texts.fmt("divergence.sgd.notPenalty", head, factor, Num.short2(product), Num.short2(bound));
    }
}
