package org.ewclab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ewclab.i18n.Texts;

/**
 * One line of File → Open recent as it is stored: a lesson or checkpoint is its path; a dataset is
 * {@code type TAB task-index TAB path [TAB test-path]} (type idx, csv or folder), so it goes back into its task.
 */
final class RecentEntry {
    private RecentEntry() {
    }

    static String dataset(String type, int taskIndex, Path... paths) {
        StringBuilder sb = new StringBuilder(type).append('\t').append(taskIndex);
        for (Path p : paths) {
            sb.append('\t').append(p.toAbsolutePath());
        }
        return sb.toString();
    }

    static List<Path> paths(String kind, String entry) {
        if (!kind.equals("dataset")) {
            return List.of(Path.of(entry));
        }
        String[] parts = entry.split("\t");
        List<Path> out = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
            out.add(Path.of(parts[i]));
        }
        return out;
    }

    static String datasetType(String entry) {
        return entry.split("\t")[0];
    }

    static int taskIndex(String entry) {
        return Integer.parseInt(entry.split("\t")[1]);
    }

    /** The menu's words: "lesson · name.json — folder", "task B · mnist (idx) — folder". */
    static String label(String kind, String entry) {
        List<Path> paths = paths(kind, entry);
        Path first = paths.get(0);
        String where = first.getParent() == null ? "" : " — " + first.getParent();
        return switch (kind) {
            case "dataset" -> Texts.fmt("recent.dataset", String.valueOf((char) ('A' + taskIndex(entry))),
                    first.getFileName(), datasetType(entry)) + where;
            case "checkpoint" -> Texts.fmt("recent.checkpoint", first.getFileName()) + where;
            default -> Texts.fmt("recent.lesson", first.getFileName()) + where;
        };
    }
}
