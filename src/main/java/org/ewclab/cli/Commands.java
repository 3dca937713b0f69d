package org.ewclab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.ewclab.data.DatasetFormatException;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskLoader;
import org.ewclab.data.TaskSpec;
import org.ewclab.data.TaskSpecException;
import org.ewclab.i18n.Texts;

/** The headless commands: {@code inspect}, {@code run}, {@code merge}, {@code bench}. */
public final class Commands {
    private Commands() {
    }

    /** Runs one command and returns its exit code: 0 success, 2 bad input or usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        args = applyLanguage(args, err);
        if (args == null) {
            return 2;
        }
        if (args.length == 0) {
            err.println(usage());
            return 2;
        }
        String command = args[0];
        switch (command) {
            case "inspect":
                return InspectCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            case "run":
                return RunCommand.run(args, out, err, Commands::taskLoader);
            case "bench":
                return BenchCommand.run(args, out, err);
            case "merge":
                return MergeCommand.run(args, out, err);
            case "help":
            case "--help":
            case "-h":
                out.println(usage());
                return 0;
            default:
                err.println("ewc-lab: " + Texts.fmt("cli.unknownCommand", command));
                err.println(usage());
                return 2;
        }
    }

    /**
     * Takes {@code --lang en|zh-CN} (anywhere on the line) out of the arguments and switches the texts a user reads
     * to it; without it they follow the system locale. Returns the other arguments, or null after a one-line error.
     */
    public static String[] applyLanguage(String[] args, PrintStream err) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang") || args[i].startsWith("--lang=")) {
                String tag = args[i].startsWith("--lang=") ? args[i].substring(7) : i + 1 < args.length ? args[++i]
                        : "";
                try {
                    Texts.setLocale(Texts.parse(tag));
                } catch (IllegalArgumentException e) {
                    err.println("ewc-lab: --lang: " + e.getMessage());
                    return null;
                }
            } else {
                rest.add(args[i]);
            }
        }
        return rest.toArray(new String[0]);
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
                throw new IllegalArgumentException(Texts.fmt("task.named", spec.name(), e.getMessage()), e);
            } catch (TaskSpecException e) {
                throw new IllegalArgumentException(Texts.fmt("task.named", spec.name(), e.getMessage()), e);
            }
        };
    }

    static String usage() {
        return Texts.get("cli.usage").replace("\n", System.lineSeparator());
    }
}
