package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy wizard's view model without a toolkit: the rules follow the connection, specs go to disk and back as jobs. */
class DeployViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theDraftIsCheckedWithTheActiveConnectionsRulesAndASavedSpecOpensTheSame() throws Exception {
        TestJobs jobs = TestJobs.direct();
        AtomicReference<Connection> active = new AtomicReference<>(Connection.aws("Prod", "prod", "eu-west-1", null));
        DeployViewModel model = new DeployViewModel(() -> active.get().region(), ImageCatalog.load(),
                InstanceCatalog.load(), jobs.jobs());
        model.useRunner(null, active::get);
        Path artifact = com.endpointstudio.testing.TestArchives.tarGz(Files.createDirectories(dir.resolve("churn"))
                .resolve("model.tar.gz"), java.util.Map.of("xgboost-model", "booster"));
        model.useModelData(artifact, false);
        model.draft().framework.set("xgboost");
        model.draft().frameworkVersion.set("1.7-1");
        model.connectionChanged(active.get());

        assertThat(model.draft().name.get()).isEqualTo("churn"); // named after the artifact's folder
        assertThat(model.draft().image.get()).isEqualTo(
                "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
        assertThat(model.problems()).as(model.problems().toString()).extracting(FieldError::field)
                .containsExactly("Execution role ARN");

        active.set(Connection.local());
        model.connectionChanged(Connection.local());
        assertThat(model.problems()).isEmpty(); // Local assumes no role
        assertThat(model.costTextProperty().get()).startsWith("Local hosting runs on this computer at no charge.");

        Path file = dir.resolve("churn.json");
        var before = model.spec();
        model.saveSpec(file);
        model.draft().name.set("renamed");
        model.loadSpec(file);
        assertThat(model.draft().name.get()).isEqualTo("churn");
        assertThat(model.spec()).isEqualTo(before);
        assertThat(jobs.status().messageProperty().get()).isEqualTo("Opened " + file);
        assertThat(jobs.reported()).isEmpty();
    }

    @Test
    void localModelDataIsReadOffTheFxThreadAndItsProblemShowsOnceRead() throws Exception {
        try (TestJobs jobs = TestJobs.threaded()) {
            Thread fx = jobs.onFx(Thread::currentThread);
            java.util.List<Thread> readers = new java.util.concurrent.CopyOnWriteArrayList<>();
            DeployViewModel model = jobs.onFx(() -> new DeployViewModel(() -> null, ImageCatalog.load(),
                    InstanceCatalog.load(), jobs.jobs()));
            Path missing = dir.resolve("missing.tar.gz");
            boolean knownAtOnce = jobs.onFx(() -> {
                model.useRunner(null, Connection::local);
                model.connectionChanged(Connection.local());
                model.draft().framework.set("sklearn");
                model.draft().modelData.set(missing.toString());
                model.problems().addListener((javafx.collections.ListChangeListener<FieldError>) c -> readers.add(
                        Thread.currentThread()));
                return model.problems().stream().anyMatch(p -> p.field().equals("Model data"));
            });
            assertThat(knownAtOnce).as("the FX thread did not read the disk").isFalse();

            assertThat(jobs.await(java.time.Duration.ofSeconds(10), () -> model.problems().stream()
                    .anyMatch(p -> p.message().contains(missing.toAbsolutePath() + " does not exist")))).isTrue();
            assertThat(readers).as("the answer comes back to the FX thread").containsOnly(fx);

            Path archive = com.endpointstudio.testing.TestArchives.tarGz(missing,
                    java.util.Map.of("model.joblib", "m"));
            Thread.sleep(2100); // the answer is two seconds old: the next edit reads the path again
            jobs.onFx(() -> model.draft().name.set("churn"));
            assertThat(jobs.await(java.time.Duration.ofSeconds(10), () -> model.problems().stream()
                    .noneMatch(p -> p.field().equals("Model data")))).as(archive + " made meanwhile").isTrue();
        }
    }
}
