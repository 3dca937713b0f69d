package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.junit.jupiter.api.Test;

/** The methods' ids and knobs in a preset: defaults, round trip, and errors that name the field. */
class MethodPresetTest {
    private static final String TASKS = "\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, "
            + "{\"name\": \"b\", \"dataset\": \"fashion\"}, {\"name\": \"c\", \"dataset\": \"mnist\"}]";

    private static ExperimentPreset parse(String methods) {
        return ExperimentPreset.parse("{" + TASKS + ", \"methods\": [" + methods + "]}");
    }

    private static String error(String methods) {
        return assertThrows(PresetException.class, () -> parse(methods)).getMessage();
    }

    @Test
    void everyMethodGetsItsDefaultKnobs() {
        ExperimentPreset p = parse("{\"method\": \"freeze\"}, {\"method\": \"lwf\"}, {\"method\": \"replay\"},"
                + " {\"method\": \"ewcpp\", \"lambda\": 10}, {\"method\": \"si\", \"lambda\": 1},"
                + " {\"method\": \"mas\", \"lambda\": 1}, {\"method\": \"joint\"},"
                + " {\"method\": \"ewc\", \"lambda\": 5, \"distill\": 0.5}");
        List<MethodSpec> m = p.methods();
        assertEquals(1, m.get(0).knobs().layers());
        assertEquals(1.0, m.get(1).knobs().alpha());
        assertEquals(2.0, m.get(1).knobs().temperature());
        assertEquals(100, m.get(2).knobs().memory());
        assertEquals(1.0, m.get(2).knobs().ratio());
        assertEquals(0.5, m.get(3).knobs().beta());
        assertEquals(0.1, m.get(4).knobs().xi());
        assertNull(m.get(5).knobs(), "mas has no knob besides λ");
        assertEquals(MethodSpec.of("joint", 0), m.get(6));
        assertEquals(0.5, m.get(7).knobs().distill());
        assertEquals(2.0, m.get(7).knobs().temperature(), "distillation's temperature defaults to 2");
        assertEquals(0.0, m.get(2).lambda(), "replay has no λ");
    }

    @Test
    void knobsSurviveSaveAndLoad() {
        ExperimentPreset p = parse("{\"method\": \"replay\", \"memory\": 20, \"ratio\": 0.5},"
                + " {\"method\": \"ewc\", \"lambda\": 100, \"taskWeights\": [1, 0.5]}");
        ExperimentPreset again = ExperimentPreset.parse(p.toJson());
        assertEquals(p, again);
        assertEquals(p.toJson(), again.toJson());
        assertEquals(List.of(1.0, 0.5), again.methods().get(1).knobs().taskWeights());
        assertEquals(MethodKnobs.NONE.withMemory(20).withRatio(0.5), again.methods().get(0).knobs());
    }

    @Test
    void badKnobsNameTheField() {
        assertEquals("methods[0].memory: not a setting of ewc (ewc takes lambda, taskWeights, distill, temperature)",
                error("{\"method\": \"ewc\", \"lambda\": 1, \"memory\": 10}"));
        assertEquals("methods[0].lambda: replay has no penalty, so λ must be 0 or absent, got 5",
                error("{\"method\": \"replay\", \"lambda\": 5}"));
        assertEquals("methods[0].memory: must be ≥ 0, got -1", error("{\"method\": \"replay\", \"memory\": -1}"));
        assertEquals("methods[0].beta: must be in [0, 1), got 1", error("{\"method\": \"ewcpp\", \"lambda\": 1,"
                + " \"beta\": 1}"));
        assertEquals("methods[0].xi: must be > 0 (it keeps ω/(Δ²+ξ) finite), got 0",
                error("{\"method\": \"si\", \"lambda\": 1, \"xi\": 0}"));
        assertEquals("methods[0].taskWeights: needs one weight per task but the last (2), got 3",
                error("{\"method\": \"ewc\", \"lambda\": 1, \"taskWeights\": [1, 1, 1]}"));
        assertEquals("methods[0].layers: the model has 2 layer(s) below its output; freezing 3 would leave nothing"
                + " to learn the later tasks with", error("{\"method\": \"freeze\", \"layers\": 3}"));
        assertEquals("methods[0].temperature: must be > 0, got 0", error("{\"method\": \"lwf\", \"temperature\": 0}"));
        assertEquals("methods[0].colour: unknown field (known: method, lambda, layers, alpha, temperature, memory,"
                + " ratio, beta, xi, taskWeights, distill)", error("{\"method\": \"lwf\", \"colour\": 1}"));
    }

    @Test
    void scenarioSettingsAreCheckedAndDefaulted() {
        ExperimentPreset p = parse("{\"method\": \"plain\"}");
        assertEquals("all", p.training().activeClasses());
        assertEquals("none", p.training().labelOffset());
        String e = assertThrows(PresetException.class, () -> ExperimentPreset.parse("{" + TASKS
                + ", \"training\": {\"activeClasses\": \"some\"}}")).getMessage();
        assertEquals("training.activeClasses: unknown activeClasses \"some\" (all, seen, current)", e);
        e = assertThrows(PresetException.class, () -> ExperimentPreset.parse("{" + TASKS
                + ", \"training\": {\"labelOffset\": \"yes\"}}")).getMessage();
        assertEquals("training.labelOffset: unknown labelOffset \"yes\" (none, per-task)", e);
    }

    @Test
    void theGuisLoopSettingsKeepTheScenario() {
        ExperimentPreset.TrainingSpec t = new ExperimentPreset.TrainingSpec(1, 10, 5, 100, "frozen", 1, "current",
                "per-task");
        ExperimentPreset.TrainingSpec changed = t.withLoop(3, 64, 5, 100, "updated", 2);
        assertEquals("current", changed.activeClasses());
        assertEquals("per-task", changed.labelOffset());
        assertEquals(64, changed.batchSize());
    }
}
