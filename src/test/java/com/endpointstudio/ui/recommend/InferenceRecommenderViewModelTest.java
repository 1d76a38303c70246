package com.endpointstudio.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.testing.InferenceRecommenderApi;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.RecordingProxy;
import com.endpointstudio.testing.TestJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The Recommend dialog's AWS Inference Recommender without a toolkit: the Model is looked up in
 * moto, the job's own operations (which moto lacks) are answered in front of it as the API
 * reference shapes them, and what the SDK sent is read back member by member.
 */
@ExtendWith(MotoExtension.class)
class InferenceRecommenderViewModelTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/R";

    @TempDir
    Path dir;

    private RecordingProxy proxy;

    @BeforeEach
    void model(MotoServer moto) {
        moto.reset();
        try (StudioServices services = moto.services(dir.resolve("seed"));
             var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            sagemaker.createModel(b -> b.modelName("churn-model").executionRoleArn(ROLE).primaryContainer(c -> c.image(
                    "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")));
        }
    }

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static DeploymentSpec spec() {
        return SpecDefaults.realTime("churn").image(
                "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")
                .modelData("s3://models/churn/model.tar.gz").executionRole(ROLE).instanceType("ml.c5.large").build();
    }

    /** An AWS connection whose calls go through the proxy: the job's to {@code api}, the rest to moto. */
    private Connection through(MotoServer moto, InferenceRecommenderApi api) {
        proxy = RecordingProxy.in(moto.endpointUrl()).answering(api::answer);
        return Connection.aws("Team account", MotoServer.PROFILE, MotoServer.REGION, proxy.url());
    }

    private RecommendViewModel model(StudioServices services, TestJobs jobs, Connection connection) {
        return new RecommendViewModel(jobs.jobs(), services.hostingProvider(),
                new DeploymentJournal(dir.resolve("deployments")), InstanceCatalog.load(), spec(), connection);
    }

    private List<String> operations() {
        return proxy.requests().stream().map(RecordingProxy.Recorded::jsonOperation).toList();
    }

    private JsonNode sent(String operation) throws Exception {
        return new ObjectMapper().readTree(proxy.requests().stream().filter(r -> operation.equals(r.jsonOperation()))
                .findFirst().orElseThrow().body());
    }

    @Test
    void anAdvancedJobOnTheSpecsModelFillsTheSameTableAndRecommendation(MotoServer moto) throws Exception {
        try (StudioServices services = moto.services(dir); TestJobs jobs = TestJobs.direct()) {
            // completed at the first describe: the job waits half a minute between describes
            RecommendViewModel model = model(services, jobs, through(moto, new InferenceRecommenderApi(0)));
            assertThat(model.methods()).containsExactly(RecommendMethod.values());
            model.method.set(RecommendMethod.ADVANCED_JOB);
            // the Model and role default to the spec's
            assertThat(model.modelName.get()).isEqualTo("churn-model");
            assertThat(model.roleArn.get()).isEqualTo(ROLE);
            model.candidates.set("ml.c5.large, ml.m5.xlarge");
            model.targetRps.set("300");
            model.p99Ms.set("100");
            assertThat(model.estimateProperty().get()).startsWith("SageMaker runs the job on instances in this account");

            model.start();

            assertThat(jobs.failures()).isEmpty();
            assertThat(operations()).containsExactly("DescribeModel", "CreateInferenceRecommendationsJob",
                    "DescribeInferenceRecommendationsJob");
            JsonNode create = sent("CreateInferenceRecommendationsJob");
            assertThat(create.get("JobName").asText()).matches("studio-churn-model-[0-9a-f]{8}");
            assertThat(create.get("JobType").asText()).isEqualTo("Advanced");
            assertThat(create.get("RoleArn").asText()).isEqualTo(ROLE);
            assertThat(create.get("InputConfig").get("ModelName").asText()).isEqualTo("churn-model");
            assertThat(create.get("InputConfig").get("EndpointConfigurations")).extracting(c -> c.get("InstanceType")
                    .asText()).containsExactly("ml.c5.large", "ml.m5.xlarge");
            assertThat(create.get("StoppingConditions").get("ModelLatencyThresholds").get(0).get("ValueInMilliseconds")
                    .asInt()).isEqualTo(100);

            Recommendation result = model.resultProperty().get();
            assertThat(result.rows()).extracting(Recommendation.Row::instanceType)
                    .containsExactlyInAnyOrder("ml.m5.xlarge", "ml.c5.large");
            // ml.c5.large is cheaper but over the p99 limit
            assertThat(result.recommended().instanceType()).isEqualTo("ml.m5.xlarge");
            assertThat(result.verdict()).startsWith("Recommended: 2 × ml.m5.xlarge for 300 requests/s within p99 100 ms");
            assertThat(model.progress()).first().asString().startsWith("Started the Inference Recommender job studio-churn-model-");
            assertThat(model.progress()).last().asString().endsWith(" is COMPLETED");
            Path csv = dir.resolve("recommendation.csv");
            model.export(csv);
            assertThat(Files.readString(csv)).startsWith("instance_type,").contains("ml.m5.xlarge,");
        }
    }

    @Test
    void aModelThatIsNotOnTheConnectionIsAProblemOfTheModelNameFieldAndNoJobStarts(MotoServer moto) {
        try (StudioServices services = moto.services(dir); TestJobs jobs = TestJobs.direct()) {
            RecommendViewModel model = model(services, jobs, through(moto, new InferenceRecommenderApi(0)));
            model.method.set(RecommendMethod.DEFAULT_JOB);
            model.modelName.set(" ");
            assertThat(model.problems()).extracting(FieldError::toString)
                    .containsExactly("Model name: name the Model to test (it must exist on this connection)");
            model.modelName.set("churn-v2");

            model.start();

            assertThat(model.problems()).extracting(FieldError::toString).containsExactly("Model name: the Model "
                    + "churn-v2 doesn't exist on this connection: deploy the spec first, or name an existing Model");
            assertThat(jobs.failures()).as("shown at the field, not as an error dialog").isEmpty();
            assertThat(operations()).containsExactly("DescribeModel");
            assertThat(model.resultProperty().get()).isNull();
        }
    }

    @Test
    void onLocalOnlyTheStudiosLoadTestIsOffered(MotoServer moto) {
        try (StudioServices services = moto.services(dir); TestJobs jobs = TestJobs.direct()) {
            RecommendViewModel model = model(services, jobs, Connection.local());
            assertThat(model.methods()).containsExactly(RecommendMethod.LOAD_TEST);
            model.method.set(RecommendMethod.DEFAULT_JOB);
            assertThat(model.problems()).extracting(FieldError::toString)
                    .containsExactly("Recommend with: AWS's Inference Recommender runs on AWS only");
            model.start();
            assertThat(model.runningProperty().get()).isFalse();
            assertThat(model.resultProperty().get()).isNull();
        }
    }

    @Test
    void cancellingStopsTheJobOnAws(MotoServer moto) {
        try (StudioServices services = moto.services(dir); TestJobs jobs = TestJobs.threaded()) {
            RecommendViewModel model = model(services, jobs, through(moto, new InferenceRecommenderApi(1000)));
            jobs.onFx(() -> model.method.set(RecommendMethod.DEFAULT_JOB));
            jobs.onFx(model::start);
            assertThat(jobs.await(Duration.ofSeconds(20), () -> model.progress().stream()
                    .anyMatch(line -> line.endsWith(" is IN_PROGRESS")))).isTrue();

            jobs.onFx(model::cancel); // the job waits half a minute between describes: the cancel wakes it

            assertThat(jobs.await(Duration.ofSeconds(10), () -> model.progress().stream()
                    .anyMatch(line -> line.startsWith("Stopped the Inference Recommender job studio-churn-model-")))).isTrue();
            assertThat(operations()).endsWith("StopInferenceRecommendationsJob");
            assertThat(jobs.onFx(() -> model.progress().stream().anyMatch(line -> line.startsWith(
                    "Cancelled: stopping the Inference Recommender job studio-churn-model-")))).isTrue();
            assertThat(jobs.onFx(() -> model.runningProperty().get())).isFalse();
            assertThat(jobs.onFx(() -> model.resultProperty().get())).isNull();
        }
    }
}
