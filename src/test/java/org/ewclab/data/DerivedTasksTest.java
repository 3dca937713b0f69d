package org.ewclab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DerivedTasksTest {
    /** n random 28×28 images with labels i mod classes. */
    private static Dataset images(String name, int n, int classes, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * 784];
        random.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return Dataset.ofImages(name, 28, 28, pixels, labels, Dataset.numberedClasses(classes));
    }

    private static TaskData task() {
        return new TaskData("digits", images("digits/train", 40, 4, 1), images("digits/test", 20, 4, 2));
    }

    @Test
    void aPermutationIsABijection() {
        int[] p = DerivedTasks.pixelPermutation(784, 7);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < 784; k++) {
            assertEquals(k, sorted[k]);
        }
    }

    @Test
    void theSameSeedGivesTheSamePermutationAndAnotherSeedAnother() {
        assertArrayEquals(DerivedTasks.pixelPermutation(784, 7), DerivedTasks.pixelPermutation(784, 7));
        assertFalse(Arrays.equals(DerivedTasks.pixelPermutation(784, 7), DerivedTasks.pixelPermutation(784, 8)));
    }

    @Test
    void permuteAppliesOnePermutationToTrainAndTestAlike() {
        TaskData task = task();
        TaskData permuted = DerivedTasks.permute(task, 3);
        int[] p = DerivedTasks.pixelPermutation(784, 3);
        for (Dataset[] pair : new Dataset[][] {{task.train(), permuted.train()}, {task.test(), permuted.test()}}) {
            for (int i = 0; i < pair[0].size(); i++) {
                for (int k = 0; k < 784; k++) {
                    assertEquals(pair[0].pixel(i, p[k]), pair[1].pixel(i, k));
                }
            }
            assertArrayEquals(pair[0].labels(), pair[1].labels());
        }
        assertEquals("digits·perm3", permuted.name());
        assertEquals("digits·perm3/train", permuted.train().name());
    }

    @Test
    void permuteReordersFeatureVectorsToo() {
        Dataset points = Dataset.ofFeatures("p", 3, new float[] {1, 2, 3}, new int[] {0}, List.of("0"));
        Dataset permuted = DerivedTasks.permute(points, new int[] {2, 0, 1}, "q");
        assertArrayEquals(new float[] {3, 1, 2}, permuted.toFloats());
    }

    @Test
    void splitKeepsOnlyTheListedClassesRelabelledInListOrder() {
        TaskData split = DerivedTasks.splitByClasses(task(), List.of(3, 1), true);
        assertEquals("digits[3,1]", split.name());
        assertEquals(List.of("3", "1"), split.train().classNames());
        assertEquals(20, split.train().size());
        for (int i = 0; i < split.train().size(); i++) {
            assertTrue(split.train().label(i) == 0 || split.train().label(i) == 1);
        }
        // Relabelled samples are the originals: class 3 came first in the list, so it became 0.
        Dataset original = task().train();
        assertEquals(original.select(new int[] {1}, "x").pixel(0, 5), split.train().pixel(0, 5)); // sample 1 is class 1
        assertEquals(1, split.train().label(0));
        assertEquals(0, split.train().label(1));
    }

    @Test
    void splitsOfDifferentClassesAreDisjoint() {
        TaskData first = DerivedTasks.splitByClasses(task(), List.of(0, 1), true);
        TaskData second = DerivedTasks.splitByClasses(task(), List.of(2, 3), true);
        assertEquals(task().train().size(), first.train().size() + second.train().size());
        for (int i = 0; i < first.train().size(); i++) {
            for (int j = 0; j < second.train().size(); j++) {
                assertFalse(Arrays.equals(sample(first.train(), i), sample(second.train(), j)));
            }
        }
    }

    @Test
    void splitWithoutRelabelKeepsLabelsAndAllClassNames() {
        TaskData split = DerivedTasks.splitByClasses(task(), List.of(2, 3), false);
        assertEquals(Dataset.numberedClasses(4), split.train().classNames());
        assertArrayEquals(new int[] {0, 0, 10, 10}, split.train().classCounts());
    }

    @Test
    void splitRejectsClassesOutOfRangeOrTwice() {
        assertThrows(IllegalArgumentException.class, () -> DerivedTasks.splitByClasses(task(), List.of(4), true));
        assertThrows(IllegalArgumentException.class, () -> DerivedTasks.splitByClasses(task(), List.of(1, 1), true));
    }

    @Test
    void rotationByZeroIsTheIdentity() {
        Dataset d = task().train();
        assertArrayEquals(d.pixels(), DerivedTasks.rotate(d, 0, "same").pixels());
    }

    @Test
    void fourQuarterTurnsReturnTheImage() {
        Dataset d = task().train();
        Dataset turned = d;
        for (int i = 0; i < 4; i++) {
            turned = DerivedTasks.rotate(turned, 90, "turned");
        }
        byte[] before = d.pixels();
        byte[] after = turned.pixels();
        for (int k = 0; k < before.length; k++) {
            assertEquals(before[k] & 0xFF, after[k] & 0xFF, 1, "pixel " + k);
        }
    }

    @Test
    void aQuarterTurnIsCounterClockwiseAsShown() {
        byte[] pixels = new byte[9];
        pixels[5] = (byte) 255; // the middle of the right edge of a 3×3 image
        Dataset d = Dataset.ofImages("dot", 3, 3, pixels, new int[] {0}, List.of("0"));
        Dataset turned = DerivedTasks.rotate(d, 90, "turned");
        assertEquals(255, turned.pixel(0, 1)); // now the middle of the top edge
        assertEquals(0, turned.pixel(0, 5));
    }

    @Test
    void rotationInterpolatesAndFillsCornersWithBlack() {
        byte[] white = new byte[784];
        Arrays.fill(white, (byte) 255);
        Dataset d = Dataset.ofImages("white", 28, 28, white, new int[] {0}, List.of("0"));
        Dataset turned = DerivedTasks.rotate(d, 45, "turned");
        assertEquals(0, turned.pixel(0, 0)); // a corner comes from outside the image
        assertEquals(255, turned.pixel(0, 14 * 28 + 14)); // the centre stays
    }

    @Test
    void rotateNamesTheTaskAfterTheAngle() {
        assertEquals("digits·rot45", DerivedTasks.rotate(task(), 45).name());
        assertEquals("digits·rot22.5", DerivedTasks.rotate(task(), 22.5).name());
    }

    @Test
    void subsampleKeepsAtMostSoManyPerClass() {
        TaskData sub = DerivedTasks.subsample(task(), 3, 2, 0);
        assertArrayEquals(new int[] {3, 3, 3, 3}, sub.train().classCounts());
        assertArrayEquals(new int[] {2, 2, 2, 2}, sub.test().classCounts());
        assertEquals("digits·sub3/2", sub.name());
        TaskData all = DerivedTasks.subsample(task(), 1000, null, 0);
        assertEquals(40, all.train().size());
        assertEquals(20, all.test().size());
    }

    @Test
    void subsampleDrawsTheSameSamplesForTheSameSeed() {
        Dataset d = task().train();
        assertArrayEquals(DerivedTasks.subsample(d, 3, 5, "a").pixels(), DerivedTasks.subsample(d, 3, 5, "b").pixels());
        assertFalse(Arrays.equals(DerivedTasks.subsample(d, 3, 5, "a").pixels(),
                DerivedTasks.subsample(d, 3, 6, "b").pixels()));
    }

    private static byte[] sample(Dataset d, int i) {
        byte[] out = new byte[d.featureCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (byte) d.pixel(i, k);
        }
        return out;
    }
}
