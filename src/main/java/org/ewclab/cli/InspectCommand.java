package org.ewclab.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.ewclab.data.DatasetFiles;
import org.ewclab.data.DatasetFormatException;
import org.ewclab.data.FileSummary;
import org.ewclab.i18n.Texts;

/**
 * {@code inspect FILE...}: what each dataset file holds. An IDX images file directly followed by an IDX labels file is
 * read as one pair (counts must match) and shown with its samples per class. A file that cannot be read gets one line
 * on stderr naming it and the problem, the other files are still shown, and the exit code is 2.
 */
final class InspectCommand {
    private static final String INDENT = "  ";
    private static final int KEY_WIDTH = 9;

    private InspectCommand() {
    }

    static int run(String[] files, PrintStream out, PrintStream err) {
        if (files.length == 0) {
            err.println("inspect: " + Texts.get("inspect.noFile"));
            return 2;
        }
        int status = 0;
        boolean first = true;
        for (int i = 0; i < files.length; i++) {
            try {
                Path file = Path.of(files[i]);
                FileSummary summary;
                if (i + 1 < files.length && DatasetFiles.isIdxPair(file, Path.of(files[i + 1]))) {
                    summary = DatasetFiles.summarizeIdxPair(file, Path.of(files[++i]));
                } else {
                    summary = DatasetFiles.summarize(file);
                }
                if (!first) {
                    out.println();
                }
                print(summary, out);
                first = false;
            } catch (DatasetFormatException e) {
                err.println("inspect: " + e.getMessage());
                status = 2;
            } catch (InvalidPathException e) {
                err.println("inspect: " + files[i] + ": " + Texts.get("inspect.badPath"));
                status = 2;
            }
        }
        return status;
    }

    static void print(FileSummary summary, PrintStream out) {
        summary.files().forEach(out::println);
        String format = summary.format().toString();
        if (summary.format() != FileSummary.Format.IMAGE_FOLDER) {
            format += summary.gzipped() ? ", gzip" : ", " + Texts.get("inspect.notCompressed");
        }
        line(out, Texts.get("inspect.format"), format);
        line(out, Texts.get("inspect.samples"), Integer.toString(summary.samples()));
        line(out, Texts.get("inspect.shape"), summary.format() == FileSummary.Format.IDX_LABELS
                ? Texts.get("inspect.oneLabelPerSample") : summary.shape());
        if (!summary.hasLabels()) {
            line(out, Texts.get("inspect.labels"), Texts.get("inspect.noLabels"));
        } else {
            Map<String, Integer> counts = summary.classCounts();
            line(out, Texts.get("inspect.labels"), Texts.fmt(counts.size() == 1 ? "inspect.oneClass"
                    : "inspect.classes", counts.size()));
            int nameWidth = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
            int countWidth = counts.values().stream().mapToInt(c -> Integer.toString(c).length()).max().orElse(1);
            String pad = " ".repeat(INDENT.length() + KEY_WIDTH);
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                double share = summary.samples() == 0 ? 0 : 100.0 * entry.getValue() / summary.samples();
                out.println(pad + String.format(Locale.ROOT, "%-" + nameWidth + "s  %" + countWidth + "d  %5.1f%%",
                        entry.getKey(), entry.getValue(), share));
            }
        }
        for (String note : summary.notes()) {
            line(out, Texts.get("inspect.note"), note);
        }
    }

    private static void line(PrintStream out, String key, String value) {
        out.println(INDENT + Texts.padRight(key, KEY_WIDTH) + value);
    }
}
