package com.endpointstudio.ui.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.packaging.HandlerTemplates;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaging wizard's view models without a toolkit: the build and the archive opened again run as jobs. */
class PackagingViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theSampleBuildsAndItsArchiveOpensAgainForInspection() {
        TestJobs jobs = TestJobs.direct();
        PackagingViewModel model = new PackagingViewModel(new ModelPackager(), new HandlerTemplates(), jobs.jobs());
        model.loadSample();
        assertThat(model.hasErrorsProperty().get()).isFalse();
        Path archive = dir.resolve("houses.tar.gz");
        model.build().outputProperty().set(archive.toString());

        model.build().start();

        assertThat(model.build().resultProperty().get().sha256()).hasSize(64);
        assertThat(model.build().outcomeProperty().get()).startsWith("Built " + archive);
        assertThat(model.build().runningProperty().get()).isFalse();
        assertThat(Files.exists(archive)).isTrue();

        model.open(archive);
        assertThat(model.inspectionProperty().get().contents().files()).isNotEmpty();
        assertThat(jobs.reported()).isEmpty();
    }

    @Test
    void aCancelledBuildLeavesNoFileAndSaysSo() throws Exception {
        try (TestJobs jobs = TestJobs.threaded()) {
            PackagingViewModel model = jobs.onFx(() -> new PackagingViewModel(new ModelPackager(),
                    new HandlerTemplates(), jobs.jobs()));
            Path weights = Files.createDirectories(dir.resolve("big"));
            byte[] block = new byte[1 << 20];
            new java.util.Random(7).nextBytes(block); // random bytes compress slowly
            for (int i = 0; i < 64; i++) {
                Files.write(weights.resolve("part-" + i + ".bin"), block);
            }
            jobs.onFx(() -> {
                model.loadSample();
                model.drop(java.util.List.of(weights));
            });
            assertThat(jobs.await(Duration.ofSeconds(10), () -> model.tree().paths().size() > 64
                    && model.build().canBuildProperty().get())).isTrue();
            Path archive = dir.resolve("big.tar.gz");
            jobs.onFx(() -> {
                model.build().outputProperty().set(archive.toString());
                model.build().start();
            });
            assertThat(jobs.await(Duration.ofSeconds(10), () -> model.build().progressProperty().get() > 0)).isTrue();

            jobs.onFx(() -> model.build().cancel());

            assertThat(jobs.await(Duration.ofSeconds(10), () -> model.build().outcomeProperty().get()
                    .equals("Cancelled; the partial output was removed."))).isTrue();
            assertThat(Files.exists(archive)).isFalse();
            assertThat(jobs.onFx(() -> model.build().resultProperty().get())).isNull();
            assertThat(jobs.reported()).isEmpty();
        }
    }
}
