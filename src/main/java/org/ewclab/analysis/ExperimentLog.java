package org.ewclab.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.RunResult;

/**
 * Everything the engine reported, kept for the charts and for export: the full history of every run (not thinned).
 * The trainer thread writes ({@link #accept}); any thread reads consistent immutable copies ({@link #snapshot()}).
 * {@link #version()} changes with every event, so a 30 Hz redraw can skip frames when nothing happened — the window
 * coalesces (latest state wins) instead of queueing one UI update per training step.
 *
 * <p>One curve per method: a new run of a method replaces the previous run of that method (the colours are per method),
 * unless it is a sweep run, which is kept beside the others.
 */
public final class ExperimentLog implements Consumer<LabEvent> {
    private final Map<String, Trace> traces = new LinkedHashMap<>();
    private final Map<Integer, LabEvent.FisherComputed> fisherByTask = new LinkedHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final boolean keepEveryRun;

    /** A log for the lesson: one curve per method, a new run of a method replaces the old one. */
    public ExperimentLog() {
        this(false);
    }

    private ExperimentLog(boolean keepEveryRun) {
        this.keepEveryRun = keepEveryRun;
    }

    /** A log for a λ sweep: every run is kept, many per method. */
    public static ExperimentLog keepingEveryRun() {
        return new ExperimentLog(true);
    }

    /** Status of a run as the charts show it. */
    public enum Status { RUNNING, FINISHED, STOPPED, DIVERGED, FAILED }

    @Override
    public synchronized void accept(LabEvent event) {
        if (event instanceof LabEvent.RunStarted s) {
            if (!"first-task".equals(s.colourKey())) {
                if (!keepEveryRun) {
                    traces.values().removeIf(t -> t.method.equals(s.method()) && !t.sweep
                            && t.status != Status.RUNNING);
                }
            } else {
                traces.clear();
                fisherByTask.clear();
            }
            traces.put(s.runId(), new Trace(s));
        } else if (event instanceof LabEvent.FisherComputed f) {
            fisherByTask.put(f.task(), f);
            Trace t = traces.get(f.runId());
            if (t != null) {
                t.fisher = f;
            }
        } else {
            Trace t = traces.get(event.runId());
            if (t != null) {
                t.accept(event);
            }
        }
        version.incrementAndGet();
    }

    /** Marks a run as a sweep run, kept beside the per-method runs (call before its first event, or any time). */
    public synchronized void markSweep(String runId) {
        Trace t = traces.get(runId);
        if (t != null) {
            t.sweep = true;
        }
    }

    /** Forgets everything (the window's Reset). */
    public synchronized void clear() {
        traces.clear();
        fisherByTask.clear();
        version.incrementAndGet();
    }

    /** Forgets the method runs but keeps the first task (e.g. before Compare all). */
    public synchronized void clearMethodRuns() {
        traces.values().removeIf(t -> !t.firstTask);
        version.incrementAndGet();
    }

    public long version() {
        return version.get();
    }

    /** An immutable copy of every run's history, in the order the runs started. */
    public synchronized Snapshot snapshot() {
        List<RunTrace> runs = new ArrayList<>();
        for (Trace t : traces.values()) {
            runs.add(t.freeze());
        }
        return new Snapshot(version.get(), List.copyOf(runs), Map.copyOf(fisherByTask));
    }

    /**
     * Every run at one moment.
     *
     * @param fisherByTask the latest Fisher estimate of each task, by task index
     */
    public record Snapshot(long version, List<RunTrace> runs, Map<Integer, LabEvent.FisherComputed> fisherByTask) {

        /** The first-task run, if one has started. */
        public RunTrace firstTask() {
            return runs.stream().filter(RunTrace::firstTask).findFirst().orElse(null);
        }

        /** The method runs (forked from the first task), in start order. */
        public List<RunTrace> methodRuns() {
            return runs.stream().filter(r -> !r.firstTask()).toList();
        }

        public boolean isEmpty() {
            return runs.isEmpty();
        }
    }

    /**
     * One run's full history. Arrays are copies; steps are global (see {@link LabEvent}).
     *
     * @param lossSteps     steps of the loss samples
     * @param crossEntropy  cross-entropy at each loss sample
     * @param penalty       the penalty term added to the loss at each loss sample
     * @param lambdas       λ in force at each loss sample
     * @param accuracySteps steps of the accuracy samples
     * @param accuracy      accuracy[task][k] at accuracySteps[k] (held-out subset)
     * @param driftSteps    steps of the drift samples
     * @param drift         drift[layer][k] = ‖θ−θ*_A‖ of that layer
     * @param regions       the latest decision regions (2-D lessons: after the last task the run finished), or null
     */
    public record RunTrace(String runId, String method, double lambda, String colourKey, boolean firstTask,
            boolean sweep, List<String> taskNames, long stepOffset, long totalSteps, String device,
            long[] lossSteps, float[] crossEntropy, float[] penalty, float[] lambdas,
            long[] accuracySteps, float[][] accuracy,
            List<TaskMark> taskStarts, List<LambdaMark> lambdaChanges, Map<Integer, double[]> accuracyRows,
            long[] driftSteps, List<String> driftLayers, float[][] drift,
            LabEvent.ParameterSnapshot parameters, LabEvent.FisherComputed fisher, LabEvent.Progress progress,
            Status status, String message, RunResult result, String variant, LabEvent.DecisionRegions regions) {

        /**
         * Legend text, e.g. "EWC λ=1e5" or "task A"; a run whose λ was moved while it trained says what happened,
         * e.g. "EWC λ=1e5→1e7" — in the legends, the CSV column names and the reports alike.
         */
        public String label() {
            if (firstTask) {
                return org.ewclab.i18n.Texts.fmt("chart.task", "A");
            }
            return withVariant(runLabel(method, lambdaPath()), variant);
        }

        /** λ at the start, then after each move while the run trained. */
        public double[] lambdaPath() {
            double[] path = new double[lambdaChanges.size() + 1];
            path[0] = lambda;
            for (int i = 0; i < lambdaChanges.size(); i++) {
                path[i + 1] = lambdaChanges.get(i).newLambda();
            }
            return path;
        }

        /** The last accuracy sample per task, or null before the first evaluation. */
        public float[] latestAccuracy() {
            if (accuracySteps.length == 0) {
                return null;
            }
            float[] out = new float[accuracy.length];
            for (int t = 0; t < accuracy.length; t++) {
                out[t] = accuracy[t][accuracySteps.length - 1];
            }
            return out;
        }
    }

    /** Training on a task began at a step: a boundary on the charts. */
    public record TaskMark(int task, String taskName, long step) {
    }

    /** λ changed while the run trained. */
    public record LambdaMark(long step, double oldLambda, double newLambda) {
    }

    /**
     * A run's name as every chart, table and file shows it: "plain", "L2 λ=1", "EWC λ=1e5", and when λ moved while it
     * trained the path, "EWC λ=1e5→1e7" (more than three moves: "EWC λ=1e5→…→1e7 (5 moves)").
     *
     * @param lambdaPath λ at the start, then after each move
     */
    public static String runLabel(String method, double... lambdaPath) {
        String name = switch (method) {
            case "plain" -> org.ewclab.i18n.Texts.get("log.plain");
            case "l2" -> "L2";
            case "ewc" -> "EWC";
            case "online-ewc" -> org.ewclab.i18n.Texts.get("log.onlineEwc");
            case "ewcpp" -> "EWC++";
            case "si" -> "SI";
            case "mas" -> "MAS";
            case "lwf" -> "LwF";
            case "replay" -> org.ewclab.i18n.Texts.get("method.replay");
            case "freeze" -> org.ewclab.i18n.Texts.get("method.freeze");
            case "joint" -> org.ewclab.i18n.Texts.get("method.joint");
            default -> method;
        };
        // the methods without a penalty have no λ to name (replay, LwF, freeze, joint, plain)
        if (!org.ewclab.engine.ExperimentPreset.hasLambda(method) || lambdaPath.length == 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append(" λ=").append(shortNumber(lambdaPath[0]));
        int moves = lambdaPath.length - 1;
        if (moves > 3) {
            sb.append("→…→").append(shortNumber(lambdaPath[moves])).append(" (").append(moves).append(" moves)");
        } else {
            for (int i = 1; i < lambdaPath.length; i++) {
                sb.append('→').append(shortNumber(lambdaPath[i]));
            }
        }
        return sb.toString();
    }

    /**
     * A finished run's name from its result: the start λ, and the λ in force at its end when λ moved ("EWC
     * λ=1e5→1e7"). A result keeps only those two; the live charts, which saw every move, name each one.
     */
    public static String runLabel(RunResult r) {
        return withVariant(r.finalLambda() != r.lambda() && Double.isFinite(r.finalLambda())
                ? runLabel(r.method(), r.lambda(), r.finalLambda()) : runLabel(r.method(), r.lambda()), r.variant());
    }

    /** "Replay" + "memory 1000" → "Replay memory 1000": the knob that tells two runs of one method apart. */
    static String withVariant(String label, String variant) {
        return variant == null || variant.isEmpty() ? label : label + " " + variant;
    }

    /**
     * λ and similar values as people write them: plain digits from 0.1 to 9,999 with at most three significant digits
     * ("2500", "316", "2.5"), powers of ten outside that as "1e5" / "1e-2", other values as "3.2e4". One formatter for
     * legends, file names, the λ field and the status bar.
     */
    public static String shortNumber(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 0.1 && a < 1e4) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                    .toPlainString();
        }
        int exp = (int) Math.floor(Math.log10(a));
        double mantissa = v / Math.pow(10, exp);
        String m = new java.math.BigDecimal(mantissa).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString();
        if (m.equals("10") || m.equals("-10")) {
            m = m.startsWith("-") ? "-1" : "1";
            exp++;
        }
        return (m.equals("1") ? "1" : m.equals("-1") ? "-1" : m) + "e" + exp;
    }

    /** The mutable trace the trainer thread appends to; only touched under the log's lock. */
    private static final class Trace {
        final String runId;
        final String method;
        final double lambda;
        final String colourKey;
        final String variant;
        final boolean firstTask;
        boolean sweep;
        final List<String> taskNames;
        final long stepOffset;
        final long totalSteps;
        final String device;
        final LongList lossSteps = new LongList();
        final FloatList ce = new FloatList();
        final FloatList penalty = new FloatList();
        final FloatList lambdas = new FloatList();
        final LongList accSteps = new LongList();
        final FloatList[] acc;
        final List<TaskMark> taskStarts = new ArrayList<>();
        final List<LambdaMark> lambdaChanges = new ArrayList<>();
        final Map<Integer, double[]> rows = new LinkedHashMap<>();
        final LongList driftSteps = new LongList();
        List<String> driftLayers = List.of();
        FloatList[] drift = new FloatList[0];
        LabEvent.ParameterSnapshot parameters;
        LabEvent.FisherComputed fisher;
        LabEvent.Progress progress;
        LabEvent.DecisionRegions regions;
        Status status = Status.RUNNING;
        String message;
        RunResult result;

        Trace(LabEvent.RunStarted s) {
            runId = s.runId();
            method = s.method();
            lambda = s.lambda();
            colourKey = s.colourKey();
            variant = s.variant();
            firstTask = "first-task".equals(s.colourKey());
            taskNames = s.taskNames();
            stepOffset = s.stepOffset();
            totalSteps = s.totalSteps();
            device = s.device();
            acc = new FloatList[taskNames.size()];
            for (int i = 0; i < acc.length; i++) {
                acc[i] = new FloatList();
            }
        }

        void accept(LabEvent e) {
            if (e instanceof LabEvent.StepMetrics m) {
                lossSteps.add(m.step());
                ce.add((float) m.crossEntropy());
                penalty.add((float) m.penalty());
                lambdas.add((float) m.lambda());
            } else if (e instanceof LabEvent.AccuracyPoint a) {
                accSteps.add(a.step());
                for (int t = 0; t < acc.length; t++) {
                    acc[t].add(t < a.accuracy().length ? a.accuracy()[t] : Float.NaN);
                }
            } else if (e instanceof LabEvent.TaskStarted s) {
                taskStarts.add(new TaskMark(s.task(), s.taskName(), s.step()));
            } else if (e instanceof LabEvent.LambdaChanged c) {
                lambdaChanges.add(new LambdaMark(c.step(), c.oldLambda(), c.newLambda()));
            } else if (e instanceof LabEvent.TaskFinished f) {
                rows.put(f.task(), f.accuracyRow().clone());
            } else if (e instanceof LabEvent.Drift d) {
                if (!d.layers().equals(driftLayers)) {
                    driftLayers = d.layers();
                    driftSteps.clear();
                    drift = new FloatList[driftLayers.size()];
                    for (int i = 0; i < drift.length; i++) {
                        drift[i] = new FloatList();
                    }
                }
                driftSteps.add(d.step());
                for (int i = 0; i < drift.length; i++) {
                    drift[i].add((float) d.drift()[i]);
                }
            } else if (e instanceof LabEvent.ParameterSnapshot p) {
                parameters = p;
            } else if (e instanceof LabEvent.Progress p) {
                progress = p;
            } else if (e instanceof LabEvent.DecisionRegions d) {
                regions = d;
            } else if (e instanceof LabEvent.RunDiverged d) {
                status = Status.DIVERGED;
                message = d.message();
            } else if (e instanceof LabEvent.RunFinished f) {
                result = f.result();
                if (status != Status.DIVERGED) {
                    status = f.result() != null && f.result().stopped() ? Status.STOPPED : Status.FINISHED;
                }
                if (f.result() != null && f.result().message() != null && message == null) {
                    message = f.result().message();
                }
            } else if (e instanceof LabEvent.RunFailed f) {
                status = Status.FAILED;
                message = f.message();
            }
        }

        RunTrace freeze() {
            float[][] accuracy = new float[acc.length][];
            for (int t = 0; t < acc.length; t++) {
                accuracy[t] = acc[t].toArray();
            }
            float[][] driftCopy = new float[drift.length][];
            for (int i = 0; i < drift.length; i++) {
                driftCopy[i] = drift[i].toArray();
            }
            Map<Integer, double[]> rowCopy = new LinkedHashMap<>();
            rows.forEach((k, v) -> rowCopy.put(k, v.clone()));
            return new RunTrace(runId, method, lambda, colourKey, firstTask, sweep, taskNames, stepOffset, totalSteps,
                    device, lossSteps.toArray(), ce.toArray(), penalty.toArray(), lambdas.toArray(),
                    accSteps.toArray(), accuracy, List.copyOf(taskStarts), List.copyOf(lambdaChanges),
                    java.util.Collections.unmodifiableMap(rowCopy), driftSteps.toArray(), driftLayers, driftCopy,
                    parameters, fisher, progress, status, message, result, variant, regions);
        }
    }

    private static final class FloatList {
        private float[] data = new float[64];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    private static final class LongList {
        private long[] data = new long[64];
        private int size;

        void add(long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void clear() {
            size = 0;
        }

        long[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
