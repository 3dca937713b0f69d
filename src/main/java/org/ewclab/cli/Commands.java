package org.ewclab.cli;

import java.io.PrintStream;

/** The headless commands: {@code inspect}, {@code run}, {@code bench}. */
public final class Commands {
    private Commands() {
    }

    /** Runs one command and returns its exit code: 0 success, 2 bad input or usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args[0];
        switch (command) {
            case "run":
                return RunCommand.run(args, out, err, base -> new InterimTasks());
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

    static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar ewc-lab.jar                         open the lab window",
                "       java -jar ewc-lab.jar inspect FILE...         describe dataset files (IDX, CSV, image folder)",
                "       java -jar ewc-lab.jar run PRESET.json [--out DIR]   run an experiment headless",
                "       java -jar ewc-lab.jar bench                   print performance figures");
    }
}
