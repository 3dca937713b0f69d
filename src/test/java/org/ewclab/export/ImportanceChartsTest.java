package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.LabEvent.ImportanceMeasure;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fisher / SI / MAS comparison on a hand-made task A: its CSVs hold the three measures of the same weights and
 * pixels, its subtitles Spearman's ρ as worked by hand, its panels the measures' method colours.
 */
class ImportanceChartsTest {
    // fc1.weight 2 units × 2 inputs (a 1×2 "image"), then fc1.bias
    private static final float[] F_W = {4, 1, 0, 2};
    private static final float[] F_B = {3, 5};
    private static final float[] SI_W = {8, 2, 0, 4}; // twice the Fisher: the same order
    private static final float[] SI_B = {6, 10};
    private static final float[] MAS_W = {1, 4, 4, 3}; // a tie
    private static final float[] MAS_B = {2, 0};

    @TempDir
    Path dir;

    @AfterEach
    void english() {
        Texts.setLocale(Locale.ENGLISH);
    }

    private static List<LabEvent.LayerFisher> layers(float[] w, float[] b) {
        return List.of(new LabEvent.LayerFisher("fc1.weight", new int[] {2, 2}, 0, 0, 0, new double[0], w),
                new LabEvent.LayerFisher("fc1.bias", new int[] {2}, 0, 0, 0, new double[0], b));
    }

    /** Σ over units per input, as the engine sums the first layer. */
    private static float[] perInput(float[] w) {
        return new float[] {w[0] + w[2], w[1] + w[3]};
    }

    static ExperimentLog.Snapshot snapshot() {
        ExperimentLog log = new ExperimentLog();
        log.accept(new LabEvent.FisherComputed("first", 0, "empirical/per-sample", layers(F_W, F_B), perInput(F_W),
                1, 2, 6, 0.1, List.of(
                        new ImportanceMeasure(ImportanceMeasure.SI, layers(SI_W, SI_B), perInput(SI_W), 0),
                        new ImportanceMeasure(ImportanceMeasure.MAS, layers(MAS_W, MAS_B), perInput(MAS_W), 0.02))));
        return log.snapshot();
    }

    private static List<String> csv(Plot p) throws Exception {
        StringWriter w = new StringWriter();
        ChartExport.csv(p, w);
        return w.toString().lines().toList();
    }

    @Test
    void histogramsComparePerWeightWithSpearmanWorkedByHand() throws Exception {
        Texts.setLocale(Locale.ENGLISH);
        ExperimentLog.Snapshot snap = snapshot();
        assertEquals(List.of("fisher", "si", "mas"), ImportanceCharts.available(snap));
        Plot p = ImportanceCharts.measures(snap, LabCharts.ALL_LAYERS);
        // ranks over the 6 weights: Fisher (4,1,0,2,3,5) → 5,2,1,3,4,6; MAS (1,4,4,3,2,0) → 2,5.5,5.5,4,3,1:
        // Σdxdy = −17, Σdx² = 17.5, Σdy² = 17 → ρ = −17/√297.5; SI has the Fisher's order → ρ = 1
        String rho = String.format(Locale.ROOT, "%.2f", -17 / Math.sqrt(297.5));
        assertEquals("-0.99", rho);
        assertTrue(p.subtitle().contains("Fisher–SI 1.00 · Fisher–MAS " + rho + " · SI–MAS " + rho), p.subtitle());
        assertTrue(p.subtitle().contains("each measure ÷ its mean"), p.subtitle());
        assertEquals(3, p.panels().size());
        List<String> colours = List.of(MethodColors.EWC, MethodColors.SI, MethodColors.MAS);
        for (int k = 0; k < 3; k++) {
            Plot panel = p.panels().get(k);
            Series.Bars bars = (Series.Bars) panel.series().get(0);
            assertEquals(colours.get(k), bars.style().color());
            long counted = 0;
            for (int i = 0; i < bars.size(); i++) {
                counted += (long) bars.counts().get(i);
            }
            assertEquals(5, counted, panel.title() + ": every weight but the zero one");
            assertTrue(panel.title().contains("16.7% at 0"), panel.title());
            assertEquals(0.0, panel.markers().get(0).value(), 0, "the mean is at log10 1 = 0");
        }
        // log10(F/mean): F = 5 is log10(5/2.5) = 0.301 above the mean, in the bin that holds it
        Series.Bars fisher = (Series.Bars) p.panels().get(0).series().get(0);
        int bin = 0;
        while (fisher.edges().get(bin + 1) < Math.log10(2)) {
            bin++;
        }
        assertTrue(fisher.counts().get(bin) >= 1);

        List<String> rows = csv(p);
        assertEquals("layer,index,fisher,si,mas", rows.get(0));
        assertEquals(List.of("fc1.weight,0,4.0,8.0,1.0", "fc1.weight,1,1.0,2.0,4.0", "fc1.weight,2,0.0,0.0,4.0",
                "fc1.weight,3,2.0,4.0,3.0", "fc1.bias,0,3.0,6.0,2.0", "fc1.bias,1,5.0,10.0,0.0"), rows.subList(1, 7));
        assertEquals(7, rows.size());
        // one layer: its weights only, ρ over them
        List<String> bias = csv(ImportanceCharts.measures(snap, "fc1.bias"));
        assertEquals(List.of("layer,index,fisher,si,mas", "fc1.bias,0,3.0,6.0,2.0", "fc1.bias,1,5.0,10.0,0.0"), bias);
    }

    @Test
    void mapsStandSideBySideOnEachMapsOwnScale() throws Exception {
        Texts.setLocale(Locale.ENGLISH);
        Plot p = ImportanceCharts.maps(snapshot());
        HeatMap h = p.heatMap();
        assertEquals(1, h.rows());
        int gap = 1;
        assertEquals(3 * 2 + 2 * gap, h.columns());
        // Fisher per pixel (4, 3): log10 of each over the brightest, 0 and log10 0.75; a grey gap; SI (8, 6) the same
        assertEquals(0.0, h.value(0, 0), 1e-6);
        assertEquals(Math.log10(0.75), h.value(0, 1), 1e-6);
        assertTrue(Float.isNaN(h.value(0, 2)));
        assertEquals(Math.log10(0.75), h.value(0, 4), 1e-6);
        assertEquals(Math.log10(5 / 7.0), h.value(0, 6), 1e-6); // MAS (5, 7)
        assertEquals(List.of("Fisher F", "SI Ω", "MAS Ω"), h.columnLabels().stream().filter(s -> !s.isEmpty())
                .toList());
        // over 2 pixels: Fisher and SI agree (ρ 1), MAS has them the other way round (ρ −1)
        assertTrue(p.subtitle().contains("Fisher–SI 1.00 · Fisher–MAS -1.00 · SI–MAS -1.00"), p.subtitle());
        assertEquals(List.of("pixel,row,column,fisher,si,mas", "0,0,0,4.0,8.0,5.0", "1,0,1,3.0,6.0,7.0"), csv(p));
    }

    @Test
    void theStandardSetAndExportAllIncludeTheComparisonInBothLanguages() throws Exception {
        for (Locale l : List.of(Locale.ENGLISH, Texts.ZH_CN)) {
            Texts.setLocale(l);
            Map<String, Plot> set = LabCharts.standardSet(snapshot(), List.of(), List.of("a", "b"), 0);
            assertTrue(set.containsKey(ImportanceCharts.MEASURES_KEY) && set.containsKey(ImportanceCharts.MAPS_KEY),
                    set.keySet().toString());
            for (Plot p : List.of(set.get(ImportanceCharts.MEASURES_KEY), set.get(ImportanceCharts.MAPS_KEY))) {
                assertFalse(p.title().contains("[") || p.subtitle().contains("[chart"), p.title() + p.subtitle());
            }
        }
        Texts.setLocale(Locale.ENGLISH);
        Map<String, Plot> set = LabCharts.standardSet(snapshot(), List.of(), List.of("a", "b"), 0);
        for (String key : List.of(ImportanceCharts.MEASURES_KEY, ImportanceCharts.MAPS_KEY)) {
            Plot p = ExportAll.standalone(set.get(key));
            ChartExport.png(p, ExportAll.WIDTH, ExportAll.HEIGHT, 1, Theme.light(), dir.resolve(key + ".png"));
            ChartExport.svg(p, ExportAll.WIDTH, ExportAll.HEIGHT, Theme.light(), dir.resolve(key + ".svg"));
            ExportedFiles.assertPng(dir.resolve(key + ".png"), ExportAll.WIDTH, ExportAll.HEIGHT, 8);
            assertTrue(Files.readString(dir.resolve(key + ".svg")).contains("<svg"));
        }
        // every measure's colour is drawn in the histograms
        var img = javax.imageio.ImageIO.read(dir.resolve(ImportanceCharts.MEASURES_KEY + ".png").toFile());
        for (String c : List.of(MethodColors.EWC, MethodColors.SI, MethodColors.MAS)) {
            assertTrue(ExportedFiles.pixelsNear(img, c) > 20, c);
        }
        // a lesson whose task A has only its Fisher (e.g. an older checkpoint) gets no comparison
        ExperimentLog only = new ExperimentLog();
        only.accept(new LabEvent.FisherComputed("first", 0, "v", layers(F_W, F_B), perInput(F_W), 1, 2, 6, 0.1));
        assertFalse(LabCharts.standardSet(only.snapshot(), List.of(), List.of("a", "b"), 0)
                .containsKey(ImportanceCharts.MEASURES_KEY));
    }

    @Test
    void singleMeasureViewsNameTheirMeasure() {
        Texts.setLocale(Locale.ENGLISH);
        ExperimentLog.Snapshot snap = snapshot();
        Plot hist = LabCharts.importanceHistogram(snap, ImportanceMeasure.MAS, LabCharts.ALL_LAYERS, 0);
        assertEquals("log10 MAS Ω", hist.x().title());
        assertTrue(hist.subtitle().contains("6 weights") && hist.subtitle().contains("1 at 0"), hist.subtitle());
        Plot map = LabCharts.importance(snap, ImportanceMeasure.SI, List.of());
        assertTrue(map.title().contains("SI Ω"), map.title());
        // SI per pixel (8, 6) on the map's log scale
        assertEquals(Math.log10(8), map.heatMap().value(0, 0), 1e-5);
        assertEquals(Math.log10(6), map.heatMap().value(0, 1), 1e-5);
    }
}
