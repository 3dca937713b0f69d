package org.ewclab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ewclab.i18n.Texts;

/**
 * Reads datasets from files: IDX (MNIST's format, plain or gzip), CSV and image folders. Every problem with a file is a
 * {@link DatasetFormatException} whose message names the file and says what is wrong, so callers can show it as it is.
 * Gzip is recognised by content, never by file name.
 */
public final class DatasetFiles {
    /** Images from a folder are resized to this side unless told otherwise: the size of MNIST and the bundled sets. */
    public static final int DEFAULT_IMAGE_SIDE = 28;

    private static final int SNIFF_BYTES = 512;

    private DatasetFiles() {
    }

    /**
     * An IDX images file (magic 0x00000803) and its labels file (0x00000801) as one dataset named after the images
     * file.
     *
     * @param classNames the class names, or null for classes numbered 0..max label; when given, a label outside
     *                   0..n-1 is an error
     */
    public static Dataset readIdx(Path images, Path labels, List<String> classNames) throws DatasetFormatException {
        IdxFormat.Content pixels = IdxFormat.read(images, IdxFormat.Kind.IMAGES);
        IdxFormat.Content tags = IdxFormat.read(labels, IdxFormat.Kind.LABELS);
        return pair(pixels, tags, classNames, nameOf(images));
    }

    /** A CSV file, one sample per row (see {@link #summarize} for what was detected); classes numbered 0..max. */
    public static Dataset readCsv(Path file) throws DatasetFormatException {
        return CsvFormat.read(file, nameOf(file)).dataset();
    }

    /** An image folder (one sub-folder per class), greyscale, resized to 28×28. */
    public static Dataset readImageFolder(Path folder) throws DatasetFormatException {
        return readImageFolder(folder, DEFAULT_IMAGE_SIDE, DEFAULT_IMAGE_SIDE);
    }

    /** An image folder (one sub-folder per class), greyscale, resized to height×width (area average or bilinear). */
    public static Dataset readImageFolder(Path folder, int height, int width) throws DatasetFormatException {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + height + "x" + width);
        }
        return ImageFolderFormat.read(folder, nameOf(folder), null, height, width);
    }

    /** An image folder at the images' own size, which they must all share. */
    public static Dataset readImageFolderAtOriginalSize(Path folder) throws DatasetFormatException {
        return ImageFolderFormat.read(folder, nameOf(folder), null, 0, 0);
    }

    /** Whether the first file starts like IDX images and the second like IDX labels (headers only, never throws). */
    public static boolean isIdxPair(Path images, Path labels) {
        return IdxFormat.sniff(images) == IdxFormat.Kind.IMAGES && IdxFormat.sniff(labels) == IdxFormat.Kind.LABELS;
    }

    /** Reads a file or image folder completely and describes it; the format is recognised from the content. */
    public static FileSummary summarize(Path file) throws DatasetFormatException {
        if (Files.isDirectory(file)) {
            return summarizeFolder(file);
        }
        byte[] head = new byte[SNIFF_BYTES];
        int length;
        try (SourceFile source = SourceFile.open(file)) {
            length = source.readFully(head, 0, head.length);
        }
        if (IdxFormat.looksLikeIdx(head, length) || length < 4 && length > 0 && head[0] == 0) {
            return summarizeIdx(IdxFormat.read(file));
        }
        if (length == 0) {
            throw new DatasetFormatException(file, Texts.get("data.emptyGzip"));
        }
        if (CsvFormat.looksLikeCsv(head, length)) {
            return summarizeCsv(file);
        }
        StringBuilder first = new StringBuilder("0x");
        for (int i = 0; i < Math.min(4, length); i++) {
            first.append(String.format("%02X", head[i] & 0xFF));
        }
        throw new DatasetFormatException(file, Texts.fmt("data.notDataset", first));
    }

    /** Reads an IDX images file and its labels file together and describes the pair, with samples per class. */
    public static FileSummary summarizeIdxPair(Path images, Path labels) throws DatasetFormatException {
        IdxFormat.Content pixels = IdxFormat.read(images, IdxFormat.Kind.IMAGES);
        IdxFormat.Content tags = IdxFormat.read(labels, IdxFormat.Kind.LABELS);
        Dataset dataset = pair(pixels, tags, null, nameOf(images));
        List<String> notes = pixels.gzipped() == tags.gzipped() ? List.of()
                : List.of(Texts.get(tags.gzipped() ? "inspect.note.labelsGzip" : "inspect.note.labelsPlain"));
        return new FileSummary(List.of(images, labels), FileSummary.Format.IDX_PAIR, pixels.gzipped(), dataset.size(),
                dataset.height() + "x" + dataset.width(), countsOf(dataset.classNames(), dataset.classCounts()),
                notes);
    }

    static Dataset pair(IdxFormat.Content images, IdxFormat.Content labels, List<String> classNames, String name)
            throws DatasetFormatException {
        if (labels.count() != images.count()) {
            throw new DatasetFormatException(labels.file(), Texts.fmt("data.labelCount",
                    labels.count(), images.file().getFileName(), images.count()));
        }
        int[] values = labels.labels();
        List<String> classes = classNames;
        if (classes == null) {
            classes = Dataset.numberedClasses(maxPlusOne(values));
        } else {
            for (int i = 0; i < values.length; i++) {
                if (values[i] >= classes.size()) {
                    throw new DatasetFormatException(labels.file(), Texts.fmt("data.labelOutside",
                            i, values[i], classes.size(), classes.size() - 1));
                }
            }
        }
        return Dataset.ofImages(name, images.height(), images.width(), images.data(), values, classes);
    }

    static String nameOf(Path file) {
        Path name = file.toAbsolutePath().normalize().getFileName();
        return name != null ? name.toString() : file.toString();
    }

    private static FileSummary summarizeIdx(IdxFormat.Content content) {
        if (content.kind() == IdxFormat.Kind.IMAGES) {
            return new FileSummary(List.of(content.file()), FileSummary.Format.IDX_IMAGES, content.gzipped(),
                    content.count(), content.height() + "x" + content.width(), Map.of(), List.of());
        }
        int[] labels = content.labels();
        int[] counts = new int[maxPlusOne(labels)];
        for (int label : labels) {
            counts[label]++;
        }
        return new FileSummary(List.of(content.file()), FileSummary.Format.IDX_LABELS, content.gzipped(),
                content.count(), "-", countsOf(Dataset.numberedClasses(counts.length), counts), List.of());
    }

    private static FileSummary summarizeCsv(Path file) throws DatasetFormatException {
        CsvFormat.Parsed parsed = CsvFormat.read(file, nameOf(file));
        Dataset dataset = parsed.dataset();
        String layout = parsed.hasHeader() ? Texts.fmt("inspect.note.headerLabels", parsed.labelColumn() + 1,
                parsed.header().get(parsed.labelColumn())) : Texts.fmt("inspect.note.noHeaderLabels",
                parsed.labelColumn() + 1);
        String values;
        String shape;
        if (dataset.isImage()) {
            shape = dataset.height() + "x" + dataset.width();
            values = Texts.get(parsed.scale() == CsvFormat.Scale.BYTES ? "inspect.note.pixels255"
                    : "inspect.note.pixels1");
        } else {
            shape = dataset.featureCount() == 1 ? Texts.get("inspect.shape.oneFeature")
                    : Texts.fmt("data.shape.features", dataset.featureCount());
            values = Texts.get("inspect.note.values");
        }
        return new FileSummary(List.of(file), FileSummary.Format.CSV, parsed.gzipped(), dataset.size(), shape,
                countsOf(dataset.classNames(), dataset.classCounts()), List.of(layout, values));
    }

    private static FileSummary summarizeFolder(Path folder) throws DatasetFormatException {
        ImageFolderFormat.Census census = ImageFolderFormat.census(folder);
        String shape = census.minHeight() + "x" + census.minWidth();
        if (!census.uniformSize()) {
            shape = Texts.fmt("inspect.shape.range", shape, census.maxHeight() + "x" + census.maxWidth());
        }
        String note = Texts.fmt("inspect.note.greyscale", DEFAULT_IMAGE_SIDE, DEFAULT_IMAGE_SIDE);
        return new FileSummary(List.of(folder), FileSummary.Format.IMAGE_FOLDER, false, census.total(), shape,
                countsOf(census.classNames(), census.counts()), List.of(note));
    }

    private static int maxPlusOne(int[] values) {
        int max = -1;
        for (int value : values) {
            max = Math.max(max, value);
        }
        return max + 1;
    }

    private static Map<String, Integer> countsOf(List<String> classNames, int[] counts) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            map.put(classNames.get(i), counts[i]);
        }
        return map;
    }
}
