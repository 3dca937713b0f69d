package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.i18n.Texts;
import org.ewclab.ui.chart.PlotView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presentation mode on a 1280×720 projector, zoom, the help page, and lessons with more than two tasks. */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {
    static final String THREE_TASKS = """
            {"name": "three", "title": "Three", "seed": 3,
             "tasks": [{"name": "blobs", "toy": "blobs", "samples": 300, "testSamples": 100},
                       {"name": "moons", "toy": "moons", "samples": 300, "testSamples": 100},
                       {"name": "circles", "toy": "circles", "samples": 300, "testSamples": 100}],
             "model": {"type": "mlp", "hidden": [16], "batchNorm": false},
             "optimizer": {"type": "adam", "learningRate": 0.01},
             "training": {"epochs": 1, "batchSize": 30, "evalEvery": 5, "evalSamples": 100},
             "fisher": {"labels": "empirical", "gradients": "per-sample", "samples": 100},
             "methods": [{"method": "plain"}, {"method": "ewc", "lambda": 100}]}
            """;

    @TempDir
    Path dir;
    private ExecutorService trainer;
    private LabViewModel vm;
    private LabWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        LabSettings.use(Preferences.userRoot().node("org/ewclab/lab-test-presentation"));
        Texts.setLocale(Locale.ENGLISH);
        trainer = LabApp.trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        window = new LabWindow(vm, stage);
        stage.setScene(window.createScene(1280, 720));
        stage.sizeToScene(); // the stage is shared between tests, and one of them resizes it
        stage.show();
    }

    @AfterEach
    void stopTrainer() throws Exception {
        vm.stop();
        trainer.shutdownNow();
        LabSettings.node().removeNode();
        LabSettings.use(Preferences.userRoot().node(System.getProperty("ewclab.prefs", "org/ewclab/lab")));
    }

    private void open(String json) throws Exception {
        Platform.runLater(() -> vm.open(ExperimentPreset.parse(json), dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.preset().name().equals(ExperimentPreset.parse(json).name())
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void presentationModeGivesTheChartsTheRoomAndNoButtonIsCut(FxRobot robot) throws Exception {
        open(LabViewModelTest.TINY);
        robot.clickOn("#trainA");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        Platform.runLater(() -> vm.presentationProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(robot.lookup("#experimentPanel").query().isVisible(), "the side panel folds");
        assertEquals("▶ A", robot.lookup("#trainA").queryButton().getText());
        assertEquals(Texts.get("bar.trainA.tip"), robot.lookup("#trainA").queryButton().getTooltip().getText(),
                "the tooltip keeps the words");
        HBox bar = robot.lookup(".workflow-bar").query();
        for (Node n : bar.lookupAll(".button")) {
            if (n instanceof ButtonBase b && b.isVisible() && b.getText() != null && !b.getText().isEmpty()) {
                assertTrue(b.getWidth() + 0.5 >= b.prefWidth(-1), "\"" + b.getText() + "\" is cut: "
                        + b.getWidth() + " < " + b.prefWidth(-1));
            }
        }
        assertTrue(bar.getWidth() <= 1280.5);

        // one text scale for every x-y chart, above the desk's
        Set<Double> scales = new HashSet<>();
        for (String key : List.of(ChartsPane.ACCURACY, ChartsPane.LOSS, ChartsPane.FISHER, ChartsPane.DRIFT)) {
            PlotView v = window.charts().view(key);
            scales.add(v.getTheme().fontScale());
        }
        assertEquals(1, scales.size(), "charts share one text scale: " + scales);
        assertTrue(window.charts().sharedFontScale() >= 1);

        robot.clickOn("#panelToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#experimentPanel").query().isVisible(), "☰ brings the panel back");
        Platform.runLater(() -> vm.presentationProperty().set(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Train A", robot.lookup("#trainA").queryButton().getText());
        assertEquals(1.0, window.charts().sharedFontScale());
        assertEquals(LabViewModel.Phase.READY, vm.phase(), "nothing trained was lost");
    }

    @Test
    void onA1280x720ProjectorEveryChartIsTallEnoughAndAllTextHasOneScale(FxRobot robot) throws Exception {
        open(LabViewModelTest.TINY);
        robot.clickOn("#trainA");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        Platform.runLater(() -> vm.presentationProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the pulse draws the last snapshot
        WaitForAsyncUtils.waitForFxEvents();

        ChartsPane pane = window.charts();
        Set<Double> drawn = new HashSet<>();
        int shown = 0;
        for (String key : pane.keys()) {
            PlotView v = pane.view(key);
            if (v.getParent() == null || v.getParent().getParent() != pane || !v.isVisible()) {
                continue;
            }
            shown++;
            assertTrue(v.getHeight() >= 150, key + " is squashed: " + v.getHeight() + " px high");
            assertTrue(v.chartLayout().isPresent(), key + " painted");
            drawn.add(v.drawnFontScale());
            String dropped = v.droppedSubtitleProperty().get();
            if (!dropped.isEmpty()) {
                assertTrue(pane.tooltipText(key).startsWith(dropped), key + ": a subtitle with no room is in the tooltip");
            }
        }
        assertEquals(5, shown, "the tiny lesson shows all five cards");
        assertEquals(1, drawn.size(), "every chart's text is drawn at one scale: " + drawn);
        assertEquals(pane.sharedFontScale(), drawn.iterator().next(), 1e-9);
        assertTrue(pane.sharedFontScale() >= 1);
        double at720 = pane.sharedFontScale();
        System.out.println("shared chart text scale at 1280x720 in presentation mode: " + at720);
        // the decision regions of a 2-D lesson get a tall card: at least a third of the window's width, all rows
        PlotView regions = pane.view(ChartsPane.IMPORTANCE);
        assertTrue(regions.getHeight() >= 0.8 * pane.getHeight() && regions.getWidth() >= 0.3 * pane.getWidth(),
                regions.getWidth() + "×" + regions.getHeight() + " in " + pane.getWidth() + "×" + pane.getHeight());

        // a 1920×1080 projector: more room never means smaller text, and it is still one scale
        Platform.runLater(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Set<Double> big = new HashSet<>();
        for (String key : pane.keys()) {
            big.add(pane.view(key).drawnFontScale());
        }
        System.out.println("shared chart text scale at 1920x1080 in presentation mode: " + pane.sharedFontScale()
                + " (pane " + pane.getWidth() + "x" + pane.getHeight() + ")");
        assertEquals(1, big.size(), "one scale at 1920×1080 too: " + big);
        assertTrue(pane.sharedFontScale() >= at720, pane.sharedFontScale() + " < " + at720);
        // every card here keeps its data's share at 1.6 × 0.85 (measured: the Fisher histogram sets it); a scale left
        // over from the 1280×720 sizes would stay at 1
        assertTrue(pane.sharedFontScale() > 1.3, "the larger projector gets larger text: " + pane.sharedFontScale());
    }

    @Test
    void zoomScalesTheWindowTextAndIsRemembered(FxRobot robot) throws Exception {
        Platform.runLater(() -> window.setZoom(1.25));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.3, window.zoom(), 1e-9, "tenths");
        assertEquals("-fx-font-size: 16.9px;", window.root().getStyle(), "13 px × 1.3");
        assertEquals(1.3, LabSettings.zoom(), 1e-9);
        Platform.runLater(() -> window.setZoom(9));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(LabWindow.MAX_ZOOM, window.zoom());
        Platform.runLater(() -> window.setZoom(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", window.root().getStyle());
    }

    @Test
    void helpListsEveryShortcutAndAGlossaryInBothLanguages() {
        String en = LabWindow.helpText();
        for (String s : List.of("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+E", "Ctrl+Q", "Ctrl+P", "F5", "F11", "F1",
                "Fisher information", "BWT", "Class-incremental", "λ")) {
            assertTrue(en.contains(s), "English help names " + s);
        }
        Texts.setLocale(Texts.ZH_CN);
        try {
            String zh = LabWindow.helpText();
            for (String s : List.of("Ctrl+E", "Ctrl+Q", "灾难性遗忘", "弹性权重固化", "费舍尔信息", "后向迁移", "类别增量", "λ")) {
                assertTrue(zh.contains(s), "Chinese help names " + s);
            }
        } finally {
            Texts.setLocale(Locale.ENGLISH);
        }
    }

    @Test
    void everyTaskOfALessonHasItsSection(FxRobot robot) throws Exception {
        open(THREE_TASKS);
        assertTrue(robot.lookup("#taskCSection").query().isVisible());
        ComboBox<?> c = robot.lookup("#taskCPicker").queryComboBox();
        assertEquals("circles", String.valueOf(c.getValue()));
        assertEquals("Task C — learnt third", ((javafx.scene.control.Label) ((javafx.scene.layout.VBox) robot
                .lookup("#taskCSection").query()).getChildren().get(0)).getText());
        assertEquals("Train the later tasks (moons, circles) one after another from the task-A checkpoint with the "
                + "chosen method and λ. λ can move while they train. (Ctrl+2)",
                robot.lookup("#trainB").queryButton().getTooltip().getText());
        robot.clickOn("#trainA");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        robot.clickOn("#trainB");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY
                && !vm.results().isEmpty());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.charts().view(ChartsPane.ACCURACY).getPlot()
                .series().size() >= 4);
        var plot = window.charts().view(ChartsPane.ACCURACY).getPlot();
        assertEquals(Texts.get("chart.accuracy.subtitleMany"), plot.subtitle());
        java.util.Map<String, org.ewclab.export.Series.Dash> dashes = new java.util.HashMap<>();
        for (var series : plot.series()) {
            if (series.name().startsWith("EWC")) {
                dashes.put(series.name().substring(series.name().lastIndexOf('(') + 1).replace(")", ""),
                        series.style().dash());
            }
        }
        assertEquals(java.util.Map.of("blobs", org.ewclab.export.Series.Dash.SOLID, "moons",
                org.ewclab.export.Series.Dash.DASHED, "circles", org.ewclab.export.Series.Dash.DOTTED), dashes,
                "one legend entry and one line style per task: " + plot.series().stream().map(x -> x.name()).toList());
        open(LabViewModelTest.TINY);
        assertFalse(robot.lookup("#taskCSection").query().isVisible(), "a two-task lesson shows A and B");
        assertTrue(robot.lookup("#taskBSection").query().isVisible());
    }
}
