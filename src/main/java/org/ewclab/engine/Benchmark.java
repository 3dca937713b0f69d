package org.ewclab.engine;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;

/**
 * Performance figures to watch (not pass/fail), measured so that they do not depend on the order of the methods:
 *
 * <ul>
 * <li>the first task-B run of the JVM (cold) is reported apart;</li>
 * <li>every method is then warmed up, and measured in interleaved rounds (A B C, A B C, …), so drifting machine load
 * hits every method alike; each round's step time is also divided by plain's of the same round (a paired ratio);</li>
 * <li>each step is timed twice: wall clock, and CPU time of the trainer thread — with one torch thread, torch computes
 * on the calling thread, so the CPU time is the work of a step and barely moves when other processes share the
 * cores, while the wall clock does.</li>
 * </ul>
 */
public final class Benchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Benchmark() {
    }

    /** What to measure. {@code order}: the methods (with λ) in the order of each round. */
    public record Options(List<MethodSpec> order, int rounds, int warmupRounds, int fisherSamples, boolean lesson,
            boolean fisherVariants) {
        public static Options defaults() {
            // every method, at the knobs of the beyond-ewc lesson's scale: the ratio to plain is each one's cost
            return new Options(List.of(MethodSpec.of("plain", 0), MethodSpec.of("l2", 1), MethodSpec.of("ewc", 1e5),
                    MethodSpec.of("online-ewc", 1e5), MethodSpec.of("ewcpp", 1e5), MethodSpec.of("si", 10),
                    MethodSpec.of("mas", 10), MethodSpec.of("lwf", 0),
                    MethodSpec.of("replay", 0, ExperimentPreset.MethodKnobs.NONE.withMemory(100).withRatio(1.0)),
                    MethodSpec.of("freeze", 0), MethodSpec.of("joint", 0),
                    MethodSpec.of("ewc", 1e5, ExperimentPreset.MethodKnobs.NONE.withDistill(0.5))), 3, 1, 2000, true,
                    true);
        }
    }

    /** The step times of one run: wall and thread-CPU milliseconds per step (median over its steps). */
    public record RunTiming(int steps, double wallMsPerStep, double cpuMsPerStep) {
    }

    /**
     * One method's figures: the cold run (its first run in this JVM; for the first method of the order, the JVM's
     * first task-B run), then each measured round, and the paired ratios to plain's step time in the same round.
     */
    public record MethodFigures(String method, double lambda, RunTiming cold, List<RunTiming> rounds,
            double[] wallRatioToPlain, double[] cpuRatioToPlain, long stateBytes) {
        public double wallMsPerStep() {
            return median(rounds.stream().mapToDouble(RunTiming::wallMsPerStep).toArray());
        }

        public double cpuMsPerStep() {
            return median(rounds.stream().mapToDouble(RunTiming::cpuMsPerStep).toArray());
        }

        public double stepsPerSecond() {
            return 1000 / wallMsPerStep();
        }

        public double wallRatio() {
            return median(wallRatioToPlain);
        }

        public double cpuRatio() {
            return median(cpuRatioToPlain);
        }

        /** A 95% band for {@link #cpuRatio} from the rounds' spread ({@link #medianNotch}). */
        public double[] cpuRatioBand() {
            return medianNotch(cpuRatioToPlain);
        }
    }

    /** A throughput: median of the repeats, its unit, every repeat. */
    public record Figure(String name, double median, String unit, double[] repeats) {
    }

    /** Everything one bench measured. */
    public record Report(String setup, List<MethodFigures> training, int stepsPerRun, List<Figure> fisher,
            Figure evaluation, Double lessonSeconds, Double lessonCpuSeconds, String lessonSummary) {
    }

    /**
     * Measures on the preset's model and optimizer with {@code tasks} (two tasks: A and B). Each timed run is one
     * epoch of task B; set-up and evaluation are outside the step times (evaluation is turned off while timing).
     */
    public static Report run(ExperimentPreset preset, List<TaskData> tasks, Options options, Consumer<String> log) {
        TrainingSpec t = preset.training();
        ExperimentPreset p = preset.withTraining(t.withLoop(1, t.batchSize(), 0, t.evalSamples(),
                t.batchNormStats(), t.threads())).validated();
        List<MethodSpec> order = options.order();
        int n = order.size();
        RunTiming[] cold = new RunTiming[n];
        List<List<RunTiming>> rounds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rounds.add(new ArrayList<>());
        }
        List<Figure> fisher = new ArrayList<>();
        Figure evaluation;
        int stepsPerRun;
        try (ExperimentSession s = ExperimentSession.open(p, tasks)) {
            log.accept("task A (1 epoch) for the checkpoint");
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            int warm = Math.max(1, options.warmupRounds());
            for (int r = 0; r < warm + options.rounds(); r++) {
                log.accept((r < warm ? "warm-up" : "measured") + " round " + (r < warm ? r + 1 : r - warm + 1) + ": "
                        + String.join(" → ", order.stream().map(MethodSpec::method).toList()));
                for (int i = 0; i < n; i++) {
                    RunTiming timing = timeRun(s, cp, order.get(i));
                    if (r == 0) {
                        cold[i] = timing;
                    } else if (r >= warm) {
                        rounds.get(i).add(timing);
                    }
                }
            }
            stepsPerRun = cold[0].steps();
            if (options.fisherVariants()) {
                for (String gradients : FisherSpec.GRADIENTS) {
                    for (String labels : FisherSpec.LABELS) {
                        fisher.add(fisherFigure(s, cp, preset, labels, gradients, options, log));
                    }
                }
            }
            log.accept("evaluation, " + (options.rounds() + 1) + " times");
            double[] rates = new Runner(p, Runner.arrays(p, tasks), new RunControl(), null).evaluationRates(cp,
                    options.rounds() + 1);
            evaluation = figure("evaluation (test sets, chunks of 1000)", Arrays.copyOfRange(rates, 1, rates.length),
                    "samples/s");
        }
        int parameters = parameterCount(p, tasks);
        int plain = -1;
        for (int i = 0; i < n; i++) {
            if (ExperimentPreset.PLAIN.equals(order.get(i).method())) {
                plain = i;
            }
        }
        List<MethodFigures> training = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<RunTiming> rs = rounds.get(i);
            double[] wr = new double[rs.size()];
            double[] cr = new double[rs.size()];
            for (int r = 0; r < rs.size(); r++) {
                wr[r] = plain < 0 ? Double.NaN : rs.get(r).wallMsPerStep() / rounds.get(plain).get(r).wallMsPerStep();
                cr[r] = plain < 0 ? Double.NaN : rs.get(r).cpuMsPerStep() / rounds.get(plain).get(r).cpuMsPerStep();
            }
            training.add(new MethodFigures(label(order.get(i)), order.get(i).lambdaOrZero(), cold[i],
                    List.copyOf(rs), wr, cr, stateBytes(order.get(i), parameters, tasks.get(0).train().size(),
                            tasks.get(0).train().featureCount(), t.batchSize())));
        }
        Double lessonSeconds = null;
        Double lessonCpu = null;
        String lessonSummary = null;
        if (options.lesson()) {
            log.accept("the lesson end to end: " + preset.name() + " (" + preset.methods().size() + " methods, "
                    + t.epochs() + " epochs per task)");
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            ExperimentResult res;
            try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
                res = s.runExperiment(new RunControl(), e -> { });
            }
            lessonSeconds = (System.nanoTime() - w0) / 1e9;
            lessonCpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
            StringBuilder sb = new StringBuilder();
            for (RunResult r : res.runs()) {
                double[] last = r.accuracy()[r.accuracy().length - 1];
                sb.append(String.format(Locale.ROOT, "%s %.3f/%.3f; ", r.method(), last[0], last[last.length - 1]));
            }
            lessonSummary = sb.toString().trim();
        }
        String setup = String.format(Locale.ROOT, "%s: %s %s batchNorm=%s, %s, batch %d; one epoch of task B (%d "
                + "steps) per run; %d warm-up + %d measured rounds", preset.name(), preset.model().type(),
                preset.model().hidden(), preset.model().batchNorm(), preset.optimizer().type(), t.batchSize(),
                stepsPerRun, Math.max(1, options.warmupRounds()), options.rounds());
        return new Report(setup, training, stepsPerRun, fisher, evaluation, lessonSeconds, lessonCpu, lessonSummary);
    }

    /** One task-B epoch with {@code m}; times each step between consecutive step events on the trainer thread. */
    private static RunTiming timeRun(ExperimentSession s, TaskCheckpoint cp, MethodSpec m) {
        List<long[]> marks = new ArrayList<>();
        s.runFrom(cp, m, new RunControl(), e -> {
            if (e instanceof LabEvent.StepMetrics) {
                marks.add(new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()});
            }
        });
        int steps = marks.size() - 1;
        double[] wall = new double[steps];
        double[] cpu = new double[steps];
        for (int i = 0; i < steps; i++) {
            wall[i] = (marks.get(i + 1)[0] - marks.get(i)[0]) / 1e6;
            cpu[i] = (marks.get(i + 1)[1] - marks.get(i)[1]) / 1e6;
        }
        // the mean, not the median, of a run: the odd slow step (a garbage collection, an evaluation) is real cost
        return new RunTiming(steps, mean(wall), mean(cpu));
    }

    private static Figure fisherFigure(ExperimentSession s, TaskCheckpoint cp, ExperimentPreset preset, String labels,
            String gradients, Options options, Consumer<String> log) {
        int samples = options.fisherSamples();
        FisherSpec f = new FisherSpec(labels, gradients, samples, preset.fisher().batchSize(), 100.0, 1.0);
        log.accept("Fisher " + f.variant() + ", " + (options.rounds() + 1) + " times");
        double[] rates = new double[Math.max(1, options.rounds())];
        for (int r = -1; r < rates.length; r++) {
            LabEvent.FisherComputed[] done = new LabEvent.FisherComputed[1];
            s.withFisher(cp, f, e -> {
                if (e instanceof LabEvent.FisherComputed fc) {
                    done[0] = fc;
                }
            });
            if (r >= 0) {
                rates[r] = done[0].samples() / done[0].seconds();
            }
        }
        return figure("Fisher " + f.variant() + (gradients.equals("batch") ? " (batch " + f.batchSize() + ")" : ""),
                rates, "samples/s");
    }

    static Figure figure(String name, double[] values, String unit) {
        return new Figure(name, median(values), unit, values.clone());
    }

    /**
     * A rough 95% band for the median of {@code values}: median ± 1.58·IQR/√n, the notch of McGill, Tukey and Larsen
     * (1978), with the quartiles interpolated between order statistics (type 7, as numpy and R by default). On this
     * kind of shared virtual machine 15 rounds give a band of about ±0.04 on a step-time ratio, 41 rounds ±0.01.
     */
    static double[] medianNotch(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double half = 1.58 * (quantile7(sorted, 0.75) - quantile7(sorted, 0.25)) / Math.sqrt(n);
        double m = quantile7(sorted, 0.5); // the median: type 7 at ½ averages the two middle values of an even n
        return new double[] {m - half, m + half};
    }

    private static double quantile7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }

    /** The report as text lines: a training table, the Fisher variants, evaluation, the lesson. */
    /** Trainable parameters of task B's network (trunk and its head), BatchNorm statistics left out. */
    static int parameterCount(ExperimentPreset p, List<TaskData> tasks) {
        List<TaskArrays> a = Runner.arrays(p, tasks);
        int[] classes = new int[a.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = a.get(i).classes();
        }
        int n = 0;
        for (java.util.Map.Entry<String, int[]> e : Network.layout(p.model(), a.get(0).height(), a.get(0).width(),
                a.get(0).features(), Network.heads(p.model(), classes)).entrySet()) {
            if (!e.getKey().contains("running") && !(p.model().multiHead() && e.getKey().startsWith("head")
                    && !e.getKey().startsWith("head2."))) {
                n += Network.count(e.getValue());
            }
        }
        return n;
    }

    /**
     * What a method holds beyond plain training while task B trains, in bytes (float32), counted from its data
     * structures rather than measured: the quadratic's combined weight, centre and λ-scaled weight on the device and
     * the importance and anchor on the host (5 floats per parameter); SI also its path integral, start values and
     * the step's two copies (4 more); LwF / distillation the previous network (1); replay the stored samples of task A
     * ({@code memory} × inputs); joint all of task A's training samples; freeze nothing.
     */
    static long stateBytes(MethodSpec m, long parameters, int taskATrain, int features, int batch) {
        long floats = switch (m.method()) {
            case ExperimentPreset.L2, ExperimentPreset.EWC, ExperimentPreset.ONLINE_EWC, ExperimentPreset.EWCPP,
                    ExperimentPreset.MAS -> 5 * parameters;
            case ExperimentPreset.SI -> 9 * parameters;
            case ExperimentPreset.LWF -> parameters;
            case ExperimentPreset.REPLAY -> (long) Math.min(m.knobsOrNone().memory() == null ? 100
                    : m.knobsOrNone().memory(), taskATrain) * features;
            case ExperimentPreset.JOINT -> (long) taskATrain * features;
            default -> 0;
        };
        Double d = m.knobsOrNone().distill();
        if (d != null && d > 0) {
            floats += parameters;
        }
        return 4 * floats;
    }

    /** The method's name, with "+distill" when it carries a distillation term (EWC + distillation). */
    static String label(MethodSpec m) {
        Double d = m.knobsOrNone().distill();
        return m.method() + (d != null && d > 0 ? "+distill" : "");
    }

    public static List<String> describe(Report r) {
        List<String> out = new ArrayList<>();
        out.add(r.setup());
        out.add(String.format(Locale.ROOT, "%-11s %8s %9s %9s %10s %9s %9s %9s   %s", "method", "λ", "steps/s",
                "ms/step", "cpu ms/st", "×plain", "×plain", "state", "cold first run"));
        out.add(String.format(Locale.ROOT, "%-11s %8s %9s %9s %10s %9s %9s %9s   %s", "", "", "(wall)", "(wall)",
                "(thread)", "(wall)", "(cpu)", "MB", "ms/step wall, cpu"));
        for (MethodFigures m : r.training()) {
            out.add(String.format(Locale.ROOT, "%-11s %8s %9.0f %9.2f %10.2f %9.3f %9.3f %9.2f   %.2f, %.2f",
                    m.method(), Num.short2(m.lambda()), m.stepsPerSecond(), m.wallMsPerStep(), m.cpuMsPerStep(),
                    m.wallRatio(), m.cpuRatio(), m.stateBytes() / 1e6, m.cold().wallMsPerStep(),
                    m.cold().cpuMsPerStep()));
        }
        out.add("state: what a method holds beyond plain while task B trains, counted from its data structures"
                + " (float32), not measured");
        StringBuilder per = new StringBuilder("per round ×plain (cpu):");
        for (MethodFigures m : r.training()) {
            per.append(' ').append(m.method()).append(' ');
            for (double v : m.cpuRatioToPlain()) {
                per.append(String.format(Locale.ROOT, "%.2f/", v));
            }
            per.setLength(per.length() - 1);
        }
        out.add(per.toString());
        StringBuilder band = new StringBuilder("×plain (cpu), median of the rounds with a 95% band (± 1.58·IQR/√n; "
                + "more --rounds narrow it):");
        for (MethodFigures m : r.training()) {
            if (m.cpuRatioToPlain().length > 0 && !ExperimentPreset.PLAIN.equals(m.method())) {
                double[] b = m.cpuRatioBand();
                band.append(String.format(Locale.ROOT, " %s %.3f [%.3f, %.3f]", m.method(), m.cpuRatio(), b[0], b[1]));
            }
        }
        out.add(band.toString());
        for (Figure f : r.fisher()) {
            out.add(line(f));
        }
        out.add(line(r.evaluation()));
        if (r.lessonSeconds() != null) {
            out.add(String.format(Locale.ROOT, "the lesson end to end: %.1f s wall, %.1f s cpu (trainer thread); %s",
                    r.lessonSeconds(), r.lessonCpuSeconds(), r.lessonSummary()));
        }
        return out;
    }

    private static String line(Figure f) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-52s %10.0f %s", f.name(), f.median(),
                f.unit()));
        sb.append("   (repeats");
        for (double v : f.repeats()) {
            sb.append(String.format(Locale.ROOT, " %.0f", v));
        }
        return sb.append(')').toString();
    }

    /** The report as JSON, for comparing one bench with a later one. */
    public static String toJson(Report r, String machine) {
        JsonObject o = new JsonObject();
        o.addProperty("machine", machine);
        o.addProperty("setup", r.setup());
        o.addProperty("stepsPerRun", r.stepsPerRun());
        JsonArray order = new JsonArray();
        JsonArray training = new JsonArray();
        for (MethodFigures m : r.training()) {
            order.add(m.method());
            JsonObject mo = new JsonObject();
            mo.addProperty("method", m.method());
            mo.addProperty("lambda", m.lambda());
            mo.addProperty("stepsPerSecond", round(m.stepsPerSecond()));
            mo.addProperty("wallMsPerStep", round(m.wallMsPerStep()));
            mo.addProperty("cpuMsPerStep", round(m.cpuMsPerStep()));
            mo.addProperty("wallRatioToPlain", round(m.wallRatio()));
            mo.addProperty("cpuRatioToPlain", round(m.cpuRatio()));
            mo.addProperty("stateBytes", m.stateBytes());
            JsonObject co = new JsonObject();
            co.addProperty("wallMsPerStep", round(m.cold().wallMsPerStep()));
            co.addProperty("cpuMsPerStep", round(m.cold().cpuMsPerStep()));
            mo.add("cold", co);
            JsonArray rounds = new JsonArray();
            for (int i = 0; i < m.rounds().size(); i++) {
                JsonObject ro = new JsonObject();
                ro.addProperty("wallMsPerStep", round(m.rounds().get(i).wallMsPerStep()));
                ro.addProperty("cpuMsPerStep", round(m.rounds().get(i).cpuMsPerStep()));
                ro.addProperty("wallRatioToPlain", round(m.wallRatioToPlain()[i]));
                ro.addProperty("cpuRatioToPlain", round(m.cpuRatioToPlain()[i]));
                rounds.add(ro);
            }
            mo.add("rounds", rounds);
            training.add(mo);
        }
        o.add("order", order);
        o.add("training", training);
        JsonArray fisher = new JsonArray();
        for (Figure f : r.fisher()) {
            fisher.add(figureJson(f));
        }
        o.add("fisher", fisher);
        o.add("evaluation", figureJson(r.evaluation()));
        if (r.lessonSeconds() != null) {
            JsonObject lo = new JsonObject();
            lo.addProperty("wallSeconds", round(r.lessonSeconds()));
            lo.addProperty("cpuSeconds", round(r.lessonCpuSeconds()));
            lo.addProperty("result", r.lessonSummary());
            o.add("lesson", lo);
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues()
                .create().toJson(o) + "\n";
    }

    private static JsonObject figureJson(Figure f) {
        JsonObject fo = new JsonObject();
        fo.addProperty("name", f.name());
        fo.addProperty("median", round(f.median()));
        fo.addProperty("unit", f.unit());
        JsonArray rs = new JsonArray();
        for (double v : f.repeats()) {
            rs.add(round(v));
        }
        fo.add("repeats", rs);
        return fo;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
