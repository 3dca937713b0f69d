package org.ewclab.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ewclab.data.TaskData;

/**
 * Runs a preset over its seeds, or a part of its {@link ExperimentPlan} (a shard): per seed, task A is trained from
 * that seed (deterministically, so every shard that meets a seed forks from the same θ*A) and that seed's runs fork
 * from it. Each seed's runs use the seed for everything random — the network's initial weights, the batch order, the
 * Fisher's and the curves' samples — while the tasks' data stay the same for every seed.
 */
public final class SeededExperiment {
    private SeededExperiment() {
    }

    /**
     * What running some of the plan produced.
     *
     * @param units the plan index of each of {@code result.runs()}, in the same order
     */
    public record Outcome(ExperimentResult result, List<Integer> units) {
        public Outcome {
            units = List.copyOf(units);
        }
    }

    /** Every run of the preset, every seed: what {@code run PRESET} writes. */
    public static Outcome runAll(ExperimentPreset preset, List<TaskData> tasks, RunControl control,
            Function<Long, Consumer<LabEvent>> listeners) {
        return run(preset, tasks, ExperimentPlan.units(preset), control, listeners);
    }

    /**
     * The given runs of the plan, grouped by seed (task A once per seed that has a run here). Stops early, with the
     * runs done so far, when the control stops. {@code listeners} gives the listener for one seed's events (asked
     * once per seed, before its task A).
     */
    public static Outcome run(ExperimentPreset preset, List<TaskData> tasks, List<ExperimentPlan.Unit> units,
            RunControl control, Function<Long, Consumer<LabEvent>> listeners) {
        return run(preset, tasks, units, control, listeners, null);
    }

    /**
     * The same, calling {@code afterSeed} with each seed's session and task-A checkpoint once that seed's runs are
     * done and before its session closes (the loss landscape evaluates the network there); null for none.
     */
    public static Outcome run(ExperimentPreset preset, List<TaskData> tasks, List<ExperimentPlan.Unit> units,
            RunControl control, Function<Long, Consumer<LabEvent>> listeners,
            java.util.function.BiConsumer<ExperimentSession, TaskCheckpoint> afterSeed) {
        ExperimentPreset p = preset.validated();
        Map<Long, List<ExperimentPlan.Unit>> bySeed = new LinkedHashMap<>();
        for (ExperimentPlan.Unit u : units) {
            bySeed.computeIfAbsent(u.seed(), k -> new ArrayList<>()).add(u);
        }
        long start = System.nanoTime();
        double firstSeconds = 0;
        List<RunResult> runs = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        String device = ExperimentSession.device();
        String threads = ExperimentSession.threads();
        for (Map.Entry<Long, List<ExperimentPlan.Unit>> e : bySeed.entrySet()) {
            if (control.isStopped()) {
                break;
            }
            Consumer<LabEvent> listener = listeners.apply(e.getKey());
            try (ExperimentSession session = ExperimentSession.open(p.withSeed(e.getKey()), tasks)) {
                long t0 = System.nanoTime();
                TaskCheckpoint cp = session.trainFirstTask(control, listener);
                firstSeconds += (System.nanoTime() - t0) / 1e9;
                for (ExperimentPlan.Unit u : e.getValue()) {
                    if (control.isStopped()) {
                        break;
                    }
                    runs.add(session.runFrom(cp, u.method(), u.sweep(), u.point(), control, listener));
                    done.add(u.index());
                }
                if (afterSeed != null) {
                    afterSeed.accept(session, cp);
                }
            }
        }
        List<ExperimentResult.TaskInfo> infos = new ArrayList<>();
        for (TaskData t : tasks) {
            infos.add(new ExperimentResult.TaskInfo(t.name(), t.train().size(), t.test().size()));
        }
        ExperimentResult result = new ExperimentResult(p.name(), p.seedList().get(0), infos, runs,
                p.fisher().variant(), device, threads, firstSeconds, (System.nanoTime() - start) / 1e9,
                p.seedList());
        return new Outcome(result, done);
    }
}
