package org.ewclab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.export.ImageTile;
import org.ewclab.export.LabCharts;
import org.ewclab.export.Plot;
import org.ewclab.export.RegionCharts;
import org.ewclab.export.Theme;
import org.ewclab.ui.chart.PlotView;
import org.ewclab.i18n.Texts;

/**
 * The live charts: the forgetting curve (large), the loss, the Fisher histogram, the drift card and the importance
 * image. The drift card shows one of three views, chosen in its header: how many orders of magnitude each weight moved
 * (log10 |θ − θ*A|, the default: it stays readable however tightly EWC holds), the signed drift θ − θ*A, and drift
 * against importance, one panel per method (EWC's mechanism). Export all writes all three. The importance box in the
 * Fisher card chooses task A's measure for the histogram, the pixel map and drift against importance: the Fisher, SI's
 * Ω, MAS's Ω, or all three side by side with Spearman's ρ ({@link org.ewclab.export.ImportanceCharts}). {@link #update} is called by the window's pulse with the latest snapshot; plots whose inputs did not change
 * are not rebuilt (the Fisher and drift charts sort ~90k values), so a frame costs little while training runs.
 */
public final class ChartsPane extends GridPane {
    /** Chart keys, also the names of exported files. */
    public static final String ACCURACY = "accuracy";
    public static final String LOSS = "loss";
    public static final String FISHER = "fisher-histogram";
    public static final String DRIFT = "drift-density";
    /** The drift card's views, as the view box names them; the first is the default. */
    public static final String DRIFT_VIEW_MAGNITUDE = "log10 |θ − θ*A|";
    public static final String DRIFT_VIEW_SIGNED = "θ − θ*A";
    public static final String DRIFT_VIEW_IMPORTANCE = "F vs |θ − θ*A|";
    public static final String IMPORTANCE = "importance";
    /** The importance measure box's extra choice: the three measures side by side. */
    public static final String MEASURE_COMPARE = "compare";

    private final LabViewModel vm;
    private final Map<String, PlotView> views = new LinkedHashMap<>();
    private final ChoiceBox<String> fisherLayer = new ChoiceBox<>();
    private final ChoiceBox<String> driftLayer = new ChoiceBox<>();
    private final ChoiceBox<String> driftView = new ChoiceBox<>();
    /** Task A's importance measure shown by the histogram, the pixel map and drift against importance. */
    private final ChoiceBox<String> measure = new ChoiceBox<>();
    private ExperimentLog.Snapshot last;
    private Object fisherKey;
    private Object driftKey;
    private Object importanceKey;
    /** Whether the importance card now shows decision regions (a lesson on 2-D points). */
    private boolean regionsCard;
    private int updates;

    public ChartsPane(LabViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
        getStyleClass().add("charts-pane");
        setHgap(6);
        setVgap(6);
        setPadding(new Insets(6));
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(56);
        top.setVgrow(Priority.ALWAYS);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(44);
        bottom.setVgrow(Priority.ALWAYS);
        getRowConstraints().addAll(top, bottom);

        add(card(ACCURACY, null, Texts.get("charts.accuracy.tip")), 0, 0, 2, 1);
        add(card(LOSS, null, Texts.get("charts.loss.tip")), 2, 0);
        HBox fisherHeader = layerBox(fisherLayer, "fisherLayer");
        measure.setId("importanceMeasure");
        measure.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String v) {
                return v == null ? "" : MEASURE_COMPARE.equals(v) ? Texts.get("charts.measure.compare")
                        : org.ewclab.export.ImportanceCharts.label(v);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        measure.setMinWidth(60);
        measure.setTooltip(LabWindow.tip(Texts.get("charts.measure.tip")));
        Label measureLabel = new Label(Texts.get("charts.measure"));
        measureLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // the measure box shows only once task A has more than the Fisher to choose from
        measureLabel.visibleProperty().bind(javafx.beans.binding.Bindings.size(measure.getItems()).greaterThan(1));
        measureLabel.managedProperty().bind(measureLabel.visibleProperty());
        measure.visibleProperty().bind(measureLabel.visibleProperty());
        measure.managedProperty().bind(measureLabel.visibleProperty());
        fisherHeader.getChildren().addAll(measureLabel, measure);
        add(card(FISHER, fisherHeader, Texts.get("charts.fisher.tip")), 0, 1);
        driftView.getItems().setAll(DRIFT_VIEW_MAGNITUDE, DRIFT_VIEW_SIGNED, DRIFT_VIEW_IMPORTANCE);
        driftView.setValue(DRIFT_VIEW_MAGNITUDE);
        driftView.setId("driftView");
        HBox driftHeader = layerBox(driftLayer, "driftLayer");
        Label viewLabel = new Label(Texts.get("charts.view"));
        viewLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        driftView.setMinWidth(60);
        driftHeader.getChildren().addAll(viewLabel, driftView);
        add(card(DRIFT, driftHeader, Texts.get("charts.drift.tip")), 1, 1);
        add(card(IMPORTANCE, null, Texts.get("charts.importance.tip")), 2, 1);
        fisherLayer.setOnAction(e -> redrawNow());
        driftLayer.setOnAction(e -> redrawNow());
        driftView.setOnAction(e -> redrawNow());
        measure.setOnAction(e -> {
            importanceKey = null;
            redrawNow();
        });
        vm.lambdaProperty().addListener((obs, old, v) -> redrawNow());
        relayout();
    }

    private BorderPane card(String key, HBox header, String tooltip) {
        PlotView view = new PlotView();
        view.setId(key + "Chart");
        views.put(key, view);
        BorderPane card = new BorderPane(view);
        card.getStyleClass().add("chart-card");
        if (header != null) {
            header.getStyleClass().add("chart-header");
            card.setTop(header);
        }
        installTip(view, tooltip);
        // a chart's size is settled after this pane's own layout pass (the card lays it out): share the scale again
        // when it changes, or a resized window would keep the scale of the size before
        view.widthProperty().addListener((obs, old, w) -> shareScale());
        view.heightProperty().addListener((obs, old, h) -> shareScale());
        return card;
    }

    /**
     * The chart's tooltip: what it shows, preceded by its subtitle whenever the chart had no room to draw it (a short
     * card on a projector), so nothing the subtitle says is lost.
     */
    private static void installTip(PlotView view, String text) {
        javafx.scene.control.Tooltip tip = LabWindow.tip(text);
        tip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String sub = view.droppedSubtitleProperty().get();
            return sub.isEmpty() ? text : sub + "\n\n" + text;
        }, view.droppedSubtitleProperty()));
        javafx.scene.control.Tooltip.install(view, tip);
    }

    /** The chart's tooltip text now (for tests). */
    String tooltipText(String key) {
        Object tip = views.get(key).getProperties().get("javafx.scene.control.Tooltip");
        return tip instanceof javafx.scene.control.Tooltip t ? t.getText() : "";
    }

    private static HBox layerBox(ChoiceBox<String> box, String id) {
        box.setId(id);
        // the value stays the chart key ("all layers" or a layer's name); only the shown words follow the language
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String v) {
                return LabCharts.ALL_LAYERS.equals(v) ? Texts.get("chart.allLayers") : v;
            }

            @Override
            public String fromString(String s) {
                return Texts.get("chart.allLayers").equals(s) ? LabCharts.ALL_LAYERS : s;
            }
        });
        Label l = new Label(Texts.get("charts.layer"));
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the choice gives way, not the word
        box.setMinWidth(60);
        HBox h = new HBox(6, l, box);
        // no layers to choose before task A's Fisher exists: keep the space, hide the control
        h.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(box.getItems()));
        h.setPadding(new Insets(0, 0, 2, 4));
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }

    /** The view of a chart key, e.g. {@link #ACCURACY}. */
    public PlotView view(String key) {
        return views.get(key);
    }

    /** Chart keys in display order. */
    public List<String> keys() {
        return List.copyOf(views.keySet());
    }

    /** How many snapshots have been drawn (for tests of the pulse). */
    public int updates() {
        return updates;
    }

    /** The plots currently shown, by key (for export). */
    public Map<String, Plot> plots() {
        Map<String, Plot> out = new LinkedHashMap<>();
        views.forEach((k, v) -> {
            if (v.getPlot() != null) {
                out.put(k, v.getPlot());
            }
        });
        return out;
    }

    /**
     * Lays the cards out without the charts a lesson hides: the accuracy and loss charts share the top row (2 : 1),
     * the Fisher, drift and importance charts the bottom row; a row left empty gives its height to the other. A lesson
     * on 2-D points shows its decision regions (one panel per run) in a tall card on the right, the other charts in a
     * 2 × 2 grid beside it, so each panel is large enough to see its boundary.
     */
    public void setHidden(java.util.Set<String> hiddenKeys) {
        hidden = java.util.Set.copyOf(hiddenKeys);
        relayout();
    }

    private java.util.Set<String> hidden = java.util.Set.of();

    /** The top row's share of the height: a little less on a projector, where the analysis cards need their room. */
    private double topShare() {
        return wantedScale > 1.05 ? 50 : 56;
    }

    private void relayout() {
        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        for (int c = 0; c < 6; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 6);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        List<String> top = new ArrayList<>(List.of(ACCURACY, LOSS));
        List<String> bottom = new ArrayList<>(List.of(FISHER, DRIFT, IMPORTANCE));
        top.removeAll(hidden);
        bottom.removeAll(hidden);
        if (regionsCard && bottom.contains(IMPORTANCE)) {
            // left two thirds: the curves on top, the Fisher and drift charts below; right third: the regions
            bottom.remove(IMPORTANCE);
            int rows = 0;
            for (List<String> cards : List.of(top, bottom)) {
                if (cards.isEmpty()) {
                    continue;
                }
                int span = 4 / cards.size();
                for (int i = 0; i < cards.size(); i++) {
                    add(views.get(cards.get(i)).getParent(), i * span, rows, span, 1);
                }
                rows++;
            }
            add(views.get(IMPORTANCE).getParent(), rows == 0 ? 0 : 4, 0, rows == 0 ? 6 : 2, Math.max(1, rows));
            for (int r = 0; r < Math.max(1, rows); r++) {
                RowConstraints rc = new RowConstraints();
                rc.setPercentHeight(rows < 2 ? 100 : r == 0 ? topShare() : 100 - topShare());
                rc.setVgrow(Priority.ALWAYS);
                getRowConstraints().add(rc);
            }
            return;
        }
        int row = 0;
        for (List<String> cards : List.of(top, bottom)) {
            if (cards.isEmpty()) {
                continue;
            }
            int col = 0;
            for (String key : cards) {
                int span = cards.size() == 2 && top == cards ? (key.equals(ACCURACY) ? 4 : 2) : 6 / cards.size();
                if (cards.size() == 2 && bottom == cards) {
                    span = 3;
                }
                add(views.get(key).getParent(), col, row, span, 1);
                col += span;
            }
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(top.isEmpty() || bottom.isEmpty() ? 100 : row == 0 ? topShare() : 100 - topShare());
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
            row++;
        }
    }

    public void setLook(boolean dark, boolean presentation) {
        setLook(dark, presentation ? Theme.PROJECTOR_SCALE : 1.0);
    }

    /**
     * The charts' look at a text and line scale (presentation × zoom). Above 1 every chart's text gets one scale:
     * the largest at which each shown chart still keeps its share of room for data (see {@link #layoutChildren}).
     */
    public void setLook(boolean dark, double scale) {
        baseTheme = dark ? Theme.dark() : Theme.light();
        boolean rowsChange = (scale > 1.05) != (wantedScale > 1.05);
        wantedScale = scale;
        if (rowsChange) {
            relayout();
        }
        shareScale();
    }

    private Theme baseTheme = Theme.light();
    private double wantedScale = 1;
    private final javafx.scene.canvas.Canvas measureCanvas = new javafx.scene.canvas.Canvas(1, 1);

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        shareScale();
    }

    /**
     * One font scale for all charts shown: the largest at which every one of them (subtitles moved to the tooltip
     * where that is what it takes) still keeps its share of room for data, so the text of every chart is alike.
     */
    private void shareScale() {
        double s = wantedScale;
        if (s > 1) {
            var measure = new org.ewclab.ui.chart.FxSurface(measureCanvas.getGraphicsContext2D());
            for (PlotView v : views.values()) {
                Plot p = v.displayedPlot();
                double w = v.getWidth();
                double h = v.getHeight();
                if (p != null && w > 1 && h > 1 && v.getParent() != null && v.getParent().getParent() == this) {
                    s = Math.min(s, org.ewclab.export.PlotPainter.fittedFontScale(p, measure, w, h,
                            baseTheme.withPresentationScale(wantedScale)));
                }
            }
        }
        Theme t = baseTheme.withPresentation(s, wantedScale);
        for (PlotView v : views.values()) {
            if (!t.equals(v.getTheme())) {
                v.setTheme(t);
            }
        }
    }

    /** The font scale the charts share now (1 at a desk). */
    double sharedFontScale() {
        PlotView v = views.get(ACCURACY);
        return v.getTheme() == null ? 1 : v.getTheme().fontScale();
    }

    private void redrawNow() {
        if (last != null) {
            fisherKey = null;
            driftKey = null;
            update(last);
        }
    }

    /** Draws a snapshot: the cheap curves every time, the Fisher, drift and importance charts when their data changed. */
    public void update(ExperimentLog.Snapshot snap) {
        last = snap;
        updates++;
        LabViewModel.SeededPicture seeded = vm.seededComparison();
        // after a Compare all over several seeds: the mean forgetting curve with its ± 1 SE band (the charts of one
        // network's insides below show the first seed's); while one runs, the seed training now, live
        // the live curves too are built off the FX thread (a long run's loss curve is thousands of points a frame)
        Plot seededAccuracy = seeded != null && vm.phase() != LabViewModel.Phase.COMPARING ? seeded.accuracyPlot()
                : null;
        buildLater(ACCURACY, () -> seededAccuracy != null ? seededAccuracy : LabCharts.accuracy(snap));
        buildLater(LOSS, () -> LabCharts.loss(snap));

        syncChoices(fisherLayer, LabCharts.fisherLayers(snap));
        List<String> measures = new ArrayList<>(org.ewclab.export.ImportanceCharts.available(snap));
        if (measures.size() > 1) {
            measures.add(MEASURE_COMPARE);
        }
        syncChoices(measure, measures);
        String m = measure();
        Object fk = List.of(identity(snap.fisherByTask().get(0)), String.valueOf(fisherLayer.getValue()),
                vm.lambdaProperty().get(), m, String.valueOf(vm.methodProperty().get()));
        if (!fk.equals(fisherKey)) {
            fisherKey = fk;
            String layer = layerOrAll(fisherLayer);
            double lambda = vm.lambdaProperty().get();
            double shownLambda = m.equals(vm.methodProperty().get()) ? lambda : 0;
            buildLater(FISHER, () -> switch (m) {
                case MEASURE_COMPARE -> org.ewclab.export.ImportanceCharts.measures(snap, layer);
                case org.ewclab.engine.LabEvent.ImportanceMeasure.FISHER -> LabCharts.fisherHistogram(snap, layer,
                        lambda);
                // λ·Ω only when the chosen method penalises this measure (EWC's λ means nothing for SI's Ω)
                default -> LabCharts.importanceHistogram(snap, m, layer, shownLambda);
            });
        }

        syncChoices(driftLayer, LabCharts.driftLayers(snap));
        List<Object> dk = new ArrayList<>();
        dk.add(String.valueOf(driftLayer.getValue()));
        dk.add(String.valueOf(driftView.getValue()));
        dk.add(driftMeasure());
        dk.add(identity(snap.fisherByTask().get(0)));
        for (ExperimentLog.RunTrace r : snap.methodRuns()) {
            dk.add(identity(r.parameters()));
        }
        if (!dk.equals(driftKey)) {
            driftKey = dk;
            String layer = layerOrAll(driftLayer);
            String driftChoice = String.valueOf(driftView.getValue());
            String driftMeasure = driftMeasure();
            buildLater(DRIFT, () -> switch (driftChoice) {
                case DRIFT_VIEW_SIGNED -> LabCharts.driftDensity(snap, layer);
                case DRIFT_VIEW_IMPORTANCE -> LabCharts.driftVsImportance(snap, layer, driftMeasure);
                default -> LabCharts.driftMagnitude(snap, layer);
            });
        }

        boolean points = isPointLesson();
        if (points != regionsCard) {
            regionsCard = points;
            importanceKey = null;
            installTip(views.get(IMPORTANCE), Texts.get(points ? "charts.regions.tip" : "charts.importance.tip"));
            relayout(); // the decision regions need a tall card, the importance map does not
        }
        if (points) {
            // a 2-D lesson: the importance card shows the decision regions (its pixel map would be 2 cells)
            List<Object> rk = new ArrayList<>();
            for (ExperimentLog.RunTrace r : snap.runs()) {
                rk.add(identity(r.regions()));
            }
            if (!rk.equals(importanceKey)) {
                importanceKey = rk;
                buildLater(IMPORTANCE, () -> RegionCharts.regions(snap));
            }
            return;
        }
        Object ik = List.of(identity(snap.fisherByTask().get(0)), identity(vm.tasksProperty().get()), m);
        if (!ik.equals(importanceKey)) {
            importanceKey = ik;
            List<ImageTile> tiles = MEASURE_COMPARE.equals(m) ? List.of() : sampleTiles();
            buildLater(IMPORTANCE, () -> MEASURE_COMPARE.equals(m) ? org.ewclab.export.ImportanceCharts.maps(snap)
                    : LabCharts.importance(snap, m, tiles));
        }
    }

    /**
     * Builds the charts of the network's insides (histogram, drift densities and kernels, pixel maps, decision
     * regions) on one background thread, so that a training update never spends the FX thread on them: per chart the
     * latest request wins, at most one build under way per chart, the plot shown when it is done.
     */
    private static final java.util.concurrent.ExecutorService BUILD =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "chart-build");
                t.setDaemon(true);
                t.setPriority(Thread.NORM_PRIORITY - 1);
                return t;
            });
    private final java.util.Map<String, java.util.function.Supplier<Plot>> nextBuild = new java.util.HashMap<>();
    private final java.util.Set<String> building = new java.util.HashSet<>();

    private void buildLater(String key, java.util.function.Supplier<Plot> build) {
        nextBuild.put(key, build);
        if (building.add(key)) {
            startBuild(key);
        }
    }

    private void startBuild(String key) {
        java.util.function.Supplier<Plot> build = nextBuild.remove(key);
        BUILD.execute(() -> {
            Plot plot = null;
            try {
                plot = build.get();
            } catch (RuntimeException e) {
                // the chart keeps its last picture; the cause goes to the log rather than vanishing
                System.err.println("chart " + key + " could not be built: " + e);
            }
            Plot done = plot;
            javafx.application.Platform.runLater(() -> {
                if (done != null) {
                    views.get(key).setPlot(done);
                }
                if (nextBuild.containsKey(key)) {
                    startBuild(key);
                } else {
                    building.remove(key);
                }
            });
        });
    }

    /** Whether a chart is still being built or drawn, i.e. the screen is not yet the latest data (FX thread). */
    boolean buildsPending() {
        return !building.isEmpty() || views.values().stream()
                .filter(v -> v.isVisible() && v.getScene() != null && v.getWidth() > 0 && v.getHeight() > 0)
                .anyMatch(PlotView::renderPending);
    }

    /** The chosen importance measure (the Fisher before task A has trained). */
    private String measure() {
        return measure.getValue() == null ? org.ewclab.engine.LabEvent.ImportanceMeasure.FISHER : measure.getValue();
    }

    /** The measure drift against importance uses: the chosen one, the Fisher while all three are compared. */
    private String driftMeasure() {
        String m = measure();
        return MEASURE_COMPARE.equals(m) ? org.ewclab.engine.LabEvent.ImportanceMeasure.FISHER : m;
    }

    /** Chooses the importance measure the views show (a measure key or {@link #MEASURE_COMPARE}; for tests). */
    void chooseMeasure(String key) {
        measure.setValue(key);
        importanceKey = null;
        redrawNow();
    }

    /** Whether the lesson's inputs are 2-D points (toy data), whose importance card shows decision regions. */
    boolean isPointLesson() {
        List<org.ewclab.data.TaskData> tasks = vm.tasksProperty().get();
        return tasks != null && !tasks.isEmpty() && !tasks.get(0).train().isImage()
                && tasks.get(0).train().featureCount() == 2;
    }

    /** Sample images of task A, shown beside the importance map. */
    List<ImageTile> sampleTiles() {
        return LabCharts.sampleTiles(vm.tasksProperty().get());
    }

    private static String layerOrAll(ChoiceBox<String> box) {
        return box.getValue() == null ? LabCharts.ALL_LAYERS : box.getValue();
    }

    private static void syncChoices(ChoiceBox<String> box, List<String> items) {
        if (!box.getItems().equals(items)) {
            String keep = box.getValue();
            box.getItems().setAll(items);
            box.setValue(keep != null && items.contains(keep) ? keep : items.isEmpty() ? null : items.get(0));
        }
    }

    private static Object identity(Object o) {
        return o == null ? "none" : System.identityHashCode(o);
    }
}
