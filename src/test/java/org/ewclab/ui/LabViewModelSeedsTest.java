package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.RunResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compare all over several seeds in the view model (inline executors): what it runs, and what replaces it. */
class LabViewModelSeedsTest {
    private static final Executor INLINE = Runnable::run;

    @TempDir
    Path dir;
    private LabViewModel vm;

    @BeforeEach
    void open() {
        vm = new LabViewModel(INLINE, INLINE);
        vm.open(ExperimentPreset.parse(LabViewModelTest.TINY.replace("\"epochs\": 2", "\"epochs\": 1")), dir).join();
        vm.trainA().join();
    }

    @Test
    void twoSeedsRunEachMethodPerSeedAndAOneSeedRunPutsThemAsideNotAway() {
        vm.seedsProperty().set(2);
        vm.compareAll().join();
        LabViewModel.SeededPicture pic = vm.seededComparison();
        assertNotNull(pic);
        assertEquals(List.of(3L, 4L), pic.seeds());
        assertEquals(List.of("plain", "ewc", "plain", "ewc"), pic.runs().stream().map(RunResult::method).toList());
        assertEquals(List.of(3L, 3L, 4L, 4L), pic.runs().stream().map(RunResult::seed).toList());
        assertEquals(2, pic.perSeed().size(), "one log per seed");
        // the lesson seed's task A retrained inside the seeded run is the window's task A (same seed, same data)
        assertEquals(vm.session().firstTaskCheckpoint().orElseThrow().accuracy()[0][0],
                pic.runs().get(0).accuracy()[0][0], 0.0);
        LabViewModel.ExportJob job = vm.exportJob(List.of());
        assertTrue(job.result().multiSeed());
        assertTrue(job.plots().get("accuracy").series().stream()
                .anyMatch(s -> s instanceof org.ewclab.export.Series.Line l && l.hasBand()));

        vm.trainB().join(); // one seed: it replaces the picture over seeds, which goes to the earlier comparisons
        assertNull(vm.seededComparison());
        assertEquals(1, vm.results().size());
        assertEquals(1, vm.earlierComparisons().size());
        assertEquals(4, vm.earlierComparisons().get(0).runs().size(), "every seed's runs are kept aside");
        assertTrue(!vm.exportJob(List.of()).result().multiSeed(), "the export is the one-seed picture now");
    }
}
