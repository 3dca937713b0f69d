package org.ewclab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.engine.TaskCheckpoint.TaskIdentity;
import org.ewclab.i18n.Texts;

/**
 * How a checkpoint differs from the session it is loaded into, in words: which task A it was trained on, which model,
 * which optimizer, which Fisher estimator. A different model or different task data is <em>blocking</em> (the
 * checkpoint is not this lesson's task A); a different Fisher estimator can be mended by re-estimating the Fisher
 * from the checkpoint's network; the rest is said but changes nothing.
 */
public final class CheckpointComparison {

    /** What a difference is about. */
    public enum Aspect {
        /** task A's (or an earlier task's) data or name */
        TASK,
        /** the network */
        MODEL,
        /** the optimizer whose state the checkpoint carries */
        OPTIMIZER,
        /** the Fisher estimator */
        FISHER,
        /** something the checkpoint file does not record (written by an older version) */
        UNKNOWN
    }

    /** One difference; {@code blocking}: the checkpoint cannot be used by this lesson. */
    public record Difference(Aspect aspect, boolean blocking, String message) {
    }

    private final List<Difference> differences;

    CheckpointComparison(List<Difference> differences) {
        this.differences = List.copyOf(differences);
    }

    public List<Difference> differences() {
        return differences;
    }

    /** Nothing differs: the checkpoint is exactly this lesson's. */
    public boolean identical() {
        return differences.isEmpty();
    }

    /** No blocking difference: the checkpoint is this lesson's task A (perhaps with another Fisher estimator). */
    public boolean usable() {
        return differences.stream().noneMatch(Difference::blocking);
    }

    /** The checkpoint's Fisher was made by another estimator than this lesson's. */
    public boolean fisherDiffers() {
        return differences.stream().anyMatch(d -> d.aspect() == Aspect.FISHER);
    }

    /** The blocking differences in one message, or "" when there are none. */
    public String blockingMessage() {
        return join(differences.stream().filter(Difference::blocking).toList());
    }

    /** Every difference, "; "-joined ("" when identical). */
    public String message() {
        return join(differences);
    }

    private static String join(List<Difference> ds) {
        return String.join("; ", ds.stream().map(Difference::message).toList());
    }

    @Override
    public String toString() {
        return identical() ? "identical" : message();
    }

    // ---------------------------------------------------------------- comparing

    /**
     * Compares checkpoint {@code cp} with a lesson: its preset, the identities of its tasks (in order) and its
     * network layout key.
     */
    static CheckpointComparison of(TaskCheckpoint cp, ExperimentPreset preset, List<TaskIdentity> lessonTasks,
            String lessonModelKey) {
        List<Difference> out = new ArrayList<>();
        compareTasks(cp, lessonTasks, out);
        compareModel(cp, preset.model(), lessonModelKey, out);
        compareOptimizer(cp.optimizerSpec(), preset.optimizer(), out);
        compareFisher(cp, preset.fisher(), out);
        if (cp.lastTask() >= lessonTasks.size() - 1) {
            out.add(new Difference(Aspect.TASK, true, Texts.fmt("checkpoint.nothingLeft",
                    cp.lastTask() + 1, lessonTasks.size())));
        }
        return new CheckpointComparison(out);
    }

    private static void compareTasks(TaskCheckpoint cp, List<TaskIdentity> lesson, List<Difference> out) {
        List<TaskIdentity> mine = cp.taskIdentities();
        if (mine.isEmpty()) {
            out.add(new Difference(Aspect.UNKNOWN, false, Texts.fmt("checkpoint.noTaskRecord",
                    lesson.get(0).describe())));
            return;
        }
        for (int t = 0; t < Math.min(mine.size(), lesson.size()); t++) {
            TaskIdentity a = mine.get(t);
            TaskIdentity b = lesson.get(t);
            String which = t == 0 ? Texts.get("checkpoint.taskA") : Texts.fmt("checkpoint.taskN", t + 1);
            if (!Objects.equals(a.hash(), b.hash())) {
                String same = a.name().equals(b.name()) ? Texts.get("checkpoint.sameNameOtherData") : "";
                out.add(new Difference(Aspect.TASK, true, Texts.fmt("checkpoint.otherTask", which, a.describe(),
                        b.describe(), same)));
            } else if (!a.name().equals(b.name())) {
                out.add(new Difference(Aspect.TASK, false, Texts.fmt("checkpoint.renamedTask",
                        which, a.name(), b.name())));
            }
        }
    }

    private static void compareModel(TaskCheckpoint cp, ModelSpec lesson, String lessonKey, List<Difference> out) {
        ModelSpec mine = cp.modelSpec();
        List<String> words = new ArrayList<>();
        if (mine != null) {
            if (!Objects.equals(mine.type(), lesson.type())) {
                words.add(Texts.fmt("checkpoint.model.is", typeName(mine.type()), typeName(lesson.type())));
            }
            if (!Objects.equals(mine.hidden(), lesson.hidden())) {
                words.add(Texts.fmt("checkpoint.model.hidden", mine.hidden(), lesson.hidden()));
            }
            if (!Objects.equals(mine.activation(), lesson.activation())) {
                words.add(Texts.fmt("checkpoint.model.activation", mine.activation(), lesson.activation()));
            }
            if (!Objects.equals(mine.batchNorm(), lesson.batchNorm())) {
                words.add(Texts.fmt("checkpoint.model.batchNorm", Texts.get(Boolean.TRUE.equals(mine.batchNorm())
                        ? "checkpoint.has" : "checkpoint.hasNo"), Texts.get(Boolean.TRUE.equals(lesson.batchNorm())
                        ? "checkpoint.has" : "checkpoint.hasNo")));
            }
            if (!Objects.equals(mine.multiHead(), lesson.multiHead())) {
                words.add(Texts.fmt("checkpoint.model.heads", heads(mine), heads(lesson)));
            }
            if ("cnn".equals(mine.type()) && "cnn".equals(lesson.type())
                    && !Objects.equals(mine.convChannels(), lesson.convChannels())) {
                words.add(Texts.fmt("checkpoint.model.channels", mine.convChannels(), lesson.convChannels()));
            }
        } else {
            out.add(new Difference(Aspect.UNKNOWN, false, Texts.get("checkpoint.noModelRecord")));
        }
        if (words.isEmpty() && !cp.modelKey().equals(lessonKey)) {
            // same settings (or unknown ones), other tensors: other inputs or classes
            words.add(Texts.fmt("checkpoint.model.is", Layout.describe(cp.modelKey()), Layout.describe(lessonKey)));
        }
        if (!words.isEmpty()) {
            out.add(new Difference(Aspect.MODEL, true, Texts.fmt("checkpoint.model", String.join("; ", words))));
        }
    }

    private static void compareOptimizer(OptimizerSpec mine, OptimizerSpec lesson, List<Difference> out) {
        if (mine == null) {
            return;
        }
        if (!Objects.equals(mine.type(), lesson.type())) {
            out.add(new Difference(Aspect.OPTIMIZER, false, Texts.fmt("checkpoint.optimizer.type",
                    mine.type(), lesson.type())));
        } else if (!Objects.equals(mine.learningRate(), lesson.learningRate())
                || !Objects.equals(mine.momentum(), lesson.momentum())) {
            out.add(new Difference(Aspect.OPTIMIZER, false, Texts.fmt("checkpoint.optimizer.rate",
                    Num.format(mine.learningRate()) + momentum(mine), Num.format(lesson.learningRate())
                    + momentum(lesson))));
        }
    }

    private static void compareFisher(TaskCheckpoint cp, FisherSpec lesson, List<Difference> out) {
        FisherSpec mine = cp.fisherSpec();
        if (mine == null) {
            if (!cp.fisherVariant().equals(lesson.variant())) {
                out.add(new Difference(Aspect.FISHER, false, Texts.fmt("checkpoint.fisher",
                        cp.fisherVariant(), lesson.variant())));
            }
            return;
        }
        if (!sameEstimator(mine, lesson)) {
            out.add(new Difference(Aspect.FISHER, false, Texts.fmt("checkpoint.fisher",
                    describe(mine), describe(lesson))));
        }
    }

    /** Two specs estimate the same Fisher (online EWC's γ is used when merging, not when estimating). */
    static boolean sameEstimator(FisherSpec a, FisherSpec b) {
        boolean batch = "batch".equals(a.gradients());
        return Objects.equals(a.labels(), b.labels()) && Objects.equals(a.gradients(), b.gradients())
                && Objects.equals(a.samples(), b.samples()) && Objects.equals(a.topPercent(), b.topPercent())
                && (!batch || Objects.equals(a.batchSize(), b.batchSize()));
    }

    /** e.g. "argmax/batch (batches of 100)" or "empirical/per-sample n=1000". */
    static String describe(FisherSpec f) {
        return f.variant() + ("batch".equals(f.gradients()) ? Texts.fmt("checkpoint.fisherBatches", f.batchSize())
                : "");
    }

    private static String typeName(String type) {
        return Texts.get("cnn".equals(type) ? "checkpoint.aCnn" : "checkpoint.anMlp");
    }

    private static String heads(ModelSpec m) {
        return Texts.get(Boolean.TRUE.equals(m.multiHead()) ? "checkpoint.headPerTask" : "checkpoint.sharedHead");
    }

    private static String momentum(OptimizerSpec o) {
        return "sgd".equals(o.type()) && o.momentum() != null && o.momentum() != 0
                ? Texts.fmt("checkpoint.momentum", Num.format(o.momentum())) : "";
    }

    /** A network layout key ("fc1.weight[100, 784];…") in words: inputs, hidden sizes, outputs. */
    static final class Layout {
        private Layout() {
        }

        static String describe(String key) {
            Integer inputs = null;
            Integer conv = null;
            List<Integer> hidden = new ArrayList<>();
            List<Integer> heads = new ArrayList<>();
            boolean bn = false;
            List<String[]> weights = new ArrayList<>();
            for (String part : key.split(";")) {
                int open = part.indexOf('[');
                if (open < 0) {
                    continue;
                }
                String name = part.substring(0, open);
                String[] dims = part.substring(open + 1, part.length() - 1).split(",\\s*");
                if (name.startsWith("conv") && name.endsWith(".weight")) {
                    conv = Integer.parseInt(dims[0]);
                } else if (name.startsWith("bn")) {
                    bn = true;
                } else if (name.endsWith(".weight")) {
                    weights.add(new String[] {name, dims[0], dims[1]});
                }
            }
            for (String[] w : weights) {
                if (inputs == null) {
                    inputs = Integer.parseInt(w[2]);
                }
                (w[0].startsWith("head") ? heads : hidden).add(Integer.parseInt(w[1]));
            }
            if (heads.isEmpty() && !hidden.isEmpty()) {
                heads.add(hidden.remove(hidden.size() - 1));
            }
            String body = conv != null ? Texts.fmt("checkpoint.layout.cnn", conv, inputs, hidden)
                    : Texts.fmt("checkpoint.layout.mlp", inputs, hidden);
            return body + (bn ? Texts.get("checkpoint.layout.batchNorm") : "") + (heads.size() > 1
                    ? Texts.fmt("checkpoint.layout.heads", heads) : Texts.fmt("checkpoint.layout.outputs",
                    heads.get(0)));
        }
    }
}
