package org.ewclab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.ewclab.engine.ExperimentPreset.UiSpec;
import org.ewclab.i18n.Texts;

/**
 * File → Save lesson: which controls and charts the students will not see, and which values they cannot change. The
 * boxes start as the open lesson has them; the result keeps the lesson's Chinese title and description.
 */
final class LessonDialog {
    private final Map<String, CheckBox> hide = new LinkedHashMap<>();
    private final Map<String, CheckBox> fix = new LinkedHashMap<>();
    private final UiSpec start;

    LessonDialog(UiSpec current) {
        start = current == null ? new UiSpec(List.of()) : current;
        for (String c : UiSpec.CONTROLS) {
            CheckBox box = new CheckBox(c + " — " + friendly(c));
            box.setId("hide-" + c);
            box.setSelected(start.hides(c));
            hide.put(c, box);
        }
        for (String v : UiSpec.FIXABLE) {
            CheckBox box = new CheckBox(v + " — " + friendly(v));
            box.setId("fix-" + v);
            box.setSelected(start.fixes(v));
            fix.put(v, box);
        }
    }

    /** What a preset name means in the window's words (the name itself is what goes into the JSON). */
    static String friendly(String name) {
        if (name.startsWith("method.")) {
            return Texts.get(name + ".short");
        }
        return switch (name) {
            case "methods" -> Texts.get("lesson.methods");
            case "method" -> Texts.get("lesson.method");
            case "lambda" -> "λ";
            case "trainA" -> Texts.get("bar.trainA");
            case "trainB" -> Texts.get("bar.trainB");
            case "compare" -> Texts.get("bar.compare");
            case "seeds" -> Texts.get("bar.seeds").replace(":", "").replace("：", "");
            case "pause" -> Texts.get("bar.pause");
            case "stop" -> Texts.get("bar.stop");
            case "reset" -> Texts.get("bar.reset");
            case "panel" -> Texts.get("lesson.panel");
            case "panel.tasks", "tasks" -> Texts.get("lesson.tasks");
            case "panel.load" -> Texts.get("panel.load");
            case "panel.model", "model" -> Texts.get("panel.model");
            case "panel.training", "training" -> Texts.get("panel.training");
            case "panel.fisher", "fisher" -> Texts.get("panel.fisher");
            case "tab.lesson", "tab.sweep", "tab.matrix" -> Texts.get(name);
            case "chart.accuracy" -> Texts.get("chart.accuracy.title");
            case "chart.loss" -> Texts.get("chart.loss.title");
            case "chart.fisher-histogram" -> Texts.get("chart.fisher.title");
            case "chart.drift-density" -> Texts.get("chart.drift.title");
            case "chart.importance" -> Texts.get("chart.importance.title");
            default -> name;
        };
    }

    /** The content: two columns of boxes, to hide and to fix. */
    VBox content() {
        GridPane g = new GridPane();
        g.setHgap(24);
        g.setVgap(4);
        g.add(bold(Texts.get("lesson.hide")), 0, 0);
        g.add(bold(Texts.get("lesson.fix")), 1, 0);
        int row = 1;
        for (CheckBox b : hide.values()) {
            g.add(b, 0, row++);
        }
        row = 1;
        for (CheckBox b : fix.values()) {
            g.add(b, 1, row++);
        }
        Label hint = new Label(Texts.get("lesson.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox box = new VBox(10, hint, g);
        box.setPadding(new Insets(10));
        return box;
    }

    /** The flags the boxes say. */
    UiSpec result() {
        List<String> h = new ArrayList<>();
        hide.forEach((k, b) -> {
            if (b.isSelected()) {
                h.add(k);
            }
        });
        List<String> f = new ArrayList<>();
        fix.forEach((k, b) -> {
            if (b.isSelected()) {
                f.add(k);
            }
        });
        return new UiSpec(h, f, start.titleZh(), start.descriptionZh());
    }

    CheckBox hideBox(String control) {
        return hide.get(control);
    }

    CheckBox fixBox(String value) {
        return fix.get(value);
    }

    /** Shows the dialog; empty when cancelled. */
    java.util.Optional<UiSpec> show(Window owner) {
        Dialog<UiSpec> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(Texts.get("dialog.saveLesson"));
        ScrollPane scroll = new ScrollPane(content());
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(520);
        d.getDialogPane().setContent(scroll);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(bt -> bt == ButtonType.OK ? result() : null);
        d.setResizable(true);
        return d.showAndWait();
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
