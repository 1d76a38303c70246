package com.endpointstudio.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.recommend.Recommender;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Opening a connection deletes in moto what a right-sizing run stopped by a crash left there, and
 * the status line says so; another connection's leftovers wait for that connection.
 */
@ExtendWith(MotoExtension.class)
class RecommendLeftoversTest {

    @TempDir
    Path dir;

    @Test
    void openingTheConnectionDeletesWhatACrashedRunLeftAndSaysSo(MotoServer moto) {
        moto.reset();
        try (StudioServices services = moto.services(dir)) {
            DeploymentJournal journal = new DeploymentJournal(dir.resolve("deployments"));
            DeploymentSpec crashed = Recommender.temporary(TestSpecs.simple("churn"), "ml.c5.large", "crash3");
            try (HostingProvider.Session session = services.hostingProvider().open(moto.connection())) {
                DeploymentRunner runner = new DeploymentRunner(session.hosting(), journal, Duration.ofMillis(50),
                        Duration.ofMinutes(1));
                DeploymentRecord made = runner.run(runner.plan(crashed, "recommend:" + moto.connection().place(), true),
                        e -> { }, CancelToken.none());
                assertThat(made.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
            }
            assertThat(left(services, moto)).hasSize(3);
            TestJobs jobs = TestJobs.direct();
            RecommendLeftovers leftovers = new RecommendLeftovers(services.hostingProvider(), journal, jobs.jobs());

            leftovers.cleanUp(new Connection("other", "Other", moto.connection().kind(), "other-profile", "eu-west-1",
                    moto.endpointUrl()));
            assertThat(left(services, moto)).as("another connection's place").hasSize(3);

            // the studio's own connection record has another id than the run's, the same place
            leftovers.cleanUp(moto.connection().withId("studio-connection"));

            assertThat(jobs.failures()).isEmpty();
            assertThat(left(services, moto)).as("nothing left behind").isEmpty();
            assertThat(jobs.status().messageProperty().get()).isEqualTo("Deleted 1 temporary endpoint ("
                    + crashed.endpoint().name() + ") with its config and model, left on Moto · us-east-1 by a "
                    + "recommendation that was stopped");

            leftovers.cleanUp(moto.connection());
            assertThat(jobs.failures()).as("the next start finds nothing to do").isEmpty();
        }
    }

    private static List<String> left(StudioServices services, MotoServer moto) {
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            List<String> left = new ArrayList<>();
            sagemaker.listEndpoints().endpoints().forEach(e -> left.add(e.endpointName()));
            sagemaker.listEndpointConfigs().endpointConfigs().forEach(c -> left.add(c.endpointConfigName()));
            sagemaker.listModels().models().forEach(m -> left.add(m.modelName()));
            return left;
        }
    }
}
