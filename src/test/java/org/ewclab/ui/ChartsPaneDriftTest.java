package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.LabEvent;
import org.ewclab.export.Plot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The drift card's three views: log10 magnitude by default, signed drift, and drift against importance. */
@ExtendWith(ApplicationExtension.class)
class ChartsPaneDriftTest {
    private static final Executor INLINE = Runnable::run;
    private ChartsPane pane;

    @Start
    void start(Stage stage) {
        pane = new ChartsPane(new LabViewModel(INLINE, INLINE));
        stage.setScene(new Scene(pane, 1200, 700));
        stage.show();
    }

    private static ExperimentLog.Snapshot snapshot() {
        ExperimentLog log = new ExperimentLog();
        log.accept(new LabEvent.RunStarted("first", "first-task", 0, "first-task", 0, List.of("a", "b"), 0, 10,
                "CPU", "1"));
        int k = 1;
        for (String method : List.of("plain", "ewc")) {
            String id = "run-" + k++;
            log.accept(new LabEvent.RunStarted(id, method, 1e4, method, 1, List.of("a", "b"), 10, 20, "CPU", "1"));
            Random r = new Random(k);
            float[] drift = new float[2_000];
            float[] fisher = new float[drift.length];
            for (int i = 0; i < drift.length; i++) {
                fisher[i] = (float) Math.pow(10, -8 + 6 * r.nextDouble());
                drift[i] = (float) (r.nextGaussian() * (method.equals("ewc") ? 1e-4 / Math.sqrt(1 + 1e4 * fisher[i])
                        : 1e-3));
            }
            log.accept(new LabEvent.ParameterSnapshot(id, 1, 20, List.of(new LabEvent.LayerDelta("w", drift,
                    fisher))));
        }
        return log.snapshot();
    }

    private Plot shown() {
        return pane.view(ChartsPane.DRIFT).getPlot();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDriftCardShowsTheMagnitudeFirstAndSwitchesViews() throws Exception {
        ExperimentLog.Snapshot snap = snapshot();
        Platform.runLater(() -> pane.update(snap));
        ChartsSettle.settle(pane);
        ChoiceBox<String> view = (ChoiceBox<String>) pane.lookup("#driftView");
        assertEquals(List.of(ChartsPane.DRIFT_VIEW_MAGNITUDE, ChartsPane.DRIFT_VIEW_SIGNED,
                ChartsPane.DRIFT_VIEW_IMPORTANCE), view.getItems());
        assertEquals("log10 |θ − θ*A|", shown().x().label());
        assertEquals(4, shown().series().size(), "two runs × (top 10%, other 90%)");

        Platform.runLater(() -> view.setValue(ChartsPane.DRIFT_VIEW_SIGNED));
        ChartsSettle.settle(pane);
        assertEquals("θ − θ*A", shown().x().label());
        assertFalse(shown().hasPanels());

        Platform.runLater(() -> view.setValue(ChartsPane.DRIFT_VIEW_IMPORTANCE));
        ChartsSettle.settle(pane);
        assertEquals(List.of("plain", "EWC λ=1e4"), shown().panels().stream().map(Plot::title).toList());
        assertTrue(pane.view(ChartsPane.DRIFT).paintCount() > 0);
    }

    @Test
    void aTrainingUpdateLeavesTheDriftKernelsToTheBuildThread() throws Exception {
        ExperimentLog.Snapshot snap = snapshot();
        java.util.concurrent.FutureTask<Object[]> during = new java.util.concurrent.FutureTask<>(() -> {
            Plot before = shown();
            pane.update(snap); // what a coalesced training update does on the FX thread
            return new Object[] {before, shown(), pane.buildsPending()};
        });
        Platform.runLater(during);
        Object[] r = during.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(r[0] == r[1], "the update itself computed no drift density");
        assertEquals(Boolean.TRUE, r[2], "the drift chart is being built");
        ChartsSettle.settle(pane);
        assertEquals(4, shown().series().size(), "then it shows both runs");
    }
}
