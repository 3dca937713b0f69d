package org.ewclab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.TilePane;
import org.ewclab.engine.RunResult;
import org.ewclab.export.LabCharts;
import org.ewclab.ui.chart.PlotView;

/**
 * The accuracy matrix R[i][j] of every finished run, values in the cells, with average accuracy, forgetting and BWT:
 * for task sequences, where one number per task is not enough.
 */
final class MatrixPane extends BorderPane {
    private final TilePane tiles = new TilePane();
    private List<RunResult> shown = List.of();

    MatrixPane() {
        tiles.setPadding(new Insets(6));
        tiles.setHgap(6);
        tiles.setVgap(6);
        tiles.setPrefTileWidth(460);
        tiles.setPrefTileHeight(380);
        Label hint = new Label("R[i][j] = test accuracy on task j after training task i. BWT (backward transfer) is "
                + "the mean change on earlier tasks after the last one: negative means forgetting.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setPadding(new Insets(8));
        setTop(hint);
        setCenter(new javafx.scene.control.ScrollPane(tiles));
    }

    void show(List<RunResult> results, List<String> taskNames) {
        if (results.equals(shown)) {
            return;
        }
        shown = List.copyOf(results);
        List<PlotView> views = new ArrayList<>();
        for (RunResult r : results) {
            PlotView v = new PlotView(LabCharts.accuracyMatrix(r, taskNames));
            v.setPrefSize(460, 380);
            views.add(v);
        }
        tiles.getChildren().setAll(views);
    }

    int count() {
        return tiles.getChildren().size();
    }
}
