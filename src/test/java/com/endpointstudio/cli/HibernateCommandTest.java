package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Hibernate deletes only the endpoint and remembers it; wake restores it with its config, tags and autoscaling. */
@ExtendWith(MotoExtension.class)
class HibernateCommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private MotoServer moto;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        services = moto.services(dir);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url",
            moto.endpointUrl()}, 0, all, args.length, 6);
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void hibernateThenWakeRestoresTheEndpointAsItWas() throws Exception {
        DeploymentSpec simple = TestSpecs.hard("sleepy", "s3://models/sleepy/model.tar.gz");
        VariantSpec variant = simple.endpointConfig().variants().get(0);
        DeploymentSpec spec = new DeploymentSpec(1, simple.models(), new EndpointConfigSpec(simple.endpointConfig().name(),
                java.util.List.of(new VariantSpec(variant.variantName(), variant.modelName(), "ml.m5.large", 2, 1.0, null,
                        new AutoScalingSpec(2, 5, 80, 600, 120)))), simple.endpoint());
        Path file = dir.resolve("sleepy.json");
        SpecFiles.write(file, spec);
        assertThat(run("deploy", file.toString(), "--wait")).as(() -> err.toString()).isZero();
        Map<String, String> tagsBefore = tags();

        assertThat(run("endpoints", "hibernate", "sleepy")).as(() -> err.toString()).isZero();
        assertThat(out.toString()).contains("Hibernated sleepy: the endpoint is deleted; EndpointConfig sleepy-config "
                + "and its models are kept, with the autoscaling of AllTraffic recorded.")
                .contains("It saves $5.52 a day");
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder());
             ApplicationAutoScalingClient scaling = session.client(ApplicationAutoScalingClient.builder())) {
            assertThat(sagemaker.listEndpoints().endpoints()).isEmpty();
            assertThat(sagemaker.listEndpointConfigs().endpointConfigs()).hasSize(1);
            assertThat(sagemaker.listModels().models()).hasSize(1);
            assertThat(scaling.describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets()).isEmpty();
        }
        assertThat(run("endpoints", "list")).isZero();
        assertThat(out.toString()).contains("sleepy").contains("Hibernated").contains("saving $5.52 a day");

        assertThat(run("endpoints", "wake", "sleepy")).as(() -> err.toString()).isZero();
        assertThat(out.toString()).contains("sleepy is InService").contains("sleepy is awake and InService.");
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder());
             ApplicationAutoScalingClient scaling = session.client(ApplicationAutoScalingClient.builder())) {
            var endpoint = sagemaker.describeEndpoint(r -> r.endpointName("sleepy"));
            assertThat(endpoint.endpointConfigName()).isEqualTo("sleepy-config");
            assertThat(endpoint.endpointStatusAsString()).isEqualTo("InService");
            var target = scaling.describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets();
            assertThat(target).singleElement().satisfies(t -> {
                assertThat(t.resourceId()).isEqualTo("endpoint/sleepy/variant/AllTraffic");
                assertThat(t.minCapacity()).isEqualTo(2);
                assertThat(t.maxCapacity()).isEqualTo(5);
            });
            var policy = scaling.describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies().get(0)
                    .targetTrackingScalingPolicyConfiguration();
            assertThat(policy.targetValue()).isEqualTo(80.0);
            assertThat(policy.scaleInCooldown()).isEqualTo(600);
        }
        assertThat(tags()).isEqualTo(tagsBefore);
        assertThat(run("endpoints", "list")).isZero();
        assertThat(out.toString()).doesNotContain("Hibernated");
    }

    private Map<String, String> tags() {
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            String arn = sagemaker.describeEndpoint(r -> r.endpointName("sleepy")).endpointArn();
            return sagemaker.listTags(r -> r.resourceArn(arn)).tags().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        }
    }
}
