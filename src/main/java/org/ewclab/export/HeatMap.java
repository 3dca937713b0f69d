package org.ewclab.export;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A grid of values drawn as coloured cells with a colour bar: the 28×28 Fisher importance image, the accuracy matrix.
 * Values are row-major with row 0 at the top, as in an image or a printed matrix. Cells stay square when
 * {@code squareCells} is set (an image must not be stretched).
 *
 * @param min          the value at the bottom of the colour map, NaN for the data minimum (diverging: −max|v|)
 * @param max          the value at the top of the colour map, NaN for the data maximum (diverging: +max|v|)
 * @param cellFormat   a {@link String#format} pattern for a value written in each cell (e.g. "%.2f"), or null
 * @param scaleLabel   the label of the colour bar
 * @param errors       per cell, a ± half-width written under the value (e.g. the standard error over seeds), or null
 */
public record HeatMap(int columns, int rows, FloatColumn values, ColorMap colorMap, double min, double max,
                      List<String> columnLabels, List<String> rowLabels, String cellFormat, String scaleLabel,
                      boolean squareCells, FloatColumn errors) {

    /** A heat map without ± values. */
    public HeatMap(int columns, int rows, FloatColumn values, ColorMap colorMap, double min, double max,
            List<String> columnLabels, List<String> rowLabels, String cellFormat, String scaleLabel,
            boolean squareCells) {
        this(columns, rows, values, colorMap, min, max, columnLabels, rowLabels, cellFormat, scaleLabel, squareCells,
                null);
    }

    public HeatMap {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("heat map needs at least one cell: " + columns + "×" + rows);
        }
        Objects.requireNonNull(values, "values");
        if (values.size() != columns * rows) {
            throw new IllegalArgumentException("heat map " + columns + "×" + rows + " needs " + columns * rows
                    + " values, got " + values.size());
        }
        colorMap = colorMap == null ? ColorMap.VIRIDIS : colorMap;
        columnLabels = columnLabels == null ? List.of() : List.copyOf(columnLabels);
        rowLabels = rowLabels == null ? List.of() : List.copyOf(rowLabels);
        if (!columnLabels.isEmpty() && columnLabels.size() != columns) {
            throw new IllegalArgumentException(columnLabels.size() + " column labels for " + columns + " columns");
        }
        if (!rowLabels.isEmpty() && rowLabels.size() != rows) {
            throw new IllegalArgumentException(rowLabels.size() + " row labels for " + rows + " rows");
        }
        if (cellFormat != null) {
            try {
                String.format(Locale.ROOT, cellFormat, 0.5f);
            } catch (IllegalFormatException e) {
                throw new IllegalArgumentException("cell format '" + cellFormat + "' cannot format a number", e);
            }
        }
        scaleLabel = scaleLabel == null ? "" : scaleLabel;
        if (errors != null && errors.size() != values.size()) {
            throw new IllegalArgumentException("heat map " + columns + "×" + rows + " needs " + values.size()
                    + " errors, got " + errors.size());
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            throw new IllegalArgumentException("colour range needs min < max: " + min + ".." + max);
        }
    }

    public static HeatMap of(int columns, int rows, float[] values) {
        return new HeatMap(columns, rows, FloatColumn.of(values), ColorMap.VIRIDIS, Double.NaN, Double.NaN, List.of(),
                List.of(), null, "", true);
    }

    public float value(int row, int column) {
        return values.get(row * columns + column);
    }

    public HeatMap withColorMap(ColorMap m) {
        return new HeatMap(columns, rows, values, m, min, max, columnLabels, rowLabels, cellFormat, scaleLabel,
                squareCells, errors);
    }

    public HeatMap withRange(double lo, double hi) {
        return new HeatMap(columns, rows, values, colorMap, lo, hi, columnLabels, rowLabels, cellFormat, scaleLabel,
                squareCells, errors);
    }

    public HeatMap withLabels(List<String> columnNames, List<String> rowNames) {
        return new HeatMap(columns, rows, values, colorMap, min, max, columnNames, rowNames, cellFormat, scaleLabel,
                squareCells, errors);
    }

    public HeatMap withCellFormat(String format) {
        return new HeatMap(columns, rows, values, colorMap, min, max, columnLabels, rowLabels, format, scaleLabel,
                squareCells, errors);
    }

    public HeatMap withScaleLabel(String label) {
        return new HeatMap(columns, rows, values, colorMap, min, max, columnLabels, rowLabels, cellFormat, label,
                squareCells, errors);
    }

    public HeatMap withSquareCells(boolean square) {
        return new HeatMap(columns, rows, values, colorMap, min, max, columnLabels, rowLabels, cellFormat, scaleLabel,
                square, errors);
    }

    /** The colour range actually used: fixed ends, else the data's, symmetric about 0 for a diverging map. */
    double[] resolvedRange() {
        double lo = min;
        double hi = max;
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            double dMin = values.min();
            double dMax = values.max();
            if (Double.isNaN(dMin)) {
                dMin = 0;
                dMax = 1;
            }
            if (colorMap.isDiverging()) {
                double m = Math.max(Math.abs(dMin), Math.abs(dMax));
                dMin = -m;
                dMax = m;
            }
            lo = Double.isNaN(lo) ? dMin : lo;
            hi = Double.isNaN(hi) ? dMax : hi;
        }
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.5;
            lo -= pad;
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    /** The same map with a ± value under each cell's value (NaN: none for that cell). */
    public HeatMap withErrors(FloatColumn e) {
        return new HeatMap(columns, rows, values, colorMap, min, max, columnLabels, rowLabels, cellFormat, scaleLabel,
                squareCells, e);
    }

    /** "±0.012" for cell {@code i} ("%.2f" values get "%.3f" errors), or "" when it has none. */
    String formatError(int i) {
        if (errors == null || cellFormat == null || Float.isNaN(values.get(i))) {
            return "";
        }
        float e = errors.get(i);
        if (!Float.isFinite(e)) {
            return "";
        }
        // one digit more than the value: a standard error is smaller than the values it qualifies
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%\\.(\\d)f").matcher(cellFormat);
        String f = m.find() ? cellFormat.substring(0, m.start()) + "%." + Math.min(9, Integer.parseInt(m.group(1)) + 1)
                + "f" + cellFormat.substring(m.end()) : cellFormat;
        return "±" + String.format(Locale.ROOT, f, e);
    }

    String formatCell(float v) {
        return cellFormat == null || Float.isNaN(v) ? ""
                : Ticks.displayMinus(String.format(Locale.ROOT, cellFormat, v));
    }
}
