package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecNewCommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void imageUriPrintsWhatImageUrisRetrieveWould() {
        assertThat(run("image-uri", "--framework", "pytorch", "--framework-version", "2.1", "--region", "cn-north-1",
                "--instance-type", "ml.g5.xlarge")).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-inference:2.1-gpu-py310");

        assertThat(run("image-uri", "--framework", "sklearn", "--framework-version", "1.2-1", "--region", "us-east-1",
                "--instance-type", "ml.g5.xlarge")).isEqualTo(2);
        assertThat(err.toString()).contains("Instance type");
    }

    @Test
    void specNewWritesARealTimeSpecThatExportsAndValidates() throws Exception {
        Path artifact = com.endpointstudio.testing.TestArchives.model(dir.resolve("model.tar.gz"), "new");
        Path specFile = dir.resolve("specs/churn.json");
        Files.createDirectories(specFile.getParent());
        int code = run("spec", "new", "--framework", "sklearn", "--framework-version", "1.2-1",
                "--model-data", artifact.toString(), "--role", "arn:aws:iam::123456789012:role/SageMakerRole",
                "--instance-type", "ml.m5.large", "--name", "churn", "--region", "eu-west-1", "-o", specFile.toString());
        assertThat(code).as(err.toString()).isZero();

        DeploymentSpec spec = SpecFiles.read(specFile);
        assertThat(spec.endpoint().name()).isEqualTo("churn");
        assertThat(spec.models().get(0).containers().get(0).image())
                .isEqualTo("141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");
        assertThat(spec.models().get(0).containers().get(0).environment()).containsEntry("SAGEMAKER_REGION", "eu-west-1");

        assertThat(run("export", specFile.toString(), "--as", "cli")).isZero();
        assertThat(out.toString()).contains("aws sagemaker create-model").contains("churn-model");

        assertThat(run("spec", "new", "--framework", "sklearn", "--framework-version", "1.2-1", "--model-data",
                artifact.toString(), "--role", "not-an-arn", "--instance-type", "ml.m5.large", "--name", "churn",
                "-o", dir.resolve("bad.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Execution role ARN");
        assertThat(dir.resolve("bad.json")).doesNotExist();
    }

    @Test
    void specNewSetsSagemakerProgramToTheArchivesEntryPoint() throws Exception {
        Path artifact = com.endpointstudio.testing.TestArchives.model(dir.resolve("model.tar.gz"), "entry");
        String[] base = {"spec", "new", "--framework-version", "1.2-1", "--model-data", artifact.toString(), "--role",
                "arn:aws:iam::123456789012:role/SageMakerRole", "--instance-type", "ml.m5.large", "--name", "churn"};
        Path specFile = dir.resolve("serve.json");
        assertThat(run(concat(base, "--framework", "sklearn", "--entry-point", "serve.py", "-o", specFile.toString())))
                .as(err.toString()).isZero();
        assertThat(SpecFiles.read(specFile).models().get(0).containers().get(0).environment())
                .containsEntry("SAGEMAKER_PROGRAM", "serve.py").containsEntry("SAGEMAKER_SUBMIT_DIRECTORY", "/opt/ml/model/code");

        assertThat(run(concat(base, "--framework", "sklearn", "--entry-point", "serve", "-o", path("x.json"))))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--entry-point").contains("ending in .py");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
