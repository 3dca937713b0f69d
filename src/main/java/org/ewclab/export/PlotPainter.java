package org.ewclab.export;

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
     * Paints the plot into a {@code width}×{@code height} area (logical px) and returns where things went. A
     * presentation scale that would squeeze the data of an x-y plot into a sliver (a small chart on a projector) is
     * lowered step by step, never below 1, until the data keeps its share of the space.
     */
    /**
     * The font scale {@link #paint} would draw an x-y plot with in this space: the theme's, lowered as paint lowers
     * it. A window with several charts takes the smallest over its charts so that all their text is alike.
     */
    public static double fittedFontScale(Plot plot, Surface measure, double width, double height, Theme theme) {
        if (plot.isHeatMap() || plot.hasPanels()) {
            return theme.fontScale();
        }
        Theme t = theme;
        for (int attempt = 0; attempt < 6 && t.fontScale() > 1; attempt++) {
            Rect area = XyPainter.plotArea(plot, measure, width, height, new Look(t));
            if (area.height() >= MIN_AREA_HEIGHT * height && area.width() >= MIN_AREA_WIDTH * width) {
                break;
            }
            t = t.withPresentation(Math.max(1, t.fontScale() * 0.85), t.lineScale());
        }
        return t.fontScale();
    }

    public static ChartLayout paint(Plot plot, Surface surface, double width, double height, Theme theme) {
        if (plot.isHeatMap()) {
            return HeatMapPainter.paint(plot, surface, width, height, new Look(theme));
        }
        if (plot.hasPanels()) {
            return PanelPainter.paint(plot, surface, width, height, theme);
        }
        Theme t = theme;
        for (int attempt = 0; attempt < 6 && t.fontScale() > 1; attempt++) {
            Rect area = XyPainter.plotArea(plot, surface, width, height, new Look(t));
            if (area.height() >= MIN_AREA_HEIGHT * height && area.width() >= MIN_AREA_WIDTH * width) {
                break;
            }
            t = t.withPresentation(Math.max(1, t.fontScale() * 0.85), t.lineScale());
        }
        return XyPainter.paint(plot, surface, width, height, new Look(t));
    }
}
