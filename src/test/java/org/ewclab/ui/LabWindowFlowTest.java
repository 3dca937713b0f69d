package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.RunResult;
import org.ewclab.export.Series;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson as a user clicks it, in a real (headless) window with the real background trainer. */
@ExtendWith(ApplicationExtension.class)
class LabWindowFlowTest {
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

    private void openTiny() throws Exception {
        Platform.runLater(() -> vm.open(ExperimentPreset.parse(LabViewModelTest.TINY), dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
    }

    private void waitUntilReady() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void trainAThenEwcTrainBDrawsTheChartsWithTheTypedLambda(FxRobot robot) throws Exception {
        openTiny();
        Button trainA = robot.lookup("#trainA").queryButton();
        Button trainB = robot.lookup("#trainB").queryButton();
        Button compare = robot.lookup("#compareAll").queryButton();
        assertFalse(trainA.isDisabled(), "Train A is ready on a loaded lesson");
        assertTrue(trainB.isDisabled(), "Train B needs a trained task A");
        assertTrue(compare.isDisabled());

        robot.clickOn("#trainA");
        waitUntilReady();
        assertFalse(trainB.isDisabled(), "Train B is enabled once task A is trained");
        assertFalse(compare.isDisabled());

        robot.clickOn("#method-ewc");
        robot.doubleClickOn("#lambdaField").eraseText(12).write("2500").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2500, vm.lambdaProperty().get(), "the typed λ reaches the view model");

        robot.clickOn("#trainB");
        waitUntilReady();
        RunResult run = vm.results().get(0);
        assertEquals("ewc", run.method());
        assertEquals(2500, run.lambda(), "the engine trained with the typed λ");
        ExperimentLog.RunTrace trace = vm.log().snapshot().methodRuns().get(0);
        for (float used : trace.lambdas()) {
            assertEquals(2500f, used, "every step's penalty used the typed λ");
        }

        // the pulse has drawn the latest state: both tasks' accuracy curves and the loss of both runs
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.charts().updates() > 0
                && window.charts().view(ChartsPane.ACCURACY).getPlot() != null
                && window.charts().view(ChartsPane.ACCURACY).getPlot().series().size() >= 3);
        ChartsSettle.settle(window.charts());
        var accuracy = window.charts().view(ChartsPane.ACCURACY).getPlot();
        assertTrue(accuracy.series().stream().anyMatch(s -> s.name().startsWith("EWC λ=2500")), names(accuracy));
        assertTrue(accuracy.series().stream().allMatch(s -> s.size() > 0));
        assertTrue(window.charts().view(ChartsPane.LOSS).getPlot().series().size() >= 2);
        ChartsSettle.settle(window.charts());
        assertTrue(window.charts().view(ChartsPane.FISHER).getPlot().series().size() >= 1,
                "the Fisher histogram shows task A's Fisher");
    }

    @Test
    void slidingLambdaMovesTheValueTheEngineWillUse(FxRobot robot) throws Exception {
        openTiny();
        // the tiny lesson lists plain and EWC: L2 is in the chooser's "More" menu (MethodChooserWindowTest clicks it)
        robot.interact(() -> vm.methodProperty().set("l2"));
        Platform.runLater(() -> window.lambdaControl().slider().setValue(3)); // log10 λ = 3
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1000, vm.lambdaProperty().get(), 1e-9);
        assertEquals("1000", robot.lookup("#lambdaField").queryTextInputControl().getText());
        assertEquals("l2", vm.currentMethod().method());
        assertEquals(1000, vm.currentMethod().lambdaOrZero(), 1e-9);
    }

    @Test
    void aBrokenFileShowsAnErrorNotificationAndKeepsTaskA(FxRobot robot) throws Exception {
        openTiny();
        robot.clickOn("#trainA");
        waitUntilReady();
        Path bad = dir.resolve("broken.csv");
        Files.writeString(bad, "label,a,b\n1,0.5,oops\n");
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "label,a,b\n1,0.5,0.5\n");
        Platform.runLater(() -> vm.setTask(1, TaskChoice.csv("broken", bad, test)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.notifications().isShowing());
        // the whole message, wrapped, in the notice's label; the bar wears the error style (red, ✖)
        String text = ((javafx.scene.control.Label) window.notifications().getGraphic().lookup("#noticeText"))
                .getText();
        assertTrue(window.notifications().getStyleClass().contains("error"));
        assertTrue(text.contains("broken.csv"), text);
        assertTrue(text.contains("oops"), "the message names the bad cell: " + text);
        assertEquals(LabViewModel.Phase.READY, vm.phase(), "task A is still trained");
        assertFalse(robot.lookup("#trainB").queryButton().isDisabled());
    }

    @Test
    void sweepFillsTheTradeOffChartAndExportAllWritesTheFolder(FxRobot robot) throws Exception {
        openTiny();
        robot.clickOn("#trainA");
        waitUntilReady();
        robot.clickOn("#compareAll");
        waitUntilReady();
        robot.clickOn("#sweepTab");
        robot.clickOn("#runSweep");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.SWEEPING
                || vm.sweepResults().size() > 1);
        waitUntilReady();
        assertEquals(1 + 2 * 8, vm.sweepResults().size(), "plain once, L2 and EWC at 8 values of λ");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> window.sweepPane().tradeOffView().getPlot() != null
                        && window.sweepPane().tradeOffView().getPlot().series().size() >= 3);
        var names = window.sweepPane().tradeOffView().getPlot().series().stream().map(Series::name).toList();
        assertTrue(names.size() >= 3, "plain, L2 and EWC on the stability–plasticity plot: " + names);

        Path out = dir.resolve("export");
        var files = window.exportAllTo(out).get(60, TimeUnit.SECONDS);
        for (String f : new String[] {"report.html", "results.json", "preset.json", "accuracy.svg", "accuracy.png",
            "accuracy.csv", "loss.svg"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " in " + files);
        }
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"method\": \"ewc\""));
        // the accuracy curves' CSV holds every run's series over training steps, with a header naming the columns
        java.util.List<String> csv = Files.readAllLines(out.resolve("accuracy.csv"));
        assertTrue(csv.size() > 2, "accuracy.csv has rows: " + csv.size());
        assertTrue(csv.get(0).split(",").length >= 3, "step plus at least one series per task: " + csv.get(0));
        String svg = Files.readString(out.resolve("loss.svg"));
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), "loss.svg is an SVG document");
        assertTrue(svg.contains("</svg>"), "loss.svg is complete");
    }

    @Test
    void theSweepTabSweepsReplaysMemoryWhenThatKnobIsChosen(FxRobot robot) throws Exception {
        openTiny();
        robot.clickOn("#trainA");
        waitUntilReady();
        robot.clickOn("#sweepTab");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> knob = robot.lookup("#sweepKnob").queryAs(
                javafx.scene.control.ComboBox.class);
        javafx.scene.control.TextField values = robot.lookup("#sweepValues").queryAs(
                javafx.scene.control.TextField.class);
        assertEquals("lambda", knob.getValue(), "λ by default");
        assertFalse(values.isVisible(), "no values field for a λ sweep");
        assertTrue(knob.getItems().containsAll(java.util.List.of("replay/memory", "lwf/alpha", "freeze/layers")),
                knob.getItems().toString());
        robot.interact(() -> knob.setValue("replay/memory"));
        assertTrue(values.isVisible());
        assertFalse(robot.lookup("#sweepL2").query().isVisible(), "the λ controls step aside");
        assertEquals("10, 50, 200, 1000", values.getText(), "a first set of memory sizes");
        assertTrue(robot.lookup("#sweepLog").queryAs(javafx.scene.control.CheckBox.class).isSelected(),
                "memory sizes on a log scale by default");
        robot.interact(() -> values.setText("0, 20"));
        robot.clickOn("#runSweep");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.noticeProperty().get().text().contains("sweep.values[0]: must be > 0 on a log scale, got 0"),
                "memory 0 cannot sit on a log axis: " + vm.noticeProperty().get().text());
        javafx.scene.control.CheckBox log = robot.lookup("#sweepLog").queryAs(javafx.scene.control.CheckBox.class);
        robot.interact(() -> log.setSelected(false));
        javafx.geometry.Bounds button = robot.lookup("#runSweep").query().localToScene(
                robot.lookup("#runSweep").query().getBoundsInLocal());
        assertTrue(button.getMaxX() <= 1280, "the Run button is inside a 1280-pixel window: " + button);
        // the error notice now lies over the top of the tab (the window's notification pane): press the button
        // itself rather than the pixel under the notice
        Button runSweep = robot.lookup("#runSweep").queryButton();
        robot.interact(runSweep::fire);
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.SWEEPING
                    || vm.sweepResults().size() > 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no sweep started; notice: " + (vm.noticeProperty().get() == null ? null
                    : vm.noticeProperty().get().text()) + "; button at " + robot.lookup("#runSweep").query()
                    .localToScreen(robot.lookup("#runSweep").query().getBoundsInLocal()) + " scene "
                    + robot.lookup("#runSweep").query().localToScene(robot.lookup("#runSweep").query()
                    .getBoundsInLocal()) + " log " + robot.lookup("#sweepLog").queryAs(
                    javafx.scene.control.CheckBox.class).isSelected() + " window x "
                    + robot.lookup("#runSweep").query().getScene().getWindow().getX(), e);
        }
        waitUntilReady();
        java.util.List<RunResult> runs = vm.sweepResults();
        assertEquals(java.util.List.of(-1, 0, 20), runs.stream().map(RunResult::replayMemory).toList(),
                "plain, then replay holding 0 and 20 samples");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            var plot = robot.lookup("#accuracyVsLambdaChart").queryAs(org.ewclab.ui.chart.PlotView.class).getPlot();
            return plot != null && plot.x().label().equals("replay memory (samples per earlier task)");
        });
        String shot = System.getProperty("ewclab.sweepScreenshot");
        if (shot != null) {
            robot.interact(() -> {
                var image = window.sweepPane().snapshot(null, null);
                try {
                    javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                            Path.of(shot).toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static String names(org.ewclab.export.Plot p) {
        return String.join(", ", p.series().stream().map(Series::name).toList());
    }
}
