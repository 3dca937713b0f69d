package org.ewclab.export;

import java.util.List;
import java.util.Objects;

/**
 * One named set of data in an x-y plot. The name identifies the series across plot updates (the legend toggles it by
 * name), so keep it stable while a run trains. Create series with the static factories and restyle them with the
 * {@code with...} methods; all kinds are immutable.
 */
public sealed interface Series permits Series.Line, Series.Scatter, Series.Bars, Series.Density, Series.Cells {

    String name();

    Style style();

    /** The same data with another style. */
    Series withStyle(Style style);

    default Series withColor(String hexColor) {
        return withStyle(style().withColor(hexColor));
    }

    default Series withDash(Dash dash) {
        return withStyle(style().withDash(dash));
    }

    default Series withWidth(double width) {
        return withStyle(style().withWidth(width));
    }

    default Series withVisible(boolean visible) {
        return withStyle(style().withVisible(visible));
    }

    /** Number of data points (bins, for bars). */
    int size();

    /** Line pattern; the painter scales dash lengths with the line width. */
    enum Dash {
        SOLID, DASHED, DOTTED, DASH_DOT, LONG_DASH, DASH_DOT_DOT;

        /**
         * The line of task {@code t} in a chart that overlays tasks: A solid, B dashed, C dotted, D dash-dot, E long
         * dashes, F dash-dot-dot, then again from dashed. Colour stays the method's, so the style tells the task.
         */
        public static Dash forTask(int t) {
            Dash[] all = values();
            return t < all.length ? all[t] : all[1 + (t - 1) % (all.length - 1)];
        }
    }

    /**
     * How a series looks. {@code color} is {@code #rrggbb}, or null to take the next free palette colour when the plot
     * is built; {@code width} is the line width in px before the theme's line scale.
     */
    record Style(String color, Dash dash, double width, boolean visible) {
        public static final double DEFAULT_WIDTH = 2.0;

        public Style {
            if (color != null) {
                Argb.parse(color);
            }
            dash = dash == null ? Dash.SOLID : dash;
            if (!(width > 0)) {
                throw new IllegalArgumentException("line width must be positive: " + width);
            }
        }

        public static Style of(String color) {
            return new Style(color, Dash.SOLID, DEFAULT_WIDTH, true);
        }

        public Style withColor(String c) {
            return new Style(c, dash, width, visible);
        }

        public Style withDash(Dash d) {
            return new Style(color, d, width, visible);
        }

        public Style withWidth(double w) {
            return new Style(color, dash, w, visible);
        }

        public Style withVisible(boolean v) {
            return new Style(color, dash, width, v);
        }
    }

    /**
     * A curve through (x[i], y[i]); NaN in either coordinate breaks the line. Long lines are thinned for display.
     * Optionally a band from {@code lower[i]} to {@code upper[i]} (e.g. mean ± standard error over seeds), drawn as
     * a translucent fill in the line's colour under the line; both null for none.
     */
    record Line(String name, Style style, FloatColumn x, FloatColumn y, FloatColumn lower, FloatColumn upper)
            implements Series {
        public Line {
            requireSameLength(name, x, y);
            if ((lower == null) != (upper == null)) {
                throw new IllegalArgumentException(name + ": a band needs both its lower and its upper edge");
            }
            if (lower != null && (lower.size() != x.size() || upper.size() != x.size())) {
                throw new IllegalArgumentException(name + ": " + x.size() + " points but a band of " + lower.size()
                        + "/" + upper.size());
            }
        }

        /** A line without a band. */
        public Line(String name, Style style, FloatColumn x, FloatColumn y) {
            this(name, style, x, y, null, null);
        }

        @Override
        public Line withStyle(Style s) {
            return new Line(name, s, x, y, lower, upper);
        }

        /** The same line with a band from {@code lo} to {@code hi} around it. */
        public Line withBand(FloatColumn lo, FloatColumn hi) {
            return new Line(name, style, x, y, lo, hi);
        }

        public boolean hasBand() {
            return lower != null;
        }

        @Override
        public int size() {
            return x.size();
        }
    }

    /**
     * Points, each with an optional label drawn beside it (e.g. "λ=1e3" on a stability–plasticity curve), optionally
     * joined in order by a thin line.
     */
    record Scatter(String name, Style style, FloatColumn x, FloatColumn y, List<String> labels, boolean connected,
            FloatColumn xError, FloatColumn yError) implements Series {
        public Scatter {
            requireSameLength(name, x, y);
            labels = labels == null ? List.of() : List.copyOf(labels);
            if (!labels.isEmpty() && labels.size() != x.size()) {
                throw new IllegalArgumentException(name + ": " + labels.size() + " labels for " + x.size() + " points");
            }
            if (xError != null && xError.size() != x.size() || yError != null && yError.size() != x.size()) {
                throw new IllegalArgumentException(name + ": error bars need one half-width per point ("
                        + x.size() + ")");
            }
        }

        /** Points without error bars. */
        public Scatter(String name, Style style, FloatColumn x, FloatColumn y, List<String> labels,
                boolean connected) {
            this(name, style, x, y, labels, connected, null, null);
        }

        @Override
        public Scatter withStyle(Style s) {
            return new Scatter(name, s, x, y, labels, connected, xError, yError);
        }

        public Scatter withLabels(List<String> l) {
            return new Scatter(name, style, x, y, l, connected, xError, yError);
        }

        public Scatter withConnected(boolean c) {
            return new Scatter(name, style, x, y, labels, c, xError, yError);
        }

        /**
         * The same points with error bars: each point ± {@code xErr[i]} across and ± {@code yErr[i]} up and down
         * (half-widths, e.g. standard errors; null, NaN or 0 for none).
         */
        public Scatter withErrors(FloatColumn xErr, FloatColumn yErr) {
            return new Scatter(name, style, x, y, labels, connected, xErr, yErr);
        }

        public boolean hasErrors() {
            return xError != null || yError != null;
        }

        @Override
        public int size() {
            return x.size();
        }
    }

    /**
     * A histogram: {@code counts[i]} between {@code edges[i]} and {@code edges[i+1]}. Drawn as a translucent filled
     * step outline, so several histograms overlay readably.
     */
    record Bars(String name, Style style, FloatColumn edges, FloatColumn counts) implements Series {
        public Bars {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(edges, "edges");
            Objects.requireNonNull(counts, "counts");
            if (counts.size() > 0 && edges.size() != counts.size() + 1) {
                throw new IllegalArgumentException(name + ": " + counts.size() + " bins need " + (counts.size() + 1)
                        + " edges, got " + edges.size());
            }
        }

        @Override
        public Bars withStyle(Style s) {
            return new Bars(name, s, edges, counts);
        }

        @Override
        public int size() {
            return counts.size();
        }
    }

    /** A density curve (KDE) drawn as a line over a translucent fill down to y = 0. */
    record Density(String name, Style style, FloatColumn x, FloatColumn y) implements Series {
        public Density {
            requireSameLength(name, x, y);
        }

        @Override
        public Density withStyle(Style s) {
            return new Density(name, s, x, y);
        }

        @Override
        public int size() {
            return x.size();
        }
    }

    /**
     * A 2-D histogram: {@code columns × rows} equal cells covering [xLo, xHi] × [yLo, yHi], {@code counts} row-major
     * with row 0 at the bottom (smallest y). Drawn as cells shaded in the series colour, opacity growing with
     * log(1 + count) up to {@code shadeMax} (NaN: the largest count), so one count means the same shade in every
     * panel that shares {@code shadeMax}; empty cells stay clear. {@code valueName} names what is counted
     * ("weights") in the legend, the hover read-out and the CSV.
     */
    record Cells(String name, Style style, double xLo, double xHi, int columns, double yLo, double yHi, int rows,
                 FloatColumn counts, double shadeMax, String valueName) implements Series {
        public Cells {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(counts, "counts");
            if (columns < 1 || rows < 1 || counts.size() != columns * rows) {
                throw new IllegalArgumentException(name + ": " + columns + "×" + rows + " cells need "
                        + (long) columns * rows + " counts, got " + counts.size());
            }
            if (!(xHi > xLo) || !(yHi > yLo) || !Double.isFinite(xLo + xHi + yLo + yHi)) {
                throw new IllegalArgumentException(name + ": cells need finite ranges with lo < hi: x " + xLo + ".."
                        + xHi + ", y " + yLo + ".." + yHi);
            }
            valueName = valueName == null || valueName.isEmpty() ? "count" : valueName;
        }

        @Override
        public Cells withStyle(Style s) {
            return new Cells(name, s, xLo, xHi, columns, yLo, yHi, rows, counts, shadeMax, valueName);
        }

        @Override
        public int size() {
            return columns * rows;
        }

        public float count(int row, int column) {
            return counts.get(row * columns + column);
        }

        public double cellWidth() {
            return (xHi - xLo) / columns;
        }

        public double cellHeight() {
            return (yHi - yLo) / rows;
        }

        /** The count at which a cell is fully shaded. */
        public double resolvedShadeMax() {
            return Double.isNaN(shadeMax) || !(shadeMax > 0) ? Math.max(1, counts.max()) : shadeMax;
        }
    }

    static Cells cells(String name, double xLo, double xHi, int columns, double yLo, double yHi, int rows,
            float[] counts, double shadeMax, String valueName, String color) {
        return new Cells(name, Style.of(color), xLo, xHi, columns, yLo, yHi, rows, FloatColumn.of(counts), shadeMax,
                valueName);
    }

    static Line line(String name, float[] x, float[] y) {
        return new Line(name, Style.of(null), FloatColumn.of(x), FloatColumn.of(y));
    }

    static Line line(String name, float[] x, float[] y, String color) {
        return new Line(name, Style.of(color), FloatColumn.of(x), FloatColumn.of(y));
    }

    static Scatter scatter(String name, float[] x, float[] y, String color) {
        return new Scatter(name, Style.of(color), FloatColumn.of(x), FloatColumn.of(y), List.of(), false);
    }

    static Scatter scatter(String name, float[] x, float[] y, List<String> labels, String color) {
        return new Scatter(name, Style.of(color), FloatColumn.of(x), FloatColumn.of(y), labels, false);
    }

    static Bars bars(String name, float[] edges, float[] counts, String color) {
        return new Bars(name, Style.of(color).withWidth(1.5), FloatColumn.of(edges), FloatColumn.of(counts));
    }

    static Density density(String name, float[] x, float[] y, String color) {
        return new Density(name, Style.of(color), FloatColumn.of(x), FloatColumn.of(y));
    }

    private static void requireSameLength(String name, FloatColumn x, FloatColumn y) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.size() != y.size()) {
            throw new IllegalArgumentException(name + ": " + x.size() + " x values but " + y.size() + " y values");
        }
    }
}
