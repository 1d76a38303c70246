package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.endpoints.EndpointCleanup;
import com.endpointstudio.core.endpoints.EndpointCosts;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.endpoints.EndpointUpdates;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** The endpoints dashboard's reads, updates and deletes with the real SDK against moto server. */
@ExtendWith(MotoExtension.class)
class AwsEndpointsTest {

    private static final Tag MANAGED = Tag.builder().key(StudioTags.MANAGED_KEY).value(StudioTags.MANAGED_VALUE).build();

    @TempDir
    Path dir;

    private AwsSession session;
    private Hosting hosting;
    private SageMakerClient sagemaker;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        hosting = AwsHosting.of(session);
        sagemaker = session.client(SageMakerClient.builder());
    }

    @AfterEach
    void close() {
        sagemaker.close();
        session.close();
    }

    private void model(String name, boolean managed) {
        sagemaker.createModel(b -> b.modelName(name).executionRoleArn("arn:aws:iam::123456789012:role/R")
                .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1")
                        .modelDataUrl("s3://models/" + name + "/model.tar.gz").environment(Map.of("SAGEMAKER_PROGRAM",
                                "inference.py")))
                .tags(managed ? List.of(MANAGED) : List.of()));
    }

    private void config(String name, String model, String type, int count, boolean managed) {
        sagemaker.createEndpointConfig(b -> b.endpointConfigName(name).productionVariants(v -> v.variantName("AllTraffic")
                .modelName(model).instanceType(type).initialInstanceCount(count).initialVariantWeight(1f))
                .tags(managed ? List.of(MANAGED) : List.of()));
    }

    private void endpoint(String name, String config) {
        sagemaker.createEndpoint(b -> b.endpointName(name).endpointConfigName(config).tags(MANAGED));
    }

    @Test
    void everyEndpointIsListedAcrossPagesAndDescribedWithItsVariantsModelsAndTags() {
        model("shared", true);
        config("shared-config", "shared", "ml.m5.large", 2, true);
        for (int i = 0; i < 230; i++) {
            endpoint(String.format("ep-%03d", i), "shared-config");
        }

        assertThat(hosting.control().listEndpoints()).hasSize(230);
        EndpointDetails details = hosting.inventory().describe("ep-007").orElseThrow();
        assertThat(details.status()).isEqualTo("InService");
        assertThat(details.configName()).isEqualTo("shared-config");
        assertThat(details.variants()).singleElement().satisfies(v -> {
            assertThat(v.instanceType()).isEqualTo("ml.m5.large");
            assertThat(v.desiredCount()).isEqualTo(2);
            assertThat(v.weight()).isEqualTo(1.0);
        });
        assertThat(details.models()).singleElement().satisfies(m -> {
            assertThat(m.image()).endsWith("sagemaker-scikit-learn:1.2-1");
            assertThat(m.modelDataUrl()).isEqualTo("s3://models/shared/model.tar.gz");
            assertThat(m.environment()).containsEntry("SAGEMAKER_PROGRAM", "inference.py");
            assertThat(StudioTags.isManaged(m.tags())).isTrue();
        });
        assertThat(details.tags()).containsKey(StudioTags.MANAGED_KEY);
        assertThat(details.kind()).isEqualTo(EndpointDetails.Kind.INSTANCES);
        assertThat(details.capacity()).isEqualTo("ml.m5.large × 2");
        assertThat(hosting.inventory().describe("nobody")).isEmpty();
    }

    /** The endpoint "houses" on config "c" (one ml.m5.large), and the updates of it. */
    private EndpointUpdates housesToUpdate() {
        model("m", true);
        config("c", "m", "ml.m5.large", 1, true);
        endpoint("houses", "c");
        return new EndpointUpdates(hosting.control(), hosting.inventory(), dir.resolve("updates.json"),
                "moto");
    }

    @Test
    void weightsAndCountsChangeWithoutANewConfig() {
        EndpointUpdates updates = housesToUpdate();

        String newConfig = updates.apply(hosting.inventory().describe("houses").orElseThrow(),
                List.of(new EndpointUpdates.VariantChange("AllTraffic", null, 3, 0.5)));

        assertThat(newConfig).isNull();
        EndpointDetails after = hosting.inventory().describe("houses").orElseThrow();
        assertThat(after.configName()).isEqualTo("c");
        assertThat(after.variants().get(0).weight()).isEqualTo(0.5);
        assertThat(after.variants().get(0).desiredCount()).isEqualTo(3);
    }

    @Test
    void aNewInstanceTypeThatCannotBeSwitchedToLeavesNoConfigBehind() {
        EndpointUpdates updates = housesToUpdate();

        // moto server has no UpdateEndpoint: the switch fails after the new config was created
        assertThatThrownBy(() -> updates.apply(hosting.inventory().describe("houses").orElseThrow(),
                List.of(new EndpointUpdates.VariantChange("AllTraffic", "ml.c5.xlarge", null, null))))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("houses");

        assertThat(sagemaker.listEndpointConfigs().endpointConfigs()).extracting(c -> c.endpointConfigName())
                .containsExactly("c");
        assertThat(hosting.inventory().describe("houses").orElseThrow().configName()).isEqualTo("c");
        assertThat(updates.lastSwitch("houses")).isEmpty();
    }

    @Test
    void aCascadingDeleteRemovesOnlyTheStudiosUnsharedResources() {
        model("own", true);
        model("shared", true);
        model("theirs", false);
        config("own-config", "own", "ml.m5.large", 1, true);
        sagemaker.createEndpointConfig(b -> b.endpointConfigName("mixed-config").productionVariants(
                v -> v.variantName("a").modelName("shared").instanceType("ml.m5.large").initialInstanceCount(1),
                v -> v.variantName("b").modelName("theirs").instanceType("ml.m5.large").initialInstanceCount(1))
                .tags(MANAGED));
        config("other-config", "shared", "ml.m5.large", 1, true);
        endpoint("first", "mixed-config");
        endpoint("second", "other-config");
        endpoint("plain", "own-config");
        EndpointCleanup cleanup = new EndpointCleanup(hosting.control(), hosting.inventory());

        EndpointCleanup.Outcome plain = cleanup.delete("plain", false);
        assertThat(plain.deleted()).containsExactly("Endpoint plain");
        assertThat(hosting.control().endpointConfigExists("own-config")).isTrue();

        EndpointCleanup.Outcome first = cleanup.delete("first", true);
        assertThat(first.deleted()).containsExactly("Endpoint first", "EndpointConfig mixed-config");
        assertThat(first.kept()).containsExactly("Model shared: another endpoint config uses it",
                "Model theirs: not created by the studio");
        assertThat(hosting.control().listEndpoints()).extracting(e -> e.name()).containsExactly("second");
        assertThat(hosting.control().endpointConfigExists("mixed-config")).isFalse();
        assertThat(hosting.control().modelExists("shared")).isTrue();
        assertThat(hosting.control().modelExists("theirs")).isTrue();
        assertThat(hosting.control().modelExists("own")).isTrue();
    }

    @Test
    void idleEndpointsAndCostTotalsComeFromMetricsAndTheCatalog() {
        model("m", true);
        config("small", "m", "ml.m5.large", 1, true);
        config("gpu", "m", "ml.g4dn.xlarge", 2, true);
        endpoint("busy", "small");
        endpoint("idle", "gpu");
        Instant later = Instant.now().plus(Duration.ofMinutes(4));
        try (CloudWatchClient cloudWatch = session.client(CloudWatchClient.builder())) {
            cloudWatch.putMetricData(b -> b.namespace("AWS/SageMaker").metricData(d -> d.metricName("Invocations")
                    .value(12.0).timestamp(later.minus(Duration.ofMinutes(1)))
                    .dimensions(Dimension.builder().name("EndpointName").value("busy").build(),
                            Dimension.builder().name("VariantName").value("AllTraffic").build())));
        }
        List<EndpointDetails> endpoints = List.of(hosting.inventory().describe("busy").orElseThrow(),
                hosting.inventory().describe("idle").orElseThrow());
        Duration window = Duration.ofMinutes(3);

        Map<String, Double> calls = EndpointCosts.invocations(hosting.metrics(), endpoints, window, later);
        EndpointCosts costs = new EndpointCosts(InstanceCatalog.load(), "us-east-1");

        assertThat(calls).containsEntry("busy", 12.0).containsEntry("idle", 0.0);
        assertThat(costs.idle(endpoints.get(0), calls.get("busy"), window, later)).isFalse();
        assertThat(costs.idle(endpoints.get(1), calls.get("idle"), window, later)).isTrue();
        assertThat(costs.hourly(endpoints.get(1))).isCloseTo(2 * 0.7364, Offset.offset(1e-9));
        assertThat(costs.totalHourly(endpoints)).isCloseTo(0.115 + 2 * 0.7364, Offset.offset(1e-9));
        assertThat(costs.idleCost(endpoints.get(1), Duration.ofHours(24))).isCloseTo(24 * 2 * 0.7364,
                Offset.offset(1e-9));
    }

    @Test
    void aMultiModelEndpointListsTheModelsUnderItsPrefixAndTakesAnother() throws Exception {
        session.s3().createBucket(b -> b.bucket("mme-models"));
        session.s3().putObject(b -> b.bucket("mme-models").key("fleet/first.tar.gz"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[] {1, 2, 3}));
        sagemaker.createModel(b -> b.modelName("fleet-model").executionRoleArn("arn:aws:iam::123456789012:role/R")
                .primaryContainer(c -> c.image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1")
                        .mode("MultiModel").modelDataUrl("s3://mme-models/fleet/")).tags(MANAGED));
        config("fleet-config", "fleet-model", "ml.m5.large", 1, true);
        endpoint("fleet", "fleet-config");
        EndpointDetails fleet = hosting.inventory().describe("fleet").orElseThrow();
        assertThat(com.endpointstudio.core.endpoints.MultiModelEndpoints.prefix(fleet)).hasValue("s3://mme-models/fleet/");
        assertThat(com.endpointstudio.core.endpoints.MultiModelEndpoints.models(fleet, hosting.modelData()))
                .containsExactly("first.tar.gz");

        Path archive = java.nio.file.Files.write(dir.resolve("second.tar.gz"), new byte[] {31, -117, 8, 0});
        String target = com.endpointstudio.core.endpoints.MultiModelEndpoints.add(fleet, archive, hosting.modelData(),
                com.endpointstudio.core.task.ProgressListener.NONE, com.endpointstudio.core.task.CancelToken.none());

        assertThat(target).isEqualTo("second.tar.gz");
        assertThat(com.endpointstudio.core.endpoints.MultiModelEndpoints.models(fleet, hosting.modelData()))
                .containsExactly("first.tar.gz", "second.tar.gz");
        assertThat(hosting.runtime().invoke(new com.endpointstudio.core.invoke.InvocationRequest("fleet",
                "application/json", null, "[1]".getBytes(), null, target, null, null, null)).succeeded()).isTrue();

        // a model of the same name with other bytes is refused: the endpoint may have the first one loaded
        Path clash = java.nio.file.Files.write(java.nio.file.Files.createDirectories(dir.resolve("other"))
                .resolve("first.tar.gz"), new byte[] {31, -117, 8, 1});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> com.endpointstudio.core.endpoints.MultiModelEndpoints
                .add(fleet, clash, hosting.modelData(), com.endpointstudio.core.task.ProgressListener.NONE,
                        com.endpointstudio.core.task.CancelToken.none())).hasMessageContaining("already holds other bytes");
        assertThat(session.s3().getObjectAsBytes(b -> b.bucket("mme-models").key("fleet/first.tar.gz")).asByteArray())
                .containsExactly(1, 2, 3);
    }
}
