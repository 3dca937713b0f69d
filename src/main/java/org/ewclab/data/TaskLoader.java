package org.ewclab.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ewclab.i18n.Texts;

/**
 * Builds the {@link TaskData} a {@link TaskSpec} describes: reads its one source, then applies the transforms in the
 * order TaskSpec documents (classes, permute, rotate, subsample). A spec that cannot be satisfied is a
 * {@link TaskSpecException} naming the field; a file that cannot be read is a {@link DatasetFormatException} naming
 * the file.
 *
 * <p>Defaults: {@code relabel} true when {@code classes} is set; toy sets {@value #DEFAULT_SAMPLES} training and
 * {@value #DEFAULT_TEST_SAMPLES} test samples, noise {@value #DEFAULT_NOISE}, toySeed 0. Images from a folder are
 * 28×28. The subsample draw uses a fixed seed (0), so {@code trainPerClass} picks the same samples whatever the
 * experiment's seed: runs with different seeds then differ in training only, not in their data.
 */
public final class TaskLoader {
    public static final int DEFAULT_SAMPLES = 1000;
    public static final int DEFAULT_TEST_SAMPLES = 500;
    public static final double DEFAULT_NOISE = 0.1;
    public static final long DEFAULT_TOY_SEED = 0;
    static final long SUBSAMPLE_SEED = 0;
    private static final int MAX_TOY_SAMPLES = 1_000_000;

    private static final String DATASET = "dataset";
    private static final String TOY = "toy";
    private static final String IDX = "idx";
    private static final String CSV = "csv";
    private static final String FOLDER = "folder";

    private TaskLoader() {
    }

    /**
     * Loads the task.
     *
     * @param baseDir the folder relative paths are resolved against (the preset's folder); null means the working
     *                directory
     */
    public static TaskData load(TaskSpec spec, Path baseDir) throws DatasetFormatException {
        String source = sourceOf(spec);
        checkToyFields(spec, source);
        checkTransforms(spec);
        String baseName = spec.name() != null && !spec.name().isBlank() ? spec.name() : null;

        TaskData task;
        switch (source) {
            case DATASET:
                task = bundled(spec.dataset());
                break;
            case TOY:
                task = toy(spec);
                break;
            case IDX:
                task = idx(spec.idx(), baseDir);
                break;
            case CSV:
                task = csv(spec.csv(), baseDir);
                break;
            default:
                task = folder(spec.folder(), baseDir);
                break;
        }
        if (baseName != null) {
            task = rename(task, baseName);
        }

        if (spec.classes() != null) {
            checkClasses(spec.classes(), task);
            task = DerivedTasks.splitByClasses(task, spec.classes(), spec.relabel() == null || spec.relabel());
        }
        if (spec.permute() != null) {
            task = DerivedTasks.permute(task, spec.permute());
        }
        if (spec.rotate() != null) {
            if (!task.train().isImage()) {
                throw new TaskSpecException("rotate", Texts.fmt("task.rotate.notImages", task.name()));
            }
            task = DerivedTasks.rotate(task, spec.rotate());
        }
        task = DerivedTasks.subsample(task, spec.trainPerClass(), spec.testPerClass(), SUBSAMPLE_SEED);
        return baseName != null ? rename(task, baseName) : task;
    }

    private static String sourceOf(TaskSpec spec) {
        List<String> set = new ArrayList<>();
        if (spec.dataset() != null) {
            set.add(DATASET);
        }
        if (spec.toy() != null) {
            set.add(TOY);
        }
        if (spec.idx() != null) {
            set.add(IDX);
        }
        if (spec.csv() != null) {
            set.add(CSV);
        }
        if (spec.folder() != null) {
            set.add(FOLDER);
        }
        if (set.isEmpty()) {
            throw new TaskSpecException(String.join(", ", DATASET, TOY, IDX, CSV, FOLDER),
                    Texts.get("task.noSource"));
        }
        if (set.size() > 1) {
            throw new TaskSpecException(String.join(", ", set), Texts.fmt("task.sources", set.size()));
        }
        return set.get(0);
    }

    private static void checkToyFields(TaskSpec spec, String source) {
        if (TOY.equals(source)) {
            if (!ToyDatasets.kinds().contains(spec.toy())) {
                throw new TaskSpecException(TOY, Texts.fmt("task.unknownToy", spec.toy(),
                        String.join(", ", ToyDatasets.kinds())));
            }
            checkCount("samples", spec.samples());
            checkCount("testSamples", spec.testSamples());
            if (spec.noise() != null && !(spec.noise() >= 0 && spec.noise() < Double.POSITIVE_INFINITY)) {
                throw new TaskSpecException("noise", Texts.fmt("task.noise", spec.noise()));
            }
            return;
        }
        String[] fields = {"samples", "testSamples", "noise", "toySeed"};
        Object[] values = {spec.samples(), spec.testSamples(), spec.noise(), spec.toySeed()};
        for (int i = 0; i < fields.length; i++) {
            if (values[i] != null) {
                throw new TaskSpecException(fields[i], Texts.fmt(i < 2 ? "task.toyOnly.samples" : "task.toyOnly",
                        source));
            }
        }
    }

    private static void checkCount(String field, Integer value) {
        if (value != null && (value < 1 || value > MAX_TOY_SAMPLES)) {
            throw new TaskSpecException(field, Texts.fmt("task.toySamples", MAX_TOY_SAMPLES, value));
        }
    }

    private static void checkTransforms(TaskSpec spec) {
        if (spec.trainPerClass() != null && spec.trainPerClass() < 1) {
            throw new TaskSpecException("trainPerClass", Texts.fmt("task.atLeastOne", spec.trainPerClass()));
        }
        if (spec.testPerClass() != null && spec.testPerClass() < 1) {
            throw new TaskSpecException("testPerClass", Texts.fmt("task.atLeastOne", spec.testPerClass()));
        }
        if (spec.rotate() != null && !Double.isFinite(spec.rotate())) {
            throw new TaskSpecException("rotate", Texts.fmt("task.rotate.angle", spec.rotate()));
        }
    }

    private static void checkClasses(List<Integer> classes, TaskData task) {
        if (classes.isEmpty()) {
            throw new TaskSpecException("classes", Texts.get("task.classes.empty"));
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer c : classes) {
            if (c == null) {
                throw new TaskSpecException("classes", Texts.get("task.classes.null"));
            }
            if (c < 0 || c >= task.classCount()) {
                throw new TaskSpecException("classes", Texts.fmt("task.classes.unknown", c, task.name(),
                        task.classCount() - 1));
            }
            if (!seen.add(c)) {
                throw new TaskSpecException("classes", Texts.fmt("task.classes.twice", c));
            }
        }
    }

    private static TaskData bundled(String name) {
        if (!BundledDatasets.names().contains(name)) {
            throw new TaskSpecException(DATASET, Texts.fmt("task.unknownDataset", name,
                    String.join(", ", BundledDatasets.names())));
        }
        return BundledDatasets.load(name);
    }

    private static TaskData toy(TaskSpec spec) {
        return ToyDatasets.task(spec.toy(), orDefault(spec.samples(), DEFAULT_SAMPLES),
                orDefault(spec.testSamples(), DEFAULT_TEST_SAMPLES),
                spec.noise() != null ? spec.noise() : DEFAULT_NOISE,
                spec.toySeed() != null ? spec.toySeed() : DEFAULT_TOY_SEED);
    }

    private static TaskData idx(TaskSpec.IdxFiles files, Path baseDir) throws DatasetFormatException {
        Path trainImages = path("idx.trainImages", files.trainImages(), baseDir);
        Path trainLabels = path("idx.trainLabels", files.trainLabels(), baseDir);
        Path testImages = path("idx.testImages", files.testImages(), baseDir);
        Path testLabels = path("idx.testLabels", files.testLabels(), baseDir);
        Dataset train = DatasetFiles.readIdx(trainImages, trainLabels, null);
        Dataset test = DatasetFiles.readIdx(testImages, testLabels, null);
        requireSameShape(train, trainImages, test, testImages);
        return withSharedClasses(DatasetFiles.nameOf(trainImages), train, test);
    }

    private static TaskData csv(TaskSpec.FilePair files, Path baseDir) throws DatasetFormatException {
        Path trainFile = path("csv.train", files.train(), baseDir);
        Path testFile = path("csv.test", files.test(), baseDir);
        Dataset train = DatasetFiles.readCsv(trainFile);
        Dataset test = DatasetFiles.readCsv(testFile);
        requireSameShape(train, trainFile, test, testFile);
        return withSharedClasses(DatasetFiles.nameOf(trainFile), train, test);
    }

    private static TaskData folder(TaskSpec.FilePair folders, Path baseDir) throws DatasetFormatException {
        Path trainFolder = path("folder.train", folders.train(), baseDir);
        Path testFolder = path("folder.test", folders.test(), baseDir);
        String name = DatasetFiles.nameOf(trainFolder);
        int side = DatasetFiles.DEFAULT_IMAGE_SIDE;
        Dataset train = ImageFolderFormat.read(trainFolder, name + "/train", null, side, side);
        Dataset test = ImageFolderFormat.read(testFolder, name + "/test", train.classNames(), side, side);
        return new TaskData(name, train, test);
    }

    /** Classes numbered 0..max over both sets, so a class missing from one set still has its index. */
    private static TaskData withSharedClasses(String name, Dataset train, Dataset test) {
        List<String> classes = Dataset.numberedClasses(Math.max(train.classCount(), test.classCount()));
        return new TaskData(name, train.relabel(train.labels(), classes, name + "/train"),
                test.relabel(test.labels(), classes, name + "/test"));
    }

    private static void requireSameShape(Dataset train, Path trainFile, Dataset test, Path testFile)
            throws DatasetFormatException {
        if (train.isImage() != test.isImage() || train.featureCount() != test.featureCount()) {
            throw new DatasetFormatException(testFile, Texts.fmt("data.otherShape", shape(test), trainFile, shape(train)));
        }
    }

    private static String shape(Dataset d) {
        return d.isImage() ? Texts.fmt("data.shape.images", d.height(), d.width())
                : Texts.fmt("data.shape.features", d.featureCount());
    }

    private static Path path(String field, String value, Path baseDir) {
        if (value == null) {
            throw new TaskSpecException(field, Texts.get("task.missing"));
        }
        if (value.isBlank()) {
            throw new TaskSpecException(field, Texts.get("task.emptyPath"));
        }
        try {
            Path path = Path.of(value);
            return baseDir == null || path.isAbsolute() ? path : baseDir.resolve(path);
        } catch (InvalidPathException e) {
            throw new TaskSpecException(field, Texts.fmt("task.badPath", e.getMessage()));
        }
    }

    private static TaskData rename(TaskData task, String name) {
        return new TaskData(name, task.train().withName(name + "/train"), task.test().withName(name + "/test"));
    }

    private static int orDefault(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
