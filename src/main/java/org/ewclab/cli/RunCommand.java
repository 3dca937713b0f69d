package org.ewclab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.analysis.landscape.LandscapeLog;
import org.ewclab.analysis.landscape.LandscapeView;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;
import org.ewclab.engine.CurveRecorder;
import org.ewclab.engine.ExperimentPlan;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.KnobPoint;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.PresetException;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.MeanSe;
import org.ewclab.engine.ResultsFile;
import org.ewclab.engine.RunResult;
import org.ewclab.engine.SeedSummary;
import org.ewclab.engine.SeededExperiment;
import org.ewclab.engine.TrainingStoppedException;
import org.ewclab.export.ExportAll;
import org.ewclab.export.LandscapeCharts;
import org.ewclab.export.ImageTile;
import org.ewclab.export.LabCharts;
import org.ewclab.export.Plot;
import org.ewclab.export.SeedCharts;
import org.ewclab.export.Theme;
import org.ewclab.i18n.Texts;

/**
 * {@code run PRESET.json [--out DIR] [--charts]}: the whole experiment headless. Progress on stderr, the result table
 * on stdout, {@code DIR/results.json} and one CSV per curve; with {@code --charts} also every chart as PNG (1× and
 * 2×), SVG and CSV, preset.json and report.html, as the window's Export all writes them (Java2D only, no display). A
 * bad preset: exit 2 and one line naming the field.
 *
 * <p>A preset with {@code seeds} runs everything once per seed (task A too): results.json keeps every run and adds
 * mean ± standard error per method and λ, the table shows mean ± SE, the charts error bars and bands. With
 * {@code --shard i/n} it runs only the i-th of n contiguous blocks of the plan's runs ({@link ExperimentPlan}) into its
 * own folder; {@code merge} puts the shards back together.
 */
final class RunCommand {
    static final String USAGE = "usage: java -jar ewc-lab.jar run PRESET.json [--out DIR] [--charts] [--shard i/n]";

    private RunCommand() {
    }

    /** Tasks are loaded relative to the preset's folder by the loader this factory makes. */
    static int run(String[] args, PrintStream out, PrintStream err, Function<Path, Function<TaskSpec, TaskData>> loaders) {
        Path presetFile = null;
        Path outDir = null;
        boolean charts = false;
        ExperimentPlan.Shard shard = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
            } else if (args[i].equals("--shard") && i + 1 < args.length) {
                try {
                    shard = ExperimentPlan.Shard.parse(args[++i]);
                } catch (IllegalArgumentException e) {
                    err.println("ewc-lab run: " + e.getMessage());
                    return 2;
                }
            } else if (args[i].equals("--charts")) {
                charts = true;
            } else if (presetFile == null && !args[i].startsWith("--")) {
                presetFile = Path.of(args[i]);
            } else {
                err.println("ewc-lab run: " + Texts.fmt("cli.unexpectedArgument", args[i], USAGE));
                return 2;
            }
        }
        if (presetFile == null) {
            err.println(USAGE);
            return 2;
        }
        ExperimentPreset preset;
        try {
            preset = ExperimentPreset.read(presetFile);
        } catch (NoSuchFileException e) {
            err.println("ewc-lab run: " + presetFile + ": " + Texts.get("cli.noSuchFile"));
            return 2;
        } catch (IOException e) {
            err.println("ewc-lab run: " + presetFile + ": " + Texts.fmt("cli.cannotRead", e.getMessage()));
            return 2;
        } catch (PresetException e) {
            err.println("ewc-lab run: " + presetFile + ": " + e.getMessage());
            return 2;
        }
        if (shard != null && charts) {
            err.println("ewc-lab run: " + Texts.get("run.shardNoCharts"));
            return 2;
        }
        if (outDir == null) {
            outDir = shard == null ? Path.of("out", preset.name())
                    : Path.of("out", preset.name() + "-shard-" + shard.index() + "-of-" + shard.count());
        }
        Path base = presetFile.toAbsolutePath().getParent();
        Map<Long, CurveRecorder> curves = new LinkedHashMap<>();
        Map<Long, ExperimentLog> logs = new LinkedHashMap<>();
        // the loss landscape of the first seed's runs (--charts), computed while its session is still open
        LandscapeLog landscapeLog = new LandscapeLog();
        LandscapeView[] landscape = {null};
        List<ImageTile> samples = List.of();
        List<ExperimentPlan.Unit> plan;
        List<ExperimentPlan.Unit> units;
        SeededExperiment.Outcome outcome;
        long t0 = System.nanoTime();
        List<TaskData> tasks = load(preset, loaders.apply(base), err);
        if (tasks == null) {
            return 2;
        }
        try {
            plan = ExperimentPlan.units(preset);
            units = shard == null ? plan : shard.of(plan);
            err.println(Texts.fmt("run.loaded", preset.name(), preset.tasks().size(), preset.methods().size(),
                    ExperimentSession.device(), ExperimentSession.threads(), (System.nanoTime() - t0) / 1e9));
            if (preset.multiSeed() || shard != null) {
                err.println(Texts.fmt("run.plan", plan.size(), preset.seedList().size(), preset.seedList(),
                        shard == null ? "" : Texts.fmt("run.shardPart", shard.toString(), units.size())));
            }
            if (charts) {
                samples = LabCharts.sampleTiles(tasks);
            }
            boolean multi = preset.multiSeed();
            boolean withCharts = charts;
            outcome = SeededExperiment.run(preset, tasks, units, new RunControl(), seed -> {
                CurveRecorder c = new CurveRecorder();
                curves.put(seed, c);
                if (multi) {
                    err.println(Texts.fmt("run.seedStarted", seed));
                }
                Consumer<LabEvent> listener = c.andThen(progress(err));
                if (withCharts) {
                    ExperimentLog log = new ExperimentLog();
                    logs.put(seed, log);
                    listener = listener.andThen(withoutSweepRuns(preset, log));
                    if (seed.equals(preset.seedList().get(0))) {
                        listener = listener.andThen(landscapeLog);
                    }
                }
                return listener;
            }, (session, checkpoint) -> {
                if (withCharts && landscape[0] == null) {
                    landscape[0] = LandscapeStep.compute(session, landscapeLog, err);
                }
            });
        } catch (TrainingStoppedException e) {
            err.println("ewc-lab run: " + e.getMessage());
            return 1;
        } catch (PresetException e) {
            err.println("ewc-lab run: " + presetFile + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("ewc-lab run: " + Texts.fmt("run.failed", e));
            return 1;
        }
        ExperimentResult result = outcome.result();
        try {
            Files.createDirectories(outDir);
            if (shard != null) {
                Files.writeString(outDir.resolve("results.json"), ResultsFile.shardJson(result,
                        new ResultsFile.ShardInfo(shard.index(), shard.count(), plan.size(), outcome.units(),
                                presetHash(preset))), StandardCharsets.UTF_8);
                preset.write(outDir.resolve(ExportAll.PRESET));
            } else {
                Files.writeString(outDir.resolve("results.json"), result.toJson(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<Long, CurveRecorder> c : curves.entrySet()) {
                c.getValue().writeCsv(preset.multiSeed() ? outDir.resolve("seed-" + c.getKey()) : outDir);
            }
            if (charts) {
                List<String> taskNames = result.tasks().stream().map(ExperimentResult.TaskInfo::name).toList();
                List<ExperimentLog.Snapshot> snaps = logs.values().stream().map(ExperimentLog::snapshot).toList();
                Map<String, Plot> plots = result.multiSeed()
                        ? SeedCharts.standardSet(snaps, result, taskNames, histogramLambda(preset), samples)
                        : LabCharts.standardSet(snaps.get(0), result.runs(), taskNames, histogramLambda(preset),
                                samples);
                if (landscape[0] != null) {
                    plots = new LinkedHashMap<>(plots);
                    plots.putAll(LandscapeCharts.charts(landscape[0]));
                }
                ExportAll.write(outDir, plots, result, preset, Theme.light());
                if (landscape[0] != null) {
                    // the landscape's CSVs follow their own contract (u,v,loss_A,…), not the generic chart CSV
                    LandscapeCharts.writeCsv(outDir, landscape[0]);
                }
            }
        } catch (IOException e) {
            err.println("ewc-lab run: " + Texts.fmt("cli.cannotWrite", outDir, e.getMessage()));
            return 1;
        }
        out.print(result.multiSeed() && shard == null ? seedTable(preset, result) : table(preset, result));
        err.println(Texts.fmt(charts ? "run.wroteCharts" : "run.wrote", outDir, (System.nanoTime() - t0) / 1e9));
        return 0;
    }

    /** The preset's tasks, loaded; null after a one-line error (exit 2) for a bad task or an unusable preset. */
    private static List<TaskData> load(ExperimentPreset preset, Function<TaskSpec, TaskData> loader,
            PrintStream err) {
        try (ExperimentSession session = open(preset, loader, err)) {
            return session == null ? null : session.tasks();
        }
    }

    /** Names the preset a shard ran, so that merge refuses shards of different presets. */
    static String presetHash(ExperimentPreset preset) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(preset.validated().toJson().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExperimentSession open(ExperimentPreset preset, Function<TaskSpec, TaskData> loader,
            PrintStream err) {
        try {
            return ExperimentSession.open(preset, loader);
        } catch (PresetException e) {
            err.println("ewc-lab run: " + e.getMessage());
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("ewc-lab run: " + e.getMessage());
            return null;
        }
    }

    /**
     * The log behind the charts hears the first task and the preset's method runs, not the sweep runs: runExperiment
     * runs the methods first, then the sweep, so the runs after the preset's methods are the sweep's. The sweep is
     * drawn from the results (stability–plasticity, accuracy against λ); its sixteen forgetting curves would bury
     * the lesson's three, and a sweep run at a preset run's λ would take its legend name.
     */
    private static Consumer<LabEvent> withoutSweepRuns(ExperimentPreset preset, ExperimentLog log) {
        int methodRuns = preset.methods().size();
        Set<String> kept = new HashSet<>();
        int[] started = {0};
        return e -> {
            if (e instanceof LabEvent.RunStarted s
                    && ("first-task".equals(s.colourKey()) || ++started[0] <= methodRuns)) {
                kept.add(s.runId());
            }
            if (kept.contains(e.runId())) {
                log.accept(e);
            }
        };
    }

    /** λ for the Fisher histogram's λ·F axis: the preset's first EWC-type method's. */
    private static double histogramLambda(ExperimentPreset preset) {
        for (ExperimentPreset.MethodSpec m : preset.methods()) {
            if (m.method().equals(ExperimentPreset.EWC) || m.method().equals(ExperimentPreset.ONLINE_EWC)) {
                return m.lambdaOrZero();
            }
        }
        return 0;
    }

    /** One line per finished task and run on stderr, not per step. */
    private static Consumer<LabEvent> progress(PrintStream err) {
        String[] method = {""};
        return e -> {
            if (e instanceof LabEvent.RunStarted s) {
                method[0] = s.method() + (s.lambda() != 0 ? " λ=" + fmt(s.lambda()) : "");
                err.println(Texts.fmt("run.runStarted", s.runId(), method[0], s.totalSteps()));
            } else if (e instanceof LabEvent.TaskFinished t) {
                StringBuilder sb = new StringBuilder();
                for (double v : t.accuracyRow()) {
                    sb.append(' ').append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "diverged");
                }
                err.println(Texts.fmt("run.taskDone", method[0], t.task() + 1, t.step(), t.seconds(), sb));
            } else if (e instanceof LabEvent.FisherComputed f) {
                err.println(Texts.fmt("run.fisherDone", f.variant(), f.task() + 1, f.samples(), f.seconds()));
                LabEvent.ImportanceMeasure mas = f.other(LabEvent.ImportanceMeasure.MAS);
                if (mas != null) {
                    err.println(Texts.fmt("run.measuresDone", f.task() + 1, mas.seconds()));
                }
            } else if (e instanceof LabEvent.RunDiverged d) {
                err.println("  " + d.message());
            }
        };
    }

    static String table(ExperimentPreset preset, ExperimentResult r) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        List<ExperimentResult.TaskInfo> tasks = r.tasks();
        sb.append(Texts.fmt("run.table.heading", preset.name(), preset.title(), r.seed(),
                r.fisher(), r.device(), r.threads())).append(nl);
        if (!r.runs().isEmpty()) {
            double[] row0 = r.runs().get(0).accuracy()[0];
            StringBuilder accs = new StringBuilder();
            for (int j = 0; j < tasks.size(); j++) {
                accs.append(String.format(Locale.ROOT, " %s %.3f", tasks.get(j).name(), row0[j]));
            }
            sb.append(Texts.fmt("run.table.afterFirst", tasks.get(0).name(), accs, r.firstTaskSeconds())).append(nl);
        }
        // headers padded by terminal columns: a Chinese header is two columns per character
        String knob = knobColumn(preset);
        sb.append(Texts.padRight(Texts.get("run.table.method"), 11)).append(' ')
                .append(Texts.padLeft("λ", 9));
        if (knob != null) {
            sb.append(' ').append(Texts.padRight(Texts.get("run.table.knob"), KNOB_WIDTH));
        }
        for (ExperimentResult.TaskInfo t : tasks) {
            sb.append(' ').append(Texts.padLeft(clip(t.name(), 9), 9));
        }
        sb.append(' ').append(Texts.padLeft(Texts.get("run.table.average"), 7))
                .append(' ').append(Texts.padLeft(Texts.get("run.table.forgetting"), 10))
                .append(' ').append(Texts.padLeft("BWT", 7))
                .append(' ').append(Texts.padLeft(Texts.get("run.table.seconds"), 7))
                .append("  ").append(Texts.get("run.table.note")).append(nl);
        for (int i = 0; i < r.runs().size(); i++) {
            RunResult run = r.runs().get(i);
            double[][] acc = run.accuracy();
            double[] last = acc[acc.length - 1];
            sb.append(String.format(Locale.ROOT, "%-11s %9s", run.method(), fmt(run.lambda())));
            if (knob != null) {
                MethodSpec spec = i < preset.methods().size() && preset.methods().get(i).method().equals(run.method())
                        ? preset.methods().get(i) : null;
                sb.append(' ').append(Texts.padRight(knobCell(knob, run, spec), KNOB_WIDTH));
            }
            for (double v : last) {
                sb.append(' ').append(cell(v, 9));
            }
            String note = run.diverged() ? Texts.fmt("run.note.diverged", run.message())
                    : run.stopped() ? Texts.get("run.note.stopped") : run.sweep() ? Texts.get("run.note.sweep") : "";
            // the preset's runs come first, in its order: their knobs (replay's memory, LwF's α, …) tell them apart
            if (i < preset.methods().size() && preset.methods().get(i).method().equals(run.method())) {
                String knobs = preset.methods().get(i).knobsOrNone().describe();
                note = knobs.isEmpty() ? note : note.isEmpty() ? knobs : knobs + "; " + note;
            }
            sb.append(' ').append(cell(run.averageAccuracy(), 7)).append(' ').append(cell(run.forgetting(), 10))
                    .append(' ').append(cell(run.bwt(), 7))
                    .append(String.format(Locale.ROOT, " %7.1f  %s%n", run.trainSeconds(), note));
        }
        sb.append(Texts.fmt("run.table.footer", r.totalSeconds())).append(nl);
        return sb.toString();
    }

    /**
     * The result table of several seeds: per method and λ, each figure as mean ± standard error over the seeds
     * (n: seeds with a value; diverged seeds count in no mean and are named in the note).
     */
    static String seedTable(ExperimentPreset preset, ExperimentResult r) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        List<ExperimentResult.TaskInfo> tasks = r.tasks();
        List<SeedSummary> groups = r.summary();
        sb.append(Texts.fmt("run.table.seedsHeading", preset.name(), preset.title(), r.seeds().size(), r.seeds(),
                r.fisher(), r.device(), r.threads())).append(nl);
        if (!groups.isEmpty()) {
            MeanSe[] row0 = groups.get(0).accuracy()[0];
            StringBuilder accs = new StringBuilder();
            for (int j = 0; j < tasks.size() && j < row0.length; j++) {
                accs.append(' ').append(tasks.get(j).name()).append(' ').append(meanSe(row0[j], 0).trim());
            }
            sb.append(Texts.fmt("run.table.afterFirst", tasks.get(0).name(), accs, r.firstTaskSeconds())).append(nl);
        }
        int w = 15;
        String knob = knobColumn(preset);
        sb.append(Texts.padRight(Texts.get("run.table.method"), 11)).append(' ').append(Texts.padLeft("λ", 9));
        if (knob != null) {
            sb.append(' ').append(Texts.padRight(Texts.get("run.table.knob"), KNOB_WIDTH));
        }
        for (ExperimentResult.TaskInfo t : tasks) {
            sb.append(' ').append(Texts.padLeft(clip(t.name(), w), w));
        }
        sb.append(' ').append(Texts.padLeft(Texts.get("run.table.average"), w))
                .append(' ').append(Texts.padLeft(Texts.get("run.table.forgetting"), w))
                .append(' ').append(Texts.padLeft("BWT", w))
                .append(' ').append(Texts.padLeft("n", 3))
                .append("  ").append(Texts.get("run.table.note")).append(nl);
        for (SeedSummary g : groups) {
            MeanSe[][] acc = g.accuracy();
            MeanSe[] last = acc[acc.length - 1];
            sb.append(String.format(Locale.ROOT, "%-11s %9s", g.method(), fmt(g.lambda())));
            if (knob != null) {
                sb.append(' ').append(Texts.padRight(g.variant(), KNOB_WIDTH));
            }
            for (MeanSe v : last) {
                sb.append(' ').append(meanSe(v, w));
            }
            String note = (g.variant().isEmpty() || knob != null ? "" : g.variant() + " ")
                    + (g.diverged() > 0 ? Texts.fmt("run.note.seedsDiverged", g.diverged()) + " " : "")
                    + (g.sweep() ? Texts.get("run.note.sweep") : "");
            sb.append(' ').append(meanSe(g.averageAccuracy(), w)).append(' ').append(meanSe(g.forgetting(), w))
                    .append(' ').append(meanSe(g.bwt(), w))
                    .append(String.format(Locale.ROOT, " %3d  %s%n", g.runs() - g.diverged(), note.trim()));
        }
        sb.append(Texts.fmt("run.table.seedsFooter", r.totalSeconds())).append(nl);
        return sb.toString();
    }

    private static final int KNOB_WIDTH = 12;

    /** The knob the preset sweeps when it is not λ (then the tables have a column for it), or null. */
    static String knobColumn(ExperimentPreset preset) {
        return preset.sweep() != null && !preset.sweep().lambdaSweep() ? preset.sweep().knobName() : null;
    }

    /**
     * A run's value of the swept knob: the sweep point's, or for a preset run of a method with that knob its
     * setting (e.g. "memory 30"); "" for the methods without it.
     */
    static String knobCell(String knob, RunResult run, MethodSpec spec) {
        if (run.point() != null) {
            return run.point().label();
        }
        if (spec == null || !ExperimentPreset.knobsOf(spec.method()).contains(knob)) {
            return "";
        }
        Object v = spec.knobsOrNone().get(knob);
        return v instanceof Number n ? new KnobPoint(knob, n.doubleValue(), null).label() : "";
    }

    /** "0.942±0.004" right-aligned in {@code width} ("—" with no value; no ± with one seed). */
    private static String meanSe(MeanSe m, int width) {
        String text = !Double.isFinite(m.mean()) ? "—" : Double.isFinite(m.se())
                ? String.format(Locale.ROOT, "%.3f±%.3f", m.mean(), m.se())
                : String.format(Locale.ROOT, "%.3f", m.mean());
        return width == 0 ? text : String.format(Locale.ROOT, "%" + width + "s", text);
    }

    /** A figure right-aligned in {@code width}; a diverged run's missing figure is "—", never "NaN". */
    private static String cell(double v, int width) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%" + width + ".3f", v)
                : String.format(Locale.ROOT, "%" + width + "s", "—");
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
