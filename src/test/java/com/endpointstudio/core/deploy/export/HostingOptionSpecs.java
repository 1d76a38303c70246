package com.endpointstudio.core.deploy.export;

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
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** A spec for every hosting option the studio deploys, with every member it can set among them. */
final class HostingOptionSpecs {

    static final String BUCKET = "team-models";

    private HostingOptionSpecs() {
    }

    private static ContainerSpec container(ModelDataSpec data, String hostname, String mode) {
        return new ContainerSpec(TestSpecs.IMAGE, TestSpecs.PYTORCH, data, TestSpecs.HARD_ENV, hostname, mode);
    }

    private static ModelDataSpec s3(String url) {
        return new ModelDataSpec(url, null, null, false);
    }

    private static ModelSpec model(String name, ContainerSpec... containers) {
        return new ModelSpec(name, TestSpecs.ROLE, List.of(containers), containers.length > 1 ? "Serial" : null, null,
                false);
    }

    private static VariantSpec instances(String name, String model, AutoScalingSpec scaling) {
        return new VariantSpec(name, model, "ml.m5.large", 2, 0.75, null, scaling);
    }

    private static DeploymentSpec spec(String name, List<ModelSpec> models, EndpointConfigSpec config) {
        return new DeploymentSpec(1, models, config, new EndpointSpec(name, TestSpecs.HARD_TAGS));
    }

    /** One spec per hosting option, as (title, spec); local model data is written under {@code files}. */
    static Stream<Arguments> all(Path files) {
        Path archive = TestArchives.model(files.resolve("a/model.tar.gz"), "a");
        Path other = TestArchives.model(files.resolve("b/model.tar.gz"), "b");
        Path folder = files.resolve("folder");
        TestArchives.tarGz(files.resolve("unused.tar.gz"), Map.of());
        write(folder.resolve("model.pth"), "weights");
        write(folder.resolve("code/inference.py"), "def model_fn(d):\n    return d\n");
        Path loose = files.resolve("loose");
        write(loose.resolve("config.json"), "{}");
        write(loose.resolve("weights/w.bin"), "0123456789");
        return Stream.of(
                option("real-time, local archive, VPC, capture, KMS, autoscaling", name -> spec(name, List.of(
                        new ModelSpec(name + "-model", TestSpecs.ROLE, List.of(container(new ModelDataSpec(
                                archive.toString(), null, null, false), null, null)), null,
                                new VpcSpec(List.of("sg-0123456789abcdef0"), List.of("subnet-0123abcd")), true)),
                        new EndpointConfigSpec(name + "-config", List.of(instances("AllTraffic", name + "-model",
                                new AutoScalingSpec(1, 4, 70.5, 300, 60))), null, new DataCaptureSpec(25,
                                "s3://capture/" + name, true, true, List.of("application/json"), List.of("text/csv"),
                                "alias/capture"), "arn:aws:kms:us-east-1:123456789012:key/volumes"))),
                option("serverless", name -> spec(name, List.of(model(name + "-model", container(
                        s3("s3://models/" + name + "/model.tar.gz"), null, null))), new EndpointConfigSpec(name
                        + "-config", List.of(new VariantSpec("AllTraffic", name + "-model", null, 0, 1.0,
                        new ServerlessSpec(3072, 20, 5), null))))),
                option("asynchronous, packed folder in a named bucket, scale to zero", name -> spec(name, List.of(
                        model(name + "-model", container(new ModelDataSpec(folder.toString(), BUCKET, "team/models",
                                false), null, null))), new EndpointConfigSpec(name + "-config", List.of(instances(
                        "AllTraffic", name + "-model", new AutoScalingSpec(0, 2, 5, 600, 120))), new AsyncSpec(
                        "s3://results/" + name + "/out", "s3://results/" + name + "/failed",
                        "arn:aws:sns:us-east-1:123456789012:done", "arn:aws:sns:us-east-1:123456789012:failed", 4,
                        "alias/results"), null, null))),
                option("multi-model", name -> spec(name, List.of(model(name + "-model", container(
                        s3("s3://models/" + name + "/"), null, "MultiModel"))), new EndpointConfigSpec(name + "-config",
                        List.of(instances("AllTraffic", name + "-model", null))))),
                option("serial pipeline, uncompressed folder, https", name -> spec(name, List.of(model(name + "-model",
                        container(new ModelDataSpec(loose.toString(), null, null, true), "preprocess", null),
                        container(s3("https://models.s3.us-east-1.amazonaws.com/" + name + "/model.tar.gz"), "predict",
                                null))), new EndpointConfigSpec(name + "-config", List.of(instances("AllTraffic",
                        name + "-model", null))))),
                option("multi-container (Direct)", name -> spec(name, List.of(new ModelSpec(name + "-model",
                        TestSpecs.ROLE, List.of(container(s3("s3://models/" + name + "/a.tar.gz"), "alpha", null),
                        container(s3("s3://models/" + name + "/b.tar.gz"), "beta", null)), "Direct", null, false)),
                        new EndpointConfigSpec(name + "-config", List.of(instances("AllTraffic", name + "-model",
                                null))))),
                option("A/B variants from two archives of the same name", name -> spec(name, List.of(
                        model(name + "-a", container(new ModelDataSpec(archive.toString(), null, null, false), null,
                                null)),
                        model(name + "-b", container(new ModelDataSpec(other.toString(), null, null, false), null,
                                null))), new EndpointConfigSpec(name + "-config", List.of(instances("Blue",
                        name + "-a", null), new VariantSpec("Green", name + "-b", "ml.c5.xlarge", 1, 0.25))))),
                option("inference components, copies scaling to zero", TestSpecs::components));
    }

    private static Arguments option(String title, Function<String, DeploymentSpec> build) {
        return Arguments.of(title, build.apply("same"));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
