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
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.ServingOutput;
import com.endpointstudio.testing.TestArchives;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code deploy SPEC --local --profile P --endpoint-url URL} of a multi-model endpoint whose models are
 * under an s3:// prefix, by the built launcher: the first call for a model downloads it from that S3
 * (moto's), and a model not there is SageMaker's error.
 */
@ExtendWith(MotoExtension.class)
class LocalMultiModelS3DeployIT {

    private static final Path BASEDIR = Path.of(System.getProperty("studio.basedir", "."));
    private static final String SCRIPT = """
            import os

            def model_fn(model_dir):
                with open(os.path.join(model_dir, "name.txt")) as f:
                    return f.read()

            def transform_fn(name, body, content_type, accept):
                return "served by " + name, "text/plain"
            """;

    @TempDir
    Path home;

    @Test
    void theFirstCallDownloadsTheModelThroughTheCommandsAwsOptions(MotoServer moto) throws Exception {
        moto.reset();
        try (AwsSession session = MotoServer.awsEnvironment(home.resolve(".aws")).sessionFactory()
                .open(moto.connection());
             S3Client s3 = session.client(S3Client.builder())) {
            s3.createBucket(b -> b.bucket("fleet-models"));
            Path archive = TestArchives.tarGz(home.resolve("north.tar.gz"), Map.of("code/inference.py", SCRIPT,
                    "name.txt", "north"));
            s3.putObject(b -> b.bucket("fleet-models").key("regions/north.tar.gz"), RequestBody.fromFile(archive));
        }
        ModelSpec model = new ModelSpec("fleet-model", null, List.of(new ContainerSpec("local/python",
                new FrameworkRef("custom", null, null), new ModelDataSpec("s3://fleet-models/regions/", null, null,
                false), Map.of(), null, "MultiModel")), null, null, false);
        DeploymentSpec spec = new DeploymentSpec(1, List.of(model), new EndpointConfigSpec("fleet-config",
                List.of(new VariantSpec("AllTraffic", "fleet-model", "ml.m5.large", 1, 1))),
                new EndpointSpec("fleet", Map.of()));
        Path file = home.resolve("fleet.json");
        SpecFiles.write(file, spec);

        ProcessBuilder builder = new ProcessBuilder(List.of(BASEDIR.resolve("bin/endpoint-studio").toString(), "deploy",
                file.toString(), "--local", "--profile", MotoServer.PROFILE, "--endpoint-url", moto.endpointUrl()))
                .redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        builder.environment().put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        Process studio = builder.start();
        try {
            String url = ServingOutput.await(studio, "fleet");
            assertThat(call(url, "north.tar.gz")).isEqualTo("200 served by north");
            assertThat(call(url, "south.tar.gz")).startsWith("400 ").contains(
                    "Failed to download model data(bucket: fleet-models, key: regions/south.tar.gz)");
        } finally {
            studio.destroy();
            assertThat(studio.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String call(String url, String targetModel) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/plain").header("X-Amzn-SageMaker-Target-Model", targetModel)
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
