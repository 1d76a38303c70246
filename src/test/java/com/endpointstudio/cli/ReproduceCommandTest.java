package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * "Reproduce on this computer": an endpoint in moto whose model (in S3) imports a module it does not
 * ship, with the log SageMaker would have written seeded in CloudWatch Logs. Served on Local from the
 * same model data and environment, it fails the same way, and the diagnosis names the same cause —
 * from the AWS log, from the reproduction, and from the Local endpoint's own log on disk.
 */
@ExtendWith(MotoExtension.class)
class ReproduceCommandTest {

    private static final String CAUSE = "Cause: The handler imports the Python module 'churn_features', which the image "
            + "does not have.";

    @TempDir
    Path dir;

    private MotoServer moto;
    private StudioServices services;

    @BeforeEach
    void start(MotoServer moto) throws Exception {
        this.moto = moto;
        moto.reset();
        services = moto.services(dir.resolve("home"));
        PackageTree tree = SampleModel.tree();
        tree.putText("code/inference.py", "import churn_features\n\n" + tree.text("code/inference.py"));
        Path archive = dir.resolve("model.tar.gz");
        new ModelPackager().build(tree.toPlan(), Set.of(), archive, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());
        try (var session = services.sessions().open(moto.connection());
             S3Client s3 = session.client(S3Client.builder());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder());
             CloudWatchLogsClient logs = session.client(CloudWatchLogsClient.builder())) {
            s3.createBucket(b -> b.bucket("models"));
            s3.putObject(b -> b.bucket("models").key("churn/model.tar.gz"), RequestBody.fromFile(archive));
            sagemaker.createModel(r -> r.modelName("churn-model").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")
                            .modelDataUrl("s3://models/churn/model.tar.gz")
                            .environment(java.util.Map.of("SAGEMAKER_PROGRAM", "inference.py", "CHURN_THRESHOLD", "0.7"))));
            sagemaker.createEndpointConfig(r -> r.endpointConfigName("churn-config").productionVariants(v ->
                    v.variantName("AllTraffic").modelName("churn-model").instanceType("ml.m5.large").initialInstanceCount(1)));
            sagemaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("churn-config"));
            String group = "/aws/sagemaker/Endpoints/churn";
            logs.createLogGroup(r -> r.logGroupName(group));
            logs.createLogStream(r -> r.logGroupName(group).logStreamName("AllTraffic/i-0abc"));
            List<String> lines = List.of("Traceback (most recent call last):",
                    "  File \"/opt/ml/model/code/inference.py\", line 1, in <module>", "    import churn_features",
                    "ModuleNotFoundError: No module named 'churn_features'");
            long now = System.currentTimeMillis();
            List<InputLogEvent> events = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                events.add(InputLogEvent.builder().timestamp(now + i).message(lines.get(i)).build());
            }
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName("AllTraffic/i-0abc").logEvents(events));
        }
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString() + out).isZero();
        return out.toString();
    }

    @Test
    void theLocalReproductionFailsTheSameWay() {
        String aws = run("endpoints", "diagnose", "churn", "--profile", MotoServer.PROFILE, "--region",
                MotoServer.REGION, "--endpoint-url", moto.endpointUrl());
        String reproduced = run("endpoints", "diagnose", "churn", "--reproduce", "--body", "[[3, 80, 12]]",
                "--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url", moto.endpointUrl());
        String local = run("endpoints", "diagnose", "churn-local", "--local");

        assertThat(aws).contains(CAUSE);
        String onThisComputer = reproduced.substring(reproduced.indexOf("On this computer"));
        assertThat(onThisComputer).startsWith("On this computer churn-local is Failed").contains(CAUSE)
                .contains("ModuleNotFoundError: No module named 'churn_features'");
        assertThat(local).contains("churn-local is Failed").contains(CAUSE);
    }

    @Test
    void reproducingAgainKeepsTheDownloadedModelUntilTheOneInS3Changes() throws Exception {
        String[] reproduce = {"endpoints", "diagnose", "churn", "--reproduce", "--profile", MotoServer.PROFILE,
                "--region", MotoServer.REGION, "--endpoint-url", moto.endpointUrl()};
        assertThat(run(reproduce)).contains("On this computer churn-local is Failed");
        Path archive = services.localRoot().resolve("reproductions/churn/model.tar.gz");
        Object downloaded = fileKey(archive);

        assertThat(run(reproduce)).contains("On this computer churn-local is Failed");
        assertThat(fileKey(archive)).as("kept: S3 holds the same version").isEqualTo(downloaded);

        Path fixed = dir.resolve("fixed.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), fixed, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        try (var session = services.sessions().open(moto.connection());
             S3Client s3 = session.client(S3Client.builder())) {
            s3.putObject(b -> b.bucket("models").key("churn/model.tar.gz"), RequestBody.fromFile(fixed));
        }
        assertThat(run(reproduce)).as("the fixed model, downloaded again")
                .contains("On this computer churn-local is InService");
    }

    private static Object fileKey(Path file) throws java.io.IOException {
        return java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }
}
