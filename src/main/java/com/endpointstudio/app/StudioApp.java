package com.endpointstudio.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: builds the services and shows the main window. */
public final class StudioApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("Endpoint Studio");
        stage.show();
    }
}
