package org.ewclab.ui;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.i18n.Texts;

/**
 * What a task-B run was trained in: the task-A checkpoint it forked from, the tasks (names and a fingerprint of their
 * data), the model, the optimizer, the training settings and the Fisher options. Runs belong in one picture (one
 * chart, one accuracy matrix, one sweep, one results.json) only when their contexts are equal; otherwise an old plain
 * run on Fashion would stand beside a new EWC run on permuted MNIST under the new task's name.
 *
 * @param checkpointId the view model's id of the task-A checkpoint ("A1", "A2 · file.ewcckpt"); a new one for every
 *                     Train A, loaded file and re-estimated Fisher
 */
public record RunContext(String checkpointId, List<TaskIdentity> tasks, ExperimentPreset.ModelSpec model,
        ExperimentPreset.OptimizerSpec optimizer, ExperimentPreset.TrainingSpec training,
        ExperimentPreset.FisherSpec fisher, Long seed) {

    /**
     * One task as it was loaded: its recipe, its sizes and a CRC32 of its labels and samples (so a file changed on
     * disk, or another subset, is another task even under the same name).
     */
    public record TaskIdentity(String name, TaskSpec spec, int train, int test, long dataHash) {
    }

    public RunContext {
        tasks = List.copyOf(tasks);
    }

    static RunContext of(String checkpointId, ExperimentPreset p, List<TaskIdentity> tasks) {
        return new RunContext(checkpointId, tasks, p.model(), p.optimizer(), p.training(), p.fisher(), p.seed());
    }

    /** The task names in order, as the charts label them. */
    public List<String> taskNames() {
        return tasks.stream().map(TaskIdentity::name).toList();
    }

    /** A one-line caption a teacher can read, e.g. "mnist → fashion · Fisher argmax/batch · checkpoint A1". */
    public String describe() {
        return Texts.fmt("context.describe", String.join(" → ", taskNames()), model.type() + " " + model.hidden(),
                optimizer.type(), ExperimentLog.shortNumber(optimizer.learningRate()), fisher.variant(), checkpointId);
    }

    /** What differs from another context, in words (for the notice that puts runs aside). */
    public String differenceFrom(RunContext other) {
        if (other == null) {
            return Texts.get("context.noTaskA");
        }
        List<String> out = new ArrayList<>();
        int n = Math.max(tasks.size(), other.tasks.size());
        for (int i = 0; i < n; i++) {
            TaskIdentity a = i < other.tasks.size() ? other.tasks.get(i) : null;
            TaskIdentity b = i < tasks.size() ? tasks.get(i) : null;
            if (a == null || b == null || !a.equals(b)) {
                String letter = String.valueOf((char) ('A' + i));
                out.add(a == null ? Texts.fmt("context.taskAdded", letter, b.name())
                        : b == null ? Texts.fmt("context.taskRemoved", letter, a.name())
                        : a.name().equals(b.name()) ? Texts.fmt("context.taskOtherData", letter, a.name())
                        : Texts.fmt("context.taskChanged", letter, a.name(), b.name()));
            }
        }
        if (!model.equals(other.model)) {
            out.add(Texts.get("context.model"));
        }
        if (!optimizer.equals(other.optimizer)) {
            out.add(Texts.get("context.optimizer"));
        }
        if (!training.equals(other.training)) {
            out.add(Texts.get("context.training"));
        }
        if (!fisher.equals(other.fisher)) {
            out.add(Texts.fmt("context.fisher", other.fisher.variant(), fisher.variant(),
                    other.fisher.variant().equals(fisher.variant()) ? Texts.get("context.fisherOptions") : ""));
        }
        if (!checkpointId.equals(other.checkpointId)) {
            out.add(Texts.fmt("context.checkpoint", other.checkpointId, checkpointId));
        }
        if (!java.util.Objects.equals(seed, other.seed)) {
            out.add(Texts.get("context.seed"));
        }
        return out.isEmpty() ? Texts.get("context.nothing") : String.join(", ", out);
    }

    /** The identity of a loaded task: sizes and a CRC32 over labels and samples of train and test. */
    static TaskIdentity identify(TaskSpec spec, TaskData data) {
        CRC32 crc = new CRC32();
        for (Dataset d : List.of(data.train(), data.test())) {
            ByteBuffer labels = ByteBuffer.allocate(4 * d.size());
            for (int l : d.labels()) {
                labels.putInt(l);
            }
            crc.update(labels.array());
            if (d.isImage()) {
                crc.update(d.pixels());
            } else {
                float[] f = d.toFloats();
                ByteBuffer b = ByteBuffer.allocate(4 * f.length);
                b.asFloatBuffer().put(f);
                crc.update(b.array());
            }
        }
        return new TaskIdentity(data.name(), spec, data.train().size(), data.test().size(), crc.getValue());
    }
}
