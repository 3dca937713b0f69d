package org.ewclab.engine;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ewclab.i18n.Texts;

/**
 * results.json read back, and the shards of one sweep: {@code run --shard i/n} writes a results.json that also says
 * which shard it is and the plan index of each run ({@link ExperimentPlan}); {@link #merge} puts the shards' runs
 * back in plan order into the results.json one unsharded run writes — the same bytes but for the timings
 * ({@code trainSeconds}, {@code firstTaskSeconds}, {@code totalSeconds}), which are the shards' own.
 */
public final class ResultsFile {
    private ResultsFile() {
    }

    /**
     * Which shard a results.json holds.
     *
     * @param planSize   how many runs the whole plan has
     * @param units      the plan index of each of the file's runs, in order
     * @param presetHash a hash of the preset the shard ran (shards of different presets do not merge)
     */
    public record ShardInfo(int index, int count, int planSize, List<Integer> units, String presetHash) {
        public ShardInfo {
            units = List.copyOf(units);
        }
    }

    /** A results.json read back: its result, and its shard when it is one. */
    public record Read(ExperimentResult result, ShardInfo shard) {
    }

    /** A shard's results.json: the result's, without the summary (a part of the seeds says little), plus the shard. */
    public static String shardJson(ExperimentResult result, ShardInfo shard) {
        if (shard.units().size() != result.runs().size()) {
            throw new IllegalArgumentException(result.runs().size() + " runs but " + shard.units().size()
                    + " plan indices");
        }
        JsonObject o = JsonParser.parseString(result.toJson()).getAsJsonObject();
        o.remove("summary");
        JsonArray runs = o.getAsJsonArray("runs");
        for (int i = 0; i < runs.size(); i++) {
            runs.get(i).getAsJsonObject().addProperty("unit", shard.units().get(i));
        }
        JsonObject so = new JsonObject();
        so.addProperty("index", shard.index());
        so.addProperty("count", shard.count());
        so.addProperty("planSize", shard.planSize());
        JsonArray ua = new JsonArray();
        shard.units().forEach(ua::add);
        so.add("units", ua);
        so.addProperty("preset", shard.presetHash());
        o.add("shard", so);
        String pretty = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                .serializeSpecialFloatingPointValues().create().toJson(o);
        return ExperimentResult.compactNumberLists(pretty) + "\n";
    }

    /**
     * Reads a results.json; throws IllegalArgumentException whose message names the field and the problem
     * ({@code source} names the file in it).
     */
    public static Read parse(String json, String source) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(Texts.fmt("results.notObject", source));
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(Texts.fmt("results.notJson", source, e.getMessage()));
        }
        try {
            long seed = req(o, "seed").getAsLong();
            List<Long> seeds = new ArrayList<>();
            if (o.has("seeds")) {
                for (JsonElement s : o.getAsJsonArray("seeds")) {
                    seeds.add(s.getAsLong());
                }
            } else {
                seeds.add(seed);
            }
            List<ExperimentResult.TaskInfo> tasks = new ArrayList<>();
            for (JsonElement t : req(o, "tasks").getAsJsonArray()) {
                JsonObject to = t.getAsJsonObject();
                tasks.add(new ExperimentResult.TaskInfo(req(to, "name").getAsString(), req(to, "train").getAsInt(),
                        req(to, "test").getAsInt()));
            }
            List<RunResult> runs = new ArrayList<>();
            JsonArray ra = req(o, "runs").getAsJsonArray();
            for (int i = 0; i < ra.size(); i++) {
                runs.add(run(ra.get(i).getAsJsonObject(), "run-" + (i + 1), seed));
            }
            ExperimentResult r = new ExperimentResult(req(o, "experiment").getAsString(), seed, tasks, runs,
                    req(o, "fisher").getAsString(), req(o, "device").getAsString(), req(o, "threads").getAsString(),
                    number(o.get("firstTaskSeconds")), number(o.get("totalSeconds")), seeds);
            ShardInfo shard = null;
            if (o.has("shard")) {
                JsonObject so = o.getAsJsonObject("shard");
                List<Integer> units = new ArrayList<>();
                for (JsonElement u : req(so, "units").getAsJsonArray()) {
                    units.add(u.getAsInt());
                }
                shard = new ShardInfo(req(so, "index").getAsInt(), req(so, "count").getAsInt(),
                        req(so, "planSize").getAsInt(), units, req(so, "preset").getAsString());
                if (units.size() != runs.size()) {
                    throw new IllegalArgumentException(Texts.fmt("results.shardUnits", units.size(),
                            runs.size()));
                }
            }
            return new Read(r, shard);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException
                | NumberFormatException e) {
            throw new IllegalArgumentException(Texts.fmt("results.notResults", source, e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    private static RunResult run(JsonObject ro, String id, long defaultSeed) {
        double lambda = req(ro, "lambda").getAsDouble();
        JsonArray acc = req(ro, "accuracy").getAsJsonArray();
        double[][] a = new double[acc.size()][];
        for (int i = 0; i < a.length; i++) {
            JsonArray row = acc.get(i).getAsJsonArray();
            a[i] = new double[row.size()];
            for (int j = 0; j < a[i].length; j++) {
                a[i][j] = number(row.get(j));
            }
        }
        return new RunResult(id, req(ro, "method").getAsString(), lambda,
                ro.has("finalLambda") ? ro.get("finalLambda").getAsDouble() : lambda,
                ro.has("fisher") && !ro.get("fisher").isJsonNull() ? ro.get("fisher").getAsString() : null, a,
                number(ro.get("averageAccuracy")), number(ro.get("forgetting")), number(ro.get("bwt")),
                number(ro.get("trainSeconds")), bool(ro, "diverged"), bool(ro, "stopped"),
                ro.has("message") && !ro.get("message").isJsonNull() ? ro.get("message").getAsString() : null,
                bool(ro, "sweep"), ro.has("seed") ? ro.get("seed").getAsLong() : defaultSeed,
                ro.has("variant") ? ro.get("variant").getAsString() : "",
                ro.has("knob") ? new KnobPoint(ro.get("knob").getAsString(), req(ro, "knobValue").getAsDouble(),
                        ro.has("knobScale") ? ro.get("knobScale").getAsString() : null) : null,
                ro.has("replayMemory") ? ro.get("replayMemory").getAsInt() : -1);
    }

    private static JsonElement req(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(Texts.fmt("results.missingField", key));
        }
        return e;
    }

    private static boolean bool(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() && o.get(key).getAsBoolean();
    }

    /** A figure, or NaN where results.json has none (null: a diverged run's accuracy). */
    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    /**
     * The shards of one plan as one result, runs in plan order. Refuses (IllegalArgumentException naming the file
     * and the problem) shards of different presets or plans, a shard given twice, and a plan with runs missing.
     *
     * @param sources a name for each shard (its folder), for the messages
     */
    public static ExperimentResult merge(List<Read> shards, List<String> sources) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException(Texts.get("results.nothingToMerge"));
        }
        Read first = shards.get(0);
        Map<Integer, RunResult> byUnit = new TreeMap<>();
        Map<Integer, String> shardFrom = new TreeMap<>();
        double firstSeconds = 0;
        double totalSeconds = 0;
        for (int s = 0; s < shards.size(); s++) {
            Read r = shards.get(s);
            String src = sources.get(s);
            if (r.shard() == null) {
                throw new IllegalArgumentException(Texts.fmt("results.notShard", src));
            }
            ShardInfo f = first.shard();
            ShardInfo me = r.shard();
            if (!me.presetHash().equals(f.presetHash()) || me.count() != f.count() || me.planSize() != f.planSize()) {
                throw new IllegalArgumentException(Texts.fmt("results.otherPlan", src, me.index(), me.count(),
                        sources.get(0), f.index(), f.count()));
            }
            if (!r.result().experiment().equals(first.result().experiment())
                    || !r.result().tasks().equals(first.result().tasks())
                    || !r.result().seeds().equals(first.result().seeds())
                    || !Objects.equals(r.result().fisher(), first.result().fisher())) {
                throw new IllegalArgumentException(Texts.fmt("results.otherExperiment", src, sources.get(0)));
            }
            String other = shardFrom.put(me.index(), src);
            if (other != null) {
                throw new IllegalArgumentException(Texts.fmt("results.shardTwice", src, me.index(),
                        me.count(), other));
            }
            for (int i = 0; i < me.units().size(); i++) {
                if (byUnit.put(me.units().get(i), r.result().runs().get(i)) != null) {
                    throw new IllegalArgumentException(Texts.fmt("results.runTwice", src,
                            me.units().get(i)));
                }
            }
            firstSeconds += r.result().firstTaskSeconds();
            totalSeconds += r.result().totalSeconds();
        }
        int plan = first.shard().planSize();
        List<Integer> missing = new ArrayList<>();
        for (int u = 0; u < plan; u++) {
            if (!byUnit.containsKey(u)) {
                missing.add(u);
            }
        }
        if (!missing.isEmpty()) {
            List<Integer> missingShards = new ArrayList<>();
            for (int i = 1; i <= first.shard().count(); i++) {
                if (!shardFrom.containsKey(i)) {
                    missingShards.add(i);
                }
            }
            throw new IllegalArgumentException(missingShards.isEmpty()
                    ? Texts.fmt("results.missingRunsStopped", plan, missing.size(), missing)
                    : Texts.fmt("results.missingRunsShards", plan, missing.size(), missing, missingShards,
                    first.shard().count()));
        }
        List<RunResult> runs = new ArrayList<>(byUnit.values()); // plan order: a TreeMap by index
        ExperimentResult f = first.result();
        return new ExperimentResult(f.experiment(), f.seed(), f.tasks(), runs, f.fisher(), f.device(), f.threads(),
                firstSeconds, totalSeconds, f.seeds());
    }
}
