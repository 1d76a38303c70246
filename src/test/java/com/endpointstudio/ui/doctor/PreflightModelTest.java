package com.endpointstudio.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.doctor.Doctor;
import com.endpointstudio.core.doctor.ImagePackages;
import com.endpointstudio.core.doctor.Preflight;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.hosting.local.PythonInterpreter;
import com.endpointstudio.hosting.local.PythonScriptAnalyzer;
import com.endpointstudio.testing.TestArchives;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Deploy clicked while the deploy doctor checks the spec: it goes ahead when the check ends clean, and
 * not when the spec changed or stopped passing meanwhile, which the deploy step then says.
 */
class PreflightModelTest {

    @TempDir
    Path dir;

    private final TestJobs jobs = TestJobs.threaded();
    private final CountDownLatch doctorMayStart = new CountDownLatch(1);
    private final AtomicInteger deploys = new AtomicInteger();
    private final Connection local = Connection.local();
    private PreflightModel preflight;
    private Path archive;

    @BeforeEach
    void setUp() {
        archive = TestArchives.model(dir.resolve("model.tar.gz"), "timeline");
        Preflight checks = new Preflight(InstanceCatalog.load(), ImagePackages.load(),
                new PythonScriptAnalyzer(() -> PythonInterpreter.detect(null), dir.resolve("adapter")));
        preflight = new PreflightModel(() -> {
            try {
                doctorMayStart.await(); // the doctor still checking while the test clicks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Doctor(checks);
        }, null, jobs.jobs());
    }

    @AfterEach
    void tearDown() {
        doctorMayStart.countDown();
        jobs.close();
    }

    private DeploymentSpec spec(String instanceType) {
        return SpecDefaults.realTime("churn")
                .image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                .modelData(archive.toString()).executionRole("arn:aws:iam::123456789012:role/SageMakerRole")
                .instanceType(instanceType).build();
    }

    private void clickDeployWhileChecking(DeploymentSpec spec) {
        jobs.onFx(() -> {
            preflight.examine(spec, local);
            preflight.whenExamined(deploys::incrementAndGet);
        });
        assertThat(jobs.onFx(() -> preflight.runningProperty().get())).isTrue();
    }

    @Test
    void aDeployWaitingForTheDoctorGoesAheadWhenTheCheckEndsClean() {
        clickDeployWhileChecking(spec("ml.m5.large"));
        doctorMayStart.countDown();
        assertThat(jobs.await(Duration.ofSeconds(30), () -> deploys.get() == 1)).isTrue();
        assertThat(jobs.onFx(() -> preflight.withdrawnProperty().get())).isNull();
    }

    @Test
    void aDeployWaitingForTheDoctorIsWithdrawnWhenTheSpecChangesMeanwhile() {
        clickDeployWhileChecking(spec("ml.m5.large"));
        jobs.onFx(() -> preflight.examine(spec("ml.m5.xlarge"), local));
        assertThat(jobs.onFx(() -> preflight.withdrawnProperty().get()))
                .startsWith("Deploy did not start: the spec changed while the deploy doctor was checking it");
        doctorMayStart.countDown();
        assertThat(jobs.await(Duration.ofSeconds(30), () -> !preflight.runningProperty().get())).isTrue();
        assertThat(deploys).hasValue(0);

        // the next Deploy clears the notice and goes ahead
        jobs.onFx(() -> preflight.whenExamined(deploys::incrementAndGet));
        assertThat(deploys).hasValue(1);
        assertThat(jobs.onFx(() -> preflight.withdrawnProperty().get())).isNull();
    }

    /** Fields that stop passing stop the examination: the spec as it was is not deployed unchecked. */
    @Test
    void aDeployWaitingForTheDoctorIsWithdrawnWhenTheFieldsStopPassing() {
        clickDeployWhileChecking(spec("ml.m5.large"));
        jobs.onFx(() -> preflight.examine(null, local));
        doctorMayStart.countDown();
        assertThat(jobs.await(Duration.ofSeconds(5), () -> !preflight.runningProperty().get())).isTrue();
        assertThat(deploys).hasValue(0);
        assertThat(jobs.onFx(() -> preflight.withdrawnProperty().get())).startsWith("Deploy did not start");
    }
}
