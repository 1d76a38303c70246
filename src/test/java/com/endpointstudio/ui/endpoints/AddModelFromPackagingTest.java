package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A model packaged on the Package screen joins a multi-model endpoint: the archive is offered on
 * the Endpoints screen, and Add model uploads it under the endpoint's prefix, where the console can
 * target it. Against moto server.
 */
@ExtendWith(MotoExtension.class)
class AddModelFromPackagingTest extends StudioUiTest {


    @TempDir
    Path dir;

    /** A multi-model endpoint "fleet" serving the archives under s3://fleet-models/fleet/, one there already. */
    private void fleet(MotoServer moto) {
        moto.reset();
        services = moto.services(dir);
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder());
             S3Client s3 = session.client(S3Client.builder())) {
            s3.createBucket(b -> b.bucket("fleet-models"));
            s3.putObject(b -> b.bucket("fleet-models").key("fleet/first.tar.gz"), RequestBody.fromBytes(new byte[] {1}));
            sagemaker.createModel(b -> b.modelName("fleet-model").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1")
                            .mode("MultiModel").modelDataUrl("s3://fleet-models/fleet/")));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("fleet-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("fleet-model").instanceType("ml.m5.large").initialInstanceCount(1)));
            sagemaker.createEndpoint(b -> b.endpointName("fleet").endpointConfigName("fleet-config"));
        }
    }

    /** Once the table lists it, selects the fleet endpoint, whose details make Add model available. */
    private void selectFleet() throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("1 endpoint"));
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#addModelButton").queryButton().isDisabled());
    }

    @Test
    void aPackagedSampleIsAddedUnderAMultiModelEndpointsPrefix(MotoServer moto) throws Exception {
        fleet(moto);
        openOn(services, moto.connection(), null);

        Path archive = dir.resolve("houses-v2.tar.gz");
        buildSampleArchive(archive);
        clickOn("#addToEndpointButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#offerLabel").queryLabeled().getText()).contains("houses-v2.tar.gz");
        selectFleet();
        clickOn("#addModelButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#progressLabel").queryLabeled().getText()
                .contains("serves houses-v2.tar.gz"));

        assertThat(lookup("#offerBox").query().isVisible()).isFalse();
        try (var session = services.sessions().open(moto.connection());
             S3Client s3 = session.client(S3Client.builder())) {
            assertThat(s3.listObjectsV2(b -> b.bucket("fleet-models").prefix("fleet/")).contents())
                    .extracting(o -> o.key()).containsExactly("fleet/first.tar.gz", "fleet/houses-v2.tar.gz");
            assertThat(s3.headObject(b -> b.bucket("fleet-models").key("fleet/houses-v2.tar.gz")).contentLength())
                    .isEqualTo(Files.size(archive));
        }
    }

    @Test
    void anUploadCancelledFromTheScreenAddsNothing(MotoServer moto) throws Exception {
        fleet(moto);
        openOn(services, moto.connection(), "endpoints");
        // large enough that the upload is still running when Cancel is pressed
        byte[] noise = new byte[64 * 1024 * 1024];
        new java.util.Random(7).nextBytes(noise);
        Path archive = Files.write(dir.resolve("big-model.tar.gz"), noise);
        EndpointsViewModel endpoints = window.endpoints();
        clickOn("#loadButton");
        selectFleet();
        interact(() -> endpoints.offerArchive(archive));
        clickOn("#addModelButton");
        assertThat(lookup("#cancelUploadButton").query().isVisible()).isTrue();
        clickOn("#cancelUploadButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#progressLabel").queryLabeled().getText()
                .equals("Upload of big-model.tar.gz cancelled; nothing was added."));

        assertThat(lookup("#cancelUploadButton").query().isVisible()).isFalse();
        try (var session = services.sessions().open(moto.connection());
             S3Client s3 = session.client(S3Client.builder())) {
            assertThat(s3.listObjectsV2(b -> b.bucket("fleet-models").prefix("fleet/")).contents())
                    .extracting(o -> o.key()).containsExactly("fleet/first.tar.gz");
            assertThat(s3.listMultipartUploads(b -> b.bucket("fleet-models")).uploads())
                    .as("no parts left to pay for").isEmpty();
        }
    }
}
