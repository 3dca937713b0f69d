package org.ewclab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.ewclab.engine.RunResult;
import org.ewclab.engine.SeedSummary;
import org.ewclab.export.LabCharts;
import org.ewclab.export.SeedCharts;
import org.ewclab.ui.chart.PlotView;
import org.ewclab.i18n.Texts;

/**
 * The accuracy matrix R[i][j] of every finished run of the current context, values in the cells, with average
 * accuracy, forgetting and BWT: for task sequences, where one number per task is not enough. Below, folded, the
 * earlier comparisons (runs of another task B, Fisher, task-A checkpoint…), each under its own caption, with a button
 * that clears them: they are never mixed with the current runs.
 */
final class MatrixPane extends BorderPane {
    private final TilePane tiles = new TilePane();
    private final VBox earlierBox = new VBox(8);
    private final TitledPane earlierPane = new TitledPane();
    private final Label empty = new Label(Texts.get("matrix.empty"));
    private List<RunResult> shown = List.of();
    private List<String> shownNames = List.of();
    private List<EarlierComparison> shownEarlier = List.of();
    private LabViewModel.SeededPicture shownSeeded;
    private final Label hint = new Label(Texts.get("matrix.hint"));
    private Runnable onClear = () -> { };

    MatrixPane() {
        setId("matrixPane");
        tiles.setPadding(new Insets(6));
        tiles.setHgap(6);
        tiles.setVgap(6);
        tiles.setPrefTileWidth(460);
        tiles.setPrefTileHeight(380);
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setPadding(new Insets(8));
        setTop(hint);
        empty.getStyleClass().add("hint");
        empty.setPadding(new Insets(8));
        earlierPane.setId("earlierComparisons");
        earlierPane.setExpanded(false);
        earlierPane.setContent(earlierBox);
        earlierPane.setVisible(false);
        earlierPane.setManaged(false);
        VBox content = new VBox(6, empty, tiles, earlierPane);
        content.setPadding(new Insets(0, 0, 8, 0));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    /** What the "Clear earlier comparisons" button does (the view model's clear). */
    void setOnClearEarlier(Runnable action) {
        onClear = action;
    }

    void show(List<RunResult> results, List<String> taskNames) {
        show(results, taskNames, shownEarlier);
    }

    void show(List<RunResult> results, List<String> taskNames, List<EarlierComparison> earlier) {
        show(results, taskNames, earlier, null);
    }

    /**
     * The current runs' matrices; with {@code seeded} (a Compare all over several seeds), its mean matrices with ± SE
     * under each cell, then its stability–plasticity and summary plots with error bars — the plots {@code run
     * --charts} writes ({@link SeedCharts}).
     */
    void show(List<RunResult> results, List<String> taskNames, List<EarlierComparison> earlier,
            LabViewModel.SeededPicture seeded) {
        if (!results.equals(shown) || !taskNames.equals(shownNames) || seeded != shownSeeded) {
            shown = List.copyOf(results);
            shownNames = List.copyOf(taskNames);
            shownSeeded = seeded;
            List<Node> views = seeded == null ? matrices(results, taskNames) : seededViews(seeded, taskNames);
            tiles.getChildren().setAll(views);
            empty.setVisible(views.isEmpty());
            empty.setManaged(views.isEmpty());
            hint.setText(Texts.get(seeded == null ? "matrix.hint" : "matrix.seedsHint"));
        }
        if (!earlier.equals(shownEarlier)) {
            shownEarlier = List.copyOf(earlier);
            showEarlier();
        }
    }

    private void showEarlier() {
        earlierBox.getChildren().clear();
        int runs = shownEarlier.stream().mapToInt(EarlierComparison::size).sum();
        earlierPane.setText(Texts.fmt("matrix.earlier", shownEarlier.size(), runs));
        earlierPane.setVisible(!shownEarlier.isEmpty());
        earlierPane.setManaged(!shownEarlier.isEmpty());
        if (shownEarlier.isEmpty()) {
            return;
        }
        Button clear = new Button(Texts.get("matrix.clearEarlier"));
        clear.setId("clearEarlier");
        clear.setOnAction(e -> onClear.run());
        earlierBox.getChildren().add(clear);
        for (EarlierComparison c : shownEarlier) {
            Label caption = new Label(c.caption());
            caption.setWrapText(true);
            caption.getStyleClass().add("earlier-caption");
            TilePane t = new TilePane(6, 6);
            t.setPrefTileWidth(460);
            t.setPrefTileHeight(380);
            List<Node> views = matrices(c.runs(), c.context().taskNames());
            if (!c.sweepRuns().isEmpty()) {
                PlotView sweep = new PlotView(LabCharts.stabilityPlasticity(c.sweepRuns(),
                        c.context().taskNames()));
                sweep.setPrefSize(460, 380);
                views.add(sweep);
            }
            t.getChildren().setAll(views);
            earlierBox.getChildren().addAll(caption, t);
        }
    }

    private static List<Node> matrices(List<RunResult> results, List<String> taskNames) {
        List<Node> views = new ArrayList<>();
        for (RunResult r : results) {
            PlotView v = new PlotView(LabCharts.accuracyMatrix(r, taskNames));
            v.setPrefSize(460, 380);
            views.add(v);
        }
        return views;
    }

    private static List<Node> seededViews(LabViewModel.SeededPicture seeded, List<String> taskNames) {
        List<Node> views = new ArrayList<>();
        List<SeedSummary> groups = seeded.summary();
        int n = seeded.seeds().size();
        for (SeedSummary g : groups) {
            PlotView v = new PlotView(SeedCharts.accuracyMatrix(g, taskNames, n));
            v.setPrefSize(460, 380);
            v.setId("seedMatrix-" + g.method() + (g.variant().isEmpty() ? "" : "-" + g.variant()));
            views.add(v);
        }
        PlotView sp = new PlotView(SeedCharts.stabilityPlasticity(groups, taskNames, n));
        sp.setPrefSize(460, 380);
        sp.setId("seedStabilityPlasticity");
        PlotView summary = new PlotView(SeedCharts.averageAndBwt(groups, n));
        summary.setPrefSize(460, 380);
        summary.setId("seedSummary");
        views.add(sp);
        views.add(summary);
        return views;
    }

    /** The plots shown for the current runs, in order (tests, screenshots). */
    List<org.ewclab.export.Plot> shownPlots() {
        List<org.ewclab.export.Plot> out = new ArrayList<>();
        for (Node n : tiles.getChildren()) {
            if (n instanceof PlotView v && v.getPlot() != null) {
                out.add(v.getPlot());
            }
        }
        return out;
    }

    /** How many matrices of the current context are shown. */
    int count() {
        return tiles.getChildren().size();
    }

    /** How many earlier comparisons are listed. */
    int earlierCount() {
        return shownEarlier.size();
    }
}
