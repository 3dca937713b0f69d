package org.ewclab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.PresetException;
import org.ewclab.engine.ResultsFile;
import org.ewclab.export.ExportAll;
import org.ewclab.export.LabCharts;
import org.ewclab.export.Plot;
import org.ewclab.export.SeedCharts;
import org.ewclab.export.Theme;
import org.ewclab.i18n.Texts;

/**
 * {@code merge DIR… --out DIR [--charts]}: the shards of one {@code run PRESET --shard i/n} fan-out as one
 * results.json, the runs in the order an unsharded run lists them, so the file is the unsharded run's but for the
 * timings. {@code --charts} also draws the charts that come from results (accuracy matrices, the summary,
 * stability–plasticity and accuracy against λ; with error bars over seeds) and report.html; the curve charts need
 * the training events, which the shards keep as CSV in their own folders.
 */
final class MergeCommand {
    static final String USAGE = "usage: java -jar ewc-lab.jar merge SHARD_DIR... --out DIR [--charts]";

    private MergeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> inputs = new ArrayList<>();
        Path outDir = null;
        boolean charts = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
            } else if (args[i].equals("--charts")) {
                charts = true;
            } else if (!args[i].startsWith("--")) {
                inputs.add(Path.of(args[i]));
            } else {
                err.println("ewc-lab merge: " + Texts.fmt("cli.unexpectedArgument", args[i], USAGE));
                return 2;
            }
        }
        if (inputs.isEmpty() || outDir == null) {
            err.println(USAGE);
            return 2;
        }
        List<ResultsFile.Read> shards = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ExperimentPreset preset = null;
        for (Path in : inputs) {
            Path file = Files.isDirectory(in) ? in.resolve(ExportAll.RESULTS) : in;
            try {
                shards.add(ResultsFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                err.println("ewc-lab merge: " + file + ": " + Texts.fmt("cli.cannotRead", e.getMessage()));
                return 2;
            } catch (IllegalArgumentException e) {
                err.println("ewc-lab merge: " + e.getMessage());
                return 2;
            }
            names.add(file.toString());
            Path p = (Files.isDirectory(in) ? in : in.toAbsolutePath().getParent()).resolve(ExportAll.PRESET);
            if (preset == null && Files.isRegularFile(p)) {
                try {
                    preset = ExperimentPreset.read(p);
                } catch (IOException | PresetException e) {
                    err.println("ewc-lab merge: " + p + ": " + e.getMessage());
                    return 2;
                }
            }
        }
        ExperimentResult merged;
        try {
            merged = ResultsFile.merge(shards, names);
        } catch (IllegalArgumentException e) {
            err.println("ewc-lab merge: " + e.getMessage());
            return 2;
        }
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve(ExportAll.RESULTS), merged.toJson(), StandardCharsets.UTF_8);
            if (charts) {
                List<String> taskNames = merged.tasks().stream().map(ExperimentResult.TaskInfo::name).toList();
                Map<String, Plot> plots = merged.multiSeed()
                        ? SeedCharts.standardSet(List.of(), merged, taskNames, 0, List.of())
                        : LabCharts.standardSet(new ExperimentLog().snapshot(), merged.runs(), taskNames, 0);
                ExportAll.write(outDir, plots, merged, preset, Theme.light());
            }
        } catch (IOException e) {
            err.println("ewc-lab merge: " + Texts.fmt("cli.cannotWrite", outDir, e.getMessage()));
            return 1;
        }
        if (preset != null) {
            out.print(merged.multiSeed() ? RunCommand.seedTable(preset, merged) : RunCommand.table(preset, merged));
        }
        err.println(Texts.fmt("merge.wrote", shards.size(), merged.runs().size(), outDir));
        return 0;
    }
}
