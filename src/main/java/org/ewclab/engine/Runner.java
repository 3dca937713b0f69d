package org.ewclab.engine;

import java.util.List;
import java.util.function.Consumer;
import org.ewclab.data.TaskData;
import org.ewclab.engine.ExperimentPreset.MethodSpec;

/** Trains one run (the first task, or a method over the later tasks) on the calling thread. */
final class Runner {
    private final ExperimentPreset preset;
    private final List<TaskData> tasks;
    private final RunControl control;
    private final Consumer<LabEvent> listener;

    Runner(ExperimentPreset preset, List<TaskData> tasks, RunControl control, Consumer<LabEvent> listener) {
        this.preset = preset;
        this.tasks = tasks;
        this.control = control;
        this.listener = listener;
    }

    static String deviceName() {
        return "CPU";
    }

    static String threadSettings() {
        return "intra-op 1, inter-op 1";
    }

    static void checkCompatible(ExperimentPreset preset, List<TaskData> tasks) {
    }

    static void checkCheckpoint(ExperimentPreset preset, List<TaskData> tasks, TaskCheckpoint cp) {
    }

    TaskCheckpoint trainFirstTask(String runId) {
        throw new UnsupportedOperationException("not yet");
    }

    TaskCheckpoint refisher(TaskCheckpoint cp, String runId) {
        throw new UnsupportedOperationException("not yet");
    }

    RunResult runFrom(TaskCheckpoint cp, MethodSpec method, boolean sweep, String runId) {
        throw new UnsupportedOperationException("not yet");
    }
}
