package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowOpensTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new LabApp().start(stage);
    }

    @Test
    void mainWindowOpensTitledEwcLab() {
        assertTrue(stage.isShowing());
        assertEquals("EWC Lab", stage.getTitle());
    }
}
