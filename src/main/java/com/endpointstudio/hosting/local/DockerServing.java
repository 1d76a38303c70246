package com.endpointstudio.hosting.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Docker runtime's command lines: the endpoint's image run as SageMaker runs it — the model
 * folder mounted read-only at /opt/ml/model, the container's environment, the {@code serve}
 * argument — with its port 8080 published on the loopback interface only.
 */
public final class DockerServing {

    /** SageMaker's containers listen on 8080. */
    public static final int CONTAINER_PORT = 8080;

    /** @param environment the container's environment, as in the Model's ContainerDefinition */
    public record Container(String image, Map<String, String> environment) {
        public Container {
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    private DockerServing() {
    }

    /** One container per endpoint, so a stale one from a crashed studio can be found and removed. */
    public static String containerName(String endpointName) {
        return "endpoint-studio-" + endpointName;
    }

    public static List<String> runCommand(String endpointName, Container container, Path modelDir, int port) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--name", containerName(endpointName),
                "--publish", "127.0.0.1:" + port + ":" + CONTAINER_PORT,
                "--mount", "type=bind,source=" + modelDir.toAbsolutePath() + ",target=/opt/ml/model,readonly"));
        new TreeMap<>(container.environment()).forEach((key, value) -> {
            command.add("--env");
            command.add(key + "=" + value);
        });
        command.add(container.image());
        command.add("serve");
        return command;
    }

    public static List<String> stopCommand(String endpointName) {
        return List.of("docker", "stop", "--time", "5", containerName(endpointName));
    }

    public static List<String> removeCommand(String endpointName) {
        return List.of("docker", "rm", "--force", containerName(endpointName));
    }

    /** A sentence for the failures users meet first: an image that can't be pulled, an engine that's gone. */
    public static String failureHint(String image, List<String> log) {
        String text = String.join("\n", log).toLowerCase(java.util.Locale.ROOT);
        if (text.contains("no basic auth credentials") || text.contains("pull access denied")
                || text.contains("authorization token has expired")) {
            String registry = image.contains("/") ? image.substring(0, image.indexOf('/')) : image;
            String region = registry.matches(".*\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com.*")
                    ? registry.replaceAll(".*\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com.*", "$1") : "REGION";
            return "Docker could not pull " + image + ": log in to its registry first, e.g. aws ecr get-login-password"
                    + " --region " + region + " | docker login --username AWS --password-stdin " + registry;
        }
        if (text.contains("cannot connect to the docker daemon") || text.contains("is the docker daemon running")) {
            return "The Docker engine stopped answering; start Docker and then start the endpoint again.";
        }
        if (text.contains("port is already allocated") || text.contains("address already in use")) {
            return "The endpoint's port is taken by another program; delete the endpoint and deploy it again to get a free port.";
        }
        return null;
    }
}
