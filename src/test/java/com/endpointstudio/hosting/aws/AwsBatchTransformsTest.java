package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.hosting.BatchTransforms;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.instance.CostEstimate;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformCost;
import com.endpointstudio.core.transform.TransformEvent;
import com.endpointstudio.core.transform.TransformJobDescription;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ModelClientSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import com.endpointstudio.core.transform.TransformRun;
import com.endpointstudio.core.transform.TransformRunner;
import com.endpointstudio.core.transform.TransformValidator;
import com.endpointstudio.core.deploy.upload.ContentDigest;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestArchives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Batch transform over the real SDK, against moto server: create, describe, list, logs, outputs. */
@ExtendWith(MotoExtension.class)
class AwsBatchTransformsTest {

    private static final String IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    private static final String ROLE = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/SageMakerExecution";

    @TempDir
    Path dir;

    private AwsSession session;
    private Hosting hosting;
    private BatchTransforms transforms;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        hosting = AwsHosting.of(session);
        transforms = hosting.transforms();
        session.s3().createBucket(b -> b.bucket("data"));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static ModelSpec model(String location) {
        return new ModelSpec("churn-model", ROLE, List.of(new ContainerSpec(IMAGE, new FrameworkRef("sklearn", "1.2-1",
                "py3"), new ModelDataSpec(location, null, null, false), Map.of("SAGEMAKER_PROGRAM", "inference.py"),
                null, null)), null, null, false);
    }

    /** Every member of CreateTransformJob the studio sets. */
    private static TransformJobSpec everything(String input) {
        return new TransformJobSpec("churn-scores", "churn-model",
                new InputSpec(input, "S3Prefix", "text/csv", "Gzip", "Line"), "MultiRecord", 10, 4,
                new OutputSpec("s3://data/results/", "text/csv", "Line", "alias/results"),
                new DataProcessingSpec("$[1:]", "Input", "$[0,-1]"),
                new ResourcesSpec("ml.m5.xlarge", 2, "alias/volumes"), Map.of("MODEL_THRESHOLD", "0.5"),
                new ModelClientSpec(120, 2), Map.of("team", "ml"));
    }

    @Test
    void theJobIsCreatedWithEveryFieldAndReadBackAsItWasSent() {
        hosting.control().createModel(model("s3://data/model.tar.gz"), Map.of());
        TransformJobSpec job = everything("s3://data/churn/");
        TransformValidator.forWorkingFolder().inRegion(MotoServer.REGION).validate(job, null);

        String arn = transforms.create(job, Map.of("team", "ml", "endpoint-studio:managed", "true"));

        assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:" + MotoServer.ACCOUNT + ":transform-job/churn-scores");
        TransformJobDescription described = transforms.describe("churn-scores").orElseThrow();
        assertThat(described.job()).isEqualTo(job);
        assertThat(described.status()).isEqualTo(TransformJobDescription.COMPLETED);
        assertThat(described.billed()).isNotNull();
        assertThat(transforms.describe("no-such-job")).isEmpty();
        var tags = session.client(SageMakerClient.builder()).listTags(b -> b.resourceArn(arn)).tags();
        assertThat(tags).extracting(t -> t.key() + "=" + t.value())
                .containsExactlyInAnyOrder("team=ml", "endpoint-studio:managed=true");
    }

    @Test
    void aRunCreatesTheModelUploadsTheLocalInputByItsContentAndFollowsTheJobToItsEnd() throws Exception {
        Path artifact = TestArchives.withBytes(dir.resolve("model.tar.gz"), "model.joblib", new byte[2048]);
        Path input = Files.writeString(dir.resolve("input.csv"), "1,2\n3,4\n");
        TransformJobSpec job = new TransformJobSpec("scores", "churn-model", new InputSpec(input.toString(), null,
                "text/csv", null, "Line"), "MultiRecord", null, null, new OutputSpec("s3://data/results/", "text/csv",
                "Line", null), null, new ResourcesSpec("ml.m5.large", 1, null), Map.of(), null, Map.of());
        session.s3().putObject(b -> b.bucket("data").key("results/input.csv.out"), RequestBody.fromString("0\n1\n"));
        List<TransformEvent> events = new ArrayList<>();

        TransformRun run = new TransformRunner(hosting, Duration.ofMillis(50)).run(job,
                model(artifact.toString()), true, events::add, CancelToken.none());

        assertThat(run.succeeded()).as(run.failure()).isTrue();
        String digest = ContentDigest.file(input, CancelToken.none());
        String uploaded = "s3://sagemaker-us-east-1-" + MotoServer.ACCOUNT + "/endpoint-studio/transform-input/" + digest
                + "/input.csv";
        assertThat(run.job().input().location()).isEqualTo(uploaded);
        assertThat(transforms.describe("scores").orElseThrow().job().input().location()).isEqualTo(uploaded);
        var model = session.client(SageMakerClient.builder()).describeModel(b -> b.modelName("churn-model"));
        assertThat(model.primaryContainer().modelDataUrl()).startsWith("s3://sagemaker-us-east-1-" + MotoServer.ACCOUNT
                + "/endpoint-studio/");
        assertThat(events).extracting(TransformEvent::toString).anySatisfy(line -> assertThat(line)
                .contains("Model churn-model: created")).anySatisfy(line -> assertThat(line)
                .contains("Input: uploaded to " + uploaded)).anySatisfy(line -> assertThat(line).endsWith("Completed"));

        CostEstimate estimate = TransformCost.hourly(InstanceCatalog.load(), job.resources(), MotoServer.REGION);
        assertThat(TransformCost.before(estimate)).startsWith("1 × ml.m5.large in us-east-1: $0.1150 an hour while the "
                + "job runs, billed by the second");
        assertThat(TransformCost.after(estimate, run.description())).startsWith("Billed 0 s of 1 × ml.m5.large: $0.0000");
        assertThat(transforms.outputs("s3://data/results")).singleElement().satisfies(object -> {
            assertThat(object.name()).isEqualTo("input.csv.out");
            assertThat(new String(transforms.read(object.location(), 1), StandardCharsets.UTF_8)).isEqualTo("0");
        });

        // a second run with the same Model and input reuses both
        events.clear();
        TransformJobSpec again = new TransformJobSpec("scores-2", job.modelName(), job.input(), job.batchStrategy(),
                null, null, job.output(), null, job.resources(), null, null, null);
        assertThat(new TransformRunner(hosting, Duration.ofMillis(50)).run(again, model(artifact.toString()), false,
                events::add, CancelToken.none()).succeeded()).isTrue();
        assertThat(events).extracting(TransformEvent::toString).anySatisfy(line -> assertThat(line)
                .contains("exists: the job scores with it")).anySatisfy(line -> assertThat(line)
                .contains("Input: already at " + uploaded));
    }

    @Test
    void aRunCancelledBeforeItsJobExistsRemovesTheModelItCreated() throws Exception {
        Path artifact = TestArchives.withBytes(dir.resolve("model.tar.gz"), "model.joblib", new byte[16]);
        CancelToken cancel = new CancelToken();
        List<String> lines = new ArrayList<>();

        TransformRun run = new TransformRunner(hosting, Duration.ofMillis(50)).run(everything("s3://data/churn/"),
                model(artifact.toString()), true, event -> {
                    lines.add(event.toString());
                    if (event.toString().endsWith("Model churn-model: created")) {
                        cancel.cancel();
                    }
                }, cancel);

        assertThat(run.cancelled()).isTrue();
        assertThat(run.description()).isNull();
        assertThat(hosting.control().modelExists("churn-model")).isFalse();
        assertThat(transforms.describe("churn-scores")).isEmpty();
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith("The Model churn-model this run created was "
                + "removed"));
    }

    @Test
    void jobsAreListedNewestFirst() throws InterruptedException {
        hosting.control().createModel(model("s3://data/model.tar.gz"), Map.of());
        transforms.create(everything("s3://data/a/"), Map.of());
        Thread.sleep(20);
        TransformJobSpec second = new TransformJobSpec("churn-scores-2", "churn-model", everything("s3://data/b/").input(),
                null, null, null, everything("").output(), null, new ResourcesSpec("ml.m5.large", 1, null), null, null,
                null);
        transforms.create(second, Map.of());
        assertThat(transforms.list()).extracting(TransformJobDescription::name).containsExactly("churn-scores-2",
                "churn-scores");
    }

    @Test
    void theLogLinesOfEveryInstanceStreamOfTheJobAreRead() {
        CloudWatchLogsClient logs = session.client(CloudWatchLogsClient.builder());
        assertThat(transforms.logs("churn-scores", null).lines()).isEmpty();
        logs.createLogGroup(b -> b.logGroupName("/aws/sagemaker/TransformJobs"));
        long now = Instant.now().toEpochMilli();
        for (String stream : List.of("churn-scores/i-0abc-1700000000", "churn-scores/i-0abc-1700000000/data-log",
                "other-job/i-0def-1700000000")) {
            logs.createLogStream(b -> b.logGroupName("/aws/sagemaker/TransformJobs").logStreamName(stream));
            logs.putLogEvents(b -> b.logGroupName("/aws/sagemaker/TransformJobs").logStreamName(stream)
                    .logEvents(e -> e.timestamp(now).message("line of " + stream)));
        }
        var batch = transforms.logs("churn-scores", null);
        assertThat(batch.lines()).containsExactlyInAnyOrder("line of churn-scores/i-0abc-1700000000",
                "line of churn-scores/i-0abc-1700000000/data-log");
        assertThat(transforms.logs("churn-scores", batch.next()).lines()).isEmpty();
    }
}
