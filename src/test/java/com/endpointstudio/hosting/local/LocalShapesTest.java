package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serial inference pipelines, multi-container (Direct) models and production variants on Local
 * hosting: deployed from specs by the deployment runner, every container a real model server,
 * called with boto3's invoke_endpoint through the local runtime.
 */
class LocalShapesTest {

    @TempDir
    static Path dir;

    private static LocalHost host;
    private static LocalHosting hosting;
    private static LocalRuntimeServer server;
    private static LocalMetrics metrics;
    private static Boto3 boto3;

    @BeforeAll
    static void deploy() throws Exception {
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(60),
                Duration.ofSeconds(20));
        hosting = new LocalHosting(host, dir.resolve("local"));
        metrics = new LocalMetrics();
        server = new LocalRuntimeServer(host, metrics, 0);
        boto3 = new Boto3(dir, server.url());
        Path sample = dir.resolve("sample.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), sample, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());

        ModelSpec pipeline = new ModelSpec("pipe-model", null, List.of(
                container("scale", null, Map.of("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", "text/csv")),
                container("sum", null, Map.of())), "Serial", null, false);
        deploy(spec("pipe", List.of(pipeline), List.of(new VariantSpec("AllTraffic", "pipe-model", "ml.m5.large", 1, 1))));

        ModelSpec direct = new ModelSpec("direct-model", null, List.of(container("scale", "scale", Map.of()),
                container("sum", "summer", Map.of())), "Direct", null, false);
        // every call captured; JSON payloads as text, anything else (CSV here) base64-encoded
        deploy(new DeploymentSpec(1, List.of(direct), new EndpointConfigSpec("direct-config", List.of(
                new VariantSpec("AllTraffic", "direct-model", "ml.m5.large", 1, 1)), null,
                new DeploymentSpec.DataCaptureSpec(100, "s3://captures/traffic", true, true,
                        List.of("application/json"), List.of(), null), null), new EndpointSpec("direct", Map.of())));

        ModelSpec houses = new ModelSpec("ab-houses", null, List.of(new ContainerSpec("local/python",
                new FrameworkRef("custom", null, null), new ModelDataSpec(sample.toString(), null, null, false),
                Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", "1"), null, null)), null, null, false);
        ModelSpec sums = new ModelSpec("ab-sums", null, List.of(container("sum", null, Map.of())), null, null, false);
        deploy(spec("ab", List.of(houses, sums), List.of(new VariantSpec("Houses", "ab-houses", "ml.m5.large", 1, 3),
                new VariantSpec("Sums", "ab-sums", "ml.c5.large", 1, 1))));
    }

    static ContainerSpec container(String model, String hostname, Map<String, String> environment) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("SAGEMAKER_MODEL_SERVER_WORKERS", "1");
        Path folder = Path.of(LocalShapesTest.class.getResource("/shapes/" + model).toURI());
        return new ContainerSpec("local/python", new FrameworkRef("custom", null, null),
                new ModelDataSpec(folder.toString(), null, null, false), env, hostname, null);
    }

    static DeploymentSpec spec(String name, List<ModelSpec> models, List<VariantSpec> variants) {
        return new DeploymentSpec(1, models, new EndpointConfigSpec(name + "-config", variants),
                new EndpointSpec(name, Map.of()));
    }

    private static void deploy(DeploymentSpec spec) {
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        DeploymentRunner runner = new DeploymentRunner(hosting.hosting(), new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(50), Duration.ofMinutes(2));
        DeploymentRecord record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
        assertThat(record.state()).as(record.failure() + "\n" + String.join("\n", host.logTail(spec.endpoint().name(),
                40))).isEqualTo(DeploymentRecord.State.SUCCEEDED);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aPipelinePassesEachResponseToTheNextContainerWithItsContentTypeAndTheAcceptToTheLast() throws Exception {
        String out = boto3.run("""
                r = runtime.invoke_endpoint(EndpointName="pipe", ContentType="application/json",
                                            Accept="application/json", Body=b"[[1, 2], [3, 4]]")
                print(r["InvokedProductionVariant"], r["ContentType"], r["Body"].read().decode())
                """);
        // the first container answered CSV (its default accept, as it got no Accept); the last got the caller's
        assertThat(out).isEqualTo("AllTraffic application/json {\"sums\": [6.0, 14.0], \"received\": \"text/csv\", "
                + "\"accept\": \"application/json\"}");
        assertThat(host.logTail("pipe", 200)).anyMatch(line -> line.startsWith("[container_1] "))
                .anyMatch(line -> line.startsWith("[container_2] "));
    }

    @Test
    void aPipelineErrorNamesTheContainerThatFailed() throws Exception {
        String out = boto3.run("""
                runtime.invoke_endpoint(EndpointName="pipe", ContentType="application/json", Body=b"[[-1, 2]]")
                """);
        assertThat(out).startsWith("ModelError 500").contains("from container_2 with message")
                .contains("negative values can't be summed here");
    }

    @Test
    void aDirectModelAnswersFromTheContainerNamedByTheHostname() throws Exception {
        String out = boto3.run("""
                for host in ("scale", "summer"):
                    r = runtime.invoke_endpoint(EndpointName="direct", ContentType="application/json",
                                                TargetContainerHostname=host, Body=b"[[1, 2]]")
                    print(host, r["Body"].read().decode())
                """);
        assertThat(out).isEqualTo("scale [[2, 4]]\nsummer {\"sums\": [3], \"received\": \"application/json\", "
                + "\"accept\": \"application/json\"}");
    }

    @Test
    void dataCaptureWritesSageMakersJsonLinesUnderEndpointVariantAndHourInTheLocalBucket() throws Exception {
        String out = boto3.run("""
                r = runtime.invoke_endpoint(EndpointName="direct", ContentType="text/csv", TargetContainerHostname="summer",
                                            InferenceId="csv-call-1", Body=b"1,2,3")
                print(r["Body"].read().decode())
                """);
        assertThat(out).contains("\"sums\": [6.0]");
        var captured = new com.endpointstudio.core.capture.CapturedData(hosting);
        var files = captured.files("s3://captures/traffic", "direct");
        assertThat(files).isNotEmpty().allSatisfy(file -> {
            assertThat(file.variant()).isEqualTo("AllTraffic");
            assertThat(file.uri()).matches("s3://captures/traffic/direct/AllTraffic/\\d{4}/\\d{2}/\\d{2}/\\d{2}/"
                    + "\\d{2}-\\d{2}-\\d{3}-[0-9a-f-]{36}\\.jsonl");
        });
        var record = files.stream().flatMap(f -> captured.records(f).stream())
                .filter(r -> "csv-call-1".equals(r.inferenceId())).findFirst().orElseThrow();
        assertThat(record.input().encoding()).isEqualTo("BASE64");
        assertThat(record.input().data()).isEqualTo("MSwyLDM=");
        assertThat(new String(record.input().bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("1,2,3");
        assertThat(record.output().observedContentType()).isEqualTo("application/json");
        assertThat(record.output().encoding()).isEqualTo("JSON");
        assertThat(record.output().data()).contains("\"sums\": [6.0]");
        String line = java.nio.file.Files.readAllLines(host.buckets().path(files.get(0).uri())).get(0);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).fieldNames())
                .toIterable().containsExactly("captureData", "eventMetadata", "eventVersion");
    }

    @Test
    void hostnamesAreRequiredByDirectModelsAndRefusedElsewhereWithValidationErrors() throws Exception {
        String out = boto3.run("""
                for endpoint, host in (("direct", None), ("direct", "nowhere"), ("pipe", "scale")):
                    arguments = dict(EndpointName=endpoint, ContentType="application/json", Body=b"[[1]]")
                    if host:
                        arguments["TargetContainerHostname"] = host
                    try:
                        runtime.invoke_endpoint(**arguments)
                    except runtime.exceptions.ValidationError as e:
                        print(e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"])
                """);
        assertThat(out.lines()).containsExactly(
                "400 Endpoint direct is configured for direct invocation (InferenceExecutionConfig Mode Direct) and "
                        + "needs a TargetContainerHostname.",
                "400 The TargetContainerHostname nowhere does not exist in endpoint direct (variant AllTraffic has "
                        + "scale, summer).",
                "400 Endpoint pipe is not configured for direct invocation and does not support the "
                        + "TargetContainerHostname header.");
    }

    @Test
    void aRealTimeEndpointRefusesAsynchronousCalls() throws Exception {
        String out = boto3.run("""
                runtime.invoke_endpoint_async(EndpointName="pipe", InputLocation="s3://inputs/x.json")
                """);
        assertThat(out).isEqualTo("ValidationError An error occurred (ValidationError) when calling the "
                + "InvokeEndpointAsync operation: Endpoint pipe is not an asynchronous endpoint (its EndpointConfig has "
                + "no AsyncInferenceConfig): invoke it with InvokeEndpoint.");
    }

    @Test
    void aTargetModelOnAnEndpointThatIsNotMultiModelIsRefusedAsSageMakerRefusesIt() throws Exception {
        String out = boto3.run("""
                runtime.invoke_endpoint(EndpointName="pipe", ContentType="application/json", TargetModel="a.tar.gz",
                                        Body=b"[[1]]")
                """);
        assertThat(out).isEqualTo("ValidationError An error occurred (ValidationError) when calling the InvokeEndpoint "
                + "operation: Endpoint pipe is not a multi-model endpoint and does not support target model header.");
    }

    @Test
    void weightsSplitTheTrafficTargetVariantPicksOneAndUpdatedWeightsApplyAtOnce() throws Exception {
        String split = boto3.run("""
                from collections import Counter
                seen = Counter()
                for _ in range(200):
                    r = runtime.invoke_endpoint(EndpointName="ab", ContentType="application/json", Body=b"[[3, 80, 12]]")
                    seen[r["InvokedProductionVariant"]] += 1
                print(seen["Houses"], seen["Sums"])
                r = runtime.invoke_endpoint(EndpointName="ab", ContentType="application/json", TargetVariant="Sums",
                                            Body=b"[[3, 80, 12]]")
                print(r["InvokedProductionVariant"], r["Body"].read().decode())
                try:
                    runtime.invoke_endpoint(EndpointName="ab", ContentType="application/json", TargetVariant="Canary",
                                            Body=b"[[1]]")
                except runtime.exceptions.ValidationError as e:
                    print(e.response["Error"]["Message"])
                """);
        List<String> lines = split.lines().toList();
        int houses = Integer.parseInt(lines.get(0).split(" ")[0]);
        var source = new LocalMetricsSource(metrics, host);
        assertThat(source.variantNames("ab")).containsExactly("Houses", "Sums");
        var now = java.time.Instant.now();
        var perVariant = source.fetch(List.of(new com.endpointstudio.core.metrics.MetricQuery("h",
                com.endpointstudio.core.metrics.MetricQuery.SAGEMAKER, "Invocations", "Sum",
                com.endpointstudio.core.metrics.MetricQuery.endpointDimensions("ab", "Houses"), "Houses", null)),
                now.minusSeconds(600), now.plusSeconds(60), 3600);
        assertThat(perVariant.get(0).points().stream().mapToDouble(p -> p.value()).sum()).isEqualTo(houses);
        // weights 3 : 1 → 150 of 200 expected; 120..180 is five standard deviations either side
        assertThat(houses).isBetween(120, 180);
        assertThat(lines.get(1)).isEqualTo("Sums {\"sums\": [95], \"received\": \"application/json\", "
                + "\"accept\": \"application/json\"}");
        assertThat(lines.get(2)).isEqualTo("The TargetVariant Canary does not exist in endpoint ab (its variants: "
                + "Houses, Sums).");

        hosting.updateWeightsAndCapacities("ab", Map.of("Houses", 0.0, "Sums", 1.0), Map.of("Sums", 2));
        String after = boto3.run("""
                print(sorted({runtime.invoke_endpoint(EndpointName="ab", ContentType="application/json",
                                                     Body=b"[[1]]")["InvokedProductionVariant"] for _ in range(30)}))
                """);
        assertThat(after).isEqualTo("['Sums']");
        var variants = hosting.describe("ab").orElseThrow().variants();
        assertThat(variants).extracting(v -> v.name() + " " + v.weight() + " " + v.desiredCount())
                .containsExactly("Houses 0.0 1", "Sums 1.0 2");
        hosting.updateWeightsAndCapacities("ab", Map.of("Houses", 3.0, "Sums", 1.0), Map.of("Sums", 1));
    }
}
