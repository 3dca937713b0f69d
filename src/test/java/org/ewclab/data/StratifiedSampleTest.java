package org.ewclab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedSampleTest {

    /** Labels sorted by class, as an image folder or a sorted CSV gives them: counts[c] samples of class c. */
    private static int[] sortedLabels(int... counts) {
        int[] y = new int[Arrays.stream(counts).sum()];
        int k = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                y[k++] = c;
            }
        }
        return y;
    }

    @Test
    void largestRemainderGivesEachClassItsShareRoundedByTheLargestRemainders() {
        // 10 of 6+3+1: exact shares 6, 3, 1
        assertArrayEquals(new int[] {6, 3, 1}, StratifiedSample.allocate(new int[] {6, 3, 1}, 10));
        // 7 of 50+30+20: 3.5, 2.1, 1.4 → floors 3, 2, 1 (6), the one missing goes to the largest remainder (.5)
        assertArrayEquals(new int[] {4, 2, 1}, StratifiedSample.allocate(new int[] {50, 30, 20}, 7));
        // 5 of 3×10: 1.667 each → floors 1,1,1, two missing, equal remainders → the lower classes
        assertArrayEquals(new int[] {2, 2, 1}, StratifiedSample.allocate(new int[] {10, 10, 10}, 5));
        // 4 of 97+1+1+1: 3.88, .04, .04, .04 → 3 + the largest remainder → 4, 0, 0, 0
        assertArrayEquals(new int[] {4, 0, 0, 0}, StratifiedSample.allocate(new int[] {97, 1, 1, 1}, 4));
        // 6 of 1+1+8: .6, .6, 4.8 → floors 0,0,4, two missing → the remainders .8, then .6 (class 0)
        assertArrayEquals(new int[] {1, 0, 5}, StratifiedSample.allocate(new int[] {1, 1, 8}, 6));
        assertArrayEquals(new int[] {0, 0}, StratifiedSample.allocate(new int[] {0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSample.allocate(new int[] {2, 2}, 5));
    }

    @Test
    void aDrawFromClassSortedLabelsHoldsEveryClassInProportionAndMixesThem() {
        int[] y = sortedLabels(500, 300, 200);
        int[] idx = StratifiedSample.draw(y, 3, 70, 1);
        assertEquals(70, idx.length);
        int[] perClass = new int[3];
        for (int i : idx) {
            perClass[y[i]]++;
        }
        assertArrayEquals(new int[] {35, 21, 14}, perClass);
        assertEquals(70, Arrays.stream(idx).distinct().count(), "without replacement");
        // shuffled: the first 10 rows are not all one class (a batch Fisher's first batch mixes classes)
        assertTrue(Arrays.stream(idx, 0, 10).map(i -> y[i]).distinct().count() > 1);
        // drawn at random within a class, not its first members
        assertFalse(Arrays.stream(idx).filter(i -> y[i] == 0).allMatch(i -> i < 35));
    }

    @Test
    void theSameSeedGivesTheSameSubsetAndAnotherSeedAnother() {
        int[] y = sortedLabels(40, 40, 40, 40);
        assertArrayEquals(StratifiedSample.draw(y, 4, 30, 5), StratifiedSample.draw(y, 4, 30, 5));
        int[] a = StratifiedSample.draw(y, 4, 30, 5);
        int[] b = StratifiedSample.draw(y, 4, 30, 6);
        assertNotEquals(Arrays.toString(a), Arrays.toString(b));
        int[] sa = a.clone();
        int[] sb = b.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        assertNotEquals(Arrays.toString(sa), Arrays.toString(sb), "other samples, not only another order");
    }

    @Test
    void askingForAllOrMoreGivesEverySampleOnceShuffled() {
        int[] y = sortedLabels(5, 5);
        int[] idx = StratifiedSample.draw(y, 2, 50, 3);
        assertEquals(10, idx.length);
        int[] sorted = idx.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        assertNotEquals(Arrays.toString(sorted), Arrays.toString(idx));
        assertEquals(4, StratifiedSample.draw(7, 4, 1).length);
    }

    @Test
    void theContentHashIgnoresOrderAndNamesButSeesAChangedPixelOrLabel() {
        byte[] px = new byte[4 * 2 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7);
        }
        int[] y = {0, 1, 1, 0};
        Dataset d = Dataset.ofImages("a", 2, 2, px, y, Dataset.numberedClasses(2));
        Dataset reordered = d.select(new int[] {3, 1, 0, 2}, "other name");
        assertEquals(d.contentHash(), reordered.contentHash());
        assertEquals(64, d.contentHash().length());
        byte[] px2 = px.clone();
        px2[5] ^= 1;
        assertNotEquals(d.contentHash(), Dataset.ofImages("a", 2, 2, px2, y, Dataset.numberedClasses(2))
                .contentHash());
        assertNotEquals(d.contentHash(), d.relabel(new int[] {1, 1, 1, 0}, List.of("0", "1"), "a").contentHash());
        TaskData t = new TaskData("t", d, d);
        assertEquals(t.contentHash(), new TaskData("renamed", reordered, d).contentHash());
        assertNotEquals(t.contentHash(), new TaskData("t", d, d.select(new int[] {0, 1, 2}, "x")).contentHash());
    }
}
