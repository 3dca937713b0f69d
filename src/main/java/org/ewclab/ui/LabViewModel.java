package org.ewclab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.data.DatasetFormatException;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskLoader;
import org.ewclab.data.TaskSpec;
import org.ewclab.data.TaskSpecException;
import org.ewclab.engine.ExperimentPlan;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.i18n.Texts;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.RunResult;
import org.ewclab.engine.TaskCheckpoint;
import org.ewclab.engine.TrainingStoppedException;

/**
 * The lab window's state and actions, with no controls in it (testable without a stage). Training runs on the
 * {@code trainer} executor; completions come back through the {@code ui} executor (the FX thread in the app, inline in
 * tests). Per-step data never goes through the ui executor: the engine writes into the {@link ExperimentLog}, and the
 * window's pulse calls {@link #refresh()} at a bounded rate to pull the latest state.
 */
public final class LabViewModel {

    /** Where the lesson stands. */
    public enum Phase {
        /** Data is loading or nothing is trained yet. */
        NO_TASK_A,
        LOADING,
        TRAINING_A,
        /** Task A is trained: its checkpoint is ready for Train B and Compare all. */
        READY,
        TRAINING_B,
        COMPARING,
        /** A λ sweep: many task-B runs from the one task-A checkpoint. */
        SWEEPING
    }

    /** A message for the user: an error (bad file, diverged run) or information. */
    public record Notice(Severity severity, String text) {
        public enum Severity { INFO, WARNING, ERROR }
    }

    private final Executor trainer;
    private final Executor ui;
    private final ExperimentLog log = new ExperimentLog();
    /** The runs' parameter paths for the Landscape tab, and the landscape computed last (null: none yet). */
    private final org.ewclab.analysis.landscape.LandscapeLog landscapeLog =
            new org.ewclab.analysis.landscape.LandscapeLog();
    private volatile org.ewclab.analysis.landscape.LandscapeView landscapeView;
    /** The λ sweep's runs, kept apart so a sweep never replaces the lesson's curves. */
    private final ExperimentLog sweepLog = ExperimentLog.keepingEveryRun();

    private final ReadOnlyObjectWrapper<ExperimentPreset> preset = new ReadOnlyObjectWrapper<>(this, "preset");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.NO_TASK_A);
    private final ObjectProperty<String> method = new SimpleObjectProperty<>(this, "method", ExperimentPreset.EWC);
    private final DoubleProperty lambda = new SimpleDoubleProperty(this, "lambda", 1e5);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper timeLeft = new ReadOnlyStringWrapper(this, "timeLeft", "");
    private final ReadOnlyStringWrapper accuracyReadout = new ReadOnlyStringWrapper(this, "accuracyReadout", "");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<List<TaskData>> tasks = new ReadOnlyObjectWrapper<>(this, "tasks", List.of());
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation");
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");

    private final BooleanBinding canTrainA;
    private final BooleanBinding canTrainB;
    private final BooleanBinding canStartMethodRun;
    private final BooleanBinding busy;
    /** Why the λ typed in the window is refused ("" when it is valid); Train B and Compare all wait for a valid one. */
    private final javafx.beans.property.StringProperty lambdaInputProblem =
            new javafx.beans.property.SimpleStringProperty(this, "lambdaInputProblem", "");
    /** λ per method: switching EWC (1e5) to L2 must not freeze L2 with EWC's λ. */
    private final java.util.Map<String, Double> lambdaByMethod = new java.util.HashMap<>();
    private boolean switchingMethod;
    /** The method the open lesson starts with (what a fixed method stays at). */
    private String lessonMethod;
    /** Runs of earlier contexts, newest first: kept so a change never silently drops a comparison. */
    private final javafx.collections.ObservableList<EarlierComparison> earlier =
            javafx.collections.FXCollections.observableArrayList();
    /** Bumped whenever the runs in the current picture change without a log event (context change, new result). */
    private final javafx.beans.property.ReadOnlyLongWrapper picture =
            new javafx.beans.property.ReadOnlyLongWrapper(this, "picture");
    /** How many earlier comparisons are kept (the oldest goes first). */
    static final int EARLIER_KEPT = 5;
    private RunContext context;
    private List<RunContext.TaskIdentity> taskIds = List.of();
    private TaskCheckpoint idCheckpoint;
    private String checkpointId;
    private int checkpointCounter;
    private java.util.function.Supplier<String> runningMessage = () -> "";
    /** The status bar's text as a recipe, so that a language switch can say it again in the new language. */
    private java.util.function.Supplier<String> statusText = () -> "";
    private final ObjectProperty<ExperimentPreset.SweepSpec> sweepSettings =
            new SimpleObjectProperty<>(this, "sweepSettings", DEFAULT_SWEEP);
    /** The sweep tab's settings when a lesson has no {@code sweep} section. */
    static final ExperimentPreset.SweepSpec DEFAULT_SWEEP = new ExperimentPreset.SweepSpec(
            List.of(ExperimentPreset.L2, ExperimentPreset.EWC), 1.0, 1e7, 8);

    /** How many seeds Compare all and a sweep repeat every run with (1: the lesson's seed only, as Train B). */
    private final javafx.beans.property.IntegerProperty seeds =
            new javafx.beans.property.SimpleIntegerProperty(this, "seeds", 1);
    /** The most seeds the window offers (each seed trains task A and every run again). */
    public static final int MAX_SEEDS = 10;
    /** The latest Compare all over several seeds (null: none, or replaced by a one-seed run). */
    private SeededPicture seeded;
    /** The latest λ sweep over several seeds (null: none). */
    private SeededPicture seededSweep;
    /** The log of the seed training now in a run over several seeds (null when none runs). */
    private volatile ExperimentLog liveSeedLog;
    /** Which seed trains now (1-based) and how many there are, for the status bar. */
    private volatile int liveSeed;
    private volatile int liveSeedCount;
    /** Runs per seed (task A not counted) of the run over several seeds now training. */
    private volatile int liveSeedRuns;

    private ExperimentSession session;
    private Path baseDir = Path.of(".");
    private RunControl control;
    /** The λ the engine used at the latest step of the running method run (for tests and the status bar). */
    private volatile double lambdaInForce = Double.NaN;
    private final List<RunResult> results = new ArrayList<>();
    private double firstTaskSeconds;
    private static final long SNAPSHOT_INTERVAL_NANOS = 1_000_000_000L;
    private long lastSnapshotRequest;

    public LabViewModel(Executor trainer, Executor ui) {
        this.trainer = Objects.requireNonNull(trainer);
        this.ui = Objects.requireNonNull(ui);
        busy = Bindings.createBooleanBinding(() -> switch (phase.get()) {
            case LOADING, TRAINING_A, TRAINING_B, COMPARING, SWEEPING -> true;
            default -> false;
        }, phase);
        canTrainA = Bindings.createBooleanBinding(() -> preset.get() != null && !busy.get(), preset, busy);
        canTrainB = Bindings.createBooleanBinding(() -> phase.get() == Phase.READY, phase);
        canStartMethodRun = Bindings.createBooleanBinding(() -> phase.get() == Phase.READY
                && (lambdaInputProblem.get().isEmpty() || !ExperimentPreset.hasLambda(method.get())),
                phase, lambdaInputProblem, method);
        lambda.addListener((obs, old, value) -> {
            if (switchingMethod) {
                return;
            }
            if (fixes("lambda") && ExperimentPreset.hasLambda(method.get())
                    && value.doubleValue() != lessonLambda(method.get())) {
                holdLambda(lessonLambda(method.get())); // the lesson fixes λ: the students see it, cannot move it
                return;
            }
            if (ExperimentPreset.hasLambda(method.get())) {
                lambdaByMethod.put(method.get(), value.doubleValue());
            }
            RunControl c = control;
            if (c != null && phase.get() == Phase.TRAINING_B && ExperimentPreset.hasLambda(method.get())) {
                c.setLambda(value.doubleValue());
            }
        });
        method.addListener((obs, old, m) -> {
            if (fixes("method") && lessonMethod != null && !lessonMethod.equals(m)) {
                method.set(lessonMethod); // the lesson fixes the method
                return;
            }
            if (m == null || !ExperimentPreset.hasLambda(m)) {
                return;
            }
            switchingMethod = true;
            try {
                lambda.set(lambdaFor(m));
            } finally {
                switchingMethod = false;
            }
        });
        phase.addListener((obs, old, p) -> {
            if (!busy.get()) {
                // the bar and the speed readout belong to a running job; nothing runs now
                timeLeft.set("");
                progress.set(0);
            }
        });
        device.set(ExperimentSession.device() + " · " + ExperimentSession.threads());
    }

    // ---- properties -----------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ExperimentPreset> presetProperty() {
        return preset.getReadOnlyProperty();
    }

    public ExperimentPreset preset() {
        return preset.get();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public Phase phase() {
        return phase.get();
    }

    public ObjectProperty<String> methodProperty() {
        return method;
    }

    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** 0..1, or −1 for "working, length unknown". */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeLeftProperty() {
        return timeLeft.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty accuracyReadoutProperty() {
        return accuracyReadout.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** The latest notice; a new object each time, so listeners see repeats. */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The loaded tasks (train/test data), for the sample thumbnails. */
    public ReadOnlyObjectProperty<List<TaskData>> tasksProperty() {
        return tasks.getReadOnlyProperty();
    }

    public BooleanProperty presentationProperty() {
        return presentation;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public BooleanBinding canTrainA() {
        return canTrainA;
    }

    public BooleanBinding canTrainB() {
        return canTrainB;
    }

    public BooleanBinding busy() {
        return busy;
    }

    /** Train B and Compare all: task A is trained and the λ shown is one the lab accepts (or the method is plain). */
    public BooleanBinding canStartMethodRun() {
        return canStartMethodRun;
    }

    /**
     * Why the λ typed in the window is refused, or "" when the field shows a valid λ. The window sets it as the user
     * types; while it is not empty, Train B and Compare all do nothing, so no run ever trains with a λ other than
     * the one shown.
     */
    public javafx.beans.property.StringProperty lambdaInputProblemProperty() {
        return lambdaInputProblem;
    }

    /** The runs put aside when the context changed, newest first (see {@link EarlierComparison}). */
    public javafx.collections.ObservableList<EarlierComparison> earlierComparisons() {
        return javafx.collections.FXCollections.unmodifiableObservableList(earlier);
    }

    /**
     * File → Clear results: every task-B run, the sweep and the earlier comparisons leave the charts, the matrix and
     * the export; the trained task A (its checkpoint, Fisher and curve) stays, ready for Train B.
     */
    public void clearResults() {
        if (busy.get()) {
            return;
        }
        results.clear();
        sweepLog.clear();
        seeded = null;
        seededSweep = null;
        log.clearMethodRuns();
        earlier.clear();
        picture.set(picture.get() + 1);
        if (phase.get() == Phase.READY) {
            say(() -> Texts.get("status.resultsCleared"));
        }
        refresh();
    }

    /** Forgets the earlier comparisons (the matrix tab's "Clear"). */
    public void clearEarlierComparisons() {
        earlier.clear();
        picture.set(picture.get() + 1);
    }

    /** Changes whenever the runs of the picture change without a log event, so the window knows to redraw. */
    public javafx.beans.property.ReadOnlyLongProperty pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /** The context of the runs shown now (null before task A is trained). */
    public RunContext context() {
        return context;
    }

    /** The sweep tab's methods, λ range and points: the lesson's {@code sweep} section, or the defaults. */
    public ReadOnlyObjectProperty<ExperimentPreset.SweepSpec> sweepSettingsProperty() {
        return sweepSettings;
    }

    /** The task names of the current picture: the context's, or the preset's before task A is trained. */
    public List<String> taskNames() {
        if (context != null) {
            return context.taskNames();
        }
        ExperimentPreset p = preset.get();
        return p == null ? List.of() : p.tasks().stream().map(TaskSpec::name).toList();
    }

    public ExperimentLog log() {
        return log;
    }

    public ExperimentLog sweepLog() {
        return sweepLog;
    }

    /** The finished runs of the latest λ sweep (plain first), in the order they finished. */
    public List<RunResult> sweepResults() {
        List<RunResult> out = new ArrayList<>();
        for (ExperimentLog.RunTrace r : shownSweepLog().snapshot().runs()) {
            if (r.result() != null) {
                out.add(r.result());
            }
        }
        return out;
    }

    /** The λ the running method used at its latest step (NaN before any); what the loss chart shows. */
    public double lambdaInForce() {
        return lambdaInForce;
    }

    /** Runs finished in this session (for results.json export). */
    public List<RunResult> results() {
        return List.copyOf(results);
    }

    public ExperimentSession session() {
        return session;
    }

    // ---- actions --------------------------------------------------------------------------------------------

    /**
     * Opens a preset: loads its tasks in the background, then sets it as the lab's experiment. A bad preset or data
     * file gives an error notice and leaves the current experiment (and its trained task A) untouched.
     */
    public CompletableFuture<Void> open(ExperimentPreset newPreset, Path presetDir) {
        Objects.requireNonNull(newPreset);
        return change(newPreset, presetDir == null ? baseDir : presetDir, true);
    }

    /**
     * Edits the experiment. If only later tasks, training or Fisher options change, the trained task A is kept (the
     * lab never throws away the network when the task changes); a new model, first task or seed needs Train A again.
     */
    public CompletableFuture<Void> edit(ExperimentPreset edited) {
        return change(edited, baseDir, false);
    }

    /** Replaces one task of the experiment (e.g. from the task-B picker). */
    public CompletableFuture<Void> setTask(int index, TaskSpec spec) {
        ExperimentPreset p = preset.get();
        List<TaskSpec> specs = new ArrayList<>(p.tasks());
        specs.set(index, spec);
        return edit(p.withTasks(specs));
    }

    private CompletableFuture<Void> change(ExperimentPreset candidate, Path dir, boolean reopen) {
        if (busy.get()) {
            post(Notice.Severity.WARNING, Texts.get("notice.stopFirst"));
            return CompletableFuture.completedFuture(null);
        }
        ExperimentPreset validated;
        try {
            validated = candidate.validated();
        } catch (RuntimeException e) {
            post(Notice.Severity.ERROR, Texts.fmt("notice.notChanged", e.getMessage()));
            return CompletableFuture.completedFuture(null);
        }
        String fixedParts = reopen ? "" : fixedChange(preset.get(), validated);
        if (!fixedParts.isEmpty()) {
            post(Notice.Severity.WARNING, Texts.fmt("notice.fixedValue", fixedParts));
            return CompletableFuture.completedFuture(null);
        }
        ExperimentPreset before = preset.get();
        TaskCheckpoint keep = reopen || session == null ? null : session.firstTaskCheckpoint().orElse(null);
        boolean keepA = keep != null && sameFirstTask(before, validated);
        Phase phaseBefore = phase.get();
        phase.set(Phase.LOADING);
        say(() -> Texts.fmt("status.loading", describeTasks(validated)));
        progress.set(-1);
        return CompletableFuture.supplyAsync(() -> {
            ExperimentSession opened = openSession(validated, dir);
            List<RunContext.TaskIdentity> ids = new ArrayList<>();
            for (int i = 0; i < opened.tasks().size(); i++) {
                ids.add(RunContext.identify(validated.tasks().get(i), opened.tasks().get(i)));
            }
            return java.util.Map.entry(opened, List.copyOf(ids));
        }, trainer).handleAsync((openedAndIds, error) -> {
            progress.set(0);
            if (error != null) {
                phase.set(phaseBefore);
                say(() -> Texts.get("status.ready"));
                post(Notice.Severity.ERROR, messageOf(error));
                return null;
            }
            ExperimentSession opened = openedAndIds.getKey();
            if (reopen) {
                notice.set(null); // a notice about the previous lesson says nothing about this one
            }
            ExperimentSession old = session;
            session = opened;
            taskIds = openedAndIds.getValue();
            baseDir = dir;
            preset.set(validated);
            tasks.set(opened.tasks());
            if (old != null) {
                old.close();
            }
            boolean kept = false;
            if (keepA) {
                try {
                    opened.useCheckpoint(keep);
                    kept = true;
                } catch (RuntimeException e) {
                    post(Notice.Severity.INFO, Texts.fmt("notice.retrainA", e.getMessage()));
                }
            }
            if (reopen) {
                sweepSettings.set(validated.sweep() != null ? validated.sweep() : DEFAULT_SWEEP);
                seeds.set(Math.min(MAX_SEEDS, validated.seedList().size()));
                lambdaByMethod.clear();
                lessonMethod = null; // the new lesson's own choice below is not refused by the old one's
                validated.methods().stream().filter(m -> ExperimentPreset.hasLambda(m.method()))
                        .reduce((a, b) -> b.method().equals(ExperimentPreset.EWC) ? b : a)
                        .ifPresent(m -> method.set(m.method()));
                lessonMethod = method.get();
                if (ExperimentPreset.hasLambda(method.get())) {
                    switchingMethod = true;
                    try {
                        lambda.set(lambdaFor(method.get()));
                    } finally {
                        switchingMethod = false;
                    }
                }
            }
            if (kept) {
                phase.set(Phase.READY);
                say(() -> Texts.get("status.taskAKept"));
                boolean refisher = !Objects.equals(before.fisher(), validated.fisher());
                reconcile(refisher ? null : currentContext());
                if (refisher) {
                    refisher(validated);
                }
            } else {
                log.clear();
                reconcile(null);
                phase.set(Phase.NO_TASK_A);
                say(() -> reopen ? Texts.fmt("status.lessonReady", LessonTexts.title(validated))
                        : Texts.get("status.settingsChanged"));
            }
            refresh();
            return null;
        }, ui);
    }

    private ExperimentSession openSession(ExperimentPreset p, Path dir) {
        return ExperimentSession.open(p, spec -> {
            try {
                return TaskLoader.load(spec, dir);
            } catch (DatasetFormatException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static boolean sameFirstTask(ExperimentPreset a, ExperimentPreset b) {
        return a != null && a.tasks().get(0).equals(b.tasks().get(0)) && a.model().equals(b.model())
                && Objects.equals(a.seed(), b.seed()) && a.optimizer().equals(b.optimizer())
                && a.training().epochs().equals(b.training().epochs())
                && a.training().batchSize().equals(b.training().batchSize());
    }

    private void refisher(ExperimentPreset p) {
        TaskCheckpoint cp = session.firstTaskCheckpoint().orElseThrow();
        ExperimentSession s = session;
        phase.set(Phase.TRAINING_A);
        say(() -> Texts.fmt("status.refisher", p.fisher().variant()));
        progress.set(-1);
        CompletableFuture.supplyAsync(() -> s.withFisher(cp, p.fisher(), log), trainer).handleAsync((newCp, error) -> {
            progress.set(0);
            if (error != null) {
                post(Notice.Severity.ERROR, Texts.fmt("notice.fisherNotRe", messageOf(error)));
            } else if (s == session) {
                s.useCheckpoint(newCp);
                say(() -> Texts.fmt("status.refisherDone", p.fisher().variant()));
            }
            phase.set(Phase.READY);
            reconcile(currentContext());
            refresh();
            return null;
        }, ui);
    }

    /** Train A: a fresh seeded network on the first task, then its Fisher; the checkpoint every later run forks from. */
    public CompletableFuture<Void> trainA() {
        if (!canTrainA.get() || session == null) {
            return CompletableFuture.completedFuture(null);
        }
        control = new RunControl();
        paused.set(false);
        reconcile(null); // a new task A: the runs forked from the old one are put aside
        phase.set(Phase.TRAINING_A);
        String taskA = taskName(0);
        runningMessage = () -> Texts.fmt("status.trainingA", taskA);
        say(runningMessage);
        ExperimentSession s = session;
        RunControl c = control;
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> s.trainFirstTask(c, listener()), trainer)
                .handleAsync((cp, error) -> {
                    control = null;
                    paused.set(false);
                    if (error != null) {
                        phase.set(Phase.NO_TASK_A);
                        Throwable cause = unwrap(error);
                        if (cause instanceof TrainingStoppedException stopped && !stopped.diverged()) {
                            say(() -> Texts.get("status.taskAStopped"));
                        } else {
                            say(() -> Texts.get("status.taskANotFinished"));
                            post(Notice.Severity.ERROR, messageOf(error));
                        }
                        return null;
                    }
                    firstTaskSeconds = (System.nanoTime() - start) / 1e9;
                    phase.set(Phase.READY);
                    progress.set(1);
                    reconcile(currentContext());
                    String name = taskName(0);
                    double a = 100 * cp.accuracy()[0][0];
                    say(() -> Texts.fmt("status.taskATrained", name, a));
                    refresh();
                    return null;
                }, ui);
    }

    /** Train B: the chosen method and λ from the task-A checkpoint; λ may move while it trains. */
    public CompletableFuture<Void> trainB() {
        if (!canTrainB.get() || refusedLambda()) {
            return CompletableFuture.completedFuture(null);
        }
        MethodSpec m = currentMethod();
        String taskB = taskName(1);
        return runMethods(List.of(m), Phase.TRAINING_B, () -> Texts.fmt("status.trainingB", taskB, describe(m)));
    }

    /** Compare all: every method of the preset (with the λ shown for the selected one) from the same checkpoint. */
    public CompletableFuture<Void> compareAll() {
        if (!canTrainB.get() || refusedLambda()) {
            return CompletableFuture.completedFuture(null);
        }
        List<MethodSpec> methods = compareMethods();
        if (seeds.get() > 1) {
            return runSeeded(seededPlan(methods, null), Phase.COMPARING, false);
        }
        log.clearMethodRuns();
        int n = methods.size();
        return runMethods(methods, Phase.COMPARING, () -> Texts.fmt("status.comparing", n));
    }

    /** The methods Compare all trains: the preset's, with plain first and every method present once. */
    List<MethodSpec> compareMethods() {
        List<MethodSpec> out = new ArrayList<>();
        out.add(MethodSpec.of(ExperimentPreset.PLAIN, 0));
        boolean chosenDone = false;
        for (MethodSpec m : preset.get().methods()) {
            // the chosen method's first entry runs with the λ shown; a second entry of one method with other
            // knobs (EWC and EWC + distillation) is a run of its own
            MethodSpec run = m.method().equals(method.get()) && !chosenDone ? currentMethod() : m;
            chosenDone |= m.method().equals(method.get());
            boolean plainAgain = ExperimentPreset.PLAIN.equals(m.method());
            if (!plainAgain && !out.contains(run)) {
                out.add(run);
            }
        }
        if (out.stream().noneMatch(o -> o.method().equals(method.get()))) {
            out.add(currentMethod());
        }
        return out;
    }

    private CompletableFuture<Void> runMethods(List<MethodSpec> methods, Phase running,
            java.util.function.Supplier<String> message) {
        ExperimentSession s = session;
        TaskCheckpoint cp = s.firstTaskCheckpoint().orElse(null);
        if (cp == null) {
            return CompletableFuture.completedFuture(null);
        }
        putAsideSeeded(false); // a one-seed run replaces the picture over several seeds
        control = new RunControl();
        paused.set(false);
        phase.set(running);
        runningMessage = message;
        say(message);
        RunControl c = control;
        RunContext started = context;
        return CompletableFuture.supplyAsync(() -> s.runAll(cp, methods, c, listener()), trainer)
                .handleAsync((runs, error) -> {
                    control = null;
                    paused.set(false);
                    phase.set(Phase.READY);
                    if (error != null) {
                        say(() -> Texts.get("status.notFinished"));
                        post(Notice.Severity.ERROR, messageOf(error));
                        refresh();
                        return null;
                    }
                    StringBuilder summary = new StringBuilder();
                    List<String> diverged = new ArrayList<>();
                    for (RunResult r : runs) {
                        if (Objects.equals(started, context)) {
                            results.removeIf(old -> old.method().equals(r.method()) && !old.sweep());
                            results.add(r);
                        }
                        if (r.diverged()) {
                            diverged.add(r.message() != null ? r.message()
                                    : ExperimentLog.runLabel(r) + " diverged.");
                        }
                        if (summary.length() > 0) {
                            summary.append("  ·  ");
                        }
                        summary.append(summarise(r));
                    }
                    if (!diverged.isEmpty()) {
                        post(Notice.Severity.ERROR, String.join("\n", diverged));
                    }
                    boolean stopped = runs.stream().anyMatch(RunResult::stopped) || c.isStopped();
                    progress.set(stopped ? 0 : 1);
                    String done = summary.toString();
                    say(() -> Texts.fmt(stopped ? "status.stopped" : "status.done", done));
                    picture.set(picture.get() + 1);
                    refresh();
                    return null;
                }, ui);
    }

    /**
     * λ sweep: plain once, then each method at each λ of a log range, every run forked from the task-A checkpoint.
     * The sweep charts fill as runs finish. A bad range gets an error notice naming the field.
     */
    public CompletableFuture<Void> sweep(List<String> methods, double lambdaMin, double lambdaMax, int points) {
        return sweep(new ExperimentPreset.SweepSpec(methods, lambdaMin, lambdaMax, points));
    }

    /**
     * A sweep of any knob: λ as above, or another knob of one or more methods at the spec's values (e.g. replay's
     * memory at 10, 50, 200, 1000), each run starting from the method as this lesson sets it. Plain runs once first.
     * A bad spec (a knob the method lacks, a value out of range) gets an error notice naming the field.
     */
    public CompletableFuture<Void> sweep(ExperimentPreset.SweepSpec wanted) {
        if (!canTrainB.get()) {
            return CompletableFuture.completedFuture(null);
        }
        ExperimentPreset p = preset.get();
        ExperimentPreset.SweepSpec spec;
        List<MethodSpec> lessonMethods;
        // a knob sweep of a method with a penalty (EWC++'s β, SI's ξ) needs its λ: the lesson's, else the slider's
        List<MethodSpec> base = new ArrayList<>(p.methods());
        if (wanted.knob() != null && !ExperimentPreset.SweepSpec.LAMBDA.equals(wanted.knob())) {
            for (String m : wanted.methods()) {
                if (ExperimentPreset.hasLambda(m) && base.stream().noneMatch(b -> b.method().equals(m))) {
                    base.add(MethodSpec.of(m, lambda.get()));
                }
            }
        }
        try {
            ExperimentPreset v = new ExperimentPreset(p.name(), p.title(), p.description(), p.seed(), p.tasks(),
                    p.model(), p.optimizer(), p.training(), p.fisher(), base, wanted, p.ui()).validated();
            spec = v.sweep();
            lessonMethods = v.methods();
        } catch (RuntimeException e) {
            post(Notice.Severity.ERROR, Texts.fmt("notice.sweepNotStarted", e.getMessage()));
            return CompletableFuture.completedFuture(null);
        }
        if (seeds.get() > 1) {
            List<MethodSpec> seededMethods = new ArrayList<>(List.of(MethodSpec.of(ExperimentPreset.PLAIN, 0)));
            if (spec.knob() != null && !ExperimentPreset.SweepSpec.LAMBDA.equals(spec.knob())) {
                // a knob sweep of a method with a penalty starts from the lesson's entry of it (its λ), which runs too
                for (String m : spec.methods()) {
                    if (ExperimentPreset.hasLambda(m)) {
                        lessonMethods.stream().filter(b -> b.method().equals(m)).findFirst()
                                .ifPresent(seededMethods::add);
                    }
                }
            }
            return runSeeded(seededPlan(seededMethods, spec), Phase.SWEEPING, true);
        }
        List<ExperimentPlan.SweepRun> runs = new ArrayList<>();
        runs.add(new ExperimentPlan.SweepRun(MethodSpec.of(ExperimentPreset.PLAIN, 0), null));
        runs.addAll(ExperimentPlan.sweepRuns(spec, lessonMethods));
        ExperimentSession s = session;
        TaskCheckpoint cp = s.firstTaskCheckpoint().orElse(null);
        if (cp == null) {
            return CompletableFuture.completedFuture(null);
        }
        sweepLog.clear();
        putAsideSeeded(true);
        control = new RunControl();
        paused.set(false);
        phase.set(Phase.SWEEPING);
        int runCount = runs.size();
        runningMessage = () -> Texts.fmt("status.sweeping", runCount);
        say(runningMessage);
        RunControl c = control;
        return CompletableFuture.supplyAsync(() -> s.runSweepRuns(cp, runs, c, sweepLog), trainer)
                .handleAsync((done, error) -> {
                    control = null;
                    paused.set(false);
                    phase.set(Phase.READY);
                    if (error != null) {
                        say(() -> Texts.get("status.sweepNotFinished"));
                        post(Notice.Severity.ERROR, messageOf(error));
                    } else {
                        List<String> diverged = done.stream().filter(RunResult::diverged).map(ExperimentLog::runLabel)
                                .toList();
                        progress.set(c.isStopped() ? 0 : 1);
                        boolean sweepStopped = c.isStopped();
                        int finished = done.size();
                        say(() -> Texts.fmt(sweepStopped ? "status.sweepStopped" : "status.sweepDone", finished,
                                diverged.isEmpty() ? "" : Texts.fmt("status.sweepDiverged", diverged.size(),
                                        String.join(", ", diverged))));
                    }
                    picture.set(picture.get() + 1);
                    refresh();
                    return null;
                }, ui);
    }

    // ---- several seeds --------------------------------------------------------------------------------------

    /**
     * A comparison repeated over several seeds: the engine's result (every seed's runs, each with its seed) and each
     * seed's event log (task A and its runs), in seed order. The window shows it as mean ± standard error.
     */
    public static final class SeededPicture {
        private final org.ewclab.engine.ExperimentResult result;
        private final List<ExperimentLog> logs;
        private final List<ExperimentLog.Snapshot> snapshots;
        private org.ewclab.export.Plot accuracy;

        SeededPicture(org.ewclab.engine.ExperimentResult result, List<ExperimentLog> logs) {
            this.result = result;
            this.logs = List.copyOf(logs);
            this.snapshots = this.logs.stream().map(ExperimentLog::snapshot).toList();
        }

        public org.ewclab.engine.ExperimentResult result() {
            return result;
        }

        public List<Long> seeds() {
            return result.seeds();
        }

        /** Every seed's runs. */
        public List<RunResult> runs() {
            return result.runs();
        }

        /** Per method and λ: mean ± SE of every figure ({@link org.ewclab.engine.SeedSummary}). */
        public List<org.ewclab.engine.SeedSummary> summary() {
            return result.summary();
        }

        /** Each seed's curves, in seed order. */
        public List<ExperimentLog.Snapshot> perSeed() {
            return snapshots;
        }

        /** The first seed's log: the charts of one network's insides (loss, Fisher, drift) show it. */
        ExperimentLog firstLog() {
            return logs.get(0);
        }

        /** The forgetting curve over the seeds: the mean with a band of ± 1 SE (the same plot {@code run --charts} writes). */
        public synchronized org.ewclab.export.Plot accuracyPlot() {
            if (accuracy == null) {
                accuracy = org.ewclab.export.SeedCharts.accuracy(snapshots);
            }
            return accuracy;
        }
    }

    /** How many seeds Compare all and a sweep run (1–{@link #MAX_SEEDS}); a lesson's {@code seeds} list sets it. */
    public javafx.beans.property.IntegerProperty seedsProperty() {
        return seeds;
    }

    /**
     * The seeds a run over {@link #seedsProperty()} seeds uses: the lesson's {@code seeds} list (or its seed) first,
     * then the whole numbers after the lesson's seed that the list does not hold yet (seed, seed + 1, …).
     */
    public List<Long> seedList() {
        ExperimentPreset p = preset.get();
        int n = Math.max(1, Math.min(MAX_SEEDS, seeds.get()));
        List<Long> lesson = p == null ? List.of(0L) : p.seedList();
        List<Long> out = new ArrayList<>(lesson.subList(0, Math.min(n, lesson.size())));
        long next = p == null || p.seed() == null ? lesson.get(0) : p.seed();
        while (out.size() < n) {
            if (!out.contains(next)) {
                out.add(next);
            }
            next++;
        }
        return List.copyOf(out);
    }

    /** The latest Compare all over several seeds, or null (none, or a one-seed run replaced it). */
    public SeededPicture seededComparison() {
        return seeded;
    }

    /** The latest λ sweep over several seeds, or null. */
    public SeededPicture seededSweep() {
        return seededSweep;
    }

    /** The lesson with {@code methods}, {@code sweep} and the seeds to run: what a run over several seeds trains. */
    private ExperimentPreset seededPlan(List<MethodSpec> methods, ExperimentPreset.SweepSpec sweep) {
        ExperimentPreset p = preset.get();
        return new ExperimentPreset(p.name(), p.title(), p.description(), p.seed(), p.tasks(), p.model(),
                p.optimizer(), p.training(), p.fisher(), methods, sweep, p.ui(), seedList());
    }

    /**
     * Compare all (or a sweep) over several seeds on the trainer: per seed, task A trained from that seed, then
     * every run forked from it ({@link org.ewclab.engine.SeededExperiment}). The live charts follow the seed that
     * trains; when done, the window shows mean ± SE over the seeds.
     */
    private CompletableFuture<Void> runSeeded(ExperimentPreset plan, Phase running, boolean sweep) {
        ExperimentSession s = session;
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<TaskData> data = s.tasks();
        List<org.ewclab.engine.ExperimentPlan.Unit> units = org.ewclab.engine.ExperimentPlan.units(plan);
        int n = plan.seedList().size();
        int perSeed = units.size() / n;
        control = new RunControl();
        paused.set(false);
        List<ExperimentLog> logs = java.util.Collections.synchronizedList(new ArrayList<>());
        liveSeedCount = n;
        liveSeedRuns = perSeed;
        liveSeed = 0;
        phase.set(running);
        runningMessage = () -> {
            ExperimentLog l = liveSeedLog;
            String what = "";
            if (l != null) {
                ExperimentLog.RunTrace last = lastShown(l.snapshot());
                what = last == null ? "" : last.firstTask() ? Texts.fmt("status.seedTaskA", taskName(0))
                        : last.label();
            }
            return Texts.fmt(sweep ? "status.seedSweeping" : "status.seedComparing", Math.max(1, liveSeed), n,
                    perSeed, what);
        };
        say(runningMessage);
        RunControl c = control;
        RunContext started = context;
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> org.ewclab.engine.SeededExperiment.run(plan, data, units, c,
                seed -> {
                    ExperimentLog l = sweep ? ExperimentLog.keepingEveryRun() : new ExperimentLog();
                    logs.add(l);
                    liveSeedLog = l;
                    liveSeed = logs.size();
                    return l;
                }), trainer).handleAsync((outcome, error) -> {
                    control = null;
                    liveSeedLog = null;
                    paused.set(false);
                    phase.set(Phase.READY);
                    if (error != null) {
                        say(() -> Texts.get(sweep ? "status.sweepNotFinished" : "status.notFinished"));
                        if (unwrap(error) instanceof TrainingStoppedException stoppedA && !stoppedA.diverged()) {
                            // Stop while a seed's task A trained: the engine keeps no partial result over seeds
                            post(Notice.Severity.INFO, Texts.get("notice.seedsStoppedInA"));
                        } else {
                            post(Notice.Severity.ERROR, messageOf(error));
                        }
                        picture.set(picture.get() + 1);
                        refresh();
                        return null;
                    }
                    org.ewclab.engine.ExperimentResult r = outcome.result();
                    if (!r.runs().isEmpty() && Objects.equals(started, context)) {
                        SeededPicture pic = new SeededPicture(r, logs);
                        if (sweep) {
                            seededSweep = pic;
                            sweepLog.clear();
                        } else {
                            seeded = pic;
                            results.clear();
                            log.clearMethodRuns();
                        }
                    }
                    List<String> diverged = r.runs().stream().filter(RunResult::diverged)
                            .map(x -> Texts.get("report.seed") + " " + x.seed() + " · " + ExperimentLog.runLabel(x))
                            .toList();
                    if (!diverged.isEmpty()) {
                        post(Notice.Severity.ERROR, Texts.fmt("notice.seedsDiverged", String.join(", ", diverged)));
                    }
                    boolean stopped = c.isStopped();
                    progress.set(stopped ? 0 : 1);
                    String done = sweep ? "" : summariseSeeds(r);
                    int seedsDone = (int) r.runs().stream().map(RunResult::seed).distinct().count();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    say(() -> Texts.fmt(stopped ? "status.seedsStopped" : "status.seedsDone", seedsDone, seconds,
                            done));
                    picture.set(picture.get() + 1);
                    refresh();
                    return null;
                }, ui);
    }

    /** "EWC λ=1e5: mnist 94.0% ± 0.3, fashion 82.7% ± 0.2 · …": the last row of each mean matrix, ± one SE. */
    private String summariseSeeds(org.ewclab.engine.ExperimentResult r) {
        StringBuilder sb = new StringBuilder();
        for (org.ewclab.engine.SeedSummary g : r.summary()) {
            if (sb.length() > 0) {
                sb.append("  ·  ");
            }
            sb.append(ExperimentLog.runLabel(g.method(), g.lambda())).append(':');
            org.ewclab.engine.MeanSe[][] acc = g.accuracy();
            org.ewclab.engine.MeanSe[] last = acc[acc.length - 1];
            for (int t = 0; t < last.length; t++) {
                sb.append(t == 0 ? " " : ", ").append(taskName(t)).append(' ').append(meanSe(last[t]));
            }
        }
        return sb.toString();
    }

    /** "94.0% ± 0.3" (the SE in percentage points), "94.0%" with one value, "–" with none. */
    public static String meanSe(org.ewclab.engine.MeanSe m) {
        if (!Double.isFinite(m.mean())) {
            return "–";
        }
        String mean = String.format(java.util.Locale.ROOT, "%.1f%%", 100 * m.mean());
        return Double.isFinite(m.se()) ? mean + String.format(java.util.Locale.ROOT, " ± %.1f", 100 * m.se()) : mean;
    }

    /** A seeded picture about to be replaced by a one-seed run is put aside, never dropped silently. */
    private void putAsideSeeded(boolean sweep) {
        SeededPicture pic = sweep ? seededSweep : seeded;
        if (pic == null || context == null) {
            return;
        }
        String why = Texts.fmt("notice.whySeeds", pic.seeds().size());
        earlier.add(0, new EarlierComparison(context, sweep ? List.of() : pic.runs(), sweep ? pic.runs() : List.of(),
                why));
        while (earlier.size() > EARLIER_KEPT) {
            earlier.remove(earlier.size() - 1);
        }
        if (sweep) {
            seededSweep = null;
        } else {
            seeded = null;
        }
        picture.set(picture.get() + 1);
    }

    /** The log the lesson's charts draw: the seed training now, the first seed of a seeded comparison, or the lesson's. */
    public ExperimentLog shownLog() {
        ExperimentLog live = liveSeedLog;
        if (live != null && phase.get() == Phase.COMPARING) {
            return live;
        }
        SeededPicture pic = seeded;
        return pic != null ? pic.firstLog() : log;
    }

    /** The log the sweep tab draws while a sweep runs: the seed training now in a sweep over several seeds. */
    ExperimentLog shownSweepLog() {
        ExperimentLog live = liveSeedLog;
        return live != null && phase.get() == Phase.SWEEPING ? live : sweepLog;
    }

    /** Saves the task-A checkpoint (model, optimizer state, Fisher, anchor) so a class can start from it at once. */
    public void saveCheckpoint(Path file) throws java.io.IOException {
        TaskCheckpoint cp = session == null ? null : session.firstTaskCheckpoint().orElse(null);
        if (cp == null) {
            throw new IllegalStateException("there is no trained task A to save: press Train A first");
        }
        cp.save(file);
    }

    /** A loaded checkpoint and the importance event (Fisher, SI, MAS) the charts show for it. */
    private record LoadedWithImportance(ExperimentSession.LoadedCheckpoint loaded,
            org.ewclab.engine.LabEvent.FisherComputed importance) {
    }

    /** Loads a task-A checkpoint that fits this experiment; a file that does not fit changes nothing. */
    public CompletableFuture<Void> loadCheckpoint(Path file) {
        if (busy.get() || session == null) {
            return CompletableFuture.completedFuture(null);
        }
        ExperimentSession s = session;
        return CompletableFuture.supplyAsync(() -> {
            try {
                // refuses another model or other task data (saying what differs); re-estimates a Fisher made by
                // another estimator
                ExperimentSession.LoadedCheckpoint l = s.loadCheckpoint(file, e -> { });
                // task A's Fisher with SI's and MAS's importance, as Train A shows them (MAS: one pass over the
                // Fisher's samples, here on the trainer thread)
                return new LoadedWithImportance(l, s.importanceEvent(l.checkpoint(), "first"));
            } catch (java.io.IOException e) {
                throw new CompletionException(new java.io.IOException(file.getFileName() + ": " + e.getMessage(), e));
            }
        }, trainer).handleAsync((withImportance, error) -> {
            ExperimentSession.LoadedCheckpoint loaded = withImportance == null ? null : withImportance.loaded();
            if (error != null) {
                post(Notice.Severity.ERROR, Texts.fmt("notice.checkpointNotLoaded", messageOf(error)));
                return null;
            }
            if (s != session) {
                return null;
            }
            TaskCheckpoint cp = loaded.checkpoint();
            if (!loaded.notice().isEmpty()) {
                post(Notice.Severity.WARNING, Texts.fmt("notice.checkpointLoaded", loaded.notice()));
            }
            log.clear();
            // the checkpoint's Fisher is task A's Fisher after training: the histogram and importance map show it
            log.accept(withImportance.importance());
            firstTaskSeconds = 0;
            newCheckpointId(cp, " · " + file.getFileName());
            reconcile(currentContext());
            phase.set(Phase.READY);
            progress.set(1);
            String name = taskName(0);
            double a = 100 * cp.accuracy()[0][0];
            say(() -> Texts.fmt("status.taskALoaded", file.getFileName(), name, a));
            refresh();
            return null;
        }, ui);
    }

    /** Pause or resume the running training (within one batch). */
    public void togglePause() {
        RunControl c = control;
        if (c == null) {
            return;
        }
        if (c.isPaused()) {
            c.resume();
            paused.set(false);
            say(runningMessage);
        } else {
            c.pause();
            paused.set(true);
            say(() -> Texts.get("status.paused"));
        }
        refresh();
    }

    /** Stop the running training (within one batch); what was trained so far is kept. */
    public void stop() {
        RunControl c = control;
        if (c != null) {
            c.resume();
            c.stop();
        }
    }

    /** Reset: forget task A and every run, keep the experiment and its loaded data. */
    public void reset() {
        if (busy.get()) {
            stop();
            return;
        }
        if (session != null) {
            session.reset();
        }
        log.clear();
        reconcile(null);
        phase.set(Phase.NO_TASK_A);
        say(() -> Texts.get("status.reset"));
        refresh();
    }

    /**
     * Pulls the latest state from the log into the status properties; the window calls it at most ~30 times/s, and
     * the view model itself whenever a job ends or the context changes (so nothing stale stays on the status bar).
     * Returns the lesson log's snapshot it read, so the charts draw from the same copy.
     */
    public ExperimentLog.Snapshot refresh() {
        RunControl c = control;
        long now = System.nanoTime();
        if (c != null && (phase.get() == Phase.TRAINING_B || phase.get() == Phase.COMPARING)
                && now - lastSnapshotRequest > SNAPSHOT_INTERVAL_NANOS) {
            lastSnapshotRequest = now;
            c.requestSnapshot(); // the drift-density chart follows task B live, about once a second
        }
        ExperimentLog.Snapshot lesson = shownLog().snapshot();
        ExperimentLog.Snapshot snap = phase.get() == Phase.SWEEPING ? shownSweepLog().snapshot() : lesson;
        ExperimentLog.RunTrace current = null;
        if (busy.get()) {
            for (ExperimentLog.RunTrace r : snap.runs()) {
                if (r.status() == ExperimentLog.Status.RUNNING) {
                    current = r;
                }
            }
        }
        if (current != null && current.progress() != null) {
            LabEvent.Progress p = current.progress();
            progress.set(p.total() > 0 ? (double) p.done() / p.total() : -1);
            ExperimentLog live = liveSeedLog;
            if (live != null && p.total() > 0 && liveSeed > 0) {
                // over several seeds the bar spans them all: task A and the runs of each seed count one part each
                int parts = liveSeedCount * (liveSeedRuns + 1);
                long finished = snap.runs().stream().filter(r -> r.status() != ExperimentLog.Status.RUNNING).count();
                double done = (liveSeed - 1) * (liveSeedRuns + 1) + finished + (double) p.done() / p.total();
                progress.set(Math.min(1, done / parts));
            }
            if (paused.get()) {
                timeLeft.set(Texts.fmt("status.pausedLeft", current.label()));
            } else {
                timeLeft.set(p.etaSeconds() >= 0 && p.done() < p.total()
                        ? Texts.fmt("status.left", current.label(), p.stepsPerSecond(), formatSeconds(p.etaSeconds()))
                        : "");
            }
            if (current.lambdas().length > 0 && !current.firstTask()) {
                lambdaInForce = current.lambdas()[current.lambdas().length - 1];
            }
        } else if (!busy.get()) {
            timeLeft.set("");
        }
        accuracyReadout.set(readout(current != null ? current : lastShown(snap)));
        if (liveSeedLog != null && busy.get() && !paused.get()) {
            status.set(runningMessage.get()); // "seed 2/3 · EWC λ=1e5" follows the seed and run that train
        }
        return lesson;
    }

    /**
     * The status bar's accuracy, always saying what it measured: while a run trains, the live curve's held-out subset
     * ("live, 500 test samples"); once it has finished, the full test sets (the matrix's numbers); a diverged run says
     * "diverged" instead of an accuracy. Task A's own run shows task A only (task B is not trained yet).
     */
    String readout(ExperimentLog.RunTrace shown) {
        if (shown == null) {
            return "";
        }
        int tasksShown = shown.firstTask() ? 1 : shown.taskNames().size();
        if (shown.status() == ExperimentLog.Status.DIVERGED
                || shown.result() != null && shown.result().diverged()) {
            return Texts.fmt("status.divergedReadout", shown.label());
        }
        double[] row = null;
        if (shown.status() != ExperimentLog.Status.RUNNING) {
            if (shown.result() != null && shown.result().rows() > 0) {
                double[][] acc = shown.result().accuracy();
                row = acc[acc.length - 1];
            } else if (!shown.accuracyRows().isEmpty()) {
                int lastTask = shown.accuracyRows().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                row = shown.accuracyRows().get(lastTask);
            }
        }
        StringBuilder sb = new StringBuilder(shown.label());
        if (row != null) {
            sb.append(Texts.get("status.fullTestSet"));
            for (int t = 0; t < tasksShown && t < row.length; t++) {
                sb.append("  ").append(shown.taskNames().get(t)).append(' ').append(percent(row[t]));
            }
            return sb.toString();
        }
        float[] acc = shown.latestAccuracy();
        if (acc == null) {
            return "";
        }
        sb.append(Texts.fmt("status.live", liveSamples()));
        for (int t = 0; t < tasksShown && t < acc.length; t++) {
            sb.append("  ").append(shown.taskNames().get(t)).append(' ').append(percent(acc[t]));
        }
        return sb.toString();
    }

    /** How many held-out test samples the live curves use, in words. */
    private String liveSamples() {
        ExperimentPreset p = preset.get();
        int n = p == null ? 0 : p.training().evalSamples();
        if (n <= 0) {
            return Texts.get("status.wholeTestSet");
        }
        int smallest = Integer.MAX_VALUE;
        for (TaskData t : tasks.get()) {
            smallest = Math.min(smallest, t.test().size());
        }
        return Texts.fmt("status.testSamples", smallest < n ? "≤" : "", Math.min(n, smallest));
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format("%.1f%%", 100 * v) : "–";
    }

    /** Sets the status bar's text from a recipe that a language switch can say again. */
    private void say(java.util.function.Supplier<String> text) {
        statusText = text;
        status.set(text.get());
    }

    /**
     * The language changed: the status bar says its last message again in the new language, and the accuracy readout
     * and time left are formed anew. Runs, results and the trained task A are untouched.
     */
    public void relocalize() {
        status.set(statusText.get());
        refresh(); // the accuracy readout and the time left are formed anew, in the new language
    }

    /** Reports a problem from outside the view model (e.g. a file the window could not read). */
    public void post(Notice.Severity severity, String text) {
        notice.set(new Notice(severity, text));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Consumer<LabEvent> listener() {
        return e -> {
            log.accept(e);
            landscapeLog.accept(e);
            if (e instanceof LabEvent.RunStarted s && "first-task".equals(s.colourKey())
                    || e instanceof LabEvent.TrajectoryRecorded) {
                // a landscape drawn from other runs (or another task A) must not be exported as this one's
                landscapeView = null;
            }
        };
    }

    /** The recorded paths of the latest run of each method (the Landscape tab reads them). */
    public org.ewclab.analysis.landscape.LandscapeLog landscapeLog() {
        return landscapeLog;
    }

    /** The landscape computed last, exported with Export all; null when none is computed for this task A. */
    public org.ewclab.analysis.landscape.LandscapeView landscapeView() {
        return landscapeView;
    }

    public void setLandscapeView(org.ewclab.analysis.landscape.LandscapeView view) {
        landscapeView = view;
    }

    MethodSpec currentMethod() {
        String m = method.get();
        // the lesson's knobs for this method (replay's memory, LwF's α, …), so the window runs what the lesson says
        ExperimentPreset p = preset.get();
        MethodSpec lesson = p == null ? null : p.methods().stream().filter(s -> s.method().equals(m)).findFirst()
                .orElse(null);
        return new MethodSpec(m, ExperimentPreset.hasLambda(m) ? lambda.get() : 0.0,
                lesson == null ? null : lesson.knobs());
    }

    private String taskName(int i) {
        ExperimentPreset p = preset.get();
        return p != null && i < p.tasks().size() ? p.tasks().get(i).name() : "task " + (char) ('A' + i);
    }

    private static String describeTasks(ExperimentPreset p) {
        return String.join(", ", p.tasks().stream().map(TaskSpec::name).toList());
    }

    static String describe(MethodSpec m) {
        return switch (m.method()) {
            case ExperimentPreset.PLAIN -> Texts.get("describe.plain");
            case ExperimentPreset.L2 -> "L2 (λ=" + ExperimentLog.shortNumber(m.lambdaOrZero()) + ")";
            case ExperimentPreset.EWC -> "EWC (λ=" + ExperimentLog.shortNumber(m.lambdaOrZero()) + ")";
            case ExperimentPreset.ONLINE_EWC -> Texts.get("log.onlineEwc") + " (λ="
                    + ExperimentLog.shortNumber(m.lambdaOrZero()) + ")";
            default -> org.ewclab.export.MethodColors.methodLabel(m.method())
                    + (ExperimentPreset.hasLambda(m.method()) ? " (λ=" + ExperimentLog.shortNumber(m.lambdaOrZero())
                    + ")" : "");
        };
    }

    private String summarise(RunResult r) {
        StringBuilder sb = new StringBuilder(ExperimentLog.runLabel(r));
        if (r.diverged()) {
            return sb.append(": diverged").toString();
        }
        double[][] acc = r.accuracy();
        double[] last = acc[acc.length - 1];
        sb.append(':');
        for (int t = 0; t < last.length; t++) {
            sb.append(' ').append(taskName(t)).append(' ').append(Double.isFinite(last[t])
                    ? String.format("%.0f%%", 100 * last[t]) : "–");
        }
        return sb.toString();
    }

    /** The run the status bar speaks of when nothing trains: the last that started. */
    private static ExperimentLog.RunTrace lastShown(ExperimentLog.Snapshot snap) {
        List<ExperimentLog.RunTrace> runs = snap.runs();
        return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }

    // ---- context --------------------------------------------------------------------------------------------

    /** What a run started now would be trained in; null while there is no task-A checkpoint. */
    RunContext currentContext() {
        ExperimentSession s = session;
        TaskCheckpoint cp = s == null ? null : s.firstTaskCheckpoint().orElse(null);
        return cp == null ? null : RunContext.of(checkpointIdFor(cp), preset.get(), taskIds);
    }

    private String checkpointIdFor(TaskCheckpoint cp) {
        if (cp != idCheckpoint) {
            newCheckpointId(cp, "");
        }
        return checkpointId;
    }

    private void newCheckpointId(TaskCheckpoint cp, String suffix) {
        idCheckpoint = cp;
        checkpointId = "A" + (++checkpointCounter) + suffix;
    }

    /**
     * Makes {@code now} the context of the picture. If it differs from the context of the runs held, those runs (the
     * lesson's and the sweep's) are put aside as an earlier comparison, with a notice saying what changed; the
     * charts' method curves and the sweep are cleared. Nothing is dropped silently.
     */
    private void reconcile(RunContext now) {
        if (Objects.equals(now, context)) {
            return;
        }
        List<RunResult> sweeps = new ArrayList<>(sweepResults());
        List<RunResult> lessonRuns = new ArrayList<>(results);
        if (seeded != null) {
            lessonRuns.addAll(seeded.runs());
        }
        if (seededSweep != null) {
            sweeps.addAll(seededSweep.runs());
        }
        seeded = null;
        seededSweep = null;
        if (context != null && (!lessonRuns.isEmpty() || !sweeps.isEmpty())) {
            String why = now == null ? Texts.get("notice.whyTaskA") : now.differenceFrom(context);
            earlier.add(0, new EarlierComparison(context, lessonRuns, sweeps, why));
            while (earlier.size() > EARLIER_KEPT) {
                earlier.remove(earlier.size() - 1);
            }
            int n = lessonRuns.size() + sweeps.size();
            post(Notice.Severity.INFO, Texts.fmt("notice.putAside", n, Texts.get(n == 1 ? "notice.run" : "notice.runs"),
                    String.join(" → ", context.taskNames()), why));
        }
        results.clear();
        sweepLog.clear();
        log.clearMethodRuns();
        context = now;
        picture.set(picture.get() + 1);
    }

    /**
     * The open experiment as a lesson to hand out: its current settings, each method at the λ it has now (the one on
     * screen for the selected method; plain stays without λ), the selected method first among the penalised ones (a
     * lesson opens on EWC when it has EWC, else on its first penalised method), and {@code ui}'s hidden and fixed
     * controls.
     */
    public ExperimentPreset lessonToSave(ExperimentPreset.UiSpec ui) {
        ExperimentPreset p = preset.get();
        if (p == null) {
            throw new IllegalStateException("no experiment is open");
        }
        List<MethodSpec> methods = new ArrayList<>();
        boolean hasSelected = false;
        for (MethodSpec m : p.methods()) {
            if (ExperimentPreset.PLAIN.equals(m.method())) {
                methods.add(m);
            } else {
                hasSelected |= m.method().equals(method.get());
                methods.add(MethodSpec.of(m.method(), m.method().equals(method.get()) ? lambda.get()
                        : lambdaFor(m.method())));
            }
        }
        if (!hasSelected && !ExperimentPreset.PLAIN.equals(method.get())) {
            methods.add(MethodSpec.of(method.get(), lambda.get()));
        }
        String chosen = method.get();
        if (!ExperimentPreset.PLAIN.equals(chosen) && !ExperimentPreset.EWC.equals(chosen)) {
            MethodSpec sel = methods.stream().filter(m -> m.method().equals(chosen)).findFirst().orElseThrow();
            methods.remove(sel);
            int firstPenalised = 0;
            while (firstPenalised < methods.size()
                    && ExperimentPreset.PLAIN.equals(methods.get(firstPenalised).method())) {
                firstPenalised++;
            }
            methods.add(firstPenalised, sel);
        }
        // the seeds the window runs Compare all with (the lesson's list, or consecutive from its seed); one: none
        List<Long> runSeeds = seedList();
        return p.withMethods(methods).withUi(ui).withSeeds(runSeeds.size() > 1 ? runSeeds : null).validated();
    }

    /** Whether the open lesson fixes {@code value} ({@code ui.fixed}: method, lambda, tasks, model, training, fisher). */
    public boolean fixes(String value) {
        ExperimentPreset p = preset.get();
        return p != null && p.ui() != null && p.ui().fixes(value);
    }

    /** The λ the lesson's preset gives a method (what a fixed λ stays at). */
    private double lessonLambda(String m) {
        Double kept = lambdaByMethod.remove(m);
        try {
            return lambdaFor(m);
        } finally {
            if (kept != null) {
                lambdaByMethod.put(m, kept);
            }
        }
    }

    private void holdLambda(double value) {
        switchingMethod = true;
        try {
            lambda.set(value);
        } finally {
            switchingMethod = false;
        }
    }

    /** The parts of an edit that the lesson fixes, in words ("" when it changes none). */
    private static String fixedChange(ExperimentPreset before, ExperimentPreset after) {
        if (before == null || before.ui() == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        if (before.ui().fixes("tasks") && !before.tasks().equals(after.tasks())) {
            out.add("tasks");
        }
        if (before.ui().fixes("model") && !before.model().equals(after.model())) {
            out.add("model");
        }
        if (before.ui().fixes("training") && !before.training().equals(after.training())) {
            out.add("training");
        }
        if (before.ui().fixes("fisher") && !before.fisher().equals(after.fisher())) {
            out.add("fisher");
        }
        return String.join(", ", out);
    }

    private double lambdaFor(String m) {
        Double kept = lambdaByMethod.get(m);
        if (kept != null) {
            return kept;
        }
        ExperimentPreset p = preset.get();
        if (p != null) {
            for (String candidate : List.of(m, m.equals(ExperimentPreset.ONLINE_EWC) ? ExperimentPreset.EWC
                    : m.equals(ExperimentPreset.EWC) ? ExperimentPreset.ONLINE_EWC : m)) {
                for (MethodSpec spec : p.methods()) {
                    if (spec.method().equals(candidate)) {
                        return spec.lambdaOrZero();
                    }
                }
            }
        }
        return m.equals(ExperimentPreset.L2) ? 1 : 1e5;
    }

    /** Whether the λ field holds a value the lab refuses; if so, says why in an error notice. */
    private boolean refusedLambda() {
        String problem = lambdaInputProblem.get();
        if (problem.isEmpty() || !ExperimentPreset.hasLambda(method.get())) {
            return false;
        }
        post(Notice.Severity.ERROR, Texts.fmt("notice.notStarted", problem));
        return true;
    }

    static String formatSeconds(double s) {
        if (s < 60) {
            return String.format("%.0f s", Math.ceil(s));
        }
        return String.format("%d min %02d s", (long) s / 60, (long) s % 60);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A one-line message for the user: the file or field and the problem, never a stack trace. */
    static String messageOf(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof DatasetFormatException || t instanceof TaskSpecException) {
            return t.getMessage();
        }
        if (t instanceof TrainingStoppedException) {
            return t.getMessage();
        }
        String m = t.getMessage();
        return m != null && !m.isBlank() ? m : t.getClass().getSimpleName();
    }

    /**
     * Export all's content, taken at once on the FX thread so it is one picture: the runs of the current context only
     * (the lesson's and the sweep's), the log's curves, the task names of that context, and results.json with
     * {@code totalSeconds} = task A's training time (0 for a loaded checkpoint) + every exported run's training time.
     * Write it on any thread with {@link ExportJob#write}.
     */
    public ExportJob exportJob(List<org.ewclab.export.ImageTile> samples) {
        if (session == null) {
            throw new IllegalStateException("nothing to export: open an experiment first");
        }
        org.ewclab.export.Theme theme = dark.get() ? org.ewclab.export.Theme.dark()
                : org.ewclab.export.Theme.light();
        SeededPicture pic = seeded != null ? seeded : seededSweep;
        if (pic != null) {
            // over several seeds: every seed's runs (the comparison's and the sweep's), charts as `run --charts`
            List<RunResult> runs = new ArrayList<>();
            double first = 0;
            double total = 0;
            for (SeededPicture q : java.util.Arrays.asList(seeded, seededSweep)) {
                if (q != null) {
                    runs.addAll(q.runs());
                    first += q.result().firstTaskSeconds();
                    total += q.result().totalSeconds();
                }
            }
            org.ewclab.engine.ExperimentResult r = pic.result();
            org.ewclab.engine.ExperimentResult result = new org.ewclab.engine.ExperimentResult(r.experiment(),
                    r.seed(), r.tasks(), runs, r.fisher(), r.device(), r.threads(), first, total, r.seeds());
            ExperimentPreset p = preset.get().withSeeds(pic.seeds());
            // a sweep's logs hold every λ's curves: alone, it exports the charts drawn from results (as `merge`)
            List<ExperimentLog.Snapshot> perSeed = seeded != null ? seeded.perSeed() : List.of();
            return new ExportJob(pic.firstLog().snapshot(), List.copyOf(runs), taskNames(), lambda.get(),
                    List.copyOf(samples), result, p, theme, null, perSeed);
        }
        List<RunResult> runs = new ArrayList<>(results);
        runs.addAll(sweepResults());
        double total = firstTaskSeconds + runs.stream().mapToDouble(RunResult::trainSeconds).sum();
        org.ewclab.engine.ExperimentResult result = session.result(runs, firstTaskSeconds, total);
        return new ExportJob(log.snapshot(), List.copyOf(runs), taskNames(), lambda.get(), List.copyOf(samples),
                result, preset.get(), theme, landscapeView, List.of());
    }

    /**
     * One Export all, ready to write (see {@link #exportJob}). {@code perSeed}: each seed's curves when the runs
     * were repeated over several seeds (then the charts are {@link org.ewclab.export.SeedCharts}'s), else empty.
     */
    public record ExportJob(ExperimentLog.Snapshot snapshot, List<RunResult> runs, List<String> taskNames,
            double lambda, List<org.ewclab.export.ImageTile> samples, org.ewclab.engine.ExperimentResult result,
            ExperimentPreset preset, org.ewclab.export.Theme theme,
            org.ewclab.analysis.landscape.LandscapeView landscape, List<ExperimentLog.Snapshot> perSeed) {

        /** The charts Export all writes, by file name (with the landscape's when one was computed). */
        public java.util.Map<String, org.ewclab.export.Plot> plots() {
            java.util.Map<String, org.ewclab.export.Plot> out = new java.util.LinkedHashMap<>(result.multiSeed()
                    ? org.ewclab.export.SeedCharts.standardSet(perSeed, result, taskNames, lambda, samples)
                    : org.ewclab.export.LabCharts.standardSet(snapshot, runs, taskNames, lambda, samples));
            if (landscape != null) {
                out.putAll(org.ewclab.export.LandscapeCharts.charts(landscape));
            }
            return out;
        }

        /** Writes every chart, results.json, preset.json and report.html into {@code dir}. */
        public List<Path> write(Path dir) throws java.io.IOException {
            List<Path> written = new ArrayList<>(org.ewclab.export.ExportAll.write(dir, plots(), result, preset,
                    theme));
            if (landscape != null) {
                // the landscape's CSVs follow their own contract (u,v,loss_A,…), not the generic chart CSV
                for (Path f : org.ewclab.export.LandscapeCharts.writeCsv(dir, landscape)) {
                    if (!written.contains(f)) {
                        written.add(f);
                    }
                }
            }
            return List.copyOf(written);
        }
    }

    /** The first-task duration of this session's last Train A, for results.json. */
    public double firstTaskSeconds() {
        return firstTaskSeconds;
    }
}
