package org.ewclab.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ewclab.i18n.Texts;

/**
 * A folder with one sub-folder per class ({@code digits/0/*.png}, {@code digits/1/*.png}, ...); the sorted sub-folder
 * names are the class names. Any image javax.imageio decodes (PNG, JPEG, BMP, GIF) is read, turned to greyscale by
 * luminance (0.299 R + 0.587 G + 0.114 B, alpha ignored as PIL's "L" mode does) and resized.
 *
 * <p>Hidden entries (names starting with '.') are skipped and so are plain files beside the class folders (a README).
 * An empty class folder is allowed: the class keeps its index, so a test folder that lacks one class still lines up
 * with the training folder. A folder with no images at all is an error.
 */
final class ImageFolderFormat {
    private ImageFolderFormat() {
    }

    /** Receives each decoded image of a folder in order: classes in name order, files in name order. */
    @FunctionalInterface
    private interface ImageSink {
        void accept(Path file, int label, BufferedImage image) throws DatasetFormatException;
    }

    /** What a folder holds, for inspect. */
    record Census(List<String> classNames, int[] counts, int minHeight, int minWidth, int maxHeight,
            int maxWidth) {
        int total() {
            int total = 0;
            for (int count : counts) {
                total += count;
            }
            return total;
        }

        boolean uniformSize() {
            return minHeight == maxHeight && minWidth == maxWidth;
        }
    }

    /**
     * Reads the folder into a dataset of height×width images, or at the images' own size when height and width are
     * 0 (then all images must share one size). {@code classNames}, when given, fixes the class order (the training
     * folder's classes for a test folder); otherwise the sorted sub-folder names are the classes.
     */
    static Dataset read(Path folder, String name, List<String> classNames, int height, int width)
            throws DatasetFormatException {
        boolean resize = height > 0 && width > 0;
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        int[] size = {height, width};
        Path[] firstFile = new Path[1];
        List<String> classes = walk(folder, classNames, (file, label, image) -> {
            int h = image.getHeight();
            int w = image.getWidth();
            float[] grey = grey(image);
            if (resize) {
                grey = ImageResampler.resize(grey, h, w, height, width);
            } else if (firstFile[0] == null) {
                firstFile[0] = file;
                size[0] = h;
                size[1] = w;
            } else if (h != size[0] || w != size[1]) {
                throw new DatasetFormatException(file, Texts.fmt("data.folder.imageSize", h, w,
                        firstFile[0], size[0], size[1]));
            }
            byte[] bytes = new byte[grey.length];
            for (int k = 0; k < grey.length; k++) {
                bytes[k] = (byte) Math.max(0, Math.min(255, Math.round(grey[k])));
            }
            pixels.writeBytes(bytes);
            labels.add(label);
        });
        if (labels.isEmpty()) {
            throw new DatasetFormatException(folder, Texts.fmt("data.folder.noImages", String.join(", ", classes)));
        }
        return Dataset.ofImages(name, size[0], size[1], pixels.toByteArray(),
                labels.stream().mapToInt(Integer::intValue).toArray(), classes);
    }

    /** Decodes every image (one at a time) and counts them per class, with the range of their sizes. */
    static Census census(Path folder) throws DatasetFormatException {
        List<Integer> labels = new ArrayList<>();
        int[] range = {Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0};
        List<String> classes = walk(folder, null, (file, label, image) -> {
            labels.add(label);
            range[0] = Math.min(range[0], image.getHeight());
            range[1] = Math.min(range[1], image.getWidth());
            range[2] = Math.max(range[2], image.getHeight());
            range[3] = Math.max(range[3], image.getWidth());
        });
        if (labels.isEmpty()) {
            throw new DatasetFormatException(folder, Texts.fmt("data.folder.noImages", String.join(", ", classes)));
        }
        int[] counts = new int[classes.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return new Census(classes, counts, range[0], range[1], range[2], range[3]);
    }

    private static List<String> walk(Path folder, List<String> knownClasses, ImageSink sink)
            throws DatasetFormatException {
        if (!Files.exists(folder)) {
            throw new DatasetFormatException(folder, Texts.get("data.folder.noSuchFolder"));
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetFormatException(folder, Texts.get("data.folder.isFile"));
        }
        List<Path> classFolders = list(folder).stream().filter(Files::isDirectory).collect(Collectors.toList());
        if (classFolders.isEmpty()) {
            throw new DatasetFormatException(folder, Texts.get("data.folder.noClassFolders"));
        }
        List<String> classes = knownClasses != null ? knownClasses
                : classFolders.stream().map(ImageFolderFormat::fileName).collect(Collectors.toList());
        for (Path classFolder : classFolders) {
            int label = classes.indexOf(fileName(classFolder));
            if (label < 0) {
                throw new DatasetFormatException(classFolder, Texts.fmt("data.folder.otherClass",
                        fileName(classFolder), String.join(", ", classes)));
            }
            for (Path file : list(classFolder)) {
                if (Files.isDirectory(file)) {
                    throw new DatasetFormatException(file, Texts.get("data.folder.nested"));
                }
                sink.accept(file, label, decode(file));
            }
        }
        return classes;
    }

    private static BufferedImage decode(Path file) throws DatasetFormatException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new DatasetFormatException(file, Texts.fmt("data.folder.cannotReadImage", reason), e);
        }
        if (image == null) {
            throw new DatasetFormatException(file, Texts.get("data.folder.notImage"));
        }
        return image;
    }

    /**
     * Luminance 0..255. Single-channel grey images are read from the raster: {@code getRGB} would convert them
     * through the linear grey colour space and brighten mid-greys (128 comes back as ~186).
     */
    static float[] grey(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[h * w];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (!(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            double max = (1L << model.getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (float) (raster.getSample(x, y, 0) * 255.0 / max);
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                out[y * w + x] = 0.299f * (rgb >> 16 & 0xFF) + 0.587f * (rgb >> 8 & 0xFF) + 0.114f * (rgb & 0xFF);
            }
        }
        return out;
    }

    private static List<Path> list(Path folder) throws DatasetFormatException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !fileName(p).startsWith("."))
                    .sorted(Comparator.comparing(ImageFolderFormat::fileName))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new DatasetFormatException(folder, Texts.fmt("data.folder.cannotList", e), e);
        }
    }

    private static String fileName(Path path) {
        return path.getFileName().toString();
    }
}
