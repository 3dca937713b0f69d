package org.ewclab.ui;

import java.util.Locale;
import java.util.OptionalDouble;

/** How λ is written and read in the window: powers of ten as "1e5", other values with 2 significant digits. */
final class LambdaFormat {
    static final double MIN_SLIDER_EXPONENT = -2;
    static final double MAX_SLIDER_EXPONENT = 8;
    static final double MAX_TYPED = 1e12;

    private LambdaFormat() {
    }

    static String format(double lambda) {
        if (lambda == 0) {
            return "0";
        }
        double exponent = Math.log10(lambda);
        double rounded = Math.rint(exponent);
        if (Math.abs(exponent - rounded) < 1e-9) {
            int e = (int) rounded;
            return e >= 0 && e <= 3 ? Long.toString(Math.round(lambda)) : "1e" + e;
        }
        if (lambda >= 0.1 && lambda < 1000) {
            return trim(String.format(Locale.ROOT, "%.3g", lambda));
        }
        String s = String.format(Locale.ROOT, "%.2e", lambda); // 3.16e+04
        String mantissa = trim(s.substring(0, s.indexOf('e')));
        int e = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        return mantissa + "e" + e;
    }

    /** Parses "1e5", "100000", "2.5E3", "1 000"; empty if not a number in 0..1e12. */
    static OptionalDouble parse(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        String cleaned = text.trim().replace(" ", "").replace("_", "").replace("\u00a0", "").toLowerCase(Locale.ROOT);
        if (cleaned.startsWith("λ=")) {
            cleaned = cleaned.substring(2);
        }
        if (cleaned.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(cleaned);
            if (!Double.isFinite(value) || value < 0 || value > MAX_TYPED) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(value);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Slider position (log10 λ) for a value, clamped to the slider's range. */
    static double toSlider(double lambda) {
        if (lambda <= 0) {
            return MIN_SLIDER_EXPONENT;
        }
        return Math.max(MIN_SLIDER_EXPONENT, Math.min(MAX_SLIDER_EXPONENT, Math.log10(lambda)));
    }

    /** λ for a slider position, snapped to 2 significant digits so dragging gives readable values. */
    static double fromSlider(double exponent) {
        double raw = Math.pow(10, exponent);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
        return Math.round(raw / magnitude) * magnitude;
    }

    private static String trim(String number) {
        if (!number.contains(".")) {
            return number;
        }
        String t = number.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
