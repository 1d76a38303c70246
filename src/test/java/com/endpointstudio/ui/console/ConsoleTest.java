package com.endpointstudio.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioStartup;
import com.endpointstudio.app.StudioWindow;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The console driven as a user would, against a Local endpoint served by a real Python process. */
class ConsoleTest extends FxRobot {

    private static Stage stage;

    @TempDir
    Path dir;

    private StudioServices services;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        Path archive = dir.resolve("houses.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), archive, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        assertThat(services.localHost().create("houses", archive, "custom", line -> { }).status()).isEqualTo("InService");
        StudioStartup startup = StudioStartup.begin(services);
        FxToolkit.setupFixture(() -> {
            StudioWindow window = new StudioWindow(services, startup, stage);
            stage.setScene(window.createScene());
            stage.setWidth(1200);
            stage.setHeight(800);
            stage.show();
            window.shell().show("console");
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        interact(() -> stage.hide());
        services.close();
    }

    private String status() {
        return lookup("#statusLabel").queryLabeled().getText();
    }

    private void sendWithShortcut() {
        clickOn("#bodyArea");
        press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
    }

    @Test
    void aJsonRequestIsAnsweredShownAndKeptInTheHistory() throws Exception {
        clickOn("#listEndpointsButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> "houses".equals(lookup("#endpointChoice").<String>queryComboBox().getValue()));
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#bodyArea").write("[[3, 80, 12]]");
        assertThat(lookup("#bodySummaryLabel").queryLabeled().getText()).contains("13 bytes").contains("valid JSON");

        sendWithShortcut();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status().equals("200 OK"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#responseText").queryTextInputControl().getText()).contains("235.9");
        assertThat(lookup("#detailLabel").queryLabeled().getText()).contains("ms").contains("variant AllTraffic");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#historyTable").queryTableView().getItems().size() == 1);
        List<HistoryEntry> kept = new InvocationHistory(services.paths().dataDir().resolve("console")).entries();
        assertThat(kept).singleElement().satisfies(entry -> assertThat(entry.request().endpointName()).isEqualTo("houses"));
    }

    @Test
    void aLocalModelErrorSaysWhichContainerRuleCausedIt() throws Exception {
        var bare = SampleModel.tree();
        bare.putText("code/inference.py", "def model_fn(model_dir):\n    return None\n");
        Path archive = dir.resolve("bare.tar.gz");
        new ModelPackager().build(bare.toPlan(), Set.of(), archive, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());
        services.localHost().create("bare", archive, "custom", line -> { });
        interact(() -> lookup("#endpointChoice").<String>queryComboBox().setValue("bare"));
        clickOn("#bodyArea").write("[[1, 2]]");
        clickOn("#sendButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status().contains("ModelError"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#errorLabel").queryLabeled().getText())
                .startsWith("Why: The SageMaker inference toolkit has no default predict_fn; define predict_fn")
                .contains("\n\nPlease provide a predict_fn implementation");
    }

    @Test
    void aModelErrorShowsTheContainersMessageAndALinkToItsLog() throws Exception {
        interact(() -> lookup("#endpointChoice").<String>queryComboBox().setValue("houses"));
        clickOn("#bodyArea").write("{not json");
        assertThat(lookup("#bodySummaryLabel").queryLabeled().getText()).contains("not valid JSON");
        clickOn("#sendButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status().contains("ModelError"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#errorBox").query().isVisible()).isTrue();
        assertThat(lookup("#errorLabel").queryLabeled().getText()).isNotBlank();
        assertThat(lookup("#logLink").queryLabeled().getText()).isEqualTo("Open the container's log");
    }

    @Test
    void csvAnswersShowAsATableAndOversizedBodiesAreRefusedBeforeSending() throws Exception {
        interact(() -> {
            lookup("#endpointChoice").<String>queryComboBox().setValue("houses");
            lookup("#contentTypeChoice").<String>queryComboBox().setValue("text/csv");
            lookup("#acceptChoice").<String>queryComboBox().setValue("text/csv");
            lookup("#bodyArea").queryTextInputControl().setText("3,80,12\n2,50,30");
        });
        clickOn("#sendButton");
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status().equals("200 OK"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the status reads " + status() + ": "
                    + lookup("#responseText").queryTextInputControl().getText(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = lookup("#responseTabs").query();
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Table");
        TableView<?> table = lookup("#csvTable").queryTableView();
        assertThat(table.getItems()).hasSize(2);

        interact(() -> lookup("#bodyArea").queryTextInputControl().setText("1,".repeat(3_200_000)));
        clickOn("#sendButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#requestProblemLabel").queryLabeled().getText()).contains("Body").contains("6,291,456");
        TableView<?> history = lookup("#historyTable").queryTableView();
        assertThat(history.getItems()).hasSize(1);
    }

    @Test
    void aLoadTestChartsItsSecondsAndReportsPercentiles() throws Exception {
        interact(() -> {
            lookup("#endpointChoice").<String>queryComboBox().setValue("houses");
            lookup("#bodyArea").queryTextInputControl().setText("[[3, 80, 12]]");
        });
        clickOn("Load test");
        interact(() -> lookup("#requestsField").queryTextInputControl().setText("300"));
        clickOn("#startLoadTestButton");
        javafx.scene.control.TableView<LoadTestFigures.Figure> result = lookup("#loadTestTable").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result.getItems().stream()
                .anyMatch(f -> f.metric().equals("Requests") && f.value().startsWith("300 in ")));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(result.getItems()).extracting(LoadTestFigures.Figure::metric).contains("Endpoint", "Errors",
                "Throughput", "p50", "p90", "p99", "Max", "Cost per million");
        assertThat(result.getItems()).contains(new LoadTestFigures.Figure("Endpoint", "houses"),
                new LoadTestFigures.Figure("Cost per million", "no charge: the endpoint runs on this computer"));
        clickOn("#copyLoadTestButton");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertThat(copied).startsWith("Endpoint\thouses\nRequests\t300 in ").contains("\np99\t");
        javafx.scene.chart.LineChart<?, ?> latency = lookup("#latencyChart").query();
        assertThat(latency.getData().get(0).getData()).isNotEmpty();
        assertThat(lookup("#exportCsvButton").queryButton().isDisabled()).isFalse();
    }
}
