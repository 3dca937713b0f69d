package org.ewclab.engine;

/**
 * Where a run of a knob sweep sits: the knob's preset name (e.g. "memory", "alpha"), the value the run used, and the
 * sweep's scale ("log" or "linear"), which the charts' x axis follows. λ sweeps have none (their runs are recorded by
 * λ, as results files always did).
 */
public record KnobPoint(String knob, double value, String scale) {
    public KnobPoint {
        java.util.Objects.requireNonNull(knob, "knob");
        scale = scale == null ? ExperimentPreset.SweepSpec.LINEAR : scale;
    }

    /** Whether the charts draw this knob on a log axis. */
    public boolean log() {
        return ExperimentPreset.SweepSpec.LOG.equals(scale);
    }

    /** The run's knob in words, as legends and tables name it: "memory 50", "α 0.5", "T 4", "β 0.9". */
    public String label() {
        return symbol(knob) + " " + Num.format(value);
    }

    /** The short name of a knob: λ, α, β, ξ and T for lambda, alpha, beta, xi and temperature, else its name. */
    public static String symbol(String knob) {
        return switch (knob) {
            case "lambda" -> "λ";
            case "alpha" -> "α";
            case "beta" -> "β";
            case "xi" -> "ξ";
            case "temperature" -> "T";
            default -> knob;
        };
    }
}
