package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ewclab.engine.ExperimentPreset;
import org.junit.jupiter.api.Test;

/** What the method chooser offers: the lesson's methods first, the rest grouped and searchable, hidden ones never. */
class MethodCatalogTest {
    private static ExperimentPreset lesson(String methods, String hide) {
        return ExperimentPreset.parse("{\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, {\"name\": \"b\","
                + " \"dataset\": \"fashion\"}], \"methods\": [" + methods + "], \"ui\": {\"hide\": [" + hide + "]}}");
    }

    @Test
    void theLessonsMethodsComeFirstAndTheOthersByGroup() {
        ExperimentPreset p = lesson("{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 1},"
                + " {\"method\": \"replay\"}, {\"method\": \"joint\"}", "");
        assertEquals(List.of("plain", "ewc", "replay", "joint"), MethodCatalog.featured(p));
        Map<String, List<String>> others = MethodCatalog.others(p, "");
        assertEquals(List.of("Regularise", "Distil"), new ArrayList<>(others.keySet()));
        assertEquals(List.of("l2", "online-ewc", "ewcpp", "si", "mas", "freeze"), others.get("Regularise"));
        assertEquals(List.of("lwf"), others.get("Distil"));
        List<String> order = MethodCatalog.order(p);
        assertEquals(ExperimentPreset.METHODS.size(), order.size(), "all eleven offered once: " + order);
        assertEquals(List.of("plain", "ewc", "replay", "joint", "l2"), order.subList(0, 5));
    }

    @Test
    void aLessonListingEveryMethodStillShowsFourButtons() {
        ExperimentPreset p = ExperimentPreset.bundled("beyond-ewc");
        assertEquals(List.of("plain", "ewc", "replay", "joint"), MethodCatalog.featured(p));
        assertEquals(ExperimentPreset.METHODS.size(), MethodCatalog.order(p).size());
        assertEquals(List.of("lwf"), MethodCatalog.others(p, "").get("Distil"));
    }

    @Test
    void searchMatchesIdsLabelsGroupsAndWhatTheTooltipTeaches() {
        ExperimentPreset p = lesson("{\"method\": \"plain\"}", "");
        // "memory": replay's memory, and memory-aware synapses
        Map<String, List<String>> memory = MethodCatalog.others(p, "memory");
        assertEquals(List.of("mas"), memory.get("Regularise"));
        assertEquals(List.of("replay"), memory.get("Rehearse"));
        assertEquals(List.of("ewc", "online-ewc", "ewcpp", "si"), MethodCatalog.others(p, "FISHER").get("Regularise"));
        assertEquals(Map.of("Distil", List.of("lwf")), MethodCatalog.others(p, "distil"));
        assertTrue(MethodCatalog.others(p, "no such thing").isEmpty());
    }

    @Test
    void aLessonCanHideAnyMethod() {
        ExperimentPreset p = lesson("{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 1}",
                "\"method.ewc\", \"method.replay\", \"lambda\"");
        assertEquals(List.of("plain"), MethodCatalog.featured(p));
        List<String> order = MethodCatalog.order(p);
        assertFalse(order.contains("ewc"));
        assertFalse(order.contains("replay"));
        assertEquals(ExperimentPreset.METHODS.size() - 2, order.size());
        assertEquals(java.util.Set.of("ewc", "replay"), MethodCatalog.hidden(p.ui().hide()));
    }

    @Test
    void everyMethodHasALabelAGroupAndATooltip() {
        for (String m : ExperimentPreset.METHODS) {
            assertFalse(MethodCatalog.label(m).equals(m) && m.length() > 4, m);
            assertTrue(MethodCatalog.groups().contains(MethodCatalog.group(m)), m);
            assertTrue(MethodCatalog.tip(m).length() > 40, m);
        }
        assertTrue(MethodCatalog.tip("ewcpp").contains("γF + F_new"), "the EWC++ tooltip says how it differs");
    }
}
