package com.endpointstudio.app;

import com.endpointstudio.LogConfiguration;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.core.settings.Theme;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The JavaFX application: shows the window at once with the shell's outline, makes the services
 * and reads the settings while that frame is drawn, then builds the shell. The user sees the
 * window open as quickly as an empty one, its content a moment later.
 */
public final class StudioApp extends Application {

    /** System property: open the window, check that the shell rendered, report and exit (installers' CI). */
    public static final String SMOKE_TEST = "endpointstudio.smokeTest";

    private static volatile CompletableFuture<Theme> theme;

    private volatile StudioServices services;
    private StudioWindow window;
    private Theme firstTheme = Theme.LIGHT;

    /** What the services and the shell need, made off the FX thread once the first frame is drawn. */
    private record Prepared(StudioStartup startup, Image icon) {
    }

    /** Called by the launcher before the toolkit starts: the theme, read while the toolkit starts. */
    public static void prepare() {
        theme = async("studio-theme", () -> SettingsStore.peekTheme(StudioPaths.forCurrentUser().settingsFile()));
    }

    /** On the launcher's thread, before {@link #start}: the theme read meanwhile, waited for here. */
    @Override
    public void init() {
        if (theme != null) {
            firstTheme = theme.join();
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Endpoint Studio");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(FirstFrame.scene(firstTheme));
        if (Boolean.getBoolean(SMOKE_TEST)) {
            SmokeTest.watch(stage);
        }
        stage.show();
        // the services and the settings are made once the first frame is drawn: on two cores, made beside
        // it they would slow it down
        FirstFrame.afterDrawn(() -> async("studio-prepare", () -> {
            LogConfiguration.beginInBackground();
            services = StudioServices.forCurrentUser();
            var icon = StudioApp.class.getResourceAsStream("/icons/endpoint-studio-256.png");
            return new Prepared(StudioStartup.begin(services), icon == null ? null : new Image(icon));
        }).whenComplete((made, error) -> Platform.runLater(() -> {
            if (error != null) {
                failed(error instanceof CompletionException wrapped ? wrapped.getCause() : error);
            } else {
                open(stage, made);
            }
        })));
    }

    private void open(Stage stage, Prepared prepared) {
        window = new StudioWindow(services, prepared.startup(), stage);
        window.useDocumentOpener(getHostServices()::showDocument);
        stage.setScene(window.createScene());
        if (prepared.icon() != null) {
            stage.getIcons().add(prepared.icon());
        }
    }

    /** The studio could not start (its folders can't be made, say): said, and the window closed. */
    private static void failed(Throwable error) {
        error.printStackTrace();
        if (Boolean.getBoolean(SMOKE_TEST)) {
            System.err.println("SMOKE FAILED: " + error);
            Runtime.getRuntime().halt(1);
        }
        Alert alert = new Alert(Alert.AlertType.ERROR, "Endpoint Studio could not start: " + error.getMessage());
        alert.setHeaderText("Endpoint Studio could not start");
        alert.showAndWait();
        Platform.exit();
    }

    private static <T> CompletableFuture<T> async(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (services != null) {
            services.close();
        }
    }
}
