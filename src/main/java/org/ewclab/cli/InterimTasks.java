package org.ewclab.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskSpec;

/**
 * A stand-in for the data layer's {@code TaskLoader} on the engine branch: the bundled MNIST and Fashion-MNIST (from
 * the classpath) with the {@code classes}/{@code relabel} and {@code permute} transforms. The lead replaces it with
 * {@code spec -> TaskLoader.load(spec, presetDir)} when merging.
 */
final class InterimTasks implements Function<TaskSpec, TaskData> {
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @Override
    public TaskData apply(TaskSpec spec) {
        if (spec.dataset() == null) {
            throw new IllegalArgumentException("task " + spec.name() + ": only bundled datasets load on this build");
        }
        try {
            Dataset train = read(spec.dataset(), "train");
            Dataset test = read(spec.dataset(), "test");
            if (spec.classes() != null) {
                train = split(train, spec.classes(), Boolean.TRUE.equals(spec.relabel()));
                test = split(test, spec.classes(), Boolean.TRUE.equals(spec.relabel()));
            }
            if (spec.permute() != null) {
                int[] perm = permutation(train.featureCount(), spec.permute());
                train = permute(train, perm);
                test = permute(test, perm);
            }
            return new TaskData(spec.name(), train.withName(spec.name() + "-train"),
                    test.withName(spec.name() + "-test"));
        } catch (IOException e) {
            throw new IllegalArgumentException("task " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    static TaskData bundled(String name) {
        return new InterimTasks().apply(TaskSpec.bundled(name, name));
    }

    private static Dataset read(String set, String split) throws IOException {
        if (!set.equals("mnist") && !set.equals("fashion")) {
            throw new IOException("unknown bundled dataset \"" + set + "\" (mnist, fashion)");
        }
        byte[] pixels;
        int h;
        int w;
        try (DataInputStream in = open("/assets/datasets/" + set + "-" + split + "-images-idx3-ubyte.gz")) {
            in.readInt();
            int n = in.readInt();
            h = in.readInt();
            w = in.readInt();
            pixels = new byte[n * h * w];
            in.readFully(pixels);
        }
        int[] labels;
        try (DataInputStream in = open("/assets/datasets/" + set + "-" + split + "-labels-idx1-ubyte.gz")) {
            in.readInt();
            labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
            }
        }
        return Dataset.ofImages(set + "-" + split, h, w, pixels, labels,
                set.equals("fashion") ? FASHION : Dataset.numberedClasses(10));
    }

    private static DataInputStream open(String resource) throws IOException {
        InputStream raw = InterimTasks.class.getResourceAsStream(resource);
        if (raw == null) {
            throw new IOException("missing bundled file " + resource);
        }
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
    }

    private static Dataset split(Dataset d, List<Integer> classes, boolean relabel) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (classes.contains(d.label(i))) {
                keep.add(i);
            }
        }
        Dataset sub = d.select(keep.stream().mapToInt(Integer::intValue).toArray(), d.name());
        if (!relabel) {
            return sub;
        }
        int[] labels = new int[sub.size()];
        List<String> names = new ArrayList<>();
        for (int c : classes) {
            names.add(d.classNames().get(c));
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.indexOf(sub.label(i));
        }
        return sub.relabel(labels, names, sub.name());
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (seed == 0) {
            return p;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static Dataset permute(Dataset d, int[] perm) {
        byte[] src = d.pixels();
        byte[] dst = new byte[src.length];
        int f = d.featureCount();
        for (int i = 0; i < d.size(); i++) {
            for (int k = 0; k < f; k++) {
                dst[i * f + k] = src[i * f + perm[k]];
            }
        }
        return d.withPixels(dst, d.name());
    }
}
