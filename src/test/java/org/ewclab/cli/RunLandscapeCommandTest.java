package org.ewclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run PRESET --charts} writes the landscape, its line slices and the Fisher overlap (issue 9's contract). */
class RunLandscapeCommandTest {
    @TempDir
    Path dir;

    @Test
    void chartsRunWritesTheLandscapeAndOverlapFiles() throws Exception {
        Path preset = dir.resolve("preset.json");
        Files.writeString(preset, RunChartsCommandTest.TOY_SWEEP);
        Path outDir = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Commands.run(new String[] {"run", preset.toString(), "--out", outDir.toString(), "--charts"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, log);
        assertTrue(log.contains("landscape: 41×41 grid × 2 tasks × 100 samples"), log);
        for (String chart : List.of("landscape", "landscape-line", "fisher-overlap")) {
            for (String ext : List.of(".png", "@2x.png", ".svg", ".csv")) {
                assertTrue(Files.size(outDir.resolve(chart + ext)) > 0, chart + ext);
            }
        }
        List<String> grid = Files.readAllLines(outDir.resolve("landscape.csv"));
        assertEquals("u,v,loss_first,loss_second,acc_first,acc_second", grid.get(0));
        assertEquals(1 + 41 * 41, grid.size());
        List<String> paths = Files.readAllLines(outDir.resolve("landscape-paths.csv"));
        assertEquals("series,step,u,v,off_plane", paths.get(0));
        // the two preset runs (plain, EWC) recorded paths; the sweep runs do not
        assertEquals(List.of("ewc", "plain"), paths.subList(1, paths.size()).stream().map(l -> l.split(",")[0])
                .distinct().sorted().toList());
        // θ*A is every path's first point: u = v = 0, on the plane
        String first = paths.get(1);
        assertTrue(first.matches("plain,\\d+,0\\.0+,0\\.0+,0\\.0+"), first);
    }
}
