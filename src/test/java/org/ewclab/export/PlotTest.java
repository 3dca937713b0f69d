package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlotTest {
    private static final float[] XS = {0, 1, 2};

    @Test
    void copiesDataSoTheCallerMayKeepWritingItsArrays() {
        float[] y = {1, 2, 3};
        Series.Line line = Series.line("a", XS, y, "#d62728");
        y[0] = 99;
        assertEquals(1f, line.y().get(0));
        line.y().toArray()[1] = 99;
        assertEquals(2f, line.y().get(1));
    }

    @Test
    void seriesNamesAreUniqueBecauseTheLegendTogglesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plot.builder()
                .add(Series.line("EWC", XS, XS)).add(Series.line("EWC", XS, XS)).build());
        assertTrue(e.getMessage().contains("EWC"));
    }

    @Test
    void rejectsMismatchedData() {
        assertThrows(IllegalArgumentException.class, () -> Series.line("a", XS, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> Series.bars("h", new float[] {0, 1}, XS, null));
        assertThrows(IllegalArgumentException.class, () -> HeatMap.of(28, 28, new float[700]));
        assertThrows(IllegalArgumentException.class, () -> Axis.log10("F", null).withRange(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Series.Style.of("red"));
        assertThrows(IllegalArgumentException.class, () -> HeatMap.of(1, 1, new float[1]).withCellFormat("%d"));
    }

    @Test
    void uncolouredSeriesGetDistinctColoursThatAvoidTheOnesInUse() {
        Plot p = Plot.builder().add(Series.line("fixed", XS, XS, MethodColors.PLAIN))
                .add(Series.line("a", XS, XS)).add(Series.line("b", XS, XS)).build();
        String a = p.series().get(1).style().color();
        String b = p.series().get(2).style().color();
        assertNotEquals(MethodColors.PLAIN, a);
        assertNotEquals(a, b);
    }

    @Test
    void hidingByNameLeavesDataAndOtherSeriesAlone() {
        Plot p = SamplePlots.forgettingCurve();
        Plot hidden = p.withHidden(Set.of("EWC · task A", "no such series"));
        for (int i = 0; i < p.series().size(); i++) {
            Series s = hidden.series().get(i);
            assertEquals(!s.name().equals("EWC · task A"), s.style().visible());
            assertEquals(((Series.Line) p.series().get(i)).y(), ((Series.Line) s).y());
        }
        assertTrue(p.series().stream().allMatch(s -> s.style().visible()), "the original is unchanged");
    }

    @Test
    void scatterLabelsMatchThePoints() {
        assertThrows(IllegalArgumentException.class,
                () -> Series.scatter("s", XS, XS, List.of("λ=1"), MethodColors.EWC));
        assertFalse(Series.scatter("s", XS, XS, MethodColors.EWC).connected());
    }
}
