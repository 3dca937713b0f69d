package org.ewclab.export;

import java.util.List;
import java.util.Locale;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.MeanSe;
import org.ewclab.engine.SeedSummary;
import org.ewclab.i18n.Texts;

/** report.html's table of an experiment over several seeds: per method and λ, mean ± standard error of each figure. */
final class SeedReport {
    private SeedReport() {
    }

    static void summary(StringBuilder h, ExperimentResult r) {
        List<ExperimentResult.TaskInfo> tasks = r.tasks();
        h.append("<table id=\"seed-summary\">\n<caption>").append(ExportAll.esc(Texts.fmt("report.seeds.caption",
                r.seeds().size(), r.seeds().toString()))).append("</caption>\n<thead><tr><th>")
                .append(ExportAll.esc(Texts.get("report.method"))).append("</th><th>λ</th>");
        for (ExperimentResult.TaskInfo t : tasks) {
            h.append("<th>").append(ExportAll.esc(t.name())).append("</th>");
        }
        for (String k : new String[] {"report.average", "report.forgetting", "report.bwt"}) {
            h.append("<th>").append(ExportAll.esc(Texts.get(k))).append("</th>");
        }
        h.append("<th>n</th><th>").append(ExportAll.esc(Texts.get("report.diverged"))).append("</th></tr></thead>\n"
                + "<tbody>\n");
        for (SeedSummary g : r.summary()) {
            MeanSe[][] acc = g.accuracy();
            MeanSe[] last = acc[acc.length - 1];
            h.append("<tr><td>").append(ExportAll.esc(MethodColors.methodLabel(g.method())))
                    .append(g.sweep() ? " (" + ExportAll.esc(Texts.get("report.note.sweep")) + ")" : "")
                    .append("</td><td class=\"n\">").append(g.method().equals("plain") ? "–"
                            : ExportAll.esc(org.ewclab.analysis.ExperimentLog.shortNumber(g.lambda())))
                    .append("</td>");
            for (int j = 0; j < tasks.size(); j++) {
                h.append("<td class=\"n\">").append(j < last.length ? cell(last[j], false) : "").append("</td>");
            }
            h.append("<td class=\"n\">").append(cell(g.averageAccuracy(), false)).append("</td><td class=\"n\">")
                    .append(cell(g.forgetting(), false)).append("</td><td class=\"n\">").append(cell(g.bwt(), true))
                    .append("</td><td class=\"n\">").append(g.runs() - g.diverged()).append("</td><td class=\"n\">")
                    .append(g.diverged()).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"muted\">").append(ExportAll.esc(Texts.get("report.seeds.legend")))
                .append("</p>\n");
    }

    /** "94.1% ± 0.4" (percentage points), "–" with no value. */
    private static String cell(MeanSe m, boolean signed) {
        if (!Double.isFinite(m.mean())) {
            return "–";
        }
        String mean = String.format(Locale.ROOT, signed ? "%+.1f%%" : "%.1f%%", 100 * m.mean());
        return ExportAll.esc(Double.isFinite(m.se()) ? mean + String.format(Locale.ROOT, " ± %.1f", 100 * m.se())
                : mean);
    }
}
