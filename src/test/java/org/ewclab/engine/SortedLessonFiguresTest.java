package org.ewclab.engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.junit.jupiter.api.Test;

/**
 * Not a check but a figure printer for the closing note (off by default; 2 × ~12 s): the full default lesson
 * on the bundled files and on a class-sorted copy, with each live curve's last point. Run:
 * {@code ./mvnw -B -o test -Dtest=SortedLessonFiguresTest -Dewclab.figures=true}.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "ewclab.figures", matches = "true")
class SortedLessonFiguresTest {
    static Dataset sorted(Dataset d) {
        Integer[] idx = new Integer[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Integer.compare(d.label(a), d.label(b)));
        return d.select(Arrays.stream(idx).mapToInt(Integer::intValue).toArray(), d.name());
    }

    static TaskData sorted(TaskData t) {
        return new TaskData(t.name(), sorted(t.train()), sorted(t.test()));
    }

    @Test
    void print() throws Exception {
        ExperimentPreset preset = ExperimentPreset.read(Path.of("examples", "mnist-fashion.json"));
        for (boolean sort : new boolean[] {false, true}) {
            TaskData a = TestData.bundled("mnist");
            TaskData b = TestData.bundled("fashion");
            List<TaskData> tasks = sort ? List.of(sorted(a), sorted(b)) : List.of(a, b);
            double[] lastLive = new double[3];
            try (ExperimentSession s = ExperimentSession.open(preset, tasks)) {
                TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
                double sumLog = 0;
                double sum = 0;
                long n = 0;
                float max = 0;
                for (String name : cp.parameterNames()) {
                    if (name.contains("running")) {
                        continue;
                    }
                    for (float v : cp.fisher(0, name)) {
                        sumLog += Math.log10(v + 1e-12);
                        sum += v;
                        max = Math.max(max, v);
                        n++;
                    }
                }
                StringBuilder sb = new StringBuilder();
                sb.append(String.format(Locale.ROOT, "%s: after A %.3f; Fisher %s mean log10(F+1e-12) %.3f mean F %.3g max F %.3g%n",
                        sort ? "class-sorted copy" : "bundled files", cp.accuracy()[0][0], cp.fisherVariant(),
                        sumLog / n, sum / n, max));
                for (ExperimentPreset.MethodSpec m : preset.methods()) {
                    float[][] last = new float[1][];
                    RunResult r = s.runFrom(cp, m, new RunControl(), e -> {
                        if (e instanceof LabEvent.AccuracyPoint p) {
                            last[0] = p.accuracy();
                        }
                    });
                    sb.append(String.format(Locale.ROOT, "  %-5s λ=%s: MNIST %.3f Fashion %.3f (live curve's last point, %d samples: %.3f / %.3f)%n",
                            m.method(), m.lambdaOrZero(), r.accuracy(1, 0), r.accuracy(1, 1),
                            preset.training().evalSamples(), last[0][0], last[0][1]));
                }
                System.out.print("FIGURES " + sb.toString().replace("\n", "\nFIGURES "));
                System.out.println();
            }
        }
    }
}
