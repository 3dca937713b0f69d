package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.ewclab.engine.ExperimentPreset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The method chooser in the real window: the lesson's methods as buttons, the others in the searchable menu. */
@ExtendWith(ApplicationExtension.class)
class MethodChooserWindowTest {
    private static final String LESSON = LabViewModelTest.TINY.replace(
            "\"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100}]}",
            "\"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100},"
                    + " {\"method\": \"replay\", \"memory\": 20}, {\"method\": \"joint\"}], \"ui\": {\"hide\": [\"method.mas\"]}}");
    @TempDir
    Path dir;
    private ExecutorService trainer;
    private LabViewModel vm;
    private LabWindow window;

    @Start
    void start(Stage stage) {
        trainer = LabApp.trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        window = new LabWindow(vm, stage);
        stage.setScene(window.createScene(1280, 720));
        stage.show();
    }

    @AfterEach
    void stopTrainer() {
        vm.stop();
        trainer.shutdownNow();
    }

    @Test
    void theLessonsMethodsAreButtonsAndTheRestAreInTheMenu(FxRobot robot) throws Exception {
        Platform.runLater(() -> vm.open(ExperimentPreset.parse(LESSON), dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> buttons = window.methodToggle().getButtons().stream().map(b -> (String) b.getUserData())
                .toList();
        assertEquals(List.of("plain", "ewc", "replay", "joint"), buttons);

        robot.clickOn("#method-replay");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("replay", vm.methodProperty().get());
        assertTrue(window.lambdaControl().isDisabled(), "replay has no λ");
        assertEquals(20, vm.currentMethod().knobs().memory(), "the window runs the lesson's replay memory");

        robot.clickOn("#more-methods");
        robot.clickOn("#method-search").write("synaptic");
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(robot, "method-chooser");
        javafx.scene.Node si = robot.lookup(n -> n instanceof javafx.scene.control.Label l && "SI".equals(l.getText())
                && n.getScene() != window.methodChooser().getScene()).query();
        robot.clickOn(si);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("si", vm.methodProperty().get());
        assertFalse(window.lambdaControl().isDisabled(), "SI has a λ");
        assertTrue(window.methodToggle().getButtons().stream().noneMatch(ToggleButton::isSelected));
        assertTrue(window.methodChooser().moreButton().getText().startsWith("SI"));
        assertFalse(window.methodChooser().order().contains("mas"), "the lesson hides MAS");
    }

    @Test
    void aPanelEditKeepsTheLessonsScenario(FxRobot robot) throws Exception {
        String scenario = LESSON.replace("\"training\": {\"epochs\": 2,",
                "\"training\": {\"activeClasses\": \"seen\", \"labelOffset\": \"per-task\", \"epochs\": 2,");
        Platform.runLater(() -> vm.open(ExperimentPreset.parse(scenario), dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
        assertEquals("seen", vm.preset().training().activeClasses());
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> epochs = robot.lookup("#epochs").query();
        robot.interact(() -> epochs.getValueFactory().setValue(3));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset().training().epochs() == 3);
        assertEquals("seen", vm.preset().training().activeClasses(), "the GUI's TrainingSpec keeps activeClasses");
        assertEquals("per-task", vm.preset().training().labelOffset());
    }

    /** Every open window (the lab and the menu's popup) to target/NAME-i.png, to look at. */
    private static void snapshot(FxRobot robot, String name) throws Exception {
        List<javafx.stage.Window> windows = robot.listWindows();
        Files.createDirectories(Path.of("target"));
        for (int i = 0; i < windows.size(); i++) {
            WritableImage[] img = new WritableImage[1];
            javafx.stage.Window w = windows.get(i);
            robot.interact(() -> img[0] = w.getScene().snapshot(null));
            javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png",
                    Path.of("target", name + "-" + i + ".png").toFile());
        }
    }
}
