package org.ewclab.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ewclab.data.TaskLoader;

/**
 * Times the landscape grid on the default lesson (not a test: {@code java -cp ... org.ewclab.engine.LandscapeGridBench
 * [repeats]}): trains task A, runs plain and EWC, then evaluates the 41×41 grid × 2 tasks × 1,000 samples on 1 and 2
 * torch threads.
 */
public final class LandscapeGridBench {
    private LandscapeGridBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path file = Path.of("examples/mnist-fashion.json");
        ExperimentPreset preset = ExperimentPreset.read(file);
        try (ExperimentSession s = ExperimentSession.open(preset, spec -> {
                    try {
                        return TaskLoader.load(spec, file.toAbsolutePath().getParent());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })) {
            TaskCheckpoint cp = s.trainFirstTask(new RunControl(), null);
            List<Trajectory> paths = new ArrayList<>();
            for (String m : new String[] {"plain", "ewc"}) {
                s.runFrom(cp, ExperimentPreset.MethodSpec.of(m, "ewc".equals(m) ? 1e5 : 0), new RunControl(), e -> {
                    if (e instanceof LabEvent.TrajectoryRecorded t) {
                        paths.add(t.trajectory());
                    }
                });
            }
            Trajectory t = paths.get(0);
            System.out.printf(Locale.ROOT, "trajectory: %d snapshots every %d steps, %d parameters, %.1f MB%n",
                    t.size(), t.stride(), t.parameterCount(), t.bytes() / 1e6);
            LandscapeEvaluator ev = LandscapeEvaluator.of(s, cp);
            double[] us = new double[41];
            for (int i = 0; i < 41; i++) {
                us[i] = -0.2 + 1.4 * i / 40;
            }
            for (int threads : new int[] {1, 2}) {
                for (int r = 0; r < repeats; r++) {
                    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    LandscapeEvaluator.Grid g = ev.evaluate(paths.get(0).end(), paths.get(1).end(), us, us,
                            new int[] {0, 1}, 1000, threads, null, null);
                    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    System.out.printf(Locale.ROOT, "grid 41x41 x 2 tasks x %d samples, %d thread(s): %.2f s wall,"
                            + " %.2f s CPU of the calling thread; load average %.1f%n", g.samples(), threads,
                            g.seconds(), cpu, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage());
                }
            }
        }
    }
}
