package org.ewclab.ui;

import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.controlsfx.control.SegmentedButton;
import org.ewclab.engine.ExperimentPreset;

/**
 * The method chooser: the lesson's methods as one row of toggle buttons (ids {@code method-ID}), and "More methods"
 * with a search field and the other methods grouped (regularise / rehearse / distil / reference). A method the lesson
 * hides is in neither. Choosing a method from the menu shows its name on the menu button. What to offer comes from
 * {@link MethodCatalog}; the chosen method is the view model's property.
 */
final class MethodChooser extends HBox {
    private final ObjectProperty<String> method;
    private final SegmentedButton featured = new SegmentedButton();
    private final MenuButton more = new MenuButton(word("chooser.more", "More…"));
    private final TextField search = new TextField();
    private ExperimentPreset lesson;
    private boolean updating;
    /** Short labels (presentation mode, a narrow window); the tooltips keep the words. */
    private final javafx.beans.property.BooleanProperty compact = new javafx.beans.property.SimpleBooleanProperty();

    MethodChooser(ObjectProperty<String> method) {
        this.method = method;
        setSpacing(4);
        setAlignment(Pos.CENTER_LEFT);
        featured.getStyleClass().add("method-toggle");
        more.setId("more-methods");
        more.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        more.getStyleClass().add("more-methods");
        search.setId("method-search");
        search.setPromptText(word("chooser.search", "Search methods (e.g. memory, Fisher)"));
        search.textProperty().addListener((o, a, b) -> fillMenu());
        featured.getToggleGroup().selectedToggleProperty().addListener((obs, old, t) -> {
            if (updating) {
                return;
            }
            if (t == null) {
                // one method is always chosen: a click on the chosen button keeps it, unless the menu chose another
                if (old != null && old.getUserData().equals(method.get())) {
                    old.setSelected(true);
                }
            } else {
                method.set((String) t.getUserData());
            }
        });
        method.addListener((obs, old, m) -> select(m));
        getChildren().addAll(featured, more);
        showLesson(null);
    }

    /** Rebuilds the buttons and the menu for a lesson (its methods first, its hidden ones gone). */
    void showLesson(ExperimentPreset preset) {
        lesson = preset;
        updating = true;
        try {
            featured.getButtons().clear();
            for (String m : MethodCatalog.featured(preset)) {
                ToggleButton b = new ToggleButton();
                b.textProperty().bind(javafx.beans.binding.Bindings.when(compact).then(MethodCatalog.shortLabel(m))
                        .otherwise(MethodCatalog.mnemonicLabel(m)));
                b.setMnemonicParsing(true);
                b.setId("method-" + m);
                b.getStyleClass().add(m);
                b.setUserData(m);
                b.setTooltip(tip(MethodCatalog.tip(m)));
                b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                featured.getButtons().add(b);
            }
        } finally {
            updating = false;
        }
        search.clear();
        fillMenu();
        select(method.get());
    }

    private void fillMenu() {
        more.getItems().clear();
        CustomMenuItem field = new CustomMenuItem(search, false);
        more.getItems().add(field);
        Map<String, List<String>> groups = MethodCatalog.others(lesson, search.getText());
        if (groups.isEmpty()) {
            MenuItem none = new MenuItem(search.getText().isBlank() ? word("chooser.none", "No other method")
                    : word("chooser.noMatch", "No other method matches"));
            none.setDisable(true);
            more.getItems().add(none);
        }
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            more.getItems().add(new SeparatorMenuItem());
            Label header = new Label(word("chooser.group." + g.getKey().toLowerCase(java.util.Locale.ROOT), g.getKey()));
            header.getStyleClass().add("method-group");
            CustomMenuItem h = new CustomMenuItem(header, false);
            h.setDisable(true);
            more.getItems().add(h);
            for (String m : g.getValue()) {
                Label l = new Label(MethodCatalog.label(m));
                Tooltip.install(l, tip(MethodCatalog.tip(m)));
                CustomMenuItem item = new CustomMenuItem(l, true);
                item.setId("menu-method-" + m);
                item.setOnAction(e -> method.set(m));
                more.getItems().add(item);
            }
        }
        more.setDisable(groups.isEmpty() && search.getText().isBlank());
    }

    private void select(String m) {
        updating = true;
        try {
            boolean onButton = false;
            for (ToggleButton b : featured.getButtons()) {
                boolean mine = b.getUserData().equals(m);
                b.setSelected(mine);
                onButton |= mine;
            }
            more.setText(onButton || m == null ? word("chooser.more", "More…") : MethodCatalog.label(m) + " …");
            more.getStyleClass().remove("chosen");
            if (!onButton && m != null) {
                more.getStyleClass().add("chosen");
            }
        } finally {
            updating = false;
        }
    }

    /** Every method offered, in the chooser's order (Ctrl+M cycles through it). */
    List<String> order() {
        return MethodCatalog.order(lesson);
    }

    javafx.beans.property.BooleanProperty compactProperty() {
        return compact;
    }

    /** A word of the window bundle in the lab's language, {@code fallback} if the bundle lacks it. */
    private static String word(String key, String fallback) {
        return org.ewclab.i18n.Texts.has(key) ? org.ewclab.i18n.Texts.get(key) : fallback;
    }

    SegmentedButton featuredButtons() {
        return featured;
    }

    MenuButton moreButton() {
        return more;
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setPrefWidth(360);
        t.setShowDelay(Duration.millis(300));
        return t;
    }
}
