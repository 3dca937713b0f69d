package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngExportTest {

    static int pixelsNear(BufferedImage img, String hex) {
        return ExportedFiles.pixelsNear(img, hex);
    }

    @Test
    void runsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "the export must not need a display");
    }

    @Test
    void scaleTwoDoublesThePixelsAndKeepsTheSeriesColours(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("forgetting.png");
        ChartExport.png(SamplePlots.forgettingCurve(), 800, 500, 2, Theme.light(), file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(1600, img.getWidth());
        assertEquals(1000, img.getHeight());
        assertTrue(pixelsNear(img, MethodColors.PLAIN) > 1000, "plain red is drawn");
        assertTrue(pixelsNear(img, MethodColors.L2) > 1000, "L2 blue is drawn");
        assertTrue(pixelsNear(img, MethodColors.EWC) > 1000, "EWC green is drawn");
    }

    @Test
    void scaleIsTheSameLayoutNotARelayout() {
        Plot plot = SamplePlots.forgettingCurve();
        BufferedImage one = ChartExport.image(plot, 400, 250, 1, Theme.light());
        BufferedImage four = ChartExport.image(plot, 400, 250, 4, Theme.light());
        assertEquals(1600, four.getWidth());
        // Each series lands in the same place, four times finer: same layout, not a re-layout of a bigger chart.
        for (String color : new String[] {MethodColors.PLAIN, MethodColors.L2, MethodColors.EWC}) {
            double[] a = bounds(one, color);
            double[] b = bounds(four, color);
            for (int i = 0; i < 4; i++) {
                assertEquals(a[i], b[i] / 4, 1.5, color + " bound " + i);
            }
        }
    }

    /** minX, minY, maxX, maxY of the pixels close to a colour. */
    private static double[] bounds(BufferedImage img, String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -1, -1};
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF))
                        + Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) + Math.abs((p & 0xFF) - (rgb & 0xFF));
                if (d <= 24) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        return b;
    }

    @Test
    void darkThemeHasADarkBackground() {
        BufferedImage img = ChartExport.image(SamplePlots.driftDensity(), 600, 400, 1, Theme.dark());
        int corner = img.getRGB(2, 2);
        assertTrue(((corner >> 16) & 0xFF) < 60, "dark corner");
        assertTrue(pixelsNear(img, MethodColors.EWC) > 100);
    }

    @Test
    void everySampleRendersAtEveryScaleWithoutError() {
        for (Plot p : SamplePlots.all().values()) {
            for (double scale : new double[] {1, 1.5}) {
                BufferedImage img = ChartExport.image(p, 640, 360, scale, Theme.light().withPresentationScale(1.6));
                assertEquals((int) Math.round(640 * scale), img.getWidth());
            }
        }
    }

    @Test
    void importanceMapCellsStayCrisp() {
        // 28 columns drawn 10 px wide each: with nearest-neighbour scaling every cell is one flat colour.
        float[] v = new float[28 * 28];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 28 + i / 28) % 2; // checkerboard 0/1
        }
        Plot plot = Plot.builder().heatMap(HeatMap.of(28, 28, v)).build();
        BufferedImage img = ChartExport.image(plot, 500, 400, 1, Theme.light());
        int lo = ColorMap.VIRIDIS.argb(0) & 0xFFFFFF;
        int hi = ColorMap.VIRIDIS.argb(1) & 0xFFFFFF;
        int pure = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y) & 0xFFFFFF;
                if (p == lo || p == hi) {
                    pure++;
                }
            }
        }
        assertTrue(pure > 28 * 28 * 50, "cells are flat colour: " + pure + " pure pixels");
    }
}
