package com.endpointstudio.cli;

import com.endpointstudio.core.byoc.ContainerTemplate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Bring your own container: a container folder for a library SageMaker has no image for. */
@Command(name = "byoc", mixinStandardHelpOptions = true,
        description = "Bring your own container: write an inference container for a library SageMaker has no "
                + "image for, and push its image to ECR.", subcommands = {ByocCommand.New.class, ByocCommand.Push.class})
public final class ByocCommand {

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Write a container folder in the layout of SageMaker's own example: Dockerfile, "
                    + "requirements.txt and program/ with nginx.conf, serve, wsgi.py, predictor.py, scoring.py "
                    + "(and train with --train).",
                "Deploy it on this computer with its folder as the image (no Docker needed), or build and push it."})
    public static final class New implements Callable<Integer> {

        @Option(names = "--library", required = true, paramLabel = "NAME",
                description = "The pip package the model runs on (spacy, scikit-learn, lightgbm, …).")
        String library;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "An empty folder.")
        Path output;

        @Option(names = "--train", description = "Also write program/train (spaCy and scikit-learn).")
        boolean train;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String> written = ContainerTemplate.write(output, library, train);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote a container for " + library + " in " + output + ":");
            written.forEach(file -> out.println("  " + file));
            out.flush();
            return 0;
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = {"Build a container folder with Docker and push the image to the account's ECR (the "
                    + "repository is created when missing); print its URI, and with --spec put it in a spec's "
                    + "custom-image containers.", "Needs a Docker engine; Local hosting runs the folder without one."})
    public static final class Push implements Callable<Integer> {

        private final com.endpointstudio.app.StudioServices services;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "DIR", description = "The container folder.")
        Path folder;

        @Option(names = "--repository", required = true, paramLabel = "NAME", description = "The ECR repository.")
        String repository;

        @Option(names = "--tag", defaultValue = "latest", paramLabel = "TAG", description = "The image tag (latest).")
        String tag;

        @Option(names = "--spec", paramLabel = "SPEC.json",
                description = "A spec whose custom-image containers take the pushed image.")
        Path specFile;

        @Option(names = "--docker", defaultValue = "docker", paramLabel = "COMMAND",
                description = "The docker command (docker, or a compatible one such as podman).")
        String docker;

        @picocli.CommandLine.Mixin
        AwsOptions aws;

        @Spec
        CommandSpec spec;

        public Push(com.endpointstudio.app.StudioServices services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            com.endpointstudio.core.deploy.DeploymentSpec target = specFile == null ? null
                    : com.endpointstudio.core.deploy.SpecFiles.read(specFile);
            if (target != null && target.models().stream().flatMap(m -> m.containers().stream())
                    .noneMatch(c -> c.framework() == null)) {
                throw new com.endpointstudio.core.error.ValidationException("--spec", specFile
                        + " has no custom-image container to take the image");
            }
            String uri;
            try (var session = services.sessions().open(aws.connection())) {
                uri = new com.endpointstudio.core.byoc.ImagePublisher(new com.endpointstudio.hosting.local.DockerCli(
                        docker), new com.endpointstudio.hosting.aws.AwsContainerRegistry(session))
                        .publish(folder, repository, tag, line -> {
                            out.println(line);
                            out.flush();
                        });
            }
            out.println("Pushed " + uri);
            if (target != null) {
                com.endpointstudio.core.deploy.SpecFiles.write(specFile, withImage(target, uri));
                out.println("Set the image of " + specFile + "'s custom containers to " + uri);
            }
            out.flush();
            return 0;
        }

        private static com.endpointstudio.core.deploy.DeploymentSpec withImage(
                com.endpointstudio.core.deploy.DeploymentSpec spec, String uri) {
            var models = spec.models().stream().map(m -> new com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec(
                    m.name(), m.executionRoleArn(), m.containers().stream().map(c -> c.framework() != null ? c
                    : new com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec(uri, null, c.modelData(),
                    c.environment(), c.hostname(), c.mode())).toList(), m.inferenceExecutionMode(), m.vpc(),
                    m.networkIsolation())).toList();
            return new com.endpointstudio.core.deploy.DeploymentSpec(spec.specVersion(), models, spec.endpointConfig(),
                    spec.endpoint());
        }
    }
}
