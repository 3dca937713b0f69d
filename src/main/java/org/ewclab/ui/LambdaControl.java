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

/**
 * λ on a log slider (1e-2 … 1e8) with a typed field. Both edit one {@link #lambdaProperty()}; a typed value outside
 * the slider's range is kept exactly (the slider pins to its end). An invalid entry is marked and changes nothing.
 */
public final class LambdaControl extends HBox {
    private final DoubleProperty lambda = new SimpleDoubleProperty(this, "lambda", 1e5);
    private final Slider slider = new Slider(LambdaFormat.MIN_SLIDER_EXPONENT, LambdaFormat.MAX_SLIDER_EXPONENT, 5);
    private final TextField field = new TextField();
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
        Tooltip tip = new Tooltip("λ weighs remembering task A against learning task B: the penalty is "
                + "(λ/2)·Σ F·(θ − θ*A)². 0 is plain training; too large and task B cannot be learnt (or SGD diverges). "
                + "Type a value such as 1e5 and press Enter.");
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        Tooltip.install(slider, tip);
        Tooltip.install(field, tip);
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
        lambda.addListener((obs, old, value) -> show(value.doubleValue()));
        show(lambda.get());
        getChildren().addAll(label, slider, field);
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

    private void commitField() {
        var parsed = LambdaFormat.parse(field.getText());
        if (parsed.isPresent()) {
            field.getStyleClass().remove("invalid");
            setFromUser(parsed.getAsDouble());
        } else if (!field.getStyleClass().contains("invalid")) {
            field.getStyleClass().add("invalid");
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
            field.getStyleClass().remove("invalid");
        } finally {
            updating = false;
        }
    }
}
