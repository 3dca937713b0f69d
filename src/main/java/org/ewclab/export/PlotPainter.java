package org.ewclab.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link Plot} onto any {@link Surface}: the one drawing code path behind the window, the PNG and the SVG, so
 * an export looks exactly like the chart on screen.
 */
public final class PlotPainter {
    /** An x-y plot keeps at least this share of the height and width for data; larger type gives way first. */
    static final double MIN_AREA_HEIGHT = 0.5;
    static final double MIN_AREA_WIDTH = 0.6;

    private PlotPainter() {
    }

    /**
     * The font scale {@link #paint} draws the plot with in this space: the theme's, lowered step by step (never below
     * 1) while the data of an x-y plot or of any panel would be squeezed into a sliver even with the subtitle moved
     * out (see {@link #shown}). A window with several charts takes the smallest over its charts and gives that to all
     * of them, so their text is alike; at that scale no chart lowers it further.
     */
    public static double fittedFontScale(Plot plot, Surface measure, double width, double height, Theme theme) {
        return fittedTheme(plot, measure, width, height, theme).fontScale();
    }

    private static Theme fittedTheme(Plot plot, Surface measure, double width, double height, Theme theme) {
        if (plot.isHeatMap()) {
            return theme;
        }
        Theme t = theme;
        for (int attempt = 0; attempt < 6 && t.fontScale() > 1; attempt++) {
            Look k = new Look(t);
            if (fits(shown(plot, measure, width, height, k), measure, width, height, k)) {
                break;
            }
            t = t.withPresentation(Math.max(1, t.fontScale() * 0.85), t.lineScale());
        }
        return t;
    }

    /** Whether the plot's data (every panel's) keeps its share of the space at this look. */
    static boolean fits(Plot plot, Surface measure, double width, double height, Look k) {
        if (plot.isHeatMap()) {
            return true;
        }
        if (plot.hasPanels()) {
            return PanelPainter.fits(plot, measure, width, height, k);
        }
        Rect area = XyPainter.plotArea(plot, measure, width, height, k);
        return area.height() >= MIN_AREA_HEIGHT * height && area.width() >= MIN_AREA_WIDTH * width;
    }

    /**
     * The plot as it is drawn in this space. When its data would be squeezed below its share, it first gives up its
     * subtitle (the window shows it in the chart's tooltip, {@link ChartLayout#droppedSubtitle}), then moves a legend
     * of many rows from the top to the right; of these the first that fits is drawn, else the one leaving the data
     * the most room.
     */
    static Plot shown(Plot plot, Surface measure, double width, double height, Look k) {
        if (plot.isHeatMap() || fits(plot, measure, width, height, k)) {
            return plot;
        }
        List<Plot> candidates = new ArrayList<>();
        if (!plot.subtitle().isEmpty()) {
            candidates.add(plot.withSubtitle(""));
        }
        if (!plot.hasPanels() && plot.legend() == Plot.Legend.TOP && plot.series().size() > 2) {
            candidates.add(plot.withSubtitle("").withLegend(Plot.Legend.RIGHT));
        }
        for (Plot c : candidates) {
            if (fits(c, measure, width, height, k)) {
                return c;
            }
        }
        Plot best = plot;
        double bestArea = area(plot, measure, width, height, k);
        for (Plot c : candidates) {
            double a = area(c, measure, width, height, k);
            if (a > bestArea * 1.15) {
                best = c;
                bestArea = a;
            }
        }
        return best;
    }

    /** The data room of a plot (the smallest panel's), in px². */
    private static double area(Plot plot, Surface measure, double width, double height, Look k) {
        if (plot.hasPanels()) {
            return PanelPainter.smallestPanelArea(plot, measure, width, height, k);
        }
        Rect r = XyPainter.plotArea(plot, measure, width, height, k);
        return r.width() * r.height();
    }

    /**
     * Paints the plot into a {@code width}×{@code height} area (logical px) and returns where things went, with the
     * font scale used and the subtitle if it had no room (see {@link #fittedFontScale}, {@link #shown}).
     */
    public static ChartLayout paint(Plot plot, Surface surface, double width, double height, Theme theme) {
        if (plot.isHeatMap()) {
            return HeatMapPainter.paint(plot, surface, width, height, new Look(theme)).painted(theme.fontScale(), "");
        }
        MeasuringSurface measure = new MeasuringSurface(surface);
        Theme t = fittedTheme(plot, measure, width, height, theme);
        Look k = new Look(t);
        Plot shown = shown(plot, measure, width, height, k);
        ChartLayout layout = shown.hasPanels() ? PanelPainter.paint(shown, surface, width, height, k)
                : XyPainter.paint(shown, surface, width, height, k);
        return layout.painted(t.fontScale(), shown.subtitle().equals(plot.subtitle()) ? "" : plot.subtitle());
    }
}
