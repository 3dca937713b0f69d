package org.ewclab.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.i18n.Texts;

/**
 * One loaded experiment: its preset, its tasks' data and (once trained) its first-task checkpoint. The GUI, the
 * command line and the tests all drive training through this class:
 *
 * <pre>
 * try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
 *     TaskCheckpoint a = s.trainFirstTask(control, listener);          // task A, once
 *     RunResult plain = s.runFrom(a, MethodSpec.of("plain", 0), control, listener);
 *     RunResult ewc = s.runFrom(a, MethodSpec.of("ewc", 1e5), control, listener);   // same task-A row
 * }
 * </pre>
 *
 * The synchronous methods train on the calling thread; the {@code …Async} ones on the caller's executor and never block
 * the caller. Runs of one session never overlap (torch allows one gradient collector per JVM): a second request waits
 * for the first to end. Events go to the listener on the trainer thread.
 */
public final class ExperimentSession implements AutoCloseable {
    private final ExperimentPreset preset;
    private final List<TaskData> tasks;
    private final List<TaskArrays> arrays;
    private final ReentrantLock runLock = new ReentrantLock();
    private volatile TaskCheckpoint firstTask;
    private int runCounter;
    private volatile boolean closed;
    /** What each task is (name, sizes, data hash), computed when first asked (hashing reads every sample). */
    private final TaskCheckpoint.TaskIdentity[] identities;

    private ExperimentSession(ExperimentPreset preset, List<TaskData> tasks) {
        this.preset = preset.validated();
        this.tasks = List.copyOf(tasks);
        if (this.tasks.size() != this.preset.tasks().size()) {
            throw new IllegalArgumentException("the preset has " + this.preset.tasks().size() + " tasks but "
                    + this.tasks.size() + " were loaded");
        }
        Runner.checkCompatible(this.preset, this.tasks);
        this.arrays = Runner.arrays(this.preset, this.tasks);
        this.identities = new TaskCheckpoint.TaskIdentity[this.tasks.size()];
        // hashed here, on the thread that opens the session (the GUI opens it off the FX thread), so that comparing
        // a task-A checkpoint later (useCheckpoint on the FX thread) reads no data
        taskIdentity(0);
    }

    /** A session over tasks already loaded, in the preset's task order. */
    public static ExperimentSession open(ExperimentPreset preset, List<TaskData> tasks) {
        return new ExperimentSession(preset, tasks);
    }

    /** A session that loads each of the preset's tasks with {@code loader} (e.g. {@code TaskLoader.load(spec, dir)}). */
    public static ExperimentSession open(ExperimentPreset preset, Function<TaskSpec, TaskData> loader) {
        List<TaskData> loaded = new ArrayList<>();
        for (TaskSpec spec : preset.validated().tasks()) {
            loaded.add(loader.apply(spec));
        }
        return new ExperimentSession(preset, loaded);
    }

    /** The tasks as flat arrays (the landscape evaluator reads their test sets). */
    List<TaskArrays> arrays() {
        return arrays;
    }

    public ExperimentPreset preset() {
        return preset;
    }

    public List<TaskData> tasks() {
        return tasks;
    }

    /** Where the engine computes, for the status bar: e.g. "CPU" or "GPU 0". */
    public static String device() {
        return Runner.deviceName();
    }

    /** The torch thread settings in force, e.g. "intra-op 1, inter-op 1". */
    public static String threads() {
        return Runner.threadSettings();
    }

    /** The first-task checkpoint trained (or installed) last, if any. */
    public Optional<TaskCheckpoint> firstTaskCheckpoint() {
        return Optional.ofNullable(firstTask);
    }

    /**
     * Installs a checkpoint (e.g. one loaded from a file) as this session's first-task checkpoint. Throws
     * {@link CheckpointMismatchException} if it is not this lesson's (another model or other task data); one whose
     * Fisher was made by another estimator is installed, but EWC runs refuse it until {@link #withFisher} (or
     * {@link #adopt}) has re-estimated it.
     */
    public void useCheckpoint(TaskCheckpoint checkpoint) {
        requireUsable(checkpoint);
        firstTask = checkpoint;
    }

    /** What task {@code t} of this session is: its name, sizes and data hash. */
    public TaskCheckpoint.TaskIdentity taskIdentity(int t) {
        synchronized (identities) {
            if (identities[t] == null) {
                identities[t] = TaskCheckpoint.TaskIdentity.of(tasks.get(t));
            }
            return identities[t];
        }
    }

    /**
     * How the checkpoint differs from this lesson, in words: task data, model, optimizer, Fisher estimator (see
     * {@link CheckpointComparison}). Reads no file and trains nothing.
     */
    public CheckpointComparison compare(TaskCheckpoint checkpoint) {
        List<TaskCheckpoint.TaskIdentity> ids = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            // only the tasks the checkpoint has finished are hashed (task A for a first-task checkpoint)
            ids.add(t <= checkpoint.lastTask() ? taskIdentity(t) : new TaskCheckpoint.TaskIdentity(tasks.get(t).name(),
                    tasks.get(t).train().size(), tasks.get(t).test().size(), null));
        }
        return CheckpointComparison.of(checkpoint, preset, ids, Runner.modelKeyCached(preset, tasks));
    }

    private CheckpointComparison requireUsable(TaskCheckpoint checkpoint) {
        CheckpointComparison c = compare(checkpoint);
        if (!c.usable()) {
            throw new CheckpointMismatchException(Texts.fmt("checkpoint.notThisLesson", c.blockingMessage()), c);
        }
        return c;
    }

    /**
     * Makes a checkpoint this session's task A: refuses one of another model or other task data
     * ({@link CheckpointMismatchException}, saying what differs), re-estimates the Fisher with this lesson's estimator
     * if the checkpoint's was made by another (publishing Progress in samples and FisherComputed, like
     * {@link #withFisher}), installs the result and returns it with what was found and done.
     */
    public LoadedCheckpoint adopt(TaskCheckpoint checkpoint, Consumer<LabEvent> listener) {
        CheckpointComparison c = requireUsable(checkpoint);
        TaskCheckpoint cp = c.fisherDiffers() ? withFisher(checkpoint, preset.fisher(), listener) : checkpoint;
        firstTask = cp;
        return new LoadedCheckpoint(cp, c, c.fisherDiffers());
    }

    /**
     * Reads a checkpoint file and {@link #adopt adopts} it: the caller gets the installed checkpoint, or a
     * {@link CheckpointMismatchException} whose message says what differs, or an IOException for a bad file.
     */
    public LoadedCheckpoint loadCheckpoint(Path file, Consumer<LabEvent> listener) throws java.io.IOException {
        return adopt(TaskCheckpoint.load(file), listener);
    }

    /**
     * A checkpoint made this session's task A, with its comparison to the lesson.
     *
     * @param fisherReestimated the file's Fisher came from another estimator and was re-estimated with the lesson's
     */
    public record LoadedCheckpoint(TaskCheckpoint checkpoint, CheckpointComparison comparison,
            boolean fisherReestimated) {
        /** What the user should be told beyond "loaded" ("" if nothing): differences kept, Fisher re-estimated. */
        public String notice() {
            List<String> parts = new ArrayList<>();
            for (CheckpointComparison.Difference d : comparison.differences()) {
                parts.add(d.aspect() == CheckpointComparison.Aspect.FISHER
                        ? Texts.fmt("checkpoint.reestimated", d.message()) : d.message());
            }
            return String.join("; ", parts);
        }
    }

    /** Forgets the first-task checkpoint (the GUI's Reset). */
    public void reset() {
        firstTask = null;
    }

    /**
     * Trains the first task from a fresh seeded network, measures row 0 of the accuracy matrix, estimates that task's
     * Fisher (the preset's estimator) and returns the checkpoint every later run forks from. Throws
     * {@link TrainingStoppedException} if stopped or diverged (the listener has already heard why).
     */
    public TaskCheckpoint trainFirstTask(RunControl control, Consumer<LabEvent> listener) {
        List<TaskCheckpoint.TaskIdentity> done = List.of(taskIdentity(0));
        TaskCheckpoint cp = exclusive(() -> new Runner(preset, arrays, control, listener).trainFirstTask("first"))
                .describedBy(preset, done);
        firstTask = cp;
        return cp;
    }

    public CompletableFuture<TaskCheckpoint> trainFirstTaskAsync(Executor executor, RunControl control,
            Consumer<LabEvent> listener) {
        return CompletableFuture.supplyAsync(() -> trainFirstTask(control, listener), executor);
    }

    /**
     * Trains the later tasks with one method from the checkpoint (model, BatchNorm statistics, optimizer state,
     * Fisher and anchors). A divergence ends this run alone: its result says {@code diverged}. A stop ends it with
     * {@code stopped}.
     */
    public RunResult runFrom(TaskCheckpoint checkpoint, MethodSpec method, RunControl control,
            Consumer<LabEvent> listener) {
        return runFrom(checkpoint, method, false, control, listener);
    }

    public CompletableFuture<RunResult> runFromAsync(Executor executor, TaskCheckpoint checkpoint, MethodSpec method,
            RunControl control, Consumer<LabEvent> listener) {
        return CompletableFuture.supplyAsync(() -> runFrom(checkpoint, method, control, listener), executor);
    }

    /** Compare all: each method from the same checkpoint, one after another (stops early if the control stops). */
    public List<RunResult> runAll(TaskCheckpoint checkpoint, List<MethodSpec> methods, RunControl control,
            Consumer<LabEvent> listener) {
        List<RunResult> out = new ArrayList<>();
        for (MethodSpec m : methods) {
            if (control.isStopped()) {
                break;
            }
            out.add(runFrom(checkpoint, m, control, listener));
        }
        return out;
    }

    public CompletableFuture<List<RunResult>> runAllAsync(Executor executor, TaskCheckpoint checkpoint,
            List<MethodSpec> methods, RunControl control, Consumer<LabEvent> listener) {
        return CompletableFuture.supplyAsync(() -> runAll(checkpoint, methods, control, listener), executor);
    }

    /**
     * The sweep of the preset (if any): each sweep method at each value of its knob (λ or another), every run forked from the checkpoint. Empty if
     * the preset has no sweep.
     */
    public List<RunResult> runSweep(TaskCheckpoint checkpoint, RunControl control, Consumer<LabEvent> listener) {
        List<RunResult> out = new ArrayList<>();
        if (preset.sweep() == null) {
            return out;
        }
        for (ExperimentPlan.SweepRun r : ExperimentPlan.sweepRuns(preset.sweep(), preset.methods())) {
            if (control.isStopped()) {
                return out;
            }
            out.add(runFrom(checkpoint, r.method(), true, r.point(), control, listener));
        }
        return out;
    }

    /**
     * Runs a sweep's runs ({@link ExperimentPlan#sweepRuns}) one after another from the checkpoint, each result
     * carrying its knob point: what the window's sweep tab does for a knob other than λ. Stops early when the
     * control is stopped.
     */
    public List<RunResult> runSweepRuns(TaskCheckpoint checkpoint, List<ExperimentPlan.SweepRun> runs,
            RunControl control, Consumer<LabEvent> listener) {
        List<RunResult> out = new ArrayList<>();
        for (ExperimentPlan.SweepRun r : runs) {
            if (control.isStopped()) {
                break;
            }
            out.add(runFrom(checkpoint, r.method(), false, r.point(), control, listener));
        }
        return out;
    }

    /** The whole preset headless: first task, every method, then the sweep; the results.json content. */
    public ExperimentResult runExperiment(RunControl control, Consumer<LabEvent> listener) {
        long start = System.nanoTime();
        TaskCheckpoint cp = trainFirstTask(control, listener);
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        List<RunResult> runs = new ArrayList<>(runAll(cp, preset.methods(), control, listener));
        runs.addAll(runSweep(cp, control, listener));
        return result(runs, firstSeconds, (System.nanoTime() - start) / 1e9);
    }

    public CompletableFuture<ExperimentResult> runExperimentAsync(Executor executor, RunControl control,
            Consumer<LabEvent> listener) {
        return CompletableFuture.supplyAsync(() -> runExperiment(control, listener), executor);
    }

    /** Builds the results.json content from runs made in this session (e.g. the GUI's runs, for export). */
    public ExperimentResult result(List<RunResult> runs, double firstTaskSeconds, double totalSeconds) {
        List<ExperimentResult.TaskInfo> infos = new ArrayList<>();
        for (TaskData t : tasks) {
            infos.add(new ExperimentResult.TaskInfo(t.name(), t.train().size(), t.test().size()));
        }
        return new ExperimentResult(preset.name(), preset.seed(), infos, runs, preset.fisher().variant(), device(),
                threads(), firstTaskSeconds, totalSeconds);
    }

    /**
     * Re-estimates the checkpoint's Fisher with other options (no retraining): a new checkpoint whose Fisher, label
     * ({@link TaskCheckpoint#fisherVariant}) and {@link TaskCheckpoint#fisherSpec} are all the new estimator's — a
     * checkpoint never carries a Fisher under another estimator's name. Publishes Progress (in samples) and a
     * {@link LabEvent.FisherComputed}. Only a first-task checkpoint (lastTask 0) can be re-estimated. Later runs of a
     * session whose preset has another estimator still refuse it for EWC (see {@link #runFrom}).
     */
    public TaskCheckpoint withFisher(TaskCheckpoint checkpoint, ExperimentPreset.FisherSpec fisher,
            Consumer<LabEvent> listener) {
        requireUsable(checkpoint);
        ExperimentPreset p = preset.withFisher(fisher).validated();
        return exclusive(() -> new Runner(p, arrays, new RunControl(), listener).refisher(checkpoint, "fisher"));
    }

    /**
     * Task A's Fisher held by a checkpoint, as the event Train A publishes after estimating it: a checkpoint loaded
     * from a file then shows its Fisher histogram and importance image as after training.
     */
    public LabEvent.FisherComputed fisherEvent(TaskCheckpoint checkpoint, String runId) {
        NamedTensors f = checkpoint.fisherPerTask().get(0);
        String firstWeight = null;
        if (!"cnn".equals(preset.model().type())) {
            firstWeight = f.names().stream().filter(n -> n.endsWith(".weight") && f.shape(n).length == 2)
                    .findFirst().orElse(null);
        }
        TaskArrays a = arrays.get(0);
        int samples = new FisherEstimator(preset.fisher(), preset.seed()).sampleCount(a.trainSize());
        // SI's Ω comes from the path integral the checkpoint keeps (cheap); MAS needs the network: importanceEvent
        List<LabEvent.ImportanceMeasure> others = new java.util.ArrayList<>();
        NamedTensors si = checkpoint.lastTask() == 0
                ? Runner.siFromCheckpoint(checkpoint, f.names(), Runner.viewXi(preset)) : null;
        if (si != null) {
            others.add(new LabEvent.ImportanceMeasure(LabEvent.ImportanceMeasure.SI, FisherEstimator.summarize(si),
                    FisherEstimator.inputImportance(si, firstWeight), 0));
        }
        return new LabEvent.FisherComputed(runId, 0, checkpoint.fisherVariant(), FisherEstimator.summarize(f),
                FisherEstimator.inputImportance(f, firstWeight), a.height(), a.width(), samples, 0, others);
    }

    /**
     * {@link #fisherEvent} with MAS's importance too, computed at the checkpoint's network on the Fisher's samples
     * (about one Fisher estimate of work, on the calling thread; waits while a run trains): a checkpoint loaded from
     * a file then shows all three importance measures, as after Train A.
     */
    public LabEvent.FisherComputed importanceEvent(TaskCheckpoint checkpoint, String runId) {
        LabEvent.FisherComputed f = fisherEvent(checkpoint, runId);
        if (checkpoint.lastTask() != 0) {
            return f;
        }
        LabEvent.ImportanceMeasure mas = exclusive(() -> new Runner(preset, arrays, new RunControl(), e -> { })
                .masOf(checkpoint));
        List<LabEvent.ImportanceMeasure> others = new ArrayList<>(f.others());
        others.add(mas);
        return new LabEvent.FisherComputed(f.runId(), f.task(), f.variant(), f.layers(), f.inputImportance(),
                f.inputHeight(), f.inputWidth(), f.samples(), f.seconds(), others);
    }

    /**
     * Loads a checkpoint file and checks that it is this lesson's task A (same model, same task data); throws
     * {@link CheckpointMismatchException} saying what differs. Its Fisher is kept as it is: see
     * {@link #loadCheckpoint(Path, Consumer)} to re-estimate one made by another estimator.
     */
    public TaskCheckpoint loadCheckpoint(Path file) throws java.io.IOException {
        TaskCheckpoint cp = TaskCheckpoint.load(file);
        requireUsable(cp);
        return cp;
    }

    @Override
    public void close() {
        closed = true;
        firstTask = null;
    }

    /** {@link #runFrom(TaskCheckpoint, MethodSpec, RunControl, Consumer)}, marked as a sweep run or not. */
    RunResult runFrom(TaskCheckpoint checkpoint, MethodSpec method, boolean sweep, RunControl control,
            Consumer<LabEvent> listener) {
        return runFrom(checkpoint, method, sweep, null, control, listener);
    }

    /** {@link #runFrom(TaskCheckpoint, MethodSpec, boolean, RunControl, Consumer)} of a knob sweep's point. */
    RunResult runFrom(TaskCheckpoint checkpoint, MethodSpec method, boolean sweep, KnobPoint point,
            RunControl control, Consumer<LabEvent> listener) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        MethodSpec m = PresetCodec.checkMethod(method, "method");
        CheckpointComparison c = requireUsable(checkpoint);
        boolean usesFisher = ExperimentPreset.EWC.equals(m.method()) || ExperimentPreset.ONLINE_EWC.equals(m.method())
                || ExperimentPreset.EWCPP.equals(m.method());
        if (usesFisher && c.fisherDiffers()) {
            // the run would mix estimators (task A's from the checkpoint, later tasks' from this lesson) and be
            // labelled with one of them: λ would silently mean something else
            throw new CheckpointMismatchException(Texts.fmt("checkpoint.otherFisher",
                    c.differences().stream().filter(d -> d.aspect() == CheckpointComparison.Aspect.FISHER)
                            .findFirst().orElseThrow().message()), c);
        }
        return exclusive(() -> {
            String id = "run-" + (++runCounter);
            return new Runner(preset, arrays, control, listener).runFrom(checkpoint, m, sweep, point, id);
        });
    }

    /** Runs {@code work} while no run trains (the landscape's Fisher needs the one gradient collector). */
    <T> T exclusive(java.util.function.Supplier<T> work) {
        if (closed) {
            throw new IllegalStateException("session closed");
        }
        runLock.lock();
        try {
            return work.get();
        } finally {
            runLock.unlock();
        }
    }
}
