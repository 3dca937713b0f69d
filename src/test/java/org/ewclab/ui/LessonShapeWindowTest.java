package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentPreset.UiSpec;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** ui.hide and ui.fixed in the real window; File → Save lesson and Open recent. */
@ExtendWith(ApplicationExtension.class)
class LessonShapeWindowTest {
    @TempDir
    Path dir;
    private ExecutorService trainer;
    private LabViewModel vm;
    private LabWindow window;

    @Start
    void start(Stage stage) {
        LabSettings.use(Preferences.userRoot().node("org/ewclab/lab-test-shape"));
        Texts.setLocale(Locale.ENGLISH);
        trainer = LabApp.trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        window = new LabWindow(vm, stage);
        stage.setScene(window.createScene(1280, 720));
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
        Path file = dir.resolve("lesson-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        Platform.runLater(() -> window.openPresetFile(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.preset().ui().equals(ExperimentPreset.parse(json).ui())
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shown: in the scene, managed and visible up to the root (a method the chooser leaves out is not shown). */
    private static boolean shown(FxRobot robot, String query) {
        java.util.Optional<Node> found = robot.lookup(query).tryQuery();
        if (found.isEmpty()) {
            return false;
        }
        Node n = found.get();
        if (!n.isManaged()) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private List<String> tabIds(FxRobot robot) {
        TabPane tabs = robot.lookup(".tab-pane").query();
        return tabs.getTabs().stream().map(Tab::getId).toList();
    }

    @Test
    void aLessonHidesAndFixesAndResetKeepsIt(FxRobot robot) throws Exception {
        open(LessonLockTest.lesson("{\"hide\": [\"method.l2\", \"method.online-ewc\", \"panel.fisher\", "
                + "\"tab.sweep\", \"chart.loss\", \"compare\"], \"fixed\": [\"lambda\", \"model\"]}"));
        assertFalse(shown(robot, "#method-l2"));
        assertFalse(shown(robot, "#method-online-ewc"));
        assertTrue(shown(robot, "#method-ewc"));
        assertTrue(shown(robot, "#method-plain"));
        assertFalse(shown(robot, "#fisherPane"));
        assertTrue(shown(robot, "#trainingPane"));
        assertFalse(shown(robot, "#compareAll"));
        assertEquals(List.of("lessonTab", "matrixTab", "landscapeTab"), tabIds(robot));
        assertFalse(window.charts().getChildren().contains(window.charts().view(ChartsPane.LOSS).getParent()),
                "the loss card left the grid");
        // a 2-D lesson: the decision regions take the right third, all rows; the accuracy chart the rest of the top
        assertEquals(4 / 6.0, window.charts().view(ChartsPane.ACCURACY).getParent().getLayoutBounds().getWidth()
                / window.charts().getWidth(), 0.05, "the accuracy chart takes the whole top row left of the regions");
        assertEquals(2, GridPane.getRowSpan(window.charts().view(ChartsPane.IMPORTANCE).getParent()));
        assertTrue(robot.lookup("#lambdaSlider").query().isDisabled(), "λ is fixed");
        assertTrue(shown(robot, "#lambdaFixed"));
        assertTrue(robot.lookup("#modelPane").query().lookup(".grid-pane") == null
                || ((javafx.scene.control.TitledPane) robot.lookup("#modelPane").query()).getContent().isDisabled(),
                "the model is fixed");

        robot.clickOn("#trainA");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DIGIT3)
                .release(javafx.scene.input.KeyCode.CONTROL);
        robot.press(javafx.scene.input.KeyCode.ALT).type(javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(LabViewModel.Phase.READY, vm.phase(), "Ctrl+3 does not run the hidden Compare all");
        assertTrue(vm.results().isEmpty());
        assertEquals("ewc", vm.methodProperty().get(), "Alt+L does not pick the hidden L2");
        robot.clickOn("#reset");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.NO_TASK_A);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shown(robot, "#method-l2"), "hidden stays hidden after Reset");
        assertFalse(shown(robot, "#fisherPane"));
        assertEquals(List.of("lessonTab", "matrixTab", "landscapeTab"), tabIds(robot));
        assertTrue(robot.lookup("#lambdaSlider").query().isDisabled());

        // another lesson without flags shows everything again, the sweep tab back in its place
        open(LabViewModelTest.TINY);
        // L2 is offered again (the tiny lesson lists plain and EWC, so L2 sits in "More…", not on a button)
        assertTrue(window.methodChooser().order().contains("l2"));
        assertTrue(shown(robot, "#fisherPane"));
        assertTrue(shown(robot, "#compareAll"));
        assertEquals(List.of("lessonTab", "sweepTab", "matrixTab", "landscapeTab"), tabIds(robot));
        assertTrue(window.charts().getChildren().contains(window.charts().view(ChartsPane.LOSS).getParent()));
        assertFalse(robot.lookup("#lambdaSlider").query().isDisabled());
        assertFalse(shown(robot, "#lambdaFixed"));
    }

    @Test
    void theWholeSidePanelCanBeHidden(FxRobot robot) throws Exception {
        open(LessonLockTest.lesson("{\"hide\": [\"panel\", \"chart.fisher-histogram\", \"chart.drift-density\", "
                + "\"chart.importance\"]}"));
        assertFalse(shown(robot, "#experimentPanel"));
        assertEquals(2, window.charts().getChildren().size(), "accuracy and loss only");
        assertEquals(window.charts().getHeight(),
                window.charts().view(ChartsPane.ACCURACY).getParent().getLayoutBounds().getHeight(),
                window.charts().getHeight() * 0.05, "one row takes the whole height");
    }

    @Test
    void saveLessonWritesTheSettingsTheLambdaAndTheFlagsAndOpenRecentReopensIt(FxRobot robot) throws Exception {
        open(LabViewModelTest.TINY);
        Platform.runLater(() -> vm.lambdaProperty().set(3000));
        WaitForAsyncUtils.waitForFxEvents();
        Path file = dir.resolve("saved-lesson.json");
        Platform.runLater(() -> window.saveLessonTo(file, new UiSpec(List.of("tab.sweep", "method.plain"),
                List.of("lambda"), null, null)));
        WaitForAsyncUtils.waitForFxEvents();
        ExperimentPreset saved = ExperimentPreset.read(file);
        assertEquals(List.of("tab.sweep", "method.plain"), saved.ui().hide());
        assertEquals(List.of("lambda"), saved.ui().fixed());
        assertEquals(3000, saved.methods().stream().filter(m -> m.method().equals("ewc")).findFirst().orElseThrow()
                .lambdaOrZero());
        assertEquals(vm.preset().model(), saved.model());
        assertEquals(file.toAbsolutePath().toString(), LabSettings.recent("lesson").get(0), "on the recent list");

        Platform.runLater(() -> window.openRecent("lesson", file.toAbsolutePath().toString()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset().ui().fixes("lambda"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3000, vm.lambdaProperty().get());
        assertFalse(shown(robot, "#method-plain"));

        Files.delete(file);
        Platform.runLater(() -> window.openRecent("lesson", file.toAbsolutePath().toString()));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(LabSettings.recent("lesson").contains(file.toAbsolutePath().toString()), "a vanished file goes");
        assertEquals(LabViewModel.Notice.Severity.WARNING, vm.noticeProperty().get().severity());
    }
}
