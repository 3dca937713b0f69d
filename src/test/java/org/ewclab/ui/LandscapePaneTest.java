package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.ewclab.engine.ExperimentPreset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Landscape tab as a user clicks it: Train A, Compare all, then Compute in the tab. */
@ExtendWith(ApplicationExtension.class)
class LandscapePaneTest {
    @TempDir
    Path dir;
    private ExecutorService trainer;
    private LabViewModel vm;
    private LabWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        trainer = LabApp.trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        window = new LabWindow(vm, stage);
        stage.setScene(window.createScene(1400, 860));
        stage.show();
    }

    @AfterEach
    void stopTrainer() {
        vm.stop();
        trainer.shutdownNow();
    }

    private void trainAndCompare(FxRobot robot, ExperimentPreset preset, Path presetDir, int seconds)
            throws Exception {
        Platform.runLater(() -> vm.open(preset, presetDir));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
        robot.clickOn("#trainA");
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        robot.clickOn("#compareAll");
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY
                && vm.results().size() >= preset.methods().size());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private LandscapePane computeInTab(FxRobot robot, int seconds) throws Exception {
        robot.clickOn(org.ewclab.i18n.Texts.get("landscape.tab"));
        LandscapePane pane = robot.lookup("#landscapePane").queryAs(LandscapePane.class);
        WaitForAsyncUtils.waitForFxEvents();
        // selecting the tab offers the runs just finished, plain and EWC chosen
        assertEquals("plain", robot.lookup("#landscapeFirstRun").queryComboBox().getValue());
        assertEquals("ewc", robot.lookup("#landscapeSecondRun").queryComboBox().getValue());
        robot.clickOn("#landscapeCompute");
        Label status = robot.lookup("#landscapeStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> pane.shown() != null
                || status.getText().startsWith("landscape:"));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(pane.shown(), status.getText());
        return pane;
    }

    @Test
    void computesThePlaneOfPlainAndEwcOffTheFxThreadAndExportsIt(FxRobot robot) throws Exception {
        trainAndCompare(robot, ExperimentPreset.parse(LabViewModelTest.TINY), dir, 120);
        assertEquals(List.of("plain", "ewc"), vm.landscapeLog().trajectories().stream().map(t -> t.method())
                .toList(), "Compare all recorded both runs' paths");
        LandscapePane pane = computeInTab(robot, 120);
        assertEquals(List.of("plain", "ewc"), pane.shown().planeRuns(), "plain and EWC span the plane by default");
        assertEquals(2, pane.shown().paths().size());
        assertEquals(41 * 41, pane.shown().grid().loss()[0].length);
        assertTrue(pane.plotView().getPlot().title().contains("blobs"), pane.plotView().getPlot().title());
        assertEquals(1.0, robot.lookup("#landscapeProgress").queryAs(javafx.scene.control.ProgressBar.class)
                .getProgress(), 1e-9);
        // Export all now carries the landscape, its CSVs in the contract's columns
        List<Path> files = vm.exportJob(List.of()).write(dir.resolve("export"));
        assertTrue(files.contains(dir.resolve("export/landscape-paths.csv")), files.toString());
        assertTrue(Files.readAllLines(dir.resolve("export/landscape.csv")).get(0)
                .equals("u,v,loss_blobs,loss_moons,acc_blobs,acc_moons"));
        // a new run of a method makes the computed landscape stale: Export all no longer carries it
        robot.clickOn("#trainB");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.landscapeView() == null);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
    }

    /**
     * The README's picture: the default lesson after Train A and Compare all, the Landscape tab computed. Slow (the
     * whole lesson trains), so it runs only when asked: {@code -Dewclab.landscapeScreenshot=assets/docs/landscape.png}.
     */
    @Test
    void defaultLessonScreenshot(FxRobot robot) throws Exception {
        String out = System.getProperty("ewclab.landscapeScreenshot");
        org.junit.jupiter.api.Assumptions.assumeTrue(out != null && !out.isEmpty(), "screenshot not asked for");
        Path file = Path.of("examples/mnist-fashion.json").toAbsolutePath();
        trainAndCompare(robot, ExperimentPreset.read(file), file.getParent(), 600);
        LandscapePane pane = computeInTab(robot, 600);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] shot = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> shot[0] = stage.getScene().snapshot(null)).get(30, TimeUnit.SECONDS);
        Path target = Path.of(out).toAbsolutePath();
        Files.createDirectories(target.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", target.toFile());
        assertTrue(Files.size(target) > 10_000);
        assertTrue(pane.shown().paths().size() >= 2);
    }
}
