package org.ewclab.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.embed.swing.SwingFXUtils;
import javax.imageio.ImageIO;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.ewclab.export.Axis;
import org.ewclab.export.ChartLayout;
import org.ewclab.export.LegendHit;
import org.ewclab.export.MethodColors;
import org.ewclab.export.Plot;
import org.ewclab.export.SamplePlots;
import org.ewclab.export.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chart view in a real (headless) JavaFX scene: it draws, and its legend hides series. */
@ExtendWith(ApplicationExtension.class)
class PlotViewTest {
    private PlotView view;

    @Start
    void start(Stage stage) {
        view = new PlotView();
        stage.setScene(new Scene(new StackPane(view), 800, 500));
        stage.show();
    }

    private static Plot threeMethods(int version) {
        int n = 400;
        float[] x = new float[n];
        float[][] y = new float[3][n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[0][i] = 0.2f + 0.1f * (float) Math.sin(i / 20.0 + version);
            y[1][i] = 0.5f + 0.1f * (float) Math.sin(i / 25.0 + version);
            y[2][i] = 0.8f + 0.1f * (float) Math.sin(i / 30.0 + version);
        }
        return Plot.builder().title("Accuracy on task A").x(Axis.linear("step", null))
                .y(Axis.linear("accuracy", null).withRange(0, 1))
                .add(Series.line("Plain", x, y[0], MethodColors.PLAIN))
                .add(Series.line("L2", x, y[1], MethodColors.L2))
                .add(Series.line("EWC", x, y[2], MethodColors.EWC))
                .verticalMarker(200, "task B starts")
                .build();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(10, TimeUnit.SECONDS);
    }

    /** Waits until the chart shows the current plot (it draws off the FX thread). */
    private void settle() throws Exception {
        for (int i = 0; i < 1000; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            if (!onFx(view::renderPending)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the chart never finished drawing");
    }

    /** Sets a plot, waits until it is drawn and returns a snapshot of the view. */
    private WritableImage shown(Plot p) throws Exception {
        if (p != null) {
            onFx(() -> {
                view.setPlot(p);
                return null;
            });
        }
        settle();
        return onFx(() -> view.snapshot(null, null));
    }

    private static int pixelsNear(WritableImage img, String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        PixelReader r = img.getPixelReader();
        int count = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                int p = r.getArgb(x, y);
                int d = Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF))
                        + Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) + Math.abs((p & 0xFF) - (rgb & 0xFF));
                if (d <= 24) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aSubtitleWithNoRoomIsReportedForTheTooltipAndComesBackWithRoom() throws Exception {
        Plot p = threeMethods(0).withSubtitle("held-out test samples · solid: task A · dashed: task B");
        String dropped = onFx(() -> {
            view.setPlot(p);
            view.setTheme(org.ewclab.export.Theme.light().withPresentationScale(org.ewclab.export.Theme.PROJECTOR_SCALE));
            view.resize(800, 200);
            view.paintNow(); // at this size now (the stage's next layout would give the view its 500 px back)
            return view.droppedSubtitleProperty().get();
        });
        assertEquals(p.subtitle(), dropped, "200 px high at the projector scale: the subtitle gives way");
        String back = onFx(() -> {
            view.resize(800, 500);
            view.paintNow();
            return view.droppedSubtitleProperty().get();
        });
        assertEquals("", back, "500 px high: drawn again");
    }

    @Test
    void drawsEverySeriesInItsColour() throws Exception {
        WritableImage img = shown(threeMethods(0));
        assertTrue(pixelsNear(img, MethodColors.PLAIN) > 300, "plain red drawn");
        assertTrue(pixelsNear(img, MethodColors.L2) > 300, "L2 blue drawn");
        assertTrue(pixelsNear(img, MethodColors.EWC) > 300, "EWC green drawn");
    }

    @Test
    void clickingALegendEntryHidesThatSeriesAndKeepsItHiddenAcrossUpdates() throws Exception {
        shown(threeMethods(0));
        LegendHit ewc = onFx(() -> view.chartLayout().orElseThrow().legendHits().stream()
                .filter(h -> h.series().equals("EWC")).findFirst().orElseThrow());
        assertTrue(onFx(() -> view.handleClick(ewc.bounds().centerX(), ewc.bounds().centerY())));

        WritableImage hidden = shown(threeMethods(1)); // a live update replaces the plot object
        assertTrue(onFx(() -> view.getHiddenSeries().contains("EWC")));
        assertTrue(pixelsNear(hidden, MethodColors.EWC) < 20, "EWC line no longer drawn");
        assertTrue(pixelsNear(hidden, MethodColors.L2) > 300, "the others still are");

        assertTrue(onFx(() -> view.handleClick(ewc.bounds().centerX(), ewc.bounds().centerY())));
        WritableImage shown = shown(null);
        assertTrue(pixelsNear(shown, MethodColors.EWC) > 300, "a second click brings it back");
    }

    @Test
    void aRealMouseClickOnTheLegendTogglesToo() throws Exception {
        shown(threeMethods(0));
        LegendHit l2 = onFx(() -> view.chartLayout().orElseThrow().legendHits().get(1));
        onFx(() -> {
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_CLICKED, l2.bounds().centerX(), l2.bounds().centerY()));
            return null;
        });
        assertEquals(java.util.Set.of("L2"), onFx(() -> java.util.Set.copyOf(view.getHiddenSeries())));
    }

    private MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                false, false, false, true, null);
    }

    @Test
    void hoveringNearAPointShowsItsValues() throws Exception {
        shown(threeMethods(0));
        String text = onFx(() -> {
            ChartLayout layout = view.chartLayout().orElseThrow();
            double px = layout.xToPixel(100);
            double py = layout.yToPixel(0.8f + 0.1f * (float) Math.sin(100 / 30.0));
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_MOVED, px, py + 0.5));
            return view.hoverText();
        });
        assertTrue(text.startsWith("EWC") && text.contains("step = 100"), text);
        shown(threeMethods(0));
        String afterUpdate = onFx(view::hoverText);
        assertEquals(text, afterUpdate, "a live update keeps the read-out under a still pointer");
    }

    @Test
    void copyImagePutsATwiceSizedChartOnTheClipboard() throws Exception {
        double[] size = onFx(() -> {
            view.setPlot(threeMethods(0));
            view.layout();
            view.copyImage();
            javafx.scene.image.Image img = javafx.scene.input.Clipboard.getSystemClipboard().getImage();
            return img == null ? null : new double[] {img.getWidth(), img.getHeight()};
        });
        org.junit.jupiter.api.Assumptions.assumeTrue(size != null, "this headless platform keeps no clipboard image");
        assertEquals(1600, size[0]);
        assertEquals(1000, size[1]);
    }

    @Test
    void theContextMenuOffersEveryExport() throws Exception {
        java.util.List<String> items = onFx(() -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (MenuItem i : view.contextMenu().getItems()) {
                out.add(i.getText());
                if (i instanceof Menu m) {
                    m.getItems().forEach(sub -> out.add(sub.getText()));
                }
            }
            return out;
        });
        String all = String.join("|", items);
        for (String expected : new String[] {"Export PNG", "1×", "2×", "4×", "Export SVG…", "Export CSV…",
            "Copy image"}) {
            assertTrue(all.contains(expected), expected + " in " + all);
        }
    }

    @Test
    void clickOutsideTheLegendChangesNothing() throws Exception {
        shown(threeMethods(0));
        assertFalse(onFx(() -> view.handleClick(400, 300)));
        assertTrue(onFx(() -> view.getHiddenSeries().isEmpty()));
    }

    @Test
    void repaintsOncePerChangeAndNotWithoutOne() throws Exception {
        onFx(() -> {
            view.setPlot(threeMethods(0));
            return null;
        });
        settle();
        long before = onFx(view::paintCount);
        WaitForAsyncUtils.waitForFxEvents(); // pulses without a change
        settle();
        assertEquals(before, onFx(view::paintCount));
        onFx(() -> {
            view.setPlot(threeMethods(1));
            view.setPresentationScale(1.5); // two changes before the next pulse: one paint
            return null;
        });
        settle();
        assertEquals(before + 1, onFx(view::paintCount));
    }

    @Test
    void theLayoutPulseHandsTheDrawingToTheRenderThread() throws Exception {
        shown(threeMethods(0));
        long before = onFx(view::paintCount);
        long[] duringPulse = onFx(() -> {
            view.setPlot(threeMethods(1));
            view.layout(); // what a pulse does: it must not draw the chart itself
            return new long[] {view.paintCount(), view.renderPending() ? 1 : 0};
        });
        assertEquals(before, duringPulse[0], "the FX thread drew nothing");
        assertEquals(1, duringPulse[1], "a drawing is under way");
        settle();
        assertEquals(before + 1, onFx(view::paintCount), "the drawing landed once");
    }

    /** The window's rendering of two samples, beside the PNG exports in target/chart-samples, to compare by eye. */
    @Test
    void writesWindowSnapshotsBesideTheExports() throws Exception {
        Path dir = Path.of("target", "chart-samples");
        Files.createDirectories(dir);
        for (String name : new String[] {"forgetting", "fisher-histogram", "accuracy-matrix"}) {
            WritableImage img = shown(SamplePlots.all().get(name));
            Path file = dir.resolve(name + "-window.png");
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
            java.awt.image.BufferedImage back = ImageIO.read(file.toFile());
            assertEquals((int) Math.round(img.getWidth()), back.getWidth(), name);
            assertEquals((int) Math.round(img.getHeight()), back.getHeight(), name);
            if (name.equals("forgetting")) {
                // the window draws the same method colours as the export: EWC's green line is there
                assertTrue(org.ewclab.export.ExportedFiles.pixelsNear(back, MethodColors.EWC) > 50, "EWC green in the window's forgetting curve");
                assertTrue(org.ewclab.export.ExportedFiles.pixelsNear(back, MethodColors.PLAIN) > 50, "plain red in the window's forgetting curve");
            }
        }
    }

    @Test
    void aHundredThousandPointsPerSeriesPaintFast() throws Exception {
        int n = 100_000;
        Plot.Builder b = Plot.builder().title("Loss").x(Axis.linear("step", null)).y(Axis.linear("loss", null));
        String[] colors = {MethodColors.PLAIN, MethodColors.L2, MethodColors.EWC};
        java.util.Random r = new java.util.Random(1);
        for (int s = 0; s < 3; s++) {
            float[] x = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = i;
                y[i] = (float) (Math.exp(-i / 20000.0) + r.nextGaussian() * 0.05 + s);
            }
            b.add(Series.line("run " + s, x, y, colors[s]));
        }
        Plot big = b.build();
        long nanos = onFx(() -> {
            view.setPlot(big);
            view.layout();
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                view.paintNow();
                best = Math.min(best, System.nanoTime() - t0);
            }
            return best;
        });
        System.out.printf("PlotView paint, 3 × %,d points: %.1f ms%n", n, nanos / 1e6);
        // A generous bound for a shared 2-core CI box; JavaFX LineChart took 6-8 s for this.
        assertTrue(nanos < 1_000_000_000L, "paint took " + nanos / 1e6 + " ms");
    }

    @Test
    void fileNamesComeFromTheTitle() {
        assertEquals("forgetting-accuracy-on-task-a", PlotView.fileStem("Forgetting: accuracy on task A"));
        assertEquals("chart", PlotView.fileStem("  ::  "));
    }
}
