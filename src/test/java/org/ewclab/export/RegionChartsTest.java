package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.LabEvent;
import org.junit.jupiter.api.Test;

/** The decision-regions chart from hand-made grids: one panel per run, the grid in the CSV cell by cell. */
class RegionChartsTest {
    /** A 3×2 grid over [0, 3] × [0, 2]: class 1 in the right column and the top-middle cell, else class 0. */
    private static final int[] GRID = {0, 0, 1, 0, 1, 1};

    private static LabEvent.DecisionRegions grid(String run, int task, int[] predicted) {
        List<LabEvent.TaskPoints> points = List.of(
                new LabEvent.TaskPoints("moons", new float[] {0.5f, 2.5f}, new float[] {0.5f, 1.5f}, new int[] {0, 1}),
                new LabEvent.TaskPoints("circles", new float[] {1.5f}, new float[] {1.0f}, new int[] {1}));
        return new LabEvent.DecisionRegions(run, task, 10, 0, 3, 0, 2, 3, 2, 2, predicted, points);
    }

    private static ExperimentLog.Snapshot snapshot() {
        ExperimentLog log = new ExperimentLog();
        List<String> tasks = List.of("moons", "circles");
        log.accept(new LabEvent.RunStarted("first", "first-task", 0, "first-task", 0, tasks, 0, 10, "CPU", "1"));
        log.accept(grid("first", 0, GRID));
        log.accept(new LabEvent.RunStarted("run-1", "ewc", 100, "ewc", 1, tasks, 10, 10, "CPU", "1"));
        log.accept(grid("run-1", 1, new int[] {1, 1, 1, 1, 1, 1}));
        return log.snapshot();
    }

    @Test
    void onePanelPerRunWithTheRegionsAndEveryTasksPoints() {
        Plot p = RegionCharts.regions(snapshot());
        assertEquals("Decision regions", p.title());
        assertEquals(List.of("after task A", "EWC λ=100"), p.panels().stream().map(Plot::title)
                .toList());
        Plot first = p.panels().get(0);
        assertEquals(List.of("predicted class 0", "predicted class 1", "task B · class 1", "task A · class 0",
                "task A · class 1"), first.series().stream().map(Series::name).toList());
        // task A's points are dots, task B's rings
        assertFalse(XyPainter.openMarkers((Series.Scatter) first.series().get(3)));
        assertTrue(XyPainter.openMarkers((Series.Scatter) first.series().get(2)));
        // the run that predicts class 1 everywhere has one region only
        assertEquals(1, p.panels().get(1).series().stream().filter(s -> s instanceof Series.Cells).count());
        assertTrue(p.subtitle().endsWith("blue: class 0, orange: class 1"), p.subtitle());
    }

    @Test
    void theCsvHoldsTheGridCellByCell() throws Exception {
        StringWriter w = new StringWriter();
        ChartExport.csv(RegionCharts.regions(snapshot()), w);
        List<String> lines = w.toString().lines().toList();
        assertEquals("panel,series,kind,x1,x2,x1_end,x2_end,predicted,label", lines.get(0));
        List<String> class1 = lines.stream().filter(l -> l.startsWith("after task A,predicted class 1,cells,"))
                .toList();
        assertEquals(6, class1.size(), "every cell of the 3×2 grid");
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 3; col++) {
                String[] f = class1.get(row * 3 + col).split(",");
                assertEquals(col, Double.parseDouble(f[3]), 1e-9);
                assertEquals(row, Double.parseDouble(f[4]), 1e-9);
                assertEquals(col + 1, Double.parseDouble(f[5]), 1e-9);
                assertEquals(row + 1, Double.parseDouble(f[6]), 1e-9);
                assertEquals(GRID[row * 3 + col], Double.parseDouble(f[7]), 0, "row " + row + " column " + col);
            }
        }
        assertTrue(lines.contains("after task A,task B · class 1,scatter,1.5,1.0,,,,"), String.join("\n", lines));
    }

    @Test
    void beforeTrainASaysWhenItAppears() {
        Plot p = RegionCharts.regions(new ExperimentLog().snapshot());
        assertFalse(p.hasPanels());
        assertTrue(p.subtitle().contains("appears after Train A"), p.subtitle());
        assertFalse(RegionCharts.has(new ExperimentLog().snapshot()));
        assertTrue(RegionCharts.has(snapshot()));
    }

    @Test
    void theSvgDrawsBothPanels() {
        Plot p = RegionCharts.regions(snapshot());
        String svg = ChartExport.svgString(p, 800, 500, Theme.light());
        assertTrue(svg.contains("series-cells") && svg.contains("Decision regions"), "the SVG draws the cells");
        assertTrue(svg.contains("after task A") && svg.contains("EWC λ=100"), "both panels");
    }
}
