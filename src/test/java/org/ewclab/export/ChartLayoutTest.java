package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChartLayoutTest {

    private static ChartLayout paint(Plot plot, int w, int h, Theme theme) {
        BufferedImage img = Java2dSurface.newImage(w, h, 1);
        Graphics2D g = img.createGraphics();
        try {
            return PlotPainter.paint(plot, new Java2dSurface(g), w, h, theme);
        } finally {
            g.dispose();
        }
    }

    @Test
    void everySeriesHasALegendHitBoxAndTheyDoNotOverlap() {
        for (Plot.Legend position : Plot.Legend.values()) {
            if (position == Plot.Legend.NONE) {
                continue;
            }
            Plot plot = SamplePlots.forgettingCurve().withLegend(position);
            ChartLayout layout = paint(plot, 800, 500, Theme.light());
            List<LegendHit> hits = layout.legendHits();
            assertEquals(plot.series().stream().map(Series::name).toList(),
                    hits.stream().map(LegendHit::series).toList(), position.toString());
            for (int i = 0; i < hits.size(); i++) {
                Rect r = hits.get(i).bounds();
                assertTrue(r.x() >= 0 && r.right() <= 800 && r.y() >= 0 && r.bottom() <= 500, "inside the chart");
                assertEquals(Optional.of(hits.get(i).series()), layout.legendSeriesAt(r.centerX(), r.centerY()));
                for (int j = 0; j < i; j++) {
                    assertTrue(!r.intersects(hits.get(j).bounds()), position + ": entries " + i + " and " + j);
                }
            }
        }
    }

    @Test
    void hoverFindsTheNearestPointOfAVisibleSeries() {
        Plot plot = Plot.builder().x(Axis.linear("step", null)).y(Axis.linear("accuracy", null).withRange(0, 1))
                .add(Series.line("EWC", new float[] {0, 10, 20}, new float[] {0.9f, 0.8f, 0.7f}, MethodColors.EWC))
                .add(Series.line("Plain", new float[] {0, 10, 20}, new float[] {0.2f, 0.3f, 0.4f},
                        MethodColors.PLAIN))
                .build();
        ChartLayout layout = paint(plot, 600, 400, Theme.light());
        double px = layout.xToPixel(10);
        double py = layout.yToPixel(0.8);
        ChartLayout.Hover h = layout.hoverAt(px + 3, py - 2, 12).orElseThrow();
        assertEquals("EWC", h.series());
        assertTrue(h.text().contains("step = 10") && h.text().contains("accuracy = 0.8"), h.text());
        assertEquals(px, h.x(), 1e-3);
        assertTrue(layout.hoverAt(px, layout.yToPixel(0.55), 12).isEmpty(), "nothing within reach");

        ChartLayout hidden = paint(plot.withHidden(java.util.Set.of("EWC")), 600, 400, Theme.light());
        assertTrue(hidden.hoverAt(px, py, 12).isEmpty(), "hidden series are not hovered");
    }

    @Test
    void pixelMappingRoundTripsOnLogAxes() {
        ChartLayout layout = paint(SamplePlots.fisherHistogram(), 800, 500, Theme.light());
        for (double f : new double[] {1e-9, 3e-6, 0.5}) {
            assertEquals(Math.log10(f), Math.log10(layout.pixelToX(layout.xToPixel(f))), 1e-9);
        }
        assertTrue(layout.xToPixel(1e-4) > layout.xToPixel(1e-6), "increasing to the right");
    }

    @Test
    void projectorScaleGrowsTheTypeButLeavesTheDataRoom() {
        Plot plot = SamplePlots.forgettingCurve();
        ChartLayout desk = paint(plot, 1280, 720, Theme.light());
        ChartLayout projector = paint(plot, 1280, 720, Theme.light().withPresentationScale(Theme.PROJECTOR_SCALE));
        assertTrue(projector.plotArea().height() < desk.plotArea().height(), "bigger type takes room");
        assertTrue(projector.plotArea().height() >= 0.5 * 720, "but the data keeps half the height");

        ChartLayout small = paint(plot, 640, 360, Theme.light().withPresentationScale(2.5));
        assertTrue(small.plotArea().height() >= 0.5 * 360 || small.plotArea().width() >= 0.6 * 640,
                "type gives way in a small chart");
    }

    @Test
    void heatMapHoverNamesTheCell() {
        ChartLayout layout = paint(SamplePlots.accuracyMatrix(), 800, 500, Theme.light());
        Rect cells = layout.plotArea();
        assertEquals(cells.width(), cells.height(), 1e-6, "square cells");
        ChartLayout.Hover h = layout.hoverAt(cells.x() + cells.width() * 0.75, cells.y() + cells.height() * 0.25, 0)
                .orElseThrow();
        assertTrue(h.text().startsWith("task A, task B (clothes)"), h.text());
        assertTrue(h.text().contains("0.09"), h.text());
    }
}
