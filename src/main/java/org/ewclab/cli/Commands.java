package org.ewclab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.ewclab.data.DatasetFormatException;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskLoader;
import org.ewclab.data.TaskSpec;
import org.ewclab.data.TaskSpecException;

/** The headless commands: {@code inspect}, {@code run}, {@code bench}. */
public final class Commands {
    private Commands() {
    }

    /** Runs one command and returns its exit code: 0 success, 2 bad input or usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args[0];
        switch (command) {
            case "inspect":
                return InspectCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            case "run":
                return RunCommand.run(args, out, err, Commands::taskLoader);
            case "bench":
                return BenchCommand.run(args, out, err);
            case "help":
            case "--help":
            case "-h":
                out.println(usage());
                return 0;
            default:
                err.println("ewc-lab: unknown command '" + command + "'");
                err.println(usage());
                return 2;
        }
    }

    /**
     * Loads a preset's tasks relative to its folder. A bad file or task description becomes an
     * IllegalArgumentException whose one-line message names the task, the file or field, and the problem.
     */
    static Function<TaskSpec, TaskData> taskLoader(Path presetDir) {
        return spec -> {
            try {
                return TaskLoader.load(spec, presetDir);
            } catch (DatasetFormatException e) {
                throw new IllegalArgumentException("task " + spec.name() + ": " + e.getMessage(), e);
            } catch (TaskSpecException e) {
                throw new IllegalArgumentException("task " + spec.name() + ": " + e.getMessage(), e);
            }
        };
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar ewc-lab.jar                         open the lab window",
                "       java -jar ewc-lab.jar inspect FILE...         describe dataset files (IDX, CSV, image folder)",
                "       java -jar ewc-lab.jar run PRESET.json [--out DIR] [--charts]",
                "                                                     run an experiment headless; --charts also",
                "                                                     writes every chart and report.html",
                "       java -jar ewc-lab.jar bench                   print performance figures");
    }
}
