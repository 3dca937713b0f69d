package org.ewclab.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a dataset file (or an IDX images + labels pair, or an image folder) holds, for {@code inspect} and for a file
 * picker's preview.
 *
 * @param files       the file, or the images and labels files of a pair
 * @param format      what kind of data it is
 * @param gzipped     whether the (first) file is gzip-compressed; false for a folder
 * @param samples     the number of samples (images, labels or rows)
 * @param shape       one sample's shape: {@code 28x28}, {@code 2 features}; {@code -} for a labels file; a size range
 *                    when a folder's images differ in size
 * @param classCounts samples per class, in class order; empty when the file holds no labels
 * @param notes       details worth knowing (CSV header and scale, resizing of a folder), possibly none
 */
public record FileSummary(List<Path> files, Format format, boolean gzipped, int samples, String shape,
        Map<String, Integer> classCounts, List<String> notes) {

    public enum Format {
        IDX_IMAGES("inspect.format.idxImages"),
        IDX_LABELS("inspect.format.idxLabels"),
        IDX_PAIR("inspect.format.idxPair"),
        CSV("inspect.format.csv"),
        IMAGE_FOLDER("inspect.format.folder");

        private final String key;

        Format(String key) {
            this.key = key;
        }

        /** The format's name in the current language ("IDX images", "image folder"). */
        @Override
        public String toString() {
            return org.ewclab.i18n.Texts.get(key);
        }
    }

    public FileSummary {
        files = List.copyOf(files);
        classCounts = Collections.unmodifiableMap(new LinkedHashMap<>(classCounts));
        notes = List.copyOf(notes);
    }

    public boolean hasLabels() {
        return format != Format.IDX_IMAGES;
    }
}
