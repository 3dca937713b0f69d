package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExportAllTest {
    @TempDir
    Path dir;

    private static final String PRESET = """
            {"name": "toy", "title": "Blobs <then> blobs & \\"more\\"", "description": "a toy lesson",
             "tasks": [{"name": "a", "toy": "blobs", "samples": 300, "testSamples": 100},
                       {"name": "b", "toy": "blobs", "samples": 300, "testSamples": 100, "toySeed": 5}],
             "model": {"type": "mlp", "hidden": [16]},
             "methods": [{"method": "plain"}, {"method": "ewc", "lambda": 100000}]}
            """;

    private static ExperimentResult result(List<RunResult> runs) {
        return new ExperimentResult("toy", 0, List.of(new ExperimentResult.TaskInfo("mnist", 300, 100),
                new ExperimentResult.TaskInfo("fashion", 300, 100)), runs, "argmax/batch", "CPU",
                "intra-op 1, inter-op 1", 1.0, 5.0);
    }

    private static Map<String, Plot> charts(List<RunResult> runs) {
        Map<String, Plot> charts = new LinkedHashMap<>();
        charts.put("lines", Plot.builder().title("Two lines").legend(Plot.Legend.NONE)
                .add(Series.line("EWC", new float[] {0, 1, 2}, new float[] {0.1f, 0.5f, 0.25f}, MethodColors.EWC))
                .add(Series.line("hidden", new float[] {0, 1}, new float[] {1, 2}, MethodColors.PLAIN)
                        .withVisible(false))
                .add(Series.line("plain, with \"quotes\"", new float[] {0, 1.5f, 3}, new float[] {0.3f, 1e-7f,
                        Float.NaN}, MethodColors.PLAIN)).build());
        charts.put("stability-plasticity", LabCharts.stabilityPlasticity(runs, SweepChartsTest.TASKS));
        charts.put("accuracy-matrix-ewc", LabCharts.accuracyMatrix(runs.get(1), SweepChartsTest.TASKS));
        return charts;
    }

    @Test
    void writesEveryChartInEveryFormatWithResultsPresetAndReport() throws Exception {
        List<RunResult> runs = SweepChartsTest.sweep();
        ExperimentPreset preset = ExperimentPreset.parse(PRESET);
        List<Path> written = ExportAll.write(dir, charts(runs), result(runs), preset, Theme.light());
        List<String> names = new ArrayList<>();
        for (String chart : List.of("lines", "stability-plasticity", "accuracy-matrix-ewc")) {
            for (String ext : List.of(".png", "@2x.png", ".svg", ".csv")) {
                names.add(chart + ext);
            }
        }
        names.addAll(List.of("results.json", "preset.json", "report.html"));
        assertEquals(names, written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : written) {
            ExportedFiles.assertWellFormed(p, ExportAll.WIDTH, ExportAll.HEIGHT);
        }
        // results.json is the engine's, with every run
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("results.json"))).getAsJsonObject();
        assertEquals(runs.size(), json.getAsJsonArray("runs").size());
        assertEquals(result(runs).toJson(), Files.readString(dir.resolve("results.json")));
        // preset.json loads back to the same preset, byte for byte
        assertEquals(preset.toJson(), ExperimentPreset.read(dir.resolve("preset.json")).toJson());
    }

    @Test
    void pngAt2xHasTwiceThePixelsEachWay() throws Exception {
        List<RunResult> runs = SweepChartsTest.sweep();
        ExportAll.write(dir, charts(runs), result(runs), null, Theme.dark());
        BufferedImage one = ImageIO.read(dir.resolve("stability-plasticity.png").toFile());
        BufferedImage two = ImageIO.read(dir.resolve("stability-plasticity@2x.png").toFile());
        assertEquals(ExportAll.WIDTH, one.getWidth());
        assertEquals(ExportAll.HEIGHT, one.getHeight());
        assertEquals(2 * ExportAll.WIDTH, two.getWidth());
        assertEquals(2 * ExportAll.HEIGHT, two.getHeight());
        assertFalse(Files.exists(dir.resolve("preset.json")), "no preset, no preset.json");
    }

    @Test
    void svgParsesAsXmlWithOnePathPerVisibleLineSeriesAndALegend() throws Exception {
        List<RunResult> runs = SweepChartsTest.sweep();
        ExportAll.write(dir, charts(runs), result(runs), null, Theme.light());
        Document svg = parse(dir.resolve("lines.svg"));
        List<Element> groups = seriesGroups(svg);
        assertEquals(List.of("EWC", "plain, with \"quotes\""), groups.stream()
                .map(g -> g.getAttribute("data-name")).toList(), "hidden series are not drawn");
        for (Element g : groups) {
            assertEquals(1, g.getElementsByTagName("path").getLength(), g.getAttribute("data-name"));
        }
        String paths = pathColours(groups);
        assertEquals(List.of(MethodColors.EWC, MethodColors.PLAIN), List.of(paths.split(" ")));
        assertTrue(text(svg).contains("Two lines"), "title");
        assertTrue(text(svg).contains("EWC"), "the window has no legend here, the file does");

        Document sp = parse(dir.resolve("stability-plasticity.svg"));
        assertEquals(List.of("Plain", "L2", "EWC"), seriesGroups(sp).stream().map(g -> g.getAttribute("data-name"))
                .toList());
        assertTrue(text(sp).contains("λ=1e7"), "point labels are text");
    }

    @Test
    void csvReadsBackToTheSameSeries() throws Exception {
        List<RunResult> runs = SweepChartsTest.sweep();
        Map<String, Plot> charts = charts(runs);
        ExportAll.write(dir, charts, result(runs), null, Theme.light());
        List<String[]> rows = readCsv(dir.resolve("lines.csv"));
        assertEquals(List.of("series", "kind", "x", "y", "x_end", "label"), List.of(rows.get(0)));
        Plot lines = charts.get("lines");
        int r = 1;
        for (Series s : lines.series()) {
            Series.Line l = (Series.Line) s;
            for (int i = 0; i < l.size(); i++, r++) {
                assertEquals(s.name(), rows.get(r)[0]);
                assertEquals(l.x().get(i), Float.parseFloat(rows.get(r)[2]));
                assertEquals(l.y().get(i), Float.parseFloat(rows.get(r)[3]), "row " + r);
            }
        }
        assertEquals(rows.size(), r);

        List<String[]> sp = readCsv(dir.resolve("stability-plasticity.csv"));
        Series.Scatter ewc = (Series.Scatter) charts.get("stability-plasticity").series().get(2);
        List<String[]> ewcRows = sp.stream().filter(row -> row[0].equals("EWC")).toList();
        assertEquals(ewc.size(), ewcRows.size());
        for (int i = 0; i < ewc.size(); i++) {
            assertEquals(ewc.x().get(i), Float.parseFloat(ewcRows.get(i)[2]));
            assertEquals(ewc.y().get(i), Float.parseFloat(ewcRows.get(i)[3]));
            assertEquals(ewc.labels().get(i), ewcRows.get(i)[5]);
        }
    }

    @Test
    void reportIsOnePageWithSettingsMetricsAndChartsThatExist() throws Exception {
        List<RunResult> runs = SweepChartsTest.sweep();
        ExperimentPreset preset = ExperimentPreset.parse(PRESET);
        ExportAll.write(dir, charts(runs), result(runs), preset, Theme.light());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing outside the folder");
        assertTrue(html.contains("Blobs &lt;then&gt; blobs &amp; &quot;more&quot;"), "text is escaped");
        Document doc = parse(dir.resolve("report.html"));

        Element metrics = byId(doc, "table", "metrics-table");
        NodeList bodyRows = ((Element) metrics.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        assertEquals(runs.size(), bodyRows.getLength(), "one row per run");
        List<String> header = new ArrayList<>();
        NodeList ths = metrics.getElementsByTagName("th");
        for (int i = 0; i < ths.getLength(); i++) {
            header.add(ths.item(i).getTextContent());
        }
        assertEquals(List.of("run", "method", "λ", "mnist", "fashion", "average", "forgetting", "BWT", "seconds",
                "diverged", "note"), header);
        String ewcRow = bodyRows.item(1).getTextContent();
        assertTrue(ewcRow.contains("EWC") && ewcRow.contains("1e5") && ewcRow.contains("90.0%")
                && ewcRow.contains("80.0%") && ewcRow.contains("-7.0%"), ewcRow);

        Element settings = byId(doc, "table", "settings-table");
        assertTrue(settings.getTextContent().contains("model.hidden[16]"), settings.getTextContent());
        assertTrue(settings.getTextContent().contains("methods[2]method: ewc, lambda: 100000"),
                settings.getTextContent());

        NodeList imgs = doc.getElementsByTagName("img");
        assertEquals(3, imgs.getLength());
        for (int i = 0; i < imgs.getLength(); i++) {
            String src = ((Element) imgs.item(i)).getAttribute("src");
            assertTrue(Files.isRegularFile(dir.resolve(src)), src);
        }
        NodeList links = doc.getElementsByTagName("a");
        for (int i = 0; i < links.getLength(); i++) {
            String href = ((Element) links.item(i)).getAttribute("href");
            assertTrue(Files.isRegularFile(dir.resolve(href)), href);
        }
    }

    @Test
    void aChartNameThatIsNotAFileNameIsRefused() {
        List<RunResult> runs = SweepChartsTest.sweep();
        Map<String, Plot> charts = Map.of("../evil", charts(runs).get("lines"));
        assertThrows(IllegalArgumentException.class, () -> ExportAll.write(dir, charts, result(runs), null,
                Theme.light()));
    }

    // ---- helpers ----

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The SVG's {@code <g class="series …">} groups, in drawing order: one per drawn series. */
    static List<Element> seriesGroups(Document svg) {
        List<Element> out = new ArrayList<>();
        NodeList gs = svg.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (List.of(g.getAttribute("class").split(" ")).contains("series")) {
                out.add(g);
            }
        }
        return out;
    }

    private static String pathColours(List<Element> groups) {
        StringBuilder sb = new StringBuilder();
        for (Element g : groups) {
            Element p = (Element) g.getElementsByTagName("path").item(0);
            sb.append(sb.length() == 0 ? "" : " ").append(p.getAttribute("stroke"));
        }
        return sb.toString();
    }

    private static String text(Document d) {
        StringBuilder sb = new StringBuilder();
        NodeList ts = d.getElementsByTagName("text");
        for (int i = 0; i < ts.getLength(); i++) {
            sb.append(ts.item(i).getTextContent()).append('\n');
        }
        return sb.toString();
    }

    private static Element byId(Document d, String tag, String id) {
        NodeList n = d.getElementsByTagName(tag);
        for (int i = 0; i < n.getLength(); i++) {
            if (id.equals(((Element) n.item(i)).getAttribute("id"))) {
                return (Element) n.item(i);
            }
        }
        throw new AssertionError("no <" + tag + " id=" + id + ">");
    }

    /** RFC 4180 reader: enough for what ChartExport writes (quoted fields, doubled quotes). */
    static List<String[]> readCsv(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(ExportedFiles.fields(line).toArray(new String[0]));
            }
        }
        return rows;
    }
}
