package org.ewclab.export;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a plot as PNG (slides), SVG (papers) or CSV (a student's own plots). PNG and SVG are drawn by the same
 * {@link PlotPainter} as the window; everything here runs headless ({@code java.awt.headless=true}, no display, no
 * JavaFX). Files are written to a temporary sibling and moved into place, so a crash never leaves half a file.
 *
 * <h2>CSV format</h2>
 * An x-y plot is written in long format, one row per data point, full resolution (never the thinned display data),
 * hidden series included, every number as {@link Float#toString(float)} so it parses back to the identical float:
 * <pre>
 * series,kind,x,y,x_end,label
 * EWC,line,0.0,0.1023,,
 * λ sweep,scatter,0.97,0.41,,λ=1e3
 * log10 F,bars,-8.0,12.0,-7.5,          (a histogram bin: x..x_end holds y)
 * task B starts,x-marker,1000.0,,,      (a vertical marker at x)
 * chance,y-marker,,0.1,,                (a horizontal marker at y)
 * </pre>
 * {@code kind} is line, scatter, bars, density, x-marker or y-marker. Fields with a comma, quote or line break are
 * quoted (RFC 4180). An axis with a CSV name ({@link Axis#csvName()}) names its columns instead of {@code x} /
 * {@code y} (e.g. {@code series,kind,log10_abs_drift,density,log10_abs_drift_end,label}).
 *
 * <p>A plot with 2-D histogram cells ({@link Series.Cells}) or with panels adds columns: {@code panel} first (the
 * panel's title) when there are panels, and {@code Y_end} plus the counted quantity after {@code X_end}; a cell row
 * holds its lower-left corner in X, Y, its upper-right in X_end, Y_end and its count, e.g.
 * <pre>
 * panel,series,kind,log10_fisher,log10_abs_drift,log10_fisher_end,log10_abs_drift_end,weights,label
 * EWC λ=1e5,EWC λ=1e5 · weights,cells,-6.0,-4.0,-5.75,-3.75,118.0,
 * EWC λ=1e5,EWC λ=1e5 · median drift,scatter,-5.875,-3.21,,,,
 * </pre>
 * A heat-map plot is written as a matrix instead: a header row of column labels (or indices), then one row per
 * heat-map row starting with its label (or index).
 *
 * <p>A plot that carries a {@link Plot.Table} (the data a chart summarises, e.g. three importance measures of every
 * parameter) is written as that table: its header, then one row per entry.
 */
public final class ChartExport {
    private ChartExport() {
    }

    /** The chart as an image of {@code width·scale}×{@code height·scale} px: the same layout, finer. */
    public static BufferedImage image(Plot plot, int width, int height, double scale, Theme theme) {
        if (width <= 0 || height <= 0 || !(scale > 0)) {
            throw new IllegalArgumentException("bad image size " + width + "×" + height + " at scale " + scale);
        }
        BufferedImage img = Java2dSurface.newImage(width, height, scale);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(img.getWidth() / (double) width, img.getHeight() / (double) height);
            PlotPainter.paint(plot, new Java2dSurface(g), width, height, theme);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes a PNG; {@code scale} 2 turns an 800×500 chart into 1600×1000 pixels with the same layout. */
    public static void png(Plot plot, int width, int height, double scale, Theme theme, Path file)
            throws IOException {
        BufferedImage img = image(plot, width, height, scale, theme);
        Path tmp = temporarySibling(file);
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The chart as an SVG document of {@code width}×{@code height} user units. */
    public static String svgString(Plot plot, int width, int height, Theme theme) {
        SvgSurface svg = new SvgSurface(width, height);
        PlotPainter.paint(plot, svg, width, height, theme);
        return svg.finish();
    }

    public static void svg(Plot plot, int width, int height, Theme theme, Path file) throws IOException {
        writeText(file, svgString(plot, width, height, theme));
    }

    /** Writes the plot's data as CSV (see the class comment for the format). */
    public static void csv(Plot plot, Path file) throws IOException {
        Path tmp = temporarySibling(file);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                csv(plot, w);
            }
            moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void csv(Plot plot, Writer out) throws IOException {
        BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out);
        if (plot.table() != null) {
            writeTable(plot.table(), w);
        } else if (plot.isHeatMap()) {
            writeMatrix(plot, w);
        } else {
            writeLong(plot, w);
        }
        w.flush();
    }

    private static void writeLong(Plot plot, BufferedWriter w) throws IOException {
        List<Plot> parts = plot.hasPanels() ? plot.panels() : List.of(plot);
        boolean panels = plot.hasPanels();
        Series.Cells anyCells = null;
        for (Plot p : parts) {
            for (Series s : p.series()) {
                if (s instanceof Series.Cells c && anyCells == null) {
                    anyCells = c;
                }
            }
        }
        boolean wide = panels || anyCells != null;
        Plot first = parts.isEmpty() ? plot : parts.get(0);
        String xn = first.x().csvNameOr("x");
        String yn = first.y().csvNameOr("y");
        StringBuilder header = new StringBuilder();
        if (panels) {
            header.append("panel,");
        }
        header.append("series,kind,").append(xn).append(',').append(yn).append(',').append(xn).append("_end");
        if (wide) {
            header.append(',').append(yn).append("_end,").append(anyCells == null ? "count"
                    : anyCells.valueName().replaceAll("[^A-Za-z0-9_]", "_"));
        }
        w.write(header.append(",label\n").toString());
        for (Plot p : parts) {
            String panel = panels ? field(p.title()) : null;
            for (Series s : p.series()) {
                String name = field(s.name());
                if (s instanceof Series.Bars b) {
                    for (int i = 0; i < b.size(); i++) {
                        row(w, wide, panel, name, "bars", f(b.edges().get(i)), f(b.counts().get(i)),
                                f(b.edges().get(i + 1)), "", "", "");
                    }
                } else if (s instanceof Series.Scatter sc) {
                    for (int i = 0; i < sc.size(); i++) {
                        row(w, wide, panel, name, "scatter", f(sc.x().get(i)), f(sc.y().get(i)), "", "", "",
                                sc.labels().isEmpty() ? "" : field(sc.labels().get(i)));
                    }
                    // error bars as their ends, e.g. "y-error-low" at (x, y − e): a reader plots them as drawn
                    for (int i = 0; sc.yError() != null && i < sc.size(); i++) {
                        float x = sc.x().get(i);
                        float y = sc.y().get(i);
                        float e = sc.yError().get(i);
                        row(w, wide, panel, name, "y-error-low", f(x), f(y - e), "", "", "", "");
                        row(w, wide, panel, name, "y-error-high", f(x), f(y + e), "", "", "", "");
                    }
                    for (int i = 0; sc.xError() != null && i < sc.size(); i++) {
                        float x = sc.x().get(i);
                        float y = sc.y().get(i);
                        float e = sc.xError().get(i);
                        row(w, wide, panel, name, "x-error-low", f(x - e), f(y), "", "", "", "");
                        row(w, wide, panel, name, "x-error-high", f(x + e), f(y), "", "", "", "");
                    }
                } else if (s instanceof Series.Cells c) {
                    for (int r = 0; r < c.rows(); r++) {
                        for (int col = 0; col < c.columns(); col++) {
                            row(w, wide, panel, name, "cells", d(c.xLo() + col * c.cellWidth()),
                                    d(c.yLo() + r * c.cellHeight()), d(c.xLo() + (col + 1) * c.cellWidth()),
                                    d(c.yLo() + (r + 1) * c.cellHeight()), f(c.count(r, col)), "");
                        }
                    }
                } else {
                    FloatColumn x = s instanceof Series.Line l ? l.x() : ((Series.Density) s).x();
                    FloatColumn y = s instanceof Series.Line l ? l.y() : ((Series.Density) s).y();
                    String kind = s instanceof Series.Line ? "line" : "density";
                    for (int i = 0; i < x.size(); i++) {
                        row(w, wide, panel, name, kind, f(x.get(i)), f(y.get(i)), "", "", "", "");
                    }
                    if (s instanceof Series.Line l && l.hasBand()) {
                        for (int i = 0; i < x.size(); i++) {
                            row(w, wide, panel, name, "band-lower", f(x.get(i)), f(l.lower().get(i)), "", "", "", "");
                        }
                        for (int i = 0; i < x.size(); i++) {
                            row(w, wide, panel, name, "band-upper", f(x.get(i)), f(l.upper().get(i)), "", "", "", "");
                        }
                    }
                }
            }
            for (Marker m : p.markers()) {
                String v = Double.toString(m.value());
                if (m.orientation() == Marker.Orientation.VERTICAL) {
                    row(w, wide, panel, field(m.label()), "x-marker", v, "", "", "", "", "");
                } else {
                    row(w, wide, panel, field(m.label()), "y-marker", "", v, "", "", "", "");
                }
            }
        }
    }

    /** One data row: the panel column only for panelled plots, Y_end and the count only for wide files. */
    private static void row(BufferedWriter w, boolean wide, String panel, String series, String kind, String x,
            String y, String xEnd, String yEnd, String count, String label) throws IOException {
        if (panel != null) {
            row(w, panel, series, kind, x, y, xEnd, yEnd, count, label);
        } else if (wide) {
            row(w, series, kind, x, y, xEnd, yEnd, count, label);
        } else {
            row(w, series, kind, x, y, xEnd, label);
        }
    }

    /** Cell edges are computed in double; written as the shortest text that parses back to the same double. */
    private static String d(double v) {
        return Double.toString(v);
    }

    private static void writeTable(Plot.Table t, BufferedWriter w) throws IOException {
        String[] cells = new String[t.columns().size()];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = field(t.header().get(c));
        }
        row(w, cells);
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < cells.length; c++) {
                Object col = t.columns().get(c);
                cells[c] = col instanceof String[] a ? field(a[r]) : col instanceof float[] a ? f(a[r])
                        : Integer.toString(((int[]) col)[r]);
            }
            row(w, cells);
        }
    }

    private static void writeMatrix(Plot plot, BufferedWriter w) throws IOException {
        HeatMap h = plot.heatMap();
        w.write(field(plot.y().label().isEmpty() ? "row" : plot.y().label()));
        for (int c = 0; c < h.columns(); c++) {
            w.write(',');
            w.write(h.columnLabels().isEmpty() ? Integer.toString(c) : field(h.columnLabels().get(c)));
        }
        w.write('\n');
        for (int r = 0; r < h.rows(); r++) {
            w.write(h.rowLabels().isEmpty() ? Integer.toString(r) : field(h.rowLabels().get(r)));
            for (int c = 0; c < h.columns(); c++) {
                w.write(',');
                w.write(f(h.value(r, c)));
            }
            w.write('\n');
        }
        if (h.errors() != null) {
            // the ± values (e.g. standard errors over seeds) as a second block, rows named "… ±"
            for (int r = 0; r < h.rows(); r++) {
                w.write(h.rowLabels().isEmpty() ? r + " ±" : field(h.rowLabels().get(r) + " ±"));
                for (int c = 0; c < h.columns(); c++) {
                    w.write(',');
                    w.write(f(h.errors().get(r * h.columns() + c)));
                }
                w.write('\n');
            }
        }
    }

    private static void row(BufferedWriter w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(fields[i]);
        }
        w.write('\n');
    }

    /** Lossless: {@code Float.parseFloat(f(v)) == v} for every float, NaN included. */
    private static String f(float v) {
        return Float.toString(v);
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                && (s.isEmpty() || (s.charAt(0) != ' ' && s.charAt(s.length() - 1) != ' '))) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static void writeText(Path file, String text) throws IOException {
        Path tmp = temporarySibling(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A fresh name beside the target; created by the writer, so it gets the usual permissions (not 0600). */
    private static Path temporarySibling(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        return abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
    }

    private static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
