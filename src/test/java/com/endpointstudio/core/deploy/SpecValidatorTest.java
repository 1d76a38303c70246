package com.endpointstudio.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

    @TempDir
    Path dir;

    private final SpecValidator validator = SpecValidator.forWorkingFolder();

    private static final DeploymentSpec VALID = TestSpecs.simple("churn-predictor");

    private List<String> errors(DeploymentSpec spec) {
        return validator.errors(spec).stream().map(FieldError::toString).toList();
    }

    private static DeploymentSpec withModel(UnaryOperator<ModelSpec> change) {
        return new DeploymentSpec(1, List.of(change.apply(VALID.models().get(0))), VALID.endpointConfig(),
                VALID.endpoint());
    }

    private static DeploymentSpec withContainer(UnaryOperator<ContainerSpec> change) {
        return withModel(m -> new ModelSpec(m.name(), m.executionRoleArn(),
                List.of(change.apply(m.containers().get(0))), m.inferenceExecutionMode(), m.vpc(), m.networkIsolation()));
    }

    private static DeploymentSpec withVariant(UnaryOperator<VariantSpec> change) {
        VariantSpec variant = VALID.endpointConfig().variants().get(0);
        return new DeploymentSpec(1, VALID.models(), new EndpointConfigSpec(VALID.endpointConfig().name(),
                List.of(change.apply(variant))), VALID.endpoint());
    }

    private static DeploymentSpec withTags(Map<String, String> tags) {
        return new DeploymentSpec(1, VALID.models(), VALID.endpointConfig(),
                new EndpointSpec(VALID.endpoint().name(), tags));
    }

    @Test
    void theDefaultRealTimeSpecIsValid() {
        assertThat(errors(VALID)).isEmpty();
        validator.validate(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"under_score", "dot.name", "-leading", "trailing-", "space name", "ünïcode"})
    void namesFollowTheApiPattern(String bad) {
        DeploymentSpec spec = new DeploymentSpec(1, List.of(new ModelSpec(bad, TestSpecs.ROLE,
                VALID.models().get(0).containers(), null, null, false)),
                new EndpointConfigSpec(bad, List.of(new VariantSpec(bad, bad, "ml.m5.large", 1, 1))),
                new EndpointSpec(bad, Map.of()));

        assertThat(errors(spec)).contains(
                "Model name: '" + bad + "' is not valid: " + ModelChecks.NAME_HINT,
                "Endpoint config name: '" + bad + "' is not valid: " + ModelChecks.NAME_HINT,
                "Endpoint name: '" + bad + "' is not valid: " + ModelChecks.NAME_HINT,
                "Variant " + bad + ": Variant name: '" + bad + "' is not valid: " + ModelChecks.NAME_HINT);
    }

    @Test
    void namesLongerThan63CharactersAreRefusedWithTheirLength() {
        String name = "a".repeat(64);
        DeploymentSpec spec = new DeploymentSpec(1, VALID.models(), VALID.endpointConfig(),
                new EndpointSpec(name, Map.of()));

        assertThat(errors(spec)).containsExactly("Endpoint name: is 64 characters long; the limit is 63");
    }

    @Test
    void aMissingEndpointConfigOrEndpointIsReportedNotThrownAsANullPointer() {
        assertThat(errors(new DeploymentSpec(1, List.of(), null, null)))
                .contains("Models: a deployment needs at least one model", "Endpoint config name: is required",
                        "Endpoint name: is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::12345:role/x", "arn:aws:iam::123456789012:user/someone",
            "SageMakerExecutionRole", "arn:aws:s3:::bucket-name-long-enough"})
    void theExecutionRoleMustBeARoleArn(String bad) {
        assertThat(errors(withModel(m -> new ModelSpec(m.name(), bad, m.containers(), null, null, false))))
                .anyMatch(e -> e.startsWith("Execution role ARN: '" + bad + "' is not valid"));
    }

    @Test
    void aChinaOrGovCloudRoleArnIsAccepted() {
        assertThat(errors(withModel(m -> new ModelSpec(m.name(), "arn:aws-cn:iam::123456789012:role/path/Exec",
                m.containers(), null, null, false)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker pull my-image", "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1",
            "repo/UPPER:tag"})
    void theImageMustBeAnImageReference(String bad) {
        assertThat(errors(withContainer(c -> new ContainerSpec(bad, null, c.modelData(), c.environment(), null, null))))
                .singleElement().asString().startsWith("Container image: '" + bad + "' is not ");
    }

    @Test
    void anImageWithADigestOrARegistryPortIsAccepted() {
        String digest = "registry.example.com:5000/team/model@sha256:" + "a".repeat(64);
        assertThat(errors(withContainer(c -> new ContainerSpec(digest, null, c.modelData(), c.environment(),
                null, null)))).isEmpty();
    }

    @Test
    void modelDataIsAnS3UrlOrAnExistingLocalFileOrFolder() throws IOException {
        TestArchives.model(dir.resolve("model.tar.gz"), "a");
        Path archive = dir.resolve("model.tar.gz");
        SpecValidator here = new SpecValidator(dir);
        UnaryOperator<String> check = location -> String.join("|", here.errors(withContainer(c ->
                new ContainerSpec(c.image(), null, new ModelDataSpec(location, null, null, false), c.environment(),
                        null, null))).stream().map(FieldError::toString).toList());

        assertThat(check.apply("s3://bucket/key/model.tar.gz")).isEmpty();
        assertThat(check.apply("https://bucket.s3.us-east-1.amazonaws.com/key/model.tar.gz")).isEmpty();
        assertThat(check.apply(archive.toString())).isEmpty();
        assertThat(check.apply("model.tar.gz")).as("relative to the base folder").isEmpty();
        assertThat(check.apply("s3:/bucket/model.tar.gz")).contains("Model data:").contains("does not exist");
        assertThat(check.apply("ftp://host/model.tar.gz")).startsWith("Model data: 'ftp://host/model.tar.gz' is not valid");
        assertThat(check.apply("s3://")).startsWith("Model data: 's3://' is not valid");
        assertThat(check.apply("")).startsWith("Model data: is required");
    }

    @Test
    void uncompressedModelDataMustBeAFolderAndTheUploadBucketAValidBucketName() throws IOException {
        Path archive = TestArchives.model(dir.resolve("model.tar.gz"), "a");
        assertThat(errors(withContainer(c -> new ContainerSpec(c.image(), null,
                new ModelDataSpec(archive.toString(), "Bad_Bucket", "/abs", true), c.environment(), null, null))))
                .anyMatch(e -> e.startsWith("Model data: uncompressed model data is a folder"))
                .anyMatch(e -> e.startsWith("Upload bucket: 'Bad_Bucket' is not a bucket name"))
                .contains("Upload prefix: must not start with /");
    }

    @Test
    void environmentNamesFollowThePatternAndValuesTheLengthLimit() {
        Map<String, String> env = new HashMap<>(Map.of("1ST", "x", "OK_NAME", "y".repeat(1025), "WITH-DASH", "z"));
        assertThat(errors(withContainer(c -> new ContainerSpec(c.image(), null, c.modelData(), env, null, null))))
                .containsExactlyInAnyOrder(
                        "Environment 1ST: '1ST' is not valid: a name is letters, digits and _, not starting with a digit",
                        "Environment WITH-DASH: 'WITH-DASH' is not valid: a name is letters, digits and _, not starting with a digit",
                        "Environment OK_NAME value: is 1,025 characters long; the limit is 1,024");
    }

    @Test
    void atMost100EnvironmentVariables() {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            env.put("VAR_" + i, "v");
        }
        assertThat(errors(withContainer(c -> new ContainerSpec(c.image(), null, c.modelData(), env, null, null))))
                .containsExactly("Environment: 101 variables; the limit is 100");
    }

    @Test
    void tagKeysAndValuesFollowTheApiPatternAndReservedPrefixesAreRefused() {
        assertThat(errors(withTags(Map.of("team", "say \"hi\"", "aws:created", "x", "endpoint-studio:owner", "me",
                "endpoint-studio:managed", "false", "k".repeat(129), "v"))))
                .contains("Tag team value: 'say \"hi\"' is not valid: letters, digits, spaces and _ . : / = + - @ only",
                        "Tag aws:created: keys starting with aws: are reserved by AWS",
                        "Tag endpoint-studio:owner: keys starting with endpoint-studio: are reserved for the studio's own tags",
                        "Tag endpoint-studio:managed: the studio sets this tag to true itself",
                        "Tag " + "k".repeat(129) + ": is 129 characters long; the limit is 128");
        assertThat(errors(withTags(Map.of("Ünïcode key", "värde 日本 @ + = : / _ . -")))).isEmpty();
    }

    @Test
    void theStudioTagsCountTowardsTheLimitOf50() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 48; i++) {
            tags.put("t" + i, "v");
        }
        assertThat(errors(withTags(tags))).isEmpty();
        tags.put("one-more", "v");
        assertThat(errors(withTags(tags)))
                .containsExactly("Tags: 51 tags with the studio's own (keep yours to 48); the limit is 50");
    }

    @Test
    void variantFieldsNameTheVariant() {
        assertThat(errors(withVariant(v -> new VariantSpec("AllTraffic", "other-model", "ml.m5", 0, -1))))
                .containsExactlyInAnyOrder(
                        "Variant AllTraffic: Model: 'other-model' is not one of the deployment's models [churn-predictor-model]",
                        "Variant AllTraffic: Instance type: 'ml.m5' is not valid: use an instance type SageMaker hosts "
                                + "endpoints on, like ml.m5.large",
                        "Variant AllTraffic: Initial instance count: is 0; the minimum is 1",
                        "Variant AllTraffic: Initial weight: is -1; the minimum is 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ml.m5.large", "ml.m5.large ", "ML.M5.LARGE", "m5.large", "ml.m5.large\n"})
    void theInstanceTypeIsOneOfTheApiEnumAsTypedNotTrimmed(String typed) {
        assertThat(errors(withVariant(v -> new VariantSpec("AllTraffic", v.modelName(), typed, 1, 1))))
                .singleElement().asString().startsWith("Variant AllTraffic: Instance type: '" + typed + "' is not valid");
        assertThat(errors(withVariant(v -> new VariantSpec("AllTraffic", v.modelName(), "ml.g5.xlarge", 1, 1))))
                .isEmpty();
    }

    @Test
    void variantNamesAreUniqueAndAnEndpointConfigHoldsOneToTenVariants() {
        VariantSpec v = VALID.endpointConfig().variants().get(0);
        DeploymentSpec twice = new DeploymentSpec(1, VALID.models(),
                new EndpointConfigSpec("cfg", List.of(v, v)), VALID.endpoint());
        assertThat(errors(twice)).containsExactly(
                "Variant AllTraffic: Variant name: 'AllTraffic' is used by more than one variant");
        DeploymentSpec none = new DeploymentSpec(1, VALID.models(), new EndpointConfigSpec("cfg", List.of()),
                VALID.endpoint());
        assertThat(errors(none)).containsExactly("Production variants: 0 variants; at least 1 needed");
    }

    @Test
    void severalContainersNeedAnExecutionModeAndModelsAreNamedInTheMessages() {
        ModelSpec base = VALID.models().get(0);
        ContainerSpec c = base.containers().get(0);
        ModelSpec pipeline = new ModelSpec("pipeline", TestSpecs.ROLE, List.of(c, c), null, null, false);
        ModelSpec second = new ModelSpec("pipeline", "bad-role", List.of(c), null, null, false);
        DeploymentSpec spec = new DeploymentSpec(1, List.of(pipeline, second), new EndpointConfigSpec("cfg",
                List.of(new VariantSpec("AllTraffic", "pipeline", "ml.m5.large", 1, 1))), VALID.endpoint());

        assertThat(errors(spec)).contains(
                "Model pipeline: Inference execution mode: a model with several containers needs Serial (a pipeline) or Direct",
                "Model pipeline: Model name: 'pipeline' is used by more than one model")
                .anyMatch(e -> e.startsWith("Model pipeline: Execution role ARN: 'bad-role' is not valid"));
    }

    @Test
    void vpcIdsAreCheckedAndNamed() {
        VpcSpec vpc = new VpcSpec(List.of("sg_0123"), List.of());
        assertThat(errors(withModel(m -> new ModelSpec(m.name(), m.executionRoleArn(), m.containers(), null, vpc,
                true)))).containsExactlyInAnyOrder(
                "VPC subnets: 0 subnet ids; at least 1 needed",
                "VPC security group: 'sg_0123' is not valid: use a security group id like sg-0123456789abcdef0");
    }

    @Test
    void everyProblemIsReportedAtOnceInOneException() {
        DeploymentSpec spec = new DeploymentSpec(1, List.of(new ModelSpec("bad_name", "role", List.of(), null,
                null, false)), new EndpointConfigSpec("cfg", List.of()), new EndpointSpec("bad name", Map.of()));

        assertThatThrownBy(() -> validator.validate(spec)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).hasSizeGreaterThanOrEqualTo(5))
                .hasMessageContaining("Model name").hasMessageContaining("Execution role ARN")
                .hasMessageContaining("Containers").hasMessageContaining("Production variants")
                .hasMessageContaining("Endpoint name");
    }

    private static DeploymentSpec withConfig(java.util.function.UnaryOperator<EndpointConfigSpec> change) {
        return new DeploymentSpec(1, VALID.models(), change.apply(VALID.endpointConfig()), VALID.endpoint());
    }

    private static VariantSpec serverless(int memory, int concurrency, Integer provisioned) {
        VariantSpec variant = VALID.endpointConfig().variants().get(0);
        return new VariantSpec(variant.variantName(), variant.modelName(), null, 0, 1.0,
                new DeploymentSpec.ServerlessSpec(memory, concurrency, provisioned), null);
    }

    @Test
    void serverlessLimitsAreCheckedWithTheFieldNamed() {
        assertThat(errors(withVariant(v -> serverless(2048, 10, 2)))).isEmpty();
        assertThat(errors(withVariant(v -> serverless(1500, 0, 20)))).containsExactly(
                "Variant AllTraffic: Serverless memory: 1500 MB; use 1024, 2048, 3072, 4096, 5120 or 6144 MB",
                "Variant AllTraffic: Serverless max concurrency: is 0; the minimum is 1",
                "Variant AllTraffic: Provisioned concurrency: 20 is above the max concurrency (0)");
        assertThat(errors(withVariant(v -> serverless(7168, 201, null)))).hasSize(2);
        VariantSpec withGpu = new VariantSpec("AllTraffic", VALID.models().get(0).name(), "ml.g5.xlarge", 1, 1.0,
                new DeploymentSpec.ServerlessSpec(2048, 5, null), null);
        assertThat(errors(withVariant(v -> withGpu))).anySatisfy(e -> assertThat(e).startsWith(
                "Variant AllTraffic: Instance type: a serverless variant has no instance type (and no GPU)"));
    }

    @Test
    void combinationsSageMakerForbidsAreRefusedWithTheReason() {
        EndpointConfigSpec serverlessAsync = new EndpointConfigSpec(VALID.endpointConfig().name(),
                List.of(serverless(2048, 5, null)), new DeploymentSpec.AsyncSpec("s3://out/x", null, null, null, null, null),
                new DeploymentSpec.DataCaptureSpec(10, "s3://capture/x", true, false, null, null, null), null);
        assertThat(errors(withConfig(c -> serverlessAsync))).contains(
                "Asynchronous inference: serverless endpoints can't be asynchronous; use instances for asynchronous inference",
                "Data capture: serverless endpoints don't support data capture");

        DeploymentSpec multiModelServerless = new DeploymentSpec(1, List.of(new ModelSpec(VALID.models().get(0).name(),
                VALID.models().get(0).executionRoleArn(), List.of(new ContainerSpec(VALID.models().get(0).containers()
                .get(0).image(), null, new DeploymentSpec.ModelDataSpec("s3://models/all/", null, null, false), Map.of(),
                null, "MultiModel")), null, null, false)), new EndpointConfigSpec(VALID.endpointConfig().name(),
                List.of(serverless(2048, 5, null))), VALID.endpoint());
        assertThat(errors(multiModelServerless)).contains(
                "Variant AllTraffic: Serverless: multi-model endpoints can't be serverless");

        assertThat(errors(withContainer(c -> new ContainerSpec(c.image(), c.framework(), new DeploymentSpec.ModelDataSpec(
                "s3://models/one.tar.gz", null, null, false), c.environment(), null, "MultiModel")))).contains(
                "Model data: a multi-model endpoint loads its models from an S3 prefix ending with / (s3://bucket/models/)");
        assertThat(errors(withModel(m -> new ModelSpec(m.name(), m.executionRoleArn(), List.of(m.containers().get(0),
                m.containers().get(0)), "Direct", null, false)))).contains("Container hostname: each container of a "
                + "multi-container (Direct) model needs a hostname, which invocations target");
    }

    @Test
    void asyncDataCaptureAndAutoscalingLimits() {
        EndpointConfigSpec bad = new EndpointConfigSpec(VALID.endpointConfig().name(), List.of(new VariantSpec(
                "AllTraffic", VALID.models().get(0).name(), "ml.m5.large", 5, 1.0, null,
                new DeploymentSpec.AutoScalingSpec(2, 1, 0, -1, 60))),
                new DeploymentSpec.AsyncSpec("out/x", "s3://results/failed", "not-a-topic", null, 0, null),
                new DeploymentSpec.DataCaptureSpec(101, "capture", false, false, null, null, null), null);
        assertThat(errors(withConfig(c -> bad))).containsExactlyInAnyOrder(
                "Variant AllTraffic: Autoscaling maximum: 1 is below the minimum 2",
                "Variant AllTraffic: Autoscaling target: invocations per instance a minute must be above 0",
                "Variant AllTraffic: Autoscaling cooldowns: can't be negative",
                "Async output path: 'out/x' is not valid: use an s3://bucket/prefix the results are written to",
                "Async success topic: 'not-a-topic' is not valid: use an SNS topic ARN like "
                        + "arn:aws:sns:us-east-1:123456789012:done",
                "Async max concurrent invocations per instance: is 0; the minimum is 1",
                "Data capture sampling: is 101; the maximum is 100",
                "Data capture destination: 'capture' is not valid: use an s3://bucket/prefix the captured data is "
                        + "written to",
                "Data capture: capture the requests, the responses, or both");
    }

    @Test
    void localHostingRefusesWhatOnlyAwsHostsWithTheFieldNamed() {
        SpecValidator local = validator.forLocalHosting();
        Path archive = TestArchives.model(dir.resolve("model.tar.gz"), "local");
        DeploymentSpec here = withContainer(c -> new ContainerSpec(c.image(), c.framework(), new ModelDataSpec(
                archive.toString(), null, null, false), c.environment(), null, null));
        assertThat(local.errors(here)).isEmpty();
        assertThat(local.errors(VALID)).as("s3:// model data is downloaded to this computer first").isEmpty();
        DeploymentSpec pipeline = TestSpecs.pipeline("pipe");
        assertThat(local.errors(pipeline)).isEmpty();
        DeploymentSpec ab = new DeploymentSpec(1, here.models(), new EndpointConfigSpec("ab-config", List.of(
                new VariantSpec("A", VALID.models().get(0).name(), "ml.m5.large", 1, 0.5),
                new VariantSpec("B", VALID.models().get(0).name(), "ml.m5.large", 1, 0.5))), VALID.endpoint());
        assertThat(local.errors(ab)).isEmpty();
        DeploymentSpec noData = withContainer(c -> new ContainerSpec(c.image(), c.framework(), null, c.environment(),
                null, null));
        assertThat(local.errors(noData)).extracting(FieldError::toString).containsExactly("Model data: Local hosting "
                + "serves each container's model folder with the container's serving rules; give this one its model data");
        DeploymentSpec queued = new DeploymentSpec(1, here.models(), new EndpointConfigSpec("q-config",
                VALID.endpointConfig().variants(), new DeploymentSpec.AsyncSpec("s3://results/out", null, null, null, null, null),
                new DeploymentSpec.DataCaptureSpec(100, "s3://capture/x", true, true, List.of(), List.of(), null), null),
                VALID.endpoint());
        assertThat(local.errors(queued)).as("asynchronous endpoints and data capture run on Local").isEmpty();
        assertThat(validator.errors(ab)).isEmpty();
    }

    @Test
    void inferenceComponentsAreCheckedWithTheirOwnRulesAndTheFieldsNamed() {
        DeploymentSpec good = TestSpecs.components("gen");
        assertThat(validator.errors(good)).isEmpty();
        var variant = good.endpointConfig().variants().get(0);
        var bad = new DeploymentSpec(1, good.models(), new EndpointConfigSpec("gen-config", List.of(
                new VariantSpec("AllTraffic", "gen-chat", "ml.g5.2xlarge", 1, 1.0, null, null,
                        new DeploymentSpec.ManagedScalingSpec(1, 2), "FASTEST"))), good.endpoint(), List.of(
                new DeploymentSpec.InferenceComponentSpec("gen_chat", "Canary", "gen-chat",
                        new DeploymentSpec.ComputeSpec(0.1, null, 64, 32), 0, null),
                new DeploymentSpec.InferenceComponentSpec("gen-rank", "AllTraffic", "nowhere",
                        new DeploymentSpec.ComputeSpec(1.0, null, 1024, null), 0,
                        new DeploymentSpec.CopyScalingSpec(0, 2, 5, 60, 60)),
                new DeploymentSpec.InferenceComponentSpec("gen-rank", "AllTraffic", "gen-rank", null, 1, null)));
        assertThat(errors(bad)).contains(
                "Endpoint execution role ARN: is required",
                "Variant AllTraffic: Model: a variant of inference components names no model: each component names "
                        + "the model it hosts",
                "Variant AllTraffic: Routing strategy: 'FASTEST' is not valid: use LEAST_OUTSTANDING_REQUESTS or RANDOM",
                "Inference component gen_chat: Variant: 'Canary' is not a variant of the endpoint config",
                "Inference component gen_chat: CPU cores: is 0.1; the minimum is 0.25",
                "Inference component gen_chat: Minimum memory: is 64; the minimum is 128",
                "Inference component gen_chat: Maximum memory: 32 MB is below the minimum 64 MB",
                "Inference component gen_chat: Copies: 0 copies serve nothing: start with at least 1, unless its "
                        + "autoscaling scales to zero",
                "Inference component gen-rank: Model: 'nowhere' is not one of the deployment's models [gen-chat, gen-rank]",
                "Inference component gen-rank: Autoscaling minimum: copies scale to zero on a variant whose managed "
                        + "instance scaling has a minimum of 0 instances; set it on variant AllTraffic",
                "Inference component gen-rank: Compute: is required: the memory (and CPU cores or accelerators) one copy "
                        + "needs",
                "Inference component gen-rank: Name: 'gen-rank' is used by more than one component");
        assertThat(errors(bad)).anyMatch(error -> error.startsWith("Inference component gen_chat: Name: 'gen_chat' is "
                + "not valid"));
        assertThat(variant.modelName()).isNull();
        SpecValidator local = validator.forLocalHosting();
        assertThat(local.errors(good)).as("the components' s3:// models are downloaded first").isEmpty();
    }
}
