package org.ewclab.export;

import java.util.Objects;

/**
 * A reference line across the plot: vertical at an x (a task boundary "task B starts", "λ → 1e4"), or horizontal at a
 * y (chance level, a quantile). {@code color} null means the theme's marker colour.
 */
public record Marker(Orientation orientation, double value, String label, String color, boolean dashed) {

    public enum Orientation {
        VERTICAL, HORIZONTAL
    }

    public Marker {
        Objects.requireNonNull(orientation, "orientation");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("marker value must be finite: " + value);
        }
        label = label == null ? "" : label;
        if (color != null) {
            Argb.parse(color);
        }
    }

    public static Marker vertical(double x, String label) {
        return new Marker(Orientation.VERTICAL, x, label, null, true);
    }

    public static Marker horizontal(double y, String label) {
        return new Marker(Orientation.HORIZONTAL, y, label, null, true);
    }

    public Marker withColor(String c) {
        return new Marker(orientation, value, label, c, dashed);
    }

    public Marker withDashed(boolean d) {
        return new Marker(orientation, value, label, color, d);
    }
}
