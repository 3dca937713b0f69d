package org.ewclab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToyDatasetsTest {
    @Test
    void theSameSeedGivesTheSameDataForEveryKind() {
        for (String kind : ToyDatasets.kinds()) {
            Dataset a = ToyDatasets.generate(kind, 200, 0.1, 42);
            Dataset b = ToyDatasets.generate(kind, 200, 0.1, 42);
            assertArrayEquals(a.toFloats(), b.toFloats(), kind);
            assertArrayEquals(a.labels(), b.labels(), kind);
        }
    }

    @Test
    void anotherSeedGivesOtherData() {
        for (String kind : ToyDatasets.kinds()) {
            assertFalse(Arrays.equals(ToyDatasets.generate(kind, 200, 0.1, 1).toFloats(),
                    ToyDatasets.generate(kind, 200, 0.1, 2).toFloats()), kind);
        }
    }

    @Test
    void samplesArePointsInThePlaneWithBalancedNumberedClasses() {
        assertShape(ToyDatasets.moons(101, 0.1, 0), 101, List.of("0", "1"), new int[] {51, 50});
        assertShape(ToyDatasets.circles(100, 0.1, 0), 100, List.of("0", "1"), new int[] {50, 50});
        assertShape(ToyDatasets.blobs(100, 0.1, 0), 100, List.of("0", "1", "2"), new int[] {34, 33, 33});
        assertShape(ToyDatasets.spirals(100, 0.1, 0), 100, List.of("0", "1"), new int[] {50, 50});
    }

    private static void assertShape(Dataset d, int n, List<String> classes, int[] counts) {
        assertFalse(d.isImage());
        assertArrayEquals(new int[] {2}, d.sampleShape());
        assertEquals(n, d.size());
        assertEquals(classes, d.classNames());
        assertArrayEquals(counts, d.classCounts());
        for (float v : d.toFloats()) {
            assertTrue(Math.abs(v) < 3, "point coordinate " + v + " far outside [-2, 2]");
        }
    }

    @Test
    void withoutNoiseCirclesLieOnTheirRadius() {
        Dataset d = ToyDatasets.circles(50, 0, 3);
        float[] xy = d.toFloats();
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(xy[2 * i], xy[2 * i + 1]);
            assertEquals(d.label(i) == 0 ? 1.0 : 0.5, r, 1e-6);
        }
    }

    @Test
    void noiseSpreadsThePoints() {
        Dataset d = ToyDatasets.circles(2000, 0.2, 3);
        float[] xy = d.toFloats();
        double squared = 0;
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(xy[2 * i], xy[2 * i + 1]);
            double deviation = r - (d.label(i) == 0 ? 1.0 : 0.5);
            squared += deviation * deviation;
        }
        assertEquals(0.2, Math.sqrt(squared / d.size()), 0.03);
    }

    @Test
    void aTaskDrawsTestPointsIndependentlyOfTrainingPoints() {
        TaskData task = ToyDatasets.task("moons", 100, 40, 0.1, 5);
        assertEquals("moons", task.name());
        assertEquals(100, task.train().size());
        assertEquals(40, task.test().size());
        float[] train = task.train().toFloats();
        float[] test = task.test().toFloats();
        assertFalse(Arrays.equals(Arrays.copyOf(train, 80), test));
    }

    @Test
    void anUnknownKindListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ToyDatasets.generate("moon", 10, 0.1, 0));
        assertEquals("unknown toy set 'moon'; known: moons, circles, blobs, spirals", e.getMessage());
    }
}
