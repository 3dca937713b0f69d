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

/**
 * The lab window: experiment panel (left), workflow bar (top), live charts (centre), status bar (bottom). It only
 * shows the view model's state and forwards clicks; a pulse timer redraws at most {@link #MAX_FPS} times a second and
 * only when the engine reported something new.
 */
public final class LabWindow {
    static final int MAX_FPS = 30;
    static final String[] METHOD_KEYS = {ExperimentPreset.PLAIN, ExperimentPreset.L2, ExperimentPreset.EWC,
        ExperimentPreset.ONLINE_EWC};
    private static final String[] METHOD_LABELS = {"_Plain", "_L2", "_EWC", "_Online EWC"};
    private static final String[] METHOD_TIPS = {
        "Plain: train task B with cross-entropy only. Nothing protects task A — watch it being forgotten.",
        "L2: pull every weight back toward its task-A value with the same strength (λ/2)·Σ(θ − θ*A)². "
                + "Protects A, but also blocks the weights B needs.",
        "EWC: pull each weight back in proportion to its Fisher information F — how much task A's predictions depend "
                + "on it. Important weights stay; unimportant ones are free for task B.",
        "Online EWC: one running Fisher F ← γF + F_new and one anchor, instead of a penalty per earlier task. "
                + "Same as EWC for two tasks."};

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
    private final SegmentedButton methodToggle = new SegmentedButton();
    private final LambdaControl lambdaControl = new LambdaControl();
    private boolean updatingPanel;
    private long lastLessonVersion = -1;
    private long lastSweepVersion = -1;
    private long lastPicture = -1;
    private long lastFrame;
    private AnimationTimer pulse;

    // advanced settings
    private final ChoiceBox<String> modelType = new ChoiceBox<>(FXCollections.observableArrayList(ModelSpec.TYPES));
    private final TextField hiddenWidths = new TextField();
    private final CheckBox batchNorm = new CheckBox("BatchNorm after each hidden layer");
    private final CheckBox multiHead = new CheckBox("One output head per task");
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

    public LabWindow(LabViewModel vm, Stage stage) {
        this.vm = Objects.requireNonNull(vm);
        this.stage = stage;
        charts = new ChartsPane(vm);
        sweepPane = new SweepPane(vm);
        tabs.getTabs().addAll(tab("Lesson", charts, "lessonTab"), tab("λ sweep", sweepPane, "sweepTab"),
                tab("Accuracy matrix", matrixPane, "matrixTab"),
                tab(org.ewclab.i18n.Texts.get("landscape.tab"), new LandscapePane(vm), "landscapeTab"));
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        vm.phaseProperty().addListener((obs, old, p) -> {
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
        vm.noticeProperty().addListener((obs, old, n) -> {
            if (n != null) {
                showNotice(n);
            } else {
                notifications.hide(); // another lesson opened: the old notice says nothing about it
            }
        });
        matrixPane.setOnClearEarlier(vm::clearEarlierComparisons);
        vm.presetProperty().addListener((obs, old, p) -> showPreset(p));
        vm.tasksProperty().addListener((obs, old, t) -> showSamples(t));
        vm.presentationProperty().addListener((obs, old, on) -> applyStyle());
        vm.darkProperty().addListener((obs, old, on) -> applyStyle());
        if (vm.preset() != null) {
            showPreset(vm.preset());
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
        long lessonVersion = vm.log().version();
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
            matrixPane.show(vm.results(), vm.taskNames(), vm.earlierComparisons());
        }
        return true;
    }

    private static javafx.scene.control.Tab tab(String title, Node content, String id) {
        javafx.scene.control.Tab t = new javafx.scene.control.Tab(title, content);
        t.setId(id);
        return t;
    }

    SweepPane sweepPane() {
        return sweepPane;
    }

    MatrixPane matrixPane() {
        return matrixPane;
    }

    // ---- menu -----------------------------------------------------------------------------------------------

    private MenuBar menuBar() {
        MenuItem open = item("Open experiment…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                this::openPreset);
        MenuItem save = item("Save experiment as…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN),
                this::savePreset);
        Menu lessons = new Menu("Lessons");
        for (String name : List.of("mnist-fashion", "mnist-fashion-sweep", "permuted-mnist", "split-mnist",
                "split-mnist-single-head", "toy-2d")) {
            MenuItem lesson = new MenuItem(name);
            lesson.setOnAction(e -> openBundled(name));
            lessons.getItems().add(lesson);
        }
        MenuItem exportAll = item("Export all charts and report…",
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::exportAll);
        exportAll.disableProperty().bind(vm.canTrainB().not());
        MenuItem saveCp = item("Save task-A checkpoint…", null, this::saveCheckpoint);
        MenuItem loadCp = item("Load task-A checkpoint…", null, this::loadCheckpoint);
        saveCp.disableProperty().bind(vm.canTrainB().not());
        loadCp.disableProperty().bind(vm.busy());
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> {
            vm.stop();
            if (stage != null) {
                stage.close();
            }
        });
        Menu file = new Menu("_File", null, open, save, lessons, new SeparatorMenuItem(), exportAll,
                new SeparatorMenuItem(), saveCp, loadCp,
                new SeparatorMenuItem(), quit);

        CheckMenuItem presentation = new CheckMenuItem("Presentation mode (large text, thick lines)");
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentation.selectedProperty().bindBidirectional(vm.presentationProperty());
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        dark.selectedProperty().bindBidirectional(vm.darkProperty());
        Menu view = new Menu("_View", null, presentation, dark);

        MenuItem shortcuts = item("Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1), this::showShortcuts);
        Menu help = new Menu("_Help", null, shortcuts);
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
        acc.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), vm::trainA);
        acc.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), () -> {
            lambdaControl.commit();
            vm.trainB();
        });
        acc.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), () -> {
            lambdaControl.commit();
            vm.compareAll();
        });
        acc.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), vm::togglePause);
        acc.put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), vm::stop);
        acc.put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN), this::cycleMethod);
    }

    private void cycleMethod() {
        int i = List.of(METHOD_KEYS).indexOf(vm.methodProperty().get());
        vm.methodProperty().set(METHOD_KEYS[(i + 1) % METHOD_KEYS.length]);
    }

    private void showShortcuts() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("EWC Lab shortcuts (Ctrl is ⌘ on a Mac)");
        alert.setContentText(String.join("\n",
                "Ctrl+1  Train A", "Ctrl+2  Train B", "Ctrl+3  Compare all", "Ctrl+M  next method",
                "Alt+P / L / E / O  choose Plain, L2, EWC, Online EWC", "Ctrl+P  pause / resume",
                "Ctrl+.  stop", "F5  presentation mode", "Ctrl+D  dark theme", "Ctrl+O / Ctrl+S  open / save experiment"));
        alert.show();
    }

    // ---- workflow bar ---------------------------------------------------------------------------------------

    private Node workflowBar() {
        Button trainA = button("Train A", "trainA", "train-a-button",
                "Train a fresh network on task A, then measure which weights matter for it (the Fisher). (Ctrl+1)");
        trainA.setOnAction(e -> vm.trainA());
        trainA.disableProperty().bind(vm.canTrainA().not());

        for (int i = 0; i < METHOD_KEYS.length; i++) {
            ToggleButton b = new ToggleButton(METHOD_LABELS[i]);
            b.setMnemonicParsing(true);
            b.setId("method-" + METHOD_KEYS[i]);
            b.getStyleClass().add(METHOD_KEYS[i]);
            b.setUserData(METHOD_KEYS[i]);
            b.setTooltip(tip(METHOD_TIPS[i]));
            methodToggle.getButtons().add(b);
        }
        methodToggle.getStyleClass().add("method-toggle");
        methodToggle.getToggleGroup().selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                old.setSelected(true); // one method is always chosen
            } else {
                vm.methodProperty().set((String) t.getUserData());
            }
        });
        vm.methodProperty().addListener((obs, old, m) -> selectMethod(m));
        selectMethod(vm.methodProperty().get());
        // the method of a run is fixed when it starts: switching while one trains would only show another λ
        methodToggle.disableProperty().bind(vm.busy());

        lambdaControl.lambdaProperty().bindBidirectional(vm.lambdaProperty());
        vm.lambdaInputProblemProperty().bind(lambdaControl.problemProperty());
        lambdaControl.disableProperty().bind(Bindings.createBooleanBinding(
                () -> ExperimentPreset.PLAIN.equals(vm.methodProperty().get())
                        || vm.phase() == LabViewModel.Phase.COMPARING,
                vm.methodProperty(), vm.phaseProperty()));

        Button trainB = button("Train B", "trainB", "train-b-button",
                "Train task B from the task-A checkpoint with the chosen method and λ. λ can move while it trains. "
                        + "(Ctrl+2)");
        trainB.setOnAction(e -> {
            lambdaControl.commit(); // a valid λ typed without Enter is the one shown: train with it
            vm.trainB();
        });
        trainB.disableProperty().bind(vm.canStartMethodRun().not());
        Button compare = button("Compare all", "compareAll", "compare-button",
                "Train task B with plain, L2 and EWC, each from the same task-A checkpoint, and overlay them. (Ctrl+3)");
        compare.setOnAction(e -> {
            lambdaControl.commit();
            vm.compareAll();
        });
        compare.disableProperty().bind(vm.canStartMethodRun().not());

        Button pause = button("Pause", "pause", null, "Pause or resume training (Ctrl+P). Nothing is lost.");
        pause.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> vm.togglePause());
        Button stop = button("Stop", "stop", null, "Stop training now (Ctrl+.). What was trained so far is kept.");
        stop.setOnAction(e -> vm.stop());
        pause.disableProperty().bind(vm.busy().not());
        stop.disableProperty().bind(vm.busy().not());
        Button reset = button("Reset", "reset", null, "Forget task A; keep the experiment settings. The runs so far "
                + "are put aside as an earlier comparison (Accuracy matrix tab), where they can be cleared.");
        reset.setOnAction(e -> vm.reset());
        reset.disableProperty().bind(vm.busy());

        HBox bar = new HBox(trainA, new Separator(javafx.geometry.Orientation.VERTICAL), methodToggle, lambdaControl,
                trainB, compare, spacer(), pause, stop, reset);
        bar.getStyleClass().add("workflow-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void selectMethod(String m) {
        for (ToggleButton b : methodToggle.getButtons()) {
            if (b.getUserData().equals(m) && !b.isSelected()) {
                b.setSelected(true);
            }
        }
    }

    SegmentedButton methodToggle() {
        return methodToggle;
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
        VBox box = new VBox(8, lessonTitle, lessonText, new Separator(), taskSection(0, "Task A — learnt first"),
                taskSection(1, "Task B — learnt second"), modelPane(), trainingPane(), fisherPane());
        box.setPadding(new Insets(10));
        box.setPrefWidth(330);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("experiment-panel");
        scroll.setPrefWidth(350);
        scroll.setMinWidth(280);
        return scroll;
    }

    private Node taskSection(int index, String title) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        ComboBox<TaskChoice> picker = new ComboBox<>(FXCollections.observableArrayList(choices));
        picker.setId("task" + (char) ('A' + index) + "Picker");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setTooltip(tip(index == 0
                ? "The task the network learns first. EWC will try to keep it."
                : "The task learnt second, starting from the task-A network. Changing it keeps the trained task A."));
        picker.valueProperty().addListener((obs, old, choice) -> {
            if (!updatingPanel && choice != null && vm.preset() != null
                    && !choice.spec().equals(vm.preset().tasks().get(index))) {
                vm.setTask(index, choice.spec());
            }
        });
        var absent = new javafx.beans.property.SimpleBooleanProperty(false);
        taskAbsent.add(absent);
        picker.disableProperty().bind(vm.busy().or(absent));
        taskPickers.add(picker);
        MenuButton load = new MenuButton("Load…");
        load.setId("load" + (char) ('A' + index));
        load.setMinWidth(Region.USE_PREF_SIZE);
        load.setTooltip(tip("Use your own data for this task: IDX files (e.g. the official MNIST), CSV, or folders "
                + "of images with one sub-folder per class."));
        MenuItem idx = new MenuItem("IDX files (a folder with train/test images and labels)…");
        idx.setOnAction(e -> loadIdx(index));
        MenuItem csv = new MenuItem("CSV files (train and test)…");
        csv.setOnAction(e -> loadCsv(index));
        MenuItem folder = new MenuItem("Image folders (train and test, one sub-folder per class)…");
        folder.setOnAction(e -> loadFolder(index));
        load.getItems().addAll(idx, csv, folder);
        load.disableProperty().bind(vm.busy());
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
        return new VBox(4, heading, row, strip, classes);
    }

    private TitledPane modelPane() {
        hiddenWidths.setTooltip(tip("Hidden layer widths, e.g. \"100, 100\" for the tutorial's 784-100-100-10 MLP."));
        batchNorm.setTooltip(tip("BatchNorm keeps running statistics that are not weights: EWC cannot protect them, "
                + "which is why 'BatchNorm statistics during task B' matters."));
        multiHead.setTooltip(tip("One output layer per task (task-incremental). With a single shared head, split "
                + "tasks become class-incremental — where EWC stops helping."));
        modelType.setTooltip(tip("mlp: fully connected layers. cnn: one 3×3 convolution (32 channels), max-pool, "
                + "then a linear layer — slower, about 25 ms per step."));
        GridPane g = grid();
        g.addRow(0, new Label("Network"), modelType);
        g.addRow(1, new Label("Hidden widths"), hiddenWidths);
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
        return collapsed("Model", g);
    }

    private TitledPane trainingPane() {
        learningRate.setTooltip(tip("Step size. With SGD, training diverges once lr·λ·max F grows past about 1."));
        bnStats.setTooltip(tip("frozen: keep task A's BatchNorm running mean/variance while task B trains (what the "
                + "tutorial effectively does). updated: let task B overwrite them — EWC then keeps far less of A."));
        batchSize.setEditable(true);
        epochs.setEditable(true);
        GridPane g = grid();
        g.addRow(0, new Label("Optimizer"), optimizer);
        g.addRow(1, new Label("Learning rate"), learningRate);
        g.addRow(2, new Label("Batch size"), batchSize);
        g.addRow(3, new Label("Epochs per task"), epochs);
        g.addRow(4, new Label("BatchNorm stats in B"), bnStats);
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
        return collapsed("Training", g);
    }

    private TitledPane fisherPane() {
        fisherLabels.setTooltip(tip("Which label the Fisher's gradients use: the true label (empirical), one sampled "
                + "from the model, the model's top class (argmax), or the exact expectation over all classes."));
        fisherGradients.setTooltip(tip("per-sample: mean of squared per-sample gradients — the real diagonal Fisher. "
                + "batch: squared batch-mean gradients (many tutorials) — about 1/batch as large, so λ means "
                + "something else."));
        fisherSamples.setTooltip(tip("How many task-A training samples estimate the Fisher; 0 = all."));
        fisherSamples.setEditable(true);
        GridPane g = grid();
        g.addRow(0, new Label("Labels"), fisherLabels);
        g.addRow(1, new Label("Gradients"), fisherGradients);
        g.addRow(2, new Label("Samples (0 = all)"), fisherSamples);
        Label why = new Label("The Fisher F measures how much task A's predictions depend on each weight; EWC's "
                + "penalty (λ/2)·Σ F·(θ − θ*A)² holds the important weights still.");
        why.setWrapText(true);
        why.getStyleClass().add("hint");
        g.add(why, 0, 3, 2, 1);
        fisherLabels.setOnAction(e -> applyPanel());
        fisherGradients.setOnAction(e -> applyPanel());
        fisherSamples.valueProperty().addListener((o, a, b) -> applyPanel());
        return collapsed("Fisher information", g);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private TitledPane collapsed(String title, Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setExpanded(false);
        content.disableProperty().bind(vm.busy());
        return pane;
    }

    private void showPreset(ExperimentPreset p) {
        if (p == null) {
            return;
        }
        updatingPanel = true;
        try {
            lessonTitle.setText(p.title());
            lessonText.setText(p.description());
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
                stage.setTitle("EWC Lab — " + p.title());
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
                vm.post(LabViewModel.Notice.Severity.ERROR, "Hidden widths: \"" + part + "\" is not a whole number.");
                showPreset(p);
                return;
            }
        }
        double lr;
        try {
            lr = Double.parseDouble(learningRate.getText().trim());
        } catch (NumberFormatException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, "Learning rate: \"" + learningRate.getText()
                    + "\" is not a number.");
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
                .withTraining(new TrainingSpec(epochs.getValue(), batchSize.getValue(), t.evalEvery(), t.evalSamples(),
                        bnStats.getValue(), t.threads()))
                .withFisher(new FisherSpec(fisherLabels.getValue(), fisherGradients.getValue(),
                        fisherSamples.getValue(), f.batchSize(), f.topPercent(), f.gamma()));
        if (!edited.equals(p)) {
            vm.edit(edited).thenRun(() -> showPreset(vm.preset()));
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
            classLabels.get(i).setText(train.size() + " train · " + tasks.get(i).test().size() + " test · "
                    + String.join(", ", train.classNames()));
            if (!train.isImage()) {
                strip.getChildren().add(new Label("2-D points (" + train.featureCount() + " features)"));
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
        chooser.setTitle("Open experiment");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment (JSON)", "*.json"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            openPresetFile(f.toPath());
        }
    }

    /** Opens a preset file; a bad one gets a notice naming the field, and nothing changes. */
    void openPresetFile(Path file) {
        try {
            ExperimentPreset p = ExperimentPreset.read(file);
            vm.open(p, file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, file.getFileName() + ": cannot be read (" + e.getMessage()
                    + "). Nothing was changed.");
        } catch (RuntimeException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, file.getFileName() + ": " + e.getMessage()
                    + ". Nothing was changed.");
        }
    }

    private void openBundled(String name) {
        try {
            vm.open(ExperimentPreset.bundled(name), null);
        } catch (RuntimeException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, "Lesson " + name + ": " + e.getMessage());
        }
    }

    private void savePreset() {
        ExperimentPreset p = vm.preset();
        if (p == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save experiment");
        chooser.setInitialFileName(p.name() + ".json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment (JSON)", "*.json"));
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            try {
                p.write(f.toPath());
                vm.post(LabViewModel.Notice.Severity.INFO, "Saved " + f.getName());
            } catch (java.io.IOException e) {
                vm.post(LabViewModel.Notice.Severity.ERROR, f.getName() + ": cannot be written (" + e.getMessage()
                        + ")");
            }
        }
    }

    private void exportAll() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export all: choose or create a folder");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            exportAllTo(dir.toPath());
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
                vm.post(LabViewModel.Notice.Severity.ERROR, "Export to " + dir + " failed: "
                        + LabViewModel.messageOf(error));
            } else {
                vm.post(LabViewModel.Notice.Severity.INFO, "Exported " + files.size() + " files to " + dir
                        + " — open report.html in a browser.");
            }
        }));
    }

    private void saveCheckpoint() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save task-A checkpoint");
        chooser.setInitialFileName(vm.preset().name() + "-task-a.ewcckpt");
        File f = chooser.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        try {
            vm.saveCheckpoint(f.toPath());
            vm.post(LabViewModel.Notice.Severity.INFO, "Saved task A to " + f.getName()
                    + ": open the same experiment next time and load it to skip Train A.");
        } catch (java.io.IOException | RuntimeException e) {
            vm.post(LabViewModel.Notice.Severity.ERROR, f.getName() + ": not saved (" + e.getMessage() + ")");
        }
    }

    private void loadCheckpoint() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load task-A checkpoint");
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            vm.loadCheckpoint(f.toPath());
        }
    }

    private void loadIdx(int index) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder with IDX files (train/test images and labels)");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            loadIdxFolder(index, dir.toPath());
        }
    }

    /** Uses the IDX files of a folder as a task, or says which file is missing. */
    void loadIdxFolder(int index, Path dir) {
        var files = TaskChoice.idxFilesIn(dir);
        if (files.isEmpty()) {
            vm.post(LabViewModel.Notice.Severity.ERROR, dir + ": needs four IDX files whose names contain "
                    + "train/test (or t10k) and images/labels, e.g. train-images-idx3-ubyte.gz.");
            return;
        }
        useTask(index, TaskChoice.idx(dir.getFileName().toString(), files.get()));
    }

    private void loadCsv(int index) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setTitle("Training CSV (label column first or named 'label')");
        File train = chooser.showOpenDialog(stage);
        if (train == null) {
            return;
        }
        chooser.setTitle("Test CSV");
        chooser.setInitialDirectory(train.getParentFile());
        File test = chooser.showOpenDialog(stage);
        if (test != null) {
            String name = train.getName().replaceFirst("(?i)[-_]?train.*", "");
            useTask(index, TaskChoice.csv(name.isBlank() ? "csv" : name, train.toPath(), test.toPath()));
        }
    }

    private void loadFolder(int index) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Image folder with train/ and test/, each with one sub-folder per class");
        File dir = chooser.showDialog(stage);
        if (dir == null) {
            return;
        }
        Path train = dir.toPath().resolve("train");
        Path test = dir.toPath().resolve("test");
        if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
            vm.post(LabViewModel.Notice.Severity.ERROR, dir + ": needs sub-folders train/ and test/, each with one "
                    + "folder of PNG or JPEG images per class.");
            return;
        }
        useTask(index, TaskChoice.folder(dir.getName(), train, test));
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
        acc.setTooltip(tip("While a run trains: accuracy on the live curve's held-out subset of each test set. "
                + "Once it has finished: accuracy on the full test sets — the numbers of the accuracy matrix."));
        acc.getStyleClass().add("accuracy-readout");
        acc.textProperty().bind(vm.accuracyReadoutProperty());
        Label device = new Label();
        device.getStyleClass().add("device");
        device.textProperty().bind(vm.deviceProperty());
        device.setTooltip(tip("Where training runs. Threads: see README (one thread is fastest on a small machine)."));
        HBox bar1 = new HBox(status, acc, bar, left, device);
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
        charts.setLook(vm.darkProperty().get(), vm.presentationProperty().get());
    }
}
