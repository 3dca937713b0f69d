package org.ewclab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.RunResult;
import org.ewclab.export.LabCharts;
import org.ewclab.export.Plot;
import org.ewclab.export.SeedCharts;
import org.ewclab.ui.chart.PlotView;
import org.ewclab.i18n.Texts;

/**
 * The λ sweep: which methods, a log range of λ, how many points; then the stability–plasticity plot (accuracy on A
 * against accuracy on B, one curve per method) and accuracy against λ, filled as the runs finish.
 */
final class SweepPane extends BorderPane {
    private final LabViewModel vm;
    private final CheckBox l2 = new CheckBox("L2");
    private final CheckBox ewc = new CheckBox("EWC");
    private final CheckBox online = new CheckBox(Texts.get("method.onlineEwc"));
    /** The other methods with a λ: importance measures beside the Fisher, and EWC++. */
    private final CheckBox ewcpp = new CheckBox("EWC++");
    private final CheckBox si = new CheckBox("SI");
    private final CheckBox mas = new CheckBox("MAS");
    private final TextField from = new TextField("1");
    private final TextField to = new TextField("1e7");
    private final Spinner<Integer> points = new Spinner<>(2, 20, 8);
    private final PlotView tradeOff = new PlotView();
    private final PlotView versusLambda = new PlotView();
    private long lastVersion = -1;
    /** "seeds: [n]", the same count as the workflow bar's (Compare all). */
    private final javafx.scene.Node seedsBox;

    SweepPane(LabViewModel vm) {
        this.vm = vm;
        l2.setSelected(true);
        ewc.setSelected(true);
        l2.setId("sweepL2");
        ewc.setId("sweepEwc");
        from.setPrefColumnCount(5);
        to.setPrefColumnCount(5);
        points.setPrefWidth(80);
        points.setEditable(true);
        Button run = new Button(Texts.get("sweep.run"));
        run.setId("runSweep");
        run.getStyleClass().add("compare-button");
        run.setTooltip(LabWindow.tip(Texts.get("sweep.run.tip")));
        run.disableProperty().bind(vm.canTrainB().not());
        run.setOnAction(e -> start());
        ewcpp.setId("sweepEwcpp");
        si.setId("sweepSi");
        mas.setId("sweepMas");
        HBox controls = new HBox(10, new Label(Texts.get("sweep.methods")), l2, ewc, online, ewcpp, si, mas,
                new Label(Texts.get("sweep.from")), from, new Label(Texts.get("sweep.to")), to,
                new Label(Texts.get("sweep.points")), points, seedsBox = LabWindow.seedsControl(vm, "sweepSeeds"), run);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8));
        controls.disableProperty().bind(vm.busy());
        Label hint = new Label(Texts.get("sweep.hint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setPadding(new Insets(0, 8, 4, 8));
        setTop(new javafx.scene.layout.VBox(controls, hint));
        tradeOff.setId("stabilityPlasticityChart");
        versusLambda.setId("accuracyVsLambdaChart");
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.setPadding(new Insets(6));
        charts.add(tradeOff, 0, 0);
        charts.add(versusLambda, 1, 0);
        for (var view : List.of(tradeOff, versusLambda)) {
            GridPane.setHgrow(view, Priority.ALWAYS);
            GridPane.setVgrow(view, Priority.ALWAYS);
        }
        setCenter(charts);
        vm.sweepSettingsProperty().addListener((obs, old, spec) -> showSettings(spec));
        showSettings(vm.sweepSettingsProperty().get());
    }

    /** Shows a lesson's sweep section (methods, λ range, points) in the controls. */
    private void showSettings(ExperimentPreset.SweepSpec spec) {
        if (spec == null) {
            return;
        }
        l2.setSelected(spec.methods().contains(ExperimentPreset.L2));
        ewc.setSelected(spec.methods().contains(ExperimentPreset.EWC));
        online.setSelected(spec.methods().contains(ExperimentPreset.ONLINE_EWC));
        ewcpp.setSelected(spec.methods().contains(ExperimentPreset.EWCPP));
        si.setSelected(spec.methods().contains(ExperimentPreset.SI));
        mas.setSelected(spec.methods().contains(ExperimentPreset.MAS));
        from.setText(org.ewclab.analysis.ExperimentLog.shortNumber(spec.lambdaMin()));
        to.setText(org.ewclab.analysis.ExperimentLog.shortNumber(spec.lambdaMax()));
        points.getValueFactory().setValue(spec.points());
    }

    private void start() {
        List<String> methods = new ArrayList<>();
        if (l2.isSelected()) {
            methods.add(ExperimentPreset.L2);
        }
        if (ewc.isSelected()) {
            methods.add(ExperimentPreset.EWC);
        }
        if (online.isSelected()) {
            methods.add(ExperimentPreset.ONLINE_EWC);
        }
        if (ewcpp.isSelected()) {
            methods.add(ExperimentPreset.EWCPP);
        }
        if (si.isSelected()) {
            methods.add(ExperimentPreset.SI);
        }
        if (mas.isSelected()) {
            methods.add(ExperimentPreset.MAS);
        }
        if (methods.isEmpty()) {
            vm.post(LabViewModel.Notice.Severity.WARNING, Texts.get("sweep.noMethod"));
            return;
        }
        var lo = LambdaFormat.parse(from.getText());
        var hi = LambdaFormat.parse(to.getText());
        if (lo.isEmpty() || hi.isEmpty() || lo.getAsDouble() <= 0 || hi.getAsDouble() <= lo.getAsDouble()) {
            vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("sweep.badRange", from.getText(), to.getText()));
            return;
        }
        vm.sweep(methods, lo.getAsDouble(), hi.getAsDouble(), points.getValue());
    }

    /** Redraws when the sweep reported something new (called by the window's pulse). */
    void refresh() {
        var shown = vm.shownSweepLog();
        long v = (shown.version() * 31 + vm.pictureProperty().get()) * 31 + System.identityHashCode(shown);
        if (v == lastVersion) {
            return;
        }
        lastVersion = v;
        List<String> names = vm.taskNames();
        LabViewModel.SeededPicture seeded = vm.seededSweep();
        if (seeded != null && vm.phase() != LabViewModel.Phase.SWEEPING) {
            // over several seeds: means with error bars (stability–plasticity) and ± 1 SE bands (accuracy vs λ)
            int n = seeded.seeds().size();
            tradeOff.setPlot(SeedCharts.stabilityPlasticity(seeded.summary(), names, n));
            versusLambda.setPlot(SeedCharts.accuracyVsLambda(seeded.summary(), names, n));
            return;
        }
        List<RunResult> runs = vm.sweepResults();
        tradeOff.setPlot(LabCharts.stabilityPlasticity(runs, names));
        versusLambda.setPlot(LabCharts.accuracyVsLambda(runs, names));
    }

    /** The sweep's plots, for Export all. */
    List<Plot> plots() {
        List<Plot> out = new ArrayList<>();
        if (tradeOff.getPlot() != null) {
            out.add(tradeOff.getPlot());
        }
        if (versusLambda.getPlot() != null) {
            out.add(versusLambda.getPlot());
        }
        return out;
    }

    javafx.scene.Node seedsBox() {
        return seedsBox;
    }

    PlotView versusLambdaView() {
        return versusLambda;
    }

    PlotView tradeOffView() {
        return tradeOff;
    }
}
