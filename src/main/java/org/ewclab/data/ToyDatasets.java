package org.ewclab.data;

import java.util.List;
import java.util.Random;
import org.ewclab.i18n.Texts;

/**
 * Two-dimensional toy problems, for seeing a decision boundary forget: two moons, two circles, three blobs, two
 * spirals. Samples are feature vectors (x, y) roughly within [-2, 2]², classes are split as evenly as n allows and
 * come in random order, and every point gets Gaussian noise of standard deviation {@code noise}. The same kind, n,
 * noise and seed give the same data on every run and every JVM ({@link Random} is specified exactly).
 */
public final class ToyDatasets {
    public static final String MOONS = "moons";
    public static final String CIRCLES = "circles";
    public static final String BLOBS = "blobs";
    public static final String SPIRALS = "spirals";

    /** Added to the seed for the test set, so test points are fresh draws from the same distribution. */
    private static final long TEST_STREAM = 0x9E3779B97F4A7C15L;

    private ToyDatasets() {
    }

    /** The kinds, in the order a picker should list them. */
    public static List<String> kinds() {
        return List.of(MOONS, CIRCLES, BLOBS, SPIRALS);
    }

    /** A task whose train and test sets are independent draws of the same kind (test uses a derived seed). */
    public static TaskData task(String kind, int trainSamples, int testSamples, double noise, long seed) {
        Dataset train = generate(kind, trainSamples, noise, seed).withName(kind + "/train");
        Dataset test = generate(kind, testSamples, noise, seed + TEST_STREAM).withName(kind + "/test");
        return new TaskData(kind, train, test);
    }

    /** n samples of the named kind; unknown kinds are an IllegalArgumentException listing the known ones. */
    public static Dataset generate(String kind, int n, double noise, long seed) {
        switch (kind) {
            case MOONS:
                return moons(n, noise, seed);
            case CIRCLES:
                return circles(n, noise, seed);
            case BLOBS:
                return blobs(n, noise, seed);
            case SPIRALS:
                return spirals(n, noise, seed);
            default:
                throw new IllegalArgumentException(Texts.fmt("task.unknownToy", kind,
                        String.join(", ", kinds())));
        }
    }

    /** Two interleaving half circles (radius 1), centred on the origin. */
    public static Dataset moons(int n, double noise, long seed) {
        return make(MOONS, n, 2, noise, seed, (c, random, out) -> {
            double t = Math.PI * random.nextDouble();
            if (c == 0) {
                out[0] = Math.cos(t) - 0.5;
                out[1] = Math.sin(t) - 0.25;
            } else {
                out[0] = 1 - Math.cos(t) - 0.5;
                out[1] = 0.5 - Math.sin(t) - 0.25;
            }
        });
    }

    /** A ring of radius 1 (class 0) around a ring of radius 0.5 (class 1). */
    public static Dataset circles(int n, double noise, long seed) {
        return make(CIRCLES, n, 2, noise, seed, (c, random, out) -> {
            double t = 2 * Math.PI * random.nextDouble();
            double r = c == 0 ? 1.0 : 0.5;
            out[0] = r * Math.cos(t);
            out[1] = r * Math.sin(t);
        });
    }

    /** Three Gaussian blobs (standard deviation 0.4) centred 1.5 from the origin, 120° apart. */
    public static Dataset blobs(int n, double noise, long seed) {
        return make(BLOBS, n, 3, noise, seed, (c, random, out) -> {
            double angle = Math.PI / 2 + c * 2 * Math.PI / 3;
            out[0] = 1.5 * Math.cos(angle) + 0.4 * random.nextGaussian();
            out[1] = 1.5 * Math.sin(angle) + 0.4 * random.nextGaussian();
        });
    }

    /** Two arms of an Archimedean spiral, each turning 1.5 times out to radius 2. */
    public static Dataset spirals(int n, double noise, long seed) {
        return make(SPIRALS, n, 2, noise, seed, (c, random, out) -> {
            double t = random.nextDouble();
            double r = 0.1 + 1.9 * t;
            double angle = 3 * Math.PI * t + c * Math.PI;
            out[0] = r * Math.cos(angle);
            out[1] = r * Math.sin(angle);
        });
    }

    @FunctionalInterface
    private interface PointOfClass {
        void draw(int label, Random random, double[] out);
    }

    private static Dataset make(String name, int n, int classes, double noise, long seed, PointOfClass shape) {
        if (n < 0) {
            throw new IllegalArgumentException("sample count must not be negative: " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number >= 0: " + noise);
        }
        Random random = new Random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        float[] features = new float[2 * n];
        double[] point = new double[2];
        for (int i = 0; i < n; i++) {
            shape.draw(labels[i], random, point);
            features[2 * i] = (float) (point[0] + noise * random.nextGaussian());
            features[2 * i + 1] = (float) (point[1] + noise * random.nextGaussian());
        }
        return Dataset.ofFeatures(name, 2, features, labels, Dataset.numberedClasses(classes));
    }
}
