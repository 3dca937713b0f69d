package org.ewclab.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where an axis gets its ticks and what they say: 1-2-5 steps on linear axes, decades on log axes. */
final class Ticks {
    /** A tick; minor ticks (log axes: 2..9 × 10ⁿ) get a short mark and no label. */
    record Tick(double value, String label, boolean major) {
    }

    private Ticks() {
    }

    /** The smallest 1-2-5 step that gives at most {@code target} intervals over {@code span}. */
    static double niceStep(double span, int target) {
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
        return nice * mag;
    }

    /** Major ticks at multiples of a nice step that lie inside [lo, hi]; at least two when the range allows. */
    static List<Tick> linear(double lo, double hi, int target, boolean percent) {
        if (!(hi > lo)) {
            return new ArrayList<>();
        }
        double step = niceStep(hi - lo, target);
        List<Tick> out = linearWithStep(lo, hi, step, percent);
        for (int i = 0; i < 3 && out.size() < 2; i++) {
            step = smallerNiceStep(step);
            out = linearWithStep(lo, hi, step, percent);
        }
        return out;
    }

    private static List<Tick> linearWithStep(double lo, double hi, double step, boolean percent) {
        List<Tick> out = new ArrayList<>();
        double eps = step * 1e-9;
        long first = (long) Math.ceil((lo - eps) / step);
        long last = (long) Math.floor((hi + eps) / step);
        for (long k = first; k <= last && out.size() < 1000; k++) {
            double v = k * step;
            if (Math.abs(v) < eps) {
                v = 0;
            }
            out.add(new Tick(v, format(v, step, percent), true));
        }
        return out;
    }

    /** The next 1-2-5 step down: 5 → 2 → 1 → 0.5. */
    static double smallerNiceStep(double step) {
        double mag = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        double f = Math.round(step / mag);
        return f >= 5 ? 2 * mag : f >= 2 ? mag : 0.5 * mag;
    }

    /**
     * Ticks of a log10 axis: every decade (every k-th when there are too many for {@code target}), minor ticks at
     * 2..9 × 10ⁿ, and labels at 2 and 5 × 10ⁿ as well when the range spans too few decades to read.
     */
    static List<Tick> log10(double lo, double hi, int target) {
        List<Tick> out = new ArrayList<>();
        if (!(hi > lo) || lo <= 0) {
            return out;
        }
        int e0 = (int) Math.floor(Math.log10(lo) + 1e-6);
        int e1 = (int) Math.floor(Math.log10(hi) + 1e-6);
        int firstDecade = (int) Math.ceil(Math.log10(lo) - 1e-6);
        int decadesInside = e1 - firstDecade + 1;
        int every = Math.max(1, (int) Math.ceil(decadesInside / (double) Math.max(2, target)));
        boolean sparse = decadesInside < 2;
        boolean superscript = firstDecade < -2 || e1 > 3;
        for (int e = e0; e <= e1; e++) {
            for (int m = 1; m <= 9; m++) {
                double v = m * Math.pow(10, e);
                double lv = Math.log10(v);
                if (lv < Math.log10(lo) - 1e-6 || lv > Math.log10(hi) + 1e-6) {
                    continue;
                }
                boolean decade = m == 1 && Math.floorMod(e, every) == 0;
                boolean labelled = decade || (sparse && (m == 2 || m == 5));
                if (labelled) {
                    out.add(new Tick(v, logLabel(m, e, superscript), true));
                } else if (every == 1) {
                    out.add(new Tick(v, "", false));
                }
            }
        }
        if (out.stream().filter(t -> !t.label().isEmpty()).count() < 2) {
            return linear(lo, hi, Math.max(2, target), false); // a sliver of a decade: plain values read better
        }
        return out;
    }

    /**
     * "10^3" (drawn as 10 with a raised 3) for an axis spanning many decades, plain "0.01" .. "1000" when all its
     * decades are that readable.
     */
    static String logLabel(int mantissa, int exponent, boolean superscript) {
        if (!superscript) {
            return displayMinus(BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).stripTrailingZeros()
                    .toPlainString());
        }
        String pow = "10^" + displayMinus(Integer.toString(exponent));
        return mantissa == 1 ? pow : mantissa + "×" + pow;
    }

    /**
     * A tick value with as many decimals as its step needs; percentages ×100 with "%"; huge or tiny ones as
     * "2.5×10^7" (drawn with a raised exponent).
     */
    static String format(double v, double step, boolean percent) {
        if (percent) {
            return format(v * 100, step * 100, false) + "%";
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1e7 || step < 1e-4) {
            int exp = (int) Math.floor(Math.log10(Math.abs(v)));
            int digits = Math.max(0, exp - (int) Math.floor(Math.log10(step) + 1e-9));
            BigDecimal m = BigDecimal.valueOf(v).scaleByPowerOfTen(-exp).setScale(Math.min(digits, 6),
                    RoundingMode.HALF_EVEN).stripTrailingZeros();
            return displayMinus(m.toPlainString()) + "×10^" + displayMinus(Integer.toString(exp));
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return displayMinus(BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
    }

    /** A value for a readout (hover text, marker): about four significant digits, no needless zeros. */
    static String readout(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            return displayMinus(String.format(Locale.ROOT, "%.3e", v).replaceFirst("\\.?0+e", "e"));
        }
        return displayMinus(new BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString());
    }

    /** Typographic minus (U+2212): a hyphen is too short to see from the back of a room. */
    static String displayMinus(String s) {
        return (s.startsWith("-") ? "−" + s.substring(1) : s).replace("e-", "e−");
    }
}
