package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.loadtest.LoadGenerator;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The window's load tests in a load generator's JVM: a real `loadtest --format jsonl` process against moto. */
@ExtendWith(MotoExtension.class)
class LoadGeneratorProcessTest {

    @TempDir
    Path dir;

    private MotoServer moto;
    private LoadGenerator generator;

    @BeforeEach
    void start(MotoServer server) {
        moto = server;
        moto.reset();
        generator = LoadGeneratorProcess.of(dir.resolve("scratch"), Map.of("AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing", "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "XDG_DATA_HOME", dir.resolve("data").toString()), () -> { });
    }

    private Connection moto() {
        return Connection.aws("moto", null, MotoServer.REGION, moto.endpointUrl());
    }

    private static InvocationRequest request() {
        return new InvocationRequest("houses", "application/json", null, "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8),
                "AllTraffic", null, null, null, "trace=1", null);
    }

    @Test
    void aTestRunsInItsOwnJvmAndReportsItsSecondsAndItsFigures() {
        List<LoadTestSnapshot> seconds = new CopyOnWriteArrayList<>();

        LoadTestReport report = generator.run(moto(), request(), new LoadTestPlan(2, 60, null, 40.0), seconds::add,
                CancelToken.none());

        assertThat(report.endpointName()).isEqualTo("houses");
        assertThat(report.completed()).isEqualTo(60);
        assertThat(report.failed()).isZero();
        assertThat(report.cancelled()).isFalse();
        assertThat(report.plan()).isEqualTo(new LoadTestPlan(2, 60, null, 40.0));
        assertThat(report.latency().count()).isEqualTo(60);
        assertThat(report.elapsed()).isBetween(Duration.ofMillis(1200), Duration.ofSeconds(10)); // 60 at 40/s
        assertThat(seconds).isNotEmpty();
        assertThat(seconds.get(seconds.size() - 1).completed()).isEqualTo(60);
        assertThat(report.timeline()).isNotEmpty();
        try (var left = Files.list(dir.resolve("scratch"))) {
            assertThat(left).as("the request body handed over is removed").isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stoppingEndsTheTestEarlyAndItStillReports() {
        CancelToken stop = new CancelToken();
        List<LoadTestSnapshot> seconds = new CopyOnWriteArrayList<>();
        long began = System.nanoTime();

        LoadTestReport report = generator.run(moto(), request(), new LoadTestPlan(2, null, Duration.ofMinutes(2), 20.0),
                second -> {
                    seconds.add(second);
                    stop.cancel();
                }, stop);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
        assertThat(report.cancelled()).isTrue();
        assertThat(report.completed()).isPositive().isLessThan(2 * 60 * 20);
        assertThat(seconds).isNotEmpty();
    }

    @Test
    void whyATestCouldNotRunIsTheLoadGeneratorsOwnError() {
        Connection unknownProfile = Connection.aws("gone", "no-such-profile", MotoServer.REGION, moto.endpointUrl());

        assertThatThrownBy(() -> generator.run(unknownProfile, request(), new LoadTestPlan(1, 5, null, null),
                second -> { }, CancelToken.none()))
                .isInstanceOf(StudioException.class)
                .hasMessageStartingWith("The load test did not run: AWS profile 'no-such-profile' is not in your AWS "
                        + "configuration");
    }

    @Test
    void aLocalEndpointIsCalledThroughTheWindowsRuntimeServerWhichStartsFirst() throws Exception {
        Path home = dir.resolve("studio");
        try (StudioServices services = new StudioServices(StudioPaths.under(home),
                MotoServer.awsEnvironment(dir.resolve(".aws")))) {
            Path archive = dir.resolve("sample.tar.gz");
            new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), archive, Compression.FAST, false,
                    ProgressListener.NONE, CancelToken.none());
            services.localHost().create("houses", archive, "custom", line -> { });
            services.serveLocalEndpoints(); // as the window does; its runtime server starts on first use
            LoadGenerator local = LoadGeneratorProcess.under(home, dir.resolve("scratch"), Map.of(),
                    services::localRuntimeUrl);

            LoadTestReport report = local.run(Connection.local(), new InvocationRequest("houses", "application/json",
                    null, "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8), null, null, null, null, null, null),
                    new LoadTestPlan(2, 30, null, null), second -> { }, CancelToken.none());

            assertThat(report.completed()).isEqualTo(30);
            assertThat(report.errors()).isEmpty();
            assertThat(report.failed()).isZero();
        }
    }

    @Test
    void theArgumentsCarryEveryFieldOfTheRequestAndThePlan() {
        InvocationRequest request = new InvocationRequest("houses", "text/csv", "application/json", new byte[0], "B",
                "m2.tar.gz", "second", "id-7", "-x", "ic-1");
        List<String> args = LoadGeneratorProcess.arguments(moto(), request,
                new LoadTestPlan(8, null, Duration.ofMillis(1500), 12.5, Duration.ofSeconds(2)), Path.of("/tmp/b.bin"));

        assertThat(args).containsExactly("loadtest", "houses", "--concurrency", "8", "--duration=PT1.5S", "--rate=12.5",
                "--warmup=PT2S", "--content-type=text/csv", "--accept=application/json", "--body=@/tmp/b.bin",
                "--target-variant=B", "--target-model=m2.tar.gz", "--target-container-hostname=second",
                "--inference-id=id-7", "--custom-attributes=-x", "--inference-component=ic-1",
                "--region=" + MotoServer.REGION, "--endpoint-url=" + moto.endpointUrl(), "--yes", "--format", "jsonl",
                "--stop-on-input");
    }
}
