package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a live chart goes through: no data yet, one point, NaN, flat lines, zeros on a log axis, tiny windows. */
class EdgeCasePlotsTest {
    private static final float NAN = Float.NaN;

    static Map<String, Plot> edgeCases() {
        Map<String, Plot> m = new LinkedHashMap<>();
        m.put("empty", Plot.builder().title("Accuracy on task A").x(Axis.linear("step", null))
                .y(Axis.linear("accuracy", null)).build());
        m.put("no-points-yet", Plot.builder().title("Loss").add(Series.line("EWC", new float[0], new float[0],
                MethodColors.EWC)).build());
        m.put("one-point", Plot.builder().add(Series.line("EWC", new float[] {5}, new float[] {0.5f},
                MethodColors.EWC)).build());
        m.put("flat", Plot.builder().add(Series.line("zero penalty", new float[] {0, 1, 2}, new float[] {0, 0, 0},
                MethodColors.PLAIN)).build());
        m.put("gaps", Plot.builder().add(Series.line("diverged", new float[] {0, 1, 2, 3, 4},
                new float[] {1, 2, NAN, Float.POSITIVE_INFINITY, 3}, MethodColors.PLAIN)).build());
        m.put("all-nan", Plot.builder().add(Series.line("nan", new float[] {0, 1}, new float[] {NAN, NAN},
                MethodColors.PLAIN)).build());
        m.put("log-with-zeros", Plot.builder().x(Axis.log10("F", null)).y(Axis.log10("count", null))
                .add(Series.bars("F", new float[] {0, 1e-8f, 1e-6f, 1e-4f}, new float[] {0, 5, 0},
                        MethodColors.task(2)))
                .add(Series.line("neg", new float[] {-1, 1e-5f}, new float[] {-3, 2}, MethodColors.L2)).build());
        m.put("huge-values", Plot.builder().add(Series.line("loss", new float[] {0, 1, 2},
                new float[] {1e-30f, 3e30f, 1}, MethodColors.PLAIN)).build());
        m.put("crowded-markers", Plot.builder().x(Axis.linear("step", null).withRange(0, 100))
                .add(Series.line("EWC", new float[] {0, 100}, new float[] {0, 1}, MethodColors.EWC))
                .verticalMarker(50, "λ → 1e4").verticalMarker(51, "λ → 1e5").verticalMarker(52, "λ → 1e6")
                .verticalMarker(99, "task C starts at the very end").verticalMarker(500, "outside")
                .horizontalMarker(0.1, "chance").horizontalMarker(0.12, "another").build());
        m.put("long-names", Plot.builder().title("A title far too long for the chart it sits on, going on and on "
                + "about forgetting and consolidation").legend(Plot.Legend.RIGHT)
                .add(Series.line("a series name that is much longer than anyone should use", new float[] {0, 1},
                        new float[] {0, 1}, MethodColors.EWC)).build());
        m.put("diverging-map", Plot.builder().title("θ − θ*").heatMap(HeatMap.of(3, 2,
                new float[] {-1, 0, 2, 0.5f, NAN, -0.2f}).withColorMap(ColorMap.DIVERGING).withCellFormat("%+.1f")
                .withSquareCells(false)).build());
        m.put("flat-map", Plot.builder().heatMap(HeatMap.of(2, 2, new float[] {3, 3, 3, 3})).build());
        m.put("scatter-label-pile", Plot.builder().add(Series.scatter("pile", new float[] {1, 1, 1, 1},
                new float[] {1, 1, 1, 1}, List.of("λ=1", "λ=10", "λ=100", "λ=1000"), MethodColors.EWC)).build());
        m.put("secondary-y", Plot.builder().title("Accuracy and errors on task A")
                .x(Axis.linear("step", null)).y(Axis.linear("accuracy", null).withRange(0, 1).withPercent(true)
                        .withSecondary(new Axis.Secondary("wrong answers", "of 2000", -2000, 2000)))
                .add(Series.line("EWC", new float[] {0, 500, 1000}, new float[] {0.1f, 0.9f, 0.95f},
                        MethodColors.EWC)).legend(Plot.Legend.INSIDE_BOTTOM_RIGHT).build());
        return m;
    }

    @Test
    void everyEdgeCaseRendersInEveryBackendAndSize() throws Exception {
        Path dir = Path.of("target", "chart-samples", "edge-cases");
        Files.createDirectories(dir);
        for (Map.Entry<String, Plot> e : edgeCases().entrySet()) {
            Plot p = e.getValue();
            for (int[] size : new int[][] {{800, 500}, {200, 120}, {40, 30}}) {
                BufferedImage img = ChartExport.image(p, size[0], size[1], 1, Theme.dark());
                assertEquals(size[0], img.getWidth(), e.getKey());
                assertEquals(size[1], img.getHeight(), e.getKey());
                if (size[0] >= 200) {
                    // something is drawn on the background (frame, text or data), not an empty canvas
                    assertTrue(ExportedFiles.distinctColours(img, 2) >= 2, e.getKey() + " at " + size[0]);
                }
                ExportedFiles.assertSvg(ChartExport.svgString(p, size[0], size[1], Theme.light()), size[0], size[1],
                        e.getKey() + " at " + size[0] + "×" + size[1]);
            }
            ChartExport.png(p, 640, 400, 1, Theme.light(), dir.resolve(e.getKey() + ".png"));
        }
    }

    @Test
    void pointsOnALogAxisAtOrBelowZeroAreLeftOutNotDrawnAtInfinity() {
        BufferedImage img = ChartExport.image(edgeCases().get("log-with-zeros"), 640, 400, 1, Theme.light());
        assertEquals(640, img.getWidth());
        ChartLayout layout = PlotPainter.paint(edgeCases().get("log-with-zeros"),
                new SvgSurface(640, 400), 640, 400, Theme.light());
        assertTrue(Double.isNaN(layout.xToPixel(0)));
        assertTrue(Double.isNaN(layout.xToPixel(-1)));
    }
}
