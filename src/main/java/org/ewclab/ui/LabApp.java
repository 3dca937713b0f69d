package org.ewclab.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ewclab.engine.ExperimentPreset;

/** The lab window. The first start opens the default lesson, ready for Train A. */
public class LabApp extends Application {
    /** The lesson opened at start. */
    public static final String DEFAULT_LESSON = "mnist-fashion";

    private ExecutorService trainer;
    private LabViewModel vm;

    public static void launchApp(String[] args) {
        Application.launch(LabApp.class, args);
    }

    /** One background thread trains (torch allows one gradient collector per JVM anyway); it never blocks the window. */
    static ExecutorService trainerThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ewc-trainer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Stage stage) {
        if (System.getProperty("ewclab.lang") == null) {
            org.ewclab.i18n.Texts.setLocale(LabSettings.language()); // the language chosen last time, else the system's
        }
        trainer = trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        LabWindow window = new LabWindow(vm, stage);
        // fit a laptop or projector screen (1280×720 must work) while using a big monitor's room
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double[] size = LabSettings.windowSize(1440, 900); // the size it had when it was last closed
        Scene scene = window.createScene(Math.max(1024, Math.min(size[0], screen.getWidth())),
                Math.max(640, Math.min(size[1], screen.getHeight())));
        vm.darkProperty().set(LabSettings.dark());
        vm.darkProperty().addListener((obs, old, on) -> LabSettings.saveDark(on));
        stage.setMaximized(LabSettings.maximized());
        stage.setOnHiding(e -> LabSettings.saveWindow(stage.isMaximized() ? size[0] : scene.getWidth(),
                stage.isMaximized() ? size[1] : scene.getHeight(), stage.isMaximized()));
        stage.setTitle(org.ewclab.i18n.Texts.get("app.title"));
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.setScene(scene);
        stage.show();
        // -Dewclab.lesson=toy-2d opens another bundled lesson (screenshots of a lesson, a class that starts with one)
        vm.open(ExperimentPreset.bundled(System.getProperty("ewclab.lesson", DEFAULT_LESSON)), null);
    }

    /** The view model of the running window (for tests). */
    public LabViewModel viewModel() {
        return vm;
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.stop();
        }
        if (trainer != null) {
            trainer.shutdownNow();
        }
    }
}
