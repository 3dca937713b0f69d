package org.ewclab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;
import org.ewclab.analysis.landscape.Landscape;
import org.ewclab.analysis.landscape.LandscapeRequest;
import org.ewclab.analysis.landscape.LandscapeView;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.LandscapeEvaluator;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.TaskCheckpoint;
import org.ewclab.engine.Trajectory;
import org.ewclab.export.LandscapeCharts;
import org.ewclab.export.MethodColors;
import org.ewclab.i18n.Texts;
import org.ewclab.ui.chart.PlotView;

/**
 * The Landscape tab: pick the two runs that span the plane (plain and EWC by default) or the PCA plane of all paths,
 * compute the grid off the FX thread with a progress bar and Stop, and show the map, the line slices or the Fisher
 * overlap. The computed landscape goes into Export all.
 */
final class LandscapePane extends BorderPane {
    private final LabViewModel vm;
    private final ComboBox<String> firstRun = new ComboBox<>();
    private final ComboBox<String> secondRun = new ComboBox<>();
    private final ChoiceBox<LandscapeRequest.Mode> mode = new ChoiceBox<>();
    private final ChoiceBox<String> view = new ChoiceBox<>();
    private final Button compute = new Button(Texts.get("landscape.compute"));
    private final Button stop = new Button(Texts.get("landscape.stop"));
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label(Texts.get("landscape.hint"));
    private final PlotView plot = new PlotView();
    /** One background thread: the grid runs there, never on the FX thread (and ND4J loads there, lazily). */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ewc-lab-landscape");
        t.setDaemon(true);
        return t;
    });
    private volatile AtomicBoolean stopFlag = new AtomicBoolean();
    private volatile RunControl control = new RunControl();
    private LandscapeView shown;

    LandscapePane(LabViewModel vm) {
        this.vm = vm;
        setId("landscapePane");
        firstRun.setId("landscapeFirstRun");
        secondRun.setId("landscapeSecondRun");
        compute.setId("landscapeCompute");
        stop.setId("landscapeStop");
        progress.setId("landscapeProgress");
        status.setId("landscapeStatus");
        StringConverter<String> methodNames = new StringConverter<>() {
            @Override
            public String toString(String m) {
                return m == null ? "" : MethodColors.methodLabel(m);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
        firstRun.setConverter(methodNames);
        secondRun.setConverter(methodNames);
        firstRun.setOnShowing(e -> refreshRuns());
        secondRun.setOnShowing(e -> refreshRuns());
        mode.getItems().addAll(LandscapeRequest.Mode.values());
        mode.setValue(LandscapeRequest.Mode.RUNS);
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(LandscapeRequest.Mode m) {
                return m == null ? "" : Texts.get(m == LandscapeRequest.Mode.RUNS ? "landscape.mode.runs"
                        : "landscape.mode.pca");
            }

            @Override
            public LandscapeRequest.Mode fromString(String s) {
                return LandscapeRequest.Mode.RUNS;
            }
        });
        view.getItems().addAll(Texts.get("landscape.view.map"), Texts.get("landscape.view.line"),
                Texts.get("landscape.view.overlap"));
        view.setValue(view.getItems().get(0));
        view.valueProperty().addListener((o, a, b) -> showView());
        secondRun.disableProperty().bind(mode.valueProperty().isEqualTo(LandscapeRequest.Mode.PCA));
        compute.setOnAction(e -> compute());
        stop.setOnAction(e -> {
            stopFlag.set(true);
            control.stop();
        });
        stop.setDisable(true);
        progress.setPrefWidth(160);
        FlowPane bar = new FlowPane(8, 6, new Label(Texts.get("landscape.firstRun")), firstRun,
                new Label(Texts.get("landscape.secondRun")), secondRun, new Label(Texts.get("landscape.mode")), mode,
                compute, stop, progress, new Label(Texts.get("landscape.view")), view);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 2, 8));
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.setPadding(new Insets(2, 8, 6, 8));
        setTop(new javafx.scene.layout.VBox(bar, status));
        setCenter(plot);
        refreshRuns();
        // the tab pane shows a tab by making its content's region visible: offer the runs finished since
        javafx.beans.value.ChangeListener<Boolean> shown = (o, was, now) -> {
            if (now) {
                refreshRuns();
            }
        };
        parentProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.visibleProperty().removeListener(shown);
            }
            if (now != null) {
                now.visibleProperty().addListener(shown);
            }
        });
    }

    /** The methods with a recorded path, plain and EWC chosen first when present. */
    void refreshRuns() {
        List<String> methods = new ArrayList<>();
        for (Trajectory t : vm.landscapeLog().trajectories()) {
            methods.add(t.method());
        }
        String a = firstRun.getValue();
        String b = secondRun.getValue();
        firstRun.getItems().setAll(methods);
        secondRun.getItems().setAll(methods);
        firstRun.setValue(methods.contains(a) ? a : methods.contains("plain") ? "plain"
                : methods.isEmpty() ? null : methods.get(0));
        String other = methods.stream().filter(m -> !m.equals(firstRun.getValue())).findFirst().orElse(null);
        secondRun.setValue(methods.contains(b) && !b.equals(firstRun.getValue()) ? b
                : methods.contains("ewc") && !"ewc".equals(firstRun.getValue()) ? "ewc" : other);
    }

    /** Starts the computation on the background thread; the FX thread only reads results back. */
    void compute() {
        refreshRuns();
        ExperimentSession session = vm.session();
        TaskCheckpoint cp = session == null ? null : session.firstTaskCheckpoint().orElse(null);
        List<Trajectory> runs = vm.landscapeLog().trajectories();
        if (cp == null || runs.isEmpty() || firstRun.getValue() == null) {
            status.setText(Texts.get("landscape.hint"));
            return;
        }
        int threads = vm.preset() == null ? 1 : vm.preset().training().threads();
        LandscapeRequest req = LandscapeRequest.defaults(firstRun.getValue(),
                secondRun.getValue() == null ? firstRun.getValue() : secondRun.getValue(), mode.getValue(), threads);
        stopFlag = new AtomicBoolean();
        control = new RunControl();
        AtomicBoolean flag = stopFlag;
        RunControl c = control;
        compute.setDisable(true);
        stop.setDisable(false);
        progress.setProgress(0);
        status.setText(Texts.get("landscape.computing"));
        AtomicLong lastPost = new AtomicLong();
        CompletableFuture.supplyAsync(() -> {
            LandscapeEvaluator ev = LandscapeEvaluator.of(session, cp);
            if (ev.unsupportedReason() != null) {
                throw new IllegalArgumentException(ev.unsupportedReason());
            }
            return Landscape.compute(runs, req, Landscape.of(ev, req, c), p -> {
                long now = System.nanoTime();
                // at most ~4 updates a second reach the FX thread: each one is a redraw in software rendering,
                // which competes with the grid for the machine's cores
                if (p >= 1 || now - lastPost.get() > 250_000_000L) {
                    lastPost.set(now);
                    Platform.runLater(() -> progress.setProgress(p));
                }
            }, flag::get);
        }, worker).whenComplete((v, err) -> Platform.runLater(() -> finish(v, err, req)));
    }

    private void finish(LandscapeView v, Throwable err, LandscapeRequest req) {
        compute.setDisable(false);
        stop.setDisable(true);
        if (err != null) {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            progress.setProgress(0);
            boolean stopped = cause instanceof CancellationException
                    || cause instanceof org.ewclab.engine.TrainingStoppedException;
            status.setText(stopped ? Texts.get("landscape.stopped")
                    : Texts.fmt("landscape.failed", cause.getMessage()));
            return;
        }
        progress.setProgress(1);
        shown = v;
        vm.setLandscapeView(v);
        status.setText(Texts.fmt("landscape.done", req.gridSize(), req.gridSize(), v.grid().samples(),
                v.gridSeconds()));
        showView();
    }

    private void showView() {
        if (shown == null) {
            return;
        }
        int i = view.getItems().indexOf(view.getValue());
        if (i == 2 && !shown.overlaps().isEmpty()) {
            plot.setPlot(LandscapeCharts.overlap(shown));
        } else if (i == 1) {
            plot.setPlot(LandscapeCharts.line(shown));
        } else {
            plot.setPlot(LandscapeCharts.map(shown));
        }
    }

    /** The landscape on display (null before the first computation). */
    LandscapeView shown() {
        return shown;
    }

    PlotView plotView() {
        return plot;
    }
}
