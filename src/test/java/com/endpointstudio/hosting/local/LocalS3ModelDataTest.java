package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ComputeSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A Local deploy of s3:// model data: the archive (or a prefix of loose files) is taken from the local
 * bucket folder, else downloaded through the AWS connection chosen for Local hosting (moto's S3 here)
 * before the endpoint starts, and the endpoint answers boto3; with neither, the deploy fails saying why.
 */
@ExtendWith(MotoExtension.class)
class LocalS3ModelDataTest {

    @TempDir
    Path dir;

    private MotoS3 s3;
    private LocalHost host;
    private LocalHosting hosting;
    private LocalRuntimeServer server;
    private Boto3 boto3;
    private DeploymentRunner runner;

    @BeforeEach
    void start(MotoServer moto) throws Exception {
        this.s3 = new MotoS3(moto, dir.resolve(".aws"));
        moto.reset();
        try (AwsSession session = s3.session(); S3Client client = session.client(S3Client.builder())) {
            client.createBucket(b -> b.bucket("shared-models"));
            Path archive = MotoS3.namedModel(dir.resolve("churn.tar.gz"), "churn from S3");
            client.putObject(b -> b.bucket("shared-models").key("churn/model.tar.gz"), RequestBody.fromFile(archive));
            client.putObject(b -> b.bucket("shared-models").key("loose/code/inference.py"),
                    RequestBody.fromString(MotoS3.NAMED_MODEL));
            client.putObject(b -> b.bucket("shared-models").key("loose/name.txt"),
                    RequestBody.fromString("loose files"));
        }
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(60),
                Duration.ofSeconds(20));
        hosting = new LocalHosting(host, dir.resolve("local"));
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
        boto3 = new Boto3(dir, server.url());
        runner = new DeploymentRunner(hosting.hosting(), new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(50), Duration.ofMinutes(2));
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

    private DeploymentRecord deploy(String name, ModelDataSpec data, List<String> timeline) {
        ModelSpec model = new ModelSpec(name + "-model", null, List.of(new ContainerSpec("local/python",
                new FrameworkRef("custom", null, null), data, Map.of(), null, null)), null, null, false);
        DeploymentSpec spec = LocalShapesTest.spec(name, List.of(model),
                List.of(new VariantSpec("AllTraffic", name + "-model", "ml.m5.large", 1, 1)));
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        return runner.run(runner.plan(spec, "local", true), (DeploymentEvent event) -> timeline.add(event.step()
                + ": " + event.message()), CancelToken.none());
    }

    private String invoke(String endpoint) throws Exception {
        return boto3.run("""
                r = runtime.invoke_endpoint(EndpointName="%s", ContentType="text/plain", Body=b"x")
                print(r["Body"].read().decode())
                """.formatted(endpoint));
    }

    @Test
    void anArchiveAndAPrefixOfLooseFilesAreDownloadedThroughTheChosenConnection() throws Exception {
        host.readS3Through(s3);
        List<String> timeline = new ArrayList<>();
        DeploymentRecord archive = deploy("churn", new ModelDataSpec("s3://shared-models/churn/model.tar.gz", null,
                null, false), timeline);
        assertThat(archive.state()).as(String.valueOf(archive.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(timeline).anyMatch(line -> line.startsWith("Download s3://shared-models/churn/model.tar.gz"));
        assertThat(invoke("churn")).isEqualTo("churn from S3");

        DeploymentRecord loose = deploy("loose", new ModelDataSpec("s3://shared-models/loose/", null, null, true),
                new ArrayList<>());
        assertThat(loose.state()).as(String.valueOf(loose.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(invoke("loose")).isEqualTo("loose files");

        Path downloaded = dir.resolve("local/downloads/s3/shared-models/churn/model.tar.gz");
        assertThat(downloaded).isRegularFile();
        runner.rollback(archive, event -> { });
        assertThat(downloaded).as("the download goes with its Model").doesNotExist();
        assertThat(dir.resolve("local/downloads/s3/shared-models/loose/name.txt")).as("another Model's stays")
                .isRegularFile();
    }

    @Test
    void aRedeployKeepsTheDownloadWhileS3HoldsThatVersionAndDownloadsItAgainOnceItChanged() throws Exception {
        host.readS3Through(s3);
        ModelDataSpec churn = new ModelDataSpec("s3://shared-models/churn/model.tar.gz", null, null, false);
        assertThat(deploy("churn", churn, new ArrayList<>()).state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        Path downloaded = dir.resolve("local/downloads/s3/shared-models/churn/model.tar.gz");
        Object file = fileKey(downloaded);

        List<String> again = new ArrayList<>();
        DeploymentRecord second = deploy("churn-again", churn, again);
        assertThat(second.state()).as(String.valueOf(second.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(again).contains("Download s3://shared-models/churn/model.tar.gz: " + downloaded.toAbsolutePath()
                + " (on this computer already, not downloaded again)");
        assertThat(fileKey(downloaded)).as("the same file, not written again").isEqualTo(file);
        assertThat(invoke("churn-again")).isEqualTo("churn from S3");

        try (AwsSession session = s3.session(); S3Client client = session.client(S3Client.builder())) {
            client.putObject(b -> b.bucket("shared-models").key("churn/model.tar.gz"),
                    RequestBody.fromFile(MotoS3.namedModel(dir.resolve("churn-2.tar.gz"), "churn, second version")));
        }
        List<String> changed = new ArrayList<>();
        DeploymentRecord third = deploy("churn-second", churn, changed);
        assertThat(third.state()).as(String.valueOf(third.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(changed).noneMatch(line -> line.contains("not downloaded again"));
        assertThat(invoke("churn-second")).isEqualTo("churn, second version");
        assertThat(invoke("churn-again")).as("the running endpoint keeps what it unpacked").isEqualTo("churn from S3");
    }

    @Test
    void aPrefixDownloadedAgainLosesTheObjectsDeletedFromItAndKeepsTheUnchangedOnes() throws Exception {
        host.readS3Through(s3);
        try (AwsSession session = s3.session(); S3Client client = session.client(S3Client.builder())) {
            client.putObject(b -> b.bucket("shared-models").key("loose/old-weights.bin"), RequestBody.fromString("old"));
        }
        ModelDataSpec loose = new ModelDataSpec("s3://shared-models/loose/", null, null, true);
        assertThat(deploy("loose", loose, new ArrayList<>()).state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        Path folder = dir.resolve("local/downloads/s3/shared-models/loose");
        assertThat(folder.resolve("old-weights.bin")).isRegularFile();
        Object name = fileKey(folder.resolve("name.txt"));

        try (AwsSession session = s3.session(); S3Client client = session.client(S3Client.builder())) {
            client.deleteObject(b -> b.bucket("shared-models").key("loose/old-weights.bin"));
        }
        List<String> again = new ArrayList<>();
        assertThat(deploy("loose-again", loose, again).state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(folder.resolve("old-weights.bin")).as("deleted from the prefix since").doesNotExist();
        assertThat(fileKey(folder.resolve("name.txt"))).as("unchanged, not downloaded again").isEqualTo(name);
        assertThat(again).anyMatch(line -> line.endsWith("(on this computer already, not downloaded again)"));
        assertThat(invoke("loose-again")).isEqualTo("loose files");
    }

    private static Object fileKey(Path file) throws java.io.IOException {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    @Test
    void theLocalBucketFolderServesWithoutAConnectionAndNeitherFailsTheDeploySayingWhy() throws Exception {
        Path archive = MotoS3.namedModel(dir.resolve("kept.tar.gz"), "from the local bucket folder");
        host.buckets().write("s3://shared-models/kept/model.tar.gz", Files.readAllBytes(archive), null);
        DeploymentRecord kept = deploy("kept", new ModelDataSpec("s3://shared-models/kept/model.tar.gz", null, null,
                false), new ArrayList<>());
        assertThat(kept.state()).as(String.valueOf(kept.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(invoke("kept")).isEqualTo("from the local bucket folder");

        DeploymentRecord nowhere = deploy("nowhere", new ModelDataSpec("s3://shared-models/churn/model.tar.gz", null,
                null, false), new ArrayList<>());
        assertThat(nowhere.state()).isEqualTo(DeploymentRecord.State.FAILED);
        assertThat(nowhere.failure().toString()).contains("s3://shared-models/churn/model.tar.gz is not in the local "
                + "bucket folder").contains("no AWS connection is chosen").contains("Settings › Local hosting");
        assertThat(hosting.describe("nowhere")).as("nothing half-created").isEmpty();
    }

    @Test
    void anInferenceComponentsModelInS3IsDownloadedBeforeItsCopiesStart() throws Exception {
        host.readS3Through(s3);
        ModelSpec model = new ModelSpec("churn-ic-model", null, List.of(new ContainerSpec("local/python",
                new FrameworkRef("custom", null, null), new ModelDataSpec("s3://shared-models/churn/model.tar.gz", null,
                null, false), Map.of(), null, null)), null, null, false);
        DeploymentSpec spec = new DeploymentSpec(1, List.of(model), new EndpointConfigSpec("ic-config", List.of(
                new VariantSpec("AllTraffic", null, "ml.m5.xlarge", 1, 1.0, null, null,
                        new DeploymentSpec.ManagedScalingSpec(0, 1), "LEAST_OUTSTANDING_REQUESTS"))),
                new EndpointSpec("ic", Map.of()), List.of(new InferenceComponentSpec("churn-ic", "AllTraffic",
                        "churn-ic-model", new ComputeSpec(1.0, null, 128, null), 1, null)));
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        DeploymentRecord record = runner.run(runner.plan(spec, "local", true), event -> { }, CancelToken.none());
        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(boto3.run("""
                r = runtime.invoke_endpoint(EndpointName="ic", InferenceComponentName="churn-ic",
                                            ContentType="text/plain", Body=b"x")
                print(r["Body"].read().decode())
                """)).isEqualTo("churn from S3");
    }
}
