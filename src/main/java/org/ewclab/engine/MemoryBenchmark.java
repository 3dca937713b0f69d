package org.ewclab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.TrainingSpec;

/**
 * {@code bench --memory}: native memory over a long EWC run of the default lesson's network — task B for about
 * {@code steps} steps, sampling at intervals the live NDArrays of the engine's manager tree, the process's resident
 * set (VmRSS, Linux) and the JVM heap in use. Flat means: the live arrays the same at every sample, and the resident
 * set settling after the first samples (allocator caches warm up) rather than growing with the steps.
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {
    }

    /** One sample: the step of task B, live NDArrays, resident set and heap in MiB (NaN where not known). */
    public record Sample(long step, int liveArrays, double rssMiB, double heapMiB) {
    }

    public record Result(int steps, List<Sample> samples, int liveAfter, int liveBefore) {

        public List<String> describe() {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "native memory over %d steps of task B with EWC:", steps));
            out.add("     step  live NDArrays   RSS MiB  heap MiB");
            for (Sample s : samples) {
                out.add(String.format(Locale.ROOT, "  %7d  %12d  %8.1f  %8.1f", s.step(), s.liveArrays(), s.rssMiB(),
                        s.heapMiB()));
            }
            if (samples.size() >= 3) {
                Sample second = samples.get(1);
                Sample last = samples.get(samples.size() - 1);
                boolean flat = samples.stream().allMatch(s -> s.liveArrays() == samples.get(0).liveArrays());
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (Sample x : samples.subList(1, samples.size())) {
                    lo = Math.min(lo, x.rssMiB());
                    hi = Math.max(hi, x.rssMiB());
                }
                out.add(String.format(Locale.ROOT, "  live NDArrays %s (%d at every sample); RSS from step %d to %d"
                        + " between %.1f and %.1f MiB (last − first %+.1f MiB; it includes the JVM heap, which"
                        + " the collector grows and shrinks); after the run %d live arrays (%d before it)",
                        flat ? "flat" : "NOT flat", samples.get(0).liveArrays(), second.step(), last.step(), lo, hi,
                        last.rssMiB() - second.rssMiB(), liveAfter, liveBefore));
            }
            return out;
        }
    }

    /**
     * Trains task A of {@code preset} for one epoch, then task B with EWC for about {@code steps} steps (whole epochs),
     * sampling every {@code every} steps.
     */
    public static Result run(ExperimentPreset preset, List<TaskData> tasks, int steps, int every,
            Consumer<String> log) {
        TrainingSpec t = preset.training();
        int perEpoch = (int) Math.ceil(tasks.get(1).train().size() / (double) t.batchSize());
        int epochs = Math.max(1, (int) Math.ceil(steps / (double) perEpoch));
        ExperimentPreset p = preset.withTraining(new TrainingSpec(epochs, t.batchSize(), 500, t.evalSamples(),
                t.batchNormStats(), t.threads())).validated();
        List<Sample> samples = new ArrayList<>();
        int before;
        int after;
        TaskCheckpoint cp;
        try (ExperimentSession a = ExperimentSession.open(preset.withTraining(new TrainingSpec(1, t.batchSize(), 0,
                t.evalSamples(), t.batchNormStats(), t.threads())), tasks)) {
            log.accept("task A (1 epoch), then task B with EWC λ=1e5 for " + epochs + " epochs");
            cp = a.trainFirstTask(new RunControl(), e -> { });
        }
        try (ExperimentSession s = ExperimentSession.open(p, tasks)) {
            // the checkpoint does not depend on the epochs: the long session forks from the short one's task A
            before = Runner.liveArrays();
            s.runFrom(cp, MethodSpec.of(ExperimentPreset.EWC, 1e5), new RunControl(), e -> {
                if (e instanceof LabEvent.StepMetrics sm && (sm.step() - cp.step()) % every == 0) {
                    Runtime rt = Runtime.getRuntime();
                    Sample x = new Sample(sm.step() - cp.step(), Runner.liveArrays(), rssMiB(),
                            (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                    samples.add(x);
                    log.accept(String.format(Locale.ROOT, "step %d: %d live arrays, RSS %.1f MiB", x.step(),
                            x.liveArrays(), x.rssMiB()));
                }
            });
            after = Runner.liveArrays();
        }
        return new Result(epochs * perEpoch, samples, after, before);
    }

    /** The resident set of this process (Linux /proc), or NaN. */
    static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
