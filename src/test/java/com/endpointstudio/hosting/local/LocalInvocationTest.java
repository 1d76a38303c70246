package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.hosting.aws.AwsEndpointRuntime;
import com.endpointstudio.hosting.aws.AwsSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local endpoints invoked through the local runtime server, answered by real model server
 * processes: with the SDK's SageMaker runtime client (as boto3 and the AWS CLI call it) and with
 * the studio's own client, which must read the same answers and can be cancelled.
 */
class LocalInvocationTest {

    private static final String STREAMING = """
            import json, time

            def model_fn(model_dir):
                return ["Hello", " from", " a", " streaming", " model"]

            def input_fn(body, content_type):
                return json.loads(body)

            def predict_fn(data, tokens):
                def parts():
                    for token in tokens[: data["max_tokens"]]:
                        time.sleep(0.15)
                        yield token
                    if data.get("fail"):
                        raise RuntimeError("generation stopped")
                return parts()
            """;

    @TempDir
    Path dir;

    private LocalHost host;
    private LocalRuntimeServer server;
    private AwsSession session;
    private AwsEndpointRuntime sdk;
    private LocalRuntimeClient studio;

    @BeforeEach
    void start() throws Exception {
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
        session = com.endpointstudio.hosting.aws.LocalRuntimeSessions.forLocalRuntime(URI.create(server.url()));
        sdk = new AwsEndpointRuntime(session);
        studio = new LocalRuntimeClient(server::url);
    }

    @AfterEach
    void stop() {
        session.close();
        server.close();
        host.close();
    }

    private Path packaged(String name, String script) throws Exception {
        PackageTree tree = SampleModel.tree();
        if (script != null) {
            tree.putText("code/inference.py", script);
        }
        Path archive = dir.resolve(name + ".tar.gz");
        new ModelPackager().build(tree.toPlan(), Set.of(), archive, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());
        assertThat(host.create(name, archive, "custom", line -> { }).status()).isEqualTo("InService");
        return archive;
    }

    @Test
    void aModelErrorCausedByAContainerRuleSaysWhy() throws Exception {
        packaged("bare", "def model_fn(model_dir):\n    return None\n");

        for (EndpointRuntime runtime : List.of(sdk, studio)) {
            InvocationResult result = runtime.invoke(InvocationRequest.of("bare", "application/json",
                    "[[1, 2]]".getBytes(StandardCharsets.UTF_8)));

            assertThat(result.error().code()).isEqualTo("ModelError");
            assertThat(result.status()).isEqualTo(500);
            assertThat(result.error().message()).contains("Please provide a predict_fn implementation");
            assertThat(result.error().explanation()).contains("has no default predict_fn");
            assertThat(result.error().shownMessage()).startsWith("Why: " + result.error().explanation() + "\n\n")
                    .endsWith(result.error().message().strip());
        }
    }

    @Test
    void theSampleAnswersItsPredictionAndAModelErrorCarriesTheContainersMessage() throws Exception {
        packaged("houses", null);

        for (EndpointRuntime runtime : List.of(sdk, studio)) {
            InvocationResult ok = runtime.invoke(InvocationRequest.of("houses", "application/json",
                    "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8)));
            assertThat(ok.succeeded()).isTrue();
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).contains("235.9");
            assertThat(ok.invokedVariant()).isEqualTo("AllTraffic");
            assertThat(ok.contentType()).isEqualTo("application/json");

            InvocationResult bad = runtime.invoke(InvocationRequest.of("houses", "application/json",
                    "not json".getBytes(StandardCharsets.UTF_8)));
            assertThat(bad.succeeded()).isFalse();
            assertThat(bad.error().code()).isEqualTo("ModelError");
            assertThat(bad.status()).isGreaterThanOrEqualTo(400);
            assertThat(bad.error().message()).isNotBlank();
            assertThat(bad.error().logStream()).isEqualTo("local:houses");

            InvocationResult missing = runtime.invoke(InvocationRequest.of("nobody", "application/json",
                    "[[1]]".getBytes(StandardCharsets.UTF_8)));
            assertThat(missing.error().code()).isEqualTo("ValidationError");
            assertThat(missing.error().message()).contains("nobody").contains("not found");
        }
    }

    @Test
    void aStreamedAnswerArrivesInPartsWithTheTimeToFirstByte() throws Exception {
        packaged("chat", STREAMING);
        for (EndpointRuntime runtime : List.of(sdk, studio)) {
            List<String> parts = new CopyOnWriteArrayList<>();
            List<Long> arrivals = new CopyOnWriteArrayList<>();

            InvocationResult result = runtime.invokeWithResponseStream(InvocationRequest.of("chat", "application/json",
                    "{\"max_tokens\": 4}".getBytes(StandardCharsets.UTF_8)), part -> {
                        parts.add(new String(part, StandardCharsets.UTF_8));
                        arrivals.add(System.nanoTime());
                    }, CancelToken.none());

            assertThat(result.succeeded()).as(String.valueOf(result.error())).isTrue();
            assertThat(String.join("", parts)).isEqualTo("Hello from a streaming");
            assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
            assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("Hello from a streaming");
            assertThat(result.firstByte()).isLessThan(result.latency().minusMillis(300));
            assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0))).isGreaterThan(
                    Duration.ofMillis(300));
        }
    }

    @Test
    void cancellingTheJobEndsASlowInvocationAtOnce() throws Exception {
        packaged("slow", """
                import time

                def model_fn(model_dir):
                    return None

                def predict_fn(data, model):
                    time.sleep(30)
                    return data
                """);
        CancelToken token = new CancelToken();
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
            try (CancelToken.Scope scope = token.enter()) {
                return studio.invoke(InvocationRequest.of("slow", "application/json", "[[1]]".getBytes(StandardCharsets.UTF_8)));
            } catch (CancellationException e) {
                return e;
            }
        });
        Thread.sleep(500); // the request is with the model server, which sleeps
        long cancelled = System.nanoTime();
        token.cancel();

        Object outcome = call.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(1));
        assertThat(outcome).isInstanceOf(CancellationException.class);
    }
}
