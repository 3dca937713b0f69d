package org.ewclab.engine;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;

/** Test fixtures: the bundled IDX sets (a tiny reader, until the data layer's TaskLoader is merged) and synthetic tasks. */
final class TestData {
    private TestData() {
    }

    static TaskData bundled(String name) {
        try {
            return new TaskData(name, idx(name, "train", name + "-train"), idx(name, "test", name + "-test"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dataset idx(String set, String split, String newName) throws IOException {
        Path dir = Path.of("assets", "datasets");
        byte[] pixels;
        int h;
        int w;
        try (DataInputStream in = open(dir.resolve(set + "-" + split + "-images-idx3-ubyte.gz"))) {
            in.readInt();
            int n = in.readInt();
            h = in.readInt();
            w = in.readInt();
            pixels = new byte[n * h * w];
            in.readFully(pixels);
        }
        int[] labels;
        try (DataInputStream in = open(dir.resolve(set + "-" + split + "-labels-idx1-ubyte.gz"))) {
            in.readInt();
            int n = in.readInt();
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedByte();
            }
        }
        return Dataset.ofImages(newName, h, w, pixels, labels, Dataset.numberedClasses(10));
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(p));
        return new DataInputStream(new java.io.BufferedInputStream(in));
    }

    /**
     * A synthetic task of d features and k classes: Gaussian blobs around class means drawn from {@code taskSeed}, so
     * two tasks with different seeds want different weights from a shared network.
     */
    static TaskData blobs(String name, int d, int k, int train, int test, long taskSeed, double spread) {
        Random means = new Random(taskSeed);
        float[][] mu = new float[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                mu[c][j] = (float) means.nextGaussian();
            }
        }
        return new TaskData(name, blobSet(name + "-train", mu, train, new Random(taskSeed + 1), spread),
                blobSet(name + "-test", mu, test, new Random(taskSeed + 2), spread));
    }

    private static Dataset blobSet(String name, float[][] mu, int n, Random rng, double spread) {
        int k = mu.length;
        int d = mu[0].length;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            y[i] = c;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (mu[c][j] + spread * rng.nextGaussian());
            }
        }
        return Dataset.ofFeatures(name, d, x, y, Dataset.numberedClasses(k));
    }
}
