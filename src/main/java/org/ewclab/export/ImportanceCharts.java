package org.ewclab.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.analysis.Histogram;
import org.ewclab.analysis.Spearman;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.LabEvent.ImportanceMeasure;
import org.ewclab.i18n.Texts;

/**
 * Task A's importance by three measures — the Fisher F (what EWC penalises), SI's path-integral Ω and MAS's
 * output-norm sensitivity — compared on the same parameters: histograms of each measure divided by its mean (so
 * their shapes can be compared whatever their units), the three pixel maps side by side, and Spearman's ρ between
 * each pair (do they agree on <em>which</em> weights matter?). Each measure keeps the colour of the method that uses
 * it: Fisher in EWC's green, SI's olive, MAS's navy.
 */
public final class ImportanceCharts {
    /** Chart keys (file names). */
    public static final String MEASURES_KEY = "importance-measures";
    public static final String MAPS_KEY = "importance-maps";
    /** The measures in display order. */
    public static final List<String> ALL = List.of(ImportanceMeasure.FISHER, ImportanceMeasure.SI,
            ImportanceMeasure.MAS);
    /** Decades below each map's brightest pixel that the colour scale spans. */
    static final double MAP_DECADES = 4;
    private static final int BINS = 50;
    /** The histograms' x axis starts at this quantile of the lowest measure (below it: the leftmost bar). */
    private static final double LOW_QUANTILE = 0.005;

    private ImportanceCharts() {
    }

    /** The measures task A's snapshot holds, Fisher first (empty before Train A). */
    public static List<String> available(ExperimentLog.Snapshot snap) {
        LabEvent.FisherComputed f = snap.fisherByTask().get(0);
        List<String> out = new ArrayList<>();
        if (f == null) {
            return out;
        }
        out.add(ImportanceMeasure.FISHER);
        for (String m : ALL) {
            if (f.other(m) != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether the comparison has something to compare (the Fisher and at least one other measure). */
    public static boolean comparable(ExperimentLog.Snapshot snap) {
        return available(snap).size() >= 2;
    }

    /** "Fisher F", "SI Ω", "MAS Ω" in the lab's language. */
    public static String label(String measure) {
        return Texts.get("chart.measure." + measure);
    }

    /** The colour of the method that uses the measure: EWC's for the Fisher, SI's, MAS's. */
    public static String colour(String measure) {
        return MethodColors.method(ImportanceMeasure.FISHER.equals(measure) ? "ewc" : measure);
    }

    /** A measure's layers (null when the snapshot does not hold it). */
    public static List<LabEvent.LayerFisher> layers(LabEvent.FisherComputed f, String measure) {
        if (f == null) {
            return null;
        }
        if (ImportanceMeasure.FISHER.equals(measure)) {
            return f.layers();
        }
        ImportanceMeasure m = f.other(measure);
        return m == null ? null : m.layers();
    }

    /** A measure's first-layer importance summed per input pixel, or null. */
    public static float[] perInput(LabEvent.FisherComputed f, String measure) {
        if (f == null) {
            return null;
        }
        if (ImportanceMeasure.FISHER.equals(measure)) {
            return f.inputImportance();
        }
        ImportanceMeasure m = f.other(measure);
        return m == null ? null : m.inputImportance();
    }

    /** One layer's values of a measure ({@link LabCharts#ALL_LAYERS}: all concatenated), empty when absent. */
    public static float[] values(LabEvent.FisherComputed f, String measure, String layer) {
        List<LabEvent.LayerFisher> ls = layers(f, measure);
        if (ls == null) {
            return new float[0];
        }
        int n = 0;
        for (LabEvent.LayerFisher l : ls) {
            if (LabCharts.ALL_LAYERS.equals(layer) || l.name().equals(layer)) {
                n += l.values().length;
            }
        }
        float[] out = new float[n];
        int at = 0;
        for (LabEvent.LayerFisher l : ls) {
            if (LabCharts.ALL_LAYERS.equals(layer) || l.name().equals(layer)) {
                System.arraycopy(l.values(), 0, out, at, l.values().length);
                at += l.values().length;
            }
        }
        return out;
    }

    /** A named layer's values of a measure, or null (for lining a measure up with a drift snapshot). */
    public static float[] layerValues(LabEvent.FisherComputed f, String measure, String layer) {
        List<LabEvent.LayerFisher> ls = layers(f, measure);
        if (ls != null) {
            for (LabEvent.LayerFisher l : ls) {
                if (l.name().equals(layer)) {
                    return l.values();
                }
            }
        }
        return null;
    }

    // ---- histograms of the three measures -----------------------------------------------------------------------

    /**
     * One panel per measure: the histogram of log10(value / the measure's mean) of one layer (or all), on one x range,
     * a marker at 0 (the mean); weights at exactly 0 have no logarithm and are counted in the panel's title. The
     * subtitle gives Spearman's ρ of each pair over the same weights, zeros included (as ties). CSV: the raw values
     * of every weight, one row each: layer, index, fisher, si, mas.
     */
    public static Plot measures(ExperimentLog.Snapshot snap, String layer) {
        LabEvent.FisherComputed f = snap.fisherByTask().get(0);
        Plot.Builder b = Plot.builder().title(Texts.get("chart.measures.title")).legend(Plot.Legend.NONE);
        List<String> ms = available(snap);
        if (ms.size() < 2) {
            return b.subtitle(Texts.get(f == null ? "chart.afterTrainA" : "chart.measures.none"))
                    .x(normalisedAxis()).y(weightsAxis()).build();
        }
        List<float[]> vals = new ArrayList<>();
        for (String m : ms) {
            vals.add(values(f, m, layer));
        }
        int n = vals.get(0).length;
        if (n == 0) {
            return b.subtitle(Texts.fmt("chart.fisher.noLayer", layer)).x(normalisedAxis()).y(weightsAxis()).build();
        }
        List<double[]> logs = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[] v : vals) {
            double mean = mean(v);
            double[] l = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                l[i] = v[i] > 0 && mean > 0 ? Math.log10(v[i] / mean) : Double.NaN;
                if (Double.isFinite(l[i])) {
                    lo = Math.min(lo, l[i]);
                    hi = Math.max(hi, l[i]);
                }
            }
            logs.add(l);
        }
        // a few weights lie tens of decades below the mean and would squeeze every shape into a spike: the axis starts
        // at the lowest measure's 0.5% quantile, and the leftmost bar holds everything below it
        double floor = Double.POSITIVE_INFINITY;
        for (double[] l : logs) {
            double[] finite = java.util.Arrays.stream(l).filter(Double::isFinite).sorted().toArray();
            if (finite.length > 0) {
                floor = Math.min(floor, finite[(int) Math.floor(LOW_QUANTILE * (finite.length - 1))]);
            }
        }
        boolean clipped = floor > lo;
        lo = Math.max(lo, floor);
        if (!(hi > lo)) {
            lo = -1;
            hi = 1;
        }
        lo = Math.floor(lo);
        hi = Math.ceil(hi);
        List<Histogram> hists = new ArrayList<>();
        double top = 1;
        for (double[] l : logs) {
            double[] shown = l.clone();
            for (int i = 0; i < shown.length; i++) {
                if (Double.isFinite(shown[i]) && shown[i] < lo) {
                    shown[i] = lo;
                }
            }
            Histogram h = Histogram.of(shown, BINS, lo, hi);
            hists.add(h);
            for (long c : h.counts()) {
                top = Math.max(top, c);
            }
        }
        for (int k = 0; k < ms.size(); k++) {
            String m = ms.get(k);
            Histogram h = hists.get(k);
            int zeros = 0;
            for (double x : logs.get(k)) {
                if (!Double.isFinite(x)) {
                    zeros++;
                }
            }
            String title = label(m) + (zeros == 0 ? "" : Texts.fmt("chart.measures.zeros", share(zeros, n)));
            // one count axis for all panels: the same weights, so the heights compare
            Plot.Builder p = Plot.builder().title(title).legend(Plot.Legend.NONE)
                    .x(normalisedAxis().withRange(lo, hi)).y(weightsAxis().withRange(0, top * 1.05));
            p.add(Series.bars(label(m), LabCharts.toFloats(h.edges()), LabCharts.toFloats(h.counts()), colour(m)));
            p.marker(Marker.vertical(0, Texts.get("chart.measures.mean")).withColor(colour(m)));
            b.panel(p.build());
        }
        b.subtitle(Texts.fmt("chart.measures.subtitle", LabCharts.layerName(layer), n, rhoText(ms, vals))
                + (clipped ? Texts.fmt("chart.measures.below", Math.round(lo)) : ""));
        b.table(table(f, ms, layer));
        return b.build();
    }

    /** "Fisher–SI 0.62 · Fisher–MAS 0.81 · SI–MAS 0.55": Spearman's ρ of each pair, each sample ranked once. */
    static String rhoText(List<String> ms, List<float[]> vals) {
        List<double[]> ranks = new ArrayList<>();
        for (float[] v : vals) {
            ranks.add(Spearman.ranks(v));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            for (int j = i + 1; j < ms.size(); j++) {
                double rho = Spearman.ofRanks(ranks.get(i), ranks.get(j));
                parts.add(shortLabel(ms.get(i)) + "–" + shortLabel(ms.get(j)) + " "
                        + (Double.isNaN(rho) ? "–" : String.format(Locale.ROOT, "%.2f", rho)));
            }
        }
        return "ρ " + String.join(" · ", parts);
    }

    /** "Fisher", "SI", "MAS" (the same in every language, as the methods' names are). */
    static String shortLabel(String measure) {
        return switch (measure) {
            case ImportanceMeasure.SI -> "SI";
            case ImportanceMeasure.MAS -> "MAS";
            default -> "Fisher";
        };
    }

    /** layer, index, then one column per measure (NaN where a measure lacks the layer). */
    private static Plot.Table table(LabEvent.FisherComputed f, List<String> ms, String layer) {
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (LabEvent.LayerFisher l : f.layers()) {
            if (LabCharts.ALL_LAYERS.equals(layer) || l.name().equals(layer)) {
                names.add(l.name());
                sizes.add(l.values().length);
            }
        }
        int n = sizes.stream().mapToInt(Integer::intValue).sum();
        String[] layerCol = new String[n];
        int[] index = new int[n];
        List<Object> columns = new ArrayList<>(List.of(layerCol, index));
        List<String> header = new ArrayList<>(List.of("layer", "index"));
        int at = 0;
        for (int k = 0; k < names.size(); k++) {
            for (int i = 0; i < sizes.get(k); i++) {
                layerCol[at] = names.get(k);
                index[at++] = i;
            }
        }
        for (String m : ms) {
            float[] col = new float[n];
            at = 0;
            for (int k = 0; k < names.size(); k++) {
                float[] v = layerValues(f, m, names.get(k));
                for (int i = 0; i < sizes.get(k); i++) {
                    col[at++] = v != null && i < v.length ? v[i] : Float.NaN;
                }
            }
            header.add(m);
            columns.add(col);
        }
        return new Plot.Table(header, n, columns);
    }

    // ---- the three pixel maps ------------------------------------------------------------------------------------

    /**
     * The first layer's importance summed per input pixel by each measure, side by side on one colour scale: log10 of
     * each map divided by its own brightest pixel, over {@value #MAP_DECADES} decades (bright = the pixels task A
     * relies on by that measure). The subtitle gives Spearman's ρ between the maps over pixels. CSV: pixel, row,
     * column and the three sums per pixel.
     */
    public static Plot maps(ExperimentLog.Snapshot snap) {
        LabEvent.FisherComputed f = snap.fisherByTask().get(0);
        Plot.Builder b = Plot.builder().title(Texts.get("chart.maps.title")).legend(Plot.Legend.NONE);
        if (f == null || f.inputImportance() == null || f.inputHeight() <= 0) {
            return b.subtitle(Texts.get("chart.importance.empty")).build();
        }
        List<String> ms = new ArrayList<>();
        List<float[]> maps = new ArrayList<>();
        for (String m : available(snap)) {
            float[] v = perInput(f, m);
            if (v != null && v.length == f.inputImportance().length) {
                ms.add(m);
                maps.add(v);
            }
        }
        int w = f.inputWidth();
        int h = f.inputHeight();
        int gap = Math.max(1, w / 14);
        int columns = ms.size() * w + (ms.size() - 1) * gap;
        float[] cells = new float[columns * h];
        java.util.Arrays.fill(cells, Float.NaN);
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            labels.add("");
        }
        for (int k = 0; k < ms.size(); k++) {
            float[] v = maps.get(k);
            double top = 0;
            for (float x : v) {
                top = Math.max(top, x);
            }
            int x0 = k * (w + gap);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    float x = v[r * w + c];
                    cells[r * columns + x0 + c] = top > 0 && x > 0
                            ? (float) Math.max(-MAP_DECADES, Math.log10(x / top)) : (float) -MAP_DECADES;
                }
            }
            labels.set(x0 + w / 2, label(ms.get(k)));
        }
        HeatMap map = new HeatMap(columns, h, FloatColumn.of(cells), ColorMap.VIRIDIS, -MAP_DECADES, 0, labels,
                List.of(), null, Texts.get("chart.maps.scale"), true);
        b.heatMap(map);
        b.subtitle(ms.size() < 2 ? Texts.get("chart.measures.none")
                : Texts.fmt("chart.maps.subtitle", rhoText(ms, maps)));
        int n = w * h;
        int[] pixel = new int[n];
        int[] row = new int[n];
        int[] col = new int[n];
        for (int i = 0; i < n; i++) {
            pixel[i] = i;
            row[i] = i / w;
            col[i] = i % w;
        }
        List<String> header = new ArrayList<>(List.of("pixel", "row", "column"));
        List<Object> data = new ArrayList<>(List.of(pixel, row, col));
        for (int k = 0; k < ms.size(); k++) {
            header.add(ms.get(k));
            data.add(maps.get(k));
        }
        b.table(new Plot.Table(header, n, data));
        return b.build();
    }

    private static Axis normalisedAxis() {
        return Axis.linear(Texts.get("chart.measures.axis"), null).withCsvName("log10_importance_over_mean");
    }

    private static Axis weightsAxis() {
        return Axis.linear(Texts.get("chart.axis.weights"), Texts.get("chart.axis.count"));
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += Math.max(0, x);
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static String share(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / Math.max(1, whole));
    }
}
