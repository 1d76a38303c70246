package com.endpointstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import com.endpointstudio.ui.endpoints.EndpointRow;
import com.endpointstudio.ui.metrics.MetricChartView;
import com.endpointstudio.ui.metrics.MetricsViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window, as a user switching from an AWS connection (moto server) to Local: no screen
 * keeps anything of the AWS connection — not the endpoints table, the console's endpoint, answer
 * and history, the metrics, nor the deploy step's timeline.
 */
@ExtendWith(MotoExtension.class)
class SwitchingConnectionsTest extends StudioUiTest {

    @TempDir
    Path dir;

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void noScreenKeepsThePreviousConnectionsData(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        moto.createEndpoints(services, "home");
        moto.post("/moto-api/static/sagemaker/endpoint-results", """
                {"results": [{"Body": "{\\"predictions\\": [235.9]}", "ContentType": "application/json"}]}""");
        openOn(services, moto.connection(), "endpoints");

        // the AWS connection's data on every screen
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        waitFor(() -> table.getItems().size() == 1);
        interact(() -> table.getSelectionModel().select(0));
        waitFor(() -> lookup("#detailsTable").<com.endpointstudio.ui.endpoints.EndpointFacts.Fact>queryTableView()
                .getItems().stream().anyMatch(f -> f.label().equals("Endpoint config") && f.value().startsWith("c")));
        interact(() -> window.shell().show("console"));
        waitFor(() -> "home".equals(lookup("#endpointChoice").<String>queryComboBox().getValue()));
        interact(() -> lookup("#bodyArea").queryTextInputControl().setText("[[3, 80, 12]]"));
        clickOn("#sendButton");
        waitFor(() -> lookup("#statusLabel").queryLabeled().getText().equals("200 OK"));
        waitFor(() -> lookup("#historyTable").queryTableView().getItems().size() == 1);
        clickOn("#metricsButton");
        waitFor(() -> !window.metrics().drawnProperty().get().isEmpty());
        DeploymentSpec taken = SpecDefaults.realTime("home").image(
                        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                .modelData("s3://models/home/model.tar.gz").executionRole("arn:aws:iam::123456789012:role/R")
                .instanceType("ml.m5.large").build();
        interact(() -> window.deploy().run().start(taken, moto.connection()));
        interact(() -> window.shell().show("deploy"));
        clickOn("#deployStep");
        waitFor(() -> !lookup("#timelineList").<DeploymentEvent>queryListView().getItems().isEmpty());
        interact(() -> lookup(".dialog-pane").tryQuery().ifPresent(pane -> pane.getScene().getWindow().hide()));

        ComboBox<Connection> picker = lookup("#connectionPicker").queryComboBox();
        interact(() -> picker.setValue(Connection.local()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#timelineList").<DeploymentEvent>queryListView().getItems()).isEmpty();
        assertThat(lookup("#deployOutcome").queryLabeled().getText()).isEmpty();
        assertThat(lookup("#deployTarget").queryLabeled().getText()).doesNotContain("Moto");
        interact(() -> window.shell().show("endpoints"));
        waitFor(() -> !window.endpoints().table().loadingProperty().get());
        assertThat(table.getItems()).isEmpty();
        assertThat(lookup("#detailsTable").queryTableView().getItems()).isEmpty();
        assertThat(lookup("#totalsLabel").queryLabeled().getText()).startsWith("0 endpoints");
        interact(() -> window.shell().show("console"));
        assertThat(lookup("#endpointChoice").<String>queryComboBox().getItems()).isEmpty();
        assertThat(lookup("#endpointChoice").<String>queryComboBox().getValue()).isNullOrEmpty();
        assertThat(lookup("#statusLabel").queryLabeled().getText()).isEqualTo("No response yet");
        assertThat(lookup("#responseText").queryTextInputControl().getText()).isEmpty();
        assertThat(lookup("#historyTable").queryTableView().getItems()).isEmpty();
        interact(() -> window.shell().show("metrics"));
        assertThat(lookup("#endpointChoice").<String>queryComboBox().getValue()).isNullOrEmpty();
        assertThat(lookup("#chart-latency").<MetricChartView>query().emptyReason()).isEqualTo(
                MetricsViewModel.NOTHING_CHOSEN);
        assertThat(lookup("#chart-latency").<MetricChartView>query().chart().getData()).isEmpty();
        assertThat(lookup(".status-bar").queryAs(StatusBar.class).getText()).doesNotContain("Moto");
    }
}
