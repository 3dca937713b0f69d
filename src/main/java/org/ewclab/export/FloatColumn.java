package org.ewclab.export;

import java.util.Arrays;

/**
 * An immutable column of floats: the data of one series. It copies on the way in and on the way out, so a plot can be
 * handed to the FX thread while the trainer keeps filling its own arrays, and a re-styled series shares its data.
 */
public final class FloatColumn {
    private static final FloatColumn EMPTY = new FloatColumn(new float[0]);

    private final float[] values;

    private FloatColumn(float[] values) {
        this.values = values;
    }

    public static FloatColumn of(float... values) {
        return values.length == 0 ? EMPTY : new FloatColumn(values.clone());
    }

    /** The first {@code length} values of a growing buffer (a live curve keeps a larger array than it has filled). */
    public static FloatColumn of(float[] values, int length) {
        return length == 0 ? EMPTY : new FloatColumn(Arrays.copyOf(values, length));
    }

    public static FloatColumn ofDoubles(double... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return new FloatColumn(f);
    }

    public static FloatColumn empty() {
        return EMPTY;
    }

    public int size() {
        return values.length;
    }

    public float get(int i) {
        return values[i];
    }

    public float[] toArray() {
        return values.clone();
    }

    /** Smallest finite value, or NaN when there is none. */
    public double min() {
        double m = Double.NaN;
        for (float v : values) {
            if (Float.isFinite(v) && !(v >= m)) {
                m = v;
            }
        }
        return m;
    }

    /** Largest finite value, or NaN when there is none. */
    public double max() {
        double m = Double.NaN;
        for (float v : values) {
            if (Float.isFinite(v) && !(v <= m)) {
                m = v;
            }
        }
        return m;
    }

    /** Smallest finite value above zero (for a log axis), or NaN when there is none. */
    public double minPositive() {
        double m = Double.NaN;
        for (float v : values) {
            if (Float.isFinite(v) && v > 0 && !(v >= m)) {
                m = v;
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatColumn other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatColumn[" + values.length + "]";
    }
}
