package com.endpointstudio.core.byoc;

import com.endpointstudio.core.error.StudioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Builds a container folder into an image and pushes it to the account's ECR, where SageMaker pulls
 * it from: docker build, the repository created if missing, docker login with ECR's authorization
 * token, docker tag and push. Returns the image URI a Model's container takes.
 */
public final class ImagePublisher {

    /** ECR repository names (CreateRepository's RepositoryName pattern). */
    private static final Pattern REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** The Docker engine of this computer, through its command line. */
    public interface Docker {
        /** Null when an engine answers, else why not. */
        String unavailableReason();

        void build(Path folder, String image, Consumer<String> log);

        void login(String registry, String username, String password, Consumer<String> log);

        void tag(String source, String target, Consumer<String> log);

        void push(String image, Consumer<String> log);
    }

    /** The account's container registry. */
    public interface Registry {
        /** The repository's URI (registry/name), the repository created when it does not exist. */
        String repository(String name);

        /** A login for docker: ECR's registry host, user AWS, and a token valid for 12 hours. */
        Login login();

        record Login(String registry, String username, String password) {
        }
    }

    private final Docker docker;
    private final Registry registry;

    public ImagePublisher(Docker docker, Registry registry) {
        this.docker = docker;
        this.registry = registry;
    }

    public String publish(Path folder, String repository, String tag, Consumer<String> log) {
        if (!Files.isRegularFile(folder.resolve("Dockerfile"))) {
            throw new com.endpointstudio.core.error.ValidationException("Container folder", folder
                    + " has no Dockerfile; write one with 'endpoint-studio byoc new'");
        }
        if (repository == null || repository.length() < 2 || repository.length() > 256
                || !REPOSITORY.matcher(repository).matches()) {
            throw new com.endpointstudio.core.error.ValidationException("Repository", "'" + repository + "' is not an "
                    + "ECR repository name: lowercase letters, digits and . _ - /, 2 to 256 characters");
        }
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new com.endpointstudio.core.error.ValidationException("Tag", "'" + tag + "' is not an image tag");
        }
        String reason = docker.unavailableReason();
        if (reason != null) {
            throw new StudioException("Building an image needs a Docker engine, and none answers here (" + reason
                    + "). Build and push " + folder + " where Docker runs, or deploy it on this computer, which needs "
                    + "no Docker.");
        }
        String local = repository + ":" + tag;
        log.accept("Building " + local + " from " + folder);
        docker.build(folder, local, log);
        String remote = registry.repository(repository) + ":" + tag;
        Registry.Login login = registry.login();
        docker.login(login.registry(), login.username(), login.password(), log);
        docker.tag(local, remote, log);
        log.accept("Pushing " + remote);
        docker.push(remote, log);
        return remote;
    }
}
