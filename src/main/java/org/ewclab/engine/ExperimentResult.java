package org.ewclab.engine;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * A whole experiment's outcome: what {@code results.json} holds (DESIGN.md's schema, with a few fields added). With
 * several seeds, {@code runs} holds every seed's runs (each says its {@code seed}) and results.json adds
 * {@code seeds} and a {@code summary}: mean ± standard error per method and λ ({@link SeedSummary}).
 *
 * @param seeds the seeds the experiment ran with ({@code seed} is the first)
 */
public record ExperimentResult(String experiment, long seed, List<TaskInfo> tasks, List<RunResult> runs,
        String fisher, String device, String threads, double firstTaskSeconds, double totalSeconds,
        List<Long> seeds) {

    /** A task's name and its train/test sizes. */
    public record TaskInfo(String name, int train, int test) {
    }

    public ExperimentResult {
        tasks = List.copyOf(tasks);
        runs = List.copyOf(runs);
        seeds = seeds == null || seeds.isEmpty() ? List.of(seed) : List.copyOf(seeds);
    }

    /** An experiment of one seed. */
    public ExperimentResult(String experiment, long seed, List<TaskInfo> tasks, List<RunResult> runs,
            String fisher, String device, String threads, double firstTaskSeconds, double totalSeconds) {
        this(experiment, seed, tasks, runs, fisher, device, threads, firstTaskSeconds, totalSeconds, List.of(seed));
    }

    /** Whether the runs were repeated over several seeds. */
    public boolean multiSeed() {
        return seeds.size() > 1;
    }

    /** Mean ± standard error per method and λ over the seeds (one group per method and λ, in run order). */
    public List<SeedSummary> summary() {
        return SeedSummary.of(runs);
    }

    /** The results.json text: pretty-printed, fields in a fixed order. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("experiment", experiment);
        o.addProperty("seed", seed);
        boolean multi = multiSeed();
        if (multi) {
            JsonArray sa = new JsonArray();
            seeds.forEach(sa::add);
            o.add("seeds", sa);
        }
        JsonArray ts = new JsonArray();
        for (TaskInfo t : tasks) {
            JsonObject to = new JsonObject();
            to.addProperty("name", t.name());
            to.addProperty("train", t.train());
            to.addProperty("test", t.test());
            ts.add(to);
        }
        o.add("tasks", ts);
        JsonArray rs = new JsonArray();
        for (RunResult r : runs) {
            JsonObject ro = new JsonObject();
            ro.addProperty("method", r.method());
            ro.addProperty("lambda", r.lambda());
            if (multi) {
                ro.addProperty("seed", r.seed());
            }
            JsonArray acc = new JsonArray();
            for (double[] row : r.accuracy()) {
                JsonArray ra = new JsonArray();
                for (double v : row) {
                    ra.add(number(v));
                }
                acc.add(ra);
            }
            ro.add("accuracy", acc);
            ro.add("averageAccuracy", number(r.averageAccuracy()));
            ro.add("forgetting", number(r.forgetting()));
            ro.add("bwt", number(r.bwt()));
            ro.addProperty("trainSeconds", Math.round(r.trainSeconds() * 1000) / 1000.0);
            ro.addProperty("diverged", r.diverged());
            ro.addProperty("stopped", r.stopped());
            if (r.finalLambda() != r.lambda()) {
                ro.addProperty("finalLambda", r.finalLambda());
            }
            ro.addProperty("fisher", r.fisher());
            ro.addProperty("sweep", r.sweep());
            if (!r.variant().isEmpty()) {
                // a method's knob in words ("memory 1000", "+ distill 0.5"): tells runs of one method and λ apart
                ro.addProperty("variant", r.variant());
            }
            if (r.point() != null) {
                // a knob sweep's run (a λ sweep's runs are told apart by λ, as they always were)
                ro.addProperty("knob", r.point().knob());
                ro.add("knobValue", number(r.point().value()));
                ro.addProperty("knobScale", r.point().scale());
            }
            if (r.replayMemory() >= 0) {
                // what the engine held, not the preset's number (smaller when a task has fewer samples)
                ro.addProperty("replayMemory", r.replayMemory());
            }
            if (r.message() != null) {
                ro.addProperty("message", r.message());
            }
            rs.add(ro);
        }
        o.add("runs", rs);
        if (multi) {
            o.add("summary", summaryJson(summary()));
        }
        o.addProperty("fisher", fisher);
        o.addProperty("device", device);
        o.addProperty("threads", threads);
        o.addProperty("firstTaskSeconds", Math.round(firstTaskSeconds * 1000) / 1000.0);
        o.addProperty("totalSeconds", Math.round(totalSeconds * 1000) / 1000.0);
        String pretty = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                .serializeSpecialFloatingPointValues().create().toJson(o);
        return compactNumberLists(pretty) + "\n";
    }

    private static JsonArray summaryJson(List<SeedSummary> summary) {
        JsonArray out = new JsonArray();
        for (SeedSummary g : summary) {
            JsonObject go = new JsonObject();
            go.addProperty("method", g.method());
            go.addProperty("lambda", g.lambda());
            go.addProperty("sweep", g.sweep());
            if (!g.variant().isEmpty()) {
                go.addProperty("variant", g.variant());
            }
            if (g.point() != null) {
                go.addProperty("knob", g.point().knob());
                go.add("knobValue", number(g.point().value()));
            }
            JsonArray sa = new JsonArray();
            g.seeds().forEach(sa::add);
            go.add("seeds", sa);
            go.addProperty("diverged", g.diverged());
            JsonObject acc = new JsonObject();
            acc.add("mean", matrix(g.meanAccuracy()));
            acc.add("se", matrix(g.seAccuracy()));
            go.add("accuracy", acc);
            go.add("averageAccuracy", meanSe(g.averageAccuracy()));
            go.add("forgetting", meanSe(g.forgetting()));
            go.add("bwt", meanSe(g.bwt()));
            out.add(go);
        }
        return out;
    }

    private static JsonArray matrix(double[][] m) {
        JsonArray a = new JsonArray();
        for (double[] row : m) {
            JsonArray ra = new JsonArray();
            for (double v : row) {
                ra.add(number(v));
            }
            a.add(ra);
        }
        return a;
    }

    private static JsonObject meanSe(MeanSe m) {
        JsonObject o = new JsonObject();
        o.add("mean", number(m.mean()));
        o.add("se", number(m.se()));
        o.addProperty("n", m.n());
        return o;
    }

    /** Pretty JSON puts every number of a list on its own line; an accuracy row reads better on one. */
    static String compactNumberLists(String json) {
        String number = "(?:-?[0-9NI][-+0-9.eEaInfity]*|null)";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\\s*(" + number + "(?:,\\s*" + number
                + ")*)\\s*]").matcher(json);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "[" + m.group(1).replaceAll(",\\s*", ", ") + "]");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * A measured figure for results.json: rounded to 6 decimals, or null where there is none — a diverged run's row
     * after divergence is NaN in the engine and null here (valid JSON, and no reader mistakes it for an accuracy).
     */
    private static com.google.gson.JsonElement number(double v) {
        return Double.isFinite(v) ? new com.google.gson.JsonPrimitive(round(v)) : com.google.gson.JsonNull.INSTANCE;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }
}
