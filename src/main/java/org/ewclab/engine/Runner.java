package org.ewclab.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.ewclab.data.StratifiedSample;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.ewclab.i18n.Texts;

/**
 * Trains one run on the calling thread: the first task from a seeded network, or the later tasks with one method from a
 * checkpoint. Our own batch loop (not EasyTrain) so that regularizers and metrics plug in around the loss, the backward
 * pass and the update ({@link TrainingHook}). Every batch runs inside an {@link NDScope}, so native memory stays flat.
 */
final class Runner {
    static final String FIRST_TASK = "first-task";
    /** A penalty term above this has exploded (a sane EWC term is below the cross-entropy, ~0.01..10). */
    static final double PENALTY_LIMIT = 1e6;
    static final double CROSS_ENTROPY_LIMIT = 1e4;
    private static final int EVAL_CHUNK = 1000;
    /** Progress is published with every evaluation, and at least this often (in steps). */
    private static final int PROGRESS_EVERY = 20;
    /** Separate random streams for the two subsets, so that neither shifts when the other's size changes. */
    private static final long EVAL_SALT = 0x5EED_E7A1L;
    private static final long FISHER_SALT = 0x5EED_F15CL;
    /**
     * The penalty through autograd (a graph term added to the loss) instead of its closed-form gradient added after
     * backward: slower, kept so that tests can check that both give the same numbers ({@code -Dewclab.autogradPenalty}).
     */
    static volatile boolean autogradPenalty = Boolean.getBoolean("ewclab.autogradPenalty");
    /**
     * The closed-form gradient written into the zeroed gradients before the forward pass (no allocation) rather than
     * added after backward; false keeps the after-backward route on every step, for the test that compares the two
     * and for the bench ({@code -Dewclab.penaltyAfterBackward}).
     */
    static volatile boolean presetPenalty = !Boolean.getBoolean("ewclab.penaltyAfterBackward");

    private final ExperimentPreset preset;
    private final List<TaskArrays> tasks;
    private final RunControl control;
    private final Consumer<LabEvent> listener;
    private final TrainingSpec training;
    private final long seed;

    // per run
    private String runId;
    private NDManager root;
    private final List<NDArray> evalX = new ArrayList<>();
    private final List<int[]> evalY = new ArrayList<>();
    private final List<NDArray> testX = new ArrayList<>();
    private long runStartStep;
    private long stepsDone;
    private long totalSteps;
    private long startNanos;
    private long lastEvalStep = -1;
    private double lambda;
    private long lambdaVersion;
    private NamedTensors anchorA;
    private NamedTensors fisherA;
    private Map<String, NDArray> anchorADevice;
    /** The estimator that made the Fisher a run's penalty uses (the checkpoint's), for its result's label. */
    private String fisherLabel;
    /** The run's knob in words (MethodSpec.variant), "" for the first task. */
    private String variant = "";
    /** Samples in replay's memory for the task being trained (−1: not replay). */
    private int replayMemory = -1;
    /** Publish Progress in samples while estimating a Fisher (re-estimation only, not inside a training run). */
    private boolean fisherProgress;
    /** The network at the end of the last {@link #runFrom} (parameters and BatchNorm statistics), for the tests. */
    NamedTensors lastModel;
    /** The landscape's snapshots of the run in progress (not for sweep runs), or null. */
    private TrajectoryRecorder trajectory;

    Runner(ExperimentPreset preset, List<TaskArrays> tasks, RunControl control, Consumer<LabEvent> listener) {
        this.preset = preset;
        this.tasks = tasks;
        this.control = control;
        this.listener = listener == null ? e -> { } : listener;
        this.training = preset.training();
        this.seed = preset.seed();
    }

    static List<TaskArrays> arrays(List<TaskData> tasks) {
        List<TaskArrays> out = new ArrayList<>();
        for (TaskData t : tasks) {
            out.add(TaskArrays.of(t));
        }
        return out;
    }

    /** The tasks as the preset trains them: with {@code training.labelOffset} "per-task", labels shifted. */
    static List<TaskArrays> arrays(ExperimentPreset preset, List<TaskData> tasks) {
        List<TaskArrays> out = arrays(tasks);
        int[] offsets = labelOffsets(preset, tasks);
        for (int i = 0; i < out.size(); i++) {
            out.set(i, out.get(i).withLabelOffset(offsets[i]));
        }
        return out;
    }

    /** Task t's label offset: the class counts of tasks 0..t−1 with "per-task", else 0. */
    static int[] labelOffsets(ExperimentPreset preset, List<TaskData> tasks) {
        int[] out = new int[tasks.size()];
        if (!TrainingSpec.PER_TASK.equals(preset.training().labelOffset())) {
            return out;
        }
        int sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = sum;
            sum += Math.max(tasks.get(i).train().classCount(), tasks.get(i).test().classCount());
        }
        return out;
    }

    // ---------------------------------------------------------------- environment

    static String deviceName() {
        Device d = Engine.getInstance().defaultDevice();
        return d.isGpu() ? "GPU " + d.getDeviceId() : "CPU";
    }

    static String threadSettings() {
        Engine.getInstance();
        return "intra-op " + JniUtils.getNumThreads() + ", inter-op " + JniUtils.getNumInteropThreads();
    }

    /** All NDArrays alive in the engine's manager tree (the memory test watches this stay flat). */
    static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    /** Torch's grad mode is per thread and on by default on a new thread: off, except inside a collector. */
    private void prepareThread() {
        Engine engine = Engine.getInstance();
        JniUtils.setGradMode(false);
        // always, not only when the global count differs: torch also sets MKL's count per calling thread, and a
        // trainer thread that never set it would let MKL use every core
        JniUtils.setNumThreads(training.threads());
        engine.setRandomSeed((int) seed);
    }

    static void checkCompatible(ExperimentPreset preset, List<TaskData> tasks) {
        int features = tasks.get(0).train().featureCount();
        for (int i = 0; i < tasks.size(); i++) {
            TaskData t = tasks.get(i);
            if (t.train().featureCount() != features) {
                throw new PresetException("tasks[" + i + "]", Texts.fmt("preset.tasks.inputSize",
                        t.name(), t.train().featureCount(), tasks.get(0).name(), features));
            }
            if (t.train().size() < 2) {
                throw new PresetException("tasks[" + i + "]", Texts.fmt("preset.tasks.tooSmall",
                        t.name(), t.train().size()));
            }
            if ("cnn".equals(preset.model().type()) && (!t.train().isImage() || t.train().height() < 4
                    || t.train().width() < 4)) {
                throw new PresetException("model.type", Texts.fmt("preset.cnn.notImages", t.name(), t.train()));
            }
        }
    }

    static String modelKey(ExperimentPreset preset, List<TaskData> tasks) {
        TaskArrays a = TaskArrays.of(tasks.get(0));
        return Network.key(Network.layout(preset.model(), a.height(), a.width(), a.features(),
                Network.heads(preset.model(), classCounts(preset, tasks))));
    }

    static int[] classCounts(ExperimentPreset preset, List<TaskData> tasks) {
        int[] out = new int[tasks.size()];
        int[] offsets = labelOffsets(preset, tasks);
        for (int i = 0; i < out.length; i++) {
            out[i] = offsets[i] + Math.max(tasks.get(i).train().classCount(), tasks.get(i).test().classCount());
        }
        return out;
    }

    static String modelKeyCached(ExperimentPreset preset, List<TaskData> tasks) {
        TaskData t = tasks.get(0);
        int h = t.train().isImage() ? t.train().height() : 1;
        int w = t.train().isImage() ? t.train().width() : t.train().featureCount();
        return Network.key(Network.layout(preset.model(), h, w, t.train().featureCount(),
                Network.heads(preset.model(), classCounts(preset, tasks))));
    }

    // ---------------------------------------------------------------- the two kinds of run

    TaskCheckpoint trainFirstTask(String id) {
        runId = id;
        prepareThread();
        try (NDManager m = NDManager.newBaseManager()) {
            root = m;
            uploadEvalSets();
            Network net = newNetwork(null);
            Optimizer opt = new Optimizer(preset.optimizer(), net, root, null);
            Penalty none = new Penalty(ExperimentPreset.PLAIN, 1, root);
            MethodTerms terms = new MethodTerms(MethodSpec.of(ExperimentPreset.PLAIN, 0), tasks, training, seed,
                    net.multiHead(), net.classes(0), root);
            terms.startTask(0, net, true);
            // SI's path integral of task A, kept with the checkpoint so that an SI run can fork from it
            Importance.PathIntegral path = new Importance.PathIntegral(net, net.activeParameters(0), root);
            totalSteps = stepsOfTask(0);
            runStartStep = 0;
            startNanos = System.nanoTime();
            emit(new LabEvent.RunStarted(runId, FIRST_TASK, 0, FIRST_TASK, 0, taskNames(), 0, totalSteps,
                    deviceName(), threadSettings()));
            double[][] rows = new double[1][];
            try {
                trainTask(0, net, opt, none, 0, terms, List.of(), path);
            } catch (Stop s) {
                String msg = s.diverged ? s.getMessage() : Texts.fmt("run.stoppedDuring", tasks.get(0).name());
                if (s.diverged) {
                    emit(new LabEvent.RunDiverged(runId, s.step, msg));
                }
                emit(new LabEvent.RunFailed(runId, msg));
                throw new TrainingStoppedException(msg, s.diverged);
            }
            rows[0] = finishTask(0, net, 0);
            emitRegions(net, 0);
            long step = stepsDone;
            // SI's Ω and MAS's importance of task A travel with its Fisher, so the views can compare the three
            NamedTensors fisher = estimateFisher(net, 0, Importance.si(path.omega(), path.delta(net), viewXi()), true);
            NamedTensors anchor = trainables(net, 0);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            NamedTensors state = withPathIntegral(opt.exportState(), path.omega(), path.delta(net));
            TaskCheckpoint cp = new TaskCheckpoint(net.key(), 0, step, rows, net.export(), state,
                    opt.exportSteps(), List.of(fisher), List.of(anchor), preset.fisher().variant());
            RunResult r = result(FIRST_TASK, 0, rows, seconds, false, false, null, false);
            emit(new LabEvent.RunFinished(runId, r));
            return cp;
        } finally {
            clearRun();
        }
    }

    /**
     * The checkpoint with its Fisher re-estimated by this runner's preset (no retraining), publishing Progress (in
     * samples) and FisherComputed. Only a first-task checkpoint: the networks after earlier tasks are not kept, so
     * their Fishers could not be re-estimated, and a checkpoint never mixes estimators.
     */
    TaskCheckpoint refisher(TaskCheckpoint cp, String id) {
        if (cp.lastTask() != 0) {
            throw new IllegalArgumentException(Texts.fmt("checkpoint.refisherNotTaskA",
                    cp.lastTask() + 1));
        }
        runId = id;
        prepareThread();
        try (NDManager m = NDManager.newBaseManager()) {
            root = m;
            Network net = newNetwork(cp.model());
            startNanos = System.nanoTime();
            fisherProgress = true;
            NamedTensors si = siFromCheckpoint(cp, cp.anchorsPerTask().get(0).names(), viewXi());
            return cp.withFisher(List.of(estimateFisher(net, 0, si, true)), preset.fisher());
        } finally {
            fisherProgress = false;
            clearRun();
        }
    }

    /**
     * MAS's importance of task A at a first-task checkpoint's network, on the Fisher's samples: what Train A publishes
     * beside the Fisher, for a checkpoint read back from a file.
     */
    LabEvent.ImportanceMeasure masOf(TaskCheckpoint cp) {
        if (cp.lastTask() != 0) {
            throw new IllegalArgumentException("MAS of task A needs a task-A checkpoint; this one is after task "
                    + (cp.lastTask() + 1));
        }
        runId = "mas";
        prepareThread();
        try (NDManager m = NDManager.newBaseManager()) {
            root = m;
            Network net = newNetwork(cp.model());
            long t0 = System.nanoTime();
            NamedTensors mas = Importance.mas(net, tasks.get(0), fisherRows(tasks.get(0), 0, preset.fisher().samples(),
                    seed), 0, cp.anchorsPerTask().get(0).names(), root);
            return new LabEvent.ImportanceMeasure(LabEvent.ImportanceMeasure.MAS, FisherEstimator.summarize(mas),
                    FisherEstimator.inputImportance(mas, net.firstLayerWeight()), (System.nanoTime() - t0) / 1e9);
        } finally {
            clearRun();
        }
    }

    RunResult runFrom(TaskCheckpoint cp, MethodSpec method, boolean sweep, String id) {
        return runFrom(cp, method, sweep, null, id);
    }

    RunResult runFrom(TaskCheckpoint cp, MethodSpec method, boolean sweep, KnobPoint point, String id) {
        runId = id;
        prepareThread();
        lambda = method.lambdaOrZero();
        lambdaVersion = control.lambdaVersion();
        fisherLabel = cp.fisherVariant();
        double startLambda = lambda;
        List<double[]> rows = new ArrayList<>(List.of(cp.accuracy()));
        try (NDManager m = NDManager.newBaseManager()) {
            root = m;
            uploadEvalSets();
            Network net = newNetwork(cp.model());
            // the checkpoint's last row was measured on the later tasks of its day; the window keeps task A when
            // task B changes, so the columns of the tasks not trained yet are measured again on today's test sets
            // (deterministic: every run forked from one checkpoint still shares that row)
            double[] measured = java.util.Arrays.copyOf(rows.get(cp.lastTask()), tasks.size());
            for (int j = cp.lastTask() + 1; j < tasks.size(); j++) {
                measured[j] = accuracy(net, testX.get(j), tasks.get(j).testY(), j);
            }
            rows.set(cp.lastTask(), measured);
            Optimizer opt = new Optimizer(preset.optimizer(), net, root, cp);
            Penalty penalty = new Penalty(method, preset.fisher().gamma(), root);
            String name = method.method();
            boolean legacy = ExperimentPreset.PLAIN.equals(name) || ExperimentPreset.L2.equals(name)
                    || ExperimentPreset.EWC.equals(name) && method.knobsOrNone().taskWeights() == null
                    || ExperimentPreset.ONLINE_EWC.equals(name);
            // the penalty's terms, also kept here for the divergence diagnosis (its largest summed Fisher)
            List<NamedTensors> termFishers = new ArrayList<>();
            List<NamedTensors> termAnchors = new ArrayList<>();
            for (int t = 0; t <= cp.lastTask(); t++) {
                NamedTensors importance = checkpointImportance(cp, t, method, net);
                penalty.addTask(importance, cp.anchorsPerTask().get(t));
                termFishers.add(importance);
                termAnchors.add(cp.anchorsPerTask().get(t));
            }
            MethodTerms terms = new MethodTerms(method, tasks, training, seed, net.multiHead(), net.classes(0), root);
            anchorA = cp.anchorsPerTask().get(0);
            fisherA = cp.fisherPerTask().get(0);
            anchorADevice = new java.util.LinkedHashMap<>();
            for (String p : anchorA.names()) {
                anchorADevice.put(p, Tensors.upload(root, anchorA.get(p), new Shape(Network.toLong(anchorA.shape(
                        p)))));
            }
            totalSteps = 0;
            for (int t = cp.lastTask() + 1; t < tasks.size(); t++) {
                totalSteps += stepsOfTask(t);
            }
            runStartStep = cp.step();
            stepsDone = cp.step();
            if (!sweep) {
                trajectory = new TrajectoryRecorder(net, cp.model(), totalSteps);
                trajectory.record(net, stepsDone);
            }
            startNanos = System.nanoTime();
            emit(new LabEvent.RunStarted(runId, method.method(), lambda, method.method(), cp.lastTask() + 1,
                    taskNames(), runStartStep, totalSteps, deviceName(), threadSettings(), method.variant()));
            variant = point == null ? method.variant() : point.label();
            String message = null;
            boolean diverged = false;
            boolean stopped = false;
            NamedTensors siOmega = null;
            NamedTensors siDelta = null;
            for (int t = cp.lastTask() + 1; t < tasks.size(); t++) {
                if (preset.optimizer().resetBetweenTasks()) {
                    opt.reset();
                }
                terms.startTask(t, net, false);
                replayMemory = ExperimentPreset.REPLAY.equals(method.method()) ? terms.memorySize() : -1;
                List<String> frozen = MethodTerms.frozenNames(method, net, net.activeParameters(t));
                try (Importance.PathIntegral path = ExperimentPreset.SI.equals(name)
                        ? new Importance.PathIntegral(net, net.activeParameters(t), root) : null) {
                    trainTask(t, net, opt, penalty, legacy ? Divergence.maxSummedFisher(name, termFishers,
                            termAnchors, preset.fisher().gamma()) : penalty.maxCombinedWeight(), terms, frozen, path);
                    if (path != null && t < tasks.size() - 1) {
                        siOmega = path.omega();
                        siDelta = path.delta(net);
                    }
                } catch (Stop s) {
                    diverged = s.diverged;
                    stopped = !s.diverged;
                    message = s.diverged ? s.getMessage() : Texts.fmt("run.stoppedDuring", tasks.get(t).name());
                    if (s.diverged) {
                        emit(new LabEvent.RunDiverged(runId, s.step, message));
                        // a diverged network's argmax is not an accuracy (a NaN network predicts class 0
                        // everywhere, which would read as that class's share): its row is NaN, "diverged"
                        rows.add(divergedRow(t));
                    } else {
                        rows.add(finishTask(t, net, startLambda));
                    }
                    break;
                }
                rows.add(finishTask(t, net, startLambda));
                emit(snapshot(net, t));
                emitRegions(net, t);
                if (t < tasks.size() - 1 && ExperimentPreset.hasLambda(name)) {
                    NamedTensors f = switch (name) {
                        case ExperimentPreset.L2 -> NamedTensors.empty();
                        case ExperimentPreset.SI -> Importance.si(siOmega, siDelta, method.knobsOrNone().xi());
                        case ExperimentPreset.MAS -> Importance.mas(net, tasks.get(t), fisherRows(tasks.get(t), t,
                                preset.fisher().samples(), seed), t, net.activeParameters(t), root);
                        default -> estimateFisher(net, t);
                    };
                    NamedTensors anchor = trainables(net, t);
                    penalty.addTask(f, anchor);
                    termFishers.add(f);
                    termAnchors.add(anchor);
                }
            }
            lastModel = net.export();
            if (trajectory != null) {
                emit(new LabEvent.TrajectoryRecorded(runId, trajectory.finish(net, stepsDone, runId, method.method(),
                        startLambda, preset.model().batchNorm() ? training.batchNormStats() : "",
                        rows.get(rows.size() - 1))));
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            RunResult r = result(method.method(), startLambda, rows.toArray(new double[0][]), seconds, diverged,
                    stopped, message, sweep, point);
            emit(new LabEvent.RunFinished(runId, r));
            return r;
        } catch (RuntimeException e) {
            emit(new LabEvent.RunFailed(runId, String.valueOf(e.getMessage())));
            throw e;
        } finally {
            clearRun();
        }
    }

    /** The checkpoint's optimizer state plus task A's SI path integral ("si.omega:NAME", "si.delta:NAME"). */
    private static NamedTensors withPathIntegral(NamedTensors state, NamedTensors omega, NamedTensors delta) {
        NamedTensors.Builder b = new NamedTensors.Builder();
        for (String name : state.names()) {
            b.put(name, state.shape(name), state.get(name));
        }
        for (String name : omega.names()) {
            b.put(SI_OMEGA + name, omega.shape(name), omega.get(name));
            b.put(SI_DELTA + name, delta.shape(name), delta.get(name));
        }
        return b.build();
    }

    static final String SI_OMEGA = "si.omega:";
    static final String SI_DELTA = "si.delta:";

    /**
     * The importance of finished task {@code t} of a checkpoint for a method's quadratic: the Fisher (EWC family),
     * SI's Ω from the path integral the checkpoint keeps, MAS's at the checkpoint's network; null for the methods
     * without a quadratic. SI and MAS can only fork from a first-task checkpoint (the networks and paths of earlier
     * tasks are not kept).
     */
    private NamedTensors checkpointImportance(TaskCheckpoint cp, int t, MethodSpec method, Network net) {
        String name = method.method();
        boolean si = ExperimentPreset.SI.equals(name);
        boolean mas = ExperimentPreset.MAS.equals(name);
        if (!si && !mas) {
            return cp.fisherPerTask().get(t);
        }
        if (cp.lastTask() != 0) {
            throw new IllegalArgumentException(Texts.fmt(si ? "checkpoint.forkNotTaskA.si"
                    : "checkpoint.forkNotTaskA.network", name, cp.lastTask() + 1));
        }
        NamedTensors anchor = cp.anchorsPerTask().get(t);
        if (mas) {
            return Importance.mas(net, tasks.get(t), fisherRows(tasks.get(t), t, preset.fisher().samples(), seed), t,
                    anchor.names(), root);
        }
        NamedTensors omega = siFromCheckpoint(cp, anchor.names(), method.knobsOrNone().xi());
        if (omega == null) {
            throw new IllegalArgumentException(Texts.get("checkpoint.noPathIntegral"));
        }
        return omega;
    }

    /** SI's Ω of task A from the path integral a checkpoint keeps, or null when it keeps none (an older file). */
    static NamedTensors siFromCheckpoint(TaskCheckpoint cp, List<String> names, double xi) {
        NamedTensors state = cp.optimizer();
        NamedTensors anchor = cp.anchorsPerTask().get(0);
        NamedTensors.Builder omega = new NamedTensors.Builder();
        NamedTensors.Builder delta = new NamedTensors.Builder();
        for (String p : names) {
            if (!state.has(SI_OMEGA + p)) {
                return null;
            }
            omega.put(p, anchor.shape(p), state.get(SI_OMEGA + p));
            delta.put(p, anchor.shape(p), state.get(SI_DELTA + p));
        }
        return Importance.si(omega.build(), delta.build(), xi);
    }

    /** The ξ of SI's Ω as the views show it: the lesson's SI run's, else SI's default. */
    private double viewXi() {
        return viewXi(preset);
    }

    static double viewXi(ExperimentPreset preset) {
        for (MethodSpec m : preset.methods()) {
            if (ExperimentPreset.SI.equals(m.method()) && m.knobsOrNone().xi() != null) {
                return m.knobsOrNone().xi();
            }
        }
        return Importance.DEFAULT_XI;
    }

    /** Test-set evaluation speed (samples/s) of the checkpoint's network, {@code repeats} times, for the bench. */
    double[] evaluationRates(TaskCheckpoint cp, int repeats) {
        runId = "bench";
        prepareThread();
        try (NDManager m = NDManager.newBaseManager()) {
            root = m;
            uploadEvalSets();
            Network net = newNetwork(cp.model());
            double[] out = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                int n = 0;
                for (int j = 0; j < tasks.size(); j++) {
                    accuracy(net, testX.get(j), tasks.get(j).testY(), j);
                    n += tasks.get(j).testSize();
                }
                out[r] = n / ((System.nanoTime() - t0) / 1e9);
            }
            return out;
        } finally {
            clearRun();
        }
    }

    private RunResult result(String method, double startLambda, double[][] rows, double seconds, boolean diverged,
            boolean stopped, String message, boolean sweep) {
        return result(method, startLambda, rows, seconds, diverged, stopped, message, sweep, null);
    }

    private RunResult result(String method, double startLambda, double[][] rows, double seconds, boolean diverged,
            boolean stopped, String message, boolean sweep, KnobPoint point) {
        return new RunResult(runId, method, startLambda, lambda, fisherLabel != null ? fisherLabel
                : preset.fisher().variant(), rows,
                AccuracyMatrix.average(rows), AccuracyMatrix.forgetting(rows), AccuracyMatrix.bwt(rows), seconds,
                diverged, stopped, message, sweep, seed, variant, point, replayMemory);
    }

    private void clearRun() {
        evalX.clear();
        evalY.clear();
        testX.clear();
        anchorADevice = null;
        trajectory = null;
        root = null;
    }

    private Network newNetwork(NamedTensors state) {
        TaskArrays a = tasks.get(0);
        int[] classes = new int[tasks.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = tasks.get(i).classes();
        }
        return new Network(root, preset.model(), a.features(), a.height(), a.width(), classes, seed, state);
    }

    private List<String> taskNames() {
        List<String> out = new ArrayList<>();
        for (TaskArrays t : tasks) {
            out.add(t.name());
        }
        return out;
    }

    private void uploadEvalSets() {
        for (int j = 0; j < tasks.size(); j++) {
            TaskArrays t = tasks.get(j);
            int d = t.features();
            int[] rows = evalRows(t, j, training.evalSamples(), seed);
            float[] sub = new float[rows.length * d];
            int[] y = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(t.testX(), rows[i] * d, sub, i * d, d);
                y[i] = t.testY()[rows[i]];
            }
            evalX.add(Tensors.upload(root, sub, new Shape(rows.length, d)));
            evalY.add(y);
            testX.add(Tensors.upload(root, t.testX(), new Shape(t.testSize(), d)));
        }
    }

    /**
     * The held-out samples of the live accuracy curve of a task: {@code evalSamples} test samples drawn with the
     * seed, stratified by class (not the first rows: a class-sorted test file would measure class 0 only); all of
     * them, in file order, when {@code evalSamples} is 0 or covers the test set.
     */
    static int[] evalRows(TaskArrays t, int task, int evalSamples, long seed) {
        int n = t.testSize();
        if (evalSamples == 0 || evalSamples >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return StratifiedSample.draw(t.testY(), t.classes(), evalSamples, mix(seed, task, -1) ^ EVAL_SALT);
    }

    /**
     * The training samples a task's Fisher is estimated on, in the order the estimator visits them: {@code samples}
     * of them (all for 0) drawn with the seed, stratified by class and shuffled, so a "batch" Fisher's batches mix
     * the classes even when the file is sorted by class.
     */
    static int[] fisherRows(TaskArrays t, int task, int samples, long seed) {
        int n = samples == 0 ? t.trainSize() : Math.min(samples, t.trainSize());
        return StratifiedSample.draw(t.trainY(), t.classes(), n, mix(seed, task, -1) ^ FISHER_SALT);
    }

    // ---------------------------------------------------------------- the batch loop

    /** Batches per epoch: all samples, the last batch partial (as a PyTorch DataLoader), but never a batch of 1. */
    long stepsPerEpoch(int task) {
        int n = tasks.get(task).trainSize();
        int b = training.batchSize();
        long full = n / b;
        int rest = n % b;
        return full + (rest >= 2 || (rest == 1 && full == 0) ? 1 : 0);
    }

    private long stepsOfTask(int task) {
        return stepsPerEpoch(task) * training.epochs();
    }

    /**
     * The hooks of one step, in order: before the forward pass, the loss terms (regularizers), after backward, after
     * the update.
     */
    interface TrainingHook {
        /** A term added to the loss before backward (already scaled), or null. */
        default NDArray lossTerm(Network net, List<String> active) {
            return null;
        }

        /** Before the step's forward pass, after its λ is read. */
        default void beforeForward(Network net, List<String> active) {
        }

        default void afterBackward(Network net, List<String> active) {
        }

        default void afterUpdate(int task, long step) {
        }
    }

    private void trainTask(int task, Network net, Optimizer opt, Penalty penalty, double maxSummedFisher,
            MethodTerms terms, List<String> frozen, Importance.PathIntegral path) {
        TaskArrays data = tasks.get(task);
        boolean bnTraining = task == 0 || TrainingSpec.UPDATED.equals(training.batchNormStats());
        int head = net.head(task);
        int classes = net.classes(task);
        int d = data.features();
        int n = data.trainSize();
        int b = training.batchSize();
        List<String> active = net.activeParameters(task);
        List<String> stepped = new ArrayList<>(active);
        stepped.removeAll(frozen);
        NDArray mask = terms.currentMask();
        emit(new LabEvent.TaskStarted(runId, task, data.name(), stepsDone));
        if (runStartStep == stepsDone) {
            emitEvaluation(net, task);
        }
        double[] penaltyValue = new double[1];
        boolean[] wantValue = new boolean[1];
        long taskStart = stepsDone;
        int penaltyEvery = control.penaltyEvery();
        TrainingHook regularizer = autogradPenalty ? new TrainingHook() {
            @Override
            public NDArray lossTerm(Network network, List<String> names) {
                NDArray p = penalty.value(network, names);
                return p == null ? null : p.mul(Tensors.scalar(root, (float) (lambda / 2)));
            }
        } : new TrainingHook() {
            // the closed-form gradient λ·F⊙(θ−θ*) goes straight into the gradients: no graph, no backward for it. From
            // a task's second step on, the optimizer has just zeroed them and it is written there before the forward
            // pass, in place; SI reads the loss's gradient alone after backward, so it takes the after-backward route
            private boolean preset;

            @Override
            public void beforeForward(Network network, List<String> names) {
                preset = presetPenalty && path == null && stepsDone > taskStart
                        && penalty.presetGradient(network, names, lambda);
            }

            @Override
            public void afterBackward(Network network, List<String> names) {
                penaltyValue[0] = !preset ? penalty.addGradient(network, names, lambda, wantValue[0])
                        : wantValue[0] ? penalty.valueNow(network, names, lambda) : Double.NaN;
            }
        };
        List<TrainingHook> hooks = List.of(regularizer);
        long stepsPerEpoch = stepsPerEpoch(task);
        // one batch's inputs and targets, reused step after step (the upload takes the first bs rows)
        float[] x = new float[b * d];
        float[] onehot = new float[b * classes];
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            int[] order = permutation(n, new Random(mix(seed, task, epoch)));
            for (long s = 0; s < stepsPerEpoch; s++) {
                if (!control.awaitRunnable()) {
                    throw new Stop("stopped", stepsDone, false);
                }
                pollLambda();
                if (control.takeSnapshotRequest() && anchorA != null) {
                    emit(snapshot(net, task));
                }
                int start = (int) (s * b);
                int bs = Math.min(b, n - start);
                java.util.Arrays.fill(onehot, 0f);
                for (int i = 0; i < bs; i++) {
                    int k = order[start + i];
                    System.arraycopy(data.trainX(), k * d, x, i * d, d);
                    onehot[i * classes + data.trainY()[k]] = 1f;
                }
                double ce;
                double pv = 0;
                // the penalty's value is only sampled (its gradient is added every step): see RunControl.penaltyEvery
                wantValue[0] = (stepsDone - runStartStep) % penaltyEvery == 0;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray xs = Tensors.upload(root, x, new Shape(bs, d));
                    NDArray ys = Tensors.upload(root, onehot, new Shape(bs, classes));
                    NDArray ceArr;
                    NDArray extra = null;
                    NDArray methodTerm;
                    terms.prepare(xs, task);
                    for (TrainingHook h : hooks) {
                        h.beforeForward(net, stepped);
                    }
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = net.forward(xs, head, bnTraining);
                        NDArray active0 = mask == null ? logits : logits.add(mask);
                        ceArr = active0.logSoftmax(1).mul(ys).sum().neg().mul(Tensors.scalar(root, 1f / bs));
                        MethodTerms.Extra ex = terms.extra(net, xs, logits, task, stepsDone, bnTraining, root);
                        methodTerm = ex.term();
                        NDArray loss = ex.currentWeight() == 1f ? ceArr
                                : ceArr.mul(Tensors.scalar(root, ex.currentWeight()));
                        if (methodTerm != null) {
                            loss = loss.add(methodTerm);
                        }
                        for (TrainingHook h : hooks) {
                            NDArray term = h.lossTerm(net, active);
                            if (term != null) {
                                extra = extra == null ? term : extra.add(term);
                            }
                        }
                        if (extra != null) {
                            loss = loss.add(extra);
                        }
                        gc.backward(loss);
                    }
                    ce = ceArr.getFloat();
                    penaltyValue[0] = 0;
                    if (!frozen.isEmpty()) {
                        MethodTerms.zeroGradients(net, frozen);
                    }
                    if (path != null) {
                        // the task loss's gradient, before the quadratic penalty's is added
                        path.capture(net);
                    }
                    for (TrainingHook h : hooks) {
                        h.afterBackward(net, stepped);
                    }
                    // a run without a penalty or extra term has its 0 every step; the others on the sampled steps
                    boolean computed = wantValue[0]
                            || extra == null && methodTerm == null && !penalty.isActive();
                    if (computed) {
                        pv = extra != null ? extra.getFloat() : penaltyValue[0];
                        if (methodTerm != null) {
                            pv += methodTerm.getFloat();
                        }
                    } else {
                        pv = Double.NaN; // not computed on this step
                    }
                    boolean badPenalty = computed && (!Double.isFinite(pv) || pv > PENALTY_LIMIT);
                    if (!Double.isFinite(ce) || badPenalty || ce > CROSS_ENTROPY_LIMIT) {
                        if (!computed) {
                            pv = penaltyNow(penalty, net, stepped, methodTerm); // for the diagnosis: what it was
                        }
                        throw new Stop(Divergence.message(penalty.method(), preset.optimizer(), lambda,
                                maxSummedFisher, stepsDone, ce, pv), stepsDone, true);
                    }
                    opt.step(stepped);
                    if (path != null) {
                        path.accumulate(net);
                    }
                }
                emit(new LabEvent.StepMetrics(runId, task, stepsDone, ce, pv, lambda));
                stepsDone++;
                if (trajectory != null) {
                    trajectory.maybeRecord(net, stepsDone - runStartStep, stepsDone);
                }
                for (TrainingHook h : hooks) {
                    h.afterUpdate(task, stepsDone);
                }
                if (training.evalEvery() > 0 && (stepsDone - runStartStep) % training.evalEvery() == 0) {
                    emitEvaluation(net, task);
                } else if ((stepsDone - runStartStep) % PROGRESS_EVERY == 0) {
                    emitProgress();
                }
            }
        }
    }

    /** The penalty term (λ/2)·P at θ now, plus a method's extra term: computed off the sampled steps for a diagnosis. */
    private double penaltyNow(Penalty penalty, Network net, List<String> names, NDArray methodTerm) {
        NDArray p = penalty.isActive() ? penalty.value(net, names) : null;
        double v = p == null ? 0 : p.getFloat() * lambda / 2;
        return methodTerm == null ? v : v + methodTerm.getFloat();
    }

    private void pollLambda() {
        long v = control.lambdaVersion();
        if (v != lambdaVersion) {
            lambdaVersion = v;
            double override = control.lambdaOverride();
            if (!Double.isNaN(override) && override != lambda) {
                emit(new LabEvent.LambdaChanged(runId, stepsDone, lambda, override));
                lambda = override;
            }
        }
    }

    static long mix(long seed, int task, int epoch) {
        long h = seed * 0x9E3779B97F4A7C15L + task * 0xC2B2AE3D27D4EB4FL + epoch * 0x165667B19E3779F9L;
        return h ^ (h >>> 29);
    }

    static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    // ---------------------------------------------------------------- measuring

    /** Row R[task] on the full test sets, published as TaskFinished. */
    private double[] finishTask(int task, Network net, double startLambda) {
        double[] row = new double[tasks.size()];
        for (int j = 0; j < tasks.size(); j++) {
            row[j] = accuracy(net, testX.get(j), tasks.get(j).testY(), j);
        }
        emitEvaluation(net, task);
        emit(new LabEvent.TaskFinished(runId, task, stepsDone, row.clone(), (System.nanoTime() - startNanos) / 1e9));
        return row;
    }

    /** Row R[task] of a run that diverged while training it: NaN on every task (published as TaskFinished). */
    private double[] divergedRow(int task) {
        double[] row = new double[tasks.size()];
        java.util.Arrays.fill(row, Double.NaN);
        emit(new LabEvent.TaskFinished(runId, task, stepsDone, row.clone(), (System.nanoTime() - startNanos) / 1e9));
        return row;
    }

    private void emitEvaluation(Network net, int task) {
        if (stepsDone == lastEvalStep) {
            return;
        }
        lastEvalStep = stepsDone;
        float[] acc = new float[tasks.size()];
        for (int j = 0; j < tasks.size(); j++) {
            acc[j] = (float) accuracy(net, evalX.get(j), evalY.get(j), j);
        }
        emit(new LabEvent.AccuracyPoint(runId, task, stepsDone, acc));
        if (anchorADevice != null) {
            emit(drift(net));
        }
        emitProgress();
    }

    private void emitProgress() {
        long done = stepsDone - runStartStep;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        emit(new LabEvent.Progress(runId, done, totalSteps, rate > 0 ? (totalSteps - done) / rate : Double.NaN,
                rate));
    }

    /** Fraction of samples whose argmax logit (eval mode, the task's head) is the label. */
    private double accuracy(Network net, NDArray x, int[] labels, int task) {
        int n = labels.length;
        int correct = 0;
        int head = net.head(task);
        int classes = net.classes(task);
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int end = Math.min(n, start + EVAL_CHUNK);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray chunk = x.get(new NDIndex("{}:{}", start, end));
                float[] logits = net.forward(chunk, head, false).toFloatArray();
                for (int i = 0; i < end - start; i++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (logits[i * classes + c] > logits[i * classes + best]) {
                            best = c;
                        }
                    }
                    if (best == labels[start + i]) {
                        correct++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** The decision regions after task {@code task}, for a lesson on 2-D points (nothing otherwise). */
    private void emitRegions(Network net, int task) {
        if (RegionGrid.applies(tasks)) {
            emit(RegionGrid.of(runId, task, stepsDone, net, tasks, root));
        }
    }

    private LabEvent.Drift drift(Network net) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, NDArray> e : anchorADevice.entrySet()) {
                names.add(e.getKey());
                values.add(Math.sqrt(net.parameter(e.getKey()).sub(e.getValue()).square().sum().getFloat()));
            }
        }
        double[] d = new double[values.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = values.get(i);
        }
        return new LabEvent.Drift(runId, stepsDone, names, d);
    }

    private LabEvent.ParameterSnapshot snapshot(Network net, int task) {
        List<LabEvent.LayerDelta> layers = new ArrayList<>();
        for (String name : anchorA.names()) {
            float[] theta = net.parameter(name).toFloatArray();
            float[] star = anchorA.get(name);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= star[i];
            }
            float[] f = fisherA.has(name) ? fisherA.get(name).clone() : new float[theta.length];
            layers.add(new LabEvent.LayerDelta(name, theta, f));
        }
        return new LabEvent.ParameterSnapshot(runId, task, stepsDone, layers);
    }

    /**
     * A task's solution θ*: the values of the trainable parameters that task used (the trunk and its own head; other
     * heads were never trained by it, so nothing pulls them toward their initial values).
     */
    private static NamedTensors trainables(Network net, int task) {
        NamedTensors.Builder b = new NamedTensors.Builder();
        for (String name : net.activeParameters(task)) {
            b.put(name, net.shape(name), net.parameter(name).toFloatArray());
        }
        return b.build();
    }

    private NamedTensors estimateFisher(Network net, int task) {
        return estimateFisher(net, task, null, false);
    }

    /**
     * The task's Fisher, published with FisherComputed; with {@code others} the event also carries SI's Ω
     * ({@code si}, when not null) and MAS's importance of the same parameters, computed here by the very call an MAS
     * run forked from this network makes ({@link #checkpointImportance}).
     */
    private NamedTensors estimateFisher(Network net, int task, NamedTensors si, boolean others) {
        long t0 = System.nanoTime();
        FisherEstimator est = new FisherEstimator(preset.fisher(), seed);
        if (fisherProgress) {
            long[] last = {0};
            est.progress = (done, total) -> {
                long now = System.nanoTime();
                if (done == total || now - last[0] > 100_000_000L) {
                    last[0] = now;
                    double elapsed = (now - t0) / 1e9;
                    double rate = elapsed > 0 ? done / elapsed : 0;
                    emit(new LabEvent.Progress(runId, done, total, rate > 0 ? (total - done) / rate : Double.NaN,
                            rate));
                }
            };
        }
        int[] rows = fisherRows(tasks.get(task), task, preset.fisher().samples(), seed);
        NamedTensors f = est.estimate(net, tasks.get(task), rows, task, net.activeParameters(task), root, control);
        double seconds = (System.nanoTime() - t0) / 1e9;
        TaskArrays a = tasks.get(task);
        List<LabEvent.ImportanceMeasure> measures = new ArrayList<>();
        if (others) {
            if (si != null) {
                measures.add(new LabEvent.ImportanceMeasure(LabEvent.ImportanceMeasure.SI,
                        FisherEstimator.summarize(si), FisherEstimator.inputImportance(si, net.firstLayerWeight()), 0));
            }
            long m0 = System.nanoTime();
            NamedTensors mas = Importance.mas(net, a, rows, task, net.activeParameters(task), root);
            double masSeconds = (System.nanoTime() - m0) / 1e9;
            measures.add(new LabEvent.ImportanceMeasure(LabEvent.ImportanceMeasure.MAS,
                    FisherEstimator.summarize(mas), FisherEstimator.inputImportance(mas, net.firstLayerWeight()),
                    masSeconds));
        }
        emit(new LabEvent.FisherComputed(runId, task, preset.fisher().variant(), FisherEstimator.summarize(f),
                FisherEstimator.inputImportance(f, net.firstLayerWeight()), a.height(), a.width(),
                est.sampleCount(a.trainSize()), seconds, measures));
        return f;
    }

    private void emit(LabEvent e) {
        try {
            listener.accept(e);
        } catch (RuntimeException ex) {
            // a broken listener must not break the science; say so once per event type
            System.err.println("ewc-lab: event listener failed on " + e.getClass().getSimpleName() + ": " + ex);
        }
    }

    /** Ends a task's loop early: stopped, or diverged with the message to show. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long step;
        final boolean diverged;

        Stop(String message, long step, boolean diverged) {
            super(message, null, false, false);
            this.step = step;
            this.diverged = diverged;
        }
    }
}
