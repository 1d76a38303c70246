package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import com.endpointstudio.core.invoke.InvocationError;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** `recommend` as the command line runs it against moto: the table, the recommendation, nothing left behind. */
@ExtendWith(MotoExtension.class)
class RecommendCommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private MotoServer moto;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
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
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url",
            moto.endpointUrl()}, 0, all, args.length, 6);
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void theTableAndTheRecommendationArePrintedAndEveryTemporaryEndpointIsDeleted() throws Exception {
        Path spec = dir.resolve("churn.json");
        SpecFiles.write(spec, TestSpecs.simple("churn"));

        int code = run("recommend", spec.toString(), "--instance-types", "ml.c5.large,ml.m5.xlarge", "--target-rps", "200",
                "--p99", "500ms", "--step-duration", "1s", "--warmup", "0s", "--max-concurrency", "2", "--body", "[1]",
                "--yes", "--format", "csv");

        assertThat(code).as(() -> err.toString()).isZero();
        assertThat(err.toString()).contains("The run starts every candidate's temporary endpoint")
                .contains("ml.c5.large: deleted rec-").contains("ml.m5.xlarge: deleted rec-");
        assertThat(out.toString().lines()).hasSize(3).first().asString().startsWith("instance_type,max_rps_per_instance");
        assertThat(out.toString()).contains("ml.c5.large,").contains("ml.m5.xlarge,").contains(",true,");
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            assertThat(sagemaker.listEndpoints().endpoints()).isEmpty();
            assertThat(sagemaker.listEndpointConfigs().endpointConfigs()).isEmpty();
            assertThat(sagemaker.listModels().models()).isEmpty();
        }
    }

    private static InvocationRequest request(String endpoint, String body) {
        return new InvocationRequest(endpoint, "application/json", "application/json",
                body.getBytes(StandardCharsets.UTF_8), null, null, null, null, null);
    }

    private static InvocationResult answered() {
        return new InvocationResult(200, "application/json", "[0.5]".getBytes(StandardCharsets.UTF_8), "AllTraffic",
                null, Duration.ofMillis(9), null, null, "rid");
    }

    @Test
    void theIssuesCommandLineWithoutABodyUsesTheSpecsSampleRequestAndSaysSo() throws Exception {
        Path spec = dir.resolve("churn.json");
        SpecFiles.write(spec, TestSpecs.simple("churn"));

        int code = run("recommend", spec.toString(), "--instance-types", "ml.c5.large,ml.m5.xlarge", "--target-rps", "200",
                "--p99", "5s", "--yes", "--step-duration", "1s", "--warmup", "0s", "--max-concurrency", "1");

        assertThat(code).as(() -> err.toString()).isZero();
        assertThat(err.toString()).contains("Sample request (no --body): the sample request for the spec's container "
                + "(application/json): [[3, 80, 12]]");
        assertThat(out.toString()).contains("INSTANCE TYPE").contains("Recommended: ");
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            assertThat(sagemaker.listEndpoints().endpoints()).isEmpty();
            assertThat(sagemaker.listEndpointConfigs().endpointConfigs()).isEmpty();
            assertThat(sagemaker.listModels().models()).isEmpty();
        }
    }

    @Test
    void withoutABodyTheConsolesNewestAnsweredRequestToTheEndpointOnThisConnectionIsSent() throws Exception {
        Path spec = dir.resolve("churn.json");
        SpecFiles.write(spec, TestSpecs.simple("churn"));
        services.settingsStore().save(Settings.defaults(List.of(moto.connection())));
        InvocationHistory history = new InvocationHistory(services.paths().dataDir().resolve("console"));
        history.add(HistoryEntry.of(moto.connection().id(), request("churn", "[[1, 2, 3]]"), answered()));
        history.add(HistoryEntry.of(moto.connection().id(), request("churn", "{\"customer\": 42}"), answered()));
        history.add(HistoryEntry.of(moto.connection().id(), request("churn", "{\"broken\": true}"),
                new InvocationResult(500, "text/plain", new byte[0], null, null, Duration.ofMillis(3), null,
                        new InvocationError("ModelError", "KeyError", "churn"), null)));
        history.add(HistoryEntry.of(moto.connection().id(), request("houses", "[[9]]"), answered()));
        history.add(HistoryEntry.of("local", request("churn", "[[8]]"), answered()));

        int code = run("recommend", spec.toString(), "--instance-types", "ml.c5.large", "--target-rps", "200",
                "--p99", "5s", "--yes", "--step-duration", "1s", "--warmup", "0s", "--max-concurrency", "1");

        assertThat(code).as(() -> err.toString()).isZero();
        assertThat(err.toString()).containsPattern("Sample request \\(no --body\\): the console's request to churn of "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(application/json\\): \\{\"customer\": 42\\}");
    }

    @Test
    void theInferenceRecommenderNeedsNoBody() throws Exception {
        Path spec = dir.resolve("churn.json");
        SpecFiles.write(spec, TestSpecs.simple("churn"));

        int code = run("recommend", spec.toString(), "--inference-recommender", "default", "--instance-types",
                "ml.c5.large", "--target-rps", "200", "--p99", "100ms");

        assertThat(err.toString()).doesNotContain("--body").contains("--model: the Model churn");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void aRunOverTheBudgetIsRefusedBeforeAnythingStarts() throws Exception {
        Path spec = dir.resolve("churn.json");
        SpecFiles.write(spec, TestSpecs.simple("churn"));

        int code = run("recommend", spec.toString(), "--instance-types", "ml.g5.12xlarge", "--target-rps", "200",
                "--p99", "100ms", "--budget-usd", "1", "--body", "[1]", "--yes");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--budget-usd: the run would cost about $").contains("over the $1.00 budget");
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            assertThat(sagemaker.listModels().models()).isEmpty();
        }
    }
}
