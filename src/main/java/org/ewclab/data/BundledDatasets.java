package org.ewclab.data;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ewclab.i18n.Texts;

/**
 * The datasets that ship inside the lab (assets/datasets, gzipped IDX): {@code mnist} (8,000 train / 2,000 test
 * digits) and {@code fashion} (Fashion-MNIST, 12,000 / 2,000, 1,200 / 200 per class). Each is read once and then
 * shared; datasets are immutable, so every caller may hold the same instance.
 */
public final class BundledDatasets {
    public static final String MNIST = "mnist";
    public static final String FASHION = "fashion";

    private static final String FOLDER = "/assets/datasets/";
    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final Map<String, TaskData> LOADED = new HashMap<>();

    private BundledDatasets() {
    }

    /** The bundled names, in the order a picker should list them. */
    public static List<String> names() {
        return List.of(MNIST, FASHION);
    }

    /** A name for people: "MNIST digits", "Fashion-MNIST". */
    public static String title(String name) {
        switch (name) {
            case MNIST:
                return "MNIST digits";
            case FASHION:
                return "Fashion-MNIST";
            default:
                throw unknown(name);
        }
    }

    /** The digits 0..9, classes named "0".."9". */
    public static TaskData mnist() {
        return load(MNIST);
    }

    /** Fashion-MNIST, classes named T-shirt/top, Trouser, ..., Ankle boot. */
    public static TaskData fashion() {
        return load(FASHION);
    }

    /**
     * The bundled dataset of that name, read on first use. An unknown name is an IllegalArgumentException that lists
     * the known ones; a bundled file that fails to read means a broken build, an UncheckedIOException.
     */
    public static synchronized TaskData load(String name) {
        TaskData task = LOADED.get(name);
        if (task == null) {
            List<String> classes = classNames(name);
            task = new TaskData(name, read(name, "train", classes), read(name, "test", classes));
            LOADED.put(name, task);
        }
        return task;
    }

    /** The class names of a bundled dataset, without loading it. */
    public static List<String> classNames(String name) {
        switch (name) {
            case MNIST:
                return Dataset.numberedClasses(10);
            case FASHION:
                return FASHION_CLASSES;
            default:
                throw unknown(name);
        }
    }

    private static Dataset read(String name, String split, List<String> classes) {
        try {
            IdxFormat.Content images = resource(name + "-" + split + "-images-idx3-ubyte.gz", IdxFormat.Kind.IMAGES);
            IdxFormat.Content labels = resource(name + "-" + split + "-labels-idx1-ubyte.gz", IdxFormat.Kind.LABELS);
            return DatasetFiles.pair(images, labels, classes, name + "/" + split);
        } catch (DatasetFormatException e) {
            throw new UncheckedIOException(Texts.fmt("data.bundledBroken", name, e.getMessage()), e);
        }
    }

    private static IdxFormat.Content resource(String file, IdxFormat.Kind kind) throws DatasetFormatException {
        InputStream stream = BundledDatasets.class.getResourceAsStream(FOLDER + file);
        Path name = Path.of(file);
        if (stream == null) {
            throw new DatasetFormatException(name, Texts.fmt("data.bundledMissing", FOLDER + file));
        }
        try (SourceFile source = SourceFile.of(name, stream)) {
            return IdxFormat.read(source, kind);
        }
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException(Texts.fmt("task.unknownDataset", name, String.join(", ", names())));
    }
}
