package org.ewclab.export;

/** Maps data values of one axis to pixels and back; {@code p0} is where {@code lo} lands (bottom, for a y axis). */
record AxisMap(double lo, double hi, boolean log, double p0, double p1) {

    double toPixel(double v) {
        double f;
        if (log) {
            if (!(v > 0)) {
                return Double.NaN;
            }
            f = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        } else {
            f = (v - lo) / (hi - lo);
        }
        return p0 + f * (p1 - p0);
    }

    double fromPixel(double p) {
        double f = (p - p0) / (p1 - p0);
        return log ? Math.pow(10, Math.log10(lo) + f * (Math.log10(hi) - Math.log10(lo))) : lo + f * (hi - lo);
    }
}
