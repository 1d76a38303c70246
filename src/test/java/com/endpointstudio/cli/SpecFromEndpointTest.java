package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.RecordingProxy;
import com.endpointstudio.testing.TestPython;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint made by boto3 alone (no studio tags) opens as a spec, and deploying that spec under a
 * new name sends the requests the original was made with, apart from names and tags.
 */
@ExtendWith(MotoExtension.class)
class SpecFromEndpointTest {

    private static final Set<String> CREATING = Set.of("CreateModel", "CreateEndpointConfig", "CreateEndpoint",
            "RegisterScalableTarget", "PutScalingPolicy");

    /**
     * Two models behind two variants, with a VPC, capture, a KMS key and autoscaling. (moto keeps neither
     * EnableNetworkIsolation nor InferenceExecutionConfig, so those are read back in another test.)
     */
    private static final String ORIGINAL = """
            import boto3
            sm = boto3.client("sagemaker")
            image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
            role = "arn:aws:iam::123456789012:role/SageMakerExecution"
            sm.create_model(ModelName="churn-a", ExecutionRoleArn=role, PrimaryContainer={
                "Image": image, "ModelDataUrl": "s3://team-models/churn/a/model.tar.gz",
                "Environment": {"SAGEMAKER_PROGRAM": "inference.py", "MODE": "a"}},
                VpcConfig={"SecurityGroupIds": ["sg-0123456789abcdef0"], "Subnets": ["subnet-0123abcd"]})
            sm.create_model(ModelName="churn-b", ExecutionRoleArn=role, PrimaryContainer={
                "Image": image, "ModelDataUrl": "s3://team-models/churn/b/model.tar.gz",
                "Environment": {"MODE": "b"}})
            sm.create_endpoint_config(EndpointConfigName="churn-2026-11", ProductionVariants=[
                {"VariantName": "Blue", "ModelName": "churn-a", "InstanceType": "ml.m5.large",
                 "InitialInstanceCount": 2, "InitialVariantWeight": 0.8},
                {"VariantName": "Green", "ModelName": "churn-b", "InstanceType": "ml.c5.xlarge",
                 "InitialInstanceCount": 1, "InitialVariantWeight": 0.2}],
                DataCaptureConfig={"EnableCapture": True, "InitialSamplingPercentage": 20,
                    "DestinationS3Uri": "s3://team-capture/churn", "CaptureOptions": [{"CaptureMode": "Input"}],
                    "CaptureContentTypeHeader": {"CsvContentTypes": ["text/csv"]}},
                KmsKeyId="alias/volumes")
            sm.create_endpoint(EndpointName="churn", EndpointConfigName="churn-2026-11",
                Tags=[{"Key": "team", "Value": "ml"}])
            scaling = boto3.client("application-autoscaling")
            scaling.register_scalable_target(ServiceNamespace="sagemaker",
                ResourceId="endpoint/churn/variant/Blue", ScalableDimension="sagemaker:variant:DesiredInstanceCount",
                MinCapacity=2, MaxCapacity=6)
            scaling.put_scaling_policy(PolicyName="churn-Blue-invocations", ServiceNamespace="sagemaker",
                ResourceId="endpoint/churn/variant/Blue", ScalableDimension="sagemaker:variant:DesiredInstanceCount",
                PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration={
                    "TargetValue": 100.0, "ScaleInCooldown": 600, "ScaleOutCooldown": 60,
                    "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}})
            """;

    @TempDir
    Path dir;

    private StudioServices services;
    private RecordingProxy proxy;
    private MotoServer moto;

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        services = moto.services(dir);
        proxy = RecordingProxy.in(moto.endpointUrl());
    }

    @AfterEach
    void stop() {
        proxy.close();
        services.close();
    }

    @Test
    void anEndpointMadeByBoto3OpensAsASpecAndDeploysUnderANewNameWithTheSameRequests() throws Exception {
        List<JsonNode> original = boto3(ORIGINAL);

        Path spec = dir.resolve("churn.json");
        String[] read = {"spec", "from-endpoint", "churn", "-o", spec.toString(), "--profile", MotoServer.PROFILE,
            "--region", MotoServer.REGION, "--endpoint-url", moto.endpointUrl()};
        assertThat(run(read)).as(() -> err.toString()).isZero();
        assertThat(out.toString()).contains("Wrote " + spec + ": endpoint churn, 2 models, 2 variants");
        DeploymentSpec imported = SpecFiles.read(spec);
        assertThat(imported.endpoint().tags()).isEqualTo(Map.of("team", "ml"));
        assertThat(imported.endpointConfig().variants().get(0).autoScaling())
                .isEqualTo(new DeploymentSpec.AutoScalingSpec(2, 6, 100.0, 600, 60));

        Path copy = dir.resolve("copy.json");
        assertThat(run("spec", "clone", spec.toString(), "--name", "churn-copy", "-o", copy.toString())).as(() -> err.toString()).isZero();
        proxy.clear();
        try (AwsSession session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(new Connection(
                "proxy", "Proxy", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION, proxy.url()))) {
            DeploymentRunner runner = new DeploymentRunner(AwsHosting.of(session), new DeploymentJournal(dir.resolve("j")),
                    Duration.ofMillis(50), Duration.ofMinutes(1));
            DeploymentRecord record = runner.run(runner.plan(SpecFiles.read(copy), "proxy", false), e -> { },
                    CancelToken.none());
            assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        }
        List<JsonNode> cloned = sent();

        Map<String, String> names = Map.of("churn-copy-1-model", "churn-a", "churn-copy-2-model", "churn-b",
                "churn-copy-config", "churn-2026-11", "churn-copy-invocations", "churn-invocations");
        assertThat(cloned).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            String expected = withoutTags(original.get(i)).toString();
            String actual = withoutTags(cloned.get(i)).toString().replace("churn-copy", "churn");
            for (var name : names.entrySet()) {
                actual = actual.replace(name.getKey().replace("churn-copy", "churn"), name.getValue());
            }
            JsonNode want = new ObjectMapper().readTree(expected);
            JsonNode got = new ObjectMapper().readTree(actual);
            assertThat(got.equals(FLOATS_ALIKE, want)).as("\n  original: " + want + "\n  clone:    " + got).isTrue();
        }
    }

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    }

    private List<JsonNode> boto3(String script) throws Exception {
        Path file = Files.writeString(dir.resolve("original.py"), script);
        ProcessBuilder builder = new ProcessBuilder(TestPython.withModules(List.of("boto3"), List.of("boto3")),
                file.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("AWS_"));
        builder.environment().putAll(Map.of("AWS_ENDPOINT_URL", proxy.url(), "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing", "AWS_DEFAULT_REGION", MotoServer.REGION,
                "AWS_CONFIG_FILE", dir.resolve("none").toString(), "AWS_SHARED_CREDENTIALS_FILE",
                dir.resolve("none").toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
        return sent();
    }

    private List<JsonNode> sent() throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (RecordingProxy.Recorded request : proxy.requests()) {
            if (request.jsonOperation() != null && CREATING.contains(request.jsonOperation())) {
                ObjectNode call = json.createObjectNode();
                call.put("operation", request.jsonOperation());
                call.set("body", json.readTree(new String(request.body(), StandardCharsets.UTF_8)));
                calls.add(call);
            }
        }
        return calls;
    }

    /** The studio tags what it creates; the original tagged only its endpoint. */
    private static JsonNode withoutTags(JsonNode call) {
        JsonNode copy = call.deepCopy();
        ((ObjectNode) copy.get("body")).remove("Tags");
        return copy;
    }

    /** Member by member; a weight sent as a 32-bit float (0.800000011920929) equals its decimal (0.8). */
    private static final java.util.Comparator<JsonNode> FLOATS_ALIKE = (a, b) -> a.isNumber() && b.isNumber()
            ? Math.abs(a.asDouble() - b.asDouble()) < 1e-6 ? 0 : 1 : a.equals(b) ? 0 : 1;
}
