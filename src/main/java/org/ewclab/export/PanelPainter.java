package org.ewclab.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a plot made of panels: the title and subtitle across the top, then the panels in a grid, each an x-y plot
 * painted by {@link XyPainter} into its own cell (so a panel looks exactly like a chart of its own, only smaller).
 * The grid takes the column count whose panels come closest to square.
 */
final class PanelPainter {
    private PanelPainter() {
    }

    /** The data room of the smallest panel, in px². */
    static double smallestPanelArea(Plot plot, Surface s, double width, double height, Look k) {
        Grid g = grid(plot, new MeasuringSurface(s), width, height, k);
        double least = Double.POSITIVE_INFINITY;
        for (Plot p : plot.panels()) {
            Rect area = XyPainter.plotArea(p, s, g.pw(), g.ph(), k);
            least = Math.min(least, area.width() * area.height());
        }
        return plot.panels().isEmpty() ? 0 : least;
    }

    /** Where the panels go: below the header, in the column count whose panel shape is closest to 4:3. */
    private record Grid(double top, int cols, double pw, double ph) {
    }

    /** The grid for the plot's panels; {@code header} draws (or only measures) the title block. */
    private static Grid grid(Plot plot, Surface header, double width, double height, Look k) {
        double top = k.header(header, plot, width, k.pad);
        int n = plot.panels().size();
        double availH = Math.max(10, height - top);
        int cols = columns(n, width, availH);
        return new Grid(top, cols, width / cols, availH / ((n + cols - 1) / cols));
    }

    static boolean fits(Plot plot, Surface s, double width, double height, Look k) {
        Grid g = grid(plot, new MeasuringSurface(s), width, height, k);
        double pw = g.pw();
        double ph = g.ph();
        for (Plot p : plot.panels()) {
            Rect area = XyPainter.plotArea(p, s, pw, ph, k);
            if (area.height() < PlotPainter.MIN_AREA_HEIGHT * ph || area.width() < PlotPainter.MIN_AREA_WIDTH * pw) {
                return false;
            }
        }
        return true;
    }

    static ChartLayout paint(Plot plot, Surface s, double width, double height, Look k) {
        s.setFill(k.background);
        s.fillRect(0, 0, width, height);
        Grid g = grid(plot, s, width, height, k);
        List<Plot> panels = plot.panels();
        int n = panels.size();
        List<ChartLayout.Panel> placed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = (i % g.cols()) * g.pw();
            double y = g.top() + (i / g.cols()) * g.ph();
            Surface shifted = new OffsetSurface(s, x, y);
            s.beginGroup("panel", panels.get(i).title());
            ChartLayout l = XyPainter.paint(panels.get(i), shifted, g.pw(), g.ph(), k);
            s.endGroup();
            placed.add(new ChartLayout.Panel(x, y, l));
        }
        return ChartLayout.ofPanels(plot, new Rect(0, g.top(), width, Math.max(10, height - g.top())), placed);
    }

    /** Columns for n panels in a w×h area: the count whose panel shape is closest to 4:3 (in log ratio). */
    static int columns(int n, double w, double h) {
        int best = 1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int c = 1; c <= n; c++) {
            int r = (n + c - 1) / c;
            double score = Math.abs(Math.log((w / c) / (h / r)));
            if (score < bestScore - 1e-9) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }
}
