package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.testing.ServingOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hosting shape deployed by the built launcher's {@code deploy SPEC --local}, as a user would
 * from a terminal, and called with the runtime API's headers: a serial pipeline, a direct-invocation
 * model (TargetContainerHostname), two production variants (TargetVariant) and a serverless variant.
 */
class LocalShapesDeployIT {

    private static final Path BASEDIR = Path.of(System.getProperty("studio.basedir", "."));

    @TempDir
    Path home;

    private static ContainerSpec container(String model, String hostname, Map<String, String> environment)
            throws Exception {
        Path folder = Path.of(LocalShapesDeployIT.class.getResource("/shapes/" + model).toURI());
        return new ContainerSpec("local/python", new FrameworkRef("custom", null, null),
                new ModelDataSpec(folder.toString(), null, null, false), environment, hostname, null);
    }

    private static DeploymentSpec spec(String name, List<ModelSpec> models, List<VariantSpec> variants) {
        return new DeploymentSpec(1, models, new EndpointConfigSpec(name + "-config", variants),
                new EndpointSpec(name, Map.of()));
    }

    /** The spec, the header the call adds (or none), and the answer it must get. */
    static Stream<Arguments> shapes() throws Exception {
        ModelSpec pipeline = new ModelSpec("pipe-model", null, List.of(
                container("scale", null, Map.of("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", "text/csv")),
                container("sum", null, Map.of())), "Serial", null, false);
        ModelSpec direct = new ModelSpec("direct-model", null, List.of(container("scale", "scale", Map.of()),
                container("sum", "summer", Map.of())), "Direct", null, false);
        ModelSpec scale = new ModelSpec("ab-scale", null, List.of(container("scale", null, Map.of())), null, null,
                false);
        ModelSpec sums = new ModelSpec("ab-sums", null, List.of(container("sum", null, Map.of())), null, null, false);
        ModelSpec serverless = new ModelSpec("lean-model", null, List.of(container("sum", null, Map.of())), null,
                null, false);
        return Stream.of(
                Arguments.of("serial pipeline", spec("pipe", List.of(pipeline),
                        List.of(new VariantSpec("AllTraffic", "pipe-model", "ml.m5.large", 1, 1))), null,
                        "{\"sums\": [6.0], \"received\": \"text/csv\", \"accept\": \"application/json\"}"),
                Arguments.of("direct invocation", spec("direct", List.of(direct),
                        List.of(new VariantSpec("AllTraffic", "direct-model", "ml.m5.large", 1, 1))),
                        "X-Amzn-SageMaker-Target-Container-Hostname: scale", "[[2, 4]]"),
                Arguments.of("production variants", spec("ab", List.of(scale, sums),
                        List.of(new VariantSpec("Scale", "ab-scale", "ml.m5.large", 1, 1),
                                new VariantSpec("Sums", "ab-sums", "ml.c5.large", 1, 1))),
                        "X-Amzn-SageMaker-Target-Variant: Sums",
                        "{\"sums\": [3], \"received\": \"application/json\", \"accept\": \"application/json\"}"),
                Arguments.of("serverless", spec("lean", List.of(serverless), List.of(new VariantSpec("AllTraffic",
                                "lean-model", null, 0, 1, new DeploymentSpec.ServerlessSpec(2048, 2, null), null))),
                        null, "{\"sums\": [3], \"received\": \"application/json\", \"accept\": \"application/json\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void eachShapeDeploysFromTheCommandLineAndAnswers(String shape, DeploymentSpec spec, String header,
                                                       String answer) throws Exception {
        Path file = home.resolve(spec.endpoint().name() + ".json");
        SpecFiles.write(file, spec);
        ProcessBuilder builder = new ProcessBuilder(List.of(BASEDIR.resolve("bin/endpoint-studio").toString(), "deploy",
                file.toString(), "--local")).redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        Process studio = builder.start();
        try {
            String url = ServingOutput.await(studio, spec.endpoint().name());
            HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("[[1, 2]]"));
            if (header != null) {
                call.header(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).strip());
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(call.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(answer);
        } finally {
            studio.destroy();
            assertThat(studio.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
