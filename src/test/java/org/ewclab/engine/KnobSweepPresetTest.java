package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ewclab.engine.ExperimentPreset.SweepSpec;
import org.junit.jupiter.api.Test;

/** A sweep of another knob than λ: parsing, defaults, one-line errors naming the field, round trip and plan order. */
class KnobSweepPresetTest {
    private static final String HEAD = "{\"name\": \"k\", \"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, "
            + "{\"name\": \"b\", \"dataset\": \"fashion\"}], ";

    private static ExperimentPreset parse(String methodsAndSweep) {
        return ExperimentPreset.parse(HEAD + methodsAndSweep + "}");
    }

    private static String error(String methodsAndSweep) {
        return assertThrows(PresetException.class, () -> parse(methodsAndSweep)).getMessage();
    }

    private static final String PLAIN = "\"methods\": [{\"method\": \"plain\"}], ";

    @Test
    void aLambdaSweepIsReadAndWrittenAsBefore() {
        ExperimentPreset p = parse(PLAIN + "\"sweep\": {\"methods\": [\"ewc\"], \"lambdaMin\": 1, \"lambdaMax\": 100,"
                + " \"points\": 3}");
        assertEquals(new SweepSpec(List.of("ewc"), 1.0, 100.0, 3), p.sweep(), "no knob, no scale filled in");
        assertTrue(p.toJson().contains("\"sweep\": {\n    \"methods\": [\n      \"ewc\"\n    ],\n"
                + "    \"lambdaMin\": 1,\n    \"lambdaMax\": 100,\n    \"points\": 3\n  }"), p.toJson());
        assertArrayEquals(new double[] {1, 10, 100}, p.sweep().knobValues(), 1e-9);
    }

    @Test
    void explicitValuesOfReplayMemoryRoundTripByteIdentically() {
        ExperimentPreset p = parse(PLAIN + "\"sweep\": {\"methods\": [\"replay\"], \"knob\": \"memory\","
                + " \"values\": [10, 50, 100, 500]}");
        assertEquals("memory", p.sweep().knobName());
        assertEquals("linear", p.sweep().scaleName(), "a knob's default scale");
        assertArrayEquals(new double[] {10, 50, 100, 500}, p.sweep().knobValues());
        String saved = p.toJson();
        assertTrue(saved.contains("\"knob\": \"memory\""), saved);
        assertTrue(saved.contains("\"values\": [\n      10,\n      50,\n      100,\n      500\n    ]"), saved);
        ExperimentPreset again = ExperimentPreset.parse(saved);
        assertEquals(p, again);
        assertEquals(saved, again.toJson(), "save → load → save");
    }

    @Test
    void aRangeOnALogOrLinearScale() {
        ExperimentPreset log = parse(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"alpha\", \"min\": 0.01,"
                + " \"max\": 10, \"points\": 4, \"scale\": \"log\"}");
        assertArrayEquals(new double[] {0.01, 0.1, 1, 10}, log.sweep().knobValues(), 1e-12);
        ExperimentPreset lin = parse(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"temperature\","
                + " \"min\": 1, \"max\": 4, \"points\": 4}");
        assertArrayEquals(new double[] {1, 2, 3, 4}, lin.sweep().knobValues(), 1e-12);
        // memory on a log scale from 10 to 1000 in 3 points: 10, 100, 1000 (whole numbers)
        ExperimentPreset mem = parse(PLAIN + "\"sweep\": {\"methods\": [\"replay\"], \"knob\": \"memory\", \"min\": 10,"
                + " \"max\": 1000, \"points\": 3, \"scale\": \"log\"}");
        assertArrayEquals(new double[] {10, 100, 1000}, mem.sweep().knobValues(), 0);
        for (ExperimentPreset p : List.of(log, lin, mem)) {
            assertEquals(p.toJson(), ExperimentPreset.parse(p.toJson()).toJson());
        }
    }

    @Test
    void badKnobSweepsNameTheField() {
        assertEquals("sweep.knob: \"memory\" is not a knob of lwf (alpha, temperature)",
                error(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"memory\", \"values\": [1]}"));
        assertEquals("sweep.knob: unknown knob \"size\" (lambda, layers, alpha, temperature, memory, ratio, beta, xi,"
                + " distill)", error(PLAIN + "\"sweep\": {\"methods\": [\"replay\"], \"knob\": \"size\", \"values\": [1]}"));
        assertEquals("sweep.values[1]: memory takes whole numbers, got 2.5",
                error(PLAIN + "\"sweep\": {\"methods\": [\"replay\"], \"knob\": \"memory\", \"values\": [1, 2.5]}"));
        assertEquals("sweep.values[0]: memory must be ≥ 0, got -5",
                error(PLAIN + "\"sweep\": {\"methods\": [\"replay\"], \"knob\": \"memory\", \"values\": [-5]}"));
        assertEquals("sweep.values[1]: beta must be in [0, 1), got 1",
                error("\"methods\": [{\"method\": \"ewcpp\", \"lambda\": 100}], \"sweep\": {\"methods\": [\"ewcpp\"],"
                        + " \"knob\": \"beta\", \"values\": [0.5, 1]}"));
        assertEquals("sweep.values[2]: 50 is already sweep.values[0]",
                error(PLAIN + "\"sweep\": {\"methods\": [\"replay\"], \"knob\": \"memory\", \"values\": [50, 10, 50]}"));
        assertEquals("sweep.min: give either values or a range (min, max, points), not both",
                error(PLAIN + "\"sweep\": {\"methods\": [\"replay\"], \"knob\": \"memory\", \"values\": [5], \"min\": 1}"));
        assertEquals("sweep.lambdaMin: only for a λ sweep; the range of alpha is min and max (or give values)",
                error(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"alpha\", \"lambdaMin\": 1}"));
        assertEquals("sweep.max: missing (a sweep of alpha needs values, or min and max)",
                error(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"alpha\", \"min\": 1}"));
        assertEquals("sweep.min: must be > 0 on a log scale, got 0",
                error(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"alpha\", \"min\": 0, \"max\": 1,"
                        + " \"scale\": \"log\"}"));
        assertEquals("sweep.max: must be ≥ min (5), got 1",
                error(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"alpha\", \"min\": 5, \"max\": 1}"));
        assertEquals("sweep.scale: unknown scale \"cubic\" (log, linear)",
                error(PLAIN + "\"sweep\": {\"methods\": [\"lwf\"], \"knob\": \"alpha\", \"values\": [1],"
                        + " \"scale\": \"cubic\"}"));
        assertEquals("sweep.points: 5 points between 1 and 2 repeat whole numbers of layers; use fewer points, or"
                + " values", error(PLAIN + "\"sweep\": {\"methods\": [\"freeze\"], \"knob\": \"layers\", \"min\": 1,"
                + " \"max\": 2}"));
        assertEquals("sweep.values[1]: layers: the model has 2 layer(s) below its output; freezing 3 would leave"
                + " nothing to learn the later tasks with",
                error(PLAIN + "\"sweep\": {\"methods\": [\"freeze\"], \"knob\": \"layers\", \"values\": [1, 3]}"));
        assertEquals("sweep.methods[0]: sweeping ewcpp's beta needs its λ: add ewcpp with a lambda to methods",
                error(PLAIN + "\"sweep\": {\"methods\": [\"ewcpp\"], \"knob\": \"beta\", \"values\": [0.1]}"));
        assertEquals("sweep.knob: temperature acts on ewc only with a distill (give ewc a \"distill\" in methods)",
                error("\"methods\": [{\"method\": \"ewc\", \"lambda\": 10}], \"sweep\": {\"methods\": [\"ewc\"],"
                        + " \"knob\": \"temperature\", \"values\": [1, 2]}"));
        assertEquals("sweep.methods[0]: replay has no λ to sweep (λ: l2, ewc, online-ewc, ewcpp, si, mas; its knobs:"
                + " memory, ratio, distill, temperature, set with sweep.knob)",
                error(PLAIN + "\"sweep\": {\"methods\": [\"replay\"]}"));
    }

    @Test
    void planUnitsCarryTheKnobValueInOrderFromTheMethodsEntry() {
        ExperimentPreset p = ExperimentPreset.parse(HEAD + "\"seeds\": [4, 9], \"methods\": [{\"method\": \"plain\"},"
                + " {\"method\": \"replay\", \"memory\": 1000, \"ratio\": 0.5, \"distill\": 0.5}], \"sweep\": {\"methods\": [\"replay\","
                + " \"lwf\"], \"knob\": \"temperature\", \"values\": [1, 4]}}");
        List<ExperimentPlan.Unit> units = ExperimentPlan.units(p);
        assertEquals(2 * (2 + 4), units.size(), "per seed: two methods, then two methods × two values");
        ExperimentPlan.Unit replayT4 = units.get(3);
        assertEquals(3, replayT4.index());
        assertEquals(4, replayT4.seed());
        assertEquals("replay", replayT4.method().method());
        assertEquals(4.0, replayT4.method().knobsOrNone().temperature(), "the knob set on the run's method");
        assertEquals(1000, replayT4.method().knobsOrNone().memory(), "other knobs from the methods entry");
        assertEquals(0.5, replayT4.method().knobsOrNone().ratio());
        assertEquals(new KnobPoint("temperature", 4, "linear"), replayT4.point());
        ExperimentPlan.Unit lwfT1 = units.get(4);
        assertEquals("lwf", lwfT1.method().method());
        assertEquals(1.0, lwfT1.method().knobsOrNone().temperature());
        assertEquals(1.0, lwfT1.method().knobsOrNone().alpha(), "LwF's default α: no methods entry");
        List<String> order = units.stream().map(u -> u.seed() + ":" + u.method().method()
                + (u.point() == null ? "" : "@" + (int) u.point().value())).toList();
        assertEquals(List.of("4:plain", "4:replay", "4:replay@1", "4:replay@4", "4:lwf@1", "4:lwf@4",
                "9:plain", "9:replay", "9:replay@1", "9:replay@4", "9:lwf@1", "9:lwf@4"), order);
        assertTrue(units.get(2).sweep() && !units.get(1).sweep());
        assertNull(units.get(1).point());
        // a λ sweep's units are as before: MethodSpec.of(method, λ), no point
        ExperimentPreset l = parse(PLAIN + "\"sweep\": {\"methods\": [\"ewc\"], \"lambdaMin\": 1, \"lambdaMax\": 100,"
                + " \"points\": 3}");
        ExperimentPlan.Unit last = ExperimentPlan.units(l).get(3);
        assertEquals(ExperimentPreset.MethodSpec.of("ewc", 100), last.method());
        assertNull(last.point());
    }
}
