package org.ewclab.data;

import java.util.Random;

/**
 * A seeded random subset of a labelled set with each class in proportion to its share of the whole, in shuffled order.
 * The lab measures on subsets (the Fisher's samples, the live accuracy curves' held-out samples); "the first n rows"
 * would be one class only in a file sorted by label, so it draws them instead. The same labels, size and seed always
 * give the same subset ({@link Random} is specified exactly), so a run stays reproducible.
 *
 * <p>Per class c with N_c of N samples, the subset of n holds ⌊n·N_c/N⌋ samples, and the n − Σ⌊·⌋ still missing go one
 * each to the classes with the largest remainders n·N_c/N − ⌊n·N_c/N⌋ (ties: the lower class), so the counts sum to n
 * and no class is off its exact share by a whole sample (Hamilton's largest-remainder rule). Within a class the samples
 * are a uniform draw without replacement; the subset is then shuffled, so consecutive rows (a "batch" Fisher's batch)
 * mix the classes.
 */
public final class StratifiedSample {
    private StratifiedSample() {
    }

    /**
     * How many of {@code n} samples each class gets: the largest-remainder share of {@code classCounts}. Throws if
     * {@code n} is negative or more than the samples there are.
     */
    public static int[] allocate(int[] classCounts, int n) {
        long total = 0;
        for (int c : classCounts) {
            if (c < 0) {
                throw new IllegalArgumentException("a class count is negative: " + c);
            }
            total += c;
        }
        if (n < 0 || n > total) {
            throw new IllegalArgumentException("cannot draw " + n + " of " + total + " samples");
        }
        int k = classCounts.length;
        int[] out = new int[k];
        if (n == 0) {
            return out;
        }
        long[] remainder = new long[k];
        int given = 0;
        for (int c = 0; c < k; c++) {
            // exact integer arithmetic: n·N_c = q·N + r, so the share is q and the remainder r/N
            long num = (long) n * classCounts[c];
            out[c] = (int) (num / total);
            remainder[c] = num % total;
            given += out[c];
        }
        for (int missing = n - given; missing > 0; missing--) {
            int best = -1;
            for (int c = 0; c < k; c++) {
                if (remainder[c] > 0 && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            out[best]++;
            remainder[best] = 0;
        }
        return out;
    }

    /**
     * Indices of {@code n} of the samples with these labels (0..classCount−1), stratified by class and shuffled, from
     * {@code seed}. With {@code n >= labels.length} every index, shuffled.
     */
    public static int[] draw(int[] labels, int classCount, int n, long seed) {
        int size = labels.length;
        int take = Math.min(Math.max(n, 0), size);
        int[] counts = new int[classCount];
        for (int y : labels) {
            if (y < 0 || y >= classCount) {
                throw new IllegalArgumentException("label " + y + " is outside 0.." + (classCount - 1));
            }
            counts[y]++;
        }
        int[] share = allocate(counts, take);
        int[][] members = new int[classCount][];
        int[] fill = new int[classCount];
        for (int c = 0; c < classCount; c++) {
            members[c] = new int[counts[c]];
        }
        for (int i = 0; i < size; i++) {
            members[labels[i]][fill[labels[i]]++] = i;
        }
        Random random = new Random(seed);
        int[] out = new int[take];
        int k = 0;
        for (int c = 0; c < classCount; c++) {
            int[] m = members[c];
            // a partial Fisher–Yates: the first share[c] entries become a uniform draw without replacement
            for (int i = 0; i < share[c]; i++) {
                int j = i + random.nextInt(m.length - i);
                int t = m[i];
                m[i] = m[j];
                m[j] = t;
                out[k++] = m[i];
            }
        }
        shuffle(out, random);
        return out;
    }

    /** Indices of {@code n} samples without labels (e.g. an unlabelled set): a uniform draw, shuffled. */
    public static int[] draw(int size, int n, long seed) {
        return draw(new int[size], 1, n, seed);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
