package org.ewclab.engine;

import java.math.BigDecimal;

/** Number formatting shared by the preset writer, messages and tables. */
final class Num {
    private Num() {
    }

    /** Shortest plain form: 100000, 0.001, 1.0E-12 stays readable as 1e-12. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e15) {
            return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v).replace("E", "e");
    }

    /** Two significant digits for messages: 37, 0.0031, 2.1e+05. */
    static String short2(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(java.util.Locale.ROOT, "%.1e", v);
        }
        return new BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
