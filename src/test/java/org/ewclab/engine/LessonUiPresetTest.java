package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ui.hide, ui.fixed and the Chinese title/description of a lesson: read, checked, written back unchanged. */
class LessonUiPresetTest {
    private static final String BASE = """
            {"name": "l", "title": "Forgetting", "description": "Watch A fall.",
             "title_zh": "灾难性遗忘", "description_zh": "看任务 A 的准确率下降。",
             "tasks": [{"name": "blobs", "toy": "blobs"}, {"name": "moons", "toy": "moons"}],
             "methods": [{"method": "plain"}, {"method": "ewc", "lambda": 1000}],
             "ui": %s}
            """;

    @Test
    void hideFixedAndChineseTextsAreRead() {
        ExperimentPreset p = ExperimentPreset.parse(BASE.formatted(
                "{\"hide\": [\"method.l2\", \"panel.fisher\", \"tab.sweep\", \"chart.loss\"], \"fixed\": [\"lambda\"]}"));
        assertEquals(List.of("method.l2", "panel.fisher", "tab.sweep", "chart.loss"), p.ui().hide());
        assertTrue(p.ui().hides("tab.sweep"));
        assertFalse(p.ui().hides("lambda"));
        assertTrue(p.ui().fixes("lambda"));
        assertFalse(p.ui().fixes("method"));
        assertEquals("灾难性遗忘", p.ui().titleZh());
        assertEquals("看任务 A 的准确率下降。", p.ui().descriptionZh());
        assertEquals("Forgetting", p.title(), "the English title stays the title");
    }

    @Test
    void aLessonWrittenAndReadAgainIsTheSame() {
        ExperimentPreset p = ExperimentPreset.parse(BASE.formatted(
                "{\"hide\": [\"panel\", \"chart.importance\"], \"fixed\": [\"method\", \"model\"]}"));
        String json = p.toJson();
        assertTrue(json.contains("\"title_zh\": \"灾难性遗忘\""), json);
        assertTrue(json.contains("\"fixed\": ["), json);
        assertEquals(p, ExperimentPreset.parse(json));
    }

    @Test
    void withoutUiNothingIsHiddenOrFixed() {
        ExperimentPreset p = ExperimentPreset.parse("""
                {"name": "l", "tasks": [{"name": "blobs", "toy": "blobs"}, {"name": "moons", "toy": "moons"}]}
                """);
        assertEquals(List.of(), p.ui().hide());
        assertEquals(List.of(), p.ui().fixed());
        assertNull(p.ui().titleZh());
        assertFalse(p.ui().hides("lambda"));
    }

    @Test
    void anUnknownControlIsNamedWithItsPlace() {
        PresetException e = assertThrows(PresetException.class, () -> ExperimentPreset.parse(BASE.formatted(
                "{\"hide\": [\"lambda\", \"lamda\"]}")));
        assertEquals("ui.hide[1]", e.field());
        assertTrue(e.getMessage().contains("'lamda'") && e.getMessage().contains("method.online-ewc"),
                e.getMessage());
        PresetException f = assertThrows(PresetException.class, () -> ExperimentPreset.parse(BASE.formatted(
                "{\"fixed\": [\"colour\"]}")));
        assertEquals("ui.fixed[0]", f.field());
        PresetException g = assertThrows(PresetException.class, () -> ExperimentPreset.parse(BASE.formatted(
                "{\"hide\": [], \"hidden\": []}")));
        assertTrue(g.getMessage().contains("hidden"), g.getMessage());
    }
}
