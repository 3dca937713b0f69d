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
import javafx.scene.layout.Priority;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.RunResult;
import org.ewclab.export.LabCharts;
import org.ewclab.export.Plot;
import org.ewclab.export.SeedCharts;
import org.ewclab.ui.chart.PlotView;
import org.ewclab.i18n.Texts;

/**
 * The sweep: λ of the ticked methods over a log range (the default), or one knob of one method (replay's memory, LwF's
 * α, …) at listed values; then the stability–plasticity plot (accuracy on A against accuracy on B, one curve per
 * method) and accuracy against λ or the knob, filled as the runs finish.
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
    /** What the sweep turns: λ of the ticked methods (the default), or one knob of one method ("replay/memory"). */
    private final javafx.scene.control.ComboBox<String> knob = new javafx.scene.control.ComboBox<>();
    /** The knob's values, e.g. "10, 50, 200, 1000". */
    private final TextField values = new TextField();
    private final CheckBox logScale = new CheckBox(Texts.get("sweep.log"));
    private final List<javafx.scene.Node> lambdaControls = new ArrayList<>();
    private final Label hint = new Label(Texts.get("sweep.hint"));
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
        knob.setId("sweepKnob");
        knob.getItems().add(LAMBDA);
        knob.getItems().addAll(knobChoices());
        knob.setValue(LAMBDA);
        knob.setTooltip(LabWindow.tip(Texts.get("sweep.knob.tip")));
        knob.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String k) {
                return k == null ? "" : knobText(k);
            }

            @Override
            public String fromString(String text) {
                return knob.getItems().stream().filter(k -> knobText(k).equals(text)).findFirst().orElse(LAMBDA);
            }
        });
        values.setId("sweepValues");
        values.setPrefColumnCount(12);
        values.setTooltip(LabWindow.tip(Texts.get("sweep.values.tip")));
        logScale.setId("sweepLog");
        Label methodsLabel = new Label(Texts.get("sweep.methods"));
        Label fromLabel = new Label(Texts.get("sweep.from"));
        Label toLabel = new Label(Texts.get("sweep.to"));
        Label pointsLabel = new Label(Texts.get("sweep.points"));
        Label valuesLabel = new Label(Texts.get("sweep.values"));
        lambdaControls.addAll(List.of(methodsLabel, l2, ewc, online, ewcpp, si, mas, fromLabel, from, toLabel, to,
                pointsLabel, points));
        List<javafx.scene.Node> knobControls = List.of(valuesLabel, values, logScale);
        knob.valueProperty().addListener((obs, old, k) -> {
            boolean lam = k == null || LAMBDA.equals(k);
            lambdaControls.forEach(n -> {
                n.setVisible(lam);
                n.setManaged(lam);
            });
            knobControls.forEach(n -> {
                n.setVisible(!lam);
                n.setManaged(!lam);
            });
            hint.setText(Texts.get(lam ? "sweep.hint" : "sweep.hint.knob"));
            if (!lam) {
                values.setText(defaultValues(k.substring(k.indexOf('/') + 1)));
                logScale.setSelected(k.endsWith("/memory"));
            }
            lastVersion = -1;
            refresh();
        });
        knobControls.forEach(n -> {
            n.setVisible(false);
            n.setManaged(false);
        });
        // a flow, not a row: with the knob choice the controls outgrow a 1280-pixel window and wrap
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(10, 6, new Label(
                Texts.get("sweep.knob")), knob, methodsLabel, l2, ewc, online, ewcpp, si, mas, fromLabel, from,
                toLabel, to, pointsLabel, points, valuesLabel, values, logScale,
                seedsBox = LabWindow.seedsControl(vm, "sweepSeeds"), run);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8));
        controls.disableProperty().bind(vm.busy());
        Label hint = this.hint;
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
        if (!spec.lambdaSweep()) {
            String choice = spec.methods().get(0) + "/" + spec.knobName();
            if (knob.getItems().contains(choice)) {
                knob.setValue(choice);
                values.setText(String.join(", ", java.util.Arrays.stream(spec.knobValues())
                        .mapToObj(org.ewclab.analysis.ExperimentLog::shortNumber).toList()));
                logScale.setSelected(ExperimentPreset.SweepSpec.LOG.equals(spec.scaleName()));
            }
            return;
        }
        knob.setValue(LAMBDA);
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

    private static final String LAMBDA = ExperimentPreset.SweepSpec.LAMBDA;

    /**
     * The knobs other than λ the tab offers, as "method/knob": each method's strength settings (not the distillation
     * any method can add, and temperature only for LwF, where it acts without one).
     */
    static List<String> knobChoices() {
        List<String> out = new ArrayList<>();
        for (String m : ExperimentPreset.METHODS) {
            for (String k : ExperimentPreset.knobsOf(m)) {
                if (k.equals(LAMBDA) || k.equals("distill") || k.equals("temperature")
                        && !m.equals(ExperimentPreset.LWF)) {
                    continue;
                }
                out.add(m + "/" + k);
            }
        }
        return out;
    }

    /** "λ (ticked methods)" or "Replay · replay memory". */
    private static String knobText(String choice) {
        if (LAMBDA.equals(choice)) {
            return Texts.get("sweep.knob.lambda");
        }
        int at = choice.indexOf('/');
        return org.ewclab.export.MethodColors.methodLabel(choice.substring(0, at)) + " · "
                + LabCharts.knobName(choice.substring(at + 1));
    }

    /** A first set of values to try for a knob: its useful range at a glance. */
    static String defaultValues(String k) {
        return switch (k) {
            case "memory" -> "10, 50, 200, 1000";
            case "ratio" -> "0.25, 0.5, 1, 2";
            case "alpha" -> "0.1, 0.5, 1, 2, 5";
            case "temperature" -> "1, 2, 4, 8";
            case "layers" -> "1, 2";
            case "beta" -> "0, 0.5, 0.9";
            case "xi" -> "0.01, 0.1, 1";
            default -> "";
        };
    }

    /** Reads "10, 50, 200" (commas or spaces; 1e3 allowed); null when an entry is not a number. */
    static List<Double> parseValues(String text) {
        List<Double> out = new ArrayList<>();
        for (String part : text.trim().split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                out.add(Double.parseDouble(part));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private void start() {
        String choice = knob.getValue();
        if (choice != null && !LAMBDA.equals(choice)) {
            List<Double> vs = parseValues(values.getText());
            if (vs == null || vs.isEmpty()) {
                vm.post(LabViewModel.Notice.Severity.ERROR, Texts.fmt("sweep.badValues", values.getText()));
                return;
            }
            int at = choice.indexOf('/');
            vm.sweep(new ExperimentPreset.SweepSpec(List.of(choice.substring(0, at)), null, null, null,
                    choice.substring(at + 1), vs, null, null, logScale.isSelected() ? ExperimentPreset.SweepSpec.LOG
                    : ExperimentPreset.SweepSpec.LINEAR));
            return;
        }
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
            List<String> seededKnobs = seeded.summary().stream().filter(g -> g.point() != null)
                    .map(g -> g.point().knob()).distinct().toList();
            versusLambda.setPlot(seededKnobs.isEmpty() ? SeedCharts.accuracyVsLambda(seeded.summary(), names, n)
                    : SeedCharts.accuracyVsKnob(seeded.summary(), names, n, seededKnobs.get(0)));
            return;
        }
        List<RunResult> runs = vm.sweepResults();
        tradeOff.setPlot(LabCharts.stabilityPlasticity(runs, names));
        List<String> knobs = LabCharts.knobsSwept(runs);
        // the chart follows what the runs swept: accuracy against the knob of a knob sweep, else against λ
        versusLambda.setPlot(knobs.isEmpty() ? LabCharts.accuracyVsLambda(runs, names)
                : LabCharts.accuracyVsKnob(runs, names, knobs.get(0)));
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
