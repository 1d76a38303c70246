package com.endpointstudio.ui.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.transform.TransformEvent;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Batch transform screen's view models without a toolkit: every job runs on the calling thread. */
class TransformViewModelTest {

    private static final Connection AWS = Connection.aws("team", "team", "us-east-1", null);

    @TempDir
    Path dir;

    private static final InstanceCatalog INSTANCES = InstanceCatalog.load();
    private static final ImageCatalog IMAGES = ImageCatalog.load();

    private final FakeTransformHost host = new FakeTransformHost();
    private final TestJobs jobs = TestJobs.direct();
    private final List<String> reported = jobs.reported();
    private Connection connection = Connection.local();

    /** The view model as the shell hands it the active connection. */
    private TransformViewModel model() {
        TransformRunModel run = new TransformRunModel(host, Duration.ZERO, Duration.ZERO, () -> INSTANCES, jobs.jobs());
        TransformViewModel model = new TransformViewModel(run, () -> INSTANCES, () -> IMAGES, jobs.jobs(),
                Clock.fixed(Instant.parse("2026-12-01T10:45:00Z"), ZoneOffset.UTC));
        model.connectionChanged(connection);
        return model;
    }

    private void fill(TransformDraft draft, Path input, String output) {
        draft.source.set(ModelSource.EXISTING);
        draft.modelName.set("churn-model");
        draft.input.set(input.toString());
        draft.output.set(output);
        draft.inputFilter.set("$[1:]");
        draft.joinSource.set("Input");
        draft.outputFilter.set("$[0,-1]");
    }

    @Test
    void anEmptyFormNamesWhatIsMissingAndCannotStart() {
        TransformViewModel model = model();
        model.revalidate();
        assertThat(model.problems()).extracting(FieldError::toString).contains("Model: is required",
                "Input: is required: a local file or folder",
                "Output: is required: a folder");
        assertThat(model.canStartProperty().get()).isFalse();

        model.draft().maxPayloadMb.set("six");
        model.draft().environment.set("THRESHOLD");
        assertThat(model.problems()).extracting(FieldError::toString).contains(
                "Max payload (MB): 'six' is not a whole number",
                "Environment: 'THRESHOLD' is not KEY=VALUE");
    }

    @Test
    void aValidJobOnThisComputerStartsFollowsItsTimelineAndListsAndOpensItsOutput() throws Exception {
        host.models.add("churn-model");
        Path input = Files.writeString(dir.resolve("input.csv"), "id-1,1,2\n");
        TransformViewModel model = model();
        fill(model.draft(), input, dir.resolve("out").toString());

        assertThat(model.problems()).isEmpty();
        assertThat(model.canStartProperty().get()).isTrue();
        assertThat(model.costProperty().get()).isEqualTo("Runs on this computer: no instance is billed.");
        model.start();

        TransformJobSpec job = host.created.get(0);
        assertThat(job.jobName()).isEqualTo("churn-model-20261201-104500");
        assertThat(job.input().splitType()).isEqualTo("Line");
        assertThat(job.batchStrategy()).isEqualTo("MultiRecord");
        assertThat(job.processing().inputFilter()).isEqualTo("$[1:]");
        assertThat(job.processing().joinsInput()).isTrue();
        TransformRunModel run = model.run();
        assertThat(run.runningProperty().get()).isFalse();
        assertThat(run.outcomeProperty().get()).isEqualTo("Transform job churn-model-20261201-104500 is Completed.");
        assertThat(run.progressProperty().get()).isEqualTo(1.0);
        assertThat(run.timeline()).extracting(TransformEvent::toString).anySatisfy(line -> assertThat(line)
                .endsWith("Model churn-model: exists")).anySatisfy(line -> assertThat(line).endsWith("log line 1"))
                .anySatisfy(line -> assertThat(line).endsWith("Completed"));
        assertThat(run.costAfterProperty().get()).isEqualTo("Ran on this computer: no instance was billed.");
        assertThat(run.outputs()).singleElement().satisfies(output -> assertThat(output.name())
                .isEqualTo("input.csv.out"));
        run.open(run.outputs().get(0));
        assertThat(run.previewProperty().get()).isEqualTo("0\n1\n1\n");
        assertThat(reported).isEmpty();
    }

    @Test
    void onAwsTheCostIsEstimatedBeforeAndBilledAfter() {
        connection = AWS;
        host.models.add("churn-model");
        TransformViewModel model = model();
        fill(model.draft(), Path.of("unused"), "s3://results/churn/");
        model.draft().input.set("s3://data/churn/");
        model.draft().instanceType.set("ml.c5.xlarge");
        model.draft().instanceCount.set("2");

        assertThat(model.problems()).isEmpty();
        assertThat(model.costProperty().get()).startsWith("2 × ml.c5.xlarge in us-east-1: $")
                .contains("an hour while the job runs, billed by the second");
        model.start();
        assertThat(model.run().costAfterProperty().get()).startsWith("Billed 6 min 0 s of 2 × ml.c5.xlarge: $");
    }

    @Test
    void stopReachesTheJobAndTheRunEndsStopped() throws Exception {
        host.models.add("churn-model");
        Path input = Files.writeString(dir.resolve("input.csv"), "id-1,1,2\n");
        TransformViewModel model = model();
        fill(model.draft(), input, dir.resolve("out").toString());
        host.onDescribe = () -> model.run().stop(); // the user presses Stop while the job runs
        model.start();
        assertThat(host.stopped).containsExactly("churn-model-20261201-104500");
        assertThat(model.run().outcomeProperty().get()).isEqualTo("Stopped. Files the job had not finished have no "
                + "output.");
    }

    @Test
    void aSpecFilesModelIsCreatedBeforeTheJobAndTheJobExports() throws Exception {
        connection = AWS;
        Path spec = Files.writeString(dir.resolve("churn.json"), """
                {"specVersion": 1,
                 "models": [{"name": "churn-model", "executionRoleArn": "arn:aws:iam::123456789012:role/SageMaker",
                   "networkIsolation": false, "containers": [{"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1",
                   "modelData": {"location": "s3://models/churn.tar.gz", "uncompressed": false}}]}],
                 "endpointConfig": {"name": "churn-config", "variants": [{"variantName": "AllTraffic",
                   "modelName": "churn-model", "instanceType": "ml.m5.large", "initialInstanceCount": 1,
                   "initialVariantWeight": 1.0}]},
                 "endpoint": {"name": "churn", "tags": {}}}
                """);
        TransformViewModel model = model();
        fill(model.draft(), Path.of("unused"), "s3://results/churn/");
        model.draft().input.set("s3://data/churn/");
        model.draft().source.set(ModelSource.SPEC);
        model.draft().specFile.set(spec.toString());

        assertThat(model.draft().specModel.get().name()).isEqualTo("churn-model");
        assertThat(model.problems()).isEmpty();
        List<String> exported = new ArrayList<>();
        model.export(true, (name, text) -> exported.add(name + "\n" + text));
        assertThat(exported).singleElement().asString().startsWith("transform-churn-model-20261201-104500.py\n")
                .contains("sagemaker.create_model(").contains("sagemaker.create_transform_job(");
        model.start();
        assertThat(host.models).contains("churn-model");
        assertThat(model.run().outcomeProperty().get()).endsWith("is Completed.");

        model.draft().specFile.set(dir.resolve("missing.json").toString());
        assertThat(model.problems()).extracting(FieldError::field).contains("Spec");
        assertThat(model.canStartProperty().get()).isFalse();
    }

    @Test
    void anotherConnectionChecksTheJobForItAndDropsTheFinishedRunOfTheOneBefore() throws Exception {
        host.models.add("churn-model");
        Path input = Files.writeString(dir.resolve("input.csv"), "id-1,1,2\n");
        TransformViewModel model = model();
        fill(model.draft(), input, dir.resolve("out").toString());
        model.start();
        assertThat(model.run().timeline()).isNotEmpty();

        model.connectionChanged(AWS);

        assertThat(model.problems()).extracting(FieldError::toString).contains(
                "Output: '" + dir.resolve("out") + "' is not valid: use an "
                + "s3://bucket/prefix");
        assertThat(model.costProperty().get()).startsWith("1 × ml.m5.large in us-east-1: $");
        assertThat(model.run().timeline()).isEmpty();
        assertThat(model.run().outputs()).isEmpty();
        assertThat(model.run().outcomeProperty().get()).isEmpty();
    }
}
