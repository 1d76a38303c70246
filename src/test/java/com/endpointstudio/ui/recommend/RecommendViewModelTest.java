package com.endpointstudio.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The deploy wizard's right-sizing without a toolkit: candidates from the spec, the run's cost and
 * budget before anything starts, then temporary endpoints in moto measured and all deleted.
 */
@ExtendWith(MotoExtension.class)
class RecommendViewModelTest {

    private static final String CPU_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    private static final String GPU_IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-gpu-py311";

    @TempDir
    Path dir;

    private static DeploymentSpec spec(String image, String type) {
        return SpecDefaults.realTime("churn").image(image).modelData("s3://models/churn/model.tar.gz")
                .executionRole("arn:aws:iam::123456789012:role/R").instanceType(type).build();
    }

    @Test
    void candidatesFollowTheImagesAcceleratorAndTheBudgetIsCheckedBeforeAnythingStarts(MotoServer moto) {
        try (StudioServices services = moto.services(dir)) {
            TestJobs jobs = TestJobs.direct();
            RecommendViewModel cpu = new RecommendViewModel(jobs.jobs(), services.hostingProvider(),
                    new DeploymentJournal(dir.resolve("deployments")), InstanceCatalog.load(), spec(CPU_IMAGE,
                    "ml.m5.xlarge"), moto.connection());
            assertThat(cpu.candidates.get()).startsWith("ml.m5.xlarge, ml.c5.large").doesNotContain("ml.g");
            RecommendViewModel gpu = new RecommendViewModel(jobs.jobs(), services.hostingProvider(),
                    new DeploymentJournal(dir.resolve("deployments")), InstanceCatalog.load(), spec(GPU_IMAGE,
                    "ml.g5.xlarge"), moto.connection());
            assertThat(gpu.candidates.get().split(", ")).allMatch(type -> type.startsWith("ml.g"));

            assertThat(cpu.estimateProperty().get()).startsWith("The run starts every candidate's temporary endpoint");
            cpu.budgetUsd.set("0.01");
            assertThat(cpu.problems()).extracting(FieldError::field).containsExactly("Budget (USD)");
            cpu.budgetUsd.set("");
            cpu.candidates.set("ml.c5.large, ml.nothing.large");
            cpu.targetRps.set("fast");
            assertThat(cpu.problems()).extracting(FieldError::toString).containsExactly(
                    "Instance types: 'ml.nothing.large' is not an endpoint instance type",
                    "Target requests/s: must be a number above 0");

            cpu.start();
            assertThat(cpu.resultProperty().get()).as("nothing starts with problems").isNull();
            assertThat(cpu.progress()).isEmpty();
        }
    }

    @Test
    void aRunMeasuresEachCandidateOnATemporaryEndpointAndDeletesThemAll(MotoServer moto) throws Exception {
        moto.reset();
        moto.answerInvocations("[1]");
        try (StudioServices services = moto.services(dir)) {
            TestJobs jobs = TestJobs.direct();
            RecommendViewModel model = new RecommendViewModel(jobs.jobs(), services.hostingProvider(),
                    new DeploymentJournal(dir.resolve("deployments")), InstanceCatalog.load(), spec(CPU_IMAGE,
                    "ml.c5.large"), moto.connection());
            model.candidates.set("ml.c5.large, ml.m5.large");
            model.stepSeconds.set("0.3");
            model.body.set("[[3, 80, 12]]");

            model.start();

            Recommendation result = model.resultProperty().get();
            assertThat(jobs.failures()).isEmpty();
            assertThat(result.rows()).extracting(Recommendation.Row::instanceType)
                    .containsExactly("ml.c5.large", "ml.m5.large");
            assertThat(result.rows()).allSatisfy(row -> {
                assertThat(row.maxRpsPerInstance()).isPositive();
                assertThat(row.perMillionUsd()).isPositive();
                assertThat(row.perMillionPlanUsd()).isLessThan(row.perMillionUsd());
            });
            assertThat(result.recommended().instanceType()).isEqualTo("ml.c5.large"); // cheaper, both sustain it
            assertThat(model.progress()).anySatisfy(line -> assertThat(line).startsWith("ml.m5.large: deleted rec-"));
            try (var session = services.sessions().open(moto.connection());
                 SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
                List<String> left = new ArrayList<>();
                sagemaker.listEndpoints().endpoints().forEach(e -> left.add(e.endpointName()));
                sagemaker.listModels().models().forEach(m -> left.add(m.modelName()));
                assertThat(left).as("nothing left behind").isEmpty();
            }

            Path csv = dir.resolve("recommendation.csv");
            model.export(csv);
            assertThat(Files.readString(csv)).startsWith("instance_type,max_rps_per_instance").contains("ml.m5.large,");
        }
    }
}
