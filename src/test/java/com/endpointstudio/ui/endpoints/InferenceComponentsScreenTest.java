package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.hosting.aws.AwsEnvironment;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        StudioServices studio = new StudioServices(StudioPaths.under(dir.resolve("studio")),
                AwsEnvironment.fromFiles(dir.resolve("none"), dir.resolve("none"), Map.of()));
        Path artifact = dir.resolve("houses.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), artifact, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        DeploymentSpec plain = SpecDefaults.realTime("hosts").modelData(artifact.toString()).instanceType("ml.m5.large")
                .build();
        var variant = plain.endpointConfig().variants().get(0);
        DeploymentSpec spec = new DeploymentSpec(1, plain.models(), new DeploymentSpec.EndpointConfigSpec(
                plain.endpointConfig().name(), List.of(new DeploymentSpec.VariantSpec(variant.variantName(), null,
                variant.instanceType(), 1, 1.0))), plain.endpoint(), List.of(new DeploymentSpec.InferenceComponentSpec(
                "houses-ic", variant.variantName(), plain.models().get(0).name(),
                new DeploymentSpec.ComputeSpec(1.0, null, 256, null), 1, null)));
        try (var session = studio.hostingProvider().open(Connection.local())) {
            DeploymentRunner runner = new DeploymentRunner(session.hosting(), new DeploymentJournal(dir.resolve("j")),
                    Duration.ofMillis(50), Duration.ofMinutes(2));
            DeploymentRecord record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
            assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        }
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
