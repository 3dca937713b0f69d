package org.ewclab.export;

/**
 * One axis of an x-y plot. {@code min}/{@code max} are NaN for "fit the data" (either may be fixed alone, e.g. a loss
 * axis that starts at 0). On a log10 axis values at or below zero are not drawn.
 *
 * @param label    what is measured ("accuracy on task A")
 * @param unit     shown after the label in brackets, or null/empty for none
 * @param percent  tick labels show a fraction as a percentage (0.5 → 50%); the data stays a fraction
 * @param secondary an optional readout on the opposite side (top for x, right for y) in another unit, or null
 * @param csvName  the name of this axis's column in the chart's CSV (e.g. {@code log10_abs_drift}), or null/empty
 *                 for the generic {@code x} / {@code y}
 */
public record Axis(String label, String unit, Scale scale, double min, double max, boolean percent,
                   Secondary secondary, String csvName) {

    public enum Scale {
        LINEAR, LOG10
    }

    /**
     * A second scale for the same axis: {@code value2 = factor * value + offset}. On a log10 axis only {@code factor}
     * applies (a log axis readout of λ·F beside F). On a linear axis of log10 F, λ·F in log10 is {@code offset =
     * log10 λ}.
     */
    public record Secondary(String label, String unit, double factor, double offset) {
        public Secondary {
            if (!(factor != 0 && Double.isFinite(factor)) || !Double.isFinite(offset)) {
                throw new IllegalArgumentException("secondary axis needs a finite non-zero factor: " + factor);
            }
            label = label == null ? "" : label;
        }
    }

    /** An axis whose CSV column is the generic {@code x} or {@code y}. */
    public Axis(String label, String unit, Scale scale, double min, double max, boolean percent,
            Secondary secondary) {
        this(label, unit, scale, min, max, percent, secondary, null);
    }

    public Axis {
        label = label == null ? "" : label;
        csvName = csvName == null ? "" : csvName;
        if (!csvName.isEmpty() && !csvName.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("CSV column name '" + csvName
                    + "' must be letters, digits and '_', starting with a letter");
        }
        scale = scale == null ? Scale.LINEAR : scale;
        if (Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("axis range must be finite or NaN (auto): " + min + ".." + max);
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            throw new IllegalArgumentException("axis range needs min < max: " + min + ".." + max);
        }
        if (scale == Scale.LOG10 && (min <= 0 || max <= 0)) {
            throw new IllegalArgumentException("a log10 axis needs a positive range: " + min + ".." + max);
        }
        if (scale == Scale.LOG10 && percent) {
            throw new IllegalArgumentException("a log10 axis cannot show percentages");
        }
    }

    public static Axis linear(String label, String unit) {
        return new Axis(label, unit, Scale.LINEAR, Double.NaN, Double.NaN, false, null);
    }

    public static Axis log10(String label, String unit) {
        return new Axis(label, unit, Scale.LOG10, Double.NaN, Double.NaN, false, null);
    }

    public Axis withRange(double lo, double hi) {
        return new Axis(label, unit, scale, lo, hi, percent, secondary, csvName);
    }

    public Axis withMin(double lo) {
        return new Axis(label, unit, scale, lo, max, percent, secondary, csvName);
    }

    public Axis withMax(double hi) {
        return new Axis(label, unit, scale, min, hi, percent, secondary, csvName);
    }

    public Axis withPercent(boolean p) {
        return new Axis(label, unit, scale, min, max, p, secondary, csvName);
    }

    public Axis withSecondary(Secondary s) {
        return new Axis(label, unit, scale, min, max, percent, s, csvName);
    }

    /** The same axis with its CSV column named, e.g. {@code withCsvName("log10_abs_drift")}. */
    public Axis withCsvName(String name) {
        return new Axis(label, unit, scale, min, max, percent, secondary, name);
    }

    /** The CSV column name of this axis, or {@code fallback} ("x", "y") when none is set. */
    public String csvNameOr(String fallback) {
        return csvName.isEmpty() ? fallback : csvName;
    }

    public boolean isLog() {
        return scale == Scale.LOG10;
    }

    /** "label (unit)", or the label alone. */
    public String title() {
        return joinUnit(label, unit);
    }

    static String joinUnit(String label, String unit) {
        return unit == null || unit.isEmpty() ? label : label + " (" + unit + ")";
    }
}
