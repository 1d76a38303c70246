package com.endpointstudio.hosting.local;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
            Optional<ToolCommand.Result> answer = ToolCommand.answer(List.of(command, "version", "--format",
                    "{{.Server.Version}}"), Duration.ofSeconds(10));
            if (answer.isEmpty()) {
                return new Status(false, "the Docker engine did not answer within 10 s");
            }
            String out = answer.get().output().strip();
            if (answer.get().succeeded() && !out.isEmpty()) {
                return new Status(true, "Docker engine " + out.lines().findFirst().orElse(out));
            }
            String reason = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("docker version failed");
            return new Status(false, reason);
        } catch (IOException e) {
            // ProcessBuilder.start's refusal names the program; any other failure (the temporary file that
            // takes the answer) is said as it is, not taken for a missing docker
            String message = String.valueOf(e.getMessage());
            return new Status(false, message.startsWith("Cannot run program")
                    ? "Docker is not installed (no docker command on the PATH)"
                    : "docker could not be asked: " + message);
        }
    }
}
