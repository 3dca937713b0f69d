package org.ewclab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ewclab.export.ChartExport;
import org.ewclab.export.GuideCharts;
import org.ewclab.export.Theme;
import org.ewclab.i18n.Texts;
import org.ewclab.ui.chart.PlotView;

/**
 * The guide (F1): what each chart of the lesson tab shows, beside a small picture of that chart drawn by the same
 * painter from made-up typical data ({@link GuideCharts}); then the keyboard shortcuts and a glossary. A window of its
 * own, not modal, so it can stay open beside the lab while a class works. All words come from the window bundle
 * ({@code help.charts}, {@code help.shortcuts}, {@code help.glossary}: one entry a line).
 */
final class HelpWindow {
    /** The size of a chart picture in the guide (logical px; drawn at twice that for sharp screens). */
    static final int PICTURE_WIDTH = 280;
    static final int PICTURE_HEIGHT = 180;

    private HelpWindow() {
    }

    /** Opens the guide over {@code owner} in the current language and returns its stage. */
    static Stage show(Window owner, boolean dark, javafx.scene.Parent lab) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(Texts.get("help.title"));
        ScrollPane scroll = new ScrollPane(content(dark));
        scroll.setFitToWidth(true);
        scroll.setId("helpScroll");
        Scene scene = new Scene(scroll, 860, 720);
        scene.getStylesheets().add(Objects.requireNonNull(LabWindow.class.getResource("lab.css")).toExternalForm());
        if (dark) {
            scene.getStylesheets().add(Objects.requireNonNull(LabWindow.class.getResource("dark.css"))
                    .toExternalForm());
        }
        // the lab's text size (zoom, presentation mode): a guide shown on the projector is as readable as the lab
        scroll.setStyle(lab.getStyle());
        if (lab.getStyleClass().contains("presentation")) {
            scroll.getStyleClass().add("presentation");
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** The guide's content: the charts with their pictures, the shortcuts, the glossary. */
    static VBox content(boolean dark) {
        VBox box = new VBox(14);
        box.setId("helpContent");
        box.getStyleClass().add("help-content");
        box.setPadding(new Insets(16));
        box.getChildren().addAll(section("helpCharts", Texts.get("help.charts.title"), charts(dark)),
                section("helpShortcuts", Texts.get("help.header"), shortcuts()),
                section("helpGlossary", Texts.get("help.glossary.title"), glossary()));
        return box;
    }

    private static VBox section(String id, String title, javafx.scene.Node body) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        VBox v = new VBox(8, heading, body);
        v.setId(id);
        return v;
    }

    private static VBox charts(boolean dark) {
        List<String> lines = lines("help.charts");
        VBox rows = new VBox(10);
        Theme theme = dark ? Theme.dark() : Theme.light();
        for (int i = 0; i < lines.size(); i++) {
            String[] termText = term(lines.get(i));
            Label name = new Label(termText[0]);
            name.setStyle("-fx-font-weight: bold;");
            Label text = new Label(termText[1]);
            text.setWrapText(true);
            VBox words = new VBox(4, name, text);
            HBox.setHgrow(words, Priority.ALWAYS);
            HBox row = new HBox(14);
            row.setAlignment(Pos.CENTER_LEFT);
            if (i < GuideCharts.KEYS.size()) {
                ImageView picture = new ImageView(PlotView.toFxImage(ChartExport.image(
                        // untitled: the chart's name stands beside it, and a long title would be cut at this size
                        GuideCharts.of(GuideCharts.KEYS.get(i)).withTitle(""), PICTURE_WIDTH, PICTURE_HEIGHT, 2,
                        theme)));
                picture.setFitWidth(PICTURE_WIDTH);
                picture.setFitHeight(PICTURE_HEIGHT);
                picture.getStyleClass().add("help-picture");
                picture.setId("helpPicture-" + GuideCharts.KEYS.get(i));
                row.getChildren().add(picture);
            }
            row.getChildren().add(words);
            rows.getChildren().add(row);
        }
        return rows;
    }

    private static GridPane shortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(3);
        int r = 0;
        for (String line : lines("help.shortcuts")) {
            int gap = line.indexOf("  ");
            Label key = new Label(gap < 0 ? line : line.substring(0, gap).strip());
            key.setStyle("-fx-font-family: monospace; -fx-font-weight: bold;");
            Label what = new Label(gap < 0 ? "" : line.substring(gap).strip());
            what.setWrapText(true);
            grid.addRow(r++, key, what);
        }
        return grid;
    }

    private static VBox glossary() {
        VBox v = new VBox(6);
        for (String line : lines("help.glossary")) {
            String[] termText = term(line);
            Label term = new Label(termText[0]);
            term.setStyle("-fx-font-weight: bold;");
            Label text = new Label(termText[1]);
            text.setWrapText(true);
            v.getChildren().add(new VBox(1, term, text));
        }
        return v;
    }

    /** The lines of a bundle entry. */
    static List<String> lines(String key) {
        List<String> out = new ArrayList<>();
        for (String l : Texts.get(key).split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    /** "Term: text" (or "术语：说明") split at its first colon; a line without one is all text. */
    static String[] term(String line) {
        int ascii = line.indexOf(':');
        int wide = line.indexOf('：');
        int at = ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
        return at < 0 ? new String[] {"", line} : new String[] {line.substring(0, at).strip(),
                line.substring(at + 1).strip()};
    }
}
