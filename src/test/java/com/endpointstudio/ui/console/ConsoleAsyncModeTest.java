package com.endpointstudio.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The console follows the chosen endpoint's config: an asynchronous endpoint is sent with
 * InvokeEndpointAsync, its input staged in the bucket of its output path, and the result shown when
 * it arrives; a mode the endpoint refuses is caught before sending. Against moto server.
 */
@ExtendWith(MotoExtension.class)
class ConsoleAsyncModeTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private final TestJobs jobs = TestJobs.direct();
    private ConsoleViewModel console;
    private RequestEditorModel editor;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        try (var session = MotoServer.awsEnvironment(dir.resolve(".aws2")).sessionFactory().open(moto.connection())) {
            session.client(S3Client.builder()).createBucket(b -> b.bucket("results"));
            SageMakerClient sagemaker = session.client(SageMakerClient.builder());
            sagemaker.createModel(b -> b.modelName("m").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1")
                            .modelDataUrl("s3://models/m/model.tar.gz")));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("queued-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("m").instanceType("ml.m5.large").initialInstanceCount(1))
                    .asyncInferenceConfig(a -> a.outputConfig(o -> o.s3OutputPath("s3://results/async/out"))));
            sagemaker.createEndpoint(b -> b.endpointName("queued").endpointConfigName("queued-config"));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("live-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("m").instanceType("ml.m5.large").initialInstanceCount(1)));
            sagemaker.createEndpoint(b -> b.endpointName("live").endpointConfigName("live-config"));
        }
        moto.post("/moto-api/static/sagemaker/async-endpoint-results", """
                {"results": [{"data": "{\\"label\\": \\"spam\\"}"}]}""");
        console = new ConsoleViewModel(services.hostingProvider(), () -> null,
                CompletableFuture.completedFuture(new InvocationHistory(dir.resolve("history"))), id -> null,
                jobs.jobs());
        console.connectionChanged(moto.connection());
        editor = console.editor();
    }

    @AfterEach
    void close() throws Exception {
        console.close();
        services.close();
    }

    @Test
    void anAsynchronousEndpointIsSentAsynchronouslyThroughItsOutputBucket() {
        console.refreshEndpoints();
        console.useEndpoint("queued");

        assertThat(editor.mode.get()).isEqualTo(RequestEditorModel.Mode.ASYNC);
        assertThat(editor.asyncInputPrefix.get()).isEqualTo("s3://results/async-endpoint-inputs");
        editor.contentType.set("text/plain");
        editor.bodyText.set("win a prize");
        console.send();

        assertThat(jobs.reported()).isEmpty();
        assertThat(editor.problemProperty().get()).isEmpty();
        assertThat(new String(console.response().resultProperty().get().body(), StandardCharsets.UTF_8)).isEqualTo("{\"label\": \"spam\"}");
    }

    @Test
    void aModeTheEndpointRefusesIsCaughtBeforeSending() {
        console.refreshEndpoints();
        console.useEndpoint("live");
        assertThat(editor.mode.get()).isEqualTo(RequestEditorModel.Mode.REAL_TIME);
        editor.mode.set(RequestEditorModel.Mode.ASYNC);
        editor.asyncInputPrefix.set("s3://results/in");
        console.send();
        assertThat(editor.problemProperty().get()).contains("Mode").contains("live has no asynchronous inference config");

        console.useEndpoint("queued");
        assertThat(editor.mode.get()).isEqualTo(RequestEditorModel.Mode.ASYNC);
        // a location the user typed is kept
        assertThat(editor.asyncInputPrefix.get()).isEqualTo("s3://results/in");
        editor.mode.set(RequestEditorModel.Mode.REAL_TIME);
        console.send();
        assertThat(editor.problemProperty().get()).contains("queued is asynchronous");
    }
}
