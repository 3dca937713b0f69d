package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

    /** A minimal RFC 4180 reader: enough to prove the file parses the way a spreadsheet would. */
    static List<List<String>> read(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\n') {
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                f.append(c);
            }
        }
        return rows;
    }

    @Test
    void readsBackToTheSameFloatsAtFullResolution(@TempDir Path dir) throws Exception {
        int n = 50_000;
        float[] x = new float[n];
        float[] y = new float[n];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.1f;
            y[i] = (float) r.nextGaussian() * 1e-7f + (i == 3 ? Float.NaN : 0);
        }
        y[5] = Float.MIN_VALUE;
        y[6] = -Float.MAX_VALUE;
        Plot plot = Plot.builder().add(Series.line("EWC, λ=1e3", x, y, MethodColors.EWC).withVisible(false))
                .build();
        Path file = dir.resolve("curve.csv");
        ChartExport.csv(plot, file);

        List<List<String>> rows = read(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of("series", "kind", "x", "y", "x_end", "label"), rows.get(0));
        assertEquals(n + 1, rows.size(), "every point, hidden series included, none thinned");
        for (int i = 0; i < n; i++) {
            List<String> row = rows.get(i + 1);
            assertEquals("EWC, λ=1e3", row.get(0));
            assertEquals("line", row.get(1));
            assertEquals(Float.floatToIntBits(x[i]), Float.floatToIntBits(Float.parseFloat(row.get(2))));
            assertEquals(Float.floatToIntBits(y[i]), Float.floatToIntBits(Float.parseFloat(row.get(3))));
        }
    }

    @Test
    void writesBinsLabelsAndMarkers() throws Exception {
        Plot plot = Plot.builder()
                .add(Series.bars("log10 F", new float[] {-8, -7.5f, -7}, new float[] {12, 30}, "#17becf"))
                .add(Series.scatter("sweep", new float[] {0.9f}, new float[] {0.4f}, List.of("λ=1e3, \"big\""),
                        MethodColors.EWC))
                .verticalMarker(1000, "task B starts").horizontalMarker(0.1, "chance").build();
        StringWriter w = new StringWriter();
        ChartExport.csv(plot, w);
        List<List<String>> rows = read(w.toString());
        assertEquals(List.of("log10 F", "bars", "-8.0", "12.0", "-7.5", ""), rows.get(1));
        assertEquals(List.of("log10 F", "bars", "-7.5", "30.0", "-7.0", ""), rows.get(2));
        assertEquals(List.of("sweep", "scatter", "0.9", "0.4", "", "λ=1e3, \"big\""), rows.get(3));
        assertEquals(List.of("task B starts", "x-marker", "1000.0", "", "", ""), rows.get(4));
        assertEquals(List.of("chance", "y-marker", "", "0.1", "", ""), rows.get(5));
    }

    @Test
    void heatMapsAreAMatrix() throws Exception {
        StringWriter w = new StringWriter();
        ChartExport.csv(SamplePlots.accuracyMatrix(), w);
        List<List<String>> rows = read(w.toString());
        assertEquals(List.of("after training", "task A (digits)", "task B (clothes)"), rows.get(0));
        assertEquals(List.of("task A", "0.97", "0.09"), rows.get(1));
        assertEquals(List.of("task B", "0.35", "0.84"), rows.get(2));

        StringWriter w2 = new StringWriter();
        ChartExport.csv(SamplePlots.importanceMap(), w2);
        List<List<String>> image = read(w2.toString());
        assertEquals(29, image.size());
        assertEquals(29, image.get(0).size());
        assertTrue(image.get(0).get(28).equals("27"));
    }
}
