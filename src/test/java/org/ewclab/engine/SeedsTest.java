package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeds list of a preset, mean ± standard error over seeds, and the plan a sweep is sharded by. */
class SeedsTest {
    private static final String BASE = "{\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, "
            + "{\"name\": \"b\", \"dataset\": \"fashion\"}], \"methods\": [{\"method\": \"plain\"}, "
            + "{\"method\": \"ewc\", \"lambda\": 1e5}]";

    private static String error(String json) {
        return assertThrows(PresetException.class, () -> ExperimentPreset.parse(json)).getMessage();
    }

    @Test
    void meanAndStandardErrorAgainstHandComputedValues() {
        // 0.9, 0.8, 1.0: mean 0.9; deviations 0, −0.1, 0.1; s² = 0.02 / 2 = 0.01; se = 0.1 / √3
        MeanSe a = MeanSe.of(0.9, 0.8, 1.0);
        assertEquals(0.9, a.mean(), 1e-12);
        assertEquals(0.1 / Math.sqrt(3), a.se(), 1e-12);
        assertEquals(3, a.n());
        // 1, 2, 3, 4: mean 2.5; s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3; se = √(5/3) / 2
        MeanSe b = MeanSe.of(1, 2, 3, 4);
        assertEquals(2.5, b.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3) / 2, b.se(), 1e-12);
        // a diverged seed (NaN) counts in nothing
        MeanSe c = MeanSe.of(0.2, Double.NaN, 0.4);
        assertEquals(0.3, c.mean(), 1e-12);
        assertEquals(0.1, c.se(), 1e-12);
        assertEquals(2, c.n());
        assertTrue(Double.isNaN(MeanSe.of(0.7).se()), "one seed: no spread");
        assertEquals(0.7, MeanSe.of(0.7).mean());
        assertTrue(Double.isNaN(MeanSe.of(Double.NaN).mean()));
    }

    private static RunResult run(String method, double lambda, long seed, double[][] acc, boolean diverged) {
        return new RunResult("r", method, lambda, lambda, "empirical/per-sample", acc, AccuracyMatrix.average(acc),
                AccuracyMatrix.forgetting(acc), AccuracyMatrix.bwt(acc), 1, diverged, false, null, false, seed);
    }

    @Test
    void summaryGroupsByMethodAndLambdaAndLeavesDivergedSeedsOut() {
        List<RunResult> runs = List.of(
                run("ewc", 100, 0, new double[][] {{0.9, 0.1}, {0.8, 0.7}}, false),
                run("plain", 0, 0, new double[][] {{0.9, 0.1}, {0.3, 0.9}}, false),
                run("ewc", 100, 1, new double[][] {{0.95, 0.1}, {0.9, 0.6}}, false),
                run("plain", 0, 1, new double[][] {{0.95, 0.1}, {0.2, 0.8}}, false),
                run("ewc", 100, 2, new double[][] {{0.92, 0.1}, {Double.NaN, Double.NaN}}, true));
        List<SeedSummary> s = SeedSummary.of(runs);
        assertEquals(2, s.size());
        SeedSummary ewc = s.get(0);
        assertEquals("ewc", ewc.method());
        assertEquals(List.of(0L, 1L, 2L), ewc.seeds());
        assertEquals(3, ewc.runs());
        assertEquals(1, ewc.diverged());
        // after B on A: 0.8 and 0.9 (the diverged seed has none): mean 0.85, se |0.8 − 0.9| / 2
        assertEquals(0.85, ewc.accuracy()[1][0].mean(), 1e-12);
        assertEquals(0.05, ewc.accuracy()[1][0].se(), 1e-12);
        // after A on A: all three seeds (the diverged one diverged later): mean 0.9233…
        assertEquals((0.9 + 0.95 + 0.92) / 3, ewc.accuracy()[0][0].mean(), 1e-12);
        // forgetting per seed 0.1 and 0.05 → mean 0.075, se 0.025; the diverged seed has none
        assertEquals(0.075, ewc.forgetting().mean(), 1e-12);
        assertEquals(0.025, ewc.forgetting().se(), 1e-12);
        assertEquals(2, ewc.forgetting().n());
        SeedSummary plain = s.get(1);
        assertEquals(0.25, plain.accuracy()[1][0].mean(), 1e-12);
        assertEquals(0.05, plain.accuracy()[1][0].se(), 1e-12);
        // average accuracy: 0.6 and 0.5
        assertEquals(0.55, plain.averageAccuracy().mean(), 1e-12);
    }

    @Test
    void presetSeedsParseWriteBackAndAreChecked() {
        ExperimentPreset p = ExperimentPreset.parse(BASE + ", \"seeds\": [4, 0, 7]}");
        assertEquals(List.of(4L, 0L, 7L), p.seeds());
        assertEquals(List.of(4L, 0L, 7L), p.seedList());
        assertEquals(4L, p.seed(), "without a seed, the first of the seeds");
        assertTrue(p.multiSeed());
        assertEquals(p, ExperimentPreset.parse(p.toJson()));
        assertTrue(p.toJson().contains("\"seeds\": [\n    4,\n    0,\n    7\n  ]"), p.toJson());
        ExperimentPreset one = ExperimentPreset.parse(BASE + ", \"seed\": 9}");
        assertEquals(List.of(9L), one.seedList());
        assertEquals(null, one.seeds());
        assertTrue(!one.toJson().contains("seeds"));
        assertEquals(p.seeds(), p.withSeed(5).seeds(), "a copy keeps its seeds");
        assertEquals(p.seeds(), p.withMethods(List.of(ExperimentPreset.MethodSpec.of("plain", 0))).seeds());

        assertEquals("seeds: needs at least one seed, e.g. [0, 1, 2, 3, 4] (or leave it out and give \"seed\")",
                error(BASE + ", \"seeds\": []}"));
        assertEquals("seeds[2]: 1 is already seeds[0]; seeds must differ (a repeated seed repeats the same run)",
                error(BASE + ", \"seeds\": [1, 2, 1]}"));
        assertEquals("seeds[1]: must be a whole number, got 0.5", error(BASE + ", \"seeds\": [1, 0.5]}"));
        assertEquals("seeds: must be a list [...], got 3", error(BASE + ", \"seeds\": 3}"));
        assertEquals("seeds[0]: must be a number, got \"a\"", error(BASE + ", \"seeds\": [\"a\"]}"));
    }

    @Test
    void thePlanListsSeedsThenMethodsThenTheSweepAndShardsCutItIntoContiguousBlocks() {
        ExperimentPreset p = ExperimentPreset.parse(BASE + ", \"seeds\": [5, 6], \"sweep\": {\"methods\": [\"l2\"],"
                + " \"lambdaMin\": 1, \"lambdaMax\": 100, \"points\": 3}}");
        List<ExperimentPlan.Unit> plan = ExperimentPlan.units(p);
        assertEquals(10, plan.size(), "(2 methods + 3 sweep points) × 2 seeds");
        assertEquals(new ExperimentPlan.Unit(0, 5, ExperimentPreset.MethodSpec.of("plain", 0), false), plan.get(0));
        assertEquals(new ExperimentPlan.Unit(3, 5, ExperimentPreset.MethodSpec.of("l2", 10), true), plan.get(3));
        assertEquals(6L, plan.get(5).seed());
        // 10 runs in 3 shards: [0, 3), [3, 6), [6, 10)
        assertEquals(List.of(0, 1, 2), indices(ExperimentPlan.Shard.parse("1/3").of(plan)));
        assertEquals(List.of(3, 4, 5), indices(ExperimentPlan.Shard.parse("2/3").of(plan)));
        assertEquals(List.of(6, 7, 8, 9), indices(ExperimentPlan.Shard.parse("3/3").of(plan)));
        assertEquals(List.of(), indices(ExperimentPlan.Shard.parse("1/20").of(plan)), "more shards than runs");
        assertEquals("--shard 0/2: need 1 ≤ i ≤ n",
                assertThrows(IllegalArgumentException.class, () -> ExperimentPlan.Shard.parse("0/2")).getMessage());
        assertEquals("--shard 2: expected i/n, e.g. 1/4",
                assertThrows(IllegalArgumentException.class, () -> ExperimentPlan.Shard.parse("2")).getMessage());
    }

    private static List<Integer> indices(List<ExperimentPlan.Unit> units) {
        return units.stream().map(ExperimentPlan.Unit::index).toList();
    }
}
