package com.endpointstudio.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

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
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.error.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each limit the service models declare, at its boundary: the value at the limit is accepted, one
 * past it is refused, and the message names the field as the user sees it.
 */
class ApiLimitsTest {

    private static final DeploymentSpec BASE = TestSpecs.simple("limits");
    private static final ModelSpec MODEL = BASE.models().get(0);
    private static final ContainerSpec CONTAINER = MODEL.containers().get(0);
    private static final VariantSpec VARIANT = BASE.endpointConfig().variants().get(0);

    private static DeploymentSpec model(ModelSpec model) {
        return new DeploymentSpec(1, List.of(model), BASE.endpointConfig(), BASE.endpoint());
    }

    private static DeploymentSpec containers(List<ContainerSpec> containers, String mode) {
        return model(new ModelSpec(MODEL.name(), MODEL.executionRoleArn(), containers, mode, null, false));
    }

    private static DeploymentSpec container(ContainerSpec container) {
        return containers(List.of(container), null);
    }

    private static DeploymentSpec environment(Map<String, String> env) {
        return container(new ContainerSpec(CONTAINER.image(), null, CONTAINER.modelData(), env, null, null));
    }

    private static DeploymentSpec config(EndpointConfigSpec config) {
        return new DeploymentSpec(1, BASE.models(), config, BASE.endpoint());
    }

    private static DeploymentSpec variants(List<VariantSpec> variants) {
        return config(new EndpointConfigSpec(BASE.endpointConfig().name(), variants));
    }

    private static DeploymentSpec variant(VariantSpec variant) {
        return variants(List.of(variant));
    }

    private static DeploymentSpec async(AsyncSpec async) {
        return config(new EndpointConfigSpec(BASE.endpointConfig().name(), BASE.endpointConfig().variants(), async,
                null, null));
    }

    private static DeploymentSpec capture(DataCaptureSpec capture) {
        return config(new EndpointConfigSpec(BASE.endpointConfig().name(), BASE.endpointConfig().variants(), null,
                capture, null));
    }

    private static DeploymentSpec tags(Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.put(StudioTags.DEPLOYMENT_KEY, "dep");
        return new DeploymentSpec(1, BASE.models(), BASE.endpointConfig(), new EndpointSpec(BASE.endpoint().name(), all));
    }

    private static DeploymentSpec serverless(int memory, int concurrency, Integer provisioned) {
        return variant(new VariantSpec("AllTraffic", MODEL.name(), null, 0, 1.0,
                new ServerlessSpec(memory, concurrency, provisioned), null));
    }

    private static DeploymentSpec scaling(int min, int max) {
        return variant(new VariantSpec("AllTraffic", MODEL.name(), "ml.m5.large", 1, 1.0, null,
                new AutoScalingSpec(min, max, 70, 300, 60)));
    }

    private static String s3(int length) {
        String start = "s3://bucket/";
        return start + "k".repeat(length - start.length());
    }

    private static String kms(int length) {
        return "alias/" + "k".repeat(length - 6);
    }

    private static Map<String, String> vars(int count) {
        Map<String, String> env = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> env.put("V" + i, "x"));
        return env;
    }

    /** 32 variables whose names and values add up to {@code total} bytes. */
    private static Map<String, String> bytes(int total) {
        Map<String, String> env = new LinkedHashMap<>();
        int left = total - 32 * 3;
        for (int i = 0; i < 32; i++) {
            int length = i < 31 ? 1024 : left - 31 * 1024;
            env.put(String.format("K%02d", i), "x".repeat(length));
        }
        return env;
    }

    private static List<ContainerSpec> pipeline(int count) {
        List<ContainerSpec> list = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> list.add(CONTAINER));
        return list;
    }

    private static List<VariantSpec> abVariants(int count) {
        List<VariantSpec> list = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> list.add(new VariantSpec("v" + i, MODEL.name(), "ml.m5.large", 1, 1.0)));
        return list;
    }

    private static Map<String, String> userTags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> tags.put("t" + i, "v"));
        return tags;
    }

    private static Arguments limit(String field, IntFunction<DeploymentSpec> build, int atLimit, int over) {
        return Arguments.of(field, build, atLimit, over);
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                limit("Endpoint name", n -> new DeploymentSpec(1, BASE.models(), BASE.endpointConfig(),
                        new EndpointSpec("e".repeat(n), Map.of())), 63, 64),
                limit("Model name", n -> new DeploymentSpec(1, List.of(new ModelSpec("m".repeat(n),
                        MODEL.executionRoleArn(), MODEL.containers(), null, null, false)), new EndpointConfigSpec("c",
                        List.of(new VariantSpec("AllTraffic", "m".repeat(n), "ml.m5.large", 1, 1.0))), BASE.endpoint()),
                        63, 64),
                limit("Execution role ARN", n -> model(new ModelSpec(MODEL.name(), "arn:aws:iam::123456789012:role/"
                        + "r".repeat(n - 31), MODEL.containers(), null, null, false)), 2048, 2049),
                limit("Container image", n -> container(new ContainerSpec("i".repeat(n), null, CONTAINER.modelData(),
                        Map.of(), null, null)), 255, 256),
                limit("Model data", n -> container(new ContainerSpec(CONTAINER.image(), null, new ModelDataSpec(s3(n),
                        null, null, false), Map.of(), null, null)), 1024, 1025),
                limit("Environment", n -> environment(vars(n)), 100, 101),
                limit("Environment K value", n -> environment(Map.of("K", "v".repeat(n))), 1024, 1025),
                limit("Environment " + "K".repeat(1025), n -> environment(Map.of("K".repeat(n), "v")), 1024, 1025),
                limit("Environment", n -> environment(bytes(n)), 32 * 1024, 32 * 1024 + 1),
                limit("Containers", n -> containers(pipeline(n), "Serial"), 15, 16),
                limit("Production variants", n -> variants(abVariants(n)), 10, 11),
                limit("VPC security groups", n -> model(new ModelSpec(MODEL.name(), MODEL.executionRoleArn(),
                        MODEL.containers(), null, new VpcSpec(IntStream.range(0, n).mapToObj(i -> "sg-" + i).toList(),
                        List.of("subnet-1")), false)), 5, 6),
                limit("VPC subnets", n -> model(new ModelSpec(MODEL.name(), MODEL.executionRoleArn(),
                        MODEL.containers(), null, new VpcSpec(List.of("sg-1"), IntStream.range(0, n)
                        .mapToObj(i -> "subnet-" + i).toList()), false)), 16, 17),
                limit("Variant AllTraffic: Serverless memory", n -> serverless(n, 5, null), 6144, 7168),
                limit("Variant AllTraffic: Serverless memory", n -> serverless(n, 5, null), 1024, 1023),
                limit("Variant AllTraffic: Serverless max concurrency", n -> serverless(2048, n, null), 200, 201),
                limit("Variant AllTraffic: Serverless max concurrency", n -> serverless(2048, n, null), 1, 0),
                limit("Variant AllTraffic: Provisioned concurrency", n -> serverless(2048, 200, n), 200, 201),
                limit("Variant AllTraffic: Initial instance count", n -> variant(new VariantSpec("AllTraffic",
                        MODEL.name(), "ml.m5.large", n, 1.0)), 1, 0),
                limit("Variant AllTraffic: Autoscaling minimum", n -> scaling(n, 4), 1, 0),
                limit("Async output path", n -> async(new AsyncSpec(s3(n), null, null, null, null, null)), 512, 513),
                limit("Async failure path", n -> async(new AsyncSpec(s3(20), s3(n), null, null, null, null)), 512, 513),
                limit("Async success topic", n -> async(new AsyncSpec(s3(20), null, "arn:aws:sns:us-east-1:123456789012:"
                        + "t".repeat(n - 35), null, null, null)), 2048, 2049),
                limit("Async output KMS key", n -> async(new AsyncSpec(s3(20), null, null, null, null, kms(n))), 2048,
                        2049),
                limit("Async max concurrent invocations per instance", n -> async(new AsyncSpec(s3(20), null, null, null,
                        n, null)), 1000, 1001),
                limit("Data capture sampling", n -> capture(new DataCaptureSpec(n, s3(20), true, true, null, null, null)),
                        100, 101),
                limit("Data capture destination", n -> capture(new DataCaptureSpec(10, s3(n), true, true, null, null,
                        null)), 512, 513),
                limit("Data capture KMS key", n -> capture(new DataCaptureSpec(10, s3(20), true, true, null, null,
                        kms(n))), 2048, 2049),
                limit("Data capture CSV content types", n -> capture(new DataCaptureSpec(10, s3(20), true, true, null,
                        IntStream.range(0, n).mapToObj(i -> "text/csv" + i).toList(), null)), 10, 11),
                limit("Data capture JSON content types", n -> capture(new DataCaptureSpec(10, s3(20), true, true,
                        List.of("application/" + "j".repeat(n - 12)), null, null)), 256, 257),
                limit("Storage KMS key", n -> config(new EndpointConfigSpec(BASE.endpointConfig().name(),
                        BASE.endpointConfig().variants(), null, null, kms(n))), 2048, 2049),
                limit("Tags", n -> tags(userTags(n)), 48, 49),
                limit("Tag " + "k".repeat(129), n -> tags(Map.of("k".repeat(n), "v")), 128, 129),
                limit("Tag k value", n -> tags(Map.of("k", "v".repeat(n))), 256, 257));
    }

    @ParameterizedTest(name = "{0}: {2} accepted, {3} refused")
    @MethodSource("limits")
    void theValueAtTheLimitIsAcceptedAndOnePastItRefused(String field, IntFunction<DeploymentSpec> build, int atLimit,
                                                         int over) {
        SpecValidator validator = SpecValidator.forWorkingFolder();
        assertThat(validator.errors(build.apply(atLimit))).as("at the limit").isEmpty();
        List<FieldError> refused = validator.errors(build.apply(over));
        assertThat(refused).as("one past the limit").isNotEmpty()
                .allSatisfy(error -> assertThat(error.field()).isEqualTo(field));
    }
}
