package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {

    private static List<String> labels(List<Ticks.Tick> ticks) {
        return ticks.stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList();
    }

    private static List<String> labelled(List<Ticks.Tick> ticks) {
        return ticks.stream().map(Ticks.Tick::label).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void linearTicksUseOneTwoFiveSteps() {
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1.0"), labels(Ticks.linear(0, 1, 5, false)));
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), labels(Ticks.linear(0, 100, 5, false)));
        assertEquals(List.of("0", "1000", "2000", "3000", "4000"), labels(Ticks.linear(0, 4000, 4, false)));
        assertEquals(List.of("0", "5", "10"), labels(Ticks.linear(-3.7, 12.1, 4, false)));
        assertEquals(List.of("−0.3", "−0.2", "−0.1", "0", "0.1", "0.2", "0.3"),
                labels(Ticks.linear(-0.3, 0.3, 6, false)));
        assertEquals(List.of("0.0015", "0.002", "0.0025", "0.003"), labels(Ticks.linear(0.0013, 0.0031, 4, false))
                .stream().map(s -> s.replaceAll("0+$", "").replaceAll("\\.$", "")).toList());
    }

    @Test
    void stepsNeverExceedTheTargetCount() {
        for (double span : new double[] {0.07, 1, 3.3, 17, 250, 9999}) {
            for (int target = 2; target <= 10; target++) {
                double step = Ticks.niceStep(span, target);
                assertTrue(span / step <= target + 1e-9, span + "/" + target + " gave step " + step);
                double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
                assertTrue(List.of(1L, 2L, 5L).contains(Math.round(mantissa)), "1-2-5 step: " + step);
            }
        }
    }

    @Test
    void aNarrowRangeStillGetsTwoTicks() {
        assertTrue(Ticks.linear(0.3, 0.92, 3, false).size() >= 2);
        assertTrue(Ticks.linear(101, 102.3, 2, false).size() >= 2);
    }

    @Test
    void percentAxesMultiplyByHundred() {
        assertEquals(List.of("0%", "20%", "40%", "60%", "80%", "100%"), labels(Ticks.linear(0, 1, 5, true)));
    }

    @Test
    void logTicksSitAtDecades() {
        List<Ticks.Tick> t = Ticks.log10(1e-10, 1, 12);
        assertEquals(List.of("10^−10", "10^−9", "10^−8", "10^−7", "10^−6", "10^−5", "10^−4", "10^−3", "10^−2",
                "10^−1", "10^0"), labelled(t));
        for (Ticks.Tick tick : t) {
            if (!tick.label().isEmpty()) {
                double e = Math.log10(tick.value());
                assertEquals(Math.rint(e), e, 1e-9, "labelled tick at a decade: " + tick.value());
            }
        }
        assertTrue(t.stream().anyMatch(x -> !x.major()), "minor ticks between decades");
    }

    @Test
    void logTicksThinOutWhenDecadesAreMany() {
        assertEquals(List.of("10^−10", "10^−8", "10^−6", "10^−4", "10^−2", "10^0"),
                labelled(Ticks.log10(1e-10, 1, 6)));
        assertEquals(List.of("10^−9", "10^−6", "10^−3", "10^0"), labelled(Ticks.log10(1e-10, 1, 4)));
    }

    @Test
    void readableDecadesArePlainNumbers() {
        assertEquals(List.of("0.01", "0.1", "1", "10", "100", "1000"), labelled(Ticks.log10(0.01, 1000, 10)));
    }

    @Test
    void aLogRangeWithinADecadeLabelsTwoAndFive() {
        assertEquals(List.of("2", "5", "10", "20", "50"), labelled(Ticks.log10(1.5, 60, 10)));
    }

    @Test
    void aSliverOfADecadeFallsBackToPlainValues() {
        assertEquals(List.of("1.2", "1.4", "1.6", "1.8"), labelled(Ticks.log10(1.2, 1.8, 4)));
    }

    @Test
    void hugeAndTinyValuesUseAnExponent() {
        assertEquals("2.5×10^7", Ticks.format(2.5e7, 5e6, false));
        assertEquals("3×10^−5", Ticks.format(3e-5, 1e-5, false));
    }
}
