package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.junit.jupiter.api.Test;

/** The divergence diagnosis fits the optimizer, and a diverged run reports no accuracy. */
class DivergenceTest {

    private static NamedTensors tensors(float[] w, float[] b) {
        NamedTensors.Builder nb = new NamedTensors.Builder().put("w", new int[] {w.length}, w);
        if (b != null) {
            nb.put("b", new int[] {b.length}, b);
        }
        return nb.build();
    }

    @Test
    void theStiffestDirectionIsTheLargestSummedFisherNotTheLargestSingleOne() {
        NamedTensors f1 = tensors(new float[] {4, 3, 0}, new float[] {1});
        NamedTensors f2 = tensors(new float[] {0, 3, 5}, null);
        List<NamedTensors> fs = List.of(f1, f2);
        // EWC: per weight 4+0, 3+3, 0+5, and b 1 → 6 (the single largest F is 5)
        assertEquals(6, Divergence.maxSummedFisher("ewc", fs, fs, 1.0), 1e-9);
        // online EWC merges γ·F1 + F2 = 2, 4.5, 5 (γ = 0.5) → 5
        assertEquals(5, Divergence.maxSummedFisher("online-ewc", fs, fs, 0.5), 1e-9);
        // γ = 1 sums like EWC
        assertEquals(6, Divergence.maxSummedFisher("online-ewc", fs, fs, 1.0), 1e-9);
        // L2 (F ≡ 1): w is in both terms → 2
        assertEquals(2, Divergence.maxSummedFisher("l2", List.of(NamedTensors.empty(), NamedTensors.empty()), fs,
                1.0), 1e-9);
        assertEquals(1, Divergence.maxSummedFisher("l2", List.of(NamedTensors.empty()), List.of(f1), 1.0), 1e-9);
        assertEquals(0, Divergence.maxSummedFisher("plain", fs, fs, 1.0), 1e-9);
    }

    @Test
    void sgdIsJudgedByItsStabilityBoundTwoOrTwoTimesOnePlusMomentum() {
        OptimizerSpec sgd = new OptimizerSpec("sgd", 0.1, 0.0, false);
        // lr·λ·maxΣF = 0.1·100·1 = 10 ≥ 2; stable below lr = 2/(100·1) = 0.02
        String m = Divergence.message("ewc", sgd, 100, 1, 7, Double.NaN, 5);
        assertEquals("EWC diverged at step 7: the loss became NaN; lr·λ·max ΣF = 10, above 2 (SGD is stable only"
                + " below 2): each step overshoots θ* further than the last; lower λ below 20 or the learning rate"
                + " below 0.02",
                m);
        // far above: 0.1·1e4·1 = 1000 > 10·2
        assertTrue(Divergence.message("ewc", sgd, 1e4, 1, 7, 1, 2e6).contains("= 1000, far above 2"));
        // momentum 0.9: bound 2·1.9 = 3.8; 0.1·30·1 = 3 is below it, so the penalty is not the cause
        OptimizerSpec heavy = new OptimizerSpec("sgd", 0.1, 0.9, false);
        String below = Divergence.message("ewc", heavy, 30, 1, 3, 2e4, 1);
        assertEquals("EWC diverged at step 3: the cross-entropy exploded to 20000 (lr·λ·max ΣF = 3, below SGD's bound"
                + " of 3.8, so the penalty is not the cause); lower the learning rate", below);
        String above = Divergence.message("ewc", heavy, 50, 1, 3, 1, 2e6);
        assertTrue(above.contains("lr·λ·max ΣF = 5, above 3.8 (SGD with momentum 0.9 is stable only below 2(1+μ) = 3.8)"),
                above);
        // L2 with two earlier tasks: curvature λ·2
        assertTrue(Divergence.message("l2", sgd, 50, 2, 3, 1, 2e6).contains("lr·λ·2 = 10"));
        assertTrue(Divergence.message("l2", sgd, 50, 1, 3, 1, 2e6).contains("lr·λ = 5,"));
    }

    @Test
    void underAdamTheMessageTalksAboutThePenaltysCurvatureNotAStepSizeBound() {
        OptimizerSpec adam = new OptimizerSpec("adam", 0.001, null, false);
        // λ·maxΣF = 1e9; one step of lr costs ½·1e9·1e-6 = 500
        String m = Divergence.message("ewc", adam, 1e9, 1, 12, 0.5, 3e6);
        assertTrue(m.startsWith("EWC diverged at step 12: the penalty exploded to 3.0e+06. Under Adam each weight"
                + " moves about lr = 0.001 per step"), m);
        assertTrue(m.contains("λ·max ΣF = 1.0e+09 is the penalty's curvature"), m);
        assertTrue(m.contains("(λ/2)·max ΣF·lr² = 500"), m);
        assertTrue(m.endsWith("lower λ (a smaller learning rate only shrinks the oscillation)"), m);
        assertFalse(m.contains("lr·λ"), "no SGD bound under Adam: " + m);
        // a soft penalty under Adam: the cross-entropy is to blame
        String ce = Divergence.message("online-ewc", adam, 10, 0.5, 4, Double.POSITIVE_INFINITY, 0.1);
        assertEquals("Online EWC diverged at step 4: the loss became infinite (Adam, lr = 0.001; the penalty is not"
                + " the cause: λ·max ΣF = 5); lower the learning rate", ce);
        assertEquals("Training diverged at step 2: the loss became NaN; lower the learning rate (0.001)",
                Divergence.message("plain", adam, 0, 0, 2, Double.NaN, 0));
    }

    @Test
    void aDivergedRunReportsNoAccuracyAfterItDiverged() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 1e6), MethodSpec.of("plain", 0))
                .withOptimizer(new OptimizerSpec("sgd", 0.1, 0.0, false));
        List<LabEvent> events = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            ExperimentResult r = s.runExperiment(new RunControl(), events::add);
            RunResult ewc = r.runs().get(0);
            assertTrue(ewc.diverged());
            assertEquals(2, ewc.rows());
            assertTrue(Double.isFinite(ewc.accuracy(0, 0)), "row 0 was measured before");
            assertTrue(Double.isNaN(ewc.accuracy(1, 0)) && Double.isNaN(ewc.accuracy(1, 1)), "no accuracy after");
            assertTrue(Double.isNaN(ewc.forgetting()) && Double.isNaN(ewc.bwt())
                    && Double.isNaN(ewc.averageAccuracy()));
            JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
            JsonObject run = json.getAsJsonArray("runs").get(0).getAsJsonObject();
            JsonArray row1 = run.getAsJsonArray("accuracy").get(1).getAsJsonArray();
            assertTrue(row1.get(0).isJsonNull() && row1.get(1).isJsonNull(), r.toJson());
            assertTrue(run.get("forgetting").isJsonNull());
            assertTrue(run.get("diverged").getAsBoolean());
            assertFalse(json.getAsJsonArray("runs").get(1).getAsJsonObject().getAsJsonArray("accuracy").get(1)
                    .getAsJsonArray().get(1).isJsonNull(), "the plain run has its figures");
            // the run's last published row is NaN, and no live accuracy point follows the divergence
            String id = ewc.runId();
            int diverged = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) instanceof LabEvent.RunDiverged d && d.runId().equals(id)) {
                    diverged = i;
                }
            }
            assertTrue(diverged > 0);
            for (LabEvent e : events.subList(diverged, events.size())) {
                assertFalse(e instanceof LabEvent.AccuracyPoint a && a.runId().equals(id), "a point after: " + e);
                if (e instanceof LabEvent.TaskFinished t && t.runId().equals(id)) {
                    assertTrue(Double.isNaN(t.accuracyRow()[0]) && Double.isNaN(t.accuracyRow()[1]));
                }
            }
        }
    }

    @Test
    void anAdamRunWithAnEnormousPenaltyIsToldItIsThePenaltyUnderAdam() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("ewc", 1e13));
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            RunResult r = s.runFrom(cp, MethodSpec.of("ewc", 1e13), new RunControl(), e -> { });
            assertTrue(r.diverged(), "λ = 1e13 must explode the penalty");
            assertTrue(r.message().contains("Under Adam each weight moves about lr = 0.01 per step"), r.message());
            double summed = FisherEstimator.max(TestAccess.fisher(cp, 0));
            assertTrue(r.message().contains("λ·max ΣF = " + Num.short2(1e13 * summed)), r.message());
        }
    }
}
