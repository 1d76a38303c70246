package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.error.StudioException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the Docker runtime is chosen and how it runs an image as SageMaker does. */
class DockerRuntimeTest {

    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-server:2";
    private static final DockerEngine.Status UP = new DockerEngine.Status(true, "Docker engine 27.1");
    private static final DockerEngine.Status DOWN = new DockerEngine.Status(false, "Cannot connect to the Docker daemon");

    private static ContainerSpec container(FrameworkRef framework) {
        return new ContainerSpec(IMAGE, framework, new ModelDataSpec("/models/model.tar.gz", null, null, false),
                Map.of("SAGEMAKER_PROGRAM", "inference.py"), null, null);
    }

    @Test
    void theImageRunsWithTheModelMountedReadOnlyAndItsPortOnLoopbackOnly() {
        List<String> command = DockerServing.runCommand("churn", new DockerServing.Container(IMAGE,
                Map.of("SAGEMAKER_PROGRAM", "inference.py", "A", "1")), Path.of("/data/local/churn/model"), 8411);

        assertThat(command).containsExactly("docker", "run", "--rm", "--name", "endpoint-studio-churn",
                "--publish", "127.0.0.1:8411:8080",
                "--mount", "type=bind,source=/data/local/churn/model,target=/opt/ml/model,readonly",
                "--env", "A=1", "--env", "SAGEMAKER_PROGRAM=inference.py", IMAGE, "serve");
        assertThat(DockerServing.stopCommand("churn")).containsExactly("docker", "stop", "--time", "5",
                "endpoint-studio-churn");
    }

    @Test
    void aPullThatNeedsARegistryLoginSaysHowToLogIn() {
        String hint = DockerServing.failureHint(IMAGE, List.of("Unable to find image '" + IMAGE + "' locally",
                "docker: Error response from daemon: Head \"https://...\": no basic auth credentials."));

        assertThat(hint).isEqualTo("Docker could not pull " + IMAGE + ": log in to its registry first, e.g. aws ecr "
                + "get-login-password --region eu-west-1 | docker login --username AWS --password-stdin "
                + "123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(DockerServing.failureHint(IMAGE, List.of("model loaded"))).isNull();
    }

    @Test
    void customImagesNeedDockerAndSayWhyWhenItIsMissing() {
        assertThat(new LocalRuntimes(() -> false, () -> UP).choose(container(null)))
                .isEqualTo(new DockerServing.Container(IMAGE, Map.of("SAGEMAKER_PROGRAM", "inference.py")));

        assertThatThrownBy(() -> new LocalRuntimes(() -> false, () -> DOWN).choose(container(null)))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining("custom image " + IMAGE)
                .hasMessageContaining("Docker is unavailable: Cannot connect to the Docker daemon");
    }

    @Test
    void aModelWithNeitherFrameworkNorImageIsServedByThePythonAdapterWithItsOwnHandlers() {
        ContainerSpec handlersOnly = new ContainerSpec(null, null, new ModelDataSpec("/m.tar.gz", null, null, false),
                Map.of(), null, null);
        assertThat(new LocalRuntimes(() -> true, () -> DOWN).choose(handlersOnly)).isNull();
    }

    @Test
    void frameworkImagesUseThePythonAdapterUnlessDockerIsChosenAndAnswers() {
        ContainerSpec sklearn = container(new FrameworkRef("sklearn", "1.2-1", "py3"));

        assertThat(new LocalRuntimes(() -> false, () -> UP).choose(sklearn)).isNull();
        assertThat(new LocalRuntimes(() -> true, () -> DOWN).choose(sklearn)).isNull();
        assertThat(new LocalRuntimes(() -> true, () -> UP).choose(sklearn).image()).isEqualTo(IMAGE);
    }
}
