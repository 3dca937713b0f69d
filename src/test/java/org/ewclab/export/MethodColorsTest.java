package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodColorsTest {

    @Test
    void methodsAndTasksHaveTheDesignColours() {
        assertEquals("#d62728", MethodColors.method("plain"));
        assertEquals("#1f77b4", MethodColors.method("l2"));
        assertEquals("#2ca02c", MethodColors.method("ewc"));
        assertEquals("#9467bd", MethodColors.method("online-ewc"));
        assertEquals("#7f7f7f", MethodColors.task(0));
        assertEquals("#e6a800", MethodColors.task(1));
        assertThrows(IllegalArgumentException.class, () -> MethodColors.method("sgd"));
    }

    @Test
    void everyMethodOfTheLabHasItsOwnDesignColour() {
        List<String> expected = List.of("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#98df8a", "#bcbd22", "#393b79",
                "#e377c2", "#17becf", "#8c564b", "#222222");
        List<String> got = org.ewclab.engine.ExperimentPreset.METHODS.stream().map(MethodColors::method).toList();
        assertEquals(expected, got);
        assertEquals(got.size(), got.stream().distinct().count());
        assertTrue(MethodColors.isReference("joint"));
        assertTrue(!MethodColors.isReference("replay"));
    }

    @Test
    void furtherTasksStayClearOfTheFixedColours() {
        // every method's colour (replay's cyan was task C's once), and tasks A and B
        List<String> fixed = new java.util.ArrayList<>(org.ewclab.engine.ExperimentPreset.METHODS.stream()
                .map(MethodColors::method).toList());
        fixed.addAll(List.of(MethodColors.TASK_A, MethodColors.TASK_B));
        for (int t = 2; t < 2 + MethodColors.FURTHER_TASKS.size(); t++) {
            String c = MethodColors.task(t);
            for (String f : fixed) {
                assertTrue(distance(c, f) > 25, "task " + MethodColors.taskLetter(t) + " " + c + " vs " + f);
            }
            for (int u = 2; u < t; u++) {
                assertTrue(distance(c, MethodColors.task(u)) > 25, "tasks differ from each other");
            }
        }
        assertEquals(MethodColors.task(2), MethodColors.task(2 + MethodColors.FURTHER_TASKS.size()), "cycled");
        for (String c : MethodColors.FURTHER_TASKS) {
            double lightness = lab(Argb.parse(c))[0];
            assertTrue(lightness > 35 && lightness < 80, c + " shows on white and on the dark theme");
        }
    }

    /** CIE76 ΔE: distance in CIELAB, roughly how different two colours look. */
    private static double distance(String a, String b) {
        double[] x = lab(Argb.parse(a));
        double[] y = lab(Argb.parse(b));
        return Math.sqrt(Math.pow(x[0] - y[0], 2) + Math.pow(x[1] - y[1], 2) + Math.pow(x[2] - y[2], 2));
    }

    private static double[] lab(int argb) {
        double r = lin(Argb.red(argb));
        double g = lin(Argb.green(argb));
        double b = lin(Argb.blue(argb));
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        return new double[] {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
    }

    private static double lin(int c) {
        double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    private static double f(double v) {
        return v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116.0;
    }

    @Test
    void taskLettersRunOnPastZ() {
        assertEquals("A", MethodColors.taskLetter(0));
        assertEquals("C", MethodColors.taskLetter(2));
        assertEquals("Z", MethodColors.taskLetter(25));
        assertEquals("AA", MethodColors.taskLetter(26));
    }
}
