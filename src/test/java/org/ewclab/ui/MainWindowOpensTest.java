package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowOpensTest {
    private Stage stage;
    private LabApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new LabApp();
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
        // TestFX hands the same primary stage to every test class: give back the minimum size LabApp set
        org.testfx.api.FxToolkit.setupStage(s -> {
            s.setMinWidth(0);
            s.setMinHeight(0);
        });
    }

    @Test
    void firstStartOpensTheDefaultLessonReadyForTrainA(FxRobot robot) throws Exception {
        assertTrue(stage.isShowing());
        assertTrue(stage.getTitle().startsWith("EWC Lab"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.viewModel().preset() != null
                && app.viewModel().phase() == LabViewModel.Phase.NO_TASK_A);
        assertEquals(LabApp.DEFAULT_LESSON, app.viewModel().preset().name());
        assertEquals("EWC Lab — " + app.viewModel().preset().title(), stage.getTitle());
        assertFalse(robot.lookup("#trainA").queryButton().isDisabled());
        assertTrue(robot.lookup("#trainB").queryButton().isDisabled());
        assertEquals(2, app.viewModel().tasksProperty().get().size(), "MNIST and Fashion-MNIST are loaded");
    }
}
