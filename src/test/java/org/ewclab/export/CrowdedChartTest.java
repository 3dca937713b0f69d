package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short chart on a projector: its subtitle gives way (the window shows it in the tooltip) before the data is
 * squeezed, a long subtitle or y title wraps instead of being cut, and the painted scale is the predicted one.
 */
class CrowdedChartTest {
    private static final Plot CURVE = SamplePlots.forgettingCurve().withSubtitle(
            "held-out test samples · solid: task A · dashed: task B");

    private static ChartLayout paint(Plot p, int w, int h, double scale) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            return PlotPainter.paint(p, new Java2dSurface(g), w, h, Theme.light().withPresentationScale(scale));
        } finally {
            g.dispose();
        }
    }

    @Test
    void aRoomyChartKeepsItsSubtitleAShortOneMovesItOut() {
        ChartLayout roomy = paint(CURVE, 1200, 700, Theme.PROJECTOR_SCALE);
        assertEquals("", roomy.droppedSubtitle());
        assertEquals(Theme.PROJECTOR_SCALE, roomy.fontScale(), 1e-9);

        ChartLayout shortOne = paint(CURVE, 600, 230, Theme.PROJECTOR_SCALE);
        assertEquals(CURVE.subtitle(), shortOne.droppedSubtitle(), "the subtitle went to the tooltip");
        assertTrue(shortOne.plotArea().height() >= PlotPainter.MIN_AREA_HEIGHT * 230 - 0.5
                        || shortOne.fontScale() == 1.0,
                "the data keeps half the height: " + shortOne.plotArea() + " at " + shortOne.fontScale());
        // and the same chart with the subtitle forced in would have had less room for data
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        Look k = new Look(Theme.light().withPresentationScale(shortOne.fontScale()));
        double with = XyPainter.plotArea(CURVE, new Java2dSurface(g), 600, 230, k).height();
        g.dispose();
        assertTrue(shortOne.plotArea().height() > with, shortOne.plotArea().height() + " vs " + with);
    }

    @Test
    void thePaintedScaleIsTheFittedOne() {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = one.createGraphics();
        for (int[] size : new int[][] {{420, 190}, {600, 260}, {1200, 700}}) {
            double fitted = PlotPainter.fittedFontScale(CURVE, new Java2dSurface(g), size[0], size[1],
                    Theme.light().withPresentationScale(Theme.PROJECTOR_SCALE));
            assertEquals(fitted, paint(CURVE, size[0], size[1], Theme.PROJECTOR_SCALE).fontScale(), 1e-9,
                    size[0] + "×" + size[1]);
        }
        g.dispose();
    }

    @Test
    void longTextBreaksAtTheSeparatorNearestTheMiddle() {
        // separators at 21 and 37 of 54 characters: 21 is nearer the middle (27), lines of 21 and 30
        assertEquals(List.of("held-out test samples", "solid: task A · dashed: task B"),
                Look.twoLines("held-out test samples · solid: task A · dashed: task B"));
        assertEquals(List.of("density", "(per decade)"), Look.twoLines("density (per decade)"));
        assertEquals(List.of("每个权重", "的费舍尔"), Look.twoLines("每个权重的费舍尔"), "no spaces: the middle");
    }

    @Test
    void aNarrowSubtitleWrapsOntoTwoLinesInsteadOfBeingCut() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        Java2dSurface s = new Java2dSurface(g);
        Look k = new Look(Theme.light());
        double full = s.textWidth(CURVE.subtitle(), k.subtitleFont, false);
        assertEquals(1, k.subtitleLines(s, CURVE.subtitle(), full + 1).size());
        List<String> two = k.subtitleLines(s, CURVE.subtitle(), full * 0.6);
        assertEquals(2, two.size());
        assertEquals(CURVE.subtitle(), two.get(0) + " · " + two.get(1), "nothing lost");
        g.dispose();
    }
}
