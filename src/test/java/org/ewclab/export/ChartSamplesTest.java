package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes every sample chart to target/chart-samples (PNG light, dark and projector; SVG; CSV) so a person can look at
 * them, and checks each came out.
 */
class ChartSamplesTest {

    @Test
    void writesEverySampleInEveryTheme() throws Exception {
        Path dir = Path.of("target", "chart-samples");
        Files.createDirectories(dir);
        for (Map.Entry<String, Plot> e : SamplePlots.all().entrySet()) {
            String name = e.getKey();
            Plot plot = e.getValue();
            ChartExport.png(plot, 800, 500, 1, Theme.light(), dir.resolve(name + "-light.png"));
            ChartExport.png(plot, 800, 500, 1, Theme.dark(), dir.resolve(name + "-dark.png"));
            ChartExport.png(plot, 1280, 720, 1, Theme.light().withPresentationScale(Theme.PROJECTOR_SCALE),
                    dir.resolve(name + "-projector.png"));
            ChartExport.png(plot, 640, 360, 1, Theme.dark().withPresentationScale(Theme.PROJECTOR_SCALE),
                    dir.resolve(name + "-projector-half-dark.png"));
            ChartExport.svg(plot, 800, 500, Theme.light(), dir.resolve(name + ".svg"));
            ChartExport.csv(plot, dir.resolve(name + ".csv"));
            ExportedFiles.assertPng(dir.resolve(name + "-light.png"), 800, 500, 3);
            ExportedFiles.assertPng(dir.resolve(name + "-dark.png"), 800, 500, 3);
            ExportedFiles.assertPng(dir.resolve(name + "-projector.png"), 1280, 720, 3);
            ExportedFiles.assertPng(dir.resolve(name + "-projector-half-dark.png"), 640, 360, 3);
            ExportedFiles.assertSvg(dir.resolve(name + ".svg"), 800, 500);
            // the CSV holds the plot's data: a header, then one row per point of its longest series (at least one)
            ExportedFiles.assertCsv(dir.resolve(name + ".csv"), 1);
        }
    }
}
