package org.ewclab.cli;

import java.io.PrintStream;
import java.util.List;
import org.ewclab.data.BundledDatasets;
import org.ewclab.engine.CnnFisherBenchmark;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.MemoryBenchmark;

/**
 * The benches that are not the training bench: {@code bench --cnn-fisher [--samples N] [--rounds N]} (the CNN's
 * vectorised per-sample Fisher against the loop) and {@code bench --memory [--steps N] [--every N]} (native memory
 * over a long EWC run). Figures to read, not pass/fail.
 */
final class BenchMoreCommand {
    private BenchMoreCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String mode = args[1];
        int samples = 500;
        int rounds = 3;
        int steps = 10_000;
        int every = 1_000;
        int channels = 32;
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            try {
                if (a.equals("--samples") && hasValue && mode.equals("--cnn-fisher")) {
                    samples = positive(args[++i]);
                } else if (a.equals("--rounds") && hasValue && mode.equals("--cnn-fisher")) {
                    rounds = positive(args[++i]);
                } else if (a.equals("--channels") && hasValue && mode.equals("--cnn-fisher")) {
                    channels = positive(args[++i]);
                } else if (a.equals("--steps") && hasValue && mode.equals("--memory")) {
                    steps = positive(args[++i]);
                } else if (a.equals("--every") && hasValue && mode.equals("--memory")) {
                    every = positive(args[++i]);
                } else {
                    err.println("ewc-lab bench: unexpected argument '" + a + "' (" + BenchCommand.USAGE + ")");
                    return 2;
                }
            } catch (NumberFormatException e) {
                err.println("ewc-lab bench: " + a + ": expected a whole number ≥ 1, got '" + args[i] + "'");
                return 2;
            }
        }
        out.println("EWC Lab bench " + mode + " on device " + ExperimentSession.device() + ", torch threads "
                + ExperimentSession.threads() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        List<String> lines;
        if (mode.equals("--cnn-fisher")) {
            lines = CnnFisherBenchmark.run(BundledDatasets.mnist(), samples, rounds, channels,
                    l -> err.println("  " + l)).describe();
        } else {
            lines = MemoryBenchmark.run(ExperimentPreset.bundled("mnist-fashion"),
                    List.of(BundledDatasets.mnist(), BundledDatasets.fashion()), steps, every,
                    l -> err.println("  " + l)).describe();
        }
        lines.forEach(out::println);
        return 0;
    }

    private static int positive(String value) {
        int v = Integer.parseInt(value);
        if (v < 1) {
            throw new NumberFormatException(value);
        }
        return v;
    }
}
