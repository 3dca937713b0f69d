package org.ewclab.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable in-memory labelled dataset: either uint8 images N×H×W (pixels stored as unsigned bytes) or N×D float
 * feature vectors (the 2-D toy sets). Arrays handed in are copied and arrays handed out are copies, so a dataset can be
 * shared freely between the trainer thread and the window.
 */
public final class Dataset {
    private final String name;
    private final int size;
    private final int[] sampleShape;
    private final int featureCount;
    private final byte[] pixels;
    private final float[] features;
    private final int[] labels;
    private final List<String> classNames;

    private Dataset(String name, int size, int[] sampleShape, byte[] pixels, float[] features, int[] labels,
            List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.size = size;
        this.sampleShape = sampleShape.clone();
        this.featureCount = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        this.pixels = pixels;
        this.features = features;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        if (labels.length != size) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + size + " samples");
        }
        int storage = pixels != null ? pixels.length : features.length;
        if (storage != (long) size * featureCount) {
            throw new IllegalArgumentException(name + ": " + storage + " values for " + size + " samples of "
                    + featureCount);
        }
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (this.classNames.size() - 1));
            }
        }
    }

    /** Images of h×w unsigned bytes, row-major, {@code pixels.length == n·h·w}. */
    public static Dataset ofImages(String name, int height, int width, byte[] pixels, int[] labels,
            List<String> classNames) {
        return new Dataset(name, labels.length, new int[] {height, width}, pixels.clone(), null, labels.clone(),
                classNames);
    }

    /** Feature vectors of dimension d, row-major, {@code features.length == n·d}. */
    public static Dataset ofFeatures(String name, int dimension, float[] features, int[] labels,
            List<String> classNames) {
        return new Dataset(name, labels.length, new int[] {dimension}, null, features.clone(), labels.clone(),
                classNames);
    }

    /** Class names "0".."n-1". */
    public static List<String> numberedClasses(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public boolean isImage() {
        return pixels != null;
    }

    /** {H, W} for images, {D} for feature vectors. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Number of inputs per sample: H·W or D. */
    public int featureCount() {
        return featureCount;
    }

    public int height() {
        requireImages();
        return sampleShape[0];
    }

    public int width() {
        requireImages();
        return sampleShape[1];
    }

    public int label(int i) {
        return labels[i];
    }

    public int[] labels() {
        return labels.clone();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int classCount() {
        return classNames.size();
    }

    /** How many samples carry each label. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Unsigned pixel value 0..255 of sample i at flat position k. */
    public int pixel(int i, int k) {
        requireImages();
        return pixels[i * featureCount + k] & 0xFF;
    }

    /** A copy of all pixels (N·H·W unsigned bytes). */
    public byte[] pixels() {
        requireImages();
        return pixels.clone();
    }

    /** Writes sample i as floats (pixels scaled to 0..1, features as they are) into dst from offset. */
    public void copySample(int i, float[] dst, int offset) {
        int base = i * featureCount;
        if (pixels != null) {
            for (int k = 0; k < featureCount; k++) {
                dst[offset + k] = (pixels[base + k] & 0xFF) / 255f;
            }
        } else {
            System.arraycopy(features, base, dst, offset, featureCount);
        }
    }

    /** All samples as an N×D row-major float matrix (pixels scaled to 0..1). */
    public float[] toFloats() {
        float[] out = new float[size * featureCount];
        for (int i = 0; i < size; i++) {
            copySample(i, out, i * featureCount);
        }
        return out;
    }

    /** A new dataset holding the samples at the given indices, in that order. */
    public Dataset select(int[] indices, String newName) {
        int[] newLabels = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            newLabels[j] = labels[indices[j]];
        }
        if (pixels != null) {
            byte[] out = new byte[indices.length * featureCount];
            for (int j = 0; j < indices.length; j++) {
                System.arraycopy(pixels, indices[j] * featureCount, out, j * featureCount, featureCount);
            }
            return new Dataset(newName, indices.length, sampleShape, out, null, newLabels, classNames);
        }
        float[] out = new float[indices.length * featureCount];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(features, indices[j] * featureCount, out, j * featureCount, featureCount);
        }
        return new Dataset(newName, indices.length, sampleShape, null, out, newLabels, classNames);
    }

    /** The same samples under new labels and class names (e.g. a split relabelled to 0..k-1). */
    public Dataset relabel(int[] newLabels, List<String> newClassNames, String newName) {
        return new Dataset(newName, size, sampleShape, pixels, features, newLabels.clone(), newClassNames);
    }

    /** The same labels over new pixel data of the same shape (e.g. permuted or rotated images). */
    public Dataset withPixels(byte[] newPixels, String newName) {
        requireImages();
        return new Dataset(newName, size, sampleShape, newPixels.clone(), null, labels, classNames);
    }

    public Dataset withName(String newName) {
        return new Dataset(newName, size, sampleShape, pixels, features, labels, classNames);
    }

    /**
     * A SHA-256 hex digest of what the samples are: the sample shape and, for every sample, its label and its pixels
     * (or feature values). It does not depend on the order of the samples or on names, so a shuffled or class-sorted
     * copy of a set has the same hash, and any changed pixel or label gives another. A checkpoint stores it to know
     * which data its task was trained on.
     */
    public String contentHash() {
        java.security.MessageDigest sample = sha256();
        long[] digests = new long[size];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 + (pixels != null ? featureCount : 4 * featureCount));
        for (int i = 0; i < size; i++) {
            buf.clear();
            buf.putInt(labels[i]);
            if (pixels != null) {
                buf.put(pixels, i * featureCount, featureCount);
            } else {
                for (int k = 0; k < featureCount; k++) {
                    buf.putInt(Float.floatToIntBits(features[i * featureCount + k]));
                }
            }
            byte[] d = sample.digest(buf.array());
            digests[i] = java.nio.ByteBuffer.wrap(d).getLong();
        }
        Arrays.sort(digests);
        java.security.MessageDigest all = sha256();
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4 * (2 + sampleShape.length));
        head.putInt(pixels != null ? 1 : 2).putInt(size);
        for (int s : sampleShape) {
            head.putInt(s);
        }
        all.update(head.array());
        java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(8 * size);
        for (long d : digests) {
            body.putLong(d);
        }
        all.update(body.array());
        return hex(all.digest());
    }

    static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    private void requireImages() {
        if (pixels == null) {
            throw new IllegalStateException(name + " holds feature vectors, not images");
        }
    }

    @Override
    public String toString() {
        return name + " (" + size + " × " + Arrays.toString(sampleShape) + ", " + classNames.size() + " classes)";
    }
}
