package com.endpointstudio.hosting.local;

import com.endpointstudio.core.byoc.ImagePublisher;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.task.CancelToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            List<String> last = new ArrayList<>();
            // a cancel stops the docker client (the engine then stops its build or push): the read below would
            // otherwise wait for the command's end
            try (CancelToken.Registration stop = CancelToken.current().onCancel(process::destroyForcibly);
                 BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.accept(line);
                    last.add(line);
                    if (last.size() > 5) {
                        last.remove(0);
                    }
                }
            }
            CancelToken.current().throwIfCancelled();
            if (process.waitFor() != 0) {
                throw new StudioException("docker " + arguments.get(0) + " failed: " + String.join(" / ", last));
            }
        } catch (IOException e) {
            throw new StudioException("Could not run " + docker + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted during docker " + arguments.get(0));
        }
    }
}
