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
        double top = k.header(new MeasuringSurface(s), plot, width, k.pad);
        int n = plot.panels().size();
        int cols = columns(n, width, Math.max(10, height - top));
        double pw = width / cols;
        double ph = Math.max(10, height - top) / ((n + cols - 1) / cols);
        double least = Double.POSITIVE_INFINITY;
        for (Plot p : plot.panels()) {
            Rect area = XyPainter.plotArea(p, s, pw, ph, k);
            least = Math.min(least, area.width() * area.height());
        }
        return n == 0 ? 0 : least;
    }

    static boolean fits(Plot plot, Surface s, double width, double height, Look k) {
        double top = k.header(new MeasuringSurface(s), plot, width, k.pad);
        int n = plot.panels().size();
        int cols = columns(n, width, Math.max(10, height - top));
        double pw = width / cols;
        double ph = Math.max(10, height - top) / ((n + cols - 1) / cols);
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
        double top = k.header(s, plot, width, k.pad);
        List<Plot> panels = plot.panels();
        int n = panels.size();
        double availW = width;
        double availH = Math.max(10, height - top);
        int cols = columns(n, availW, availH);
        int rows = (n + cols - 1) / cols;
        double pw = availW / cols;
        double ph = availH / rows;
        List<ChartLayout.Panel> placed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = (i % cols) * pw;
            double y = top + (i / cols) * ph;
            Surface shifted = new OffsetSurface(s, x, y);
            s.beginGroup("panel", panels.get(i).title());
            ChartLayout l = XyPainter.paint(panels.get(i), shifted, pw, ph, k);
            s.endGroup();
            placed.add(new ChartLayout.Panel(x, y, l));
        }
        return ChartLayout.ofPanels(plot, new Rect(0, top, width, availH), placed);
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
