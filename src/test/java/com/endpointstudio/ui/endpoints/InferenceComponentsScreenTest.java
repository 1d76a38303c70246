package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.testing.LocalStudio;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The Endpoints screen on a Local endpoint of inference components: the components listed, one scaled to zero. */
class InferenceComponentsScreenTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void theComponentsAreListedAndTheirCopiesSetFromTheScreen() throws Exception {
        LocalStudio local = LocalStudio.in(dir);
        StudioServices studio = local.services();
        DeploymentSpec plain = local.sampleSpec("hosts");
        var variant = plain.endpointConfig().variants().get(0);
        local.deploy(new DeploymentSpec(1, plain.models(), new DeploymentSpec.EndpointConfigSpec(
                plain.endpointConfig().name(), List.of(new DeploymentSpec.VariantSpec(variant.variantName(), null,
                variant.instanceType(), 1, 1.0))), plain.endpoint(), List.of(new DeploymentSpec.InferenceComponentSpec(
                "houses-ic", variant.variantName(), plain.models().get(0).name(),
                new DeploymentSpec.ComputeSpec(1.0, null, 256, null), 1, null))));
        openOn(studio, Connection.local(), "endpoints");

        clickOn("#loadButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("1 endpoint on this computer"));
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !lookup("#copiesButton").query().isDisabled());
        assertThat(lookup("#componentsArea").queryTextInputControl().getText())
                .contains("houses-ic: InService, copies 1 of 1, model hosts-model on AllTraffic");

        clickOn("#copiesButton");
        WaitForAsyncUtils.waitForFxEvents();
        Spinner<Integer> copies = lookup("#copiesSpinner").query();
        interact(() -> copies.getValueFactory().setValue(0));
        clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#componentsArea").queryTextInputControl().getText()
                .contains("copies 0 of 0"));
        try (var session = studio.hostingProvider().open(Connection.local())) {
            assertThat(session.hosting().control().describeInferenceComponent("houses-ic"))
                    .hasValueSatisfying(c -> assertThat(c.currentCopies()).isZero());
        }
    }
}
