package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which container a local endpoint behaves as, and that the adapter ships every personality's files. */
class ServingPersonalityTest {

    @TempDir
    Path dir;

    @Test
    void theFrameworkOfTheSpecChoosesThePersonality() {
        ContainerSpec sklearn = new ContainerSpec("image", new FrameworkRef("sklearn", "1.2-1", "py3"), null, Map.of(),
                null, null);
        assertThat(ServingPersonality.of(sklearn)).isEqualTo(new ServingPersonality("sklearn", "scikit-learn container",
                "1.2-1"));
        assertThat(ServingPersonality.of("huggingface", "4.37").name()).isEqualTo("huggingface");
        assertThat(ServingPersonality.of("custom", null).generic()).isTrue();
    }

    @Test
    void aFrameworkImageGivenByUriIsRecognisedByItsRepository() {
        assertThat(ServingPersonality.fromImage("763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1-cpu-py310"))
                .isEqualTo(new ServingPersonality("pytorch", "PyTorch container", "2.1"));
        assertThat(ServingPersonality.fromImage("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")
                .name()).isEqualTo("sklearn");
        assertThat(ServingPersonality.fromImage("763104351884.dkr.ecr.us-east-1.amazonaws.com/"
                + "huggingface-pytorch-inference:2.1-transformers4.37-cpu-py310-ubuntu22.04").name()).isEqualTo("huggingface");
        assertThat(ServingPersonality.fromImage("763104351884.dkr.ecr.us-east-1.amazonaws.com/tensorflow-inference:2.13-cpu")
                .name()).isEqualTo("tensorflow");
        assertThat(ServingPersonality.fromImage("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-server:latest").generic())
                .isTrue();
    }

    @Test
    void theInstalledAdapterHasEveryFileOfTheJar() throws IOException, URISyntaxException {
        Path shipped = Path.of(ServingAdapter.class.getResource("/hosting/local/sagemaker_serve.py").toURI()).getParent();
        Path installed = ServingAdapter.install(dir).getParent();
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".py")).toList()) {
                Path copy = installed.resolve(shipped.relativize(file).toString());
                assertThat(copy).as("the adapter file list misses " + shipped.relativize(file)).exists();
                assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(file));
            }
        }
    }
}
