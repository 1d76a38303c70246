package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

@ExtendWith(MotoExtension.class)
class DeployCommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start(MotoServer moto) {
        moto.reset();
        services = moto.services(dir);
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
    void specNewThenDeployCreatesAnInServiceEndpointAndRefusesTakenNames(MotoServer moto) throws Exception {
        com.endpointstudio.testing.TestArchives.model(dir.resolve("model.tar.gz"), "cli");
        String spec = dir.resolve("churn.json").toString();
        assertThat(run("spec", "new", "--framework", "xgboost", "--framework-version", "1.7-1", "--model-data",
                dir.resolve("model.tar.gz").toString(), "--role", "arn:aws:iam::123456789012:role/SageMakerRole",
                "--instance-type", "ml.m5.large", "--name", "churn", "-o", spec)).isZero();

        String[] deploy = {"deploy", spec, "--profile", MotoServer.PROFILE, "--region", MotoServer.REGION,
            "--endpoint-url", moto.endpointUrl(), "--wait", "--rollback-on-failure"};
        assertThat(run(deploy)).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Upload ").contains("CreateModel churn-model").contains("CreateEndpoint churn")
                .contains("Endpoint churn is InService.");
        try (var session = services.sessions().open(moto.connection())) {
            SageMakerClient sagemaker = session.client(SageMakerClient.builder());
            assertThat(sagemaker.describeEndpoint(r -> r.endpointName("churn")).endpointStatusAsString())
                    .isEqualTo("InService");
        }

        assertThat(run(deploy)).isEqualTo(1);
        assertThat(err.toString()).contains("already exist");
        assertThat(out.toString()).contains("Rolled back");
    }

    @Test
    void anInvalidSpecIsRefusedBeforeAnyCall(MotoServer moto) throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, """
                {"specVersion": 1, "models": [{"name": "bad name!", "executionRoleArn": "nope", "networkIsolation": false,
                  "containers": [{"image": "x", "modelData": {"location": "s3://b/m.tar.gz", "uncompressed": false}}]}],
                 "endpointConfig": {"name": "c", "variants": [{"variantName": "AllTraffic", "modelName": "bad name!",
                   "instanceType": "ml.m5.large", "initialInstanceCount": 1, "initialVariantWeight": 1.0}]},
                 "endpoint": {"name": "e", "tags": {}}}
                """);
        assertThat(run("deploy", spec.toString(), "--profile", MotoServer.PROFILE, "--endpoint-url", moto.endpointUrl()))
                .as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("Model name").contains("Execution role ARN");
    }

    /** Trimmed for a look-up but sent as typed, such a type used to create the Model before CreateEndpointConfig failed. */
    @Test
    void anInstanceTypeWithSpacesIsRefusedAndNothingIsCreated(MotoServer moto) throws Exception {
        Path spec = dir.resolve("spaced.json");
        Files.writeString(spec, """
                {"specVersion": 1, "models": [{"name": "spaced-model", "networkIsolation": false,
                  "executionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
                  "containers": [{"image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310",
                                  "modelData": {"location": "s3://b/m.tar.gz", "uncompressed": false}}]}],
                 "endpointConfig": {"name": "spaced-config", "variants": [{"variantName": "AllTraffic",
                   "modelName": "spaced-model", "instanceType": " ml.m5.large ", "initialInstanceCount": 1,
                   "initialVariantWeight": 1.0}]},
                 "endpoint": {"name": "spaced", "tags": {}}}
                """);
        assertThat(run("deploy", spec.toString(), "--profile", MotoServer.PROFILE, "--region", MotoServer.REGION,
                "--endpoint-url", moto.endpointUrl())).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("Variant AllTraffic: Instance type: ' ml.m5.large ' is not valid");
        try (var session = services.sessions().open(moto.connection())) {
            assertThat(session.client(SageMakerClient.builder()).listModels().models()).isEmpty();
        }
    }
}
