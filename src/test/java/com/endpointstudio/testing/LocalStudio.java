package com.endpointstudio.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.hosting.aws.AwsEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A studio with nothing but its Local connection, under a test's folder, and the packaged sample model
 * deployed on it the way the deploy wizard does: what the screen tests of Local endpoints start from.
 */
public final class LocalStudio {

    private final Path dir;
    private final StudioServices services;

    private LocalStudio(Path dir) {
        this.dir = dir;
        this.services = new StudioServices(StudioPaths.under(dir.resolve("studio")),
                AwsEnvironment.fromFiles(dir.resolve("none"), dir.resolve("none"), Map.of()));
    }

    /** A studio without AWS profiles whose files are under {@code dir}. */
    public static LocalStudio in(Path dir) {
        return new LocalStudio(dir);
    }

    public StudioServices services() {
        return services;
    }

    /** The sample model (a linear model of house prices) packaged as houses.tar.gz. */
    public Path sampleArchive() throws Exception {
        Path artifact = dir.resolve("houses.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), artifact, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        return artifact;
    }

    /** A real-time spec of the packaged sample: one variant on ml.m5.large. */
    public DeploymentSpec sampleSpec(String endpoint) throws Exception {
        return SpecDefaults.realTime(endpoint).modelData(sampleArchive().toString()).instanceType("ml.m5.large").build();
    }

    /** Deploys {@code spec} on the Local connection and waits for InService. */
    public void deploy(DeploymentSpec spec) {
        try (var session = services.hostingProvider().open(Connection.local())) {
            DeploymentRunner runner = new DeploymentRunner(session.hosting(),
                    new DeploymentJournal(dir.resolve("journal")), Duration.ofMillis(50), Duration.ofMinutes(2));
            DeploymentRecord record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
            assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        }
    }
}
