package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformEvent;
import com.endpointstudio.core.transform.TransformJobDescription;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import com.endpointstudio.core.transform.TransformRun;
import com.endpointstudio.core.transform.TransformRunner;
import com.endpointstudio.core.transform.TransformValidator;
import com.endpointstudio.testing.TestPython;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch transform on this computer with real Python: a scikit-learn model trained in the test scores CSV
 * files through the scikit-learn container's serving personality, as a Local endpoint of the same Model
 * would answer; its results must be the model's own predictions, in input order.
 */
class LocalTransformTest {

    /** Trains a classifier, writes 10,000 rows, rows with an ID column, and the model's own predictions. */
    private static final String TRAIN = """
            import sys, joblib, numpy as np
            from sklearn.linear_model import LogisticRegression
            out = sys.argv[1]
            rng = np.random.default_rng(7)
            X = rng.normal(size=(400, 4))
            model = LogisticRegression().fit(X, (X[:, 0] + X[:, 1] > 0).astype(int))
            joblib.dump(model, out + "/model/model.joblib")
            rows = rng.normal(size=(10000, 4))
            np.savetxt(out + "/input.csv", rows, delimiter=",", fmt="%.6f")
            # what the model predicts for the rows as written (6 decimals) and read as the container reads CSV
            read = np.genfromtxt(out + "/input.csv", delimiter=",", dtype=np.float32)
            with open(out + "/expected.txt", "w") as f:
                f.write("\\n".join(str(p) for p in model.predict(read)) + "\\n")
            with open(out + "/ids.csv", "w") as f:
                for i, row in enumerate(read[:20]):
                    f.write("id-%d,%s\\n" % (i, ",".join("%.6f" % v for v in row)))
            """;
    private static final String INFERENCE = """
            import os
            import joblib

            def model_fn(model_dir):
                return joblib.load(os.path.join(model_dir, "model.joblib"))
            """;

    @TempDir
    static Path dir;

    private static String python;
    private static LocalHost host;
    private static LocalHosting local;
    private static LocalTransforms transforms;
    private static Hosting hosting;
    private static List<String> expected;
    private final List<TransformEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        python = TestPython.withModules(List.of("sklearn", "joblib"), List.of("scikit-learn"));
        Files.createDirectories(dir.resolve("model/code"));
        Files.writeString(dir.resolve("model/code/inference.py"), INFERENCE);
        Path train = Files.writeString(dir.resolve("train.py"), TRAIN);
        Process training = new ProcessBuilder(python, train.toString(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(training.waitFor()).as(output).isZero();
        expected = Files.readAllLines(dir.resolve("expected.txt"));
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(python), Duration.ofSeconds(120),
                Duration.ofSeconds(60));
        local = new LocalHosting(host, dir.resolve("local"));
        transforms = new LocalTransforms(local);
        hosting = local.hosting().with(transforms);
    }

    @AfterAll
    static void stop() {
        transforms.close();
        host.close();
    }

    private static ModelSpec sklearnModel() {
        return new ModelSpec("iris-model", null, List.of(new ContainerSpec(null, new FrameworkRef("sklearn", "1.2-1",
                "py3"), new ModelDataSpec(dir.resolve("model").toString(), null, null, false),
                Map.of("SAGEMAKER_PROGRAM", "inference.py"), null, null)), null, null, false);
    }

    private static TransformJobSpec job(String name, Path input, String strategy, Integer concurrent,
                                        DataProcessingSpec processing) {
        return new TransformJobSpec(name, "iris-model", new InputSpec(input.toString(), null, "text/csv", null, "Line"),
                strategy, null, concurrent, new OutputSpec(dir.resolve("out-" + name).toString(), "text/csv", "Line",
                null), processing, new ResourcesSpec("ml.m5.large", 1, null), Map.of(), null, Map.of());
    }

    private TransformRun run(TransformJobSpec job, ModelSpec model, CancelToken cancel) {
        new TransformValidator(dir).forLocalHosting().validate(job, model);
        return new TransformRunner(hosting, Duration.ofMillis(100)).run(job, model, true, events::add, cancel);
    }

    @Test
    void tenThousandCsvLinesAreScoredInInputOrderAsTheModelItselfPredicts() throws Exception {
        TransformRun run = run(job("ten-thousand", dir.resolve("input.csv"), TransformJobSpec.MULTI_RECORD, null, null),
                sklearnModel(), CancelToken.none());

        assertThat(run.succeeded()).as(run.failure() + "\n" + String.join("\n", log("ten-thousand"))).isTrue();
        assertThat(run.description().status()).isEqualTo(TransformJobDescription.COMPLETED);
        List<String> predictions = Files.readAllLines(dir.resolve("out-ten-thousand/input.csv.out"));
        assertThat(predictions).hasSize(10_000);
        assertThat(predictions).containsExactlyElementsOf(expected);
        assertThat(log("ten-thousand")).anySatisfy(line -> assertThat(line).endsWith(
                ":[sagemaker logs]: MaxConcurrentTransforms=1, MaxPayloadInMB=6, BatchStrategy=MULTI_RECORD"));
        assertThat(events).extracting(TransformEvent::kind).contains(TransformEvent.Kind.STATUS);
    }

    @Test
    void aModelWhoseDataIsAnS3PrefixIsTakenFromTheLocalBucketFolder() throws Exception {
        for (String file : List.of("model.joblib", "code/inference.py")) {
            host.buckets().write("s3://iris-models/v1/" + file, Files.readAllBytes(dir.resolve("model/" + file)), null);
        }
        ModelSpec inS3 = new ModelSpec("iris-model", null, List.of(new ContainerSpec(null, new FrameworkRef("sklearn",
                "1.2-1", "py3"), new ModelDataSpec("s3://iris-models/v1/", null, null, true),
                Map.of("SAGEMAKER_PROGRAM", "inference.py"), null, null)), null, null, false);
        Path few = Files.write(dir.resolve("few.csv"), Files.readAllLines(dir.resolve("input.csv")).subList(0, 50));

        TransformRun run = run(job("from-s3", few, TransformJobSpec.MULTI_RECORD, null, null), inS3,
                CancelToken.none());

        assertThat(run.succeeded()).as(run.failure() + "\n" + String.join("\n", log("from-s3"))).isTrue();
        assertThat(Files.readAllLines(dir.resolve("out-from-s3/few.csv.out"))).containsExactlyElementsOf(
                expected.subList(0, 50));
    }

    @Test
    void theIdColumnIsFilteredOutOfTheRequestsAndJoinedBackBesideEachPrediction() throws Exception {
        TransformRun run = run(job("ids", dir.resolve("ids.csv"), TransformJobSpec.MULTI_RECORD, null,
                new DataProcessingSpec("$[1:]", "Input", "$[0,-1]")), sklearnModel(), CancelToken.none());

        assertThat(run.succeeded()).as(run.failure()).isTrue();
        List<String> rows = Files.readAllLines(dir.resolve("out-ids/ids.csv.out"));
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            wanted.add("id-" + i + "," + expected.get(i));
        }
        assertThat(rows).containsExactlyElementsOf(wanted);
    }

    @Test
    void filesAreScoredInParallelAndOneWithABadRecordIsTheOnlyOneWithoutOutput() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("many"));
        List<String> rows = Files.readAllLines(dir.resolve("input.csv"));
        Files.write(folder.resolve("a.csv"), rows.subList(0, 300));
        Files.write(folder.resolve("b.csv"), rows.subList(300, 600));
        List<String> broken = new ArrayList<>(rows.subList(600, 610));
        broken.set(4, "0.1,0.2,oops,0.4");
        Files.write(folder.resolve("c.csv"), broken);

        TransformRun run = run(job("many", folder, TransformJobSpec.MULTI_RECORD, 2, null), sklearnModel(),
                CancelToken.none());

        assertThat(run.description().status()).isEqualTo(TransformJobDescription.FAILED);
        assertThat(run.failure()).isEqualTo("ClientError: See job logs for more information. 1 of 3 input files "
                + "failed; c.csv: records 1-10: Bad HTTP status received from algorithm: 500");
        assertThat(Files.readAllLines(dir.resolve("out-many/a.csv.out"))).containsExactlyElementsOf(expected.subList(0,
                300));
        assertThat(Files.readAllLines(dir.resolve("out-many/b.csv.out"))).containsExactlyElementsOf(expected.subList(300,
                600));
        try (Stream<Path> outputs = Files.list(dir.resolve("out-many"))) {
            assertThat(outputs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.csv.out", "b.csv.out");
        }
        assertThat(log("many")).anySatisfy(line -> assertThat(line).endsWith(
                ":[sagemaker logs]: MaxConcurrentTransforms=2, MaxPayloadInMB=6, BatchStrategy=MULTI_RECORD"))
                .anySatisfy(line -> assertThat(line).endsWith(
                        ":[sagemaker logs]: c.csv: Bad HTTP status received from algorithm: 500"))
                .anySatisfy(line -> assertThat(line).contains("ValueError"));
    }

    /** A script of the scikit-learn container that takes its time and says what batch settings it runs with. */
    private static final String SLOW = """
            import json, os, time

            def model_fn(model_dir):
                return None

            def input_fn(body, content_type):
                return body.splitlines()

            def predict_fn(rows, model):
                time.sleep(0.2)
                return [os.environ.get("SAGEMAKER_BATCH", "unset") for _ in rows]

            def output_fn(values, accept):
                return "\\n".join(values) + "\\n", accept

            def execution_parameters_fn():
                return json.dumps({"MaxConcurrentTransforms": 1, "BatchStrategy": "SINGLE_RECORD", "MaxPayloadInMB": 1})
            """;

    @Test
    void theContainersExecutionParametersApplyWhereTheJobLeavesThemAndAStopPublishesNothing() throws Exception {
        Path model = Files.createDirectories(dir.resolve("slow-model/code"));
        Files.writeString(model.resolve("inference.py"), SLOW);
        ModelSpec slow = new ModelSpec("slow-model", null, List.of(new ContainerSpec(null, new FrameworkRef("sklearn",
                "1.2-1", "py3"), new ModelDataSpec(model.getParent().toString(), null, null, false),
                Map.of("SAGEMAKER_PROGRAM", "inference.py", "SAGEMAKER_MODEL_SERVER_WORKERS", "1"), null, null)), null,
                null, false);
        Path few = Files.writeString(dir.resolve("few.csv"), "1\n2\n3\n");
        TransformJobSpec unset = new TransformJobSpec("settings", "slow-model", new InputSpec(few.toString(), null,
                "text/csv", null, "Line"), null, null, null, new OutputSpec(dir.resolve("out-settings").toString(),
                "text/csv", "Line", null), null, new ResourcesSpec("ml.m5.large", 1, null), null, null, null);

        assertThat(run(unset, slow, CancelToken.none()).succeeded()).isTrue();
        assertThat(log("settings")).anySatisfy(line -> assertThat(line).endsWith(
                ":[sagemaker logs]: MaxConcurrentTransforms=1, MaxPayloadInMB=1, BatchStrategy=SINGLE_RECORD"));
        assertThat(Files.readAllLines(dir.resolve("out-settings/few.csv.out"))).containsExactly("true", "true", "true");

        Path many = Files.write(dir.resolve("slow.csv"), java.util.stream.IntStream.range(0, 60).mapToObj(
                String::valueOf).toList());
        TransformJobSpec stopped = new TransformJobSpec("stopped", "slow-model", new InputSpec(many.toString(), null,
                "text/csv", null, "Line"), null, null, null, new OutputSpec(dir.resolve("out-stopped").toString(),
                "text/csv", "Line", null), null, new ResourcesSpec("ml.m5.large", 1, null), null, null, null);
        CancelToken cancel = new CancelToken();
        events.clear();
        Thread stopper = new Thread(() -> {
            while (events.stream().noneMatch(e -> e.kind() == TransformEvent.Kind.PROGRESS)) {
                sleep(50);
            }
            cancel.cancel();
        });
        stopper.start();
        TransformRun run = run(stopped, null, cancel);
        stopper.join(30_000);

        assertThat(run.cancelled()).as("the run %s, its events %s", run, events).isTrue();
        assertThat(run.description().status()).isEqualTo(TransformJobDescription.STOPPED);
        assertThat(transforms.describe("stopped").orElseThrow().status()).isEqualTo(TransformJobDescription.STOPPED);
        assertThat(dir.resolve("out-stopped/slow.csv.out")).doesNotExist();
        assertThat(dir.resolve("out-stopped/.slow.csv.out.partial")).doesNotExist();
        assertThat(events).extracting(TransformEvent::toString).anySatisfy(line -> assertThat(line)
                .contains("StopTransformJob sent"));
    }

    private static List<String> log(String job) {
        return transforms.logs(job, null).lines();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
