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

/**
 * Everything a later run forks from, after the first {@code lastTask()+1} tasks: model parameters, BatchNorm running
 * statistics, optimizer state, the Fisher and the anchor θ* of every finished task, and the accuracy rows so far. Held
 * as plain Java arrays (immutable), so any number of runs can fork from one checkpoint and it outlives any NDManager.
 * {@link #save}/{@link #load} use a zip with {@code checkpoint.json} (metadata and tensor index) and
 * {@code tensors.bin} (big-endian float32 in index order).
 */
public final class TaskCheckpoint {
    private static final int FORMAT = 1;

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

    TaskCheckpoint(String modelKey, int lastTask, long step, double[][] accuracy, NamedTensors model,
            NamedTensors optimizer, Map<String, Long> optimizerSteps, List<NamedTensors> fisher,
            List<NamedTensors> anchors, String fisherVariant) {
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
            throw new IOException(file + ": not an EWC Lab checkpoint (checkpoint.json or tensors.bin missing)");
        }
        try {
            JsonObject meta = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            if (meta.get("format").getAsInt() != FORMAT) {
                throw new IOException(file + ": checkpoint format " + meta.get("format") + ", expected " + FORMAT);
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
            return new TaskCheckpoint(meta.get("model").getAsString(), lastTask, meta.get("step").getAsLong(),
                    accuracy, group(groups, "model"), group(groups, "optimizer"), steps, fisher, anchors,
                    meta.get("fisherVariant").getAsString());
        } catch (RuntimeException e) {
            throw new IOException(file + ": damaged checkpoint: " + e.getMessage(), e);
        }
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
