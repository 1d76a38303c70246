package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.testing.LocalStudio;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Endpoints screen's captured data viewer on a Local endpoint that captures every call: the
 * capture file listed, its records opened (request and response decoded), one sent again.
 */
class CapturedDataScreenTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void theViewerListsTheCaptureFilesOpensARecordAndSendsItAgain() throws Exception {
        LocalStudio local = LocalStudio.in(dir);
        StudioServices studio = local.services();
        studio.serveLocalEndpoints();
        DeploymentSpec plain = local.sampleSpec("watched");
        local.deploy(new DeploymentSpec(1, plain.models(), new DeploymentSpec.EndpointConfigSpec(
                plain.endpointConfig().name(), plain.endpointConfig().variants(), null,
                new DeploymentSpec.DataCaptureSpec(100, "s3://captures/houses", true, true, List.of("application/json"),
                        List.of("text/csv"), null), null), plain.endpoint()));
        try (var session = studio.hostingProvider().open(Connection.local())) {
            var runtime = session.hosting().runtime();
            for (String rows : List.of("[[3, 80, 12]]", "[[2, 50, 30]]")) {
                assertThat(runtime.invoke(InvocationRequest.of("watched", "application/json",
                        rows.getBytes(StandardCharsets.UTF_8))).succeeded()).isTrue();
            }
        }
        openOn(studio, Connection.local(), "endpoints");

        clickOn("#loadButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("1 endpoint on this computer"));
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !lookup("#captureButton").query().isDisabled());
        clickOn("#captureButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#capturedRecords").tryQuery().isPresent()
                && lookup("#capturedRecords").queryTableView().getItems().size() == 2);
        ListView<?> files = lookup("#captureFiles").queryListView();
        assertThat(files.getItems()).hasSize(1);
        String record = lookup("#capturedRecord").queryTextInputControl().getText();
        assertThat(record).contains("Request (application/json, captured as JSON)").contains("[ [ 3, 80, 12 ] ]")
                .contains("Response (application/json, captured as JSON)").contains("235.9");

        clickOn("#sendAgain");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#resentAnswer").queryTextInputControl().getText()
                .startsWith("200 application/json from variant AllTraffic"));
        assertThat(lookup("#resentAnswer").queryTextInputControl().getText()).contains("235.9");
    }
}
