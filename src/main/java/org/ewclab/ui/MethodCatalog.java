package org.ewclab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ewclab.engine.ExperimentPreset;

/**
 * What the method chooser offers, without any control: the lesson's methods first (in the lesson's order), the others
 * grouped — regularise, rehearse, distil, reference — and filtered by a search text; methods a lesson hides
 * ({@code ui.hide}) are never offered. Each method has a label and a tooltip that teaches.
 */
final class MethodCatalog {
    static final String REGULARISE = "Regularise";
    static final String REHEARSE = "Rehearse";
    static final String DISTIL = "Distil";
    static final String REFERENCE = "Reference";

    /** Group of each method, in the order the groups are shown. */
    private static final Map<String, String> GROUP = new LinkedHashMap<>();
    private static final Map<String, String> LABEL = new LinkedHashMap<>();
    private static final Map<String, String> TIP = new LinkedHashMap<>();

    static {
        put(ExperimentPreset.PLAIN, REFERENCE, "_Plain",
                "Plain: train the new task with cross-entropy only. Nothing protects the old one — watch it being"
                        + " forgotten. The lower reference.");
        put(ExperimentPreset.JOINT, REFERENCE, "Joint",
                "Joint training: every step also trains on a batch of every earlier task, as if all data were still"
                        + " there. Not continual learning — the upper reference, drawn thin and near-black.");
        put(ExperimentPreset.L2, REGULARISE, "_L2",
                "L2: pull every weight back toward its task-A value with the same strength (λ/2)·Σ(θ − θ*A)². "
                        + "Protects A, but also blocks the weights B needs.");
        put(ExperimentPreset.EWC, REGULARISE, "_EWC",
                "EWC: pull each weight back in proportion to its Fisher information F — how much task A's predictions"
                        + " depend on it. Important weights stay; unimportant ones are free for task B.");
        put(ExperimentPreset.ONLINE_EWC, REGULARISE, "_Online EWC",
                "Online EWC: one running Fisher F ← γF + F_new and one anchor, instead of a penalty per earlier task."
                        + " Same as EWC for two tasks.");
        put(ExperimentPreset.EWCPP, REGULARISE, "EWC++",
                "EWC++: one anchor and a moving-average Fisher F ← βF + (1−β)F_new. Unlike online EWC's γF + F_new,"
                        + " the average does not grow with the number of tasks: old and new importance share one"
                        + " budget.");
        put(ExperimentPreset.SI, REGULARISE, "SI",
                "Synaptic intelligence: a weight's importance is how much it lowered the loss along its path while"
                        + " the task trained (ω/(Δ² + ξ)) — measured during training, no Fisher needed.");
        put(ExperimentPreset.MAS, REGULARISE, "MAS",
                "Memory-aware synapses: a weight is important when the network's output (its squared length)"
                        + " changes fast with it. Needs no labels.");
        put(ExperimentPreset.FREEZE, REGULARISE, "Freeze",
                "Freeze: the first layers stop learning after task A — a penalty of infinite strength on them. Task A"
                        + " keeps its features; task B must make do with the upper layers.");
        put(ExperimentPreset.REPLAY, REHEARSE, "Replay",
                "Experience replay: keep a small memory of earlier samples (class-balanced) and mix them into every"
                        + " batch. The memory's size is the knob. Works where penalties fail (class-incremental).");
        put(ExperimentPreset.LWF, DISTIL, "LwF",
                "Learning without forgetting: keep the new inputs' outputs close to what the previous network said"
                        + " (distillation, temperature T) — no old data needed.");
    }

    private static void put(String id, String group, String label, String tip) {
        GROUP.put(id, group);
        LABEL.put(id, label);
        TIP.put(id, tip);
    }

    private MethodCatalog() {
    }

    /** Every group name, in order. */
    static List<String> groups() {
        return List.of(REGULARISE, REHEARSE, DISTIL, REFERENCE);
    }

    static String group(String method) {
        return GROUP.getOrDefault(method, REFERENCE);
    }

    /** The label with its mnemonic underscore (the lesson's buttons use it). */
    static String mnemonicLabel(String method) {
        String key = "method." + method + ".label";
        return org.ewclab.i18n.Texts.has(key) ? org.ewclab.i18n.Texts.get(key) : LABEL.getOrDefault(method, method);
    }

    /** The label without its mnemonic: "_EWC" → "EWC", "普通训练(_P)" → "普通训练". */
    static String label(String method) {
        return mnemonicLabel(method).replaceAll("\\(_.\\)$", "").replace("_", "");
    }

    /** The compact toolbar's word for a method (presentation mode, a narrow window). */
    static String shortLabel(String method) {
        String key = "method." + method + ".short";
        return org.ewclab.i18n.Texts.has(key) ? org.ewclab.i18n.Texts.get(key) : label(method);
    }

    /** The tooltip that teaches, in the lab's language where the window bundle has it. */
    static String tip(String method) {
        String key = "method." + method + ".tip";
        return org.ewclab.i18n.Texts.has(key) ? org.ewclab.i18n.Texts.get(key) : TIP.getOrDefault(method, method);
    }

    /**
     * The methods a lesson hides: {@code ui.hide} entries that name a method, as its id ("replay") or as
     * "method.replay" (the name {@code ui.hide} validates) or "method:replay".
     */
    static Set<String> hidden(List<String> hide) {
        Set<String> out = new LinkedHashSet<>();
        if (hide == null) {
            return out;
        }
        for (String h : hide) {
            String id = h.startsWith("method:") || h.startsWith("method.") ? h.substring("method.".length()) : h;
            if (ExperimentPreset.METHODS.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** At most this many of the lesson's methods are buttons; the rest join the grouped menu. */
    static final int FEATURED = 4;

    /**
     * The lesson's first {@link #FEATURED} methods, once each, in its order, without the hidden ones (plain if nothing
     * is left): a lesson that lists every method still shows four buttons.
     */
    static List<String> featured(ExperimentPreset lesson) {
        List<String> out = new ArrayList<>();
        if (lesson == null) {
            return List.of(ExperimentPreset.PLAIN, ExperimentPreset.L2, ExperimentPreset.EWC,
                    ExperimentPreset.ONLINE_EWC);
        }
        Set<String> hidden = hidden(lesson.ui() == null ? null : lesson.ui().hide());
        for (ExperimentPreset.MethodSpec m : lesson.methods()) {
            if (!hidden.contains(m.method()) && !out.contains(m.method()) && out.size() < FEATURED) {
                out.add(m.method());
            }
        }
        if (out.isEmpty() && !hidden.contains(ExperimentPreset.PLAIN)) {
            out.add(ExperimentPreset.PLAIN);
        }
        return out;
    }

    /**
     * The other methods by group (groups in order, empty groups left out), those whose id, label, group or tooltip
     * contains {@code query} (case-insensitive; blank: all).
     */
    static Map<String, List<String>> others(ExperimentPreset lesson, String query) {
        List<String> featured = featured(lesson);
        Set<String> hidden = hidden(lesson == null || lesson.ui() == null ? null : lesson.ui().hide());
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String g : groups()) {
            List<String> members = new ArrayList<>();
            for (String m : ExperimentPreset.METHODS) {
                if (group(m).equals(g) && !featured.contains(m) && !hidden.contains(m) && matches(m, q)) {
                    members.add(m);
                }
            }
            if (!members.isEmpty()) {
                out.put(g, members);
            }
        }
        return out;
    }

    private static boolean matches(String m, String q) {
        if (q.isEmpty()) {
            return true;
        }
        // the lab's language and English both match (a Chinese class may still type "Fisher" or "memory")
        return (m + " " + label(m) + " " + group(m) + " " + tip(m) + " " + LABEL.getOrDefault(m, m) + " "
                + TIP.getOrDefault(m, m)).toLowerCase(Locale.ROOT).contains(q);
    }

    /** Every offered method in the chooser's order: the featured ones, then the groups (for Ctrl+M). */
    static List<String> order(ExperimentPreset lesson) {
        List<String> out = new ArrayList<>(featured(lesson));
        others(lesson, "").values().forEach(out::addAll);
        return out;
    }
}
