package org.ewclab.export;

import java.util.ArrayList;
import java.util.List;

/** Draws an x-y plot: axes with nice ticks, grid, markers, the series and the legend. */
final class XyPainter {
    static final double BAR_FILL_ALPHA = 0.30;
    static final double DENSITY_FILL_ALPHA = 0.18;
    /** A line's band (mean ± standard error): light enough that overlapping bands stay readable. */
    static final double BAND_FILL_ALPHA = 0.20;

    private final Plot plot;
    private final Surface s;
    private final double width;
    private final double height;
    private final Look k;
    /** The y-axis title as drawn: none, one line, or two when one would be cut. */
    private List<String> yTitleLines = List.of();

    private XyPainter(Plot plot, Surface s, double width, double height, Look k) {
        this.plot = plot;
        this.s = s;
        this.width = width;
        this.height = height;
        this.k = k;
    }

    static ChartLayout paint(Plot plot, Surface s, double width, double height, Look k) {
        return new XyPainter(plot, s, width, height, k).paint();
    }

    /** Where the plot area would go, without drawing anything. */
    static Rect plotArea(Plot plot, Surface measure, double width, double height, Look k) {
        return new XyPainter(plot, new MeasuringSurface(measure), width, height, k).paint().plotArea();
    }

    static double pointRadius(Look k) {
        return 4 * k.ls;
    }

    private ChartLayout paint() {
        s.setFill(k.background);
        s.fillRect(0, 0, width, height);
        double top = k.header(s, plot, width, k.pad);

        LegendBox legend = new LegendBox(s, k, plot.legend() == Plot.Legend.NONE ? List.of() : plot.series());
        legend.limitColumnWidth(width * (plot.legend() == Plot.Legend.RIGHT ? 0.3 : 0.45));
        double legendRight = 0;
        if (!legend.isEmpty() && plot.legend() == Plot.Legend.TOP) {
            int rows = legend.placeRows(k.pad, top, width - 2 * k.pad);
            top += rows * legendHeightPerRow(legend) + k.gap;
        } else if (!legend.isEmpty() && plot.legend() == Plot.Legend.RIGHT) {
            legendRight = legend.columnWidth() + k.gap * 2;
        }

        double tickLabelH = k.lineHeight(s, k.tickFont, false);
        double labelH = k.lineHeight(s, k.labelFont, false);
        Axis xa = plot.x();
        Axis ya = plot.y();
        if (xa.secondary() != null) {
            top += k.gap + (xa.secondary().label().isEmpty() ? 0 : labelH + k.gap) + tickLabelH + k.gap
                    + k.tickLength;
        } else {
            top += tickLabelH / 2; // room for the top y tick label
        }
        double bottomReserve = k.tickLength + k.gap + tickLabelH + (xa.title().isEmpty() ? 0 : k.gap + labelH)
                + k.pad;
        double plotTop = top;
        double plotBottom = Math.max(plotTop + 10, height - bottomReserve);

        double[] xr = range(xa, true);
        double[] yr = range(ya, false);

        AxisMap yMap = new AxisMap(yr[0], yr[1], ya.isLog(), plotBottom, plotTop);
        List<Ticks.Tick> yTicks = ticks(ya, yr, plotBottom - plotTop, false);
        double yLabelW = maxLabelWidth(yTicks);
        yTitleLines = k.yTitleLines(s, ya.title(), Math.min(height - 2 * k.pad,
                plotBottom - plotTop + 2 * k.tickLabelRoom(s)));
        double left = k.pad + (yTitleLines.isEmpty() ? 0 : yTitleLines.size() * labelH + k.gap) + yLabelW + k.gap
                + k.tickLength;

        List<Ticks.Tick> y2Ticks = List.of();
        double right = k.pad + legendRight;
        if (ya.secondary() != null) {
            y2Ticks = secondaryTicks(ya, yr, plotBottom - plotTop, false);
            right += k.tickLength + k.gap + maxLabelWidth(y2Ticks)
                    + (ya.secondary().label().isEmpty() ? 0 : k.gap + labelH);
        }
        double plotRight = Math.max(left + 10, width - right);

        AxisMap xMap = new AxisMap(xr[0], xr[1], xa.isLog(), left, plotRight);
        List<Ticks.Tick> xTicks = ticks(xa, xr, plotRight - left, true);
        // The last x label is centred on its tick and must not run off the edge.
        if (!xTicks.isEmpty() && ya.secondary() == null && legendRight == 0) {
            Ticks.Tick last = lastLabelled(xTicks);
            if (last != null) {
                double overhang = xMap.toPixel(last.value()) + k.richWidth(s, last.label(), k.tickFont) / 2
                        - (width - k.pad);
                if (overhang > 0) {
                    plotRight -= overhang;
                    xMap = new AxisMap(xr[0], xr[1], xa.isLog(), left, plotRight);
                    xTicks = ticks(xa, xr, plotRight - left, true);
                }
            }
        }
        Rect area = new Rect(left, plotTop, plotRight - left, plotBottom - plotTop);

        if (k.plotBackground != k.background) {
            s.setFill(k.plotBackground);
            s.fillRect(area.x(), area.y(), area.width(), area.height());
        }
        drawGrid(area, xMap, yMap, xTicks, yTicks);
        drawMarkerLines(area, xMap, yMap);

        double clipPad = maxLineWidth() / 2 + 1;
        s.pushClip(area.x() - clipPad, area.y() - clipPad, area.width() + 2 * clipPad, area.height() + 2 * clipPad);
        boolean drawing = !(s instanceof MeasuringSurface);
        for (Series ser : plot.series()) {
            if (drawing && ser.style().visible()) {
                drawSeries(ser, area, xMap, yMap);
            }
        }
        s.popClip();
        drawScatterLabels(area, xMap, yMap);

        drawAxes(area, xMap, yMap, xTicks, yTicks, y2Ticks, xr, yr);
        drawMarkerLabels(area, xMap, yMap);

        if (!legend.isEmpty()) {
            switch (plot.legend()) {
                case TOP -> legend.draw(s, false);
                case RIGHT -> {
                    legend.placeColumn(width - k.pad - legend.columnWidth(),
                            area.centerY() - legend.columnHeight() / 2);
                    legend.draw(s, false);
                }
                default -> {
                    double m = 8 * k.fs;
                    boolean rightSide = plot.legend() == Plot.Legend.INSIDE_TOP_RIGHT
                            || plot.legend() == Plot.Legend.INSIDE_BOTTOM_RIGHT;
                    boolean topSide = plot.legend() == Plot.Legend.INSIDE_TOP_RIGHT
                            || plot.legend() == Plot.Legend.INSIDE_TOP_LEFT;
                    double lx = rightSide ? area.right() - m - legend.columnWidth() : area.x() + m;
                    double ly = topSide ? area.y() + m : area.bottom() - m - legend.columnHeight();
                    legend.placeColumn(lx, ly);
                    legend.draw(s, true);
                }
            }
        }
        return new ChartLayout(plot, area, legend.hits(), xMap, yMap);
    }

    private static double legendHeightPerRow(LegendBox legend) {
        return legend.rects.isEmpty() ? 0 : legend.rects.get(0).height();
    }

    // ---- ranges and ticks -------------------------------------------------------------------------------------

    /** The axis range: fixed ends as given, otherwise the visible data's (and markers') extent, padded. */
    private double[] range(Axis axis, boolean isX) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean anchoredAtZero = false;
        boolean padX = false;
        for (Series ser : plot.series()) {
            if (!ser.style().visible()) {
                continue;
            }
            if (ser instanceof Series.Cells cells) {
                lo = Math.min(lo, isX ? cells.xLo() : cells.yLo());
                hi = Math.max(hi, isX ? cells.xHi() : cells.yHi());
                continue;
            }
            FloatColumn c;
            if (ser instanceof Series.Bars b) {
                c = isX ? b.edges() : b.counts();
                anchoredAtZero |= !isX;
            } else if (ser instanceof Series.Line l) {
                c = isX ? l.x() : l.y();
            } else if (ser instanceof Series.Scatter sc) {
                c = isX ? sc.x() : sc.y();
                padX = true;
            } else {
                Series.Density d = (Series.Density) ser;
                c = isX ? d.x() : d.y();
                anchoredAtZero |= !isX;
            }
            double cmin = axis.isLog() ? c.minPositive() : c.min();
            double cmax = c.max();
            if (!Double.isNaN(cmin)) {
                lo = Math.min(lo, cmin);
            }
            if (!Double.isNaN(cmax) && (!axis.isLog() || cmax > 0)) {
                hi = Math.max(hi, cmax);
            }
            double[] spread = spreadExtent(ser, isX, axis.isLog());
            if (spread != null) {
                lo = Math.min(lo, spread[0]);
                hi = Math.max(hi, spread[1]);
            }
        }
        for (Marker m : plot.markers()) {
            if ((m.orientation() == Marker.Orientation.VERTICAL) == isX && (!axis.isLog() || m.value() > 0)) {
                lo = Math.min(lo, m.value());
                hi = Math.max(hi, m.value());
            }
        }
        if (anchoredAtZero && !axis.isLog()) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
        }
        if (!(lo <= hi)) {
            lo = axis.isLog() ? 1 : 0;
            hi = axis.isLog() ? 10 : 1;
        }
        if (!Double.isNaN(axis.min())) {
            lo = axis.min();
        }
        if (!Double.isNaN(axis.max())) {
            hi = axis.max();
        }
        boolean pad = !isX || padX;
        if (axis.isLog()) {
            if (!(hi > lo)) {
                lo /= Math.sqrt(10);
                hi *= Math.sqrt(10);
            }
            double f = pad ? Math.pow(hi / lo, 0.04) : 1;
            if (Double.isNaN(axis.min())) {
                lo /= f;
            }
            if (Double.isNaN(axis.max())) {
                hi *= f;
            }
        } else {
            if (!(hi > lo)) {
                double d = lo == 0 ? 0.5 : Math.abs(lo) * 0.1;
                if (Double.isNaN(axis.min()) || !Double.isNaN(axis.max())) {
                    lo -= d;
                }
                hi = Math.max(hi + d, lo + 2 * d);
            }
            double p = pad ? (hi - lo) * 0.04 : 0;
            if (Double.isNaN(axis.min()) && !(anchoredAtZero && lo == 0)) {
                lo -= p;
            }
            if (Double.isNaN(axis.max()) && !(anchoredAtZero && hi == 0)) {
                hi += p;
            }
        }
        return new double[] {lo, hi};
    }

    /**
     * How far a line's band or a scatter's error bars reach along one axis (so the axis shows them whole), or null
     * if the series has none there.
     */
    static double[] spreadExtent(Series ser, boolean isX, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (ser instanceof Series.Line l && l.hasBand() && !isX) {
            for (int i = 0; i < l.size(); i++) {
                float a = l.lower().get(i);
                float b = l.upper().get(i);
                if (Float.isFinite(a) && (!log || a > 0)) {
                    lo = Math.min(lo, a);
                }
                if (Float.isFinite(b) && (!log || b > 0)) {
                    hi = Math.max(hi, b);
                }
            }
        } else if (ser instanceof Series.Scatter sc && (isX ? sc.xError() : sc.yError()) != null) {
            FloatColumn v = isX ? sc.x() : sc.y();
            FloatColumn e = isX ? sc.xError() : sc.yError();
            for (int i = 0; i < sc.size(); i++) {
                float c = v.get(i);
                float d = e.get(i);
                if (!Float.isFinite(c) || !Float.isFinite(d) || !Float.isFinite(isX ? sc.y().get(i)
                        : sc.x().get(i))) {
                    continue;
                }
                if (!log || c - d > 0) {
                    lo = Math.min(lo, c - d);
                }
                hi = Math.max(hi, c + d);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    private List<Ticks.Tick> ticks(Axis axis, double[] r, double length, boolean isX) {
        return ticksFor(axis.isLog(), axis.percent(), r[0], r[1], length, isX);
    }

    /** Fewer ticks until their labels fit along the axis with a gap between them. */
    private List<Ticks.Tick> ticksFor(boolean log, boolean percent, double lo, double hi, double length, boolean isX) {
        double spacing = isX ? 80 * k.fs : 42 * k.fs;
        int target = (int) Math.max(2, Math.min(12, Math.floor(length / spacing)));
        List<Ticks.Tick> t = List.of();
        for (; target >= 1; target--) {
            t = log ? Ticks.log10(lo, hi, target) : Ticks.linear(lo, hi, target, percent);
            int labelled = 0;
            double need = 0;
            for (Ticks.Tick tick : t) {
                if (!tick.label().isEmpty()) {
                    labelled++;
                    need += isX ? k.richWidth(s, tick.label(), k.tickFont) + 14 * k.fs
                            : k.lineHeight(s, k.tickFont, false) * 1.6;
                }
            }
            if (labelled <= 1 || need <= length) {
                break;
            }
        }
        return t;
    }

    private List<Ticks.Tick> secondaryTicks(Axis axis, double[] r, double length, boolean isX) {
        Axis.Secondary sec = axis.secondary();
        double a;
        double b;
        if (axis.isLog()) {
            double f = Math.abs(sec.factor());
            a = r[0] * f;
            b = r[1] * f;
        } else {
            a = sec.factor() * r[0] + sec.offset();
            b = sec.factor() * r[1] + sec.offset();
        }
        List<Ticks.Tick> ticks = ticksFor(axis.isLog(), false, Math.min(a, b), Math.max(a, b), length, isX);
        List<Ticks.Tick> back = new ArrayList<>(ticks.size());
        for (Ticks.Tick t : ticks) {
            double v = axis.isLog() ? t.value() / Math.abs(sec.factor()) : (t.value() - sec.offset()) / sec.factor();
            back.add(new Ticks.Tick(v, t.label(), t.major()));
        }
        return back;
    }

    private double maxLabelWidth(List<Ticks.Tick> ticks) {
        double w = 0;
        for (Ticks.Tick t : ticks) {
            w = Math.max(w, k.richWidth(s, t.label(), k.tickFont));
        }
        return w;
    }

    private static Ticks.Tick lastLabelled(List<Ticks.Tick> ticks) {
        for (int i = ticks.size() - 1; i >= 0; i--) {
            if (!ticks.get(i).label().isEmpty()) {
                return ticks.get(i);
            }
        }
        return null;
    }

    private double maxLineWidth() {
        double w = 1;
        for (Series ser : plot.series()) {
            w = Math.max(w, ser.style().width() * k.ls);
        }
        return Math.max(w, pointRadius(k) * 2);
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    private void drawGrid(Rect a, AxisMap xm, AxisMap ym, List<Ticks.Tick> xt, List<Ticks.Tick> yt) {
        s.beginGroup("grid", null);
        s.setStroke(k.grid, k.gridWidth, null);
        for (Ticks.Tick t : xt) {
            if (t.major()) {
                double px = snap(xm.toPixel(t.value()));
                s.line(px, a.y(), px, a.bottom());
            }
        }
        for (Ticks.Tick t : yt) {
            if (t.major()) {
                double py = snap(ym.toPixel(t.value()));
                s.line(a.x(), py, a.right(), py);
            }
        }
        s.endGroup();
    }

    /** Puts a thin line on a pixel centre so it stays sharp. */
    private double snap(double v) {
        return Math.round(k.gridWidth) % 2 == 1 ? Math.floor(v) + 0.5 : Math.round(v);
    }

    private void drawAxes(Rect a, AxisMap xm, AxisMap ym, List<Ticks.Tick> xt, List<Ticks.Tick> yt,
                          List<Ticks.Tick> y2t, double[] xr, double[] yr) {
        s.beginGroup("axes", null);
        s.setStroke(k.axis, k.axisWidth, null);
        s.line(a.x(), a.bottom(), a.right(), a.bottom());
        s.line(a.x(), a.y(), a.x(), a.bottom());
        double asc = s.ascent(k.tickFont, false);
        double desc = s.descent(k.tickFont, false);
        for (Ticks.Tick t : xt) {
            double px = xm.toPixel(t.value());
            double len = t.major() ? k.tickLength : k.tickLength * 0.55;
            s.line(px, a.bottom(), px, a.bottom() + len);
            if (!t.label().isEmpty()) {
                s.setFill(k.text);
                k.richText(s, t.label(), px, a.bottom() + k.tickLength + k.gap + asc, k.tickFont,
                        Surface.Align.CENTER);
            }
        }
        for (Ticks.Tick t : yt) {
            double py = ym.toPixel(t.value());
            double len = t.major() ? k.tickLength : k.tickLength * 0.55;
            s.line(a.x() - len, py, a.x(), py);
            if (!t.label().isEmpty()) {
                s.setFill(k.text);
                k.richText(s, t.label(), a.x() - k.tickLength - k.gap, py + (asc - desc) / 2, k.tickFont,
                        Surface.Align.RIGHT);
            }
        }
        double labelAsc = s.ascent(k.labelFont, false);
        double labelDesc = s.descent(k.labelFont, false);
        s.setFill(k.text);
        String xTitle = plot.x().title();
        if (!xTitle.isEmpty()) {
            double baseline = a.bottom() + k.tickLength + k.gap + asc + desc + k.gap + labelAsc;
            double size = Look.shrinkToFit(s, xTitle, k.labelFont, false, width - 2 * k.pad);
            s.text(Look.fit(s, xTitle, size, false, width - 2 * k.pad), a.centerX(), baseline, size, false,
                    Surface.Align.CENTER, 0);
        }
        double room = Math.min(height - 2 * k.pad, a.height() + 2 * k.tickLabelRoom(s));
        double lineX = k.pad + labelAsc;
        for (String line : yTitleLines) {
            double size = Look.shrinkToFit(s, line, k.labelFont, false, room, Look.SUBTITLE_SHRINK);
            s.text(Look.fit(s, line, size, false, room), lineX, a.centerY(), size, false, Surface.Align.CENTER, -90);
            lineX += labelAsc + labelDesc;
        }
        Axis.Secondary y2 = plot.y().secondary();
        if (y2 != null) {
            s.setStroke(k.axis, k.axisWidth, null);
            s.line(a.right(), a.y(), a.right(), a.bottom());
            double maxW = 0;
            for (Ticks.Tick t : y2t) {
                double py = ym.toPixel(t.value());
                s.setStroke(k.axis, k.axisWidth, null);
                s.line(a.right(), py, a.right() + (t.major() ? k.tickLength : k.tickLength * 0.55), py);
                if (!t.label().isEmpty()) {
                    s.setFill(k.text);
                    k.richText(s, t.label(), a.right() + k.tickLength + k.gap, py + (asc - desc) / 2,
                            k.tickFont, Surface.Align.LEFT);
                    maxW = Math.max(maxW, k.richWidth(s, t.label(), k.tickFont));
                }
            }
            String title = Axis.joinUnit(y2.label(), y2.unit());
            if (!title.isEmpty()) {
                s.setFill(k.text);
                s.text(Look.fit(s, title, k.labelFont, false, a.height() + 2 * k.pad),
                        a.right() + k.tickLength + k.gap + maxW + k.gap + labelDesc, a.centerY(), k.labelFont,
                        false, Surface.Align.CENTER, 90);
            }
        }
        Axis.Secondary x2 = plot.x().secondary();
        if (x2 != null) {
            List<Ticks.Tick> x2t = secondaryTicks(plot.x(), xr, a.width(), true);
            s.setStroke(k.axis, k.axisWidth, null);
            s.line(a.x(), a.y(), a.right(), a.y());
            for (Ticks.Tick t : x2t) {
                double px = xm.toPixel(t.value());
                s.setStroke(k.axis, k.axisWidth, null);
                s.line(px, a.y() - (t.major() ? k.tickLength : k.tickLength * 0.55), px, a.y());
                if (!t.label().isEmpty()) {
                    s.setFill(k.text);
                    k.richText(s, t.label(), px, a.y() - k.tickLength - k.gap - desc, k.tickFont,
                            Surface.Align.CENTER);
                }
            }
            String title = Axis.joinUnit(x2.label(), x2.unit());
            if (!title.isEmpty()) {
                s.setFill(k.text);
                s.text(Look.fit(s, title, k.labelFont, false, width - 2 * k.pad), a.centerX(),
                        a.y() - k.tickLength - k.gap - asc - desc - k.gap - labelDesc, k.labelFont, false,
                        Surface.Align.CENTER, 0);
            }
        }
        s.endGroup();
    }

    private int markerColor(Marker m) {
        return m.color() == null ? k.marker : Argb.parse(m.color());
    }

    private void drawMarkerLines(Rect a, AxisMap xm, AxisMap ym) {
        for (Marker m : plot.markers()) {
            s.beginGroup("marker", m.label());
            s.setStroke(markerColor(m), 1.5 * k.ls, m.dashed() ? k.markerDash() : null);
            if (m.orientation() == Marker.Orientation.VERTICAL) {
                double px = xm.toPixel(m.value());
                if (px >= a.x() - 0.5 && px <= a.right() + 0.5) {
                    s.line(px, a.y(), px, a.bottom());
                }
            } else {
                double py = ym.toPixel(m.value());
                if (py >= a.y() - 0.5 && py <= a.bottom() + 0.5) {
                    s.line(a.x(), py, a.right(), py);
                }
            }
            s.endGroup();
        }
    }

    /** Marker labels over everything, on a backing so a curve does not cross the words; stacked when they collide. */
    private void drawMarkerLabels(Rect a, AxisMap xm, AxisMap ym) {
        double size = k.annotationFont;
        double asc = s.ascent(size, false);
        double desc = s.descent(size, false);
        double h = asc + desc;
        double m = 4 * k.fs;
        List<Rect> placed = new ArrayList<>();
        for (Marker mk : plot.markers()) {
            if (mk.label().isEmpty()) {
                continue;
            }
            String text = Look.fit(s, mk.label(), size, false, a.width() - 2 * m);
            double w = s.textWidth(text, size, false);
            Rect box;
            Surface.Align align;
            if (mk.orientation() == Marker.Orientation.VERTICAL) {
                double px = xm.toPixel(mk.value());
                if (!(px >= a.x() - 0.5 && px <= a.right() + 0.5)) {
                    continue;
                }
                boolean leftOfLine = px + m + w > a.right() - m;
                double bx = leftOfLine ? px - m - w : px + m;
                double by = a.y() + m;
                box = new Rect(bx - 2, by, w + 4, h);
                while (overlaps(box, placed) && box.bottom() + h < a.bottom()) {
                    box = new Rect(box.x(), box.y() + h + 2, box.width(), h);
                }
                align = Surface.Align.LEFT;
            } else {
                double py = ym.toPixel(mk.value());
                if (!(py >= a.y() - 0.5 && py <= a.bottom() + 0.5)) {
                    continue;
                }
                double by = py - m / 2 - h;
                if (by < a.y()) {
                    by = py + m / 2;
                }
                box = new Rect(a.right() - m - w - 2, by, w + 4, h);
                if (overlaps(box, placed)) {
                    box = new Rect(a.x() + m - 2, by, w + 4, h);
                }
                align = Surface.Align.LEFT;
            }
            placed.add(box);
            s.setFill(Argb.withAlpha(k.plotBackground, 0.82));
            s.fillRect(box.x(), box.y(), box.width(), box.height());
            s.setFill(mk.color() == null ? k.text : markerColor(mk));
            s.text(text, box.x() + 2, box.y() + asc, size, false, align, 0);
        }
    }

    private static boolean overlaps(Rect r, List<Rect> placed) {
        for (Rect p : placed) {
            if (p.intersects(r)) {
                return true;
            }
        }
        return false;
    }

    private void drawSeries(Series ser, Rect a, AxisMap xm, AxisMap ym) {
        int color = Argb.parse(ser.style().color());
        double w = ser.style().width() * k.ls;
        float[] dash = Look.dash(ser.style().dash(), w);
        if (ser instanceof Series.Line l) {
            float[][] p = thinned(l.x(), l.y(), xm, ym, a);
            s.beginGroup("series series-line", l.name());
            if (l.hasBand()) {
                drawBand(l, Argb.withAlpha(color, BAND_FILL_ALPHA), xm, ym);
            }
            s.setStroke(color, w, dash);
            s.polyline(p[0], p[1], p[0].length);
            drawIsolatedPoints(p, color, w);
            s.endGroup();
        } else if (ser instanceof Series.Density d) {
            float[][] p = thinned(d.x(), d.y(), xm, ym, a);
            s.beginGroup("series series-density", d.name());
            double base = Math.min(a.bottom(), Math.max(a.y(), ym.log() ? a.bottom() : ym.toPixel(0)));
            fillUnder(p, (float) base, Argb.withAlpha(color, DENSITY_FILL_ALPHA));
            s.setStroke(color, w, dash);
            s.polyline(p[0], p[1], p[0].length);
            drawIsolatedPoints(p, color, w);
            s.endGroup();
        } else if (ser instanceof Series.Bars b) {
            drawBars(b, color, w, dash, a, xm, ym);
        } else if (ser instanceof Series.Cells c) {
            drawCells(c, color, xm, ym);
        } else if (ser instanceof Series.Scatter sc) {
            float[][] p = mapped(sc.x(), sc.y(), xm, ym);
            s.beginGroup("series series-scatter", sc.name());
            if (sc.connected()) {
                s.setStroke(Argb.withAlpha(color, 0.6), Math.max(1, w * 0.75), dash);
                s.polyline(p[0], p[1], p[0].length);
            }
            if (sc.hasErrors()) {
                drawErrorBars(sc, color, Math.max(1, w * 0.6), xm, ym);
            }
            float[][] finite = finiteOnly(p);
            if (openMarkers(sc)) {
                // a later task's points: rings in the colour, so a task's points read apart from task A's dots
                s.setStroke(color, Math.max(1.2, 1.5 * k.ls), null);
                s.circles(finite[0], finite[1], finite[0].length, pointRadius(k) * 0.9, false);
            } else {
                s.setFill(color);
                s.circles(finite[0], finite[1], finite[0].length, pointRadius(k), true);
                s.setStroke(k.plotBackground, Math.max(1, k.ls), null);
                s.circles(finite[0], finite[1], finite[0].length, pointRadius(k), false);
            }
            s.endGroup();
        }
    }

    /**
     * The band of a line: one filled polygon per run of points whose x, lower and upper edges are all finite (along
     * the upper edge, back along the lower one), so a gap in the data is a gap in the band.
     */
    private void drawBand(Series.Line l, int argb, AxisMap xm, AxisMap ym) {
        int n = l.size();
        float[][] up = mapped(l.x(), l.upper(), xm, ym);
        float[][] down = mapped(l.x(), l.lower(), xm, ym);
        s.setFill(argb);
        int i = 0;
        while (i < n) {
            while (i < n && (Float.isNaN(up[1][i]) || Float.isNaN(down[1][i]))) {
                i++;
            }
            int start = i;
            while (i < n && !Float.isNaN(up[1][i]) && !Float.isNaN(down[1][i])) {
                i++;
            }
            int m = i - start;
            if (m >= 2) {
                float[] xs = new float[2 * m];
                float[] ys = new float[2 * m];
                for (int j = 0; j < m; j++) {
                    xs[j] = up[0][start + j];
                    ys[j] = up[1][start + j];
                    xs[2 * m - 1 - j] = down[0][start + j];
                    ys[2 * m - 1 - j] = down[1][start + j];
                }
                s.fillPolygon(xs, ys, 2 * m);
            }
        }
    }

    /** Error bars: a line from value − e to value + e through each point, with short caps at both ends. */
    private void drawErrorBars(Series.Scatter sc, int color, double lineWidth, AxisMap xm, AxisMap ym) {
        double cap = pointRadius(k) * 0.9;
        s.setStroke(color, lineWidth, null);
        for (int i = 0; i < sc.size(); i++) {
            float x = sc.x().get(i);
            float y = sc.y().get(i);
            if (!Float.isFinite(x) || !Float.isFinite(y)) {
                continue;
            }
            double px = xm.toPixel(x);
            double py = ym.toPixel(y);
            float ey = sc.yError() == null ? Float.NaN : sc.yError().get(i);
            if (Float.isFinite(ey) && ey > 0) {
                double p0 = ym.toPixel(ym.log() ? Math.max(y - ey, Double.MIN_NORMAL) : y - ey);
                double p1 = ym.toPixel(y + ey);
                s.line(px, p0, px, p1);
                s.line(px - cap, p0, px + cap, p0);
                s.line(px - cap, p1, px + cap, p1);
            }
            float ex = sc.xError() == null ? Float.NaN : sc.xError().get(i);
            if (Float.isFinite(ex) && ex > 0) {
                double p0 = xm.toPixel(xm.log() ? Math.max(x - ex, Double.MIN_NORMAL) : x - ex);
                double p1 = xm.toPixel(x + ex);
                s.line(p0, py, p1, py);
                s.line(p0, py - cap, p0, py + cap);
                s.line(p1, py - cap, p1, py + cap);
            }
        }
    }

    /**
     * A point with no finite neighbour draws no line at all (a live curve after its first evaluation, a value between
     * two gaps): show it as a dot so it does not silently vanish.
     */
    private void drawIsolatedPoints(float[][] p, int color, double lineWidth) {
        int n = p[0].length;
        float[] xs = new float[Math.min(n, 64)];
        float[] ys = new float[xs.length];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(p[0][i]) || Float.isNaN(p[1][i])) {
                continue;
            }
            boolean prev = i > 0 && !Float.isNaN(p[0][i - 1]) && !Float.isNaN(p[1][i - 1]);
            boolean next = i + 1 < n && !Float.isNaN(p[0][i + 1]) && !Float.isNaN(p[1][i + 1]);
            if (!prev && !next) {
                if (m == xs.length) {
                    xs = java.util.Arrays.copyOf(xs, 2 * m);
                    ys = java.util.Arrays.copyOf(ys, 2 * m);
                }
                xs[m] = p[0][i];
                ys[m++] = p[1][i];
            }
        }
        if (m > 0) {
            s.setFill(color);
            s.circles(xs, ys, m, Math.max(2, lineWidth * 1.3), true);
        }
    }

    private void drawBars(Series.Bars b, int color, double w, float[] dash, Rect a, AxisMap xm, AxisMap ym) {
        int n = b.size();
        if (n == 0) {
            return;
        }
        float base = (float) (ym.log() ? a.bottom() : Math.min(a.bottom(), Math.max(a.y(), ym.toPixel(0))));
        float[] xs = new float[2 * n + 2];
        float[] ys = new float[2 * n + 2];
        xs[0] = clampPx(xm.toPixel(b.edges().get(0)));
        ys[0] = base;
        for (int i = 0; i < n; i++) {
            double c = b.counts().get(i);
            float py = Float.isNaN(b.counts().get(i)) ? base : clampPx(ym.toPixel(c));
            if (Float.isNaN(py)) {
                py = base; // zero count on a log axis
            }
            xs[2 * i + 1] = clampPx(xm.toPixel(b.edges().get(i)));
            ys[2 * i + 1] = py;
            xs[2 * i + 2] = clampPx(xm.toPixel(b.edges().get(i + 1)));
            ys[2 * i + 2] = py;
        }
        xs[2 * n + 1] = clampPx(xm.toPixel(b.edges().get(n)));
        ys[2 * n + 1] = base;
        s.beginGroup("series series-bars", b.name());
        s.setFill(Argb.withAlpha(color, BAR_FILL_ALPHA));
        s.fillPolygon(xs, ys, xs.length);
        s.setStroke(color, w, dash);
        s.polyline(xs, ys, xs.length);
        s.endGroup();
    }

    /**
     * Whether a scatter draws open rings: points not joined by a line whose style is not solid. The task tells by
     * style everywhere (task A solid, B dashed, …); for lone points that style is a filled dot against a ring.
     */
    static boolean openMarkers(Series.Scatter sc) {
        return !sc.connected() && sc.style().dash() != Series.Dash.SOLID;
    }

    /** Cells shaded in the series colour: clear when empty, then opacity from 0.15 up with log(1 + count). */
    private void drawCells(Series.Cells c, int color, AxisMap xm, AxisMap ym) {
        int cols = c.columns();
        int rows = c.rows();
        int[] argb = new int[cols * rows];
        double top = Math.log1p(c.resolvedShadeMax());
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                float n = c.count(r, col);
                // image row 0 is the top of the picture: the largest y
                argb[(rows - 1 - r) * cols + col] = Argb.withAlpha(color, cellAlpha(n, top));
            }
        }
        double x0 = xm.toPixel(xm.log() ? Math.max(c.xLo(), Double.MIN_NORMAL) : c.xLo());
        double x1 = xm.toPixel(c.xHi());
        double y0 = ym.toPixel(c.yHi());
        double y1 = ym.toPixel(ym.log() ? Math.max(c.yLo(), Double.MIN_NORMAL) : c.yLo());
        s.beginGroup("series series-cells", c.name());
        s.image(argb, cols, rows, Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0), false);
        s.endGroup();
    }

    /** The opacity of a cell holding {@code n} (0 for none), with {@code top} = log(1 + the full-shade count). */
    static double cellAlpha(double n, double top) {
        if (!(n > 0)) {
            return 0;
        }
        return Math.min(1, 0.15 + 0.85 * Math.log1p(n) / top);
    }

    private void fillUnder(float[][] p, float base, int argb) {
        float[][] f = finiteOnly(p);
        int n = f[0].length;
        if (n < 2) {
            return;
        }
        float[] xs = new float[n + 2];
        float[] ys = new float[n + 2];
        System.arraycopy(f[0], 0, xs, 1, n);
        System.arraycopy(f[1], 0, ys, 1, n);
        xs[0] = f[0][0];
        ys[0] = base;
        xs[n + 1] = f[0][n - 1];
        ys[n + 1] = base;
        s.setFill(argb);
        s.fillPolygon(xs, ys, n + 2);
    }

    private void drawScatterLabels(Rect a, AxisMap xm, AxisMap ym) {
        double size = k.annotationFont;
        double asc = s.ascent(size, false);
        double desc = s.descent(size, false);
        double r = pointRadius(k);
        List<Rect> occupied = new ArrayList<>();
        List<Rect> placedLabels = new ArrayList<>();
        List<Series.Scatter> labelled = new ArrayList<>();
        for (Series ser : plot.series()) {
            if (ser instanceof Series.Scatter sc && sc.style().visible()) {
                for (int i = 0; i < sc.size(); i++) {
                    double px = xm.toPixel(sc.x().get(i));
                    double py = ym.toPixel(sc.y().get(i));
                    if (Double.isFinite(px) && Double.isFinite(py)) {
                        occupied.add(new Rect(px - r, py - r, 2 * r, 2 * r));
                    }
                }
                if (!sc.labels().isEmpty()) {
                    labelled.add(sc);
                }
            }
        }
        for (Series.Scatter sc : labelled) {
            s.beginGroup("point-labels", sc.name());
            for (int i = 0; i < sc.size(); i++) {
                String text = sc.labels().get(i);
                double px = xm.toPixel(sc.x().get(i));
                double py = ym.toPixel(sc.y().get(i));
                if (text == null || text.isEmpty() || !a.contains(px, py)) {
                    continue;
                }
                double w = s.textWidth(text, size, false);
                double h = asc + desc;
                double d = r + 2 * k.fs;
                Rect[] candidates = {
                    new Rect(px + d, py - d - h, w, h), new Rect(px + d, py + d, w, h),
                    new Rect(px - d - w, py - d - h, w, h), new Rect(px - d - w, py + d, w, h),
                    new Rect(px - w / 2, py - d - h, w, h), new Rect(px - w / 2, py + d, w, h),
                };
                Rect chosen = null;
                for (Rect c : candidates) {
                    if (c.x() >= a.x() && c.right() <= a.right() && c.y() >= a.y() && c.bottom() <= a.bottom()
                            && !overlaps(c, occupied)) {
                        chosen = c;
                        break;
                    }
                }
                for (int q = 0; chosen == null && q < candidates.length; q++) {
                    Rect c = candidates[q]; // over the axis, if need be, but never over another label
                    if (c.x() >= 0 && c.right() <= width && c.y() >= 0 && c.bottom() <= height
                            && !overlaps(c, placedLabels)) {
                        chosen = c;
                    }
                }
                if (chosen == null) {
                    continue; // an unreadable pile of labels helps nobody; the hover read-out still has it
                }
                placedLabels.add(chosen);
                occupied.add(chosen);
                s.setFill(Argb.withAlpha(k.plotBackground, 0.7));
                s.fillRect(chosen.x() - 1, chosen.y(), chosen.width() + 2, chosen.height());
                s.setFill(k.text);
                s.text(text, chosen.x(), chosen.y() + asc, size, false, Surface.Align.LEFT, 0);
            }
            s.endGroup();
        }
    }

    // ---- mapping ----------------------------------------------------------------------------------------------

    private static float clampPx(double v) {
        if (Double.isNaN(v)) {
            return Float.NaN;
        }
        return (float) Math.max(-1e6, Math.min(1e6, v));
    }

    static float[][] mapped(FloatColumn x, FloatColumn y, AxisMap xm, AxisMap ym) {
        int n = x.size();
        float[] px = new float[n];
        float[] py = new float[n];
        for (int i = 0; i < n; i++) {
            float xv = x.get(i);
            float yv = y.get(i);
            if (Float.isFinite(xv) && Float.isFinite(yv)) {
                px[i] = clampPx(xm.toPixel(xv));
                py[i] = clampPx(ym.toPixel(yv));
            } else {
                px[i] = Float.NaN;
                py[i] = Float.NaN;
            }
        }
        return new float[][] {px, py};
    }

    /** Mapped points, thinned to min/max per pixel column when there are more points than columns. */
    private static float[][] thinned(FloatColumn x, FloatColumn y, AxisMap xm, AxisMap ym, Rect a) {
        float[][] p = mapped(x, y, xm, ym);
        if (p[0].length > 2 * a.width()) {
            return Decimator.minMaxPerColumn(p[0], p[1], p[0].length);
        }
        return p;
    }

    private static float[][] finiteOnly(float[][] p) {
        int n = 0;
        for (int i = 0; i < p[0].length; i++) {
            if (!Float.isNaN(p[0][i]) && !Float.isNaN(p[1][i])) {
                n++;
            }
        }
        if (n == p[0].length) {
            return p;
        }
        float[] xs = new float[n];
        float[] ys = new float[n];
        int j = 0;
        for (int i = 0; i < p[0].length; i++) {
            if (!Float.isNaN(p[0][i]) && !Float.isNaN(p[1][i])) {
                xs[j] = p[0][i];
                ys[j++] = p[1][i];
            }
        }
        return new float[][] {xs, ys};
    }
}
