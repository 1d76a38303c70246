package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Each hosting option deployed twice against moto server — by the studio's runner and by its
 * exported boto3 script — and the resources read back with Describe calls: the same fields both ways.
 */
@ExtendWith(MotoExtension.class)
class HostingOptionsTest {

    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310";
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution";

    @TempDir
    Path work;

    private static ContainerSpec container(String data, String hostname, String mode) {
        return new ContainerSpec(IMAGE, null, new ModelDataSpec(data, null, null, false), Map.of("STAGE", "x"), hostname,
                mode);
    }

    private static DeploymentSpec spec(String name, List<ModelSpec> models, List<VariantSpec> variants, AsyncSpec async,
                                       DataCaptureSpec capture) {
        return new DeploymentSpec(1, models, new EndpointConfigSpec(name + "-config", variants, async, capture),
                new EndpointSpec(name, Map.of("team", "ml")));
    }

    private static ModelSpec single(String name) {
        return new ModelSpec(name + "-model", ROLE, List.of(container("s3://models/" + name + "/model.tar.gz", null, null)),
                null, null, false);
    }

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("serverless", (Function<String, DeploymentSpec>) name -> spec(name, List.of(single(name)),
                        List.of(new VariantSpec("AllTraffic", name + "-model", null, 0, 1.0,
                                new ServerlessSpec(3072, 20, 5), null)), null, null)),
                Arguments.of("async", (Function<String, DeploymentSpec>) name -> spec(name, List.of(single(name)),
                        List.of(new VariantSpec("AllTraffic", name + "-model", "ml.m5.large", 1, 1.0)),
                        new AsyncSpec("s3://results/" + name + "/out", "s3://results/" + name + "/failed",
                                "arn:aws:sns:us-east-1:123456789012:done", "arn:aws:sns:us-east-1:123456789012:failed", 4),
                        null)),
                Arguments.of("multimodel", (Function<String, DeploymentSpec>) name -> spec(name, List.of(new ModelSpec(
                        name + "-model", ROLE, List.of(container("s3://models/" + name + "/", null, "MultiModel")), null,
                        null, false)), List.of(new VariantSpec("AllTraffic", name + "-model", "ml.m5.large", 1, 1.0)),
                        null, null)),
                Arguments.of("direct", (Function<String, DeploymentSpec>) name -> spec(name, List.of(new ModelSpec(
                        name + "-model", ROLE, List.of(container("s3://models/" + name + "/a.tar.gz", "alpha", null),
                        container("s3://models/" + name + "/b.tar.gz", "beta", null)), "Direct", null, false)),
                        List.of(new VariantSpec("AllTraffic", name + "-model", "ml.m5.large", 1, 1.0)), null, null)),
                Arguments.of("ab", (Function<String, DeploymentSpec>) name -> spec(name, List.of(single(name + "-a"),
                        single(name + "-b")), List.of(new VariantSpec("blue", name + "-a-model", "ml.m5.large", 2, 0.9),
                        new VariantSpec("green", name + "-b-model", "ml.c5.xlarge", 1, 0.1)), null, null)),
                Arguments.of("scaled", (Function<String, DeploymentSpec>) name -> spec(name, List.of(single(name)),
                        List.of(new VariantSpec("AllTraffic", name + "-model", "ml.m5.large", 2, 1.0, null,
                                new AutoScalingSpec(1, 4, 70.0, 300, 60))), null, null)),
                Arguments.of("capture", (Function<String, DeploymentSpec>) name -> spec(name, List.of(single(name)),
                        List.of(new VariantSpec("AllTraffic", name + "-model", "ml.m5.large", 1, 1.0)), null,
                        new DataCaptureSpec(25, "s3://capture/" + name, true, true, List.of("application/json"),
                                List.of("text/csv")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void theRunnerAndTheExportedScriptCreateTheSameResources(String option, Function<String, DeploymentSpec> build,
                                                             MotoServer moto) throws Exception {
        moto.reset();
        DeploymentSpec byRunner = build.apply(option + "-runner");
        DeploymentSpec byScript = build.apply(option + "-script");
        SpecValidator.withShapeCheck().validate(byRunner);

        try (AwsSession session = MotoServer.awsEnvironment(work.resolve(".aws")).sessionFactory().open(moto.connection())) {
            DeploymentRunner runner = new DeploymentRunner(AwsHosting.of(session), new DeploymentJournal(work.resolve("j")),
                    Duration.ofMillis(50), Duration.ofMinutes(1));
            DeploymentRecord record = runner.run(runner.plan(byRunner, "moto", true), event -> { }, CancelToken.none());
            assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);

            Path script = work.resolve("deploy.py");
            Files.writeString(script, ExportFormat.BOTO3.exporter().export(byScript), StandardCharsets.UTF_8);
            AwsScripts scripts = new AwsScripts(moto, work);
            scripts.run(work, AwsScripts.python(), script.toString());

            JsonNode runnerConfig = config(session, byRunner);
            JsonNode scriptConfig = config(session, byScript);
            assertThat(normalized(scriptConfig, option + "-script")).isEqualTo(normalized(runnerConfig, option + "-runner"));
            JsonNode runnerModels = models(session, byRunner);
            assertThat(normalized(models(session, byScript), option + "-script")).isEqualTo(normalized(runnerModels,
                    option + "-runner"));
            checkFields(option, runnerConfig, runnerModels);
            if (option.equals("scaled")) {
                checkScaling(session, option + "-runner");
                checkScaling(session, option + "-script");
            }
        }
    }

    private static void checkFields(String option, JsonNode config, JsonNode models) {
        JsonNode variant = config.path("ProductionVariants").get(0);
        switch (option) {
            case "serverless" -> {
                assertThat(variant.path("ServerlessConfig").path("MemorySizeInMB").asInt()).isEqualTo(3072);
                assertThat(variant.path("ServerlessConfig").path("MaxConcurrency").asInt()).isEqualTo(20);
                assertThat(variant.path("ServerlessConfig").path("ProvisionedConcurrency").asInt()).isEqualTo(5);
                assertThat(variant.has("InstanceType")).isFalse();
            }
            case "async" -> {
                JsonNode output = config.path("AsyncInferenceConfig").path("OutputConfig");
                assertThat(output.path("S3OutputPath").asText()).isEqualTo("s3://results/async-runner/out");
                assertThat(output.path("S3FailurePath").asText()).isEqualTo("s3://results/async-runner/failed");
                assertThat(output.path("NotificationConfig").path("ErrorTopic").asText()).endsWith(":failed");
                assertThat(config.path("AsyncInferenceConfig").path("ClientConfig")
                        .path("MaxConcurrentInvocationsPerInstance").asInt()).isEqualTo(4);
            }
            case "multimodel" -> {
                JsonNode container = models.get(0).path("PrimaryContainer");
                assertThat(container.path("Mode").asText()).isEqualTo("MultiModel");
                assertThat(container.path("ModelDataUrl").asText()).isEqualTo("s3://models/multimodel-runner/");
            }
            case "direct" -> {
                // moto keeps no InferenceExecutionConfig; the request's Mode is checked by the export tests
                assertThat(models.get(0).path("Containers")).extracting(c -> c.path("ContainerHostname").asText())
                        .containsExactly("alpha", "beta");
            }
            case "ab" -> {
                assertThat(config.path("ProductionVariants")).extracting(v -> v.path("VariantName").asText() + " "
                        + v.path("InstanceType").asText() + " " + v.path("InitialInstanceCount").asInt() + " "
                        + (float) v.path("InitialVariantWeight").asDouble())
                        .containsExactly("blue ml.m5.large 2 0.9", "green ml.c5.xlarge 1 0.1");
            }
            case "capture" -> {
                JsonNode capture = config.path("DataCaptureConfig");
                assertThat(capture.path("InitialSamplingPercentage").asInt()).isEqualTo(25);
                assertThat(capture.path("DestinationS3Uri").asText()).isEqualTo("s3://capture/capture-runner");
                assertThat(capture.path("CaptureOptions")).extracting(o -> o.path("CaptureMode").asText())
                        .containsExactly("Input", "Output");
                assertThat(capture.path("CaptureContentTypeHeader").path("CsvContentTypes").get(0).asText())
                        .isEqualTo("text/csv");
            }
            default -> {
            }
        }
    }

    private static void checkScaling(AwsSession session, String endpoint) {
        try (ApplicationAutoScalingClient scaling = session.client(ApplicationAutoScalingClient.builder())) {
            String resource = "endpoint/" + endpoint + "/variant/AllTraffic";
            var targets = scaling.describeScalableTargets(b -> b.serviceNamespace("sagemaker").resourceIds(resource))
                    .scalableTargets();
            assertThat(targets).singleElement().satisfies(t -> {
                assertThat(t.minCapacity()).isEqualTo(1);
                assertThat(t.maxCapacity()).isEqualTo(4);
                assertThat(t.scalableDimensionAsString()).isEqualTo("sagemaker:variant:DesiredInstanceCount");
            });
            var policies = scaling.describeScalingPolicies(b -> b.serviceNamespace("sagemaker").resourceId(resource))
                    .scalingPolicies();
            assertThat(policies).singleElement().satisfies(p -> {
                assertThat(p.policyTypeAsString()).isEqualTo("TargetTrackingScaling");
                var config = p.targetTrackingScalingPolicyConfiguration();
                assertThat(config.targetValue()).isEqualTo(70.0);
                assertThat(config.predefinedMetricSpecification().predefinedMetricTypeAsString())
                        .isEqualTo("SageMakerVariantInvocationsPerInstance");
                assertThat(config.scaleInCooldown()).isEqualTo(300);
                assertThat(config.scaleOutCooldown()).isEqualTo(60);
            });
        }
    }

    private static JsonNode config(AwsSession session, DeploymentSpec spec) throws Exception {
        try (SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            var described = sagemaker.describeEndpointConfig(b -> b.endpointConfigName(spec.endpointConfig().name()));
            return json(described.toBuilder().endpointConfigArn(null).creationTime(null).build());
        }
    }

    private static JsonNode models(AwsSession session, DeploymentSpec spec) throws Exception {
        try (SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            var list = new ObjectMapper().createArrayNode();
            for (ModelSpec model : spec.models()) {
                var described = sagemaker.describeModel(b -> b.modelName(model.name()));
                list.add(json(described.toBuilder().modelArn(null).creationTime(null).build()));
            }
            return list;
        }
    }

    /** The SDK's response as JSON with the API's member names. */
    private static JsonNode json(software.amazon.awssdk.core.SdkPojo response) throws Exception {
        var mapper = new ObjectMapper();
        var root = mapper.createObjectNode();
        for (var field : response.sdkFields()) {
            Object value = field.getValueOrDefault(response);
            if (value != null && !(value instanceof java.util.Collection<?> c && c.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty())) {
                root.set(field.memberName(), mapper.valueToTree(plain(value)));
            }
        }
        return root;
    }

    private static Object plain(Object value) {
        if (value instanceof software.amazon.awssdk.core.SdkPojo pojo) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            for (var field : pojo.sdkFields()) {
                Object inner = field.getValueOrDefault(pojo);
                if (inner != null && !(inner instanceof java.util.Collection<?> c && c.isEmpty())
                        && !(inner instanceof Map<?, ?> m && m.isEmpty())) {
                    map.put(field.memberName(), plain(inner));
                }
            }
            return map;
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().map(HostingOptionsTest::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.TreeMap<>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        return value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
    }

    /** The resources of the two runs differ only by their names. */
    private static String normalized(JsonNode node, String name) {
        return node.toString().replace(name, "NAME");
    }
}
