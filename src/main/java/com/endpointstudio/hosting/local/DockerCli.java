package com.endpointstudio.hosting.local;

import com.endpointstudio.core.byoc.ImagePublisher;
import com.endpointstudio.core.error.StudioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** This computer's Docker engine through the docker command, its output passed on line by line. */
public final class DockerCli implements ImagePublisher.Docker {

    private final String docker;

    /** @param docker the docker command ("docker", or a path) */
    public DockerCli(String docker) {
        this.docker = docker;
    }

    @Override
    public String unavailableReason() {
        DockerEngine.Status status = DockerEngine.probe(docker);
        return status.available() ? null : status.detail();
    }

    @Override
    public void build(Path folder, String image, Consumer<String> log) {
        run(List.of("build", "-t", image, folder.toString()), null, log);
    }

    @Override
    public void login(String registry, String username, String password, Consumer<String> log) {
        // the password goes on standard input, never on a command line others can read
        run(List.of("login", "--username", username, "--password-stdin", registry), password, log);
    }

    @Override
    public void tag(String source, String target, Consumer<String> log) {
        run(List.of("tag", source, target), null, log);
    }

    @Override
    public void push(String image, Consumer<String> log) {
        run(List.of("push", image), null, log);
    }

    private void run(List<String> arguments, String input, Consumer<String> log) {
        List<String> command = new ArrayList<>(List.of(docker));
        command.addAll(arguments);
        ToolCommand.Result result;
        try {
            // a cancel stops the docker client; the engine then stops its build or push
            result = ToolCommand.streamed(new ProcessBuilder(command), input, log, 5);
        } catch (IOException e) {
            throw new StudioException("Could not run " + docker + ": " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new StudioException("docker " + arguments.get(0) + " failed: " + String.join(" / ", result.lines()));
        }
    }
}
