package org.ewclab.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ewclab.data.TaskSpec;

/**
 * One experiment, exactly as its JSON preset says: tasks, model, optimizer, training, Fisher options, the methods with
 * their λ, an optional λ sweep and UI flags. {@link #parse} fills every default and validates, so a parsed preset has
 * no null setting (only the optional {@code sweep} may be null, and {@code tasks} keep the nulls of {@link TaskSpec}).
 * {@link #toJson()} is deterministic: the same preset gives the same bytes, and parse → toJson → parse → toJson is
 * byte-identical.
 */
public record ExperimentPreset(
        String name,
        String title,
        String description,
        Long seed,
        List<TaskSpec> tasks,
        ModelSpec model,
        OptimizerSpec optimizer,
        TrainingSpec training,
        FisherSpec fisher,
        List<MethodSpec> methods,
        SweepSpec sweep,
        UiSpec ui,
        List<Long> seeds) {

    public static final String PLAIN = "plain";
    public static final String L2 = "l2";
    public static final String EWC = "ewc";
    public static final String ONLINE_EWC = "online-ewc";
    /** EWC++: one anchor, the Fisher as a moving average {@code F ← β·F + (1−β)·F_new}. */
    public static final String EWCPP = "ewcpp";
    /** Synaptic intelligence (Zenke et al. 2017): importance from the path integral of the loss's decrease. */
    public static final String SI = "si";
    /** Memory-aware synapses (Aljundi et al. 2018): importance from the sensitivity of the squared output norm. */
    public static final String MAS = "mas";
    /** Learning without forgetting (Li and Hoiem 2017): distillation toward the previous model's outputs. */
    public static final String LWF = "lwf";
    /** Experience replay: a class-balanced memory of every earlier task, mixed into each batch. */
    public static final String REPLAY = "replay";
    /** Parameter freezing: the first layers stop learning after the first task. */
    public static final String FREEZE = "freeze";
    /** Joint training on every task seen so far: the upper bound, drawn as a reference. */
    public static final String JOINT = "joint";
    /** Every method name, in the order the lab shows them. */
    public static final List<String> METHODS = List.of(PLAIN, L2, EWC, ONLINE_EWC, EWCPP, SI, MAS, LWF, REPLAY,
            FREEZE, JOINT);
    /** The methods with a quadratic penalty and so a λ; the others take none (λ 0 or absent). */
    public static final List<String> LAMBDA_METHODS = List.of(L2, EWC, ONLINE_EWC, EWCPP, SI, MAS);

    /** Whether a method has a λ (a quadratic penalty). */
    public static boolean hasLambda(String method) {
        return LAMBDA_METHODS.contains(method);
    }

    public ExperimentPreset {
        tasks = tasks == null ? null : List.copyOf(tasks);
        methods = methods == null ? null : List.copyOf(methods);
        seeds = seeds == null ? null : List.copyOf(seeds);
    }

    /** A preset of one seed (no {@code seeds} list). */
    public ExperimentPreset(String name, String title, String description, Long seed, List<TaskSpec> tasks,
            ModelSpec model, OptimizerSpec optimizer, TrainingSpec training, FisherSpec fisher,
            List<MethodSpec> methods, SweepSpec sweep, UiSpec ui) {
        this(name, title, description, seed, tasks, model, optimizer, training, fisher, methods, sweep, ui, null);
    }

    /**
     * The seeds every run is repeated with: the preset's {@code seeds} list when it has one (e.g. [0, 1, 2, 3, 4],
     * task A trained once per seed, results reported as mean ± standard error), otherwise just {@code seed}.
     */
    public List<Long> seedList() {
        return seeds != null && !seeds.isEmpty() ? seeds : List.of(seed == null ? 0L : seed);
    }

    /** Whether runs are repeated over several seeds. */
    public boolean multiSeed() {
        return seedList().size() > 1;
    }

    /** A copy with another list of seeds (null or one seed: a single-seed preset). */
    public ExperimentPreset withSeeds(List<Long> newSeeds) {
        return new ExperimentPreset(name, title, description, seed, tasks, model, optimizer, training, fisher,
                methods, sweep, ui, newSeeds);
    }

    /** The network. {@code type}: mlp | cnn. */
    public record ModelSpec(String type, List<Integer> hidden, String activation, Boolean batchNorm,
            Boolean multiHead, Integer convChannels) {
        public static final List<String> TYPES = List.of("mlp", "cnn");
        public static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid");

        public ModelSpec {
            hidden = hidden == null ? null : List.copyOf(hidden);
        }
    }

    /** {@code type}: sgd | adam; {@code momentum} is SGD's. Task B continues task A's optimizer state unless reset. */
    public record OptimizerSpec(String type, Double learningRate, Double momentum, Boolean resetBetweenTasks) {
        public static final List<String> TYPES = List.of("sgd", "adam");
    }

    /**
     * {@code evalEvery}: steps between accuracy points on {@code evalSamples} held-out test samples per task;
     * {@code batchNormStats}: frozen | updated (BatchNorm running statistics during the later tasks);
     * {@code threads}: torch intra-op threads.
     */
    public record TrainingSpec(Integer epochs, Integer batchSize, Integer evalEvery, Integer evalSamples,
            String batchNormStats, Integer threads, String activeClasses, String labelOffset) {
        public static final String FROZEN = "frozen";
        public static final String UPDATED = "updated";
        public static final List<String> BATCH_NORM_STATS = List.of(FROZEN, UPDATED);
        /** Every output unit in the softmax from the start (the default). */
        public static final String ALL = "all";
        /** Only the classes of the tasks seen so far in the training softmax. */
        public static final String SEEN = "seen";
        /** Only the current task's classes in the training softmax. */
        public static final String CURRENT = "current";
        public static final List<String> ACTIVE_CLASSES = List.of(ALL, SEEN, CURRENT);
        /** Labels as the data gives them. */
        public static final String NONE = "none";
        /** Task t's labels shifted by the class counts of tasks 0..t−1, on a head wide enough for all (class-IL). */
        public static final String PER_TASK = "per-task";
        public static final List<String> LABEL_OFFSETS = List.of(NONE, PER_TASK);

        /** The settings before the scenario fields: those are left unset (the defaults, all and none). */
        public TrainingSpec(Integer epochs, Integer batchSize, Integer evalEvery, Integer evalSamples,
                String batchNormStats, Integer threads) {
            this(epochs, batchSize, evalEvery, evalSamples, batchNormStats, threads, null, null);
        }

        /** A copy with other loop settings that keeps the scenario ({@code activeClasses}, {@code labelOffset}). */
        public TrainingSpec withLoop(Integer newEpochs, Integer newBatchSize, Integer newEvalEvery,
                Integer newEvalSamples, String newBatchNormStats, Integer newThreads) {
            return new TrainingSpec(newEpochs, newBatchSize, newEvalEvery, newEvalSamples, newBatchNormStats,
                    newThreads, activeClasses, labelOffset);
        }
    }

    /**
     * How the diagonal Fisher is estimated after each task. {@code labels}: empirical | sampled | argmax | exact;
     * {@code gradients}: per-sample | batch; {@code samples}: 0 = the whole training set; {@code batchSize}: the
     * batch of the "batch" estimator; {@code topPercent}: keep the largest k% of F (100 = all); {@code gamma}: online
     * EWC's decay {@code F ← γ·F + F_new}.
     */
    public record FisherSpec(String labels, String gradients, Integer samples, Integer batchSize, Double topPercent,
            Double gamma) {
        public static final List<String> LABELS = List.of("empirical", "sampled", "argmax", "exact");
        public static final List<String> GRADIENTS = List.of("per-sample", "batch");

        /** The one name of this estimator, used alike in the UI, presets and results: e.g. "argmax/batch". */
        public String variant() {
            String v = labels + "/" + gradients;
            if (samples != null && samples > 0) {
                v += " n=" + samples;
            }
            if (topPercent != null && topPercent < 100) {
                v += " top" + Num.format(topPercent) + "%";
            }
            return v;
        }
    }

    /**
     * One method to run from the first-task checkpoint. {@code lambda} is 0 for the methods without a penalty
     * ({@link #hasLambda}); {@code knobs} holds the method's other settings (never null once validated).
     */
    public record MethodSpec(String method, Double lambda, MethodKnobs knobs) {
        public MethodSpec {
            Objects.requireNonNull(method, "method");
        }

        public MethodSpec(String method, Double lambda) {
            this(method, lambda, null);
        }

        public static MethodSpec of(String method, double lambda) {
            return new MethodSpec(method, lambda);
        }

        /** A method with knobs, e.g. {@code MethodSpec.of("replay", 0, MethodKnobs.NONE.withMemory(50))}. */
        public static MethodSpec of(String method, double lambda, MethodKnobs knobs) {
            return new MethodSpec(method, lambda, knobs);
        }

        public double lambdaOrZero() {
            return lambda == null ? 0 : lambda;
        }

        /** The knobs, or none set. */
        public MethodKnobs knobsOrNone() {
            return knobs == null ? MethodKnobs.NONE : knobs;
        }

        /**
         * The knob that tells runs of this method apart in legends and tables, or "": replay's memory, LwF's α,
         * freeze's layers, EWC++'s β and SI's ξ when not the default, EWC's task weights, and any distillation.
         */
        public String variant() {
            MethodKnobs k = knobsOrNone();
            List<String> parts = new java.util.ArrayList<>();
            switch (method) {
                case REPLAY -> {
                    if (k.memory() != null) {
                        parts.add("memory " + k.memory() + (k.ratio() != null && k.ratio() != 1
                                ? " ratio " + Num.format(k.ratio()) : ""));
                    }
                }
                case LWF -> {
                    if (k.alpha() != null) {
                        parts.add("α " + Num.format(k.alpha()));
                    }
                }
                case FREEZE -> {
                    if (k.layers() != null) {
                        parts.add(k.layers() + (k.layers() == 1 ? " layer" : " layers"));
                    }
                }
                case EWCPP -> {
                    if (k.beta() != null && k.beta() != 0.5) {
                        parts.add("β " + Num.format(k.beta()));
                    }
                }
                case SI -> {
                    if (k.xi() != null && k.xi() != 0.1) {
                        parts.add("ξ " + Num.format(k.xi()));
                    }
                }
                case EWC -> {
                    if (k.taskWeights() != null) {
                        parts.add("α " + String.join(",", k.taskWeights().stream().map(Num::format).toList()));
                    }
                }
                default -> {
                }
            }
            if (k.distill() != null && k.distill() > 0) {
                parts.add("+ distill " + Num.format(k.distill()));
            }
            return String.join(" ", parts);
        }

        /** A copy with another λ (same knobs). */
        public MethodSpec withLambda(double newLambda) {
            return new MethodSpec(method, newLambda, knobs);
        }
    }

    /**
     * A method's settings beside λ; null = not set (a validated preset fills the method's defaults and leaves the
     * others null). {@code layers}: freeze; {@code alpha}, {@code temperature}: lwf (temperature also for
     * {@code distill}); {@code memory}, {@code ratio}: replay; {@code beta}: ewcpp; {@code xi}: si;
     * {@code taskWeights}: ewc (α per earlier task, F_total = Σ α_t·F_t); {@code distill}: any method, the weight of
     * an added LwF term.
     */
    public record MethodKnobs(Integer layers, Double alpha, Double temperature, Integer memory, Double ratio,
            Double beta, Double xi, List<Double> taskWeights, Double distill) {
        public static final MethodKnobs NONE = new MethodKnobs(null, null, null, null, null, null, null, null, null);
        /** Knob names in preset order. */
        public static final List<String> NAMES = List.of("layers", "alpha", "temperature", "memory", "ratio", "beta",
                "xi", "taskWeights", "distill");

        public MethodKnobs {
            taskWeights = taskWeights == null ? null : List.copyOf(taskWeights);
        }

        public MethodKnobs withLayers(Integer v) {
            return new MethodKnobs(v, alpha, temperature, memory, ratio, beta, xi, taskWeights, distill);
        }

        public MethodKnobs withAlpha(Double v) {
            return new MethodKnobs(layers, v, temperature, memory, ratio, beta, xi, taskWeights, distill);
        }

        public MethodKnobs withTemperature(Double v) {
            return new MethodKnobs(layers, alpha, v, memory, ratio, beta, xi, taskWeights, distill);
        }

        public MethodKnobs withMemory(Integer v) {
            return new MethodKnobs(layers, alpha, temperature, v, ratio, beta, xi, taskWeights, distill);
        }

        public MethodKnobs withRatio(Double v) {
            return new MethodKnobs(layers, alpha, temperature, memory, v, beta, xi, taskWeights, distill);
        }

        public MethodKnobs withBeta(Double v) {
            return new MethodKnobs(layers, alpha, temperature, memory, ratio, v, xi, taskWeights, distill);
        }

        public MethodKnobs withXi(Double v) {
            return new MethodKnobs(layers, alpha, temperature, memory, ratio, beta, v, taskWeights, distill);
        }

        public MethodKnobs withTaskWeights(List<Double> v) {
            return new MethodKnobs(layers, alpha, temperature, memory, ratio, beta, xi, v, distill);
        }

        public MethodKnobs withDistill(Double v) {
            return new MethodKnobs(layers, alpha, temperature, memory, ratio, beta, xi, taskWeights, v);
        }

        /**
         * A copy with one number-valued knob set by its preset name (what a knob sweep does to each run): memory and
         * layers take whole numbers.
         */
        public MethodKnobs with(String name, double v) {
            return switch (name) {
                case "layers" -> withLayers((int) Math.round(v));
                case "alpha" -> withAlpha(v);
                case "temperature" -> withTemperature(v);
                case "memory" -> withMemory((int) Math.round(v));
                case "ratio" -> withRatio(v);
                case "beta" -> withBeta(v);
                case "xi" -> withXi(v);
                case "distill" -> withDistill(v);
                default -> throw new IllegalArgumentException("no number-valued knob " + name);
            };
        }

        /** The value of a knob by its preset name (a Number, a List or null). */
        public Object get(String name) {
            return switch (name) {
                case "layers" -> layers;
                case "alpha" -> alpha;
                case "temperature" -> temperature;
                case "memory" -> memory;
                case "ratio" -> ratio;
                case "beta" -> beta;
                case "xi" -> xi;
                case "taskWeights" -> taskWeights;
                case "distill" -> distill;
                default -> throw new IllegalArgumentException("no knob " + name);
            };
        }

        /** The knobs that are set, as the preset names them: e.g. "memory=100 ratio=1"; "" when none. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (String n : NAMES) {
                Object v = get(n);
                if (v == null) {
                    continue;
                }
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(n).append('=');
                if (v instanceof List<?> list) {
                    sb.append(String.join(",", list.stream().map(x -> Num.format((Double) x)).toList()));
                } else if (v instanceof Double d) {
                    sb.append(Num.format(d));
                } else {
                    sb.append(v);
                }
            }
            return sb.toString();
        }

        /** The knobs a method takes besides λ, in preset order. */
        public static List<String> of(String method) {
            return switch (method) {
                case FREEZE -> List.of("layers", "distill", "temperature");
                case LWF -> List.of("alpha", "temperature");
                case REPLAY -> List.of("memory", "ratio", "distill", "temperature");
                case EWCPP -> List.of("beta", "distill", "temperature");
                case SI -> List.of("xi", "distill", "temperature");
                case EWC -> List.of("taskWeights", "distill", "temperature");
                default -> List.of("distill", "temperature");
            };
        }
    }

    /**
     * Optional: each method of {@code methods} also runs at several values of one knob. {@code knob} is "lambda" (the
     * default: {@code points} λ values spaced evenly in log10 between {@code lambdaMin} and {@code lambdaMax}, the
     * original sweep) or a strength knob of every sweep method ({@link #knobsOf}): replay's {@code memory}, LwF's
     * {@code alpha}… For any knob the values are either the explicit {@code values} or {@code points} values between
     * {@code min} and {@code max} ({@code lambdaMin}/{@code lambdaMax} for λ), spaced by {@code scale} (log | linear;
     * default log for λ, linear for the others), which is also the charts' x axis. A knob sweep's runs fork from the
     * method's entry in the preset's {@code methods} (its λ and other knobs) or, without one, its defaults.
     */
    public record SweepSpec(List<String> methods, Double lambdaMin, Double lambdaMax, Integer points, String knob,
            List<Double> values, Double min, Double max, String scale) {
        public static final String LAMBDA = "lambda";
        public static final String LOG = "log";
        public static final String LINEAR = "linear";
        public static final List<String> SCALES = List.of(LOG, LINEAR);
        /** The knobs whose values are whole numbers. */
        public static final List<String> INTEGER_KNOBS = List.of("memory", "layers");

        public SweepSpec {
            methods = methods == null ? null : List.copyOf(methods);
            values = values == null ? null : List.copyOf(values);
        }

        /** A λ sweep (the original form). */
        public SweepSpec(List<String> methods, Double lambdaMin, Double lambdaMax, Integer points) {
            this(methods, lambdaMin, lambdaMax, points, null, null, null, null, null);
        }

        /** A sweep of {@code knob} over explicit values. */
        public static SweepSpec ofValues(List<String> methods, String knob, List<Double> values) {
            return new SweepSpec(methods, null, null, null, knob, values, null, null, null);
        }

        /** The knob swept: "lambda" unless another is named. */
        public String knobName() {
            return knob == null ? LAMBDA : knob;
        }

        /** Whether this is a λ sweep (the original kind; its runs are recorded as they always were). */
        public boolean lambdaSweep() {
            return LAMBDA.equals(knobName());
        }

        /** The spacing and the charts' x axis: the one given, else log for λ and linear for the other knobs. */
        public String scaleName() {
            return scale != null ? scale : lambdaSweep() ? LOG : LINEAR;
        }

        /** The swept values in order: the explicit list, or {@code points} from min to max on the scale. */
        public double[] knobValues() {
            if (values != null) {
                return values.stream().mapToDouble(Double::doubleValue).toArray();
            }
            double lo = lambdaSweep() ? lambdaMin : min;
            double hi = lambdaSweep() ? lambdaMax : max;
            boolean log = LOG.equals(scaleName());
            double[] out = new double[points];
            for (int i = 0; i < points; i++) {
                if (points == 1) {
                    out[i] = lo;
                } else if (log) {
                    double a = StrictMath.log10(lo);
                    double b = StrictMath.log10(hi);
                    out[i] = StrictMath.pow(10, a + (b - a) * i / (points - 1));
                } else {
                    out[i] = lo + (hi - lo) * i / (points - 1);
                }
                if (INTEGER_KNOBS.contains(knobName())) {
                    out[i] = Math.rint(out[i]);
                }
            }
            return out;
        }

        /** The λ values of a λ sweep, in order (for another knob: its values). */
        public double[] lambdas() {
            return knobValues();
        }
    }

    /**
     * The knobs a sweep can turn for a method, in preset order: λ for the methods with a penalty, then the method's
     * number-valued settings (not EWC's {@code taskWeights}, a list; temperature only where it acts: LwF, or a method
     * given a {@code distill}). Online EWC's γ is the lesson's {@code fisher.gamma}, not a knob of one run.
     */
    public static List<String> knobsOf(String method) {
        List<String> out = new java.util.ArrayList<>();
        if (hasLambda(method)) {
            out.add(SweepSpec.LAMBDA);
        }
        for (String k : MethodKnobs.of(method)) {
            if (!k.equals("taskWeights")) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * How the window presents a lesson: {@code hide} names controls and charts the lesson hides, {@code fixed} names
     * values the students see but cannot change (the preset's own value is used), and the lesson's title and
     * description in Simplified Chinese (JSON {@code title_zh}, {@code description_zh} at the top level). Names are
     * those of {@link #CONTROLS}; {@link #FIXABLE} are the ones that can be fixed.
     */
    public record UiSpec(List<String> hide, List<String> fixed, String titleZh, String descriptionZh) {
        /**
         * What {@code ui.hide} can name: each method ({@code method.} + a name of {@link #METHODS}), λ, buttons, the
         * side panel and its panes, tabs and charts.
         */
        public static final List<String> CONTROLS = java.util.stream.Stream.concat(
                METHODS.stream().map(m -> "method." + m), java.util.stream.Stream.of("methods", "lambda",
                "trainA", "trainB", "compare", "seeds", "pause", "stop", "reset",
                "panel", "panel.tasks", "panel.load", "panel.model", "panel.training", "panel.fisher",
                "tab.lesson", "tab.sweep", "tab.matrix", "tab.landscape",
                "chart.accuracy", "chart.loss", "chart.fisher-histogram", "chart.drift-density", "chart.importance"))
                .toList();
        /** What {@code ui.fixed} can name: the preset's value stays, its control is shown but locked. */
        public static final List<String> FIXABLE = List.of("method", "lambda", "tasks", "model", "training",
                "fisher");

        public UiSpec {
            hide = hide == null ? null : List.copyOf(hide);
            fixed = fixed == null ? null : List.copyOf(fixed);
        }

        public UiSpec(List<String> hide) {
            this(hide, null, null, null);
        }

        /** Whether the lesson hides {@code control} (one of {@link #CONTROLS}). */
        public boolean hides(String control) {
            return hide != null && hide.contains(control);
        }

        /** Whether the lesson fixes {@code value} (one of {@link #FIXABLE}). */
        public boolean fixes(String value) {
            return fixed != null && fixed.contains(value);
        }
    }

    /** Parses, fills defaults and validates; throws {@link PresetException} naming the field and the problem. */
    public static ExperimentPreset parse(String json) {
        return PresetCodec.parse(json);
    }

    /** Reads a preset file (UTF-8). */
    public static ExperimentPreset read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads a bundled preset from the classpath, e.g. "mnist-fashion" → /examples/mnist-fashion.json. */
    public static ExperimentPreset bundled(String name) {
        return PresetCodec.bundled(name);
    }

    /** Checks the preset (defaults filled), returning it; throws {@link PresetException}. */
    public ExperimentPreset validated() {
        return PresetCodec.normalize(this);
    }

    /** Pretty-printed JSON, fields in a fixed order: same preset, same bytes. */
    public String toJson() {
        return PresetCodec.write(this);
    }

    /** Writes {@link #toJson()} to a file (UTF-8). */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** A copy with other UI flags and texts (e.g. a teacher's Save lesson). */
    public ExperimentPreset withUi(UiSpec newUi) {
        return new ExperimentPreset(name, title, description, seed, tasks, model, optimizer, training, fisher,
                methods, sweep, newUi, seeds);
    }

    /** A copy with other methods (e.g. the GUI's choice). */
    public ExperimentPreset withMethods(List<MethodSpec> newMethods) {
        return new ExperimentPreset(name, title, description, seed, tasks, model, optimizer, training, fisher,
                newMethods, sweep, ui, seeds);
    }

    /** A copy with another seed. */
    public ExperimentPreset withSeed(long newSeed) {
        return new ExperimentPreset(name, title, description, newSeed, tasks, model, optimizer, training, fisher,
                methods, sweep, ui, seeds);
    }

    /** A copy with other training settings. */
    public ExperimentPreset withTraining(TrainingSpec newTraining) {
        return new ExperimentPreset(name, title, description, seed, tasks, model, optimizer, newTraining, fisher,
                methods, sweep, ui, seeds);
    }

    /** A copy with other Fisher settings. */
    public ExperimentPreset withFisher(FisherSpec newFisher) {
        return new ExperimentPreset(name, title, description, seed, tasks, model, optimizer, training, newFisher,
                methods, sweep, ui, seeds);
    }

    /** A copy with other tasks. */
    public ExperimentPreset withTasks(List<TaskSpec> newTasks) {
        return new ExperimentPreset(name, title, description, seed, newTasks, model, optimizer, training, fisher,
                methods, sweep, ui, seeds);
    }

    /** A copy with another model. */
    public ExperimentPreset withModel(ModelSpec newModel) {
        return new ExperimentPreset(name, title, description, seed, tasks, newModel, optimizer, training, fisher,
                methods, sweep, ui, seeds);
    }

    /** A copy with another optimizer. */
    public ExperimentPreset withOptimizer(OptimizerSpec newOptimizer) {
        return new ExperimentPreset(name, title, description, seed, tasks, model, newOptimizer, training, fisher,
                methods, sweep, ui, seeds);
    }
}
