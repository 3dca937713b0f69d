package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each task of a lesson gets a line style of its own, so tasks C, D, E can be told apart in one method's colour. */
class TaskLineStyleTest {
    @Test
    void theFirstSixTasksHaveSixStylesThenTheyRepeatFromDashed() {
        assertEquals(Series.Dash.SOLID, Series.Dash.forTask(0));
        assertEquals(Series.Dash.DASHED, Series.Dash.forTask(1));
        assertEquals(Series.Dash.DOTTED, Series.Dash.forTask(2));
        Set<Series.Dash> six = new HashSet<>();
        for (int t = 0; t < 6; t++) {
            six.add(Series.Dash.forTask(t));
        }
        assertEquals(6, six.size());
        assertEquals(Series.Dash.DASHED, Series.Dash.forTask(6), "task A stays the only solid line");
        assertNotEquals(Series.Dash.SOLID, Series.Dash.forTask(11));
    }

    @Test
    void everyStyleDrawsADistinctDashPattern() {
        assertNull(Look.dash(Series.Dash.SOLID, 2));
        Set<String> patterns = new HashSet<>();
        for (Series.Dash d : Series.Dash.values()) {
            float[] p = Look.dash(d, 2);
            patterns.add(p == null ? "solid" : Arrays.toString(p));
        }
        assertEquals(Series.Dash.values().length, patterns.size());
        assertEquals("[8.0, 3.6, 2.0, 3.6]", Arrays.toString(Look.dash(Series.Dash.DASH_DOT, 2)));
    }
}
