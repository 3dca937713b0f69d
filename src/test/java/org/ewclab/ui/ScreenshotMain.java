package org.ewclab.ui;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.i18n.Texts;

/**
 * Not a test: a tool for the screenshots of the README and of the presentation-mode check. Under Xvfb it opens the
 * window at the screen's size, trains a lesson (Train A, then Compare all) and grabs the screen with ImageMagick's
 * {@code import -window root}:
 * {@code xvfb-run -a -s '-screen 0 1280x720x24' java -cp … org.ewclab.ui.ScreenshotMain zh-CN 1280 720 true out.png}
 * Arguments: language, width, height, presentation (true/false), output PNG, [lesson], [zoom], [tab index].
 */
public final class ScreenshotMain {
    private ScreenshotMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String lang = args[0];
        double w = Double.parseDouble(args[1]);
        double h = Double.parseDouble(args[2]);
        boolean presentation = Boolean.parseBoolean(args[3]);
        String out = args[4];
        String lesson = args.length > 5 ? args[5] : LabApp.DEFAULT_LESSON;
        double zoom = args.length > 6 ? Double.parseDouble(args[6]) : 1.0;
        int tab = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        System.setProperty("ewclab.prefs", "org/ewclab/lab-screenshots");
        Texts.setLocale(Texts.parse(lang));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        ExecutorService trainer = LabApp.trainerThread();
        LabViewModel[] vm = new LabViewModel[1];
        LabWindow[] window = new LabWindow[1];
        Platform.runLater(() -> {
            Stage stage = new Stage();
            vm[0] = new LabViewModel(trainer, Platform::runLater);
            window[0] = new LabWindow(vm[0], stage);
            Scene scene = window[0].createScene(w, h);
            stage.setScene(scene);
            stage.setX(0);
            stage.setY(0);
            stage.show();
            vm[0].presentationProperty().set(presentation);
            window[0].setZoom(zoom);
            vm[0].open(ExperimentPreset.bundled(lesson), null);
        });
        waitFor(() -> vm[0] != null && vm[0].preset() != null && vm[0].phase() == LabViewModel.Phase.NO_TASK_A, 120);
        Platform.runLater(() -> vm[0].trainA());
        waitFor(() -> vm[0].phase() == LabViewModel.Phase.READY, 600);
        Platform.runLater(() -> vm[0].compareAll());
        Thread.sleep(500);
        waitFor(() -> vm[0].phase() == LabViewModel.Phase.READY, 900);
        Platform.runLater(() -> window[0].selectTab(tab));
        Thread.sleep(2500);
        Process p = new ProcessBuilder("import", "-window", "root", out).inheritIO().start();
        p.waitFor(60, TimeUnit.SECONDS);
        System.err.println("wrote " + out + " · " + vm[0].statusProperty().get());
        Platform.runLater(() -> vm[0].stop());
        trainer.shutdownNow();
        System.exit(0);
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            boolean[] ok = new boolean[1];
            CountDownLatch l = new CountDownLatch(1);
            Platform.runLater(() -> {
                ok[0] = condition.getAsBoolean();
                l.countDown();
            });
            l.await();
            if (ok[0]) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out");
    }
}
