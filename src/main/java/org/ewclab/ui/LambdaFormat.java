package org.ewclab.ui;

import java.util.Locale;
import java.util.OptionalDouble;
import org.ewclab.i18n.Texts;

/** How λ is written and read in the window: powers of ten as "1e5", other values with 2 significant digits. */
final class LambdaFormat {
    static final double MIN_SLIDER_EXPONENT = -2;
    static final double MAX_SLIDER_EXPONENT = 8;
    static final double MAX_TYPED = 1e12;

    private LambdaFormat() {
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

    /**
     * Why a typed λ is refused, in words, or "" when {@link #parse} accepts it: empty, not a number, negative, or above
     * {@link #MAX_TYPED}.
     */
    static String problem(String text) {
        if (parse(text).isPresent()) {
            return "";
        }
        String shown = text == null ? "" : text.trim();
        if (shown.isEmpty()) {
            return Texts.get("lambda.empty");
        }
        String cleaned = shown.replace(" ", "").replace("_", "").replace("\u00a0", "").toLowerCase(Locale.ROOT);
        if (cleaned.startsWith("λ=")) {
            cleaned = cleaned.substring(2);
        }
        double value;
        try {
            value = Double.parseDouble(cleaned);
        } catch (NumberFormatException e) {
            return Texts.fmt("lambda.notNumber", shown);
        }
        if (Double.isNaN(value)) {
            return Texts.fmt("lambda.notNumber", shown);
        }
        if (value < 0) {
            return Texts.fmt("lambda.negative", shown);
        }
        return Texts.fmt("lambda.tooLarge", shown, org.ewclab.analysis.ExperimentLog.shortNumber(MAX_TYPED));
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

}
