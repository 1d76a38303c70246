package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRecord.StepKind;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestArchives;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Local model data reaches S3 under a key named by its content: against moto, reading the objects
 * back, two models never share bytes they don't both have, and nothing already in S3 is replaced.
 */
@ExtendWith(MotoExtension.class)
class ContentAddressedUploadTest {

    private static final String BUCKET = "sagemaker-us-east-1-" + MotoServer.ACCOUNT;

    @TempDir
    Path dir;

    private AwsSession session;
    private DeploymentRunner runner;
    private SageMakerClient sagemaker;
    private final List<DeploymentEvent> events = new ArrayList<>();

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        runner = new DeploymentRunner(AwsHosting.of(session), new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(50), Duration.ofMinutes(1));
        sagemaker = session.client(SageMakerClient.builder());
    }

    @AfterEach
    void close() {
        sagemaker.close();
        session.close();
    }

    private DeploymentRecord deploy(DeploymentSpec spec, boolean wait) {
        return runner.run(runner.plan(spec, "moto", wait), events::add, CancelToken.none());
    }

    private static DeploymentSpec spec(String name, ModelDataSpec data) {
        DeploymentSpec simple = TestSpecs.simple(name);
        ModelSpec model = simple.models().get(0);
        ContainerSpec container = model.containers().get(0);
        return new DeploymentSpec(1, List.of(new ModelSpec(model.name(), model.executionRoleArn(), List.of(
                new ContainerSpec(container.image(), container.framework(), data, container.environment(), null, null)),
                null, null, false)), simple.endpointConfig(), simple.endpoint());
    }

    private static ModelDataSpec local(Path path) {
        return new ModelDataSpec(path.toString(), null, null, false);
    }

    private String modelDataUrl(String model) {
        return sagemaker.describeModel(r -> r.modelName(model)).primaryContainer().modelDataUrl();
    }

    private byte[] object(String url) {
        String key = url.substring(("s3://" + BUCKET + "/").length());
        return session.s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
    }

    private List<String> keys() {
        return session.s3().listObjectsV2(r -> r.bucket(BUCKET)).contents().stream().map(o -> o.key()).sorted().toList();
    }

    @Test
    void twoEndpointsFromDifferentArchivesOfTheSameNameEachKeepTheirOwnBytes() throws Exception {
        Path first = TestArchives.model(dir.resolve("one/model.tar.gz"), "one");
        Path second = TestArchives.model(dir.resolve("two/model.tar.gz"), "two");

        assertThat(deploy(spec("first", local(first)), true).state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(deploy(spec("second", local(second)), true).state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);

        String firstUrl = modelDataUrl("first-model");
        String secondUrl = modelDataUrl("second-model");
        assertThat(firstUrl).isEqualTo("s3://" + BUCKET + "/endpoint-studio/" + TestArchives.sha256(first)
                + "/model.tar.gz");
        assertThat(secondUrl).isNotEqualTo(firstUrl).endsWith("/" + TestArchives.sha256(second) + "/model.tar.gz");
        assertThat(object(firstUrl)).isEqualTo(Files.readAllBytes(first));
        assertThat(object(secondUrl)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void redeployingIdenticalBytesUploadsNothing() throws Exception {
        Path archive = TestArchives.model(dir.resolve("model.tar.gz"), "same");
        Path copy = Files.copy(archive, Files.createDirectories(dir.resolve("elsewhere")).resolve("model.tar.gz"));
        deploy(spec("first", local(archive)), true);
        events.clear();

        DeploymentRecord again = deploy(spec("again", local(copy)), true);

        assertThat(again.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("already there, not uploaded again"));
        assertThat(keys()).containsExactly("endpoint-studio/" + TestArchives.sha256(archive) + "/model.tar.gz");
        assertThat(modelDataUrl("again-model")).isEqualTo(modelDataUrl("first-model"));
    }

    @Test
    void anObjectAtTheKeyHoldingOtherBytesIsNeverReplacedAndNothingIsCreated() throws Exception {
        Path archive = TestArchives.model(dir.resolve("model.tar.gz"), "mine");
        String key = "endpoint-studio/" + TestArchives.sha256(archive) + "/model.tar.gz";
        session.s3().createBucket(r -> r.bucket(BUCKET));
        byte[] theirs = "someone else's bytes".getBytes();
        session.s3().putObject(r -> r.bucket(BUCKET).key(key).metadata(Map.of("sha256", "0".repeat(64))),
                RequestBody.fromBytes(theirs));

        DeploymentRecord record = deploy(spec("clash", local(archive)), true);

        assertThat(record.state()).isEqualTo(DeploymentRecord.State.FAILED);
        assertThat(record.failure().message()).contains("already holds other bytes").contains("never replaces");
        assertThat(session.s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(theirs);
        assertThat(sagemaker.listModels().models()).isEmpty();
    }

    @Test
    void aLocalFolderIsPackedIntoModelTarGzUnderItsDigest() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("my-model/code"));
        Files.writeString(folder.resolve("inference.py"), "def model_fn(d):\n    return d\n");
        Files.writeString(folder.getParent().resolve("model.txt"), "weights\n");

        DeploymentRecord record = deploy(spec("packed", local(folder.getParent())), true);

        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        String url = modelDataUrl("packed-model");
        assertThat(url).matches("s3://" + BUCKET + "/endpoint-studio/[0-9a-f]{64}/model\\.tar\\.gz");
        Map<String, String> entries = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new ByteArrayInputStream(object(url))))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), new String(tar.readAllBytes()));
                }
            }
        }
        assertThat(entries).containsOnlyKeys("code/inference.py", "model.txt").containsEntry("model.txt", "weights\n");
    }

    @Test
    void anUncompressedFolderGoesUnderItsDigestAsLooseFiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("loose/weights"));
        Files.writeString(folder.resolve("w.bin"), "ten bytes!");
        Files.writeString(folder.getParent().resolve("config.json"), "{}");

        DeploymentRecord record = deploy(spec("loose", new ModelDataSpec(folder.getParent().toString(), null, null,
                true)), true);

        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        var source = sagemaker.describeModel(r -> r.modelName("loose-model")).primaryContainer().modelDataSource()
                .s3DataSource();
        assertThat(source.compressionTypeAsString()).isEqualTo("None");
        String prefix = source.s3Uri().substring(("s3://" + BUCKET + "/").length());
        assertThat(prefix).matches("endpoint-studio/[0-9a-f]{64}/");
        assertThat(keys()).containsExactly(prefix + "config.json", prefix + "weights/w.bin");
    }

    @Test
    void httpsModelDataIsPassedOnAsItIs() {
        String url = "https://models-bucket.s3.us-east-1.amazonaws.com/churn/model.tar.gz";

        DeploymentRecord record = deploy(spec("remote", new ModelDataSpec(url, null, null, false)), true);

        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(record.steps()).extracting(DeploymentRecord.Step::kind).doesNotContain(StepKind.UPLOAD);
        assertThat(modelDataUrl("remote-model")).isEqualTo(url);
    }

    @Test
    void autoscalingIsAppliedOnceInServiceAlsoWhenNotAskedToWait() {
        DeploymentSpec simple = TestSpecs.simple("scaled");
        VariantSpec variant = simple.endpointConfig().variants().get(0);
        DeploymentSpec scaled = new DeploymentSpec(1, simple.models(), new EndpointConfigSpec(
                simple.endpointConfig().name(), List.of(new VariantSpec(variant.variantName(), variant.modelName(),
                variant.instanceType(), 1, 1.0, null, new AutoScalingSpec(1, 3, 50, 300, 60)))), simple.endpoint());

        DeploymentRecord record = deploy(scaled, false);

        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(record.steps()).extracting(DeploymentRecord.Step::kind).endsWith(StepKind.WAIT, StepKind.AUTOSCALING);
        try (ApplicationAutoScalingClient scaling = session.client(ApplicationAutoScalingClient.builder())) {
            assertThat(scaling.describeScalableTargets(b -> b.serviceNamespace("sagemaker")
                    .resourceIds("endpoint/scaled/variant/AllTraffic")).scalableTargets())
                    .singleElement().satisfies(t -> assertThat(t.maxCapacity()).isEqualTo(3));
        }
    }
}
