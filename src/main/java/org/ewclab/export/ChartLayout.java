package org.ewclab.export;

import java.util.List;
import java.util.Optional;

/**
 * Where the painter put things: the plot area, the legend entries (for click-to-toggle) and the data-to-pixel mapping
 * (for hover read-outs). Valid for the plot and size it was painted with.
 */
public final class ChartLayout {

    /** A read-out for the data under the pointer, anchored at the data point's pixel position. */
    public record Hover(String series, String text, double x, double y) {
    }

    /** One panel of a panelled plot: its layout, painted with its top-left corner at (x, y) of the whole chart. */
    record Panel(double x, double y, ChartLayout layout) {
    }

    private final Plot plot;
    private final Rect plotArea;
    private final List<LegendHit> legend;
    private final AxisMap xMap;
    private final AxisMap yMap;
    private final List<Panel> panels;
    private final double fontScale;
    private final String droppedSubtitle;

    ChartLayout(Plot plot, Rect plotArea, List<LegendHit> legend, AxisMap xMap, AxisMap yMap) {
        this(plot, plotArea, legend, xMap, yMap, List.of());
    }

    private ChartLayout(Plot plot, Rect plotArea, List<LegendHit> legend, AxisMap xMap, AxisMap yMap,
            List<Panel> panels) {
        this(plot, plotArea, legend, xMap, yMap, panels, 1, "");
    }

    private ChartLayout(Plot plot, Rect plotArea, List<LegendHit> legend, AxisMap xMap, AxisMap yMap,
            List<Panel> panels, double fontScale, String droppedSubtitle) {
        this.fontScale = fontScale;
        this.droppedSubtitle = droppedSubtitle;
        this.plot = plot;
        this.plotArea = plotArea;
        this.legend = List.copyOf(legend);
        this.xMap = xMap;
        this.yMap = yMap;
        this.panels = List.copyOf(panels);
    }

    /** The layout of a panelled plot: {@code area} holds every panel; axes and hover read-outs are per panel. */
    static ChartLayout ofPanels(Plot plot, Rect area, List<Panel> panels) {
        AxisMap unit = new AxisMap(0, 1, false, 0, 1);
        return new ChartLayout(plot, area, List.of(), unit, unit, panels);
    }

    /** This layout, noting the font scale it was painted with and the subtitle left out for want of room. */
    ChartLayout painted(double scale, String dropped) {
        return new ChartLayout(plot, plotArea, legend, xMap, yMap, panels, scale, dropped);
    }

    /** The font scale the chart's text was drawn with (the theme's, or lower where the data needed the room). */
    public double fontScale() {
        return fontScale;
    }

    /** The subtitle that had no room and was left out (the window puts it in the chart's tooltip), or "". */
    public String droppedSubtitle() {
        return droppedSubtitle;
    }

    /** The data areas of the panels of a panelled plot, in chart coordinates (empty for a single plot). */
    public List<Rect> panelAreas() {
        return panels.stream().map(p -> {
            Rect a = p.layout().plotArea();
            return new Rect(a.x() + p.x(), a.y() + p.y(), a.width(), a.height());
        }).toList();
    }

    public Plot plot() {
        return plot;
    }

    /** The data area (for a heat map: the cells). */
    public Rect plotArea() {
        return plotArea;
    }

    public List<LegendHit> legendHits() {
        return legend;
    }

    /** The series whose legend entry contains the point, if any. */
    public Optional<String> legendSeriesAt(double px, double py) {
        for (LegendHit h : legend) {
            if (h.bounds().contains(px, py)) {
                return Optional.of(h.series());
            }
        }
        return Optional.empty();
    }

    public double xToPixel(double x) {
        return xMap.toPixel(x);
    }

    public double yToPixel(double y) {
        return yMap.toPixel(y);
    }

    public double pixelToX(double px) {
        return xMap.fromPixel(px);
    }

    public double pixelToY(double py) {
        return yMap.fromPixel(py);
    }

    /**
     * The visible data point nearest to the pointer within {@code radius} px (a bar: the bin under the pointer; a heat
     * map: the cell), with a text such as "EWC\nstep = 1200\naccuracy = 87.3%".
     */
    public Optional<Hover> hoverAt(double px, double py, double radius) {
        if (plot.isHeatMap()) {
            return heatMapHover(px, py);
        }
        if (!panels.isEmpty()) {
            for (Panel p : panels) {
                if (p.layout().plotArea().contains(px - p.x(), py - p.y())) {
                    return p.layout().hoverAt(px - p.x(), py - p.y(), radius).map(h -> new Hover(h.series(),
                            (p.layout().plot().title().isEmpty() ? "" : p.layout().plot().title() + "\n")
                                    + h.text(), h.x() + p.x(), h.y() + p.y()));
                }
            }
            return Optional.empty();
        }
        Hover best = null;
        double bestD = radius * radius;
        for (Series s : plot.series()) {
            if (!s.style().visible()) {
                continue;
            }
            if (s instanceof Series.Cells c) {
                if (plotArea.contains(px, py) && bestD > 0) {
                    double x = xMap.fromPixel(px);
                    double y = yMap.fromPixel(py);
                    int col = (int) Math.floor((x - c.xLo()) / c.cellWidth());
                    int row = (int) Math.floor((y - c.yLo()) / c.cellHeight());
                    if (col >= 0 && col < c.columns() && row >= 0 && row < c.rows()) {
                        double x0 = c.xLo() + col * c.cellWidth();
                        double y0 = c.yLo() + row * c.cellHeight();
                        best = new Hover(c.name(), plot.x().label() + " = " + Ticks.readout(x0) + " … "
                                + Ticks.readout(x0 + c.cellWidth()) + "\n" + plot.y().label() + " = "
                                + Ticks.readout(y0) + " … " + Ticks.readout(y0 + c.cellHeight()) + "\n"
                                + c.valueName() + " = " + Ticks.readout(c.count(row, col)),
                                xMap.toPixel(x0 + c.cellWidth() / 2), yMap.toPixel(y0 + c.cellHeight() / 2));
                        bestD = radius * radius * 0.25; // a nearby line point may still win
                    }
                }
                continue;
            }
            if (s instanceof Series.Bars b) {
                for (int i = 0; i < b.size(); i++) {
                    double x0 = xMap.toPixel(b.edges().get(i));
                    double x1 = xMap.toPixel(b.edges().get(i + 1));
                    double top = yMap.toPixel(b.counts().get(i));
                    if (px >= Math.min(x0, x1) && px < Math.max(x0, x1) && plotArea.contains(px, py)
                            && py >= Math.min(top, plotArea.bottom()) - radius && bestD > 0) {
                        best = new Hover(b.name(), b.name() + "\n" + plot.x().label() + " = "
                                + Ticks.readout(b.edges().get(i)) + " … " + Ticks.readout(b.edges().get(i + 1))
                                + "\ncount = " + Ticks.readout(b.counts().get(i)), (x0 + x1) / 2, top);
                        bestD = 0;
                    }
                }
                continue;
            }
            FloatColumn xs;
            FloatColumn ys;
            if (s instanceof Series.Line l) {
                xs = l.x();
                ys = l.y();
            } else if (s instanceof Series.Scatter sc) {
                xs = sc.x();
                ys = sc.y();
            } else {
                Series.Density d = (Series.Density) s;
                xs = d.x();
                ys = d.y();
            }
            for (int i = 0; i < xs.size(); i++) {
                double dx = xMap.toPixel(xs.get(i)) - px;
                double dy = yMap.toPixel(ys.get(i)) - py;
                double d = dx * dx + dy * dy;
                if (d < bestD) {
                    bestD = d;
                    String label = s instanceof Series.Scatter sc && !sc.labels().isEmpty()
                            ? " (" + sc.labels().get(i) + ")" : "";
                    best = new Hover(s.name(), s.name() + label + "\n" + readout(plot.x(), xs.get(i)) + "\n"
                            + readout(plot.y(), ys.get(i)), px + dx, py + dy);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static String readout(Axis a, double v) {
        String value = a.percent() ? Ticks.readout(v * 100) + "%" : Ticks.readout(v);
        return (a.label().isEmpty() ? "" : a.label() + " = ") + value;
    }

    private Optional<Hover> heatMapHover(double px, double py) {
        HeatMap h = plot.heatMap();
        if (!plotArea.contains(px, py)) {
            return Optional.empty();
        }
        int c = Math.min(h.columns() - 1, (int) Math.floor(xMap.fromPixel(px)));
        int r = Math.min(h.rows() - 1, (int) Math.floor(yMap.fromPixel(py)));
        String row = h.rowLabels().isEmpty() ? "row " + r : h.rowLabels().get(r);
        String col = h.columnLabels().isEmpty() ? "column " + c : h.columnLabels().get(c);
        return Optional.of(new Hover(null, row + ", " + col + "\n" + (h.scaleLabel().isEmpty() ? "value"
                : h.scaleLabel()) + " = " + Ticks.readout(h.value(r, c)), xMap.toPixel(c + 0.5),
                yMap.toPixel(r + 0.5)));
    }
}
