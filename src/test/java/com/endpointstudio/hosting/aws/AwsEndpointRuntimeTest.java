package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.SlowServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** InvokeEndpoint and InvokeEndpointAsync with the real SDK against moto server (results seeded through moto's API). */
@ExtendWith(MotoExtension.class)
class AwsEndpointRuntimeTest {

    @TempDir
    Path dir;

    private MotoServer moto;
    private AwsSession session;
    private AwsEndpointRuntime runtime;

    @BeforeEach
    void open(MotoServer server) {
        moto = server;
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        runtime = new AwsEndpointRuntime(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void anInvocationReturnsTheBodyVariantContentTypeAndTheClientLatency() {
        moto.post("/moto-api/static/sagemaker/endpoint-results", """
                {"results": [{"Body": "{\\"predictions\\": [235.9]}", "ContentType": "application/json",
                  "InvokedProductionVariant": "AllTraffic", "CustomAttributes": "trace=1"}]}""");

        InvocationResult result = runtime.invoke(new InvocationRequest("houses", "application/json", "application/json",
                "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8), null, null, null, "req-1", "trace=1"));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\": [235.9]}");
        assertThat(result.contentType()).isEqualTo("application/json");
        assertThat(result.invokedVariant()).isEqualTo("AllTraffic");
        assertThat(result.customAttributes()).isEqualTo("trace=1");
        assertThat(result.latency()).isPositive();
        assertThat(result.requestId()).isNotBlank();
    }

    @Test
    void cancellingTheJobAbortsASlowInvocationAndItIsNotSentAgain() throws Exception {
        try (SlowServer slow = new SlowServer(Duration.ofSeconds(30));
             AwsSession slowSession = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(
                     Connection.aws("slow", MotoServer.PROFILE, MotoServer.REGION, slow.url()))) {
            AwsEndpointRuntime slowRuntime = new AwsEndpointRuntime(slowSession);
            CancelToken token = new CancelToken();
            CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
                try (CancelToken.Scope scope = token.enter()) {
                    return slowRuntime.invoke(InvocationRequest.of("slow", "application/json",
                            "[[1]]".getBytes(StandardCharsets.UTF_8)));
                } catch (RuntimeException e) {
                    return e;
                }
            });
            slow.awaitRequests(1);
            long cancelled = System.nanoTime();
            token.cancel();

            Object outcome = call.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(1));
            assertThat(outcome).isInstanceOf(CancellationException.class);
            Thread.sleep(300);
            assertThat(slow.requests()).containsExactly("POST /endpoints/slow/invocations");
        }
    }

    @Test
    void theLoadTestPathAnswersAsTheSdkDoes() {
        moto.post("/moto-api/static/sagemaker/endpoint-results", """
                {"results": [{"Body": "{\\"predictions\\": [235.9]}", "ContentType": "application/json",
                  "InvokedProductionVariant": "Challenger", "CustomAttributes": "trace=2"}]}""");
        InvocationResult result = runtime.forLoadTest().invoke(new InvocationRequest("houses", "application/json",
                "application/json", "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8), "Challenger", null, null, "id-7",
                "trace=2"));

        assertThat(result.succeeded()).isTrue();
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\": [235.9]}");
        assertThat(result.contentType()).isEqualTo("application/json");
        assertThat(result.invokedVariant()).isEqualTo("Challenger");
        assertThat(result.customAttributes()).isEqualTo("trace=2");
        assertThat(result.latency()).isPositive();
        assertThat(runtime.forLoadTest()).isSameAs(runtime.forLoadTest());
    }

    @Test
    void aModelErrorOnTheLoadTestPathCarriesTheContainersStatusMessageAndLog() {
        InvocationResult result = LoadTestRuntime.failed(424, "ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/",
                """
                {"ErrorCode": "CLIENT_ERROR_FROM_MODEL", "OriginalStatusCode": 500, "OriginalMessage": "model_fn failed",
                 "LogStreamArn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/houses",
                 "Message": "Received server error (500) from primary"}""".getBytes(StandardCharsets.UTF_8),
                java.time.Duration.ofMillis(3), "req-1");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.status()).isEqualTo(500);
        assertThat(result.error().code()).isEqualTo("ModelError");
        assertThat(result.error().kind(result.status())).isEqualTo("ModelError 500");
        assertThat(result.error().message()).isEqualTo("model_fn failed");
        assertThat(result.error().logStream()).endsWith("/aws/sagemaker/Endpoints/houses");
        assertThat(LoadTestRuntime.failed(400, null, "{\"__type\": \"com.amazon.coral#ValidationError\", \"message\": \"bad\"}"
                .getBytes(StandardCharsets.UTF_8), java.time.Duration.ZERO, null).error().code()).isEqualTo("ValidationError");
    }

    @Test
    void multiModelAndMultiContainerEndpointsAreTargeted() {
        moto.post("/moto-api/static/sagemaker/endpoint-results", """
                {"results": [{"Body": "from model b", "ContentType": "text/plain", "InvokedProductionVariant": "AllTraffic",
                  "CustomAttributes": ""}, {"Body": "from container beta", "ContentType": "text/plain",
                  "InvokedProductionVariant": "AllTraffic", "CustomAttributes": ""}]}""");
        byte[] body = "[1]".getBytes(StandardCharsets.UTF_8);

        InvocationResult model = runtime.invoke(new InvocationRequest("mme", "application/json", null, body, null,
                "b/model.tar.gz", null, null, null));
        InvocationResult container = runtime.invoke(new InvocationRequest("direct", "application/json", null, body, null,
                null, "beta", null, null));

        assertThat(new String(model.body(), StandardCharsets.UTF_8)).isEqualTo("from model b");
        assertThat(new String(container.body(), StandardCharsets.UTF_8)).isEqualTo("from container beta");
        assertThatThrownBy(() -> runtime.invoke(new InvocationRequest("direct", "application/json", null, body, null,
                " leading space", "bad host!", null, null))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Target model").hasMessageContaining("Target container hostname");
    }

    @Test
    void badInputIsRefusedBeforeAnyCallWithTheFieldNamed() {
        byte[] tooBig = new byte[InvocationRequest.MAX_BODY_BYTES + 1];
        assertThatThrownBy(() -> runtime.invoke(new InvocationRequest("bad name!", "application/json", null, tooBig,
                "variant_1", null, null, null, null)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Endpoint").hasMessageContaining("Body")
                .hasMessageContaining("6,291,456").hasMessageContaining("Target variant");
    }

    @Test
    void anAsyncInvocationUploadsItsInputAndItsResultIsReadFromTheOutputLocation() {
        S3Client s3 = session.s3();
        s3.createBucket(b -> b.bucket("async-inputs"));
        moto.post("/moto-api/static/sagemaker/async-endpoint-results", """
                {"results": [{"data": "{\\"predictions\\": [1, 0]}"}, {"is_failure": true, "data": "CUDA out of memory"}]}""");

        AsyncInvocation ok = runtime.invokeAsync(InvocationRequest.of("batchy", "text/csv",
                "1,2\n3,4".getBytes(StandardCharsets.UTF_8)), "s3://async-inputs/console");
        assertThat(ok.inputLocation()).startsWith("s3://async-inputs/console/batchy/").endsWith(".input");
        String key = ok.inputLocation().substring("s3://async-inputs/".length());
        assertThat(s3.getObjectAsBytes(b -> b.bucket("async-inputs").key(key)).asUtf8String()).isEqualTo("1,2\n3,4");
        Optional<InvocationResult> answer = runtime.asyncResult(ok);
        assertThat(answer).hasValueSatisfying(result -> {
            assertThat(result.succeeded()).isTrue();
            assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\": [1, 0]}");
        });

        AsyncInvocation failing = runtime.invokeAsync(InvocationRequest.of("batchy", "text/csv",
                "5,6".getBytes(StandardCharsets.UTF_8)), "s3://async-inputs/console");
        assertThat(runtime.asyncResult(failing)).hasValueSatisfying(result -> {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.error().code()).isEqualTo("AsyncInferenceFailure");
            assertThat(result.error().message()).isEqualTo("CUDA out of memory");
        });
    }

    @Test
    void aPendingAsyncResultIsEmpty() {
        AsyncInvocation pending = new AsyncInvocation("batchy", "id", "s3://in/x", "s3://nowhere-yet/out.json",
                "s3://nowhere-yet/failure.json", java.time.Instant.now());
        session.s3().createBucket(b -> b.bucket("nowhere-yet"));
        assertThat(runtime.asyncResult(pending)).isEmpty();
    }
}
