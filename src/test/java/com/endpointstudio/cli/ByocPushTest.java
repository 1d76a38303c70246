package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * `byoc push` against moto's ECR. No Docker engine runs on the machines the tests run on, so the
 * engine is played by a stand-in docker command that records what it is asked; without an engine
 * the command says so.
 */
@ExtendWith(MotoExtension.class)
class ByocPushTest {

    /** Answers `docker version` like an engine, records every other call and the password given on stdin. */
    private static final String STAND_IN = """
            #!/usr/bin/env bash
            if [ "$1" = version ]; then echo 28.2.2; exit 0; fi
            echo "docker $*" >> "$(dirname "$0")/calls.log"
            if [ "$1" = login ]; then echo "password: $(cat)" >> "$(dirname "$0")/calls.log"; fi
            echo "done: $1"
            """;

    @TempDir
    Path dir;

    private StudioServices services;
    private MotoServer moto;

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        services = moto.services(dir);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void theImageIsBuiltPushedToANewRepositoryAndPutInTheSpec() throws Exception {
        Path docker = Files.createDirectories(dir.resolve("bin")).resolve("docker");
        Files.writeString(docker, STAND_IN);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path container = dir.resolve("container");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(services, new PrintWriter(out), new PrintWriter(err), "byoc", "new", "--library", "spacy",
                "-o", container.toString())).isZero();
        Path spec = dir.resolve("spec.json");
        SpecFiles.write(spec, TestSpecs.hard("nlp", "s3://models/nlp/model.tar.gz"));
        var custom = SpecFiles.read(spec);
        SpecFiles.write(spec, new com.endpointstudio.core.deploy.DeploymentSpec(1, java.util.List.of(
                new com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec(custom.models().get(0).name(), TestSpecs.ROLE,
                        java.util.List.of(new com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec("placeholder:1",
                                null, custom.models().get(0).containers().get(0).modelData(), java.util.Map.of(), null,
                                null)), null, null, false)), custom.endpointConfig(), custom.endpoint()));

        out = new StringWriter();
        err = new StringWriter();
        int code = Cli.run(services, new PrintWriter(out), new PrintWriter(err), "byoc", "push", container.toString(),
                "--repository", "team/spacy-ner", "--tag", "v1", "--spec", spec.toString(), "--docker", docker.toString(),
                "--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url", moto.endpointUrl());

        assertThat(code).as(err.toString()).isZero();
        String uri;
        try (var session = services.sessions().open(moto.connection()); EcrClient ecr = session.client(EcrClient.builder())) {
            uri = ecr.describeRepositories(r -> r.repositoryNames("team/spacy-ner")).repositories().get(0).repositoryUri()
                    + ":v1";
        }
        assertThat(out.toString()).contains("Building team/spacy-ner:v1 from " + container).contains("Pushed " + uri);
        String calls = Files.readString(docker.getParent().resolve("calls.log"));
        String registry = uri.substring(0, uri.indexOf('/'));
        assertThat(calls.lines()).containsExactly(
                "docker build -t team/spacy-ner:v1 " + container,
                "docker login --username AWS --password-stdin " + registry,
                calls.lines().toList().get(2),
                "docker tag team/spacy-ner:v1 " + uri,
                "docker push " + uri);
        assertThat(calls.lines().toList().get(2)).startsWith("password: ").hasSizeGreaterThan("password: ".length());
        assertThat(SpecFiles.read(spec).models().get(0).containers().get(0).image()).isEqualTo(uri);
    }

    @Test
    void withoutADockerEngineItSaysSoAndCreatesNothing() throws Exception {
        Path container = dir.resolve("container");
        Cli.run(services, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "byoc", "new",
                "--library", "lightgbm", "-o", container.toString());
        StringWriter err = new StringWriter();
        int code = Cli.run(services, new PrintWriter(new StringWriter()), new PrintWriter(err), "byoc", "push",
                container.toString(), "--repository", "lgbm", "--docker", dir.resolve("no-docker-here").toString(),
                "--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url", moto.endpointUrl());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Building an image needs a Docker engine, and none answers here")
                .contains("deploy it on this computer, which needs no Docker");
        try (var session = services.sessions().open(moto.connection()); EcrClient ecr = session.client(EcrClient.builder())) {
            assertThat(ecr.describeRepositories().repositories()).isEmpty();
        }
    }
}
