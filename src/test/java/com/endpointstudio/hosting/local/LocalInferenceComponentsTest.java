package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ComputeSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import com.endpointstudio.core.task.CancelToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inference components on Local hosting: an endpoint whose variant names no model, two components
 * on it, each copy a model server with the component's share, invoked with boto3's
 * InferenceComponentName; copies updated, scaled to zero, and everything rolled back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalInferenceComponentsTest {

    @TempDir
    static Path dir;

    private static LocalHost host;
    private static LocalHosting hosting;
    private static LocalRuntimeServer server;
    private static Boto3 boto3;
    private static DeploymentRunner runner;
    private static DeploymentRecord record;

    @BeforeAll
    static void deploy() throws Exception {
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(60),
                Duration.ofSeconds(20));
        hosting = new LocalHosting(host, dir.resolve("local"));
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
        boto3 = new Boto3(dir, server.url());
        var whoami = LocalShapesTest.container("whoami", null, Map.of());
        // no worker count of its own: the component's CPU cores decide it
        ModelSpec who = new ModelSpec("shared-who", null, List.of(new DeploymentSpec.ContainerSpec(whoami.image(),
                whoami.framework(), whoami.modelData(), Map.of(), null, null)), null, null, false);
        ModelSpec sums = new ModelSpec("shared-sums", null, List.of(LocalShapesTest.container("sum", null, Map.of())),
                null, null, false);
        DeploymentSpec spec = new DeploymentSpec(1, List.of(who, sums), new EndpointConfigSpec("shared-config", List.of(
                new VariantSpec("AllTraffic", null, "ml.m5.xlarge", 1, 1.0, null, null,
                        new DeploymentSpec.ManagedScalingSpec(0, 1), "LEAST_OUTSTANDING_REQUESTS"))),
                new EndpointSpec("shared", Map.of()), List.of(
                new InferenceComponentSpec("who-ic", "AllTraffic", "shared-who", new ComputeSpec(2.0, null, 256, 512), 1,
                        null),
                new InferenceComponentSpec("sums-ic", "AllTraffic", "shared-sums", new ComputeSpec(1.0, null, 128, null),
                        1, new CopyScalingSpec(0, 2, 10, 60, 60))));
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        runner = new DeploymentRunner(hosting.hosting(), new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(50), Duration.ofMinutes(2));
        record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
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
    @Order(1)
    void eachComponentAnswersByNameWithItsShareAndTheVariantNamed() throws Exception {
        String out = boto3.run("""
                for component in ("who-ic", "sums-ic"):
                    r = runtime.invoke_endpoint(EndpointName="shared", InferenceComponentName=component,
                                                ContentType="application/json", Body=b"[[1, 2]]")
                    print(component, r["InvokedProductionVariant"], r["Body"].read().decode())
                """);
        List<String> lines = out.lines().toList();
        // two CPU cores: two workers, as the container sees two CPUs
        assertThat(lines.get(0)).startsWith("who-ic AllTraffic {\"server\": ").contains("\"workers\": \"2\"");
        assertThat(lines.get(1)).isEqualTo("sums-ic AllTraffic {\"sums\": [3], \"received\": \"application/json\", "
                + "\"accept\": \"application/json\"}");
        LocalServer copy = host.endpoint("shared").orElseThrow().server(LocalServer.componentKey("who-ic", 1))
                .orElseThrow();
        assertThat(copy.memoryLimitMb()).isEqualTo(512);
        assertThat(hosting.listInferenceComponents("shared")).extracting(ComponentDescription::name,
                ComponentDescription::status, ComponentDescription::currentCopies)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sums-ic", "InService", 1),
                        org.assertj.core.groups.Tuple.tuple("who-ic", "InService", 1));
        assertThat(record.steps()).filteredOn(s -> s.kind() == DeploymentRecord.StepKind.COMPONENT_AUTOSCALING)
                .singleElement().satisfies(s -> assertThat(s.result()).startsWith("not applied"));
    }

    @Test
    @Order(2)
    void aCallWithoutAComponentOrToOneThatIsNotThereIsAValidationError() throws Exception {
        String out = boto3.run("""
                for component in (None, "nowhere"):
                    arguments = dict(EndpointName="shared", ContentType="application/json", Body=b"[[1]]")
                    if component:
                        arguments["InferenceComponentName"] = component
                    try:
                        runtime.invoke_endpoint(**arguments)
                    except runtime.exceptions.ValidationError as e:
                        print(e.response["Error"]["Message"])
                """);
        assertThat(out.lines()).containsExactly("Inference Component Name header is required for endpoints to which you "
                + "plan to deploy inference components. Please include Inference Component Name header or consider "
                + "using SageMaker models.", "Inference component nowhere does not exist in endpoint shared (its "
                + "components: who-ic, sums-ic).");
    }

    @Test
    @Order(3)
    void moreCopiesShareTheCallsAndZeroCopiesLeaveNoCapacity() throws Exception {
        hosting.updateInferenceComponentCopies("who-ic", 2);
        assertThat(hosting.describeInferenceComponent("who-ic")).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("InService");
            assertThat(c.currentCopies()).isEqualTo(2);
        });
        String servers = boto3.run("""
                seen = set()
                for _ in range(30):
                    r = runtime.invoke_endpoint(EndpointName="shared", InferenceComponentName="who-ic",
                                                ContentType="application/json", Body=b"{}")
                    seen.add(json.loads(r["Body"].read())["server"])
                print(len(seen))
                """);
        assertThat(servers).isEqualTo("2");

        hosting.updateInferenceComponentCopies("sums-ic", 0);
        String none = boto3.run("""
                runtime.invoke_endpoint(EndpointName="shared", InferenceComponentName="sums-ic",
                                        ContentType="application/json", Body=b"[[1]]")
                """);
        assertThat(none).isEqualTo("ValidationError An error occurred (ValidationError) when calling the InvokeEndpoint "
                + "operation: Inference Component has no capacity to process this request. ApplicationAutoScaling may be "
                + "in-progress (if configured) or try to increase the capacity by invoking "
                + "UpdateInferenceComponentRuntimeConfig API.");
        assertThat(hosting.describeInferenceComponent("sums-ic")).hasValueSatisfying(c -> assertThat(c.currentCopies())
                .isZero());
        assertThat(hosting.describe("shared").orElseThrow().status()).isEqualTo("InService");
    }

    @Test
    @Order(4)
    void anUpdatedEndpointKeepsTheComponentsOfTheVariantItStillHas() throws Exception {
        hosting.createEndpointConfig(new EndpointConfigSpec("shared-config-2", List.of(new VariantSpec("AllTraffic",
                null, "ml.m5.2xlarge", 1, 1.0, null, null, new DeploymentSpec.ManagedScalingSpec(0, 1), null))),
                Map.of());
        hosting.updateEndpoint("shared", "shared-config-2");

        assertThat(hosting.describeInferenceComponent("who-ic")).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("InService");
            assertThat(c.currentCopies()).isEqualTo(2);
        });
        String out = boto3.run("""
                r = runtime.invoke_endpoint(EndpointName="shared", InferenceComponentName="who-ic",
                                            ContentType="application/json", Body=b"{}")
                print(r["ResponseMetadata"]["HTTPStatusCode"])
                """);
        assertThat(out).isEqualTo("200");
    }

    @Test
    @Order(5)
    void aRollBackDeletesTheComponentsAndTheirCopiesThenTheEndpoint() {
        runner.rollback(record, e -> { });
        assertThat(hosting.describeInferenceComponent("who-ic")).isEmpty();
        assertThat(hosting.describeEndpoint("shared")).isEmpty();
        assertThat(dir.resolve("local/components")).isEmptyDirectory();
    }
}
