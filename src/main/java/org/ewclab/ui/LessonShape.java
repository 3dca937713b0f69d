package org.ewclab.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.ewclab.engine.ExperimentPreset.UiSpec;

/**
 * What a lesson hides and fixes ({@code ui.hide}, {@code ui.fixed}), applied to the window's controls. The window
 * registers each control under its {@link UiSpec#CONTROLS} name; a hidden one is neither visible nor takes room, a
 * hidden tab leaves the tab pane and comes back at its place when another lesson shows it. The flags belong to the
 * lesson, not to a run: Reset, Train A or a language switch leave them as they are.
 */
final class LessonShape {
    private final Map<String, BooleanProperty> hidden = new HashMap<>();
    private final Map<String, BooleanProperty> fixed = new HashMap<>();
    private final Map<String, Tab> tabs = new HashMap<>();
    private final Map<Tab, Integer> removedTabs = new HashMap<>();
    private TabPane tabPane;
    private Consumer<Set<String>> chartsHider = keys -> { };
    private UiSpec current = new UiSpec(List.of());

    /** Whether the lesson hides {@code control}; bind to it. */
    BooleanProperty hidden(String control) {
        return hidden.computeIfAbsent(control, k -> new SimpleBooleanProperty(this, k));
    }

    /** Whether the lesson fixes {@code value} (one of {@link UiSpec#FIXABLE}); bind to it. */
    BooleanProperty fixed(String value) {
        return fixed.computeIfAbsent(value, k -> new SimpleBooleanProperty(this, k));
    }

    /** Hides {@code node} whenever the lesson hides {@code control}. */
    void register(String control, Node node) {
        node.visibleProperty().bind(hidden(control).not());
        node.managedProperty().bind(hidden(control).not());
    }

    void registerTab(String control, TabPane pane, Tab tab) {
        tabPane = pane;
        tabs.put(control, tab);
    }

    /** Receives the chart keys to hide (e.g. {@code fisher-histogram}). */
    void onCharts(Consumer<Set<String>> hider) {
        chartsHider = hider;
    }

    UiSpec current() {
        return current;
    }

    void apply(UiSpec ui) {
        current = ui == null ? new UiSpec(List.of()) : ui;
        for (String c : UiSpec.CONTROLS) {
            hidden(c).set(current.hides(c));
        }
        for (String v : UiSpec.FIXABLE) {
            fixed(v).set(current.fixes(v));
        }
        applyTabs();
        Set<String> charts = new LinkedHashSet<>();
        for (String c : UiSpec.CONTROLS) {
            if (c.startsWith("chart.") && current.hides(c)) {
                charts.add(c.substring("chart.".length()));
            }
        }
        chartsHider.accept(charts);
    }

    private void applyTabs() {
        if (tabPane == null) {
            return;
        }
        // back at their places first (other tabs may have been added since), then take the hidden ones out
        List<Map.Entry<Tab, Integer>> back = new ArrayList<>(removedTabs.entrySet());
        back.sort(Map.Entry.comparingByValue());
        for (Map.Entry<Tab, Integer> e : back) {
            tabPane.getTabs().add(Math.min(e.getValue(), tabPane.getTabs().size()), e.getKey());
        }
        removedTabs.clear();
        List<Map.Entry<String, Tab>> out = new ArrayList<>(tabs.entrySet());
        out.sort((a, b) -> tabPane.getTabs().indexOf(b.getValue()) - tabPane.getTabs().indexOf(a.getValue()));
        for (Map.Entry<String, Tab> e : out) {
            int at = tabPane.getTabs().indexOf(e.getValue());
            if (current.hides(e.getKey()) && at >= 0) {
                removedTabs.put(e.getValue(), at);
                tabPane.getTabs().remove(at);
            }
        }
    }
}
