package org.ewclab.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.i18n.Texts;

/**
 * Everything a later run forks from, after the first {@code lastTask()+1} tasks: model parameters, BatchNorm running
 * statistics, optimizer state, the Fisher and the anchor θ* of every finished task, and the accuracy rows so far. Held
 * as plain Java arrays (immutable), so any number of runs can fork from one checkpoint and it outlives any NDManager.
 * {@link #save}/{@link #load} use a zip with {@code checkpoint.json} (metadata and tensor index) and
 * {@code tensors.bin} (big-endian float32 in index order).
 *
 * <p>It also knows what it is: which data each finished task was ({@link TaskIdentity}: name, sizes, content hash),
 * the model, the optimizer and the Fisher estimator it was made with, and the seed — so that loading it into a lesson
 * can say in words what differs ({@link CheckpointComparison}) instead of comparing tensor shapes only.
 */
public final class TaskCheckpoint {
    /** 2 adds what the checkpoint is (tasks, model, optimizer, Fisher estimator); format 1 files still load. */
    private static final int FORMAT = 2;

    /**
     * What one finished task was: its name, its train/test sizes and {@link TaskData#contentHash} of its data (null
     * when unknown, e.g. a checkpoint written before format 2).
     */
    public record TaskIdentity(String name, int train, int test, String hash) {
        public static TaskIdentity of(TaskData t) {
            return new TaskIdentity(t.name(), t.train().size(), t.test().size(), t.contentHash());
        }

        /** The first 8 hex digits of the hash, enough to tell two data sets apart in a message. */
        public String shortHash() {
            return hash == null ? "unknown" : hash.substring(0, Math.min(8, hash.length()));
        }

        /** e.g. {@code 'mnist' (8000 training samples, hash 3fa2c1d0)}. */
        public String describe() {
            return Texts.fmt("checkpoint.taskIdentity", name, train, shortHash());
        }
    }

    private final String modelKey;
    private final int lastTask;
    private final long step;
    private final double[][] accuracy;
    private final NamedTensors model;
    private final NamedTensors optimizer;
    private final Map<String, Long> optimizerSteps;
    private final List<NamedTensors> fisher;
    private final List<NamedTensors> anchors;
    private final String fisherVariant;
    // what the checkpoint is; null (empty list) where a format-1 file did not record it
    private final List<TaskIdentity> taskIdentities;
    private final ModelSpec modelSpec;
    private final OptimizerSpec optimizerSpec;
    private final FisherSpec fisherSpec;
    private final Long seed;

    TaskCheckpoint(String modelKey, int lastTask, long step, double[][] accuracy, NamedTensors model,
            NamedTensors optimizer, Map<String, Long> optimizerSteps, List<NamedTensors> fisher,
            List<NamedTensors> anchors, String fisherVariant) {
        this(modelKey, lastTask, step, accuracy, model, optimizer, optimizerSteps, fisher, anchors, fisherVariant,
                List.of(), null, null, null, null);
    }

    private TaskCheckpoint(String modelKey, int lastTask, long step, double[][] accuracy, NamedTensors model,
            NamedTensors optimizer, Map<String, Long> optimizerSteps, List<NamedTensors> fisher,
            List<NamedTensors> anchors, String fisherVariant, List<TaskIdentity> taskIdentities, ModelSpec modelSpec,
            OptimizerSpec optimizerSpec, FisherSpec fisherSpec, Long seed) {
        this.taskIdentities = List.copyOf(taskIdentities);
        this.modelSpec = modelSpec;
        this.optimizerSpec = optimizerSpec;
        this.fisherSpec = fisherSpec;
        this.seed = seed;
        this.modelKey = modelKey;
        this.lastTask = lastTask;
        this.step = step;
        this.accuracy = RunResult.copy(accuracy);
        this.model = model;
        this.optimizer = optimizer;
        this.optimizerSteps = Map.copyOf(optimizerSteps);
        this.fisher = List.copyOf(fisher);
        this.anchors = List.copyOf(anchors);
        this.fisherVariant = fisherVariant;
    }

    /** Index of the last finished task (0 after the first task). */
    public int lastTask() {
        return lastTask;
    }

    /** Global steps trained so far: a forked run's first step. */
    public long step() {
        return step;
    }

    /** The accuracy rows R[0..lastTask] measured so far. */
    public double[][] accuracy() {
        return RunResult.copy(accuracy);
    }

    /** The Fisher estimator that made this checkpoint's Fisher, e.g. "argmax/batch". */
    public String fisherVariant() {
        return fisherVariant;
    }

    /**
     * What the finished tasks 0..lastTask were (name, sizes, data hash); empty if the file did not record it (written
     * before format 2).
     */
    public List<TaskIdentity> taskIdentities() {
        return taskIdentities;
    }

    /** The model it was trained with, or null if not recorded (an older file). */
    public ModelSpec modelSpec() {
        return modelSpec;
    }

    /** The optimizer whose state it carries, or null if not recorded (an older file). */
    public OptimizerSpec optimizerSpec() {
        return optimizerSpec;
    }

    /** The estimator of its Fisher (all of it: one checkpoint never mixes estimators), or null if not recorded. */
    public FisherSpec fisherSpec() {
        return fisherSpec;
    }

    /** The seed task A was trained with, or null if not recorded. */
    public Long seed() {
        return seed;
    }

    /** The same checkpoint, now saying what it is: the preset it was trained by and its finished tasks' data. */
    TaskCheckpoint describedBy(ExperimentPreset preset, List<TaskIdentity> tasks) {
        return new TaskCheckpoint(modelKey, lastTask, step, accuracy, model, optimizer, optimizerSteps, fisher,
                anchors, preset.fisher().variant(), tasks, preset.model(), preset.optimizer(), preset.fisher(),
                preset.seed());
    }

    /** The same checkpoint with every finished task's Fisher replaced by one estimator's (labelled with it). */
    TaskCheckpoint withFisher(List<NamedTensors> newFisher, FisherSpec spec) {
        if (newFisher.size() != fisher.size()) {
            throw new IllegalArgumentException(newFisher.size() + " Fishers for " + fisher.size() + " tasks");
        }
        return new TaskCheckpoint(modelKey, lastTask, step, accuracy, model, optimizer, optimizerSteps, newFisher,
                anchors, spec.variant(), taskIdentities, modelSpec, optimizerSpec, spec, seed);
    }

    /** Parameter names (trainable parameters and BatchNorm statistics), in network order. */
    public List<String> parameterNames() {
        return model.names();
    }

    /** A copy of one stored model tensor (flat, row-major). */
    public float[] parameter(String name) {
        return model.get(name).clone();
    }

    /** A copy of the Fisher of finished task {@code task} for one parameter. */
    public float[] fisher(int task, String name) {
        return fisher.get(task).get(name).clone();
    }

    String modelKey() {
        return modelKey;
    }

    NamedTensors model() {
        return model;
    }

    NamedTensors optimizer() {
        return optimizer;
    }

    Map<String, Long> optimizerSteps() {
        return optimizerSteps;
    }

    List<NamedTensors> fisherPerTask() {
        return fisher;
    }

    List<NamedTensors> anchorsPerTask() {
        return anchors;
    }

    // ---------------------------------------------------------------- files

    /** Writes the checkpoint to a zip file (deterministic bytes for the same checkpoint). */
    public void save(Path file) throws IOException {
        JsonObject meta = new JsonObject();
        meta.addProperty("format", FORMAT);
        meta.addProperty("model", modelKey);
        meta.addProperty("lastTask", lastTask);
        meta.addProperty("step", step);
        meta.addProperty("fisherVariant", fisherVariant);
        Gson gson = new Gson();
        meta.add("accuracy", gson.toJsonTree(accuracy));
        JsonObject steps = new JsonObject();
        optimizerSteps.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> steps.addProperty(e.getKey(), e.getValue()));
        meta.add("optimizerSteps", steps);
        meta.add("identity", identityJson());
        JsonArray index = new JsonArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        writeGroup("model", model, index, data);
        writeGroup("optimizer", optimizer, index, data);
        for (int t = 0; t < fisher.size(); t++) {
            writeGroup("fisher/" + t, fisher.get(t), index, data);
            writeGroup("anchor/" + t, anchors.get(t), index, data);
        }
        data.flush();
        meta.add("tensors", index);
        byte[] json = new GsonBuilder().setPrettyPrinting().create().toJson(meta).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "checkpoint.json", json);
            entry(zip, "tensors.bin", bytes.toByteArray());
        }
    }

    /** Reads a checkpoint written by {@link #save}. */
    public static TaskCheckpoint load(Path file) throws IOException {
        byte[] json = null;
        byte[] bin = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("checkpoint.json")) {
                    json = zip.readAllBytes();
                } else if (e.getName().equals("tensors.bin")) {
                    bin = zip.readAllBytes();
                }
            }
        }
        if (json == null || bin == null) {
            throw new IOException(Texts.fmt("checkpoint.file.notCheckpoint", file));
        }
        try {
            JsonObject meta = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            int format = meta.get("format").getAsInt();
            if (format < 1 || format > FORMAT) {
                throw new IOException(Texts.fmt(format > FORMAT
                        ? "checkpoint.file.newerFormat" : "checkpoint.file.format", file, meta.get("format"), FORMAT));
            }
            double[][] accuracy = new Gson().fromJson(meta.get("accuracy"), double[][].class);
            Map<String, Long> steps = new HashMap<>();
            for (Map.Entry<String, JsonElement> e : meta.getAsJsonObject("optimizerSteps").entrySet()) {
                steps.put(e.getKey(), e.getValue().getAsLong());
            }
            Map<String, NamedTensors.Builder> groups = new LinkedHashMap<>();
            DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(bin));
            for (JsonElement el : meta.getAsJsonArray("tensors")) {
                JsonObject t = el.getAsJsonObject();
                int[] shape = new Gson().fromJson(t.get("shape"), int[].class);
                int n = 1;
                for (int d : shape) {
                    n *= d;
                }
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = data.readFloat();
                }
                groups.computeIfAbsent(t.get("group").getAsString(), g -> new NamedTensors.Builder())
                        .put(t.get("name").getAsString(), shape, v);
            }
            List<NamedTensors> fisher = new ArrayList<>();
            List<NamedTensors> anchors = new ArrayList<>();
            int lastTask = meta.get("lastTask").getAsInt();
            for (int t = 0; t <= lastTask; t++) {
                fisher.add(group(groups, "fisher/" + t));
                anchors.add(group(groups, "anchor/" + t));
            }
            Gson gson = new Gson();
            JsonObject id = meta.has("identity") ? meta.getAsJsonObject("identity") : new JsonObject();
            List<TaskIdentity> ids = new ArrayList<>();
            if (id.has("tasks")) {
                for (JsonElement t : id.getAsJsonArray("tasks")) {
                    ids.add(gson.fromJson(t, TaskIdentity.class));
                }
            }
            return new TaskCheckpoint(meta.get("model").getAsString(), lastTask, meta.get("step").getAsLong(),
                    accuracy, group(groups, "model"), group(groups, "optimizer"), steps, fisher, anchors,
                    meta.get("fisherVariant").getAsString(), ids,
                    id.has("model") ? gson.fromJson(id.get("model"), ModelSpec.class) : null,
                    id.has("optimizer") ? gson.fromJson(id.get("optimizer"), OptimizerSpec.class) : null,
                    id.has("fisher") ? gson.fromJson(id.get("fisher"), FisherSpec.class) : null,
                    id.has("seed") ? id.get("seed").getAsLong() : null);
        } catch (RuntimeException e) {
            throw new IOException(Texts.fmt("checkpoint.file.damaged", file, e.getMessage()), e);
        }
    }

    private JsonObject identityJson() {
        Gson gson = new Gson();
        JsonObject id = new JsonObject();
        if (seed != null) {
            id.addProperty("seed", seed);
        }
        JsonArray ts = new JsonArray();
        for (TaskIdentity t : taskIdentities) {
            ts.add(gson.toJsonTree(t));
        }
        id.add("tasks", ts);
        if (modelSpec != null) {
            id.add("model", gson.toJsonTree(modelSpec));
        }
        if (optimizerSpec != null) {
            id.add("optimizer", gson.toJsonTree(optimizerSpec));
        }
        if (fisherSpec != null) {
            id.add("fisher", gson.toJsonTree(fisherSpec));
        }
        return id;
    }

    private static NamedTensors group(Map<String, NamedTensors.Builder> groups, String name) {
        NamedTensors.Builder b = groups.get(name);
        return b == null ? NamedTensors.empty() : b.build();
    }

    private static void writeGroup(String group, NamedTensors tensors, JsonArray index, DataOutputStream data)
            throws IOException {
        for (String name : tensors.names()) {
            JsonObject t = new JsonObject();
            t.addProperty("group", group);
            t.addProperty("name", name);
            JsonArray shape = new JsonArray();
            for (int d : tensors.shape(name)) {
                shape.add(d);
            }
            t.add("shape", shape);
            index.add(t);
            for (float f : tensors.get(name)) {
                data.writeFloat(f);
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }
}
