package org.ewclab.export;

import java.util.ArrayList;
import java.util.List;

/** Lays out and draws the legend: one entry (swatch and name) per series, hidden ones greyed so they can come back. */
final class LegendBox {
    private final Look look;
    private final List<Series> series;
    private final double[] widths;
    private final double entryHeight;
    private final double swatch;
    private final double inner;
    final List<Rect> rects = new ArrayList<>();

    LegendBox(Surface s, Look look, List<Series> series) {
        this.look = look;
        this.series = series;
        swatch = 26 * look.fs;
        inner = 5 * look.fs;
        entryHeight = look.lineHeight(s, look.legendFont, false) + 6 * look.fs;
        widths = new double[series.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = inner + swatch + inner + s.textWidth(series.get(i).name(), look.legendFont, false) + inner;
        }
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    /** Height of the entries flowed into rows of {@code width}, centred; call {@link #placeRows} to fix them. */
    double rowsHeight(double width) {
        return placeRows(0, 0, width) * entryHeight;
    }

    /** Places entries in centred rows starting at (x, y); returns the number of rows. */
    int placeRows(double x, double y, double width) {
        rects.clear();
        int rows = 0;
        int i = 0;
        double spacing = 8 * look.fs;
        while (i < widths.length) {
            int j = i;
            double w = 0;
            while (j < widths.length && (j == i || w + spacing + widths[j] <= width)) {
                w += (j == i ? 0 : spacing) + Math.min(widths[j], width);
                j++;
            }
            double cx = x + (width - w) / 2;
            for (int k = i; k < j; k++) {
                double ew = Math.min(widths[k], width);
                rects.add(new Rect(cx, y + rows * entryHeight, ew, entryHeight));
                cx += ew + spacing;
            }
            rows++;
            i = j;
        }
        return rows;
    }

    private double maxColumnWidth = Double.MAX_VALUE;

    /** Caps the width of a column legend; longer names are cut with an ellipsis. */
    void limitColumnWidth(double max) {
        maxColumnWidth = max;
    }

    double columnWidth() {
        double w = 0;
        for (double v : widths) {
            w = Math.max(w, v);
        }
        return Math.min(w, maxColumnWidth);
    }

    double columnHeight() {
        return widths.length * entryHeight;
    }

    void placeColumn(double x, double y) {
        rects.clear();
        double w = columnWidth();
        for (int i = 0; i < widths.length; i++) {
            rects.add(new Rect(x, y + i * entryHeight, w, entryHeight));
        }
    }

    List<LegendHit> hits() {
        List<LegendHit> out = new ArrayList<>();
        for (int i = 0; i < rects.size(); i++) {
            out.add(new LegendHit(series.get(i).name(), rects.get(i)));
        }
        return out;
    }

    /** Draws the placed entries; {@code box} true gives them a background and border (a legend over the data). */
    void draw(Surface s, boolean box) {
        if (rects.isEmpty()) {
            return;
        }
        if (box) {
            double x0 = Double.MAX_VALUE;
            double y0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            double y1 = -Double.MAX_VALUE;
            for (Rect r : rects) {
                x0 = Math.min(x0, r.x());
                y0 = Math.min(y0, r.y());
                x1 = Math.max(x1, r.right());
                y1 = Math.max(y1, r.bottom());
            }
            double p = 3 * look.fs;
            s.setFill(Argb.withAlpha(look.legendBackground, 0.88));
            s.fillRect(x0 - p, y0 - p, x1 - x0 + 2 * p, y1 - y0 + 2 * p);
            s.setStroke(look.grid, look.gridWidth, null);
            s.strokeRect(x0 - p, y0 - p, x1 - x0 + 2 * p, y1 - y0 + 2 * p);
        }
        double asc = s.ascent(look.legendFont, false);
        double desc = s.descent(look.legendFont, false);
        for (int i = 0; i < rects.size(); i++) {
            Series ser = series.get(i);
            Rect r = rects.get(i);
            boolean on = ser.style().visible();
            int color = Argb.parse(ser.style().color());
            double alpha = on ? 1 : 0.3;
            double sx = r.x() + inner;
            double cy = r.centerY();
            s.beginGroup("legend-entry", ser.name());
            drawSwatch(s, ser, color, alpha, sx, cy);
            s.setFill(on ? look.text : look.muted);
            double baseline = cy + (asc - desc) / 2;
            String label = Look.fit(s, ser.name(), look.legendFont, false, r.right() - (sx + swatch + inner));
            s.text(label, sx + swatch + inner, baseline, look.legendFont, false, Surface.Align.LEFT, 0);
            if (!on) {
                double tw = s.textWidth(label, look.legendFont, false);
                s.setStroke(look.muted, Math.max(1, look.ls), null);
                s.line(sx + swatch + inner, cy, sx + swatch + inner + tw, cy);
            }
            s.endGroup();
        }
    }

    private void drawSwatch(Surface s, Series ser, int color, double alpha, double x, double cy) {
        double w = ser.style().width() * look.ls;
        if (ser instanceof Series.Line l) {
            s.setStroke(Argb.withAlpha(color, alpha), w, Look.dash(l.style().dash(), w));
            s.line(x, cy, x + swatch, cy);
        } else if (ser instanceof Series.Scatter sc) {
            if (sc.connected()) {
                s.setStroke(Argb.withAlpha(color, alpha * 0.6), Math.max(1, w * 0.75), null);
                s.line(x, cy, x + swatch, cy);
            }
            float[] px = {(float) (x + swatch / 2)};
            float[] py = {(float) cy};
            if (XyPainter.openMarkers(sc)) {
                s.setStroke(Argb.withAlpha(color, alpha), Math.max(1.2, 1.5 * look.ls), null);
                s.circles(px, py, 1, XyPainter.pointRadius(look) * 0.9, false);
            } else {
                s.setFill(Argb.withAlpha(color, alpha));
                s.circles(px, py, 1, XyPainter.pointRadius(look), true);
            }
        } else if (ser instanceof Series.Bars) {
            drawBlock(s, color, alpha, x, cy, w, XyPainter.BAR_FILL_ALPHA);
        } else {
            drawBlock(s, color, alpha, x, cy, w, XyPainter.DENSITY_FILL_ALPHA * 1.6);
        }
    }

    private void drawBlock(Surface s, int color, double alpha, double x, double cy, double w, double fillAlpha) {
        double h = entryHeight * 0.55;
        s.setFill(Argb.withAlpha(color, alpha * fillAlpha));
        s.fillRect(x + 2, cy - h / 2, swatch - 4, h);
        s.setStroke(Argb.withAlpha(color, alpha), Math.max(1, w * 0.75), null);
        s.strokeRect(x + 2, cy - h / 2, swatch - 4, h);
    }
}
