package org.ewclab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.ewclab.data.TaskSpec;

/** An entry of the task pickers: a label for people and the task it stands for. */
record TaskChoice(String label, TaskSpec spec) {

    @Override
    public String toString() {
        return label;
    }

    /** The bundled and derived tasks every picker offers. */
    static List<TaskChoice> standard() {
        List<TaskChoice> out = new ArrayList<>();
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.mnist"), TaskSpec.bundled("mnist", "mnist")));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.fashion"), TaskSpec.bundled("fashion", "fashion")));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.perm1"), derived("mnist-perm1", "mnist", null, 1L, null)));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.perm2"), derived("mnist-perm2", "mnist", null, 2L, null)));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.rot45"), derived("mnist-rot45", "mnist", null, null, 45.0)));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.rot90"), derived("mnist-rot90", "mnist", null, null, 90.0)));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.mnist04"), derived("mnist-0-4", "mnist", List.of(0, 1, 2, 3, 4), null, null)));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.mnist59"), derived("mnist-5-9", "mnist", List.of(5, 6, 7, 8, 9), null, null)));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.fashion04"),
                derived("fashion-0-4", "fashion", List.of(0, 1, 2, 3, 4), null, null)));
        out.add(new TaskChoice(org.ewclab.i18n.Texts.get("choice.fashion59"),
                derived("fashion-5-9", "fashion", List.of(5, 6, 7, 8, 9), null, null)));
        for (String toy : List.of("moons", "circles", "blobs", "spirals")) {
            out.add(new TaskChoice(org.ewclab.i18n.Texts.fmt("choice.toy", toy), toy(toy)));
        }
        return out;
    }

    /** The choice matching a spec, or a new "custom" entry labelled by its name. */
    static TaskChoice forSpec(TaskSpec spec, List<TaskChoice> known) {
        for (TaskChoice c : known) {
            if (c.spec().equals(spec)) {
                return c;
            }
        }
        return new TaskChoice(spec.dataset() == null && spec.toy() == null
                ? org.ewclab.i18n.Texts.fmt("choice.file", spec.name()) : spec.name(), spec);
    }

    private static TaskSpec derived(String name, String dataset, List<Integer> classes, Long permute, Double rotate) {
        // relabel=false keeps the original class indices, so a single 10-way head sees 0–4 then 5–9 (class-incremental)
        return new TaskSpec(name, dataset, null, null, null, null, classes, classes == null ? null : Boolean.FALSE,
                permute, rotate, null, null, null, null, null, null);
    }

    private static TaskSpec toy(String kind) {
        return new TaskSpec(kind, null, kind, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /**
     * Finds the four IDX files of a dataset in a folder: names containing "train"/"images" etc., test files named
     * "test" or "t10k" (the official names), plain or gzip. Empty if any is missing.
     */
    static Optional<TaskSpec.IdxFiles> idxFilesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted()
                    .toList();
            String trainImages = find(names, "train", "images");
            String trainLabels = find(names, "train", "labels");
            String testImages = find(names, "test", "images");
            String testLabels = find(names, "test", "labels");
            if (trainImages == null || trainLabels == null || testImages == null || testLabels == null) {
                return Optional.empty();
            }
            return Optional.of(new TaskSpec.IdxFiles(folder.resolve(trainImages).toString(),
                    folder.resolve(trainLabels).toString(), folder.resolve(testImages).toString(),
                    folder.resolve(testLabels).toString()));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String find(List<String> names, String part, String kind) {
        for (String n : names) {
            String l = n.toLowerCase(Locale.ROOT);
            boolean partMatches = part.equals("test") ? l.contains("test") || l.contains("t10k") : l.contains(part);
            if (partMatches && l.contains(kind)) {
                return n;
            }
        }
        return null;
    }

    static TaskSpec idx(String name, TaskSpec.IdxFiles files) {
        return new TaskSpec(name, null, null, files, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    static TaskSpec csv(String name, Path train, Path test) {
        return new TaskSpec(name, null, null, null, new TaskSpec.FilePair(train.toString(), test.toString()), null,
                null, null, null, null, null, null, null, null, null, null);
    }

    static TaskSpec folder(String name, Path train, Path test) {
        return new TaskSpec(name, null, null, null, null, new TaskSpec.FilePair(train.toString(), test.toString()),
                null, null, null, null, null, null, null, null, null, null);
    }
}
