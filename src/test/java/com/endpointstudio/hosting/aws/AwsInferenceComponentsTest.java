package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.InferenceComponentsApi;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.RecordingProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inference components through the SDK, against a recording HTTP server that answers the
 * operations moto lacks as the API reference shapes them (and passes the rest to moto): what the
 * SDK sends for each call, the runner's wait while a component is Creating, copies updated, and a
 * roll back that deletes the components before the endpoint.
 */
@ExtendWith(MotoExtension.class)
class AwsInferenceComponentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RecordingProxy proxy;
    private InferenceComponentsApi api;
    private AwsSession session;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        api = new InferenceComponentsApi(2);
        proxy = RecordingProxy.in(moto.endpointUrl()).answering(api::answer).rewriting(api::forwarded);
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(new Connection("proxy", "Proxy",
                ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION, proxy.url()));
    }

    @AfterEach
    void close() {
        session.close();
        proxy.close();
    }

    private JsonNode sent(String operation, int index) throws Exception {
        List<RecordingProxy.Recorded> calls = proxy.requests().stream()
                .filter(r -> operation.equals(r.jsonOperation())).toList();
        return JSON.readTree(new String(calls.get(index).body(), StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void componentsAreCreatedWaitedForScaledUpdatedAndRolledBackBeforeTheEndpoint() throws Exception {
        DeploymentSpec spec = TestSpecs.components("gen");
        var hosting = AwsHosting.of(session);
        DeploymentRunner runner = new DeploymentRunner(hosting, new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(20), Duration.ofMinutes(1));
        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentRecord record = runner.run(runner.plan(spec, "proxy", false), events::add, CancelToken.none());

        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(record.steps()).extracting(DeploymentRecord.Step::title).containsSubsequence(
                "CreateEndpoint gen", "Wait for gen to be InService", "CreateInferenceComponent gen-chat-ic",
                "CreateInferenceComponent gen-rank-ic", "Autoscaling the copies of gen-rank-ic");
        assertThat(events).extracting(DeploymentEvent::message).containsSubsequence("Creating", "InService");

        JsonNode config = sent("CreateEndpointConfig", 0);
        assertThat(config.path("ExecutionRoleArn").asText()).isEqualTo(TestSpecs.ROLE);
        JsonNode variant = config.path("ProductionVariants").get(0);
        assertThat(variant.has("ModelName")).isFalse();
        assertThat(variant.path("ManagedInstanceScaling").toString())
                .isEqualTo("{\"Status\":\"ENABLED\",\"MinInstanceCount\":0,\"MaxInstanceCount\":2}");
        assertThat(variant.path("RoutingConfig").path("RoutingStrategy").asText()).isEqualTo("LEAST_OUTSTANDING_REQUESTS");
        JsonNode chat = sent("CreateInferenceComponent", 0);
        assertThat(chat.path("EndpointName").asText()).isEqualTo("gen");
        assertThat(chat.path("VariantName").asText()).isEqualTo("AllTraffic");
        assertThat(chat.path("Specification").path("ModelName").asText()).isEqualTo("gen-chat");
        assertThat(chat.path("Specification").path("ComputeResourceRequirements").toString()).isEqualTo(
                "{\"NumberOfCpuCoresRequired\":2.0,\"NumberOfAcceleratorDevicesRequired\":1.0,"
                        + "\"MinMemoryRequiredInMb\":4096,\"MaxMemoryRequiredInMb\":8192}");
        assertThat(chat.path("RuntimeConfig").path("CopyCount").asInt()).isEqualTo(1);
        JsonNode target = sent("RegisterScalableTarget", 0);
        assertThat(target.path("ResourceId").asText()).isEqualTo("inference-component/gen-rank-ic");
        assertThat(target.path("ScalableDimension").asText()).isEqualTo("sagemaker:inference-component:DesiredCopyCount");
        assertThat(target.path("MinCapacity").asInt()).isZero();
        assertThat(sent("PutScalingPolicy", 0).path("TargetTrackingScalingPolicyConfiguration")
                .path("PredefinedMetricSpecification").path("PredefinedMetricType").asText())
                .isEqualTo("SageMakerInferenceComponentInvocationsPerCopy");
        assertThat(sent("PutScalingPolicy", 1).path("PolicyType").asText()).isEqualTo("StepScaling");
        String alarm = proxy.requests().stream().map(r -> new String(r.body(), StandardCharsets.UTF_8))
                .filter(body -> body.contains("Action=PutMetricAlarm")).findFirst().orElseThrow();
        assertThat(java.net.URLDecoder.decode(alarm, StandardCharsets.UTF_8)).contains("AlarmName=gen-rank-ic-no-capacity")
                .contains("MetricName=NoCapacityInvocationFailures").contains("policyName/gen-rank-ic-scale-out-from-zero");

        var control = hosting.control();
        assertThat(control.listInferenceComponents("gen")).extracting(ComponentDescription::name)
                .containsExactly("gen-chat-ic", "gen-rank-ic");
        // read back as its spec (Open as spec, spec from-endpoint): the components, their copies and scaling
        DeploymentSpec read = control.specOf("gen");
        assertThat(read.inferenceComponents()).isEqualTo(spec.inferenceComponents());
        assertThat(read.endpointConfig().variants()).isEqualTo(spec.endpointConfig().variants());
        assertThat(read.endpointConfig().executionRoleArn()).isEqualTo(TestSpecs.ROLE);
        assertThat(read.models()).extracting(DeploymentSpec.ModelSpec::name).containsExactly("gen-chat", "gen-rank");
        control.updateInferenceComponentCopies("gen-chat-ic", 3);
        assertThat(sent("UpdateInferenceComponentRuntimeConfig", 0).path("DesiredRuntimeConfig").path("CopyCount")
                .asInt()).isEqualTo(3);
        assertThat(control.describeInferenceComponent("gen-chat-ic")).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("InService");
            assertThat(c.desiredCopies()).isEqualTo(3);
            assertThat(c.modelName()).isEqualTo("gen-chat");
        });
        assertThat(control.describeInferenceComponent("nowhere")).isEmpty();

        var services = new com.endpointstudio.app.StudioServices(com.endpointstudio.core.io.StudioPaths.under(
                dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        try (services) {
            String[] aws = {"--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url", proxy.url()};
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            assertThat(com.endpointstudio.cli.Cli.run(services, new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                    concat(new String[] {"components", "list", "gen"}, aws))).as(err.toString()).isZero();
            assertThat(out.toString().lines()).containsExactly(
                    "gen-chat-ic  InService  copies 3 of 3  variant AllTraffic  model gen-chat",
                    "gen-rank-ic  InService  copies 0 of 0  variant AllTraffic  model gen-rank");
            assertThat(com.endpointstudio.cli.Cli.run(services, new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                    concat(new String[] {"components", "copies", "gen-rank-ic", "2"}, aws))).as(err.toString()).isZero();
            assertThat(sent("UpdateInferenceComponentRuntimeConfig", 1).path("DesiredRuntimeConfig").path("CopyCount")
                    .asInt()).isEqualTo(2);
            com.endpointstudio.cli.Cli.run(services, new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                    concat(new String[] {"invoke", "gen", "--inference-component", "gen-chat-ic", "--body", "{}"}, aws));
            assertThat(proxy.requests()).anySatisfy(r -> assertThat(r.headers())
                    .containsEntry("x-amzn-sagemaker-inference-component", "gen-chat-ic"));
        }

        runner.rollback(record, e -> { });
        assertThat(api.components()).isEmpty();
        List<String> order = proxy.requests().stream().map(RecordingProxy.Recorded::jsonOperation)
                .filter(op -> op != null && op.startsWith("Delete")).toList();
        assertThat(order.indexOf("DeleteInferenceComponent")).isLessThan(order.indexOf("DeleteEndpoint"));
        assertThat(control.describeEndpoint("gen")).isEmpty();
    }
}
