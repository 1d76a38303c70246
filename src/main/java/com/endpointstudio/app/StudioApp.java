package com.endpointstudio.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/** The JavaFX application: builds the services and shows the main window. */
public final class StudioApp extends Application {

    /** System property: open the window, check that the shell rendered, report and exit (installers' CI). */
    public static final String SMOKE_TEST = "endpointstudio.smokeTest";

    private static volatile CompletableFuture<StudioStartup> early;

    private StudioServices services;
    private StudioStartup startup;
    private StudioWindow window;

    /**
     * Called by the launcher before the toolkit starts: the services are made, the settings read and
     * the logging set up on threads of their own while the toolkit starts, which waits on its own
     * thread meanwhile. {@link #init()} takes what they made.
     */
    public static void prepare() {
        Thread logging = new Thread(LoggerFactory::getILoggerFactory, "studio-logging");
        logging.setDaemon(true);
        logging.start();
        early = CompletableFuture.supplyAsync(() -> StudioStartup.begin(StudioServices.forCurrentUser()), work -> {
            Thread thread = new Thread(work, "studio-prepare");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Off the FX thread: the services, the settings, and the reads the screens wait for, started. */
    @Override
    public void init() {
        if (early != null) {
            try {
                startup = early.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            services = startup.services();
        } else {
            services = StudioServices.forCurrentUser();
            startup = StudioStartup.begin(services);
        }
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
