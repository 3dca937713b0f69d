package org.ewclab.cli;

import org.ewclab.data.BundledDatasets;

import java.io.PrintStream;
import java.util.List;
import org.ewclab.engine.Benchmark;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentSession;

/** {@code bench}: the default lesson's MLP at batch 100 — figures to watch, not pass/fail. */
final class BenchCommand {
    private BenchCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int repeats = 5;
        int fisherSamples = 1000;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--repeats") && i + 1 < args.length) {
                repeats = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--fisher-samples") && i + 1 < args.length) {
                fisherSamples = Integer.parseInt(args[++i]);
            } else {
                err.println("usage: java -jar ewc-lab.jar bench [--repeats N] [--fisher-samples N]");
                return 2;
            }
        }
        ExperimentPreset preset = ExperimentPreset.bundled("mnist-fashion");
        out.println("EWC Lab bench: " + preset.name() + " MLP " + preset.model().hidden() + " batchNorm="
                + preset.model().batchNorm() + ", " + preset.optimizer().type() + " batch "
                + preset.training().batchSize());
        out.println("device " + ExperimentSession.device() + ", torch threads: " + ExperimentSession.threads()
                + " (set -Dai.djl.pytorch.num_threads / num_interop_threads), " + Runtime.getRuntime()
                .availableProcessors() + " cores; median of " + repeats + " repeats after a warm-up");
        List<Benchmark.Figure> figures = Benchmark.run(preset,
                List.of(BundledDatasets.mnist(), BundledDatasets.fashion()), repeats, fisherSamples,
                line -> err.println("  " + line));
        for (Benchmark.Figure f : figures) {
            out.println(Benchmark.describe(f));
        }
        return 0;
    }
}
