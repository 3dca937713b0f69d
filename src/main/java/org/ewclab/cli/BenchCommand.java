package org.ewclab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ewclab.data.BundledDatasets;
import org.ewclab.engine.Benchmark;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.i18n.Texts;

/**
 * {@code bench}: the default lesson's MLP at batch 100 — figures to watch, not pass/fail. The methods run in
 * interleaved rounds after a warm-up; {@code --order} changes their order, so two benches in different orders show
 * that the figures do not depend on it.
 */
final class BenchCommand {
    static final String USAGE = "usage: java -jar ewc-lab.jar bench [--rounds N] [--warmup N] "
            + "[--order plain,l2,ewc,online-ewc] [--fisher-samples N] [--quick] [--json FILE]"
            + " | bench --cnn-fisher [--samples N] [--rounds N] | bench --memory [--steps N] [--every N]";

    private BenchCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 && (args[1].equals("--cnn-fisher") || args[1].equals("--memory"))) {
            return BenchMoreCommand.run(args, out, err);
        }
        Benchmark.Options defaults = Benchmark.Options.defaults();
        int rounds = defaults.rounds();
        int warmup = defaults.warmupRounds();
        int fisherSamples = defaults.fisherSamples();
        boolean quick = false;
        List<MethodSpec> order = defaults.order();
        Path json = null;
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                boolean hasValue = i + 1 < args.length;
                if (a.equals("--rounds") && hasValue) {
                    rounds = positive(a, args[++i]);
                } else if (a.equals("--repeats") && hasValue) {
                    rounds = positive(a, args[++i]);
                } else if (a.equals("--warmup") && hasValue) {
                    warmup = positive(a, args[++i]);
                } else if (a.equals("--fisher-samples") && hasValue) {
                    fisherSamples = positive(a, args[++i]);
                } else if (a.equals("--order") && hasValue) {
                    order = order(args[++i], defaults.order());
                } else if (a.equals("--json") && hasValue) {
                    json = Path.of(args[++i]);
                } else if (a.equals("--quick")) {
                    quick = true;
                } else {
                    err.println("ewc-lab bench: unexpected argument '" + a + "' (" + USAGE + ")");
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("ewc-lab bench: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        ExperimentPreset preset = ExperimentPreset.bundled("mnist-fashion");
        String machine = "device " + ExperimentSession.device() + ", torch threads " + ExperimentSession.threads()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version");
        out.println("EWC Lab bench on " + machine + " (set -Dai.djl.pytorch.num_threads / num_interop_threads)");
        Benchmark.Options options = new Benchmark.Options(order, rounds, warmup, fisherSamples, !quick, !quick);
        Benchmark.Report report = Benchmark.run(preset, List.of(BundledDatasets.mnist(), BundledDatasets.fashion()),
                options, line -> err.println("  " + line));
        for (String line : Benchmark.describe(report)) {
            out.println(line);
        }
        if (json != null) {
            try {
                if (json.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(json.toAbsolutePath().getParent());
                }
                Files.writeString(json, Benchmark.toJson(report, machine), StandardCharsets.UTF_8);
                err.println("wrote " + json);
            } catch (IOException e) {
                err.println("ewc-lab bench: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static int positive(String option, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(Texts.fmt("bench.wholeNumber", option, value));
    }

    /** "ewc,plain,l2" → those methods with the default λ of each, in that order. */
    static List<MethodSpec> order(String list, List<MethodSpec> known) {
        List<MethodSpec> out = new ArrayList<>();
        for (String name : list.split(",")) {
            String m = name.trim();
            MethodSpec spec = known.stream().filter(k -> k.method().equals(m)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException(Texts.fmt("bench.unknownMethod", m,
                            String.join(", ", known.stream().map(MethodSpec::method).toList()))));
            if (out.contains(spec)) {
                throw new IllegalArgumentException(Texts.fmt("bench.twice", m));
            }
            out.add(spec);
        }
        return out;
    }
}
