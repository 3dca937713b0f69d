package org.ewclab.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The lab window. */
public class LabApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(LabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane();
        stage.setTitle("EWC Lab");
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }
}
