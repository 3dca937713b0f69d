package org.ewclab.export;

import java.util.List;
import org.ewclab.i18n.Texts;

/**
 * Small charts of made-up but typical data for the guide (F1): one per chart of the lesson tab, drawn by the same
 * painter as the live charts, so the pictures in the guide look like what the student sees. The curves are shapes,
 * not results: plain forgets task A once task B starts, EWC keeps it.
 */
public final class GuideCharts {
    /**
     * The guide's pictures, in the order of the help's chart lines: accuracy, loss, Fisher, drift, pixels, the three
     * importance measures, the accuracy matrix, stability–plasticity, decision regions.
     */
    public static final List<String> KEYS = List.of("accuracy", "loss", "fisher", "drift", "importance", "measures",
            "matrix", "tradeoff", "regions");

    private GuideCharts() {
    }

    /** The example chart for a key of {@link #KEYS}. */
    public static Plot of(String key) {
        return switch (key) {
            case "accuracy" -> accuracy();
            case "loss" -> loss();
            case "fisher" -> fisher();
            case "drift" -> drift();
            case "importance" -> importance();
            case "measures" -> measures();
            case "matrix" -> matrix();
            case "tradeoff" -> tradeoff();
            case "regions" -> regions();
            default -> throw new IllegalArgumentException("no guide chart \"" + key + "\"; known: " + KEYS);
        };
    }

    private static float[] steps(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 10;
        }
        return x;
    }

    static Plot accuracy() {
        int n = 61;
        float[] x = steps(n);
        float[] plain = new float[n];
        float[] ewc = new float[n];
        float[] taskB = new float[n];
        for (int i = 0; i < n; i++) {
            double learnt = 1 - 0.9 * Math.exp(-i / 4.0);
            if (i <= 30) {
                plain[i] = ewc[i] = (float) (0.97 * learnt);
                taskB[i] = Float.NaN;
            } else {
                double t = i - 30;
                plain[i] = (float) (0.35 + 0.62 * Math.exp(-t / 3.0));
                ewc[i] = (float) (0.90 + 0.07 * Math.exp(-t / 3.0));
                taskB[i] = (float) (0.95 * (1 - 0.9 * Math.exp(-t / 4.0)));
            }
        }
        return Plot.builder().title(Texts.get("chart.accuracy.title")).x(Axis.linear(Texts.get("chart.axis.step"),
                        null)).y(LabCharts.percentAxis(Texts.get("chart.axis.accuracy"))).legend(Plot.Legend.NONE)
                .line("plain", x, plain, MethodColors.PLAIN)
                .line("EWC", x, ewc, MethodColors.EWC)
                .add(new Series.Line("B", Series.Style.of(MethodColors.EWC).withDash(Series.Dash.DASHED),
                        FloatColumn.of(x), FloatColumn.of(taskB)))
                .verticalMarker(300, "B").build();
    }

    static Plot loss() {
        int n = 120;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 5;
            double base = i < 60 ? 2.3 * Math.exp(-i / 12.0) + 0.05 : 2.0 * Math.exp(-(i - 60) / 12.0) + 0.08;
            y[i] = (float) (base * (1 + 0.25 * Math.sin(i * 1.7)));
        }
        return Plot.builder().title(Texts.get("chart.loss.title")).x(Axis.linear(Texts.get("chart.axis.step"), null))
                .y(Axis.log10(Texts.get("chart.axis.loss"), null)).legend(Plot.Legend.NONE)
                .line("loss", x, y, MethodColors.EWC).verticalMarker(300, "B").build();
    }

    static Plot fisher() {
        int bins = 30;
        float[] edges = new float[bins + 1];
        float[] counts = new float[bins];
        for (int i = 0; i <= bins; i++) {
            edges[i] = -9 + i * 0.25f;
        }
        for (int i = 0; i < bins; i++) {
            double c = (edges[i] + edges[i + 1]) / 2 + 5;
            counts[i] = (float) (1000 * Math.exp(-c * c / 1.6));
        }
        return Plot.builder().title(Texts.get("chart.fisher.title")).x(Axis.linear(Texts.get("chart.fisher.axis"),
                        null)).y(Axis.linear(Texts.get("chart.axis.count"), null)).legend(Plot.Legend.NONE)
                .add(new Series.Bars("F", Series.Style.of(MethodColors.TASK_A), FloatColumn.of(edges),
                        FloatColumn.of(counts))).build();
    }

    static Plot drift() {
        int n = 80;
        float[] x = new float[n];
        float[] plain = new float[n];
        float[] ewc = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -5 + i * 0.07f;
            plain[i] = (float) Math.exp(-Math.pow(x[i] + 1, 2) / 0.3);
            ewc[i] = (float) (0.8 * Math.exp(-Math.pow(x[i] + 3, 2) / 0.4));
        }
        return Plot.builder().title(Texts.get("chart.driftMagnitude.title")).x(Axis.linear(LabCharts.LOG_DRIFT_LABEL,
                        null)).y(Axis.linear(Texts.get("chart.axis.density"), null)).legend(Plot.Legend.NONE)
                .add(new Series.Density("plain", Series.Style.of(MethodColors.PLAIN), FloatColumn.of(x),
                        FloatColumn.of(plain)))
                .add(new Series.Density("EWC", Series.Style.of(MethodColors.EWC), FloatColumn.of(x),
                        FloatColumn.of(ewc))).build();
    }

    static Plot importance() {
        int side = 28;
        float[] v = new float[side * side];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double dx = (c - 13.5) / 7;
                double dy = (r - 13.5) / 9;
                v[r * side + c] = (float) Math.exp(-(dx * dx + dy * dy));
            }
        }
        return Plot.builder().title(Texts.get("chart.importance.title")).heatMap(HeatMap.of(side, side, v))
                .legend(Plot.Legend.NONE).build();
    }

    /** Three bell-shaped histograms of log10(importance ÷ mean): Fisher, SI and MAS, largely overlapping. */
    static Plot measures() {
        int n = 60;
        float[] x = new float[n];
        float[][] y = new float[3][n];
        double[] centre = {-0.6, -0.9, -0.5};
        double[] width = {0.9, 1.2, 0.7};
        for (int i = 0; i < n; i++) {
            x[i] = (float) (-4 + 5.0 * i / (n - 1));
            for (int k = 0; k < 3; k++) {
                double z = (x[i] - centre[k]) / width[k];
                y[k][i] = (float) (Math.exp(-z * z / 2) / width[k]);
            }
        }
        return Plot.builder().title(Texts.get("chart.measures.title")).x(Axis.linear(Texts.get("chart.measures.axis"),
                        null)).y(Axis.linear(Texts.get("chart.axis.count"), null)).legend(Plot.Legend.NONE)
                .line("Fisher", x, y[0], MethodColors.EWC).line("SI", x, y[1], MethodColors.SI)
                .line("MAS", x, y[2], MethodColors.MAS).build();
    }

    /** A 2×2 accuracy matrix of plain training: task A forgotten after task B. */
    static Plot matrix() {
        HeatMap m = HeatMap.of(2, 2, new float[] {0.95f, 0.07f, 0.22f, 0.85f}).withRange(0, 1)
                .withLabels(List.of("A", "B"), List.of(Texts.fmt("chart.matrix.row", "A"),
                        Texts.fmt("chart.matrix.row", "B"))).withCellFormat("%.2f").withSquareCells(true);
        return Plot.builder().title(Texts.get("chart.matrix.title")).heatMap(m).legend(Plot.Legend.NONE).build();
    }

    /** One point per run: plain bottom right, L2 in between, EWC top right. */
    static Plot tradeoff() {
        return Plot.builder().title(Texts.get("chart.sp.title")).x(LabCharts.percentAxis("B"))
                .y(LabCharts.percentAxis("A")).legend(Plot.Legend.NONE)
                .add(Series.scatter("plain", new float[] {0.85f}, new float[] {0.22f}, MethodColors.PLAIN))
                .add(Series.scatter("L2", new float[] {0.74f}, new float[] {0.85f}, MethodColors.L2))
                .add(Series.scatter("EWC", new float[] {0.83f}, new float[] {0.94f}, MethodColors.EWC)).build();
    }

    /** Two classes on the plane with a bent boundary, as the 2-D lessons draw them. */
    static Plot regions() {
        int side = 40;
        float[] v = new float[side * side];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double x = (c - 20) / 10.0;
                double y = (20 - r) / 10.0;
                v[r * side + c] = y > 0.6 * Math.sin(2.2 * x) ? 1f : 0f;
            }
        }
        return Plot.builder().title(Texts.get("chart.regions.title")).heatMap(HeatMap.of(side, side, v).withRange(0,
                1)).legend(Plot.Legend.NONE).build();
    }
}
