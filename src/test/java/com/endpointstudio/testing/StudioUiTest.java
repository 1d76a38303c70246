package com.endpointstudio.testing;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioStartup;
import com.endpointstudio.app.StudioWindow;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A TestFX test of the whole studio window: one primary stage for the class, the window opened
 * on given services at 1200 × 800, and the stage and services closed after each test.
 */
public abstract class StudioUiTest extends FxRobot {

    private static Stage stage;

    protected StudioServices services;
    protected StudioWindow window;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    /** Opens the studio on {@code studioServices}; {@code then} runs on the FX thread once it shows. */
    protected StudioWindow open(StudioServices studioServices, Consumer<StudioWindow> then) throws Exception {
        return open(studioServices, then, 1200, 800);
    }

    /** Opens the studio on {@code studioServices} in a window of the size given. */
    protected StudioWindow open(StudioServices studioServices, Consumer<StudioWindow> then, int width, int height)
            throws Exception {
        services = studioServices;
        StudioStartup startup = StudioStartup.begin(services);
        FxToolkit.setupFixture(() -> {
            window = new StudioWindow(services, startup, stage);
            stage.setScene(window.createScene());
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            then.accept(window);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window;
    }

    /** Opens the studio with {@code connection} saved and active, on the screen named. */
    protected StudioWindow openOn(StudioServices studioServices, com.endpointstudio.core.connection.Connection connection,
                                  String screen) throws Exception {
        return open(studioServices, studio -> {
            studio.shell().connections().save(connection);
            studio.shell().connections().activate(connection);
            if (screen != null) {
                studio.shell().show(screen);
            }
        });
    }

    /** On the Package screen, as a newcomer: "Use the sample model", Next, an output path, Build. */
    protected void buildSampleArchive(java.nio.file.Path archive) throws java.util.concurrent.TimeoutException {
        clickOn("#sampleButton");
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#nextButton");
        interact(() -> lookup("#outputField").queryTextInputControl().setText(archive.toString()));
        clickOn("#buildButton");
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> lookup("#outcomeLabel").queryLabeled().getText().startsWith("Built"));
    }

    /** On the deploy wizard's Model step: an XGBoost 1.7-1 model of {@code artifact}, as a user types it. */
    protected void describeXgboostModel(String name, java.nio.file.Path artifact, String role) {
        clickOn("#modelStep");
        interact(() -> {
            lookup("#nameField").queryTextInputControl().setText(name);
            lookup("#modelDataField").queryTextInputControl().setText(artifact.toString());
            lookup("#frameworkChoice").<String>queryComboBox().setValue("xgboost");
            lookup("#versionChoice").<String>queryComboBox().setValue("1.7-1");
            lookup("#roleField").queryTextInputControl().setText(role);
        });
    }

    @AfterEach
    void closeStudio() throws Exception {
        FxToolkit.cleanupStages();
        interact(() -> stage.hide());
        if (services != null) {
            services.close();
        }
    }

    /** Whether the node and every pane around it show. */
    protected boolean shown(String query) {
        for (javafx.scene.Node node = lookup(query).query(); node != null; node = node.getParent()) {
            if (!node.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
