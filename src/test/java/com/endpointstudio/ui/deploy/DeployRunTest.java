package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.InterceptingProxy;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy step without a toolkit, against moto server behind a recording server that refuses
 * CreateEndpoint as SageMaker does when an account's instance limit is reached (moto never does).
 */
@ExtendWith(MotoExtension.class)
class DeployRunTest {

    @TempDir
    Path dir;

    @Test
    void aFailedDeployShowsAndJournalsTheAwsErrorCodeAndRequestId(MotoServer moto) throws Exception {
        moto.reset();
        try (StudioServices services = moto.services(dir); InterceptingProxy proxy = new InterceptingProxy(moto.endpointUrl())) {
            proxy.refuse("SageMaker.CreateEndpoint", 400, "ResourceLimitExceeded", "The account-level service limit "
                    + "'ml.m5.large for endpoint usage' is 0 Instances, with current utilization of 0 Instances and a "
                    + "request delta of 1 Instances.", "4b5c9e1a-limit");
            Connection aws = new Connection("moto-connection", "Moto", ConnectionKind.AWS, MotoServer.PROFILE,
                    MotoServer.REGION, proxy.url());
            DeploymentSpec spec = SpecDefaults.realTime("churn").image(
                            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                    .modelData("s3://models/churn/model.tar.gz").executionRole("arn:aws:iam::123456789012:role/R")
                    .instanceType("ml.m5.large").build();
            DeploymentJournal journal = new DeploymentJournal(dir.resolve("deployments"));
            TestJobs jobs = TestJobs.direct();
            DeployRun run = new DeployRun(services.hostingProvider(), journal, Duration.ofMillis(10), jobs.jobs());

            run.start(spec, aws);

            DeploymentRecord failed = run.recordProperty().get();
            assertThat(failed.state()).isEqualTo(DeploymentRecord.State.FAILED);
            assertThat(run.outcomeProperty().get()).startsWith("Failed: ").contains("account-level service limit")
                    .contains("error code ResourceLimitExceeded").contains("request id 4b5c9e1a-limit");
            assertThat(jobs.failures()).singleElement().isInstanceOfSatisfying(StudioException.class, error -> {
                assertThat(error.errorCode()).contains("ResourceLimitExceeded");
                assertThat(error.requestId()).contains("4b5c9e1a-limit");
            });
            assertThat(run.timeline()).filteredOn(e -> e.kind() == DeploymentEvent.Kind.STEP_FAILED).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("ResourceLimitExceeded").contains("4b5c9e1a-limit"));
            DeploymentRecord journaled = journal.load(failed.runId()).orElseThrow();
            assertThat(journaled.failure().errorCode()).isEqualTo("ResourceLimitExceeded");
            assertThat(journaled.failure().requestId()).isEqualTo("4b5c9e1a-limit");
            assertThat(journaled.steps()).filteredOn(step -> step.state() == DeploymentRecord.StepState.FAILED)
                    .singleElement().satisfies(step -> {
                        assertThat(step.kind()).isEqualTo(DeploymentRecord.StepKind.CREATE_ENDPOINT);
                        assertThat(step.failure().errorCode()).isEqualTo("ResourceLimitExceeded");
                    });
            assertThat(Files.readString(dir.resolve("deployments").resolve(failed.runId() + ".json")))
                    .contains("\"errorCode\" : \"ResourceLimitExceeded\"").contains("\"requestId\" : \"4b5c9e1a-limit\"");

            run.rollback();
            assertThat(run.recordProperty().get().state()).isEqualTo(DeploymentRecord.State.ROLLED_BACK);
            assertThat(proxy.calls()).contains("SageMaker.DeleteEndpointConfig", "SageMaker.DeleteModel");
        }
    }
}
