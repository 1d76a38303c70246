package com.endpointstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioStartup;
import com.endpointstudio.app.StudioWindow;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(MotoExtension.class)
class StudioWindowTest extends FxRobot {

    private static Stage stage;

    @TempDir
    Path home;

    private StudioServices services;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        interact(() -> stage.hide());
        if (services != null) {
            services.close();
        }
    }

    /** Opens the window on the Connections screen, where these tests start. */
    private StudioWindow open(MotoServer moto) throws Exception {
        StudioWindow window = openWindow(moto);
        interact(() -> window.shell().show("connections"));
        WaitForAsyncUtils.waitForFxEvents();
        return window;
    }

    private StudioWindow openWindow(MotoServer moto) throws Exception {
        if (services != null) {
            services.close();
        }
        services = moto.services(home);
        StudioWindow[] window = new StudioWindow[1];
        StudioStartup startup = StudioStartup.begin(services);
        FxToolkit.setupFixture(() -> {
            window[0] = new StudioWindow(services, startup, stage);
            stage.setScene(window[0].createScene());
            stage.setWidth(1200);
            stage.setHeight(780);
            stage.show();
            stage.toFront();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window[0];
    }

    @Test
    void theShellShowsItsWorkingScreensTheActiveConnectionAndAStatusBar(MotoServer moto) throws Exception {
        open(moto);

        ListView<?> sidebar = lookup("#sidebar").queryListView();
        assertThat(sidebar.getItems()).extracting(Object::toString).containsExactly("Package", "Deploy", "Endpoints", "Console", "Metrics", "Batch transform", "Connections", "Settings");
        ComboBox<Connection> picker = lookup("#connectionPicker").queryComboBox();
        assertThat(picker.getValue().isLocal()).isTrue();
        assertThat(lookup(".status-bar").queryAs(StatusBar.class).getText()).isEqualTo("Ready");
        assertThat(lookup("Local hosts endpoints on this computer, so the whole studio works without an AWS account.")
                .tryQuery()).isPresent();

        clickOn("Settings");
        assertThat(lookup("Appearance").tryQuery()).isPresent();
    }

    @Test
    void switchingToDarkChangesTheStylesheetAndIsRememberedAfterARestart(MotoServer moto) throws Exception {
        open(moto);
        interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));

        clickOn("#themeToggle");

        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        Path settingsFile = services.paths().settingsFile();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> Files.exists(settingsFile) && Files.readString(settingsFile).contains("\"DARK\""));

        interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        open(moto);

        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        clickOn("Settings");
        assertThat(lookup("#darkTheme").queryAs(javafx.scene.control.RadioButton.class).isSelected()).isTrue();
        clickOn("#lightTheme");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
    }

    @Test
    void addingAnAwsConnectionThroughTheDialogAndTestingItShowsTheAccount(MotoServer moto) throws Exception {
        open(moto);

        clickOn("Add AWS connection…");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#connectionName").tryQuery().isPresent());
        doubleClickOn("#connectionName").eraseText(20).write("Emulator");
        ComboBox<String> profile = lookup("#connectionProfile").queryComboBox();
        interact(() -> profile.setValue(MotoServer.PROFILE));
        clickOn("#connectionEndpointUrl").write("not a url");
        assertThat(lookup("#connectionProblem").queryLabeled().getText()).startsWith("Endpoint URL:");
        assertThat(lookup("Save").queryButton().isDisabled()).isTrue();
        doubleClickOn("#connectionEndpointUrl").eraseText(20).write(moto.endpointUrl());
        assertThat(lookup("#connectionProblem").queryLabeled().getText()).isEmpty();
        clickOn("Save");

        ComboBox<Connection> picker = lookup("#connectionPicker").queryComboBox();
        assertThat(picker.getValue().name()).isEqualTo("Emulator");
        clickOn("#testConnectionButton");

        Label identity = lookup("#identityLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> identity.getText().equals("Account " + MotoServer.ACCOUNT));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#checkMessage").queryLabeled().getText())
                .contains("arn:aws:sts::" + MotoServer.ACCOUNT + ":");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> Files.readString(services.paths().settingsFile()).contains("Emulator"));
    }

    @Test
    void aFailedTestSaysWhatToDo(MotoServer moto) throws Exception {
        open(moto);
        Connection down = Connection.aws("Down", MotoServer.PROFILE, "us-east-1", "http://127.0.0.1:9");
        clickOn("Add AWS connection…");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#connectionName").tryQuery().isPresent());
        doubleClickOn("#connectionName").eraseText(20).write(down.name());
        interact(() -> lookup("#connectionProfile").<String>queryComboBox().setValue(MotoServer.PROFILE));
        clickOn("#connectionEndpointUrl").write(down.endpointUrl());
        clickOn("Save");

        clickOn("#testButton");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> lookup("#checkState").queryLabeled().getText().equals("Not connected"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#checkMessage").queryLabeled().getText())
                .contains("Could not reach http://127.0.0.1:9");
        assertThat(lookup("#identityLabel").queryAs(Label.class).getText()).isEqualTo("Not connected");
    }

    @Test
    void aCorruptSettingsFileIsSetAsideAndTheUserIsTold(MotoServer moto) throws Exception {
        Path settings = Files.createDirectories(home.resolve("studio/config")).resolve("settings.json");
        Files.writeString(settings, "{ not json");

        open(moto);

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(lookup(".dialog-pane .label").queryAll()).anyMatch(node ->
                node instanceof Label label && label.getText() != null && label.getText().contains("was kept as"));
        try (var files = Files.list(settings.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("settings.json.corrupt-"));
        }
        assertThat(lookup("#connectionPicker").<Connection>queryComboBox().getValue().isLocal()).isTrue();
    }

    @Test
    void thePythonForLocalEndpointsIsCheckedAndRemembered(MotoServer moto) throws Exception {
        open(moto);
        clickOn("Settings");
        clickOn("#pythonField").write("/no/such/python3");
        clickOn("#pythonApply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> lookup("#pythonCheck").queryLabeled().getText().contains("can't be run"));
        assertThat(lookup("#pythonCheck").queryLabeled().getText()).contains("/no/such/python3").contains("Settings");

        interact(() -> lookup("#pythonField").queryTextInputControl().clear());
        clickOn("#pythonApply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> lookup("#pythonCheck").queryLabeled().getText().startsWith("Local endpoints will run with Python 3."));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !Files.readString(services.paths().settingsFile()).contains("/no/such"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#dockerStatus").queryLabeled().getText()
                .matches("Docker runtime: (unavailable \\(.+\\)|Docker engine .+ answers).*"));
    }
}
