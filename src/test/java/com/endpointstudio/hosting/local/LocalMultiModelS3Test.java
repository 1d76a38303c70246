package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.doctor.ModelContents;
import com.endpointstudio.core.doctor.ModelDataReader;
import com.endpointstudio.core.endpoints.MultiModelEndpoints;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Local multi-model endpoint whose model data is an s3:// prefix: each TargetModel comes from the
 * local bucket folder when it holds it, else it is downloaded on its first call from the S3 (moto's) of
 * the AWS connection chosen for Local hosting; with none chosen, or no object, it is SageMaker's error.
 */
@ExtendWith(MotoExtension.class)
class LocalMultiModelS3Test {

    @TempDir
    Path dir;

    private LocalHost host;
    private LocalHosting hosting;
    private LocalRuntimeServer server;
    private Boto3 boto3;
    private MotoS3 s3;

    @BeforeEach
    void deploy(MotoServer moto) throws Exception {
        this.s3 = new MotoS3(moto, dir.resolve(".aws"));
        moto.reset();
        try (AwsSession session = s3.session(); S3Client client = session.client(S3Client.builder())) {
            client.createBucket(b -> b.bucket("team-models"));
            for (String name : List.of("alpha", "gamma")) {
                Path archive = MotoS3.namedModel(dir.resolve(name + ".tar.gz"), name);
                client.putObject(b -> b.bucket("team-models").key("churn/" + name + ".tar.gz"),
                        RequestBody.fromFile(archive));
            }
        }
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(60),
                Duration.ofSeconds(20));
        host.readS3Through(s3);
        Path beta = MotoS3.namedModel(dir.resolve("beta.tar.gz"), "beta");
        host.buckets().write("s3://team-models/churn/beta.tar.gz", Files.readAllBytes(beta), null);
        hosting = new LocalHosting(host, dir.resolve("local"));
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
        boto3 = new Boto3(dir, server.url());

        ModelSpec model = new ModelSpec("churn-models", null, List.of(new ContainerSpec("local/python",
                new FrameworkRef("custom", null, null), new ModelDataSpec("s3://team-models/churn/", null, null, false),
                Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", "1"), null, "MultiModel")), null, null, false);
        DeploymentSpec spec = LocalShapesTest.spec("churn", List.of(model),
                List.of(new VariantSpec("AllTraffic", "churn-models", "ml.m5.large", 1, 1)));
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        DeploymentRunner runner = new DeploymentRunner(hosting.hosting(), new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(50), Duration.ofMinutes(2));
        DeploymentRecord record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private String invoke(String target) throws Exception {
        return boto3.run("""
                try:
                    r = runtime.invoke_endpoint(EndpointName="churn", ContentType="text/plain",
                                                TargetModel="%s", Body=b"x")
                    print(r["Body"].read().decode())
                except runtime.exceptions.ValidationError as e:
                    print(e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"])
                """.formatted(target));
    }

    @Test
    void modelsComeFromTheLocalBucketFolderOrAreDownloadedThroughTheChosenConnection() throws Exception {
        assertThat(invoke("alpha.tar.gz")).isEqualTo("alpha");
        assertThat(invoke("beta.tar.gz")).isEqualTo("beta");
        assertThat(host.logTail("churn", 200)).anyMatch(line -> line.contains(
                "Downloading s3://team-models/churn/alpha.tar.gz through the connection moto"))
                .noneMatch(line -> line.contains("churn/beta.tar.gz through"));
        assertThat(hosting.loadedModels("churn")).extracting(m -> m.targetModel())
                .containsExactlyInAnyOrder("alpha.tar.gz", "beta.tar.gz");
        try (var files = Files.walk(dir.resolve("local"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("model.tar.gz")))
                    .as("the downloaded archive is not kept once unpacked").isEmpty();
        }

        var details = hosting.describe("churn").orElseThrow();
        assertThat(MultiModelEndpoints.prefix(details)).contains("s3://team-models/churn/");
        assertThat(MultiModelEndpoints.models(details, hosting)).containsExactly("alpha.tar.gz", "beta.tar.gz",
                "gamma.tar.gz");
        Path delta = MotoS3.namedModel(dir.resolve("delta.tar.gz"), "delta");
        assertThat(MultiModelEndpoints.add(details, delta, hosting, ProgressListener.NONE, CancelToken.none()))
                .isEqualTo("delta.tar.gz");
        assertThat(host.buckets().exists("s3://team-models/churn/delta.tar.gz")).as("added to the local bucket folder")
                .isTrue();
        assertThat(invoke("delta.tar.gz")).isEqualTo("delta");
        Path otherGamma = MotoS3.namedModel(dir.resolve("other/gamma.tar.gz"), "not gamma");
        assertThatThrownBy(() -> MultiModelEndpoints.add(details, otherGamma, hosting, ProgressListener.NONE,
                CancelToken.none()))
                .hasMessageContaining("s3://team-models/churn/gamma.tar.gz is already a model in S3");
        assertThat(host.buckets().exists("s3://team-models/churn/gamma.tar.gz")).as("nothing hides it").isFalse();
        assertThat(invoke("gamma.tar.gz")).isEqualTo("gamma");
    }

    @Test
    void theDeployDoctorReadsThePrefixAsTheEndpointWill() {
        var models = new ModelDataReader(hosting).read("s3://team-models/churn/", true, ProgressListener.NONE,
                CancelToken.none());
        assertThat(models).extracting(ModelContents::label).allSatisfy(label -> assertThat(label).containsAnyOf(
                "alpha.tar.gz", "beta.tar.gz", "gamma.tar.gz")).hasSize(3);
        assertThat(models).allSatisfy(model -> assertThat(model.contents().files()).containsKeys("code/inference.py",
                "name.txt"));
    }

    @Test
    void aModelNowhereOrWithNoConnectionChosenIsSageMakersValidationError() throws Exception {
        assertThat(invoke("missing.tar.gz")).startsWith("400 Failed to download model data(bucket: team-models, "
                + "key: churn/missing.tar.gz). Please ensure that there is an object located at the URL");

        host.readS3Through(S3ModelDataSource.none());
        assertThat(invoke("gamma.tar.gz")).startsWith("400 Failed to download model data(bucket: team-models, "
                + "key: churn/gamma.tar.gz)");
        assertThat(invoke("beta.tar.gz")).as("the local bucket folder still serves").isEqualTo("beta");
        host.readS3Through(s3);
        assertThat(invoke("gamma.tar.gz")).isEqualTo("gamma");
    }
}
