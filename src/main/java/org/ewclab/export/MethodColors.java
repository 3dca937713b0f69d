package org.ewclab.export;

import java.util.List;

/**
 * The lab's fixed colours (DESIGN.md): a method or a task has the same colour in every chart, window and export, so a
 * student who learned "green is EWC" on one chart can read the next without its legend.
 */
public final class MethodColors {
    public static final String PLAIN = "#d62728";
    public static final String L2 = "#1f77b4";
    public static final String EWC = "#2ca02c";
    public static final String ONLINE_EWC = "#9467bd";
    public static final String EWCPP = "#98df8a";
    public static final String SI = "#bcbd22";
    public static final String MAS = "#393b79";
    public static final String LWF = "#e377c2";
    public static final String REPLAY = "#17becf";
    public static final String FREEZE = "#8c564b";
    /** Joint training, the upper bound: near-black and drawn thin as a reference (dashes mean task B) ({@link #isReference}). */
    public static final String JOINT = "#222222";
    public static final String TASK_A = "#7f7f7f";
    public static final String TASK_B = "#e6a800";

    /**
     * Tasks C, D, ... (teal, brown, magenta, olive): at least as far from every method colour (replay is cyan) and from tasks A and B, in
     * CIELAB, as those are from each other (tested), and mid-light so they show on the light and the dark theme.
     * Cycled after the last.
     */
    static final List<String> FURTHER_TASKS = List.of("#1b9e77", "#8c510a", "#e7298a", "#808000");

    /** Colours for series that are neither a method nor a task, in the order the plot builder hands them out. */
    static final List<String> FALLBACK = List.of(PLAIN, L2, EWC, ONLINE_EWC, "#1b9e77", "#8c510a", "#e7298a",
            "#808000", TASK_A, TASK_B);

    private MethodColors() {
    }

    /** The colour of a method key: "plain", "l2", "ewc", "online-ewc", "ewcpp", "si", … (case-insensitive). */
    public static String method(String key) {
        return switch (key.toLowerCase(java.util.Locale.ROOT)) {
            case "plain" -> PLAIN;
            case "l2" -> L2;
            case "ewc" -> EWC;
            case "online-ewc" -> ONLINE_EWC;
            case "ewcpp" -> EWCPP;
            case "si" -> SI;
            case "mas" -> MAS;
            case "lwf" -> LWF;
            case "replay" -> REPLAY;
            case "freeze" -> FREEZE;
            case "joint" -> JOINT;
            default -> throw new IllegalArgumentException("unknown method '" + key
                    + "' (expected plain, l2, ewc, online-ewc, ewcpp, si, mas, lwf, replay, freeze or joint)");
        };
    }

    /** Whether a method is drawn as a reference (dashed): joint training, the upper bound, not a contender. */
    public static boolean isReference(String key) {
        return "joint".equalsIgnoreCase(key);
    }

    /** The name to show for a method key in legends: "Plain", "L2", "EWC", "Online EWC". */
    public static String methodLabel(String key) {
        return switch (key.toLowerCase(java.util.Locale.ROOT)) {
            case "plain" -> org.ewclab.i18n.Texts.get("method.plain");
            case "l2" -> "L2";
            case "ewc" -> "EWC";
            case "online-ewc" -> org.ewclab.i18n.Texts.get("method.onlineEwc");
            case "ewcpp" -> "EWC++";
            case "si" -> "SI";
            case "mas" -> "MAS";
            case "lwf" -> "LwF";
            case "replay" -> org.ewclab.i18n.Texts.get("method.replay");
            case "freeze" -> org.ewclab.i18n.Texts.get("method.freeze");
            case "joint" -> org.ewclab.i18n.Texts.get("method.joint");
            default -> key;
        };
    }

    /** The colour of task {@code index}: 0 is task A (grey), 1 task B (gold), then C, D, ... from a cycled palette. */
    public static String task(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("task index must be >= 0: " + index);
        }
        if (index == 0) {
            return TASK_A;
        }
        if (index == 1) {
            return TASK_B;
        }
        return FURTHER_TASKS.get((index - 2) % FURTHER_TASKS.size());
    }

    /** "A", "B", ..., "Z", "AA", ... for task {@code index}. */
    public static String taskLetter(int index) {
        StringBuilder sb = new StringBuilder();
        int i = index;
        do {
            sb.insert(0, (char) ('A' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return sb.toString();
    }
}
