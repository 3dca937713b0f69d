package org.ewclab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.FisherSpec;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;

/**
 * Performance figures to watch (not pass/fail): training steps per second per method, Fisher samples per second per
 * gradient estimator, evaluation samples per second — each the median of several repeats after a warm-up.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** One figure: its name, the median, its unit, and every repeat's value. */
    public record Figure(String name, double median, String unit, double[] repeats) {
    }

    /**
     * Measures on the preset's model and optimizer with {@code tasks} (two tasks: A and B). Training speed is taken
     * between the first and last step events of each run, so set-up and evaluation are not counted.
     */
    public static List<Figure> run(ExperimentPreset preset, List<TaskData> tasks, int repeats, int fisherSamples,
            Consumer<String> log) {
        TrainingSpec t = preset.training();
        ExperimentPreset p = preset.withTraining(new TrainingSpec(1, t.batchSize(), 0, t.evalSamples(),
                t.batchNormStats(), t.threads())).validated();
        List<Figure> out = new ArrayList<>();
        try (ExperimentSession s = ExperimentSession.open(p, tasks)) {
            log.accept("warm-up: first task, 1 epoch");
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), e -> { });
            for (MethodSpec m : List.of(MethodSpec.of("plain", 0), MethodSpec.of("l2", 1), MethodSpec.of("ewc", 1e5))) {
                log.accept("training with " + m.method() + ", " + (repeats + 1) + " runs of one epoch");
                double[] rates = new double[repeats];
                for (int r = -1; r < repeats; r++) {
                    long[] first = {0};
                    long[] last = {0};
                    long[] steps = {0};
                    s.runFrom(cp, m, new RunControl(), e -> {
                        if (e instanceof LabEvent.StepMetrics) {
                            long now = System.nanoTime();
                            if (steps[0]++ == 0) {
                                first[0] = now;
                            }
                            last[0] = now;
                        }
                    });
                    if (r >= 0) {
                        rates[r] = (steps[0] - 1) / ((last[0] - first[0]) / 1e9);
                    }
                }
                out.add(figure("training steps/s, " + m.method() + " (batch " + t.batchSize() + ")", rates,
                        "steps/s"));
            }
            for (String gradients : FisherSpec.GRADIENTS) {
                int n = "per-sample".equals(gradients) ? fisherSamples : 0;
                FisherSpec f = new FisherSpec("empirical", gradients, n, preset.fisher().batchSize(), 100.0, 1.0);
                log.accept("Fisher " + gradients + ", " + (repeats + 1) + " times");
                double[] rates = new double[repeats];
                for (int r = -1; r < repeats; r++) {
                    LabEvent.FisherComputed[] done = new LabEvent.FisherComputed[1];
                    s.withFisher(cp, f, e -> {
                        if (e instanceof LabEvent.FisherComputed fc) {
                            done[0] = fc;
                        }
                    });
                    if (r >= 0) {
                        rates[r] = done[0].samples() / done[0].seconds();
                    }
                }
                out.add(figure("Fisher samples/s, " + f.labels() + "/" + gradients + (n > 0 ? " (" + n
                        + " samples)" : " (batch " + f.batchSize() + ")"), rates, "samples/s"));
            }
            log.accept("evaluation, " + (repeats + 1) + " times");
            double[] rates = new Runner(p, Runner.arrays(tasks), new RunControl(), null).evaluationRates(cp,
                    repeats + 1);
            out.add(figure("evaluation samples/s (test set, chunks of 1000)", Arrays.copyOfRange(rates, 1,
                    rates.length), "samples/s"));
        }
        return out;
    }

    private static Figure figure(String name, double[] values, String unit) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Figure(name, median, unit, values.clone());
    }

    /** "name: median unit (repeats a, b, c)". */
    public static String describe(Figure f) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-52s %10.0f %s", f.name(),
                f.median(), f.unit()));
        sb.append("   (repeats");
        for (double v : f.repeats()) {
            sb.append(String.format(java.util.Locale.ROOT, " %.0f", v));
        }
        return sb.append(')').toString();
    }
}
