package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The scale a chart is painted at is the one {@link PlotPainter#fittedFontScale} predicts; a small card gets less. */
class FittedFontScaleTest {
    private static double fitted(Plot p, double w, double h, double scale) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        try {
            return PlotPainter.fittedFontScale(p, new Java2dSurface(g), w, h, Theme.light().withPresentationScale(scale));
        } finally {
            g.dispose();
        }
    }

    @Test
    void aLargeChartKeepsTheProjectorScaleASmallOneGivesWayButNotBelowOne() {
        Plot curve = SamplePlots.forgettingCurve();
        assertEquals(Theme.PROJECTOR_SCALE, fitted(curve, 1400, 800, Theme.PROJECTOR_SCALE), 1e-9);
        double small = fitted(curve, 420, 190, Theme.PROJECTOR_SCALE);
        assertTrue(small < Theme.PROJECTOR_SCALE && small >= 1, "lowered in 0.85 steps: " + small);
        assertEquals(1.0, fitted(curve, 420, 190, 1.0), 1e-9, "a desk scale is never changed");
        double prev = 9;
        for (double h : new double[] {190, 260, 400, 800}) {
            double f = fitted(curve, 900, h, Theme.PROJECTOR_SCALE);
            assertTrue(f >= prev || prev == 9, "more room never means smaller text: " + f + " at " + h);
            prev = f;
        }
    }

    @Test
    void heatMapsKeepTheirScale() {
        assertEquals(1.36, fitted(SamplePlots.importanceMap(), 100, 80, 1.36), 1e-9);
    }
}
