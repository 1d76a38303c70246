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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Update… on a Local endpoint of two variants: only the weights change, and the next calls follow them. */
class LocalVariantWeightsScreenTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void aVariantsWeightSetToZeroOnTheScreenGetsNoMoreCalls() throws Exception {
        LocalStudio local = LocalStudio.in(dir);
        StudioServices studio = local.services();
        DeploymentSpec plain = local.sampleSpec("ab");
        String model = plain.models().get(0).name();
        local.deploy(new DeploymentSpec(1, plain.models(), new DeploymentSpec.EndpointConfigSpec(
                plain.endpointConfig().name(), List.of(
                        new DeploymentSpec.VariantSpec("Blue", model, "ml.m5.large", 1, 1.0),
                        new DeploymentSpec.VariantSpec("Green", model, "ml.m5.large", 1, 1.0))),
                plain.endpoint(), List.of()));
        openOn(studio, Connection.local(), "endpoints");

        clickOn("#loadButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("1 endpoint on this computer"));
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#updateButton").query().isVisible()
                && !lookup("#updateButton").query().isDisabled());
        assertThat(lookup("#revertButton").query().isVisible()).isFalse();

        clickOn("#updateButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#weight-Blue").tryQuery().isPresent());
        ComboBox<String> type = lookup("#type-Blue").query();
        assertThat(type.isDisabled()).as("a Local variant's instance type").isTrue();
        assertThat(lookup("#count-Blue").query().isDisabled()).as("a Local variant's count").isTrue();
        interact(() -> lookup("#weight-Blue").queryTextInputControl().setText("0"));
        clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#progressLabel").queryLabeled().getText()
                .contains("weights and counts updated"));

        Set<String> invoked = new HashSet<>();
        try (var session = studio.hostingProvider().open(Connection.local())) {
            for (int i = 0; i < 20; i++) {
                var answer = session.hosting().runtime().invoke(InvocationRequest.of("ab", "application/json",
                        "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8)));
                assertThat(answer.succeeded()).isTrue();
                invoked.add(answer.invokedVariant());
            }
        }
        assertThat(invoked).containsExactly("Green");
    }
}
