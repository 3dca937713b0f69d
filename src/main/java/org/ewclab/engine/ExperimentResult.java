package org.ewclab.engine;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** A whole experiment's outcome: what {@code results.json} holds (DESIGN.md's schema, with a few fields added). */
public record ExperimentResult(String experiment, long seed, List<TaskInfo> tasks, List<RunResult> runs,
        String fisher, String device, String threads, double firstTaskSeconds, double totalSeconds) {

    /** A task's name and its train/test sizes. */
    public record TaskInfo(String name, int train, int test) {
    }

    public ExperimentResult {
        tasks = List.copyOf(tasks);
        runs = List.copyOf(runs);
    }

    /** The results.json text: pretty-printed, fields in a fixed order. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("experiment", experiment);
        o.addProperty("seed", seed);
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
            if (r.message() != null) {
                ro.addProperty("message", r.message());
            }
            rs.add(ro);
        }
        o.add("runs", rs);
        o.addProperty("fisher", fisher);
        o.addProperty("device", device);
        o.addProperty("threads", threads);
        o.addProperty("firstTaskSeconds", Math.round(firstTaskSeconds * 1000) / 1000.0);
        o.addProperty("totalSeconds", Math.round(totalSeconds * 1000) / 1000.0);
        String pretty = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                .serializeSpecialFloatingPointValues().create().toJson(o);
        return compactNumberLists(pretty) + "\n";
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
