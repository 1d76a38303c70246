package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestArchives;
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

/** {@code endpoint-studio transform} as scripts call it: on this computer, on AWS (moto), exported. */
@ExtendWith(MotoExtension.class)
class TransformCommandTest {

    /** A script of the scikit-learn container that needs no package: each CSV row's fields summed. */
    private static final String SUMMER = """
            def model_fn(model_dir):
                return None

            def input_fn(body, content_type):
                return [[float(x) for x in line.split(",")] for line in body.splitlines() if line]

            def predict_fn(rows, model):
                return [sum(row) for row in rows]

            def output_fn(sums, accept):
                return "".join("%g\\n" % s for s in sums), accept
            """;

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

    private Path spec(String modelData, String role, String image) throws Exception {
        Path spec = dir.resolve("summer.json");
        Files.writeString(spec, """
                {"specVersion": 1,
                 "models": [{"name": "summer", "executionRoleArn": %s, "networkIsolation": false,
                   "containers": [{"image": %s, "framework": {"framework": "sklearn", "version": "1.2-1", "pyVersion": "py3"},
                     "modelData": {"location": "%s", "uncompressed": false},
                     "environment": {"SAGEMAKER_PROGRAM": "inference.py"}}]}],
                 "endpointConfig": {"name": "summer-config", "variants": [{"variantName": "AllTraffic", "modelName": "summer",
                   "instanceType": "ml.m5.large", "initialInstanceCount": 1, "initialVariantWeight": 1.0}]},
                 "endpoint": {"name": "summer", "tags": {}}}
                """.formatted(role == null ? "null" : "\"" + role + "\"", image == null ? "null" : "\"" + image + "\"",
                modelData));
        return spec;
    }

    private Path modelFolder() throws Exception {
        Path code = Files.createDirectories(dir.resolve("summer-model/code"));
        Files.writeString(code.resolve("inference.py"), SUMMER);
        return code.getParent();
    }

    @Test
    void onThisComputerItReturnsWhenDoneAndExitsZeroOnlyWhenEveryRecordSucceeded() throws Exception {
        Path spec = spec(modelFolder().toString(), null, null);
        Path input = Files.writeString(dir.resolve("input.csv"), "1,2\n3,4\n5,6\n");
        Path output = dir.resolve("results");

        int code = run("transform", spec.toString(), "--input", input.toString(), "--output", output.toString(),
                "--content-type", "text/csv", "--split-type", "Line", "--batch-strategy", "MultiRecord",
                "--assemble-with", "Line", "--accept", "text/csv", "--local", "--job-name", "sums");

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(Files.readString(output.resolve("input.csv.out"))).isEqualTo("3\n7\n11\n");
        assertThat(out.toString()).contains("Cost: runs on this computer").contains("Model summer: created")
                .contains("[sagemaker logs]: MaxConcurrentTransforms=1, MaxPayloadInMB=6, BatchStrategy=MULTI_RECORD")
                .contains("Completed").contains(output.resolve("input.csv.out").toString());

        Files.writeString(input, "1,2\nnot,numbers\n");
        code = run("transform", "summer", "--input", input.toString(), "--output", output.toString(),
                "--content-type", "text/csv", "--split-type", "Line", "--batch-strategy", "SingleRecord", "--local",
                "--job-name", "sums-bad", "--invocation-retries", "0");
        assertThat(code).as(out + "\n" + err).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("error: transform job sums-bad is Failed: ClientError: See job logs for more "
                + "information. 1 of 1 input file failed; input.csv: record 2: Bad HTTP status received from algorithm: "
                + "500");
        assertThat(Files.readString(output.resolve("input.csv.out"))).as("the earlier result stays")
                .isEqualTo("3\n7\n11\n");
    }

    @Test
    void aPackagedModelFolderScoresOnThisComputerWithItsFrameworksContainer() throws Exception {
        Path input = Files.writeString(dir.resolve("input.csv"), "1,2\n3,4\n");
        Path output = dir.resolve("packaged");

        assertThat(run("transform", modelFolder().toString(), "--input", input.toString(), "--output",
                output.toString(), "--content-type", "text/csv", "--split-type", "Line", "--batch-strategy",
                "MultiRecord", "--assemble-with", "Line", "--local", "--job-name", "packaged")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("--framework").contains("a packaged model needs its framework");

        int code = run("transform", modelFolder().toString(), "--framework", "sklearn", "--framework-version", "1.2-1",
                "--input", input.toString(), "--output", output.toString(), "--content-type", "text/csv",
                "--split-type", "Line", "--batch-strategy", "MultiRecord", "--assemble-with", "Line", "--local",
                "--job-name", "packaged");
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(Files.readString(output.resolve("input.csv.out"))).isEqualTo("3\n7\n");
        assertThat(out.toString()).contains("Model summer-model: created");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingRunsNamingTheField() throws Exception {
        Path spec = spec(modelFolder().toString(), null, null);
        int code = run("transform", spec.toString(), "--input", dir.resolve("missing.csv").toString(), "--output",
                dir.resolve("out").toString(), "--content-type", "text/csv", "--split-type", "Lines",
                "--batch-strategy", "MultiRecord", "--input-filter", "$.id", "--max-payload-mb", "200", "--local");
        assertThat(code).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("Input: the local file or folder")
                .contains("Split type: 'Lines' is not valid: use None, Line, RecordIO or TFRecord")
                .contains("Max payload (MB): is 200; it cannot be greater than 100 MB")
                .contains("Input filter: '$.id' names attributes, but a CSV record is an array of fields");
        assertThat(dir.resolve("out")).doesNotExist();

        assertThat(run("transform", spec.toString(), "--input", "x.csv", "--output", "out", "--content-type",
                "text/csv", "--split-type", "Line")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("--batch-strategy");
    }

    @Test
    void onAwsItUploadsCreatesTheModelAndTheJobAndWithWaitReportsCostAndOutputs(MotoServer moto) throws Exception {
        Path archive = TestArchives.model(dir.resolve("model.tar.gz"), "summer");
        Path spec = spec(archive.toString(), "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/SageMaker",
                "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");
        Path input = Files.writeString(dir.resolve("input.csv"), "1,2\n");
        try (var session = services.sessions().open(moto.connection())) {
            session.s3().createBucket(b -> b.bucket("results"));
        }
        String[] args = {"transform", spec.toString(), "--input", input.toString(), "--output", "s3://results/sums",
            "--content-type", "text/csv", "--split-type", "Line", "--batch-strategy", "MultiRecord",
            "--instance-type", "ml.c5.xlarge", "--instance-count", "2", "--profile", MotoServer.PROFILE, "--region",
            MotoServer.REGION, "--endpoint-url", moto.endpointUrl(), "--job-name", "sums", "--wait"};

        assertThat(run(args)).as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("Cost: 2 × ml.c5.xlarge in us-east-1: $").contains("an hour while the job "
                + "runs").contains("Model summer: created").contains("Input: uploaded to s3://sagemaker-us-east-1-")
                .contains("Cost: Billed 0 s of 2 × ml.c5.xlarge").contains("Output (0 objects):")
                .contains("Transform job sums is Completed.");
        try (var session = services.sessions().open(moto.connection())) {
            var job = session.client(SageMakerClient.builder()).describeTransformJob(b -> b.transformJobName("sums"));
            assertThat(job.modelName()).isEqualTo("summer");
            assertThat(job.transformResources().instanceCount()).isEqualTo(2);
            assertThat(job.transformInput().dataSource().s3DataSource().s3Uri()).endsWith("/input.csv");
        }
    }

    @Test
    void theJobExportsAsABoto3ScriptAndAwsCliCommands() throws Exception {
        Path spec = spec("s3://models/summer.tar.gz", "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/SageMaker",
                "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");
        String[] common = {"transform", spec.toString(), "--input", "s3://data/in/", "--output", "s3://results/out",
            "--content-type", "text/csv", "--split-type", "Line", "--batch-strategy", "MultiRecord", "--job-name", "sums",
            "--export"};
        assertThat(run(concat(common, "boto3"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("sagemaker.create_transform_job(").contains("TransformJobName=\"sums\"")
                .contains("transform_job_completed_or_stopped");
        assertThat(run(concat(common, "cli"))).isZero();
        assertThat(out.toString()).contains("aws sagemaker create-transform-job").contains("--transform-job-name 'sums'")
                .contains("aws sagemaker wait transform-job-completed-or-stopped");
        assertThat(run(concat(common, "cloudformation"))).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("CloudFormation has no transform job resource");
    }

    private static String[] concat(String[] first, String last) {
        String[] all = java.util.Arrays.copyOf(first, first.length + 1);
        all[first.length] = last;
        return all;
    }
}
