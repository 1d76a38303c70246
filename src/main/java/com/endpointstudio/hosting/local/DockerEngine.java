package com.endpointstudio.hosting.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Whether a Docker engine answers on this computer, and if not, why (for the Docker runtime option). */
public final class DockerEngine {

    /** @param detail the engine's version when available, else the reason it is not */
    public record Status(boolean available, String detail) {
    }

    private DockerEngine() {
    }

    public static Status probe() {
        return probe("docker");
    }

    /** @param command the docker command to ask ("docker", or a path to it) */
    public static Status probe(String command) {
        try {
            Process docker = new ProcessBuilder(command, "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).start();
            docker.getOutputStream().close();
            if (!docker.waitFor(10, TimeUnit.SECONDS)) {
                docker.destroyForcibly();
                return new Status(false, "the Docker engine did not answer within 10 s");
            }
            String out = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (docker.exitValue() == 0 && !out.isEmpty()) {
                return new Status(true, "Docker engine " + out.lines().findFirst().orElse(out));
            }
            String reason = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("docker version failed");
            return new Status(false, reason);
        } catch (IOException e) {
            return new Status(false, "Docker is not installed (no docker command on the PATH)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, "interrupted");
        }
    }
}
