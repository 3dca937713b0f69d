package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.ModelSpec;
import org.ewclab.engine.LabEvent.ImportanceMeasure;
import org.junit.jupiter.api.Test;

/**
 * Task A publishes, beside its Fisher, SI's Ω and MAS's importance of the same parameters as plain floats: SI's
 * exactly max(ω, 0)/(Δ² + ξ) of the path integral the checkpoint keeps, MAS's exactly what an MAS run computes; and
 * MAS's per-sample |∂‖f(x)‖²/∂θ| agrees with central finite differences through a hidden layer with BatchNorm.
 */
class PublishedImportanceTest {

    @Test
    void masMatchesFiniteDifferencesThroughAHiddenLayerWithBatchNorm() {
        ModelSpec spec = new ModelSpec("mlp", List.of(3), "tanh", true, false, 32);
        TaskArrays data = TinyModel.data();
        int[] rows = {0, 1, 2, 3};
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new Network(m, spec, 2, 1, 2, new int[] {3}, 5, null);
            // BatchNorm in eval mode with other than identity statistics and affine parameters, so its probe is tested
            NamedTensors.Builder sb = new NamedTensors.Builder();
            NamedTensors init = net.export();
            for (String name : init.names()) {
                float[] v = init.get(name).clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] += switch (name) {
                        case "bn1.running_mean" -> 0.1f * (i + 1);
                        case "bn1.running_var" -> 0.5f * i;
                        case "bn1.weight" -> -0.3f * i;
                        case "bn1.bias" -> 0.2f * (i - 1);
                        default -> 0f;
                    };
                }
                sb.put(name, init.shape(name), v);
            }
            NamedTensors state = sb.build();
            Network at = new Network(m, spec, 2, 1, 2, new int[] {3}, 5, state);
            List<String> names = at.activeParameters(0);
            assertTrue(names.contains("bn1.weight") && names.contains("fc2.weight"), names.toString());
            NamedTensors mas = Importance.mas(at, data, rows, 0, names, m);
            double h = 1e-2;
            for (String name : names) {
                float[] got = mas.get(name);
                for (int i = 0; i < got.length; i++) {
                    double[] plus = normsWith(m, spec, state, name, i, +h);
                    double[] minus = normsWith(m, spec, state, name, i, -h);
                    double expected = 0;
                    for (int s = 0; s < rows.length; s++) {
                        expected += Math.abs((plus[s] - minus[s]) / (2 * h)) / rows.length;
                    }
                    assertEquals(expected, got[i], 2e-3 * Math.max(1, Math.abs(expected)), name + "[" + i + "]");
                }
            }
        }
    }

    /** ‖f(x_s)‖² per tiny sample, eval mode, with one parameter entry moved by {@code by}. */
    private static double[] normsWith(NDManager m, ModelSpec spec, NamedTensors state, String name, int i,
            double by) {
        NamedTensors.Builder b = new NamedTensors.Builder();
        for (String n : state.names()) {
            float[] v = state.get(n).clone();
            if (n.equals(name)) {
                v[i] += (float) by;
            }
            b.put(n, state.shape(n), v);
        }
        try (NDManager sub = m.newSubManager()) {
            Network net = new Network(sub, spec, 2, 1, 2, new int[] {3}, 5, b.build());
            float[] x = new float[TinyModel.X.length * 2];
            for (int s = 0; s < TinyModel.X.length; s++) {
                System.arraycopy(TinyModel.X[s], 0, x, 2 * s, 2);
            }
            NDArray out = net.forward(Tensors.upload(sub, x, new Shape(TinyModel.X.length, 2)), 0, false);
            float[] f = out.toFloatArray();
            double[] norms = new double[TinyModel.X.length];
            for (int s = 0; s < norms.length; s++) {
                for (int c = 0; c < 3; c++) {
                    norms[s] += (double) f[s * 3 + c] * f[s * 3 + c];
                }
            }
            return norms;
        }
    }

    @Test
    void taskAPublishesSiAndMasOfTheSameParametersAsTheMethodsUseThem() {
        double xi = 0.2;
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("si", 10, MethodKnobs.NONE.withXi(xi)),
                MethodSpec.of("mas", 10));
        List<TaskData> tasks = Synthetic.tasks();
        List<LabEvent.FisherComputed> events = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> {
                if (e instanceof LabEvent.FisherComputed f) {
                    events.add(f);
                }
            });
            assertEquals(1, events.size());
            LabEvent.FisherComputed f = events.get(0);
            ImportanceMeasure si = f.other(ImportanceMeasure.SI);
            ImportanceMeasure mas = f.other(ImportanceMeasure.MAS);
            assertNotNull(si);
            assertNotNull(mas);
            List<String> names = f.layers().stream().map(LabEvent.LayerFisher::name).toList();
            assertEquals(names, si.layers().stream().map(LabEvent.LayerFisher::name).toList());
            assertEquals(names, mas.layers().stream().map(LabEvent.LayerFisher::name).toList());

            // SI: Ω = max(ω, 0) / (Δ² + ξ) of the path integral kept with the checkpoint, ξ the lesson's SI run's
            NamedTensors state = cp.optimizer();
            int clipped = 0;
            for (LabEvent.LayerFisher l : si.layers()) {
                float[] omega = state.get(Runner.SI_OMEGA + l.name());
                float[] delta = state.get(Runner.SI_DELTA + l.name());
                assertEquals(omega.length, l.values().length, l.name());
                for (int i = 0; i < omega.length; i++) {
                    double expected = Math.max(omega[i], 0) / ((double) delta[i] * delta[i] + xi);
                    assertEquals(expected, l.values()[i], 1e-6 * Math.max(1, expected), l.name() + "[" + i + "]");
                    clipped += omega[i] < 0 ? 1 : 0;
                }
            }
            // summed per input like the Fisher's map: input j of the first layer = Σ over its units
            LabEvent.LayerFisher first = si.layers().get(0);
            assertEquals("fc1.weight", first.name());
            int inputs = first.shape()[1];
            for (int j : new int[] {0, inputs - 1}) {
                double sum = 0;
                for (int u = 0; u < first.shape()[0]; u++) {
                    sum += first.values()[u * inputs + j];
                }
                assertEquals(sum, si.inputImportance()[j], 1e-5 * Math.max(1, sum));
            }

            // MAS: the very importance an MAS run from this checkpoint penalises (its network, the Fisher's samples)
            try (NDManager m = NDManager.newBaseManager()) {
                TaskArrays a = TaskArrays.of(tasks.get(0));
                Network net = new Network(m, preset.model(), a.features(), a.height(), a.width(),
                        new int[] {a.classes(), a.classes()}, preset.seed(), cp.model());
                NamedTensors expected = Importance.mas(net, a, Runner.fisherRows(a, 0, preset.fisher().samples(),
                        preset.seed()), 0, names, m);
                for (LabEvent.LayerFisher l : mas.layers()) {
                    assertArrayEquals(expected.get(l.name()), l.values(), 1e-6f, l.name());
                }
            }
            System.out.printf("published importances: Fisher %.3f s, MAS %.3f s (%d samples), SI Ω clipped %d%n",
                    f.seconds(), mas.seconds(), f.samples(), clipped);

            // re-estimating the Fisher keeps the other measures (the same path integral, the same network)
            List<LabEvent.FisherComputed> again = new ArrayList<>();
            s.withFisher(cp, new FisherSpec("argmax", "batch", 200, 20, null, null), e -> {
                if (e instanceof LabEvent.FisherComputed fc) {
                    again.add(fc);
                }
            });
            assertEquals(1, again.size());
            for (String measure : List.of(ImportanceMeasure.SI, ImportanceMeasure.MAS)) {
                ImportanceMeasure before = f.other(measure);
                ImportanceMeasure after = again.get(0).other(measure);
                assertNotNull(after, measure);
                for (int k = 0; k < before.layers().size(); k++) {
                    assertArrayEquals(before.layers().get(k).values(), after.layers().get(k).values(), 1e-6f,
                            measure);
                }
            }
            // a checkpoint read back from a file: SI from the path integral it keeps at once, MAS at its network
            LabEvent.FisherComputed loaded = s.fisherEvent(cp, "first");
            assertNotNull(loaded.other(ImportanceMeasure.SI));
            assertArrayEquals(si.layers().get(0).values(), loaded.other(ImportanceMeasure.SI).layers().get(0).values(),
                    0f);
            LabEvent.FisherComputed all = s.importanceEvent(cp, "first");
            for (int k = 0; k < mas.layers().size(); k++) {
                assertArrayEquals(mas.layers().get(k).values(), all.other(ImportanceMeasure.MAS).layers().get(k)
                        .values(), 1e-6f);
            }
            assertArrayEquals(mas.inputImportance(), all.other(ImportanceMeasure.MAS).inputImportance(), 1e-6f);
        }
    }
}
