package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimatorTest {

    @Test
    void keepsTheMinimumAndMaximumOfEveryPixelColumn() {
        int n = 100_000;
        float[] px = new float[n];
        float[] py = new float[n];
        Random r = new Random(42);
        for (int i = 0; i < n; i++) {
            px[i] = i * 700f / n;
            py[i] = (float) (r.nextGaussian() * 50 + (r.nextInt(5000) == 0 ? 400 : 0)); // rare spikes
        }
        float[][] out = Decimator.minMaxPerColumn(px, py, n);

        Map<Integer, float[]> full = extremes(px, py, n);
        Map<Integer, float[]> kept = extremes(out[0], out[1], out[0].length);
        assertEquals(full.keySet(), kept.keySet(), "every column still has points");
        for (Map.Entry<Integer, float[]> e : full.entrySet()) {
            float[] k = kept.get(e.getKey());
            assertEquals(e.getValue()[0], k[0], "min of column " + e.getKey());
            assertEquals(e.getValue()[1], k[1], "max of column " + e.getKey());
        }
        assertTrue(out[0].length <= 4 * full.size(), "at most four points per column: " + out[0].length);
        for (int i = 1; i < out[0].length; i++) {
            assertTrue(out[0][i] >= out[0][i - 1], "order kept");
        }
    }

    private static Map<Integer, float[]> extremes(float[] px, float[] py, int n) {
        Map<Integer, float[]> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(px[i])) {
                continue;
            }
            float[] mm = m.computeIfAbsent((int) Math.floor(px[i]), k -> new float[] {Float.MAX_VALUE,
                -Float.MAX_VALUE});
            mm[0] = Math.min(mm[0], py[i]);
            mm[1] = Math.max(mm[1], py[i]);
        }
        return m;
    }

    @Test
    void keepsGapsAsOneBreak() {
        float[] px = {0, 0.5f, Float.NaN, Float.NaN, 3, 3.2f};
        float[] py = {1, 2, Float.NaN, Float.NaN, 3, 4};
        float[][] out = Decimator.minMaxPerColumn(px, py, px.length);
        assertEquals(5, out[0].length);
        assertTrue(Float.isNaN(out[1][2]));
    }

    @Test
    void leavesShortLinesAlone() {
        float[] px = {0, 1, 2, 3};
        float[] py = {4, 3, 2, 1};
        float[][] out = Decimator.minMaxPerColumn(px, py, 4);
        assertEquals(4, out[0].length);
    }
}
