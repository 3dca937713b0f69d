package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.export.Plot;
import org.ewclab.export.Series;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A 2-D lesson's importance card shows the decision regions, not a 2-cell "which pixels matter" map. */
@ExtendWith(ApplicationExtension.class)
class ChartsPaneRegionsTest {
    private static final Executor INLINE = Runnable::run;
    private LabViewModel vm;
    private ChartsPane pane;

    @Start
    void start(Stage stage) throws Exception {
        vm = new LabViewModel(INLINE, INLINE);
        Path dir = Files.createTempDirectory("regions-ui");
        vm.open(ExperimentPreset.parse(LabViewModelTest.TINY), dir).join();
        pane = new ChartsPane(vm);
        stage.setScene(new Scene(pane, 1200, 700));
        stage.show();
    }

    private Plot shown() {
        return pane.view(ChartsPane.IMPORTANCE).getPlot();
    }

    @Test
    void theToyLessonsImportanceCardShowsEachRunsDecisionRegions() {
        Platform.runLater(() -> pane.update(vm.log().snapshot()));
        ChartsSettle.settle(pane);
        assertEquals(Texts.get("chart.regions.title"), shown().title(), "before Train A: the regions card, empty");
        assertTrue(shown().subtitle().contains(Texts.get("chart.regions.empty")), shown().subtitle());

        vm.trainA().join();
        vm.methodProperty().set("ewc");
        vm.trainB().join();
        Platform.runLater(() -> pane.update(vm.log().snapshot()));
        ChartsSettle.settle(pane);
        Plot p = shown();
        assertEquals(Texts.get("chart.regions.title"), p.title());
        assertEquals(2, p.panels().size(), "task A's network and the EWC run: " + p.panels().stream()
                .map(Plot::title).toList());
        assertTrue(p.panels().get(1).title().startsWith("EWC"), p.panels().get(1).title());
        List<Series> first = p.panels().get(0).series();
        assertTrue(first.stream().anyMatch(s -> s instanceof Series.Cells), "the regions are drawn");
        assertTrue(first.stream().anyMatch(s -> s instanceof Series.Scatter), "the test points are drawn");
        assertTrue(pane.view(ChartsPane.IMPORTANCE).paintCount() > 0);
    }
}
