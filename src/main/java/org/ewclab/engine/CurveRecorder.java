package org.ewclab.engine;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps every run's curves from the event stream (loss parts per step, accuracy per task every k steps) and writes them
 * as CSV: {@code loss-RUN-METHOD.csv} and {@code accuracy-RUN-METHOD.csv}. The penalty column is empty on the steps
 * whose penalty value was not computed ({@link RunControl#penaltyEvery()}). Thread-safe; plain Java.
 */
public final class CurveRecorder implements Consumer<LabEvent> {
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private List<String> taskNames = List.of();

    private static final class Run {
        final String method;
        final double lambda;
        final StringBuilder loss = new StringBuilder();
        final StringBuilder accuracy = new StringBuilder();

        Run(String method, double lambda) {
            this.method = method;
            this.lambda = lambda;
        }
    }

    @Override
    public synchronized void accept(LabEvent event) {
        if (event instanceof LabEvent.RunStarted s) {
            runs.put(s.runId(), new Run(s.method(), s.lambda()));
            taskNames = s.taskNames();
        } else if (event instanceof LabEvent.StepMetrics m) {
            Run r = runs.get(m.runId());
            if (r != null) {
                r.loss.append(m.step()).append(',').append(m.task()).append(',').append(num(m.crossEntropy()))
                        .append(',').append(Double.isNaN(m.penalty()) ? "" : num(m.penalty())).append(',').append(num(m.lambda())).append('\n');
            }
        } else if (event instanceof LabEvent.AccuracyPoint a) {
            Run r = runs.get(a.runId());
            if (r != null) {
                r.accuracy.append(a.step()).append(',').append(a.task());
                for (float v : a.accuracy()) {
                    r.accuracy.append(',').append(num(v));
                }
                r.accuracy.append('\n');
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Writes two CSV files per run into {@code dir} (created if needed) and returns their paths. */
    public synchronized List<Path> writeCsv(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            Run r = e.getValue();
            String base = e.getKey() + (e.getKey().equals(r.method) || Runner.FIRST_TASK.equals(r.method) ? ""
                    : "-" + r.method + (r.lambda != 0 ? "-" + Num.format(r.lambda) : ""));
            Path loss = dir.resolve("loss-" + base + ".csv");
            write(loss, "step,task,crossEntropy,penalty,lambda\n", r.loss);
            out.add(loss);
            StringBuilder header = new StringBuilder("step,task");
            for (String t : taskNames) {
                header.append(",accuracy_").append(t.replaceAll("[^A-Za-z0-9_.-]", "_"));
            }
            Path acc = dir.resolve("accuracy-" + base + ".csv");
            write(acc, header.append('\n').toString(), r.accuracy);
            out.add(acc);
        }
        return out;
    }

    private static void write(Path file, String header, CharSequence body) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(header);
            w.append(body);
        }
    }
}
