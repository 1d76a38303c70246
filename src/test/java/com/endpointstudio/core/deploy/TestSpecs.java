package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Specs the deploy tests share: a plain one, and one full of values that are hard to quote. */
public final class TestSpecs {

    public static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution";
    public static final String IMAGE =
            "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310";
    public static final FrameworkRef PYTORCH = new FrameworkRef("pytorch", "2.1.0", "py310");

    /** Environment values with quotes, dollar signs, backticks, backslashes, a line break and non-ASCII. */
    public static final Map<String, String> HARD_ENV = Map.of(
            "GREETING", "it's \"quoted\" $HOME `date` \\ back\\slash",
            "MULTILINE", "first line\nsecond\tline",
            "UNICODE", "naïve – 日本語 🚀",
            "EMPTY", "");

    /** Tag values allowed by the API's pattern but awkward in shells: spaces, unicode, = + : / @. */
    public static final Map<String, String> HARD_TAGS = Map.of(
            "cost center", "Ünïcode 日本 team",
            "owner", "ops@example.com",
            "formula", "a=b+c:d/e");

    private TestSpecs() {
    }

    public static DeploymentSpec simple(String name) {
        return SpecDefaults.realTime(name).image(IMAGE).framework(PYTORCH)
                .modelData("s3://models-bucket/" + name + "/model.tar.gz")
                .executionRole(ROLE).instanceType("ml.m5.large").region("us-east-1")
                .deploymentId("dep-" + name).build();
    }

    /** The simple spec with hard environment values, hard tags and the given model data location. */
    public static DeploymentSpec hard(String name, String modelData) {
        DeploymentSpec base = simple(name);
        ModelSpec model = base.models().get(0);
        ContainerSpec container = model.containers().get(0);
        Map<String, String> env = new LinkedHashMap<>(container.environment());
        env.putAll(HARD_ENV);
        Map<String, String> tags = new LinkedHashMap<>(base.endpoint().tags());
        tags.putAll(HARD_TAGS);
        ContainerSpec hardContainer = new ContainerSpec(container.image(), container.framework(),
                new ModelDataSpec(modelData, null, null, false), env, null, null);
        return new DeploymentSpec(1, List.of(new ModelSpec(model.name(), ROLE, List.of(hardContainer), null, null,
                false)), base.endpointConfig(), new EndpointSpec(base.endpoint().name(), tags));
    }

    /**
     * Two models behind two variants: one from a folder packed into model.tar.gz in a named
     * bucket, in a VPC; one from a folder of loose files (S3Prefix, no compression).
     */
    public static DeploymentSpec twoModels(String name, String packedFolder, String looseFolder, String bucket) {
        ModelSpec a = new ModelSpec(name + "-a", ROLE, List.of(new ContainerSpec(IMAGE, PYTORCH,
                new ModelDataSpec(packedFolder, bucket, "models/" + name, false), Map.of("MODEL", "a"), null, null)),
                null, new VpcSpec(List.of("sg-0123456789abcdef0"), List.of("subnet-0123abcd", "subnet-4567ef01")),
                true);
        ModelSpec b = new ModelSpec(name + "-b", ROLE, List.of(new ContainerSpec(IMAGE, null,
                new ModelDataSpec(looseFolder, null, null, true), Map.of("MODEL", "b"), null, null)),
                null, null, false);
        EndpointConfigSpec config = new EndpointConfigSpec(name + "-config", List.of(
                new VariantSpec("Blue", name + "-a", "ml.c5.xlarge", 2, 0.75),
                new VariantSpec("Green", name + "-b", "ml.m5.large", 1, 0.25)));
        return new DeploymentSpec(1, List.of(a, b), config, new EndpointSpec(name, Map.of("stage", "test")));
    }

    /** A serial inference pipeline: one model of two containers, each with its own hostname and data. */
    public static DeploymentSpec pipeline(String name) {
        ContainerSpec pre = new ContainerSpec(IMAGE, PYTORCH, new ModelDataSpec("s3://models-bucket/" + name
                + "/pre.tar.gz", null, null, false), Map.of("STAGE", "pre"), "preprocess", null);
        ContainerSpec predict = new ContainerSpec(IMAGE, PYTORCH, new ModelDataSpec("s3://models-bucket/" + name
                + "/predict.tar.gz", null, null, false), Map.of("STAGE", "predict"), "predict", null);
        ModelSpec model = new ModelSpec(name + "-model", ROLE, List.of(pre, predict), "Serial", null, false);
        return new DeploymentSpec(1, List.of(model), new EndpointConfigSpec(name + "-config", List.of(
                new VariantSpec("AllTraffic", name + "-model", "ml.m5.large", 1, 1.0))),
                new EndpointSpec(name, Map.of()));
    }

    /**
     * An endpoint of two inference components on one variant with managed instance scaling: one with
     * fixed copies, one whose copies autoscale down to zero.
     */
    public static DeploymentSpec components(String name) {
        ModelSpec chat = new ModelSpec(name + "-chat", ROLE, List.of(new ContainerSpec(IMAGE, PYTORCH, new ModelDataSpec(
                "s3://models-bucket/" + name + "/chat.tar.gz", null, null, false), Map.of("MODEL", "chat"), null, null)),
                null, null, false);
        ModelSpec rank = new ModelSpec(name + "-rank", ROLE, List.of(new ContainerSpec(IMAGE, PYTORCH, new ModelDataSpec(
                "s3://models-bucket/" + name + "/rank.tar.gz", null, null, false), Map.of("MODEL", "rank"), null, null)),
                null, null, false);
        VariantSpec variant = new VariantSpec("AllTraffic", null, "ml.g4dn.2xlarge", 1, 1.0, null, null,
                new DeploymentSpec.ManagedScalingSpec(0, 2), "LEAST_OUTSTANDING_REQUESTS");
        EndpointConfigSpec config = new EndpointConfigSpec(name + "-config", List.of(variant), null, null, null, ROLE);
        return new DeploymentSpec(1, List.of(chat, rank), config, new EndpointSpec(name, Map.of("team", "ml")), List.of(
                new DeploymentSpec.InferenceComponentSpec(name + "-chat-ic", "AllTraffic", name + "-chat",
                        new DeploymentSpec.ComputeSpec(2.0, 1.0, 4096, 8192), 1, null),
                new DeploymentSpec.InferenceComponentSpec(name + "-rank-ic", "AllTraffic", name + "-rank",
                        new DeploymentSpec.ComputeSpec(1.0, null, 1024, null), 0,
                        new DeploymentSpec.CopyScalingSpec(0, 4, 5, 300, 60))));
    }
}
