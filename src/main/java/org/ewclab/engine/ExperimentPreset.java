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
    /** Every method name, in the order the lab shows them. */
    public static final List<String> METHODS = List.of(PLAIN, L2, EWC, ONLINE_EWC);

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
            String batchNormStats, Integer threads) {
        public static final String FROZEN = "frozen";
        public static final String UPDATED = "updated";
        public static final List<String> BATCH_NORM_STATS = List.of(FROZEN, UPDATED);
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

    /** One method to run from the first-task checkpoint. {@code lambda} is 0 for plain. */
    public record MethodSpec(String method, Double lambda) {
        public MethodSpec {
            Objects.requireNonNull(method, "method");
        }

        public static MethodSpec of(String method, double lambda) {
            return new MethodSpec(method, lambda);
        }

        public double lambdaOrZero() {
            return lambda == null ? 0 : lambda;
        }
    }

    /** Optional: each method also runs at {@code points} λ values spaced evenly in log10 between min and max. */
    public record SweepSpec(List<String> methods, Double lambdaMin, Double lambdaMax, Integer points) {
        public SweepSpec {
            methods = methods == null ? null : List.copyOf(methods);
        }

        /** The λ values of the sweep, from min to max. */
        public double[] lambdas() {
            double[] out = new double[points];
            double lo = StrictMath.log10(lambdaMin);
            double hi = StrictMath.log10(lambdaMax);
            for (int i = 0; i < points; i++) {
                out[i] = points == 1 ? lambdaMin : StrictMath.pow(10, lo + (hi - lo) * i / (points - 1));
            }
            return out;
        }
    }

    /** UI flags: {@code hide} names controls a lesson hides. */
    public record UiSpec(List<String> hide) {
        public UiSpec {
            hide = hide == null ? null : List.copyOf(hide);
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
