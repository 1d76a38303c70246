package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path home;

    private StudioServices services;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        services = new StudioServices(StudioPaths.under(home.resolve("studio")),
                MotoServer.awsEnvironment(home.resolve(".aws")));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int run(String... args) {
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path save(DeploymentSpec spec) {
        Path file = home.resolve("specs/" + spec.endpoint().name() + ".json");
        SpecFiles.write(file, spec);
        return file;
    }

    @Test
    void printsTheBoto3ScriptOnStandardOutput() {
        Path spec = save(TestSpecs.simple("cli-boto3"));

        int code = run("export", spec.toString(), "--as", "boto3");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("#!/usr/bin/env python3")
                .contains("sagemaker.create_model(", "ModelName=\"cli-boto3-model\"", "EndpointName=\"cli-boto3\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void writesTheCliScriptToAFileWithLocalDataResolvedAgainstTheSpecFolder() throws IOException {
        Path specs = Files.createDirectories(home.resolve("specs"));
        com.endpointstudio.testing.TestArchives.model(specs.resolve("artifacts/model.tar.gz"), "cli");
        Path spec = save(TestSpecs.hard("cli-file", "artifacts/model.tar.gz"));
        Path target = home.resolve("out/deploy.sh");

        int code = run("export", spec.toString(), "--as", "CLI", "-o", target.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Wrote AWS CLI commands (bash) to " + target);
        assertThat(Files.readString(target)).startsWith("#!/usr/bin/env bash")
                .contains("upload_file '" + specs.resolve("artifacts/model.tar.gz") + "'")
                .contains("aws sagemaker create-endpoint \\");
    }

    @Test
    void printsTheCloudFormationTemplate() {
        Path spec = save(TestSpecs.simple("cli-cfn"));

        assertThat(run("export", spec.toString(), "--as", "cloudformation")).isZero();
        assertThat(out.toString()).contains("\"AWS::SageMaker::Endpoint\"", "\"EndpointName\" : \"cli-cfn\"");
    }

    @Test
    void aMissingSpecFileFailsWithItsName() {
        Path missing = home.resolve("missing.json");

        int code = run("export", missing.toString(), "--as", "boto3");

        assertThat(code).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("error: The deployment spec " + missing + " does not exist");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownFormatIsBadInputListingTheFormats() {
        Path spec = save(TestSpecs.simple("cli-bad-format"));

        int code = run("export", spec.toString(), "--as", "pulumi");

        assertThat(code).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("'pulumi' is not an export format; use one of boto3, cli, cloudformation, sagemaker-sdk, cdk-ts, "
                + "cdk-py, terraform");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anInvalidSpecIsBadInputNamingTheFieldAndNothingIsExported() {
        DeploymentSpec valid = TestSpecs.simple("cli-invalid");
        Path spec = save(new DeploymentSpec(1, valid.models(), valid.endpointConfig(),
                new DeploymentSpec.EndpointSpec("not_valid", valid.endpoint().tags())));

        int code = run("export", spec.toString(), "--as", "cli");

        assertThat(code).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("Endpoint name: 'not_valid' is not valid");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDamagedSpecFileFailsWithTheLine() throws IOException {
        Path spec = Files.writeString(home.resolve("damaged.json"), "{\n\"specVersion\": 1,\n\"models\": [,]\n}");

        int code = run("export", spec.toString(), "--as", "boto3");

        assertThat(code).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains(spec + " is not valid JSON (line 3");
    }
}
