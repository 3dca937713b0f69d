package org.ewclab.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.SegmentedButton;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.ewclab.export.Theme;
import org.ewclab.i18n.Texts;

/**
 * The lab window: experiment panel (left), workflow bar (top), live charts (centre), status bar (bottom). It only
 * shows the view model's state and forwards clicks; a pulse timer redraws at most {@link #MAX_FPS} times a second and
 * only when the engine reported something new.
 */
public final class LabWindow {
    static final int MAX_FPS = 30;

    private final LabViewModel vm;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final NotificationPane notifications;
    private final ChartsPane charts;
    private final SweepPane sweepPane;
    private final MatrixPane matrixPane = new MatrixPane();
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
    private final List<TaskChoice> choices = new ArrayList<>(TaskChoice.standard());
    private final List<ComboBox<TaskChoice>> taskPickers = new ArrayList<>();
    private final List<javafx.beans.property.BooleanProperty> taskAbsent = new ArrayList<>();
    private final List<HBox> sampleStrips = new ArrayList<>();
    private final List<Label> classLabels = new ArrayList<>();
    private final MethodChooser methodChooser;
    private final LambdaControl lambdaControl = new LambdaControl();
    /** What the open lesson hides and fixes (ui.hide, ui.fixed). */
    private final LessonShape shape = new LessonShape();
    /** Whether the experiment panel is unfolded (presentation mode folds it; View menu and the bar's ☰ toggle it). */
    private final javafx.beans.property.BooleanProperty panelShown =
            new javafx.beans.property.SimpleBooleanProperty(this, "panelShown", true);
    private boolean updatingPanel;
    private long lastLessonVersion = -1;
    private long lastSweepVersion = -1;
    private long lastPicture = -1;
    private long lastFrame;
    private AnimationTimer pulse;

    // advanced settings
    private final ChoiceBox<String> modelType = new ChoiceBox<>(FXCollections.observableArrayList(ModelSpec.TYPES));
    private final TextField hiddenWidths = new TextField();
    private final CheckBox batchNorm = new CheckBox(Texts.get("panel.model.batchNorm"));
    private final CheckBox multiHead = new CheckBox(Texts.get("panel.model.multiHead"));
    private final ChoiceBox<String> optimizer = new ChoiceBox<>(FXCollections.observableArrayList(OptimizerSpec.TYPES));
    private final TextField learningRate = new TextField();
    private final Spinner<Integer> batchSize = new Spinner<>(1, 10_000, 100, 10);
    private final Spinner<Integer> epochs = new Spinner<>(1, 100, 4, 1);
    private final ChoiceBox<String> bnStats = new ChoiceBox<>(
            FXCollections.observableArrayList(TrainingSpec.BATCH_NORM_STATS));
    private final ChoiceBox<String> fisherLabels = new ChoiceBox<>(FXCollections.observableArrayList(FisherSpec.LABELS));
    private final ChoiceBox<String> fisherGradients = new ChoiceBox<>(
            FXCollections.observableArrayList(FisherSpec.GRADIENTS));
    private final Spinner<Integer> fisherSamples = new Spinner<>(0, 100_000, 0, 100);
    private final Label lessonTitle = new Label();
    private final Label lessonText = new Label();
    private final VBox taskBox = new VBox(8);
    private final List<VBox> taskSections = new ArrayList<>();

    public LabWindow(LabViewModel vm, Stage stage) {
        this.vm = Objects.requireNonNull(vm);
        this.methodChooser = new MethodChooser(vm.methodProperty());
        this.stage = stage;
        charts = new ChartsPane(vm);
        sweepPane = new SweepPane(vm);
        tabs.getTabs().addAll(tab(Texts.get("tab.lesson"), charts, "lessonTab"),
                tab(Texts.get("tab.sweep"), sweepPane, "sweepTab"), tab(Texts.get("tab.matrix"), matrixPane,
                "matrixTab"), tab(Texts.get("landscape.tab"), new LandscapePane(vm), "landscapeTab"));
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        shape.registerTab("tab.lesson", tabs, tabs.getTabs().get(0));
        shape.registerTab("tab.sweep", tabs, tabs.getTabs().get(1));
        shape.registerTab("tab.matrix", tabs, tabs.getTabs().get(2));
        shape.registerTab("tab.landscape", tabs, tabs.getTabs().get(3));
        shape.onCharts(charts::setHidden);
        listen(vm.phaseProperty(), (obs, old, p) -> {
            if (p == LabViewModel.Phase.SWEEPING) {
                tabs.getSelectionModel().select(1);
            }
        });
        notifications = new NotificationPane(tabs);
        notifications.setShowFromTop(true);
        root.setTop(new VBox(menuBar(), workflowBar()));
        root.setLeft(experimentPanel());
        root.setCenter(notifications);
        root.setBottom(statusBar());
        root.getStyleClass().add("lab-root");
        listen(vm.noticeProperty(), (obs, old, n) -> {
            if (n != null) {
                showNotice(n);
            } else {
                notifications.hide(); // another lesson opened: the old notice says nothing about it
            }
        });
        matrixPane.setOnClearEarlier(vm::clearEarlierComparisons);
        listen(vm.presetProperty(), (obs, old, p) -> showPreset(p));
        listen(vm.tasksProperty(), (obs, old, t) -> showSamples(t));
        listen(vm.presentationProperty(), (obs, old, on) -> {
            panelShown.set(!on); // presentation mode gives the charts the room; the ☰ button brings the panel back
            applyStyle();
        });
        zoom.addListener((obs, old, z) -> {
            LabSettings.saveZoom(z.doubleValue());
            applyStyle();
        });
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, LabSettings.zoom())));
        panelShown.set(!vm.presentationProperty().get());
        listen(vm.darkProperty(), (obs, old, on) -> applyStyle());
        if (vm.preset() != null) {
            showPreset(vm.preset());
        }
        if (vm.tasksProperty().get() != null) {
            showSamples(vm.tasksProperty().get());
        }
    }

    /** The scene, styled, with the window's keyboard shortcuts. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("lab.css")).toExternalForm());
        installShortcuts(scene);
        startPulse();
        return scene;
    }

    public BorderPane root() {
        return root;
    }

    public ChartsPane charts() {
        return charts;
    }

    /** Pulls the latest engine state if it changed, at most {@link #MAX_FPS} times a second. */
    void startPulse() {
        if (pulse != null) {
            return;
        }
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - lastFrame < 1_000_000_000L / MAX_FPS) {
                    return;
                }
                lastFrame = now;
                redrawIfChanged();
            }
        };
        pulse.start();
    }

    /** One frame: redraw if the engine reported something since the last frame. Returns whether it redrew. */
    boolean redrawIfChanged() {
        sweepPane.refresh();
        Object shown = vm.shownLog();
        long lessonVersion = vm.shownLog().version() * 31 + System.identityHashCode(shown);
        long sweepVersion = vm.sweepLog().version();
        long picture = vm.pictureProperty().get();
        if (lessonVersion == lastLessonVersion && sweepVersion == lastSweepVersion && picture == lastPicture) {
            return false;
        }
        lastLessonVersion = lessonVersion;
        lastSweepVersion = sweepVersion;
        lastPicture = picture;
        charts.update(vm.refresh());
        if (vm.preset() != null) {
            matrixPane.show(vm.results(), vm.taskNames(), vm.earlierComparisons(), vm.seededComparison());
        }
        return true;
    }

    private static javafx.scene.control.Tab tab(String title, Node content, String id) {
        javafx.scene.control.Tab t = new javafx.scene.control.Tab(title, content);
        t.setId(id);
        return t;
    }

    /** Selects a tab by its index among the shown ones (screenshots, tests). */
    void selectTab(int index) {
        if (index >= 0 && index < tabs.getTabs().size()) {
            tabs.getSelectionModel().select(index);
        }
    }

    /** The zoom of the whole window, 1 = normal (Ctrl +/−, Ctrl 0). */
    private final javafx.beans.property.DoubleProperty zoom =
            new javafx.beans.property.SimpleDoubleProperty(this, "zoom", 1.0);

    static final double MIN_ZOOM = 0.7;
    static final double MAX_ZOOM = 2.0;

    void setZoom(double z) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, Math.round(z * 10) / 10.0)));
    }

    double zoom() {
        return zoom.get();
    }

    SweepPane sweepPane() {
        return sweepPane;
    }

    MatrixPane matrixPane() {
        return matrixPane;
    }

    // ---- menu -----------------------------------------------------------------------------------------------

    private MenuBar menuBar() {
        MenuItem open = item(Texts.get("menu.file.open"), new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                this::openPreset);
        MenuItem save = item(Texts.get("menu.file.save"), new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN),
                this::savePreset);
        Menu lessons = new Menu(Texts.get("menu.file.lessons"));
        for (String name : List.of("mnist-fashion", "mnist-fashion-sweep", "permuted-mnist", "split-mnist",
                "split-mnist-single-head", "toy-2d", "three-scenarios-task", "three-scenarios-domain",
                "three-scenarios-class", "beyond-ewc", "replay-memory-sweep")) {
            MenuItem lesson = new MenuItem(bundledTitle(name));
            lesson.setId("lesson-" + name);
            lesson.setOnAction(e -> openBundled(name));
            lessons.getItems().add(lesson);
        }
        MenuItem saveLesson = item(Texts.get("menu.file.saveLesson"), null, this::saveLesson);
        saveLesson.disableProperty().bind(vm.busy().or(vm.presetProperty().isNull()));
        Menu recent = new Menu(Texts.get("menu.file.recent"));
        recent.setId("recentMenu");
        recent.getItems().add(new MenuItem(Texts.get("menu.file.recent.empty")));
        recent.setOnShowing(e -> fillRecent(recent));
        fillRecent(recent);
        MenuItem clearResults = item(Texts.get("menu.file.clearResults"), null, this::clearResults);
        clearResults.disableProperty().bind(vm.busy());
        MenuItem exportAll = item(Texts.get("menu.file.exportAll"),
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::exportAll);
        exportAll.disableProperty().bind(vm.canTrainB().not());
        MenuItem saveCp = item(Texts.get("menu.file.saveCheckpoint"), null, this::saveCheckpoint);
        MenuItem loadCp = item(Texts.get("menu.file.loadCheckpoint"), null, this::loadCheckpoint);
        saveCp.disableProperty().bind(vm.canTrainB().not());
        loadCp.disableProperty().bind(vm.busy());
        MenuItem quit = item(Texts.get("menu.file.quit"), new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> {
            vm.stop();
            if (stage != null) {
                stage.close();
            }
        });
        Menu file = new Menu(Texts.get("menu.file"), null, open, recent, save, saveLesson, lessons,
                new SeparatorMenuItem(), exportAll, clearResults, new SeparatorMenuItem(), saveCp, loadCp,
                new SeparatorMenuItem(), quit);

        CheckMenuItem presentation = new CheckMenuItem(Texts.get("menu.view.presentation"));
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentation.selectedProperty().bindBidirectional(vm.presentationProperty());
        CheckMenuItem dark = new CheckMenuItem(Texts.get("menu.view.dark"));
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        dark.selectedProperty().bindBidirectional(vm.darkProperty());
        CheckMenuItem panel = new CheckMenuItem(Texts.get("menu.view.sidePanel"));
        panel.selectedProperty().bindBidirectional(panelShown);
        panel.visibleProperty().bind(shape.hidden("panel").not());
        MenuItem zoomIn = item(Texts.get("menu.view.zoomIn"), new KeyCodeCombination(KeyCode.EQUALS,
                KeyCombination.SHORTCUT_DOWN), () -> setZoom(zoom.get() + 0.1));
        MenuItem zoomOut = item(Texts.get("menu.view.zoomOut"), new KeyCodeCombination(KeyCode.MINUS,
                KeyCombination.SHORTCUT_DOWN), () -> setZoom(zoom.get() - 0.1));
        MenuItem zoomReset = item(Texts.get("menu.view.zoomReset"), new KeyCodeCombination(KeyCode.DIGIT0,
                KeyCombination.SHORTCUT_DOWN), () -> setZoom(1));
        MenuItem fullScreen = item(Texts.get("menu.view.fullScreen"), new KeyCodeCombination(KeyCode.F11), () -> {
            if (stage != null) {
                stage.setFullScreen(!stage.isFullScreen());
            }
        });
        Menu view = new Menu(Texts.get("menu.view"), null, presentation, panel, fullScreen, new SeparatorMenuItem(),
                zoomIn, zoomOut, zoomReset, new SeparatorMenuItem(), dark, new SeparatorMenuItem(), languageMenu());

        MenuItem shortcuts = item(Texts.get("menu.help.guide"), new KeyCodeCombination(KeyCode.F1),
                this::showShortcuts);
        Menu help = new Menu(Texts.get("menu.help"), null, shortcuts);
        return new MenuBar(file, view, help);
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (key != null) {
            item.setAccelerator(key);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void installShortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        // a control the lesson hides has no shortcut either
        acc.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), unlessHidden("trainA",
                vm::trainA));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), unlessHidden("trainB", () -> {
            lambdaControl.commit();
            vm.trainB();
        }));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), unlessHidden("compare", () -> {
            lambdaControl.commit();
            vm.compareAll();
        }));
        acc.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), unlessHidden("pause",
                vm::togglePause));
        acc.put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), vm::stop);
        acc.put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN), this::cycleMethod);
    }

    private Runnable unlessHidden(String control, Runnable action) {
        return () -> {
            if (!shape.hidden(control).get()) {
                action.run();
            }
        };
    }

    private void cycleMethod() {
        if (shape.fixed("method").get() || shape.hidden("methods").get() || vm.busy().get()) {
            return;
        }
        List<String> order = methodChooser.order();
        int i = order.indexOf(vm.methodProperty().get());
        for (int step = 1; step <= order.size(); step++) {
            String next = order.get((i + step) % order.size());
            if (!shape.hidden("method." + next).get()) { // a hidden method is not one a student can pick
                vm.methodProperty().set(next);
                return;
            }
        }
    }

    /** View → Language: one item per bundle language; choosing one rebuilds the window in it at once. */
    private Menu languageMenu() {
        Menu menu = new Menu(Texts.get("menu.view.language"));
        menu.setId("languageMenu");
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (java.util.Locale l : List.of(java.util.Locale.ENGLISH, Texts.ZH_CN)) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(
                    Texts.get(l.equals(Texts.ZH_CN) ? "language.zh" : "language.en"));
            item.setToggleGroup(group);
            item.setSelected(Texts.locale().equals(l));
            item.setOnAction(e -> switchLanguage(l));
            menu.getItems().add(item);
        }
        return menu;
    }

    /**
     * Applies a language at once. The window's controls are built again in it around the same view model, so nothing
     * trained, no run, no setting and no chart's history is lost; the charts redraw with the new texts on the next
     * pulse. Returns the window now shown (this one when the language did not change).
     */
    LabWindow switchLanguage(java.util.Locale locale) {
        if (Texts.supported(locale).equals(Texts.locale()) || root.getScene() == null) {
            return this;
        }
        Texts.setLocale(locale);
        LabSettings.saveLanguage(Texts.locale());
        vm.relocalize();
        LabWindow next = new LabWindow(vm, stage);
        next.takeOver(this);
        return next;
    }

    /** Takes the place of {@code old} in its scene: same tab, same look, the shortcuts, the pulse. */
    private void takeOver(LabWindow old) {
        Scene scene = old.root.getScene();
        int tab = old.tabs.getSelectionModel().getSelectedIndex();
        old.dispose();
        scene.setRoot(root);
        scene.getAccelerators().clear();
        installShortcuts(scene);
        tabs.getSelectionModel().select(tab);
        applyStyle();
        startPulse();
        replaced = old.replaced;
        if (replaced != null) {
            replaced.accept(this);
        }
    }

    private java.util.function.Consumer<LabWindow> replaced;

    /** Called with the new window whenever a language switch replaces this one (the app and tests keep the current). */
    public void setOnReplaced(java.util.function.Consumer<LabWindow> action) {
        replaced = action;
    }

    /** Stops this window's pulse and its ties to the view model once another window took its place. */
    private void dispose() {
        if (pulse != null) {
            pulse.stop();
        }
        lambdaControl.lambdaProperty().unbindBidirectional(vm.lambdaProperty());
        vm.lambdaInputProblemProperty().unbind();
        for (Runnable r : detach) {
            r.run();
        }
    }

    private final List<Runnable> detach = new ArrayList<>();

    /** A listener on the view model that {@link #dispose} removes again. */
    private <T> void listen(javafx.beans.value.ObservableValue<T> value, javafx.beans.value.ChangeListener<T> l) {
        value.addListener(l);
        detach.add(() -> value.removeListener(l));
    }

    /** The help page: shortcuts, what each chart shows, a glossary, in the current language. */
    static String helpText() {
        return String.join("\n", Texts.get("help.shortcuts"), "", Texts.get("help.charts.title"),
                Texts.get("help.charts"), "", Texts.get("help.glossary.title"), Texts.get("help.glossary"));
    }

    private Stage helpStage;

    /** F1: the illustrated guide in a window of its own (brought to the front if it is open already). */
    private void showShortcuts() {
        if (helpStage != null && helpStage.isShowing()) {
            helpStage.toFront();
            return;
        }
        helpStage = HelpWindow.show(stage, vm.darkProperty().get(), root);
    }

    /** The guide's window while it is open (for tests). */
    Stage helpStage() {
        return helpStage != null && helpStage.isShowing() ? helpStage : null;
    }

    // ---- workflow bar ---------------------------------------------------------------------------------------

    private Node workflowBar() {
        Button trainA = button(Texts.get("bar.trainA"), "trainA", "train-a-button", Texts.get("bar.trainA.tip"));
        trainA.setOnAction(e -> vm.trainA());
        trainA.disableProperty().bind(vm.canTrainA().not());
        shape.register("trainA", trainA);

        // the lesson's methods first, the others grouped and searchable (MethodChooser); ui.hide hides any
        methodChooser.showLesson(vm.preset());
        listen(vm.presetProperty(), (obs, old, p) -> methodChooser.showLesson(p));
        // the method of a run is fixed when it starts: switching while one trains would only show another λ
        methodChooser.disableProperty().bind(vm.busy().or(shape.fixed("method")));
        shape.register("methods", methodChooser);

        lambdaControl.lambdaProperty().bindBidirectional(vm.lambdaProperty());
        vm.lambdaInputProblemProperty().bind(lambdaControl.problemProperty());
        lambdaControl.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !ExperimentPreset.hasLambda(vm.methodProperty().get())
                        || vm.phase() == LabViewModel.Phase.COMPARING || shape.fixed("lambda").get(),
                vm.methodProperty(), vm.phaseProperty(), shape.fixed("lambda")));
        shape.register("lambda", lambdaControl);
        Label lambdaFixed = new Label(Texts.get("panel.fixed"));
        lambdaFixed.setId("lambdaFixed");
        lambdaFixed.getStyleClass().add("hint");
        lambdaFixed.visibleProperty().bind(shape.fixed("lambda").and(shape.hidden("lambda").not()));
        lambdaFixed.managedProperty().bind(lambdaFixed.visibleProperty());

        Button trainB = button(Texts.get("bar.trainB"), "trainB", "train-b-button", Texts.get("bar.trainB.tip"));
        trainB.setOnAction(e -> {
            lambdaControl.commit(); // a valid λ typed without Enter is the one shown: train with it
            vm.trainB();
        });
        trainB.disableProperty().bind(vm.canStartMethodRun().not());
        shape.register("trainB", trainB);
        Button compare = button(Texts.get("bar.compare"), "compareAll", "compare-button", Texts.get("bar.compare.tip"));
        compare.setOnAction(e -> {
            lambdaControl.commit();
            vm.compareAll();
        });
        compare.disableProperty().bind(vm.canStartMethodRun().not());
        shape.register("compare", compare);
        // compact: short labels (the tooltips keep the words) in presentation mode or when the window is narrow
        javafx.beans.binding.BooleanBinding compact = vm.presentationProperty().or(root.widthProperty().lessThan(
                COMPACT_BELOW_WIDTH));
        // in compact mode the seeds label gives way to its tooltip
        Node seedsBox = seedsControl(vm, "seeds", compact.not());
        shape.register("seeds", seedsBox);
        shape.register("seeds", sweepPane.seedsBox());

        Button pause = button(Texts.get("bar.pause"), "pause", null, Texts.get("bar.pause.tip"));
        pause.textProperty().bind(Bindings.when(vm.pausedProperty()).then(Texts.get("bar.resume"))
                .otherwise(Texts.get("bar.pause")));
        pause.setOnAction(e -> vm.togglePause());
        Button stop = button(Texts.get("bar.stop"), "stop", null, Texts.get("bar.stop.tip"));
        stop.setOnAction(e -> vm.stop());
        pause.disableProperty().bind(vm.busy().not());
        stop.disableProperty().bind(vm.busy().not());
        Button reset = button(Texts.get("bar.reset"), "reset", null, Texts.get("bar.reset.tip"));
        reset.setOnAction(e -> vm.reset());
        reset.disableProperty().bind(vm.busy());
        shape.register("pause", pause);
        shape.register("stop", stop);
        shape.register("reset", reset);

        ToggleButton panelToggle = new ToggleButton("☰");
        panelToggle.setId("panelToggle");
        panelToggle.setTooltip(tip(Texts.get("bar.panel.tip")));
        panelToggle.selectedProperty().bindBidirectional(panelShown);
        shape.register("panel", panelToggle);

        compactText(trainA, "bar.trainA", "bar.trainA.short", compact);
        compactText(trainB, "bar.trainB", "bar.trainB.short", compact);
        compactText(compare, "bar.compare", "bar.compare.short", compact);
        compactText(stop, "bar.stop", "bar.stop.short", compact);
        compactText(reset, "bar.reset", "bar.reset.short", compact);
        pause.textProperty().unbind();
        pause.textProperty().bind(Bindings.when(vm.pausedProperty())
                .then(Bindings.when(compact).then(Texts.get("bar.resume.short")).otherwise(Texts.get("bar.resume")))
                .otherwise(Bindings.when(compact).then(Texts.get("bar.pause.short")).otherwise(Texts.get("bar.pause"))));
        methodChooser.compactProperty().bind(compact);
        // the slider gives way first: at 1280 px the bar holds the seeds box beside full-length button labels
        Runnable sizeSlider = () -> lambdaControl.slider().setPrefWidth(compact.get()
                ? (vm.presentationProperty().get() ? 110 : 150) : root.getWidth() < ROOMY_BAR_WIDTH ? 190 : 260);
        compact.addListener((obs, was, on) -> sizeSlider.run());
        vm.presentationProperty().addListener((obs, was, on) -> sizeSlider.run());
        root.widthProperty().addListener((obs, was, w) -> sizeSlider.run());
        sizeSlider.run();
        // the buttons never shrink into "…" (what a projector showed once the seeds box joined the bar): in compact
        // mode the seeds label gives way and the slider shortens further instead
        for (javafx.scene.control.Control b : List.of(trainA, trainB, compare, pause, stop, reset)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(panelToggle, trainA, new Separator(javafx.geometry.Orientation.VERTICAL), methodChooser,
                lambdaControl, lambdaFixed, trainB, compare, seedsBox, spacer(), pause, stop, reset);
        bar.getStyleClass().add("workflow-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /**
     * "seeds: [3]": how many seeds Compare all and a sweep repeat every run with (the view model's count; the sweep
     * tab has a twin bound to the same value). Locked while something trains.
     */
    static Node seedsControl(LabViewModel vm, String id) {
        return seedsControl(vm, id, null);
    }

    /** The same, its "seeds:" label shown only while {@code labelShown} holds (null: always). */
    static Node seedsControl(LabViewModel vm, String id, javafx.beans.value.ObservableBooleanValue labelShown) {
        Label label = new Label(Texts.get("bar.seeds"));
        if (labelShown != null) {
            label.visibleProperty().bind(labelShown);
            label.managedProperty().bind(labelShown);
        }
        label.setMinWidth(Region.USE_PREF_SIZE);
        Spinner<Integer> spinner = new Spinner<>(1, LabViewModel.MAX_SEEDS, vm.seedsProperty().get());
        spinner.setId(id);
        spinner.setEditable(true);
        // room for "10" beside the arrows at any text size (a desk, presentation mode, zoom): about five ems
        spinner.prefWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(64, 5 * spinner.getEditor().getFont().getSize()), spinner.getEditor().fontProperty()));
        spinner.setMinWidth(Region.USE_PREF_SIZE);
        javafx.beans.property.ObjectProperty<Integer> value = vm.seedsProperty().asObject();
        spinner.getValueFactory().valueProperty().bindBidirectional(value);
        spinner.getProperties().put("seedsValue", value); // keeps the bridge alive as long as the spinner
        spinner.disableProperty().bind(vm.busy());
        Tooltip tip = tip(Texts.get("bar.seeds.tip"));
        label.setTooltip(tip);
        spinner.setTooltip(tip);
        label.setLabelFor(spinner);
        HBox box = new HBox(4, label, spinner);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId(id + "Box");
        return box;
    }

    SegmentedButton methodToggle() {
        return methodChooser.featuredButtons();
    }

    /** Below this window width the workflow bar uses its short labels. */
    static final double COMPACT_BELOW_WIDTH = 1100;
    /** From this window width up the λ slider has its full length. */
    static final double ROOMY_BAR_WIDTH = 1400;

    private static void compactText(javafx.scene.control.Labeled b, String longKey, String shortKey,
            javafx.beans.binding.BooleanBinding compact) {
        b.textProperty().bind(Bindings.when(compact).then(Texts.get(shortKey)).otherwise(Texts.get(longKey)));
    }

    MethodChooser methodChooser() {
        return methodChooser;
    }

    LambdaControl lambdaControl() {
        return lambdaControl;
    }

    private static Button button(String text, String id, String style, String tooltip) {
        Button b = new Button(text);
        b.setId(id);
        if (style != null) {
            b.getStyleClass().add(style);
        }
        b.setTooltip(tip(tooltip));
        return b;
    }

    static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(400));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    // ---- experiment panel -----------------------------------------------------------------------------------

    private Node experimentPanel() {
        lessonTitle.getStyleClass().add("lesson-title");
        lessonText.getStyleClass().add("lesson-text");
        lessonText.setWrapText(true);
        taskBox.getChildren().setAll(taskSection(0, Texts.get("panel.taskA")), taskSection(1, Texts.get("panel.taskB")));
        shape.register("panel.tasks", taskBox);
        VBox box = new VBox(8, lessonTitle, lessonText, new Separator(), taskBox, modelPane(), trainingPane(),
                fisherPane());
        box.setPadding(new Insets(10));
        box.setPrefWidth(330);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("experiment-panel");
        scroll.setPrefWidth(350);
        scroll.setMinWidth(280);
        scroll.setId("experimentPanel");
        scroll.visibleProperty().bind(shape.hidden("panel").not().and(panelShown));
        scroll.managedProperty().bind(scroll.visibleProperty());
        return scroll;
    }

    private Node taskSection(int index, String title) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        ComboBox<TaskChoice> picker = new ComboBox<>(FXCollections.observableArrayList(choices));
        picker.setId("task" + (char) ('A' + index) + "Picker");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setTooltip(tip(index == 0 ? Texts.get("panel.taskA.tip") : index == 1 ? Texts.get("panel.taskB.tip")
                : Texts.fmt("panel.taskN.tip", String.valueOf((char) ('A' + index)))));
        picker.valueProperty().addListener((obs, old, choice) -> {
            if (!updatingPanel && choice != null && vm.preset() != null
                    && !choice.spec().equals(vm.preset().tasks().get(index))) {
                vm.setTask(index, choice.spec());
            }
        });
        var absent = new javafx.beans.property.SimpleBooleanProperty(false);
        taskAbsent.add(absent);
        picker.disableProperty().bind(vm.busy().or(absent).or(shape.fixed("tasks")));
        taskPickers.add(picker);
        MenuButton load = new MenuButton(Texts.get("panel.load"));
        load.setId("load" + (char) ('A' + index));
        load.setMinWidth(Region.USE_PREF_SIZE);
        load.setTooltip(tip(Texts.get("panel.load.tip")));
        MenuItem idx = new MenuItem(Texts.get("panel.load.idx"));
        idx.setOnAction(e -> loadIdx(index));
        MenuItem csv = new MenuItem(Texts.get("panel.load.csv"));
        csv.setOnAction(e -> loadCsv(index));
        MenuItem folder = new MenuItem(Texts.get("panel.load.folder"));
        folder.setOnAction(e -> loadFolder(index));
        load.getItems().addAll(idx, csv, folder);
        load.disableProperty().bind(vm.busy().or(shape.fixed("tasks")));
        shape.register("panel.load", load);
        HBox row = new HBox(6, picker, load);
        HBox.setHgrow(picker, Priority.ALWAYS);
        HBox strip = new HBox(2);
        strip.getStyleClass().add("sample-strip");
        strip.setMinHeight(30);
        sampleStrips.add(strip);
        Label classes = new Label();
        classes.getStyleClass().add("hint");
        classes.setWrapText(true);
        classLabels.add(classes);
        VBox section = new VBox(4, heading, row, strip, classes);
        section.setId("task" + (char) ('A' + index) + "Section");
        taskSections.add(section);
        return section;
    }

    private TitledPane modelPane() {
        hiddenWidths.setTooltip(tip(Texts.get("panel.model.hidden.tip")));
        batchNorm.setTooltip(tip(Texts.get("panel.model.batchNorm.tip")));
        multiHead.setTooltip(tip(Texts.get("panel.model.multiHead.tip")));
        modelType.setTooltip(tip(Texts.get("panel.model.type.tip")));
        GridPane g = grid();
        g.addRow(0, new Label(Texts.get("panel.model.network")), modelType);
        g.addRow(1, new Label(Texts.get("panel.model.hidden")), hiddenWidths);
        g.add(batchNorm, 0, 2, 2, 1);
        g.add(multiHead, 0, 3, 2, 1);
        modelType.setOnAction(e -> applyPanel());
        hiddenWidths.setOnAction(e -> applyPanel());
        hiddenWidths.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                applyPanel();
            }
        });
        batchNorm.setOnAction(e -> applyPanel());
        multiHead.setOnAction(e -> applyPanel());
        return collapsed(Texts.get("panel.model"), g, "modelPane", "model");
    }

    private TitledPane trainingPane() {
        learningRate.setTooltip(tip(Texts.get("panel.training.lr.tip")));
        bnStats.setTooltip(tip(Texts.get("panel.training.bnStats.tip")));
        batchSize.setEditable(true);
        epochs.setEditable(true);
        epochs.setId("epochs");
        GridPane g = grid();
        g.addRow(0, new Label(Texts.get("panel.training.optimizer")), optimizer);
        g.addRow(1, new Label(Texts.get("panel.training.lr")), learningRate);
        g.addRow(2, new Label(Texts.get("panel.training.batch")), batchSize);
        g.addRow(3, new Label(Texts.get("panel.training.epochs")), epochs);
        g.addRow(4, new Label(Texts.get("panel.training.bnStats")), bnStats);
        optimizer.setOnAction(e -> applyPanel());
        bnStats.setOnAction(e -> applyPanel());
        learningRate.setOnAction(e -> applyPanel());
        learningRate.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                applyPanel();
            }
        });
        batchSize.valueProperty().addListener((o, a, b) -> applyPanel());
        epochs.valueProperty().addListener((o, a, b) -> applyPanel());
        return collapsed(Texts.get("panel.training"), g, "trainingPane", "training");
    }

    private TitledPane fisherPane() {
        fisherLabels.setTooltip(tip(Texts.get("panel.fisher.labels.tip")));
        fisherGradients.setTooltip(tip(Texts.get("panel.fisher.gradients.tip")));
        fisherSamples.setTooltip(tip(Texts.get("panel.fisher.samples.tip")));
        fisherSamples.setEditable(true);
        GridPane g = grid();
        g.addRow(0, new Label(Texts.get("panel.fisher.labels")), fisherLabels);
        g.addRow(1, new Label(Texts.get("panel.fisher.gradients")), fisherGradients);
        g.addRow(2, new Label(Texts.get("panel.fisher.samples")), fisherSamples);
        Label why = new Label(Texts.get("panel.fisher.why"));
        why.setWrapText(true);
        why.getStyleClass().add("hint");
        g.add(why, 0, 3, 2, 1);
        fisherLabels.setOnAction(e -> applyPanel());
        fisherGradients.setOnAction(e -> applyPanel());
        fisherSamples.valueProperty().addListener((o, a, b) -> applyPanel());
        return collapsed(Texts.get("panel.fisher"), g, "fisherPane", "fisher");
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private TitledPane collapsed(String title, Node content, String id, String part) {
        TitledPane pane = new TitledPane(title, content);
        pane.setId(id);
        shape.register("panel." + part, pane);
        pane.setExpanded(false);
        content.disableProperty().bind(vm.busy().or(shape.fixed(part)));
        return pane;
    }

    private void showPreset(ExperimentPreset p) {
        if (p == null) {
            return;
        }
        updatingPanel = true;
        try {
            shape.apply(p.ui());
            lessonTitle.setText(LessonTexts.title(p));
            lessonText.setText(LessonTexts.description(p));
            showTaskSections(p.tasks().size());
            Node trainB = root.lookup("#trainB");
            if (trainB instanceof Button b) { // with tasks C, D, … Train B trains them all in turn: say so
                b.setTooltip(tip(p.tasks().size() > 2 ? Texts.fmt("bar.trainLater.tip", String.join(", ",
                        p.tasks().subList(1, p.tasks().size()).stream().map(TaskSpec::name).toList()))
                        : Texts.get("bar.trainB.tip")));
            }
            for (int i = 0; i < taskPickers.size(); i++) {
                ComboBox<TaskChoice> picker = taskPickers.get(i);
                boolean present = i < p.tasks().size();
                taskAbsent.get(i).set(!present);
                if (present) {
                    TaskChoice c = TaskChoice.forSpec(p.tasks().get(i), choices);
                    if (!picker.getItems().contains(c)) {
                        picker.getItems().add(c);
                    }
                    picker.setValue(c);
                }
            }
            modelType.setValue(p.model().type());
            hiddenWidths.setText(String.join(", ", p.model().hidden().stream().map(String::valueOf).toList()));
            batchNorm.setSelected(Boolean.TRUE.equals(p.model().batchNorm()));
            multiHead.setSelected(Boolean.TRUE.equals(p.model().multiHead()));
            optimizer.setValue(p.optimizer().type());
            learningRate.setText(String.valueOf(p.optimizer().learningRate()));
            batchSize.getValueFactory().setValue(p.training().batchSize());
            epochs.getValueFactory().setValue(p.training().epochs());
            bnStats.setValue(p.training().batchNormStats());
            fisherLabels.setValue(p.fisher().labels());
            fisherGradients.setValue(p.fisher().gradients());
            fisherSamples.getValueFactory().setValue(p.fisher().samples());
            if (stage != null) {
                stage.setTitle(Texts.fmt("app.titleWithLesson", LessonTexts.title(p)));
            }
        } finally {
            updatingPanel = false;
        }
    }

    /** Reads the advanced settings into a preset and hands it to the view model (which validates it). */
    private void applyPanel() {
        ExperimentPreset p = vm.preset();
        if (updatingPanel || p == null) {
            return;
        }
        List<Integer> hidden = new ArrayList<>();
        for (String part : hiddenWidths.getText().split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                hidden.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.hiddenNotNumber", part));
                showPreset(p);
                return;
            }
        }
        double lr;
        try {
            lr = Double.parseDouble(learningRate.getText().trim());
        } catch (NumberFormatException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.lrNotNumber", learningRate.getText()));
            showPreset(p);
            return;
        }
        ModelSpec m = p.model();
        OptimizerSpec o = p.optimizer();
        TrainingSpec t = p.training();
        FisherSpec f = p.fisher();
        ExperimentPreset edited = p
                .withModel(new ModelSpec(modelType.getValue(), hidden, m.activation(), batchNorm.isSelected(),
                        multiHead.isSelected(), m.convChannels()))
                .withOptimizer(new OptimizerSpec(optimizer.getValue(), lr, o.momentum(), o.resetBetweenTasks()))
                .withTraining(t.withLoop(epochs.getValue(), batchSize.getValue(), t.evalEvery(), t.evalSamples(),
                        bnStats.getValue(), t.threads()))
                .withFisher(new FisherSpec(fisherLabels.getValue(), fisherGradients.getValue(),
                        fisherSamples.getValue(), f.batchSize(), f.topPercent(), f.gamma()));
        if (!edited.equals(p)) {
            vm.edit(edited).thenRun(() -> showPreset(vm.preset()));
        }
    }

    /**
     * One section per task of the lesson: A and B always (B disabled when a lesson has one task), C, D, … added as
     * a lesson needs them and hidden when the next lesson has fewer. Train B trains all tasks after A in turn.
     */
    private void showTaskSections(int count) {
        for (int i = taskSections.size(); i < count; i++) {
            String letter = String.valueOf((char) ('A' + i));
            String ordinal = Texts.has("panel.ordinal." + (i + 1)) ? Texts.get("panel.ordinal." + (i + 1))
                    : Texts.fmt("panel.ordinal.n", i + 1);
            taskBox.getChildren().add(taskSection(i, Texts.fmt("panel.taskN", letter, ordinal)));
        }
        for (int i = 2; i < taskSections.size(); i++) {
            taskSections.get(i).setVisible(i < count);
            taskSections.get(i).setManaged(i < count);
        }
        if (vm.tasksProperty().get() != null) {
            showSamples(vm.tasksProperty().get());
        }
    }

    private void showSamples(List<TaskData> tasks) {
        for (int i = 0; i < sampleStrips.size(); i++) {
            HBox strip = sampleStrips.get(i);
            strip.getChildren().clear();
            if (tasks == null || i >= tasks.size()) {
                classLabels.get(i).setText("");
                continue;
            }
            Dataset train = tasks.get(i).train();
            classLabels.get(i).setText(Texts.fmt("panel.classes", train.size(), tasks.get(i).test().size(),
                    String.join(", ", train.classNames())));
            if (!train.isImage()) {
                strip.getChildren().add(new Label(Texts.fmt("panel.points", train.featureCount())));
                continue;
            }
            int[] shown = firstOfEachClass(train, 10);
            for (int s : shown) {
                ImageView view = new ImageView(thumbnail(train, s));
                view.setFitWidth(28);
                view.setFitHeight(28);
                Tooltip.install(view, new Tooltip(train.classNames().get(train.label(s))));
                strip.getChildren().add(view);
            }
        }
    }

    private static int[] firstOfEachClass(Dataset d, int max) {
        int[] out = new int[Math.min(max, d.classCount())];
        boolean[] seen = new boolean[d.classCount()];
        int n = 0;
        for (int i = 0; i < d.size() && n < out.length; i++) {
            if (!seen[d.label(i)]) {
                seen[d.label(i)] = true;
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static WritableImage thumbnail(Dataset d, int index) {
        int h = d.height();
        int w = d.width();
        WritableImage img = new WritableImage(w, h);
        PixelWriter px = img.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 255 - d.pixel(index, y * w + x);
                px.setArgb(x, y, 0xFF000000 | v << 16 | v << 8 | v);
            }
        }
        return img;
    }

    // ---- files ----------------------------------------------------------------------------------------------

    private void openPreset() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("dialog.open"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("dialog.json"), "*.json"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            openPresetFile(f.toPath());
        }
    }

    /** Opens a preset file; a bad one gets a notice naming the field, and nothing changes. */
    void openPresetFile(Path file) {
        try {
            ExperimentPreset p = ExperimentPreset.read(file);
            LabSettings.addRecent("lesson", file.toAbsolutePath().toString());
            vm.open(p, file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.cannotRead", file.getFileName(),
                    e.getMessage()));
        } catch (RuntimeException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.badPreset", file.getFileName(),
                    e.getMessage()));
        }
    }

    private void openBundled(String name) {
        try {
            vm.open(ExperimentPreset.bundled(name), null);
        } catch (RuntimeException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.badLesson", name, e.getMessage()));
        }
    }

    private void savePreset() {
        ExperimentPreset p = vm.preset();
        if (p == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("dialog.save"));
        chooser.setInitialFileName(p.name() + ".json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("dialog.json"), "*.json"));
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            try {
                p.write(f.toPath());
                vm.post(LabViewModel.Notice.Severity.INFO, Texts.fmt("notice.saved", f.getName()));
            } catch (java.io.IOException e) {
                vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.cannotWrite", f.getName(),
                        e.getMessage()));
            }
        }
    }

    private void exportAll() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("dialog.exportAll"));
        // start where the last export went (or the home folder), not on the desktop's "Recent" view
        File last = new File(LabSettings.node().get("lastExportDir", System.getProperty("user.home")));
        if (last.isDirectory()) {
            chooser.setInitialDirectory(last);
        }
        File dir = chooser.showDialog(stage);
        if (dir != null && confirmExportInto(dir.toPath())) {
            LabSettings.node().put("lastExportDir", dir.getAbsolutePath());
            exportAllTo(dir.toPath());
        }
    }

    /** Export all writes many files: into a folder that holds some already only when the user says so. */
    private boolean confirmExportInto(Path dir) {
        int files = filesIn(dir);
        if (files == 0) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle(Texts.get("dialog.exportNotEmpty.title"));
        ask.setHeaderText(Texts.fmt("dialog.exportNotEmpty.header", dir, files));
        ask.setContentText(Texts.get("dialog.exportNotEmpty.text"));
        return ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }

    /** How many entries a folder holds (0 when it is missing or unreadable). */
    static int filesIn(Path dir) {
        try (var list = Files.list(dir)) {
            return (int) list.count();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private void clearResults() {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle(Texts.get("dialog.clearResults.title"));
        ask.setHeaderText(null);
        ask.setContentText(Texts.get("dialog.clearResults.text"));
        if (ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent()) {
            vm.clearResults();
        }
    }

    private static String bundledTitle(String name) {
        try {
            return LessonTexts.title(ExperimentPreset.bundled(name));
        } catch (RuntimeException e) {
            return name;
        }
    }

    /** File → Save lesson: the boxes of what to hide and fix, then the file; the settings as they are now. */
    private void saveLesson() {
        ExperimentPreset p = vm.preset();
        if (p == null) {
            return;
        }
        new LessonDialog(p.ui()).show(stage).ifPresent(ui -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Texts.get("dialog.saveLesson"));
            chooser.setInitialFileName(p.name() + "-lesson.json");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("dialog.json"), "*.json"));
            File f = chooser.showSaveDialog(stage);
            if (f != null) {
                saveLessonTo(f.toPath(), ui);
            }
        });
    }

    /** Writes the open experiment as a lesson with {@code ui}'s flags; a notice says what was written. */
    void saveLessonTo(Path file, ExperimentPreset.UiSpec ui) {
        try {
            ExperimentPreset lesson = vm.lessonToSave(ui);
            lesson.write(file);
            LabSettings.addRecent("lesson", file.toAbsolutePath().toString());
            vm.post(LabViewModel.Notice.Severity.INFO, Texts.fmt("notice.savedLesson", file.getFileName(),
                    lesson.ui().hide().size(), lesson.ui().fixed().size()));
        } catch (java.io.IOException | RuntimeException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.cannotWrite", file.getFileName(),
                    e.getMessage()));
        }
    }

    /** File → Open recent: lessons, then datasets, then checkpoints; a vanished file leaves the list. */
    private void fillRecent(Menu menu) {
        menu.getItems().clear();
        for (String kind : LabSettings.RECENT_KINDS) {
            List<String> entries = LabSettings.recent(kind);
            if (entries.isEmpty()) {
                continue;
            }
            if (!menu.getItems().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            for (String entry : entries) {
                MenuItem item = new MenuItem(RecentEntry.label(kind, entry));
                item.setMnemonicParsing(false);
                item.setOnAction(e -> openRecent(kind, entry));
                menu.getItems().add(item);
            }
        }
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem(Texts.get("menu.file.recent.empty"));
            none.setDisable(true);
            menu.getItems().add(none);
        } else {
            menu.getItems().addAll(new SeparatorMenuItem(), item(Texts.get("menu.file.recent.clear"), null,
                    LabSettings::clearRecent));
        }
    }

    /** Opens a recent entry again: the lesson, the checkpoint, or the dataset into the task it was loaded for. */
    void openRecent(String kind, String entry) {
        List<Path> paths = RecentEntry.paths(kind, entry);
        for (Path p : paths) {
            if (!Files.exists(p)) {
                LabSettings.removeRecent(kind, entry);
                vm.post(LabViewModel.Notice.Severity.WARNING, Texts.fmt("notice.recentGone", p));
                return;
            }
        }
        switch (kind) {
            case "lesson" -> openPresetFile(paths.get(0));
            case "checkpoint" -> {
                LabSettings.addRecent(kind, entry);
                vm.loadCheckpoint(paths.get(0));
            }
            default -> {
                int index = RecentEntry.taskIndex(entry);
                switch (RecentEntry.datasetType(entry)) {
                    case "idx" -> loadIdxFolder(index, paths.get(0));
                    case "csv" -> loadCsvFiles(index, paths.get(0), paths.get(1));
                    default -> loadImageFolder(index, paths.get(0));
                }
            }
        }
    }

    /**
     * Writes every chart (PNG 1× and 2×, SVG, CSV of the full history), results.json, the preset and report.html into a
     * folder, off the FX thread; a notice says where, or what went wrong.
     */
    java.util.concurrent.CompletableFuture<List<Path>> exportAllTo(Path dir) {
        LabViewModel.ExportJob job = vm.exportJob(charts.sampleTiles());
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return job.write(dir);
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).whenComplete((files, error) -> javafx.application.Platform.runLater(() -> {
            if (error != null) {
                vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.exportFailed", dir,
                        LabViewModel.messageOf(error)));
            } else {
                vm.post(LabViewModel.Notice.Severity.INFO, Texts.fmt("notice.exported", files.size(), dir));
            }
        }));
    }

    private void saveCheckpoint() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("dialog.saveCheckpoint"));
        chooser.setInitialFileName(vm.preset().name() + "-task-a.ewcckpt");
        File f = chooser.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        try {
            vm.saveCheckpoint(f.toPath());
            vm.post(LabViewModel.Notice.Severity.INFO, Texts.fmt("notice.savedCheckpoint", f.getName()));
        } catch (java.io.IOException | RuntimeException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.checkpointNotSaved", f.getName(),
                    e.getMessage()));
        }
    }

    private void loadCheckpoint() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("dialog.loadCheckpoint"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            LabSettings.addRecent("checkpoint", f.getAbsolutePath());
            vm.loadCheckpoint(f.toPath());
        }
    }

    private void loadIdx(int index) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("dialog.idxFolder"));
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            loadIdxFolder(index, dir.toPath());
        }
    }

    /** Uses the IDX files of a folder as a task, or says which file is missing. */
    void loadIdxFolder(int index, Path dir) {
        var files = TaskChoice.idxFilesIn(dir);
        if (files.isEmpty()) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.idxMissing", dir));
            return;
        }
        LabSettings.addRecent("dataset", RecentEntry.dataset("idx", index, dir));
        useTask(index, TaskChoice.idx(dir.getFileName().toString(), files.get()));
    }

    private void loadCsv(int index) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setTitle(Texts.get("dialog.trainCsv"));
        File train = chooser.showOpenDialog(stage);
        if (train == null) {
            return;
        }
        chooser.setTitle(Texts.get("dialog.testCsv"));
        chooser.setInitialDirectory(train.getParentFile());
        File test = chooser.showOpenDialog(stage);
        if (test != null) {
            loadCsvFiles(index, train.toPath(), test.toPath());
        }
    }

    void loadCsvFiles(int index, Path train, Path test) {
        LabSettings.addRecent("dataset", RecentEntry.dataset("csv", index, train, test));
        String name = train.getFileName().toString().replaceFirst("(?i)[-_]?train.*", "");
        useTask(index, TaskChoice.csv(name.isBlank() ? "csv" : name, train, test));
    }

    private void loadFolder(int index) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("dialog.imageFolder"));
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            loadImageFolder(index, dir.toPath());
        }
    }

    void loadImageFolder(int index, Path dir) {
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("notice.folderMissing", dir));
            return;
        }
        LabSettings.addRecent("dataset", RecentEntry.dataset("folder", index, dir));
        useTask(index, TaskChoice.folder(dir.getFileName().toString(), train, test));
    }

    private void useTask(int index, TaskSpec spec) {
        if (vm.preset() == null || index >= vm.preset().tasks().size()) {
            return;
        }
        vm.setTask(index, spec);
    }

    // ---- status bar and notices -----------------------------------------------------------------------------

    private Node statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(200);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setPrefWidth(180);
        bar.progressProperty().bind(vm.progressProperty());
        Label left = new Label();
        left.textProperty().bind(vm.timeLeftProperty());
        Label acc = new Label();
        acc.setId("accuracyReadout");
        acc.setTooltip(tip(Texts.get("status.accuracy.tip")));
        acc.getStyleClass().add("accuracy-readout");
        acc.textProperty().bind(vm.accuracyReadoutProperty());
        Label device = new Label();
        device.getStyleClass().add("device");
        device.textProperty().bind(vm.deviceProperty());
        device.setTooltip(tip(Texts.get("status.device.tip")));
        // long messages wrap onto a second line instead of ending in "…" (a projector's large text)
        status.setWrapText(true);
        // ... but never more than two: a third would take the charts' room; the tooltip keeps the whole message
        status.maxHeightProperty().bind(Bindings.createDoubleBinding(() -> 2.7 * status.getFont().getSize(),
                status.fontProperty()));
        Tooltip statusTip = tip("");
        statusTip.textProperty().bind(vm.statusProperty());
        status.setTooltip(statusTip);
        acc.setMinWidth(Region.USE_PREF_SIZE);
        device.setMinWidth(Region.USE_PREF_SIZE);
        // in presentation mode the class needs the numbers, not where torch runs
        device.visibleProperty().bind(vm.presentationProperty().not());
        device.managedProperty().bind(device.visibleProperty());
        HBox bar1 = new StatusBarBox(status, acc, bar, left, device);
        bar1.getStyleClass().add("status-bar");
        return bar1;
    }

    private void showNotice(LabViewModel.Notice n) {
        notifications.hide();
        notifications.getStyleClass().removeAll("error", "warning", "info");
        notifications.getStyleClass().add(n.severity().name().toLowerCase(java.util.Locale.ROOT));
        // the whole message, wrapped: a file's problem often sits at its end ("… 7,840,016 bytes expected, 1,000 found")
        Label text = new Label(n.text());
        text.setId("noticeText");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.getStyleClass().add("notice-text");
        text.maxWidthProperty().bind(notifications.widthProperty().subtract(120));
        Label icon = new Label(switch (n.severity()) {
            case ERROR -> "✖";
            case WARNING -> "⚠";
            case INFO -> "ℹ";
        });
        icon.getStyleClass().add("notice-icon");
        HBox box = new HBox(10, icon, text);
        box.setAlignment(Pos.CENTER_LEFT);
        notifications.setText(null);
        notifications.setGraphic(box);
        notifications.show();
    }

    public NotificationPane notifications() {
        return notifications;
    }

    private void applyStyle() {
        Scene scene = root.getScene();
        root.getStyleClass().remove("presentation");
        if (vm.presentationProperty().get()) {
            root.getStyleClass().add("presentation");
        }
        if (scene != null) {
            String dark = Objects.requireNonNull(getClass().getResource("dark.css")).toExternalForm();
            scene.getStylesheets().remove(dark);
            if (vm.darkProperty().get()) {
                scene.getStylesheets().add(dark);
            }
        }
        double z = zoom.get();
        // the window's text: the theme's size (13 px, 18 px in presentation mode) times the zoom
        root.setStyle(z == 1 ? "" : String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;",
                (vm.presentationProperty().get() ? 18 : 13) * z));
        charts.setLook(vm.darkProperty().get(), (vm.presentationProperty().get() ? Theme.PROJECTOR_SCALE : 1) * z);
    }
}
