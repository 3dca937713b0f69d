package org.ewclab.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.ewclab.analysis.ExperimentLog;
import org.ewclab.i18n.Texts;

/**
 * λ on a log slider (1e-2 … 1e8) with a typed field. Both edit one {@link #lambdaProperty()}; a typed value outside
 * the slider's range is kept exactly (the slider pins to its end). An invalid entry is marked red, the reason is
 * written next to it and in its tooltip, and {@link #problemProperty()} says it, so the window can refuse to train
 * with a λ other than the one shown.
 */
public final class LambdaControl extends HBox {
    private final DoubleProperty lambda = new SimpleDoubleProperty(this, "lambda", 1e5);
    private final Slider slider = new Slider(LambdaFormat.MIN_SLIDER_EXPONENT, LambdaFormat.MAX_SLIDER_EXPONENT, 5);
    private final TextField field = new TextField();
    private final Label problemText = new Label();
    private final javafx.beans.property.ReadOnlyStringWrapper problem =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "problem", "");
    private final Tooltip tip;
    private boolean updating;

    public LambdaControl() {
        getStyleClass().add("lambda-control");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        Label label = new Label("λ");
        label.getStyleClass().add("lambda-label");
        slider.setId("lambdaSlider");
        slider.setMajorTickUnit(2);
        slider.setMinorTickCount(1);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setPrefWidth(260);
        slider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double exponent) {
                return ExperimentLog.shortNumber(Math.pow(10, Math.rint(exponent)));
            }

            @Override
            public Double fromString(String s) {
                return LambdaFormat.parse(s).stream().map(LambdaFormat::toSlider).boxed().findFirst().orElse(0.0);
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        field.setId("lambdaField");
        field.setPrefColumnCount(6);
        tip = new Tooltip(Texts.get("lambda.tip"));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        Tooltip.install(slider, tip);
        field.setTooltip(tip);
        Tooltip.install(label, tip);

        slider.valueProperty().addListener((obs, old, value) -> {
            if (!updating) {
                setFromUser(LambdaFormat.fromSlider(value.doubleValue()));
            }
        });
        field.setOnAction(e -> commitField());
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                commitField();
            }
        });
        field.textProperty().addListener((obs, old, text) -> {
            if (!updating) {
                check(text);
            }
        });
        problemText.setId("lambdaProblem");
        problemText.getStyleClass().add("field-problem");
        problemText.setWrapText(true);
        problemText.setMaxWidth(240);
        problemText.setMinWidth(0);
        problemText.managedProperty().bind(problemText.visibleProperty());
        problemText.setVisible(false);
        lambda.addListener((obs, old, value) -> show(value.doubleValue()));
        show(lambda.get());
        getChildren().addAll(label, slider, field, problemText);
    }

    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    public TextField field() {
        return field;
    }

    public Slider slider() {
        return slider;
    }

    /** Why the text in the field is refused, or "" when it shows a valid λ. */
    public javafx.beans.property.ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /**
     * Uses the typed value if it is valid (as Enter does). The window calls it before Train B, so a value typed
     * without Enter is the one trained with, never the previous one.
     */
    public void commit() {
        commitField();
    }

    private void commitField() {
        var parsed = LambdaFormat.parse(field.getText());
        if (parsed.isPresent()) {
            if (parsed.getAsDouble() != lambda.get()) {
                setFromUser(parsed.getAsDouble());
            } else {
                show(lambda.get());
            }
        } else {
            check(field.getText());
        }
    }

    private void check(String text) {
        String why = LambdaFormat.problem(text);
        problem.set(why);
        problemText.setText(why);
        problemText.setVisible(!why.isEmpty());
        field.getStyleClass().remove("invalid");
        if (!why.isEmpty()) {
            field.getStyleClass().add("invalid");
            field.setTooltip(new Tooltip(Texts.fmt("lambda.waits", why)));
        } else {
            field.setTooltip(tip);
        }
    }

    private void setFromUser(double value) {
        lambda.set(value);
        show(value);
    }

    private void show(double value) {
        updating = true;
        try {
            slider.setValue(LambdaFormat.toSlider(value));
            field.setText(ExperimentLog.shortNumber(value));
        } finally {
            updating = false;
        }
        check(field.getText());
    }
}
