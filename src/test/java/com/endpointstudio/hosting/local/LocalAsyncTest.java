package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.cli.Cli;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asynchronous inference on Local hosting, through the studio's own services: boto3's
 * invoke_endpoint_async against the local runtime, the console's runtime calls, and
 * {@code endpoint-studio invoke --async --wait} and {@code bucket}; results and failures in the
 * local bucket folder, notifications as SageMaker publishes them.
 */
class LocalAsyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUCCESS = "arn:aws:sns:us-east-1:123456789012:inference-done";
    private static final String ERROR = "arn:aws:sns:us-east-1:123456789012:inference-failed";

    @TempDir
    static Path dir;

    private static StudioServices services;
    private static LocalBuckets buckets;
    private static Boto3 boto3;

    @BeforeAll
    static void deploy() throws Exception {
        services = new StudioServices(com.endpointstudio.core.io.StudioPaths.under(dir.resolve("studio")),
                AwsEnvironment.fromFiles(dir.resolve("none"), dir.resolve("none"), Map.of()));
        buckets = services.localBuckets();
        boto3 = new Boto3(dir, services.localRuntime().url());
        ModelSpec model = new ModelSpec("queued-model", null, List.of(LocalShapesTest.container("slow", null,
                Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", "2"))), null, null, false);
        // two workers, but at most one request at a time from the queue
        DeploymentSpec spec = new DeploymentSpec(1, List.of(model), new EndpointConfigSpec("queued-config",
                List.of(new VariantSpec("AllTraffic", "queued-model", "ml.m5.large", 1, 1)),
                new AsyncSpec("s3://results/queued/out", "s3://results/queued/failed", SUCCESS, ERROR, 1, null),
                null, null), new EndpointSpec("queued", Map.of()));
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        try (var session = services.hostingProvider().open(Connection.local())) {
            DeploymentRunner runner = new DeploymentRunner(session.hosting(), new DeploymentJournal(dir.resolve("journal")),
                    Duration.ofMillis(50), Duration.ofMinutes(2));
            DeploymentRecord record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
            assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        }
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    private static JsonNode awaitObject(String uri) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            Optional<LocalBuckets.StoredObject> found = buckets.read(uri);
            if (found.isPresent()) {
                String text = new String(found.get().body(), StandardCharsets.UTF_8);
                return text.startsWith("{") ? JSON.readTree(text) : JSON.getNodeFactory().textNode(text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing at " + uri + " after 30 s");
    }

    @Test
    void boto3GetsTheInferenceIdAndOutputLocationAtOnceAndTheResultLandsThere() throws Exception {
        buckets.write("s3://inputs/one.json", "{\"echo\": \"first\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        String out = boto3.run("""
                r = runtime.invoke_endpoint_async(EndpointName="queued", InputLocation="s3://inputs/one.json",
                                                  ContentType="application/json", InferenceId="first-request")
                print(r["ResponseMetadata"]["HTTPStatusCode"], r["InferenceId"], r["OutputLocation"],
                      r["FailureLocation"])
                """);
        assertThat(out).isEqualTo("202 first-request s3://results/queued/out/first-request.out "
                + "s3://results/queued/failed/first-request-error.out");
        assertThat(awaitObject("s3://results/queued/out/first-request.out").path("echo").asText()).isEqualTo("first");
        assertThat(buckets.read("s3://results/queued/out/first-request.out").orElseThrow().contentType())
                .isEqualTo("application/json");
        assertThat(buckets.path("s3://results/queued/out/first-request.out"))
                .isEqualTo(dir.resolve("studio/data/local/buckets/results/queued/out/first-request.out"));
    }

    @Test
    void theQueueRunsNoMoreRequestsAtOnceThanTheConfiguredConcurrency() throws Exception {
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            buckets.write("s3://inputs/slow-" + i + ".json", ("{\"seconds\": 0.5, \"echo\": " + i + "}")
                    .getBytes(StandardCharsets.UTF_8), "application/json");
        }
        String ids = boto3.run("""
                for i in range(3):
                    r = runtime.invoke_endpoint_async(EndpointName="queued", InputLocation=f"s3://inputs/slow-{i}.json",
                                                      ContentType="application/json")
                    print(r["OutputLocation"])
                """);
        outputs.addAll(ids.lines().toList());
        List<double[]> windows = new ArrayList<>();
        for (String output : outputs) {
            JsonNode result = awaitObject(output);
            windows.add(new double[] {result.path("start").asDouble(), result.path("end").asDouble()});
        }
        windows.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i)[0]).as("request %d started before the one before it ended", i)
                    .isGreaterThanOrEqualTo(windows.get(i - 1)[1]);
        }
    }

    @Test
    void aFailedRequestWritesItsFailureFileAndTheErrorNotification() throws Exception {
        buckets.write("s3://inputs/bad.json", "{\"fail\": true}".getBytes(StandardCharsets.UTF_8), "application/json");
        String id = boto3.run("""
                r = runtime.invoke_endpoint_async(EndpointName="queued", InputLocation="s3://inputs/bad.json",
                                                  ContentType="application/json")
                print(r["InferenceId"])
                """);
        JsonNode failure = awaitObject("s3://results/queued/failed/" + id + "-error.out");
        assertThat(failure.asText()).startsWith("ClientError: Received server error (500) from model with message")
                .contains("this request asked to fail");
        Thread.sleep(200);
        var notification = AsyncNotifications.read(services.localRoot(), "queued").stream()
                .filter(n -> id.equals(n.get("inferenceId"))).findFirst().orElseThrow();
        assertThat(notification).containsEntry("invocationStatus", "Failed").containsEntry("eventSource", "aws:sagemaker")
                .containsEntry("eventName", "InferenceResult");
        assertThat((String) notification.get("failureReason")).contains("this request asked to fail");
        assertThat(JSON.readTree(java.nio.file.Files.readString(services.localRoot().resolve(
                "notifications/queued.jsonl"))).path("topic").isMissingNode()).isFalse();

        buckets.path("s3://inputs/never-written.json");
        String missing = boto3.run("""
                r = runtime.invoke_endpoint_async(EndpointName="queued", InputLocation="s3://inputs/never-written.json")
                print(r["FailureLocation"])
                """);
        assertThat(awaitObject(missing).asText()).isEqualTo("ClientError: Failed to download input data from "
                + "s3://inputs/never-written.json. Please ensure that there is an object located at the URL.");
    }

    @Test
    void anAsynchronousEndpointRefusesRealTimeCalls() throws Exception {
        String out = boto3.run("""
                try:
                    runtime.invoke_endpoint(EndpointName="queued", ContentType="application/json", Body=b"{}")
                except runtime.exceptions.ValidationError as e:
                    print(e.response["Error"]["Message"])
                try:
                    runtime.invoke_endpoint_async(EndpointName="queued", InputLocation="s3://inputs/x.json",
                                                  RequestTTLSeconds=30000)
                except runtime.exceptions.ValidationError as e:
                    print(e.response["Error"]["Message"])
                """);
        assertThat(out.lines()).containsExactly("Endpoint queued is an asynchronous endpoint (its EndpointConfig has an "
                + "AsyncInferenceConfig): invoke it with InvokeEndpointAsync.",
                "RequestTTLSeconds must be between 60 and 21600; it is 30000.");
    }

    @Test
    void theConsolesRuntimeStagesTheBodyInTheLocalBucketAndReadsResultAndNotification() throws Exception {
        var runtime = services.localEndpointRuntime();
        AsyncInvocation invocation = runtime.invokeAsync(new InvocationRequest("queued", "application/json", null,
                "{\"echo\": \"console\"}".getBytes(StandardCharsets.UTF_8), null, null, null, null, null),
                "s3://results/async-endpoint-inputs");
        assertThat(invocation.inputLocation()).startsWith("s3://results/async-endpoint-inputs/queued/");
        assertThat(buckets.exists(invocation.inputLocation())).isTrue();
        Optional<InvocationResult> result = Optional.empty();
        for (int i = 0; i < 300 && result.isEmpty(); i++) {
            Thread.sleep(100);
            result = runtime.asyncResult(invocation);
        }
        assertThat(result).hasValueSatisfying(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .contains("\"echo\": \"console\""));
        Thread.sleep(200);
        assertThat(runtime.asyncNotification(invocation)).hasValueSatisfying(json -> assertThat(json)
                .contains("\"invocationStatus\":\"Completed\"").contains("\"outputLocation\":\""
                        + invocation.outputLocation() + "\""));
    }

    @Test
    void theCommandLineQueuesWaitsAndPrintsTheResultWithItsNotification() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(services, new PrintWriter(out), new PrintWriter(err), "invoke", "queued", "--local",
                "--async", "--wait", "--body", "{\"echo\": \"cli\"}");
        assertThat(code).as(err.toString()).isZero();
        assertThat(JSON.readTree(out.toString()).path("echo").asText()).isEqualTo("cli");
        assertThat(err.toString()).contains("notification: {").contains("\"invocationStatus\":\"Completed\"");

        Path input = java.nio.file.Files.writeString(dir.resolve("fail.json"), "{\"fail\": true}");
        out = new StringWriter();
        err = new StringWriter();
        assertThat(Cli.run(services, new PrintWriter(out), new PrintWriter(err), "bucket", "cp", input.toString(),
                "s3://inputs/cli-fail.json", "--content-type", "application/json")).isZero();
        assertThat(Cli.run(services, new PrintWriter(out), new PrintWriter(err), "invoke", "queued", "--local",
                "--async", "--wait", "--input", "s3://inputs/cli-fail.json")).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("error: the request failed; its failure is at s3://results/queued/failed/")
                .contains("this request asked to fail").contains("\"invocationStatus\":\"Failed\"");

        out = new StringWriter();
        assertThat(Cli.run(services, new PrintWriter(out), new PrintWriter(err), "bucket", "ls", "s3://inputs/cli"))
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("s3://inputs/cli-fail.json");
    }
}
