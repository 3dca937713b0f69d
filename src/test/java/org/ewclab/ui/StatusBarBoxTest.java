package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A text change in the status bar lays out the bar alone (the window's root is not asked for a layout pass), the bar
 * still shows the new text at its new width, and a change that needs another line still reaches the window.
 */
@ExtendWith(ApplicationExtension.class)
class StatusBarBoxTest {
    private BorderPane root;
    private StatusBarBox bar;
    private Label status;
    private Label readout;

    @Start
    void start(Stage stage) {
        status = new Label("training");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.HBox.setHgrow(status, Priority.ALWAYS);
        readout = new Label("plain 10%");
        readout.setMinWidth(Label.USE_PREF_SIZE);
        bar = new StatusBarBox(status, readout);
        root = new BorderPane(new Pane(), null, null, bar, null);
        stage.setScene(new Scene(root, 400, 200));
        stage.show();
    }

    @Test
    void aSameHeightChangeStaysInTheBarAndAnotherLineReachesTheWindow() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        double width = readout.getWidth();
        double height = bar.getHeight();
        AtomicReference<boolean[]> flags = new AtomicReference<>();
        Platform.runLater(() -> {
            readout.setText("plain 10% · EWC λ=1e5 mnist 93.7%");
            flags.set(new boolean[] {root.isNeedsLayout(), bar.isNeedsLayout()});
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(flags.get()[0], "the window's root is not asked for a layout");
        assertTrue(flags.get()[1], "the bar is");
        assertTrue(readout.getWidth() > width + 20, "the readout got its new width: " + readout.getWidth());
        assertEquals(height, bar.getHeight(), 0.5);

        Platform.runLater(() -> {
            status.setText("Done. Full test sets after the last task — plain: mnist 18% fashion 85% · L2 λ=1: "
                    + "mnist 80% fashion 74% · EWC λ=1e5: mnist 94% fashion 82%");
            flags.set(new boolean[] {root.isNeedsLayout(), bar.isNeedsLayout()});
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(flags.get()[0], "a wrapped message needs the window to make room");
        assertTrue(bar.getHeight() > height + 5, "the bar grew to two lines: " + bar.getHeight());
    }
}
