package org.ewclab.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.engine.ExperimentPreset.SweepSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;
import org.ewclab.engine.ExperimentPreset.UiSpec;
import org.ewclab.data.TaskSpec;
import org.ewclab.i18n.Texts;

/**
 * Reads and writes presets field by field (not by reflection), so that every error names its JSON path, unknown keys
 * are errors rather than silently ignored typos, and the written bytes follow one fixed order.
 */
final class PresetCodec {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private PresetCodec() {
    }

    static ExperimentPreset bundled(String name) {
        String resource = "/examples/" + name + ".json";
        try (InputStream in = PresetCodec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PresetException("", Texts.fmt("preset.noBundled", resource));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PresetException("", Texts.fmt("preset.cannotRead", resource, e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- reading

    static ExperimentPreset parse(String json) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException | IllegalStateException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Throwable cause = e.getCause();
            if (cause != null && cause.getMessage() != null) {
                msg = cause.getMessage();
            }
            throw new PresetException("", Texts.fmt("preset.notJson", msg));
        }
        if (root == null || !root.isJsonObject()) {
            throw new PresetException("", Texts.get("preset.notObject"));
        }
        Fields f = new Fields(root.getAsJsonObject(), "");
        String name = f.string("name");
        String title = f.string("title");
        String description = f.string("description");
        Long seed = f.integer("seed");
        List<Long> seeds = f.longs("seeds");
        List<TaskSpec> tasks = f.objects("tasks", PresetCodec::readTask);
        ModelSpec model = f.object("model", PresetCodec::readModel);
        OptimizerSpec optimizer = f.object("optimizer", PresetCodec::readOptimizer);
        TrainingSpec training = f.object("training", PresetCodec::readTraining);
        FisherSpec fisher = f.object("fisher", PresetCodec::readFisher);
        List<MethodSpec> methods = f.objects("methods", PresetCodec::readMethod);
        SweepSpec sweep = f.object("sweep", PresetCodec::readSweep);
        UiSpec read = f.object("ui", g -> new UiSpec(g.strings("hide"), g.strings("fixed"), null, null));
        String titleZh = f.string("title_zh");
        String descriptionZh = f.string("description_zh");
        UiSpec ui = read == null && titleZh == null && descriptionZh == null ? null
                : new UiSpec(read == null ? null : read.hide(), read == null ? null : read.fixed(), titleZh,
                        descriptionZh);
        f.done();
        return normalize(new ExperimentPreset(name, title, description, seed, tasks, model, optimizer, training,
                fisher, methods, sweep, ui, seeds));
    }

    private static TaskSpec readTask(Fields f) {
        TaskSpec t = new TaskSpec(f.string("name"), f.string("dataset"), f.string("toy"),
                f.object("idx", g -> new TaskSpec.IdxFiles(g.string("trainImages"), g.string("trainLabels"),
                        g.string("testImages"), g.string("testLabels"))),
                f.object("csv", g -> new TaskSpec.FilePair(g.string("train"), g.string("test"))),
                f.object("folder", g -> new TaskSpec.FilePair(g.string("train"), g.string("test"))),
                f.integers("classes"), f.bool("relabel"), f.integer("permute"), f.number("rotate"),
                f.integerInt("trainPerClass"), f.integerInt("testPerClass"), f.integerInt("samples"),
                f.integerInt("testSamples"), f.number("noise"), f.integer("toySeed"));
        return t;
    }

    private static ModelSpec readModel(Fields f) {
        return new ModelSpec(f.string("type"), f.integers("hidden"), f.string("activation"), f.bool("batchNorm"),
                f.bool("multiHead"), f.integerInt("convChannels"));
    }

    private static OptimizerSpec readOptimizer(Fields f) {
        return new OptimizerSpec(f.string("type"), f.number("learningRate"), f.number("momentum"),
                f.bool("resetBetweenTasks"));
    }

    private static TrainingSpec readTraining(Fields f) {
        return new TrainingSpec(f.integerInt("epochs"), f.integerInt("batchSize"), f.integerInt("evalEvery"),
                f.integerInt("evalSamples"), f.string("batchNormStats"), f.integerInt("threads"),
                f.string("activeClasses"), f.string("labelOffset"));
    }

    private static FisherSpec readFisher(Fields f) {
        return new FisherSpec(f.string("labels"), f.string("gradients"), f.integerInt("samples"),
                f.integerInt("batchSize"), f.number("topPercent"), f.number("gamma"));
    }

    private static MethodSpec readMethod(Fields f) {
        String method = f.string("method");
        if (method == null) {
            throw new PresetException(f.path("method"), Texts.fmt("preset.missingOneOf",
                    String.join(", ", ExperimentPreset.METHODS)));
        }
        Double lambda = f.number("lambda");
        MethodKnobs k = new MethodKnobs(f.integerInt("layers"), f.number("alpha"), f.number("temperature"),
                f.integerInt("memory"), f.number("ratio"), f.number("beta"), f.number("xi"), f.numbers("taskWeights"),
                f.number("distill"));
        return new MethodSpec(method, lambda, k);
    }

    private static SweepSpec readSweep(Fields f) {
        return new SweepSpec(f.strings("methods"), f.number("lambdaMin"), f.number("lambdaMax"),
                f.integerInt("points"), f.string("knob"), f.numbers("values"), f.number("min"), f.number("max"),
                f.string("scale"));
    }

    // ---------------------------------------------------------------- defaults and validation

    static ExperimentPreset normalize(ExperimentPreset p) {
        String name = p.name() == null || p.name().isBlank() ? "experiment" : p.name();
        String title = p.title() == null ? name : p.title();
        String description = p.description() == null ? "" : p.description();
        List<Long> seeds = checkSeeds(p.seeds());
        long seed = p.seed() != null ? p.seed() : seeds != null ? seeds.get(0) : 0;

        List<TaskSpec> tasks = p.tasks();
        if (tasks == null) {
            throw new PresetException("tasks", Texts.get("preset.tasks.missing"));
        }
        if (tasks.size() < 2) {
            throw new PresetException("tasks", Texts.fmt("preset.tasks.tooFew", tasks.size()));
        }
        Set<String> taskNames = new LinkedHashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            checkTask(tasks.get(i), "tasks[" + i + "]");
            if (!taskNames.add(tasks.get(i).name())) {
                throw new PresetException("tasks[" + i + "].name", Texts.fmt("preset.tasks.nameTaken",
                        tasks.get(i).name()));
            }
        }

        ModelSpec m = p.model() == null ? new ModelSpec(null, null, null, null, null, null) : p.model();
        String type = oneOf("model.type", m.type(), "mlp", ModelSpec.TYPES);
        List<Integer> hidden = m.hidden() == null ? List.of(100, 100) : m.hidden();
        for (int i = 0; i < hidden.size(); i++) {
            atLeast("model.hidden[" + i + "]", hidden.get(i), 1);
        }
        if ("cnn".equals(type) && m.hidden() == null) {
            hidden = List.of();
        }
        String activation = oneOf("model.activation", m.activation(), "relu", ModelSpec.ACTIVATIONS);
        boolean batchNorm = m.batchNorm() != null && m.batchNorm();
        boolean multiHead = m.multiHead() != null && m.multiHead();
        int convChannels = m.convChannels() == null ? 32 : m.convChannels();
        atLeast("model.convChannels", convChannels, 1);
        ModelSpec model = new ModelSpec(type, hidden, activation, batchNorm, multiHead, convChannels);

        OptimizerSpec o = p.optimizer() == null ? new OptimizerSpec(null, null, null, null) : p.optimizer();
        String opt = oneOf("optimizer.type", o.type(), "adam", OptimizerSpec.TYPES);
        double lr = o.learningRate() == null ? ("sgd".equals(opt) ? 0.01 : 0.001) : o.learningRate();
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new PresetException("optimizer.learningRate", Texts.fmt("preset.mustBePositive", Num.format(lr)));
        }
        double momentum = o.momentum() == null ? 0.9 : o.momentum();
        if (!(momentum >= 0 && momentum < 1)) {
            throw new PresetException("optimizer.momentum", Texts.fmt("preset.mustBeIn", "[0, 1)", Num.format(momentum)));
        }
        OptimizerSpec optimizer = new OptimizerSpec(opt, lr, momentum,
                o.resetBetweenTasks() != null && o.resetBetweenTasks());

        TrainingSpec t = p.training() == null ? new TrainingSpec(null, null, null, null, null, null) : p.training();
        int epochs = t.epochs() == null ? 1 : t.epochs();
        atLeast("training.epochs", epochs, 1);
        int batchSize = t.batchSize() == null ? 100 : t.batchSize();
        atLeast("training.batchSize", batchSize, 1);
        int evalEvery = t.evalEvery() == null ? 20 : t.evalEvery();
        atLeast("training.evalEvery", evalEvery, 0);
        int evalSamples = t.evalSamples() == null ? 500 : t.evalSamples();
        atLeast("training.evalSamples", evalSamples, 0);
        String bnStats = oneOf("training.batchNormStats", t.batchNormStats(), TrainingSpec.FROZEN,
                TrainingSpec.BATCH_NORM_STATS);
        int threads = t.threads() == null ? 1 : t.threads();
        atLeast("training.threads", threads, 1);
        String activeClasses = oneOf("training.activeClasses", t.activeClasses(), TrainingSpec.ALL,
                TrainingSpec.ACTIVE_CLASSES);
        String labelOffset = oneOf("training.labelOffset", t.labelOffset(), TrainingSpec.NONE,
                TrainingSpec.LABEL_OFFSETS);
        TrainingSpec training = new TrainingSpec(epochs, batchSize, evalEvery, evalSamples, bnStats, threads,
                activeClasses, labelOffset);

        FisherSpec fi = p.fisher() == null ? new FisherSpec(null, null, null, null, null, null) : p.fisher();
        String labels = oneOf("fisher.labels", fi.labels(), "empirical", FisherSpec.LABELS);
        String gradients = oneOf("fisher.gradients", fi.gradients(), "per-sample", FisherSpec.GRADIENTS);
        int samples = fi.samples() == null ? 0 : fi.samples();
        atLeast("fisher.samples", samples, 0);
        int fisherBatch = fi.batchSize() == null ? 100 : fi.batchSize();
        atLeast("fisher.batchSize", fisherBatch, 1);
        double top = fi.topPercent() == null ? 100 : fi.topPercent();
        if (!(top > 0 && top <= 100)) {
            throw new PresetException("fisher.topPercent", Texts.fmt("preset.mustBeIn", "(0, 100]", Num.format(top)));
        }
        double gamma = fi.gamma() == null ? 1.0 : fi.gamma();
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new PresetException("fisher.gamma", Texts.fmt("preset.mustBeIn", "[0, 1]", Num.format(gamma)));
        }
        FisherSpec fisher = new FisherSpec(labels, gradients, samples, fisherBatch, top, gamma);

        List<MethodSpec> methods = p.methods() == null ? List.of(new MethodSpec(ExperimentPreset.PLAIN, 0.0))
                : p.methods();
        if (methods.isEmpty()) {
            throw new PresetException("methods", Texts.get("preset.needsMethod"));
        }
        List<MethodSpec> checked = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            MethodSpec ms = checkMethod(methods.get(i), "methods[" + i + "]", tasks.size());
            checked.add(ms);
            int trunk = model.hidden().size() + ("cnn".equals(model.type()) ? 1 : 0);
            if (ms.knobsOrNone().layers() != null && ms.knobsOrNone().layers() > trunk) {
                throw new PresetException("methods[" + i + "].layers", Texts.fmt("preset.freeze.tooMany",
                        trunk, ms.knobsOrNone().layers()));
            }
        }

        SweepSpec sweep = p.sweep() == null ? null : checkSweep(p.sweep(), checked, tasks.size(),
                model.hidden().size() + ("cnn".equals(model.type()) ? 1 : 0));
        UiSpec ui = checkUi(p.ui());
        return new ExperimentPreset(name, title, description, seed, tasks, model, optimizer, training, fisher,
                checked, sweep, ui, seeds);
    }


    /**
     * Checks a sweep and fills its defaults: λ sweeps as they always were (lambdaMin 1, lambdaMax 1e6, 7 points,
     * log), another knob with its values or min/max/points and a scale; every value is checked as the method's
     * setting would be, the error naming {@code sweep.values[i]} (or the range's field).
     */
    private static SweepSpec checkSweep(SweepSpec s, List<MethodSpec> methods, int taskCount, int trunk) {
        List<String> sm = s.methods() == null ? List.of(ExperimentPreset.EWC) : s.methods();
        if (sm.isEmpty()) {
            throw new PresetException("sweep.methods", Texts.get("preset.needsMethod"));
        }
        String knob = s.knob() == null ? SweepSpec.LAMBDA : s.knob();
        boolean lambda = SweepSpec.LAMBDA.equals(knob);
        if (!lambda && !MethodKnobs.NAMES.contains(knob)) {
            throw new PresetException("sweep.knob", Texts.fmt("preset.sweep.unknownKnob", knob,
                    String.join(", ", MethodKnobs.NAMES.stream().filter(k -> !k.equals("taskWeights")).toList())));
        }
        for (int i = 0; i < sm.size(); i++) {
            String method = sm.get(i);
            oneOf("sweep.methods[" + i + "]", method, null, ExperimentPreset.METHODS);
            if (sm.indexOf(method) != i) {
                throw new PresetException("sweep.methods[" + i + "]", Texts.fmt("preset.sweep.methodTwice", method,
                        sm.indexOf(method)));
            }
            List<String> knobs = ExperimentPreset.knobsOf(method);
            if (lambda && !ExperimentPreset.hasLambda(method)) {
                throw new PresetException("sweep.methods[" + i + "]", Texts.fmt("preset.sweep.noLambdaKnobs", method,
                        String.join(", ", ExperimentPreset.LAMBDA_METHODS), String.join(", ", knobs)));
            }
            if (!knobs.contains(knob)) {
                throw new PresetException("sweep.knob", Texts.fmt("preset.sweep.notAKnob", knob, method,
                        String.join(", ", knobs)));
            }
            MethodSpec base = ExperimentPlan.sweepBase(method, methods);
            if (!lambda && ExperimentPreset.hasLambda(method) && base.lambda() == null) {
                throw new PresetException("sweep.methods[" + i + "]", Texts.fmt("preset.sweep.needsLambda", method,
                        knob));
            }
            if (knob.equals("temperature") && !ExperimentPreset.LWF.equals(method)
                    && !(base.knobsOrNone().distill() != null && base.knobsOrNone().distill() > 0)) {
                throw new PresetException("sweep.knob", Texts.fmt("preset.sweep.temperatureNeedsDistill", method));
            }
        }
        String scale = oneOf("sweep.scale", s.scale(), lambda ? SweepSpec.LOG : SweepSpec.LINEAR, SweepSpec.SCALES);
        boolean log = SweepSpec.LOG.equals(scale);
        boolean whole = SweepSpec.INTEGER_KNOBS.contains(knob);
        String rangeHint = lambda ? "lambdaMin, lambdaMax, points" : "min, max, points";
        SweepSpec out;
        if (s.values() != null) {
            for (String[] f : new String[][] {{"lambdaMin", str(s.lambdaMin())}, {"lambdaMax", str(s.lambdaMax())},
                    {"min", str(s.min())}, {"max", str(s.max())}, {"points", str(s.points())}}) {
                if (f[1] != null) {
                    throw new PresetException("sweep." + f[0], Texts.fmt("preset.sweep.valuesOrRange", rangeHint));
                }
            }
            if (s.values().isEmpty()) {
                throw new PresetException("sweep.values", Texts.get("preset.sweep.needsValue"));
            }
            out = new SweepSpec(sm, null, null, null, lambda ? null : knob, s.values(), null, null,
                    lambda && log ? null : scale);
        } else if (lambda) {
            if (s.min() != null || s.max() != null) {
                throw new PresetException(s.min() != null ? "sweep.min" : "sweep.max",
                        Texts.get("preset.sweep.lambdaRange"));
            }
            double lo = s.lambdaMin() == null ? 1 : s.lambdaMin();
            double hi = s.lambdaMax() == null ? 1e6 : s.lambdaMax();
            if (!(lo > 0) || !Double.isFinite(lo)) {
                throw new PresetException("sweep.lambdaMin", Texts.fmt("preset.mustBePositive", Num.format(lo)));
            }
            if (!(hi >= lo) || !Double.isFinite(hi)) {
                throw new PresetException("sweep.lambdaMax", Texts.fmt("preset.sweep.maxBelowMin", Num.format(lo),
                        Num.format(hi)));
            }
            int points = s.points() == null ? 7 : s.points();
            atLeast("sweep.points", points, 1);
            out = new SweepSpec(sm, lo, hi, points, null, null, null, null, log ? null : scale);
        } else {
            if (s.lambdaMin() != null || s.lambdaMax() != null) {
                throw new PresetException(s.lambdaMin() != null ? "sweep.lambdaMin" : "sweep.lambdaMax",
                        Texts.fmt("preset.sweep.onlyForLambda", knob));
            }
            if (s.min() == null || s.max() == null) {
                throw new PresetException(s.min() == null ? "sweep.min" : "sweep.max",
                        Texts.fmt("preset.sweep.missingRange", knob));
            }
            double lo = s.min();
            double hi = s.max();
            if (whole && lo != Math.rint(lo)) {
                throw new PresetException("sweep.min", Texts.fmt("preset.sweep.whole", knob, Num.format(lo)));
            }
            if (whole && hi != Math.rint(hi)) {
                throw new PresetException("sweep.max", Texts.fmt("preset.sweep.whole", knob, Num.format(hi)));
            }
            if (log && !(lo > 0)) {
                throw new PresetException("sweep.min", Texts.fmt("preset.sweep.logPositive", Num.format(lo)));
            }
            if (!(hi >= lo)) {
                throw new PresetException("sweep.max", Texts.fmt("preset.sweep.maxBelowKnobMin", Num.format(lo),
                        Num.format(hi)));
            }
            int points = s.points() == null ? 5 : s.points();
            atLeast("sweep.points", points, 1);
            out = new SweepSpec(sm, null, null, points, knob, null, lo, hi, scale);
        }
        double[] vs = out.knobValues();
        String valuesPath = out.values() != null ? "sweep.values" : lambda ? "sweep.lambdaMin" : "sweep.min";
        for (int i = 0; i < vs.length; i++) {
            String path = out.values() != null ? "sweep.values[" + i + "]" : valuesPath;
            double v = vs[i];
            if (whole && v != Math.rint(v)) {
                throw new PresetException(path, Texts.fmt("preset.sweep.whole", knob, Num.format(v)));
            }
            if (log && !(v > 0)) {
                throw new PresetException(path, Texts.fmt("preset.sweep.logPositive", Num.format(v)));
            }
            for (int j = 0; j < i; j++) {
                if (vs[j] == v) {
                    throw new PresetException(out.values() != null ? path : "sweep.points", out.values() != null
                            ? Texts.fmt("preset.sweep.valueTwice", Num.format(v), j)
                            : Texts.fmt("preset.sweep.pointsRepeat", out.points(), Num.format(vs[0]),
                                    Num.format(vs[vs.length - 1]), knob));
                }
            }
            for (String method : sm) {
                MethodSpec run = ExperimentPlan.sweepMethod(method, knob, v, methods);
                try {
                    MethodSpec checked = checkMethod(run, "sweep", taskCount);
                    if (knob.equals("layers") && checked.knobsOrNone().layers() > trunk) {
                        throw new PresetException(path, Texts.fmt("preset.sweep.tooManyLayers", trunk,
                                checked.knobsOrNone().layers()));
                    }
                } catch (PresetException e) {
                    if (e.field().equals(path)) {
                        throw e;
                    }
                    String problem = e.getMessage().substring(e.field().length() + 2);
                    throw new PresetException(path, (lambda ? "λ" : knob) + " " + problem);
                }
            }
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /**
     * {@code seeds}: absent (one seed, {@code seed}), or a non-empty list of distinct whole numbers. Each run of the
     * preset is repeated per seed, so a repeated seed would count one result twice in the mean and its error.
     */
    private static List<Long> checkSeeds(List<Long> seeds) {
        if (seeds == null) {
            return null;
        }
        if (seeds.isEmpty()) {
            throw new PresetException("seeds", Texts.get("preset.seeds.empty"));
        }
        for (int i = 0; i < seeds.size(); i++) {
            int first = seeds.indexOf(seeds.get(i));
            if (first != i) {
                throw new PresetException("seeds[" + i + "]", Texts.fmt("preset.seeds.repeated",
                        seeds.get(i), first));
            }
        }
        return seeds;
    }

    private static UiSpec checkUi(UiSpec u) {
        if (u == null) {
            return new UiSpec(List.of(), List.of(), null, null);
        }
        List<String> hide = u.hide() == null ? List.of() : u.hide();
        List<String> fixed = u.fixed() == null ? List.of() : u.fixed();
        for (int i = 0; i < hide.size(); i++) {
            if (!UiSpec.CONTROLS.contains(hide.get(i))) {
                throw new PresetException("ui.hide[" + i + "]", Texts.fmt("preset.ui.unknownControl",
                        hide.get(i), String.join(", ", UiSpec.CONTROLS)));
            }
        }
        for (int i = 0; i < fixed.size(); i++) {
            if (!UiSpec.FIXABLE.contains(fixed.get(i))) {
                throw new PresetException("ui.fixed[" + i + "]", Texts.fmt("preset.ui.cannotFix",
                        fixed.get(i), String.join(", ", UiSpec.FIXABLE)));
            }
        }
        return new UiSpec(hide, fixed, blankToNull(u.titleZh()), blankToNull(u.descriptionZh()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void checkTask(TaskSpec t, String path) {
        if (t == null) {
            throw new PresetException(path, Texts.get("preset.missing"));
        }
        if (t.name() == null || t.name().isBlank()) {
            throw new PresetException(path + ".name", Texts.get("preset.task.noName"));
        }
        int sources = (t.dataset() != null ? 1 : 0) + (t.toy() != null ? 1 : 0) + (t.idx() != null ? 1 : 0)
                + (t.csv() != null ? 1 : 0) + (t.folder() != null ? 1 : 0);
        if (sources != 1) {
            throw new PresetException(path, Texts.fmt("preset.task.sources", sources));
        }
    }

    static MethodSpec checkMethod(MethodSpec m, String path) {
        return checkMethod(m, path, -1);
    }

    /**
     * Checks a method and fills its knobs' defaults. {@code taskCount} (or −1 if unknown) bounds EWC's
     * {@code taskWeights}: one weight per task that is anchored, i.e. every task but the last.
     */
    static MethodSpec checkMethod(MethodSpec m, String path, int taskCount) {
        String method = oneOf(path + ".method", m.method(), null, ExperimentPreset.METHODS);
        Double lambda = m.lambda();
        MethodKnobs k = m.knobsOrNone();
        List<String> allowed = MethodKnobs.of(method);
        for (String knob : MethodKnobs.NAMES) {
            if (k.get(knob) != null && !allowed.contains(knob)) {
                throw new PresetException(path + "." + knob, Texts.fmt("preset.method.notASetting", method,
                        (ExperimentPreset.hasLambda(method) ? "lambda, " : "") + String.join(", ", allowed)));
            }
        }
        if (!ExperimentPreset.hasLambda(method)) {
            if (lambda != null && lambda != 0) {
                throw new PresetException(path + ".lambda", Texts.fmt("preset.method.noPenalty", method,
                        Num.format(lambda)));
            }
            lambda = 0.0;
        } else {
            if (lambda == null) {
                throw new PresetException(path + ".lambda", Texts.fmt("preset.method.lambdaMissing", method));
            }
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new PresetException(path + ".lambda", Texts.fmt("preset.mustBeAtLeast", "0", Num.format(lambda)));
            }
        }
        double distill = k.distill() == null ? 0 : k.distill();
        nonNegative(path + ".distill", distill);
        Integer layers = null;
        Double alpha = null;
        Double temperature = null;
        Integer memory = null;
        Double ratio = null;
        Double beta = null;
        Double xi = null;
        List<Double> weights = null;
        if (ExperimentPreset.LWF.equals(method) || distill > 0 || k.temperature() != null) {
            temperature = k.temperature() == null ? 2.0 : k.temperature();
            if (!(temperature > 0)) {
                throw new PresetException(path + ".temperature", Texts.fmt("preset.mustBePositive", Num.format(temperature)));
            }
        }
        switch (method) {
            case ExperimentPreset.FREEZE -> {
                layers = k.layers() == null ? 1 : k.layers();
                atLeast(path + ".layers", layers, 1);
            }
            case ExperimentPreset.LWF -> {
                alpha = k.alpha() == null ? 1.0 : k.alpha();
                nonNegative(path + ".alpha", alpha);
            }
            case ExperimentPreset.REPLAY -> {
                memory = k.memory() == null ? 100 : k.memory();
                atLeast(path + ".memory", memory, 0); // 0: nothing replayed (a memory sweep's baseline)
                ratio = k.ratio() == null ? 1.0 : k.ratio();
                if (!(ratio > 0) || ratio > 16) {
                    throw new PresetException(path + ".ratio", Texts.fmt("preset.replay.ratio", Num.format(ratio)));
                }
            }
            case ExperimentPreset.EWCPP -> {
                beta = k.beta() == null ? 0.5 : k.beta();
                if (!(beta >= 0 && beta < 1)) {
                    throw new PresetException(path + ".beta", Texts.fmt("preset.mustBeIn", "[0, 1)", Num.format(beta)));
                }
            }
            case ExperimentPreset.SI -> {
                xi = k.xi() == null ? 0.1 : k.xi();
                if (!(xi > 0)) {
                    throw new PresetException(path + ".xi", Texts.fmt("preset.si.xi", Num.format(xi)));
                }
            }
            case ExperimentPreset.EWC -> {
                if (k.taskWeights() != null) {
                    weights = k.taskWeights();
                    if (taskCount > 0 && weights.size() != taskCount - 1) {
                        throw new PresetException(path + ".taskWeights", Texts.fmt("preset.taskWeights.count",
                                taskCount - 1, weights.size()));
                    }
                    for (int i = 0; i < weights.size(); i++) {
                        nonNegative(path + ".taskWeights[" + i + "]", weights.get(i));
                    }
                }
            }
            default -> {
            }
        }
        MethodKnobs filled = new MethodKnobs(layers, alpha, temperature, memory, ratio, beta, xi, weights,
                distill > 0 ? distill : null);
        // no knob set: null, so that a validated spec equals MethodSpec.of(method, λ)
        return new MethodSpec(method, lambda, filled.equals(MethodKnobs.NONE) ? null : filled);
    }

    private static void nonNegative(String path, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new PresetException(path, Texts.fmt("preset.mustBeAtLeast", "0", Num.format(value)));
        }
    }

    private static String oneOf(String path, String value, String dflt, List<String> allowed) {
        if (value == null) {
            if (dflt == null) {
                throw new PresetException(path, Texts.fmt("preset.missingChoices", String.join(", ", allowed)));
            }
            return dflt;
        }
        if (!allowed.contains(value)) {
            String what = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
            if (what.equals("type")) {
                what = path.substring(0, path.indexOf('.')) + " type";
            }
            throw new PresetException(path, Texts.fmt("preset.unknownValue", what, value,
                    String.join(", ", allowed)));
        }
        return value;
    }

    private static void atLeast(String path, long value, long min) {
        if (value < min) {
            throw new PresetException(path, Texts.fmt("preset.mustBeAtLeast", min, value));
        }
    }

    // ---------------------------------------------------------------- writing

    static String write(ExperimentPreset p) {
        JsonObject o = new JsonObject();
        put(o, "name", p.name());
        put(o, "title", p.title());
        put(o, "description", p.description());
        if (p.ui() != null) {
            put(o, "title_zh", p.ui().titleZh());
            put(o, "description_zh", p.ui().descriptionZh());
        }
        put(o, "seed", p.seed());
        if (p.seeds() != null) {
            JsonArray sa = new JsonArray();
            p.seeds().forEach(sa::add);
            o.add("seeds", sa);
        }
        JsonArray tasks = new JsonArray();
        for (TaskSpec t : p.tasks()) {
            tasks.add(writeTask(t));
        }
        o.add("tasks", tasks);
        ModelSpec m = p.model();
        if (m != null) {
            JsonObject mo = new JsonObject();
            put(mo, "type", m.type());
            putInts(mo, "hidden", m.hidden());
            put(mo, "activation", m.activation());
            put(mo, "batchNorm", m.batchNorm());
            put(mo, "multiHead", m.multiHead());
            put(mo, "convChannels", m.convChannels());
            o.add("model", mo);
        }
        OptimizerSpec op = p.optimizer();
        if (op != null) {
            JsonObject oo = new JsonObject();
            put(oo, "type", op.type());
            put(oo, "learningRate", op.learningRate());
            put(oo, "momentum", op.momentum());
            put(oo, "resetBetweenTasks", op.resetBetweenTasks());
            o.add("optimizer", oo);
        }
        TrainingSpec t = p.training();
        if (t != null) {
            JsonObject to = new JsonObject();
            put(to, "epochs", t.epochs());
            put(to, "batchSize", t.batchSize());
            put(to, "evalEvery", t.evalEvery());
            put(to, "evalSamples", t.evalSamples());
            put(to, "batchNormStats", t.batchNormStats());
            put(to, "threads", t.threads());
            put(to, "activeClasses", t.activeClasses());
            put(to, "labelOffset", t.labelOffset());
            o.add("training", to);
        }
        FisherSpec f = p.fisher();
        if (f != null) {
            JsonObject fo = new JsonObject();
            put(fo, "labels", f.labels());
            put(fo, "gradients", f.gradients());
            put(fo, "samples", f.samples());
            put(fo, "batchSize", f.batchSize());
            put(fo, "topPercent", f.topPercent());
            put(fo, "gamma", f.gamma());
            o.add("fisher", fo);
        }
        if (p.methods() != null) {
            JsonArray ma = new JsonArray();
            for (MethodSpec ms : p.methods()) {
                JsonObject mo = new JsonObject();
                put(mo, "method", ms.method());
                if (ExperimentPreset.hasLambda(ms.method()) || (ms.lambda() != null && ms.lambda() != 0)) {
                    put(mo, "lambda", ms.lambda());
                }
                MethodKnobs k = ms.knobsOrNone();
                for (String knob : MethodKnobs.NAMES) {
                    Object v = k.get(knob);
                    if (v instanceof List<?> list) {
                        JsonArray a = new JsonArray();
                        for (Object x : list) {
                            a.add(number((Double) x));
                        }
                        mo.add(knob, a);
                    } else {
                        put(mo, knob, v);
                    }
                }
                ma.add(mo);
            }
            o.add("methods", ma);
        }
        SweepSpec s = p.sweep();
        if (s != null) {
            JsonObject so = new JsonObject();
            putStrings(so, "methods", s.methods());
            put(so, "knob", s.knob());
            put(so, "lambdaMin", s.lambdaMin());
            put(so, "lambdaMax", s.lambdaMax());
            if (s.values() != null) {
                JsonArray va = new JsonArray();
                for (Double v : s.values()) {
                    va.add(number(v));
                }
                so.add("values", va);
            }
            put(so, "min", s.min());
            put(so, "max", s.max());
            put(so, "points", s.points());
            put(so, "scale", s.scale());
            o.add("sweep", so);
        }
        if (p.ui() != null) {
            JsonObject uo = new JsonObject();
            putStrings(uo, "hide", p.ui().hide() == null ? List.of() : p.ui().hide());
            if (p.ui().fixed() != null && !p.ui().fixed().isEmpty()) {
                putStrings(uo, "fixed", p.ui().fixed());
            }
            o.add("ui", uo);
        }
        return PRETTY.toJson(o) + "\n";
    }

    private static JsonObject writeTask(TaskSpec t) {
        JsonObject o = new JsonObject();
        put(o, "name", t.name());
        put(o, "dataset", t.dataset());
        put(o, "toy", t.toy());
        if (t.idx() != null) {
            JsonObject i = new JsonObject();
            put(i, "trainImages", t.idx().trainImages());
            put(i, "trainLabels", t.idx().trainLabels());
            put(i, "testImages", t.idx().testImages());
            put(i, "testLabels", t.idx().testLabels());
            o.add("idx", i);
        }
        if (t.csv() != null) {
            o.add("csv", pair(t.csv()));
        }
        if (t.folder() != null) {
            o.add("folder", pair(t.folder()));
        }
        putInts(o, "classes", t.classes());
        put(o, "relabel", t.relabel());
        put(o, "permute", t.permute());
        put(o, "rotate", t.rotate());
        put(o, "trainPerClass", t.trainPerClass());
        put(o, "testPerClass", t.testPerClass());
        put(o, "samples", t.samples());
        put(o, "testSamples", t.testSamples());
        put(o, "noise", t.noise());
        put(o, "toySeed", t.toySeed());
        return o;
    }

    private static JsonObject pair(TaskSpec.FilePair p) {
        JsonObject o = new JsonObject();
        put(o, "train", p.train());
        put(o, "test", p.test());
        return o;
    }

    private static void put(JsonObject o, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String s) {
            o.addProperty(key, s);
        } else if (value instanceof Boolean b) {
            o.addProperty(key, b);
        } else if (value instanceof Double d) {
            o.add(key, number(d));
        } else if (value instanceof Number n) {
            o.addProperty(key, n.longValue());
        } else {
            throw new IllegalArgumentException(key + ": " + value);
        }
    }

    /** Integral doubles print without ".0" (λ 100000, not 100000.0), others in their shortest exact form. */
    private static JsonPrimitive number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return new JsonPrimitive((long) d);
        }
        return new JsonPrimitive(new java.math.BigDecimal(Double.toString(d)));
    }

    private static void putInts(JsonObject o, String key, List<Integer> values) {
        if (values == null) {
            return;
        }
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        o.add(key, a);
    }

    private static void putStrings(JsonObject o, String key, List<String> values) {
        if (values == null) {
            return;
        }
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        o.add(key, a);
    }

    // ---------------------------------------------------------------- typed field access with paths

    /** The fields of one JSON object, read by name and type; {@link #done()} rejects keys nobody read. */
    private static final class Fields {
        private final JsonObject obj;
        private final String prefix;
        private final Set<String> read = new LinkedHashSet<>();

        Fields(JsonObject obj, String prefix) {
            this.obj = obj;
            this.prefix = prefix;
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        private JsonElement get(String key) {
            read.add(key);
            JsonElement e = obj.get(key);
            return e == null || e.isJsonNull() ? null : e;
        }

        String string(String key) {
            JsonElement e = get(key);
            if (e == null) {
                return null;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new PresetException(path(key), Texts.fmt("preset.notString", e));
            }
            return e.getAsString();
        }

        Boolean bool(String key) {
            JsonElement e = get(key);
            if (e == null) {
                return null;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw new PresetException(path(key), Texts.fmt("preset.notBoolean", e));
            }
            return e.getAsBoolean();
        }

        Double number(String key) {
            JsonElement e = get(key);
            return e == null ? null : asNumber(e, path(key));
        }

        Long integer(String key) {
            JsonElement e = get(key);
            return e == null ? null : asInteger(e, path(key));
        }

        Integer integerInt(String key) {
            Long v = integer(key);
            if (v == null) {
                return null;
            }
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw new PresetException(path(key), Texts.fmt("preset.tooLarge", v));
            }
            return v.intValue();
        }

        List<Integer> integers(String key) {
            JsonArray a = array(key);
            if (a == null) {
                return null;
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                long v = asInteger(a.get(i), path(key) + "[" + i + "]");
                out.add((int) v);
            }
            return out;
        }

        List<Long> longs(String key) {
            JsonArray a = array(key);
            if (a == null) {
                return null;
            }
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(asInteger(a.get(i), path(key) + "[" + i + "]"));
            }
            return out;
        }

        List<Double> numbers(String key) {
            JsonArray a = array(key);
            if (a == null) {
                return null;
            }
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(asNumber(a.get(i), path(key) + "[" + i + "]"));
            }
            return out;
        }

        List<String> strings(String key) {
            JsonArray a = array(key);
            if (a == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                JsonElement e = a.get(i);
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new PresetException(path(key) + "[" + i + "]", Texts.fmt("preset.notString", e));
                }
                out.add(e.getAsString());
            }
            return out;
        }

        <T> T object(String key, java.util.function.Function<Fields, T> reader) {
            JsonElement e = get(key);
            if (e == null) {
                return null;
            }
            if (!e.isJsonObject()) {
                throw new PresetException(path(key), Texts.fmt("preset.notObjectField", e));
            }
            Fields sub = new Fields(e.getAsJsonObject(), path(key));
            T value = reader.apply(sub);
            sub.done();
            return value;
        }

        <T> List<T> objects(String key, java.util.function.Function<Fields, T> reader) {
            JsonArray a = array(key);
            if (a == null) {
                return null;
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                String p = path(key) + "[" + i + "]";
                JsonElement e = a.get(i);
                if (!e.isJsonObject()) {
                    throw new PresetException(p, Texts.fmt("preset.notObjectField", e));
                }
                Fields sub = new Fields(e.getAsJsonObject(), p);
                out.add(reader.apply(sub));
                sub.done();
            }
            return out;
        }

        private JsonArray array(String key) {
            JsonElement e = get(key);
            if (e == null) {
                return null;
            }
            if (!e.isJsonArray()) {
                throw new PresetException(path(key), Texts.fmt("preset.notList", e));
            }
            return e.getAsJsonArray();
        }

        void done() {
            for (String key : obj.keySet()) {
                if (!read.contains(key)) {
                    throw new PresetException(path(key), read.isEmpty()
                            ? Texts.get("preset.unknownField")
                            : Texts.fmt("preset.unknownFieldKnown", String.join(", ", read)));
                }
            }
        }

        private static double asNumber(JsonElement e, String path) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new PresetException(path, Texts.fmt("preset.notNumber", e));
            }
            double v = e.getAsDouble();
            if (!Double.isFinite(v)) {
                throw new PresetException(path, Texts.fmt("preset.notFinite", e));
            }
            return v;
        }

        private static long asInteger(JsonElement e, String path) {
            double v = asNumber(e, path);
            if (v != Math.rint(v) || Math.abs(v) > 9.0e15) {
                throw new PresetException(path, Texts.fmt("preset.notWhole", e));
            }
            return (long) v;
        }
    }
}
