package org.ewclab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
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
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentResult;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.PresetException;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.RunResult;
import org.ewclab.engine.TrainingStoppedException;
import org.ewclab.export.ExportAll;
import org.ewclab.export.LandscapeCharts;
import org.ewclab.export.ImageTile;
import org.ewclab.export.LabCharts;
import org.ewclab.export.Plot;
import org.ewclab.export.Theme;
import org.ewclab.i18n.Texts;

/**
 * {@code run PRESET.json [--out DIR] [--charts]}: the whole experiment headless. Progress on stderr, the result table
 * on stdout, {@code DIR/results.json} and one CSV per curve; with {@code --charts} also every chart as PNG (1× and
 * 2×), SVG and CSV, preset.json and report.html, as the window's Export all writes them (Java2D only, no display). A
 * bad preset: exit 2 and one line naming the field.
 */
final class RunCommand {
    static final String USAGE = "usage: java -jar ewc-lab.jar run PRESET.json [--out DIR] [--charts]";

    private RunCommand() {
    }

    /** Tasks are loaded relative to the preset's folder by the loader this factory makes. */
    static int run(String[] args, PrintStream out, PrintStream err, Function<Path, Function<TaskSpec, TaskData>> loaders) {
        Path presetFile = null;
        Path outDir = null;
        boolean charts = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
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
        if (outDir == null) {
            outDir = Path.of("out", preset.name());
        }
        Path base = presetFile.toAbsolutePath().getParent();
        CurveRecorder curves = new CurveRecorder();
        ExperimentLog log = new ExperimentLog();
        LandscapeLog landscapeLog = new LandscapeLog();
        LandscapeView landscape = null;
        List<ImageTile> samples = List.of();
        ExperimentResult result;
        long t0 = System.nanoTime();
        try (ExperimentSession session = open(preset, loaders.apply(base), err)) {
            if (session == null) {
                return 2;
            }
            err.println(Texts.fmt("run.loaded", preset.name(), preset.tasks().size(), preset.methods().size(),
                    ExperimentSession.device(), ExperimentSession.threads(), (System.nanoTime() - t0) / 1e9));
            Consumer<LabEvent> listener = curves.andThen(progress(err));
            if (charts) {
                listener = listener.andThen(withoutSweepRuns(preset, log)).andThen(landscapeLog);
                samples = LabCharts.sampleTiles(session.tasks());
            }
            result = session.runExperiment(new RunControl(), listener);
            if (charts) {
                landscape = LandscapeStep.compute(session, landscapeLog, err);
            }
        } catch (TrainingStoppedException e) {
            err.println("ewc-lab run: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("ewc-lab run: " + Texts.fmt("run.failed", e));
            return 1;
        }
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("results.json"), result.toJson(), StandardCharsets.UTF_8);
            curves.writeCsv(outDir);
            if (charts) {
                List<String> taskNames = result.tasks().stream().map(ExperimentResult.TaskInfo::name).toList();
                Map<String, Plot> plots = LabCharts.standardSet(log.snapshot(), result.runs(), taskNames,
                        histogramLambda(preset), samples);
                if (landscape != null) {
                    plots = new java.util.LinkedHashMap<>(plots);
                    plots.putAll(LandscapeCharts.charts(landscape));
                }
                ExportAll.write(outDir, plots, result, preset, Theme.light());
                if (landscape != null) {
                    // the landscape's CSVs follow their own contract (u,v,loss_A,…), not the generic chart CSV
                    LandscapeCharts.writeCsv(outDir, landscape);
                }
            }
        } catch (IOException e) {
            err.println("ewc-lab run: " + Texts.fmt("cli.cannotWrite", outDir, e.getMessage()));
            return 1;
        }
        out.print(table(preset, result));
        err.println(Texts.fmt(charts ? "run.wroteCharts" : "run.wrote", outDir, (System.nanoTime() - t0) / 1e9));
        return 0;
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
        sb.append(Texts.padRight(Texts.get("run.table.method"), 11)).append(' ')
                .append(Texts.padLeft("λ", 9));
        for (ExperimentResult.TaskInfo t : tasks) {
            sb.append(' ').append(Texts.padLeft(clip(t.name(), 9), 9));
        }
        sb.append(' ').append(Texts.padLeft(Texts.get("run.table.average"), 7))
                .append(' ').append(Texts.padLeft(Texts.get("run.table.forgetting"), 10))
                .append(' ').append(Texts.padLeft("BWT", 7))
                .append(' ').append(Texts.padLeft(Texts.get("run.table.seconds"), 7))
                .append("  ").append(Texts.get("run.table.note")).append(nl);
        for (RunResult run : r.runs()) {
            double[][] acc = run.accuracy();
            double[] last = acc[acc.length - 1];
            sb.append(String.format(Locale.ROOT, "%-11s %9s", run.method(), fmt(run.lambda())));
            for (double v : last) {
                sb.append(' ').append(cell(v, 9));
            }
            String note = run.diverged() ? Texts.fmt("run.note.diverged", run.message())
                    : run.stopped() ? Texts.get("run.note.stopped") : run.sweep() ? Texts.get("run.note.sweep") : "";
            sb.append(' ').append(cell(run.averageAccuracy(), 7)).append(' ').append(cell(run.forgetting(), 10))
                    .append(' ').append(cell(run.bwt(), 7))
                    .append(String.format(Locale.ROOT, " %7.1f  %s%n", run.trainSeconds(), note));
        }
        sb.append(Texts.fmt("run.table.footer", r.totalSeconds())).append(nl);
        return sb.toString();
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
