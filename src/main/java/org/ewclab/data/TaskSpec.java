package org.ewclab.data;

import java.util.List;

/**
 * How to build one task, as written in an experiment preset (JSON). Exactly one source is set: {@code dataset} (a
 * bundled set: "mnist" or "fashion"), {@code toy}, {@code idx}, {@code csv} or {@code folder}. The optional transforms
 * apply in this order: classes (split, optionally relabelled to 0..k-1), permute, rotate, subsample.
 * Paths are relative to the preset's folder. Fields that are null take their defaults.
 *
 * <pre>
 * {"name": "mnist", "dataset": "mnist"}
 * {"name": "perm-1", "dataset": "mnist", "permute": 1}
 * {"name": "0-1", "dataset": "mnist", "classes": [0, 1], "relabel": true}
 * {"name": "rot-45", "dataset": "mnist", "rotate": 45}
 * {"name": "moons", "toy": "moons", "samples": 1000, "testSamples": 500, "noise": 0.1, "toySeed": 1}
 * {"name": "mine", "idx": {"trainImages": "a.gz", "trainLabels": "b.gz", "testImages": "c.gz", "testLabels": "d.gz"}}
 * {"name": "mine", "csv": {"train": "train.csv", "test": "test.csv"}}
 * {"name": "mine", "folder": {"train": "photos/train", "test": "photos/test"}}
 * </pre>
 */
public record TaskSpec(
        String name,
        String dataset,
        String toy,
        IdxFiles idx,
        FilePair csv,
        FilePair folder,
        List<Integer> classes,
        Boolean relabel,
        Long permute,
        Double rotate,
        Integer trainPerClass,
        Integer testPerClass,
        Integer samples,
        Integer testSamples,
        Double noise,
        Long toySeed) {

    /** The four files of an IDX dataset. */
    public record IdxFiles(String trainImages, String trainLabels, String testImages, String testLabels) {
    }

    /** A train and a test file (CSV) or folder (images). */
    public record FilePair(String train, String test) {
    }

    /** A task from a bundled dataset with no transform. */
    public static TaskSpec bundled(String name, String dataset) {
        return new TaskSpec(name, dataset, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
