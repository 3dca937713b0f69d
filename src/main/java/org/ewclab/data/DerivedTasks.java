package org.ewclab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.ewclab.i18n.Texts;

/**
 * New tasks made from one dataset, the classic continual-learning benchmarks: permuted MNIST (one fixed pixel shuffle
 * per task), split MNIST (a subset of the classes), rotated MNIST, and smaller subsamples. Each transform applies the
 * same change to the training and the test set and names the result after it: {@code mnist·perm1},
 * {@code mnist[0,1]}, {@code mnist·rot45}, {@code mnist·sub100}. Seeds go to {@link Random}, whose sequence Java
 * specifies exactly, so a seed means the same data on every JVM.
 */
public final class DerivedTasks {
    private DerivedTasks() {
    }

    /**
     * A pseudo-random permutation of 0..n-1 from the seed (Fisher–Yates). Applied to an image as
     * {@code out[k] = in[permutation[k]]}; the same seed always gives the same permutation.
     */
    public static int[] pixelPermutation(int n, long seed) {
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        return permutation;
    }

    /** Permuted task: one pixel (or feature) permutation from the seed, the same for train and test. */
    public static TaskData permute(TaskData task, long seed) {
        int[] permutation = pixelPermutation(task.train().featureCount(), seed);
        return derive(task, task.name() + "·perm" + seed, (d, name) -> permute(d, permutation, name));
    }

    /** The dataset with every sample's inputs reordered: {@code out[k] = in[permutation[k]]}. */
    public static Dataset permute(Dataset dataset, int[] permutation, String name) {
        int d = dataset.featureCount();
        if (permutation.length != d) {
            throw new IllegalArgumentException("a permutation of " + permutation.length + " for samples of " + d);
        }
        if (dataset.isImage()) {
            byte[] in = dataset.pixels();
            byte[] out = new byte[in.length];
            for (int i = 0, base = 0; i < dataset.size(); i++, base += d) {
                for (int k = 0; k < d; k++) {
                    out[base + k] = in[base + permutation[k]];
                }
            }
            return dataset.withPixels(out, name);
        }
        float[] in = dataset.toFloats();
        float[] out = new float[in.length];
        for (int i = 0, base = 0; i < dataset.size(); i++, base += d) {
            for (int k = 0; k < d; k++) {
                out[base + k] = in[base + permutation[k]];
            }
        }
        return Dataset.ofFeatures(name, d, out, dataset.labels(), dataset.classNames());
    }

    /**
     * Only the samples of the given classes. With {@code relabel} the i-th listed class becomes label i and keeps its
     * name (split MNIST with a head per task); without it labels and the class list stay as they were (one shared
     * head over all classes, the class-incremental setting).
     */
    public static TaskData splitByClasses(TaskData task, List<Integer> classes, boolean relabel) {
        String name = task.name() + classes.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        return derive(task, name, (d, n) -> splitByClasses(d, classes, relabel, n));
    }

    public static Dataset splitByClasses(Dataset dataset, List<Integer> classes, boolean relabel, String name) {
        int[] newLabel = new int[dataset.classCount()];
        Arrays.fill(newLabel, -1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            if (c < 0 || c >= dataset.classCount()) {
                throw new IllegalArgumentException(Texts.fmt("task.classes.unknown", c, dataset.name(),
                        dataset.classCount() - 1));
            }
            if (newLabel[c] >= 0) {
                throw new IllegalArgumentException(Texts.fmt("task.classes.twice", c));
            }
            newLabel[c] = relabel ? i : c;
            names.add(dataset.classNames().get(c));
        }
        int[] labels = dataset.labels();
        int[] keep = new int[labels.length];
        int kept = 0;
        for (int i = 0; i < labels.length; i++) {
            if (newLabel[labels[i]] >= 0) {
                keep[kept++] = i;
            }
        }
        Dataset subset = dataset.select(Arrays.copyOf(keep, kept), name);
        if (!relabel) {
            return subset;
        }
        int[] relabelled = new int[kept];
        for (int j = 0; j < kept; j++) {
            relabelled[j] = newLabel[subset.label(j)];
        }
        return subset.relabel(relabelled, names, name);
    }

    /** Rotated task: every image turned by the angle about its centre (counter-clockwise as shown, in degrees). */
    public static TaskData rotate(TaskData task, double degrees) {
        return derive(task, task.name() + "·rot" + formatDegrees(degrees), (d, n) -> rotate(d, degrees, n));
    }

    /**
     * Every image rotated about its centre by bilinear interpolation; corners that come from outside the image are
     * black (0), the background of MNIST-like data. Positive angles turn counter-clockwise on screen.
     */
    public static Dataset rotate(Dataset dataset, double degrees, String name) {
        if (!dataset.isImage()) {
            throw new IllegalArgumentException(Texts.fmt("data.rotateNotImages", dataset.name()));
        }
        int h = dataset.height();
        int w = dataset.width();
        int d = h * w;
        double theta = Math.toRadians(degrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        // For each output pixel, where it comes from: the inverse rotation, in image coordinates (y points down).
        double[] sourceX = new double[d];
        double[] sourceY = new double[d];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double dy = y - cy;
                sourceX[y * w + x] = snap(cos * dx - sin * dy + cx);
                sourceY[y * w + x] = snap(sin * dx + cos * dy + cy);
            }
        }
        byte[] in = dataset.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0, base = 0; i < dataset.size(); i++, base += d) {
            for (int k = 0; k < d; k++) {
                double sx = sourceX[k];
                double sy = sourceY[k];
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                double v = (1 - fy) * ((1 - fx) * at(in, base, h, w, x0, y0) + fx * at(in, base, h, w, x0 + 1, y0))
                        + fy * ((1 - fx) * at(in, base, h, w, x0, y0 + 1) + fx * at(in, base, h, w, x0 + 1, y0 + 1));
                out[base + k] = (byte) Math.min(255, Math.round(v));
            }
        }
        return dataset.withPixels(out, name);
    }

    /**
     * At most {@code trainPerClass} training and {@code testPerClass} test samples of each class, drawn at random from
     * the seed and kept in their original order; null keeps a set whole. A class with fewer samples keeps them all.
     */
    public static TaskData subsample(TaskData task, Integer trainPerClass, Integer testPerClass, long seed) {
        if (trainPerClass == null && testPerClass == null) {
            return task;
        }
        String name = task.name() + "·sub" + (trainPerClass != null ? trainPerClass : "*")
                + (testPerClass != null ? "/" + testPerClass : "");
        Dataset train = trainPerClass == null ? task.train().withName(name + "/train")
                : subsample(task.train(), trainPerClass, seed, name + "/train");
        Dataset test = testPerClass == null ? task.test().withName(name + "/test")
                : subsample(task.test(), testPerClass, seed, name + "/test");
        return new TaskData(name, train, test);
    }

    public static Dataset subsample(Dataset dataset, int perClass, long seed, String name) {
        if (perClass <= 0) {
            throw new IllegalArgumentException(Texts.fmt("data.perClass", perClass));
        }
        int[] labels = dataset.labels();
        int[] counts = dataset.classCounts();
        Random random = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            int[] members = new int[counts[c]];
            int m = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members[m++] = i;
                }
            }
            int take = Math.min(perClass, m);
            // A partial Fisher–Yates: the first `take` entries end up a uniform random choice.
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(m - i);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
                chosen.add(members[i]);
            }
        }
        int[] indices = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
        return dataset.select(indices, name);
    }

    static String formatDegrees(double degrees) {
        if (degrees == Math.rint(degrees) && Math.abs(degrees) < 1e15) {
            return Long.toString((long) degrees);
        }
        return Double.toString(degrees);
    }

    /** Applies one dataset transform to train and test, naming them after the new task. */
    private static TaskData derive(TaskData task, String name, Transform transform) {
        return new TaskData(name, transform.apply(task.train(), name + "/train"),
                transform.apply(task.test(), name + "/test"));
    }

    @FunctionalInterface
    private interface Transform {
        Dataset apply(Dataset dataset, String name);
    }

    /** Removes the 1e-16 residue of cos(90°) so quarter turns land exactly on pixels. */
    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-9 ? r : v;
    }

    private static double at(byte[] pixels, int base, int h, int w, int x, int y) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return pixels[base + y * w + x] & 0xFF;
    }
}
