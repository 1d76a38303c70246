package com.endpointstudio.app;

import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: builds the services and shows the main window. */
public final class StudioApp extends Application {

    /** System property: open the window, check that the shell rendered, report and exit (installers' CI). */
    public static final String SMOKE_TEST = "endpointstudio.smokeTest";

    private StudioServices services;
    private StudioStartup startup;
    private StudioWindow window;

    /** Off the FX thread: the services, the settings, and the reads the screens wait for, started. */
    @Override
    public void init() {
        services = StudioServices.forCurrentUser();
        startup = StudioStartup.begin(services);
    }

    @Override
    public void start(Stage stage) {
        window = new StudioWindow(services, startup, stage);
        window.useDocumentOpener(getHostServices()::showDocument);
        stage.setTitle("Endpoint Studio");
        var icon = getClass().getResourceAsStream("/icons/endpoint-studio-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setScene(window.createScene());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (Boolean.getBoolean(SMOKE_TEST)) {
            SmokeTest.watch(stage);
        }
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        services.close();
    }
}
