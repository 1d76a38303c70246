package com.endpointstudio.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SageMaker refuses (or accepts) across fields, as its API documentation states it. */
class CrossFieldRulesTest {

    private static final DeploymentSpec BASE = TestSpecs.simple("rules");
    private static final ModelSpec MODEL = BASE.models().get(0);
    private static final ContainerSpec CONTAINER = MODEL.containers().get(0);

    @TempDir
    Path dir;

    private final SpecValidator validator = SpecValidator.forWorkingFolder().inRegion("us-east-1");

    private List<String> errors(DeploymentSpec spec) {
        return validator.errors(spec).stream().map(FieldError::toString).toList();
    }

    private static DeploymentSpec withData(ModelDataSpec data) {
        return new DeploymentSpec(1, List.of(new ModelSpec(MODEL.name(), MODEL.executionRoleArn(), List.of(
                new ContainerSpec(CONTAINER.image(), null, data, Map.of(), null, null)), null, null, false)),
                BASE.endpointConfig(), BASE.endpoint());
    }

    private static DeploymentSpec withConfig(EndpointConfigSpec config) {
        return new DeploymentSpec(1, BASE.models(), config, BASE.endpoint());
    }

    private static DeploymentSpec serverlessWith(ModelSpec model, int variants) {
        List<VariantSpec> list = new java.util.ArrayList<>(List.of(new VariantSpec("AllTraffic", model.name(), null, 0,
                1.0, new ServerlessSpec(2048, 5, null), null)));
        if (variants > 1) {
            list.add(new VariantSpec("Other", model.name(), "ml.m5.large", 1, 1.0));
        }
        return new DeploymentSpec(1, List.of(model), new EndpointConfigSpec("c", list), BASE.endpoint());
    }

    @Test
    void aBareModelFileIsNotModelDataButItsArchiveOrFolderIs() throws Exception {
        Path joblib = Files.write(dir.resolve("model.joblib"), new byte[] {(byte) 0x80, 4, (byte) 0x95});
        assertThat(errors(withData(new ModelDataSpec(joblib.toString(), null, null, false)))).singleElement()
                .asString().startsWith("Model data: model.joblib is not a gzip-compressed tar archive");
        Path archive = TestArchives.tarGz(dir.resolve("model.tar.gz"), Map.of("model.joblib", "x"));
        assertThat(errors(withData(new ModelDataSpec(archive.toString(), null, null, false)))).isEmpty();
        assertThat(errors(withData(new ModelDataSpec(dir.toString(), null, null, false)))).as("a folder, packed on upload")
                .isEmpty();
    }

    @Test
    void theUploadedUrlIsMeasuredWholeBucketPrefixDigestAndFileName() throws Exception {
        Path archive = TestArchives.model(dir.resolve("model.tar.gz"), "x");
        // s3://sagemaker-us-east-1-123456789012/ (38) + prefix + / + 64 + /model.tar.gz (13)
        int room = 1024 - 38 - 1 - 64 - 13;
        assertThat(errors(withData(new ModelDataSpec(archive.toString(), null, "p".repeat(room), false)))).isEmpty();
        assertThat(errors(withData(new ModelDataSpec(archive.toString(), null, "p".repeat(room + 1), false))))
                .singleElement().asString().startsWith("Model data: once uploaded, its URL (s3://sagemaker-us-east-1-"
                        + "123456789012/ppp").contains("is 1,025 characters long; the limit is 1,024");
    }

    @Test
    void contentTypesWithParametersAreRefusedAsTheApiPatternDoes() {
        DataCaptureSpec capture = new DataCaptureSpec(10, "s3://capture/x", true, true, List.of("application/json"),
                List.of("text/csv; charset=utf-8"), null);
        assertThat(errors(withConfig(new EndpointConfigSpec("c", BASE.endpointConfig().variants(), null, capture,
                null)))).singleElement().asString().startsWith(
                "Data capture CSV content types: 'text/csv; charset=utf-8' is not valid: a content type is type/subtype");
    }

    @Test
    void aPipelineNamesEveryContainerOrNone() {
        ContainerSpec named = new ContainerSpec(CONTAINER.image(), null, CONTAINER.modelData(), Map.of(), "pre", null);
        ContainerSpec anonymous = new ContainerSpec(CONTAINER.image(), null, CONTAINER.modelData(), Map.of(), null, null);
        DeploymentSpec partial = new DeploymentSpec(1, List.of(new ModelSpec(MODEL.name(), MODEL.executionRoleArn(),
                List.of(named, anonymous), "Serial", null, false)), BASE.endpointConfig(), BASE.endpoint());
        assertThat(errors(partial)).containsExactly("Container hostname: 1 of 2 containers have a hostname; in a "
                + "pipeline, give every container one or none");
        DeploymentSpec none = new DeploymentSpec(1, List.of(new ModelSpec(MODEL.name(), MODEL.executionRoleArn(),
                List.of(anonymous, anonymous), "Serial", null, false)), BASE.endpointConfig(), BASE.endpoint());
        assertThat(errors(none)).isEmpty();
    }

    @Test
    void serverlessRefusesVpcNetworkIsolationSeveralVariantsAndPipelines() {
        ModelSpec vpc = new ModelSpec(MODEL.name(), MODEL.executionRoleArn(), MODEL.containers(), null,
                new VpcSpec(List.of("sg-1"), List.of("subnet-1")), false);
        assertThat(errors(serverlessWith(vpc, 1))).singleElement().asString()
                .startsWith("Variant AllTraffic: Serverless: serverless endpoints can't run in a VPC");
        ModelSpec isolated = new ModelSpec(MODEL.name(), MODEL.executionRoleArn(), MODEL.containers(), null, null, true);
        assertThat(errors(serverlessWith(isolated, 1))).singleElement().asString()
                .startsWith("Variant AllTraffic: Serverless: serverless endpoints don't support network isolation");
        assertThat(errors(serverlessWith(MODEL, 2))).singleElement().asString()
                .startsWith("Variant AllTraffic: Serverless: a serverless endpoint has one production variant");
        ModelSpec pipeline = new ModelSpec(MODEL.name(), MODEL.executionRoleArn(), List.of(CONTAINER, CONTAINER),
                "Serial", null, false);
        assertThat(errors(serverlessWith(pipeline, 1))).singleElement().asString()
                .isEqualTo("Variant AllTraffic: Serverless: inference pipelines and multi-container models can't be "
                        + "serverless");
        assertThat(errors(serverlessWith(MODEL, 1))).isEmpty();
    }

    @Test
    void aVariantWeightMustBeAFinite32BitFloat() {
        for (double weight : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1e39}) {
            List<String> found = errors(withConfig(new EndpointConfigSpec("c", List.of(new VariantSpec("AllTraffic",
                    MODEL.name(), "ml.m5.large", 1, weight)))));
            assertThat(found).as(String.valueOf(weight)).singleElement().asString()
                    .startsWith("Variant AllTraffic: Initial weight: is ").endsWith("; it must be a finite number");
        }
        assertThat(errors(withConfig(new EndpointConfigSpec("c", List.of(new VariantSpec("AllTraffic", MODEL.name(),
                "ml.m5.large", 1, 3.0e38)))))).isEmpty();
    }

    @Test
    void onlyAsynchronousEndpointsScaleToZero() {
        VariantSpec toZero = new VariantSpec("AllTraffic", MODEL.name(), "ml.m5.large", 1, 1.0, null,
                new AutoScalingSpec(0, 2, 5, 300, 60));
        AsyncSpec async = new AsyncSpec("s3://results/out", null, null, null, null, null);
        assertThat(errors(withConfig(new EndpointConfigSpec("c", List.of(toZero), async, null, null)))).isEmpty();
        assertThat(errors(withConfig(new EndpointConfigSpec("c", List.of(toZero))))).containsExactly(
                "Variant AllTraffic: Autoscaling minimum: 0; a real-time variant keeps at least 1 instance (only "
                        + "asynchronous endpoints scale to 0)");
    }

    @Test
    void kmsKeysAreTakenWhereTheApiTakesThemButNotForInstancesWithLocalStorage() {
        EndpointConfigSpec keyed = new EndpointConfigSpec("c", BASE.endpointConfig().variants(),
                new AsyncSpec("s3://results/out", null, null, null, null, "alias/results"),
                new DataCaptureSpec(10, "s3://capture/x", true, true, null, null,
                        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                "1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(errors(withConfig(keyed))).isEmpty();
        EndpointConfigSpec badKey = new EndpointConfigSpec("c", BASE.endpointConfig().variants(), null, null,
                "alias/my key");
        assertThat(errors(withConfig(badKey))).singleElement().asString()
                .startsWith("Storage KMS key: 'alias/my key' is not valid");
        EndpointConfigSpec nvme = new EndpointConfigSpec("c", List.of(new VariantSpec("AllTraffic", MODEL.name(),
                "ml.g5.xlarge", 1, 1.0)), null, null, "alias/volumes");
        assertThat(errors(withConfig(nvme))).singleElement().asString().startsWith("Storage KMS key: ml.g5.xlarge "
                + "(variant AllTraffic) keeps its volumes on local NVMe storage");
    }
}
