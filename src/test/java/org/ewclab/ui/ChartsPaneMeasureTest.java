package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.LabEvent.ImportanceMeasure;
import org.ewclab.export.Plot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One importance measure box drives the Fisher card, the importance map and drift against importance: Fisher, SI's Ω,
 * MAS's Ω, or the three side by side.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsPaneMeasureTest {
    private static final Executor INLINE = Runnable::run;
    private ChartsPane pane;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        pane = new ChartsPane(new LabViewModel(INLINE, INLINE));
        stage.setScene(new Scene(pane, 1200, 700));
        stage.show();
    }

    private static List<LabEvent.LayerFisher> layer(float[] v) {
        return List.of(new LabEvent.LayerFisher("w", new int[] {v.length}, 0, 0, 0, new double[0], v));
    }

    private static ExperimentLog.Snapshot snapshot() {
        ExperimentLog log = new ExperimentLog();
        log.accept(new LabEvent.RunStarted("first", "first-task", 0, "first-task", 0, List.of("a", "b"), 0, 10,
                "CPU", "1"));
        Random r = new Random(3);
        int n = 2_000;
        float[] fisher = new float[n];
        float[] si = new float[n];
        float[] mas = new float[n];
        for (int i = 0; i < n; i++) {
            fisher[i] = (float) Math.pow(10, -8 + 6 * r.nextDouble());
            si[i] = (float) (fisher[i] * Math.pow(10, r.nextGaussian()));
            mas[i] = (float) Math.sqrt(fisher[i]);
        }
        float[] pixels = new float[16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 1 + i;
        }
        log.accept(new LabEvent.FisherComputed("first", 0, "empirical/per-sample", layer(fisher), pixels, 4, 4, 100,
                0.1, List.of(new ImportanceMeasure(ImportanceMeasure.SI, layer(si), pixels.clone(), 0),
                        new ImportanceMeasure(ImportanceMeasure.MAS, layer(mas), pixels.clone(), 0))));
        log.accept(new LabEvent.RunStarted("run-1", "si", 10, "si", 1, List.of("a", "b"), 10, 20, "CPU", "1"));
        float[] drift = new float[n];
        for (int i = 0; i < n; i++) {
            drift[i] = (float) (r.nextGaussian() * 1e-3 / Math.sqrt(1 + 10 * si[i]));
        }
        log.accept(new LabEvent.ParameterSnapshot("run-1", 1, 20, List.of(new LabEvent.LayerDelta("w", drift,
                fisher))));
        return log.snapshot();
    }

    private Plot shown(String key) {
        return pane.view(key).getPlot();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMeasureBoxSwitchesHistogramMapAndDriftTogether() throws Exception {
        ExperimentLog.Snapshot snap = snapshot();
        Platform.runLater(() -> pane.update(snap));
        ChartsSettle.settle(pane);
        ChoiceBox<String> measure = (ChoiceBox<String>) pane.lookup("#importanceMeasure");
        ChoiceBox<String> view = (ChoiceBox<String>) pane.lookup("#driftView");
        assertEquals(List.of("fisher", "si", "mas", ChartsPane.MEASURE_COMPARE), measure.getItems());
        assertTrue(measure.isVisible());
        assertEquals("fisher", measure.getValue());
        assertEquals("log10 Fisher information F", shown(ChartsPane.FISHER).x().label());
        Platform.runLater(() -> view.setValue(ChartsPane.DRIFT_VIEW_IMPORTANCE));
        ChartsSettle.settle(pane);
        assertEquals("log10 Fisher F", shown(ChartsPane.DRIFT).panels().get(0).x().label());

        Platform.runLater(() -> measure.setValue("si"));
        ChartsSettle.settle(pane);
        assertEquals("log10 SI Ω", shown(ChartsPane.FISHER).x().label());
        assertTrue(shown(ChartsPane.IMPORTANCE).title().contains("SI Ω"), shown(ChartsPane.IMPORTANCE).title());
        Plot drift = shown(ChartsPane.DRIFT);
        assertEquals("log10 SI Ω", drift.panels().get(0).x().label());
        assertTrue(drift.title().contains("SI Ω"), drift.title());

        Platform.runLater(() -> measure.setValue(ChartsPane.MEASURE_COMPARE));
        ChartsSettle.settle(pane);
        Plot hist = shown(ChartsPane.FISHER);
        assertEquals(List.of("Fisher F", "SI Ω", "MAS Ω"), hist.panels().stream().map(Plot::title).toList());
        // MAS = √F keeps the Fisher's order exactly
        assertTrue(hist.subtitle().contains("Fisher–MAS 1.00"), hist.subtitle());
        assertEquals(3 * 4 + 2, shown(ChartsPane.IMPORTANCE).heatMap().columns(), "three 4-pixel maps, two gaps");
        assertEquals("log10 Fisher F", shown(ChartsPane.DRIFT).panels().get(0).x().label(),
                "comparing all three, drift against importance uses the Fisher");
        assertTrue(pane.view(ChartsPane.FISHER).paintCount() > 0);

        Files.createDirectories(Path.of("target"));
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = stage.getScene().snapshot(null)).get();
        javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png",
                Path.of("target", "charts-pane-measures.png").toFile());
    }

    @Test
    @SuppressWarnings("unchecked")
    void beforeTaskAOrWithTheFisherAloneThereIsNothingToChoose() {
        ExperimentLog log = new ExperimentLog();
        log.accept(new LabEvent.FisherComputed("first", 0, "v", layer(new float[] {1, 2, 3}), null, 0, 0, 3, 0));
        Platform.runLater(() -> pane.update(log.snapshot()));
        ChartsSettle.settle(pane);
        ChoiceBox<String> measure = (ChoiceBox<String>) pane.lookup("#importanceMeasure");
        assertEquals(List.of("fisher"), measure.getItems());
        assertFalse(measure.isVisible());
        assertEquals("log10 Fisher information F", shown(ChartsPane.FISHER).x().label());
    }
}
