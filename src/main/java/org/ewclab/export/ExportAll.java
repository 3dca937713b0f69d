package org.ewclab.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.i18n.Texts;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.RunResult;

/**
 * Export all: one self-contained folder a student can zip, mail or open in a browser. For every chart
 * {@code NAME.png} (1×), {@code NAME@2x.png} (same layout, twice the pixels, for slides), {@code NAME.svg} (vector,
 * for papers) and {@code NAME.csv} (the full data, for their own plots); then {@code results.json},
 * {@code preset.json} (when a preset is given) and {@code report.html}, one page with the settings, the metrics and
 * the charts, no external CSS or script. Headless: Java2D and text only, no JavaFX and no display.
 */
public final class ExportAll {
    /** The size every chart is laid out at, in px (the @2x PNG has twice as many in each direction). */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    public static final String REPORT = "report.html";
    public static final String RESULTS = "results.json";
    public static final String PRESET = "preset.json";

    private ExportAll() {
    }

    /**
     * Writes the folder (created if missing; files of the same names are replaced) and returns the files written, in
     * order. Chart keys are file names without extension (see {@link LabCharts#standardSet}).
     *
     * @param preset the experiment's settings, or null when there is none (no preset.json, no settings table)
     */
    public static List<Path> write(Path dir, Map<String, Plot> charts, ExperimentResult result,
            ExperimentPreset preset, Theme theme) throws IOException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(theme, "theme");
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Plot> e : charts.entrySet()) {
            String name = checkedName(e.getKey());
            Plot plot = standalone(e.getValue());
            Path png = dir.resolve(name + ".png");
            Path png2 = dir.resolve(name + "@2x.png");
            Path svg = dir.resolve(name + ".svg");
            Path csv = dir.resolve(name + ".csv");
            ChartExport.png(plot, WIDTH, HEIGHT, 1, theme, png);
            ChartExport.png(plot, WIDTH, HEIGHT, 2, theme, png2);
            ChartExport.svg(plot, WIDTH, HEIGHT, theme, svg);
            ChartExport.csv(plot, csv);
            written.addAll(List.of(png, png2, svg, csv));
        }
        Path results = dir.resolve(RESULTS);
        ChartExport.writeText(results, result.toJson());
        written.add(results);
        if (preset != null) {
            Path p = dir.resolve(PRESET);
            ChartExport.writeText(p, preset.toJson());
            written.add(p);
        }
        Path report = dir.resolve(REPORT);
        ChartExport.writeText(report, report(charts, result, preset, theme));
        written.add(report);
        return List.copyOf(written);
    }

    /** A chart that has no legend in the window (the window says it elsewhere) gets one on top in a file. */
    static Plot standalone(Plot plot) {
        return plot.legend() == Plot.Legend.NONE && !plot.series().isEmpty() ? plot.withLegend(Plot.Legend.TOP)
                : plot;
    }

    private static String checkedName(String key) {
        if (key.isEmpty() || !key.equals(LabCharts.fileName(key)) || key.startsWith(".")) {
            throw new IllegalArgumentException("chart name '" + key
                    + "' is not a plain file name (letters, digits, '.', '-', '_')");
        }
        return key;
    }

    // ---- report.html --------------------------------------------------------------------------------------------

    /**
     * The one-page report: title and description, metrics per run, settings, then every chart (SVG, with links).
     * Void elements are self-closed, so the page is well-formed XML as well as HTML (a test parses it).
     */
    static String report(Map<String, Plot> charts, ExperimentResult r, ExperimentPreset preset, Theme theme) {
        String title = preset != null && !preset.title().isEmpty() ? preset.title() : r.experiment();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(Texts.isChinese() ? "zh-CN" : "en")
                .append("\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>EWC Lab · ").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:\"DejaVu Sans\",Verdana,Arial,\"Noto Sans CJK SC\",\"Source Han Sans SC\",")
                .append("\"Microsoft YaHei\",\"PingFang SC\",\"WenQuanYi Micro Hei\",sans-serif;")
                .append("max-width:60em;margin:2em auto;")
                .append("padding:0 1em;line-height:1.45;background:").append(theme.background()).append(";color:")
                .append(theme.text()).append("}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid ")
                .append(theme.grid()).append(";padding:.25em .6em;vertical-align:top}")
                .append("th{text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".muted{color:").append(theme.mutedText()).append("}.bad{color:#d62728;font-weight:bold}\n")
                .append("figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid ")
                .append(theme.grid()).append("}figcaption{font-size:.9em}\n")
                .append(".swatch{display:inline-block;width:.8em;height:.8em;margin-right:.35em;border-radius:50%}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        if (preset != null && !preset.description().isEmpty()) {
            h.append("<p>").append(esc(preset.description())).append("</p>\n");
        }
        h.append("<p class=\"muted\">").append(esc(Texts.get("report.experiment"))).append(" <code>")
                .append(esc(r.experiment())).append("</code> · ").append(esc(Texts.get("report.seed"))).append(' ')
                .append(r.seed()).append(" · ").append(esc(Texts.get("report.fisher"))).append(' ')
                .append(esc(r.fisher())).append(" · ").append(esc(r.device()))
                .append(" (").append(esc(r.threads())).append(") · ")
                .append(esc(Texts.fmt("report.times", r.firstTaskSeconds(), r.totalSeconds())))
                .append(" · ").append(esc(Texts.get("report.files"))).append(" <a href=\"").append(RESULTS)
                .append("\">").append(RESULTS).append("</a>");
        if (preset != null) {
            h.append(", <a href=\"").append(PRESET).append("\">").append(PRESET).append("</a>");
        }
        h.append("</p>\n");

        metrics(h, r);
        if (r.multiSeed()) {
            SeedReport.summary(h, r);
        }
        if (preset != null) {
            settings(h, preset);
        }

        h.append("<h2 id=\"charts\">").append(esc(Texts.get("report.charts"))).append("</h2>\n");
        if (charts.isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(Texts.get("report.noCharts"))).append("</p>\n");
        }
        for (Map.Entry<String, Plot> e : charts.entrySet()) {
            String n = esc(e.getKey());
            Plot p = e.getValue();
            h.append("<figure id=\"").append(n).append("\">\n<img src=\"").append(n).append(".svg\" width=\"")
                    .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" alt=\"").append(esc(p.title()))
                    .append("\"/>\n<figcaption><b>").append(esc(p.title())).append("</b>");
            if (!p.subtitle().isEmpty()) {
                h.append(" — ").append(esc(p.subtitle()));
            }
            h.append("<br/><span class=\"muted\">").append(link(n + ".png", "PNG")).append(" · ")
                    .append(link(n + "@2x.png", "PNG 2×")).append(" · ").append(link(n + ".svg", "SVG"))
                    .append(" · ").append(link(n + ".csv", Texts.get("report.csvData")))
                    .append("</span></figcaption>\n</figure>\n");
        }
        h.append("<p class=\"muted\">").append(esc(Texts.get("report.writtenBy"))).append("</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void metrics(StringBuilder h, ExperimentResult r) {
        List<ExperimentResult.TaskInfo> tasks = r.tasks();
        h.append("<h2 id=\"metrics\">").append(esc(Texts.get("report.results"))).append("</h2>\n");
        if (r.runs().isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(Texts.get("report.noRuns"))).append("</p>\n");
            return;
        }
        double[] row0 = r.runs().get(0).accuracy()[0];
        // (every run of one export forks from one task-A checkpoint: the window exports one context only)
        h.append("<p>").append(esc(Texts.fmt("report.afterFirst", tasks.isEmpty() ? "" : tasks.get(0).name())));
        for (int j = 0; j < tasks.size() && j < row0.length; j++) {
            h.append(j == 0 ? " " : ", ").append(esc(tasks.get(j).name())).append(' ').append(pct(row0[j]));
        }
        h.append(".</p>\n");
        h.append("<table id=\"metrics-table\">\n<caption>").append(esc(Texts.get("report.caption")))
                .append("</caption>\n<thead><tr><th>").append(esc(Texts.get("report.run"))).append("</th><th>")
                .append(esc(Texts.get("report.method"))).append("</th><th>λ</th>");
        for (ExperimentResult.TaskInfo t : tasks) {
            h.append("<th>").append(esc(t.name())).append("</th>");
        }
        for (String k : new String[] {"report.average", "report.forgetting", "report.bwt", "report.seconds",
                "report.diverged", "report.note"}) {
            h.append("<th>").append(esc(Texts.get(k))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (RunResult run : r.runs()) {
            double[][] acc = run.accuracy();
            double[] last = acc[acc.length - 1];
            String label = ExperimentLog.runLabel(run);
            int at = label.indexOf("λ=");
            h.append("<tr><td>").append(esc((r.multiSeed() ? Texts.get("report.seed") + " " + run.seed() + " · " : "")
                    + run.runId())).append("</td><td><span class=\"swatch\" style=\"background:")
                    .append(swatch(run.method())).append("\"></span>").append(esc(MethodColors.methodLabel(
                            run.method()))).append("</td><td class=\"n\">")
                    .append(at < 0 ? "–" : esc(label.substring(at + 2))).append("</td>");
            // a diverged run has no accuracy after it diverged: its network's argmax is not a measurement
            String bad = "<span class=\"bad\">diverged</span>";
            for (int j = 0; j < tasks.size(); j++) {
                h.append("<td class=\"n\">").append(run.diverged() ? bad : j < last.length ? pct(last[j]) : "")
                        .append("</td>");
            }
            h.append("<td class=\"n\">").append(run.diverged() ? bad : pct(run.averageAccuracy()))
                    .append("</td><td class=\"n\">").append(run.diverged() ? bad : pct(run.forgetting()))
                    .append("</td><td class=\"n\">").append(run.diverged() || !Double.isFinite(run.bwt()) ? "–"
                            : String.format(Locale.ROOT, "%+.1f%%", 100 * run.bwt())).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.1f", run.trainSeconds())).append("</td><td>")
                    .append(run.diverged() ? "<span class=\"bad\">" + esc(Texts.get("report.yes")) + "</span>"
                            : esc(Texts.get("report.no"))).append("</td><td>");
            List<String> notes = new ArrayList<>();
            if (run.sweep()) {
                notes.add(Texts.get("report.note.sweep"));
            }
            if (run.stopped()) {
                notes.add(Texts.get("report.note.stopped"));
            }
            if (run.finalLambda() != run.lambda()) {
                notes.add(Texts.fmt("report.note.lambdaMoved", ExperimentLog.shortNumber(run.lambda()),
                        ExperimentLog.shortNumber(run.finalLambda())));
            }
            if (run.message() != null && !run.message().isEmpty()) {
                notes.add(run.message());
            }
            h.append(esc(String.join("; ", notes))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"muted\">").append(esc(Texts.get("report.legend")))
                .append("</p>\n");
    }

    private static void settings(StringBuilder h, ExperimentPreset preset) {
        h.append("<h2 id=\"settings\">").append(esc(Texts.get("report.settings")))
                .append("</h2>\n<table id=\"settings-table\">\n<tbody>\n");
        JsonObject o = JsonParser.parseString(preset.toJson()).getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            String k = e.getKey();
            if (k.equals("title") || k.equals("description")) {
                continue;
            }
            settingRows(h, k, e.getValue());
        }
        h.append("</tbody>\n</table>\n");
    }

    /** Objects unfold into "model.hidden" rows; a list of objects (tasks, methods) is one row per item. */
    private static void settingRows(StringBuilder h, String key, JsonElement v) {
        if (v.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
                settingRows(h, key + "." + e.getKey(), e.getValue());
            }
        } else if (v.isJsonArray() && !v.getAsJsonArray().isEmpty() && v.getAsJsonArray().get(0).isJsonObject()) {
            JsonArray a = v.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                settingRow(h, key + "[" + (i + 1) + "]", inline(a.get(i)));
            }
        } else {
            settingRow(h, key, inline(v));
        }
    }

    private static void settingRow(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String inline(JsonElement v) {
        if (v.isJsonNull()) {
            return "–";
        }
        if (v.isJsonPrimitive()) {
            return v.getAsJsonPrimitive().isString() ? v.getAsString() : v.toString();
        }
        if (v.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            v.getAsJsonArray().forEach(x -> parts.add(inline(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
            parts.add(e.getKey() + ": " + inline(e.getValue()));
        }
        return String.join(", ", parts);
    }

    private static String swatch(String method) {
        try {
            return MethodColors.method(method);
        } catch (IllegalArgumentException e) {
            return MethodColors.TASK_A;
        }
    }

    private static String link(String href, String text) {
        return "<a href=\"" + href + "\">" + text + "</a>";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "–";
    }

    /** Text and attribute escaping for the report (well-formed XML too), the same as the SVG writer's. */
    static String esc(String s) {
        return s == null ? "" : SvgSurface.escape(s);
    }
}
