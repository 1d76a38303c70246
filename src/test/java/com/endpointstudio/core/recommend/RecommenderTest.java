package com.endpointstudio.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The recommender's temporary endpoints are created in moto and always deleted; its load steps call a
 * test runtime whose endpoints serve like instances of known capacity — a number of requests at once,
 * 20 ms each, the rest queued — so the right answer is known.
 */
@ExtendWith(MotoExtension.class)
class RecommenderTest {

    /** Requests an instance of each type serves at once: 2 at 20 ms is 100 requests/s, 4 is 200. */
    private static final Map<String, Integer> CAPACITY = Map.of("c5-large", 2, "m5-xlarge", 4);
    private static final Recommender.Pricing PRICES = type -> type.equals("ml.c5.large") ? 0.10 : 0.23;

    @TempDir
    Path dir;

    private AwsSession session;
    private SageMakerClient sagemaker;
    private DeploymentJournal journal;
    private DeploymentRunner runner;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        sagemaker = session.client(SageMakerClient.builder());
        journal = new DeploymentJournal(dir.resolve("journal"));
        runner = new DeploymentRunner(AwsHosting.of(session), journal, Duration.ofMillis(50), Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        sagemaker.close();
        session.close();
    }

    /** Endpoints whose name says their type serve with that type's capacity; others fail. */
    private static final class Instances {
        private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

        InvocationResult invoke(InvocationRequest request) {
            String type = CAPACITY.keySet().stream().filter(request.endpointName()::contains).findFirst().orElseThrow();
            Semaphore slot = slots.computeIfAbsent(request.endpointName(), name -> new Semaphore(CAPACITY.get(type), true));
            slot.acquireUninterruptibly();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slot.release();
            }
            return new InvocationResult(200, "application/json", "[1]".getBytes(), "AllTraffic", null,
                    Duration.ofMillis(20), Duration.ofMillis(20), null, null);
        }
    }

    private Recommender recommender() {
        return new Recommender(new Instances()::invoke, journal, runner, new StepSearch(new LoadTester(), Duration.ofMillis(1500),
                Duration.ofMillis(200), 32), AwsHosting.of(session).metrics(), "test");
    }

    private List<String> everything() {
        List<String> left = new ArrayList<>();
        sagemaker.listEndpoints().endpoints().forEach(e -> left.add("endpoint " + e.endpointName()));
        sagemaker.listEndpointConfigs().endpointConfigs().forEach(c -> left.add("config " + c.endpointConfigName()));
        sagemaker.listModels().models().forEach(m -> left.add("model " + m.modelName()));
        return left;
    }

    @Test
    void theSearchFindsWhatEachTypeSustainsAndTheCheapestWayToServeTheTarget() {
        List<String> progress = new ArrayList<>();
        Recommendation result = recommender().run(TestSpecs.simple("churn"), List.of("ml.c5.large", "ml.m5.xlarge"),
                new Recommender.Goal(400, 100), 2, InvocationRequest.of("x", "application/json", "[1]".getBytes()),
                PRICES, progress::add, CancelToken.none());

        var small = result.rows().get(0);
        var large = result.rows().get(1);
        assertThat(small.maxRpsPerInstance()).isBetween(80.0, 105.0);
        assertThat(large.maxRpsPerInstance()).isBetween(160.0, 210.0);
        assertThat(small.p99Ms()).isLessThanOrEqualTo(100.0);
        assertThat(small.instances()).isBetween(4, 5);
        assertThat(large.instances()).isBetween(2, 3);
        assertThat(result.recommended().instanceType()).isEqualTo("ml.c5.large");
        assertThat(small.perMillionUsd()).isCloseTo(0.10 / (small.maxRpsPerInstance() * 3600) * 1e6,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.table()).contains("Recommended: " + small.instances() + " × ml.c5.large for 400 requests/s");
        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("ml.c5.large: deleted rec-"));
        assertThat(everything()).as("nothing left behind").isEmpty();
    }

    @Test
    void aCancelledRunDeletesItsTemporaryEndpoints() {
        CancelToken cancel = new CancelToken();
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> recommender().run(TestSpecs.simple("churn"), List.of("ml.c5.large", "ml.m5.xlarge"),
                new Recommender.Goal(400, 100), 2, InvocationRequest.of("x", "application/json", "[1]".getBytes()),
                PRICES, line -> {
                    progress.add(line);
                    if (line.contains("in flight")) {
                        cancel.cancel();
                    }
                }, cancel)).isInstanceOf(CancellationException.class);
        assertThat(everything()).as("nothing left behind").isEmpty();
    }

    @Test
    void whatARunStoppedByACrashLeftIsDeletedByTheNext() {
        DeploymentSpec temporary = Recommender.temporary(TestSpecs.simple("churn"), "ml.c5.large", "crash1");
        DeploymentRecord record = runner.run(runner.plan(temporary, "recommend:test", true), e -> { }, CancelToken.none());
        assertThat(record.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(everything()).hasSize(3);

        assertThat(recommender().cleanUpLeftovers()).containsExactly(temporary.endpoint().name());
        assertThat(everything()).isEmpty();
        assertThat(recommender().cleanUpLeftovers()).isEmpty();
    }

    @Test
    void theEndpointsOfARunStillAliveAreLeftAloneByCleanUp() {
        DeploymentSpec stopped = Recommender.temporary(TestSpecs.simple("churn"), "ml.c5.large", "crash2");
        DeploymentSpec alive = Recommender.temporary(TestSpecs.simple("churn"), "ml.m5.xlarge", "alive1");
        runner.run(runner.plan(stopped, "recommend:test", true), e -> { }, CancelToken.none());
        runner.run(runner.plan(alive, "recommend:test", true), e -> { }, CancelToken.none());

        try (RunLock running = RunLock.hold(journal.folder(), "alive1")) {
            assertThat(Recommender.cleanUpLeftovers(journal, runner, "test")).containsExactly(stopped.endpoint().name());
            assertThat(everything()).containsExactlyInAnyOrder("endpoint " + alive.endpoint().name(),
                    "config " + alive.endpointConfig().name(), "model " + alive.models().get(0).name());
            assertThat(Recommender.hasLeftovers(journal, "test")).isFalse();
        }
        assertThat(Recommender.hasLeftovers(journal, "test")).as("the run ended without cleaning up").isTrue();
        assertThat(Recommender.cleanUpLeftovers(journal, runner, "elsewhere")).as("another place's").isEmpty();
        assertThat(Recommender.cleanUpLeftovers(journal, runner, "test")).containsExactly(alive.endpoint().name());
        assertThat(everything()).isEmpty();
    }

    @Test
    void theInstancesUtilisationDuringTheBestStepComesFromCloudWatchAndAMetricWithoutDataIsBlank() throws Exception {
        String[] endpoint = new String[1];
        try (CloudWatchClient cloudWatch = session.client(CloudWatchClient.builder())) {
            // what SageMaker would publish for the instance while it serves: CPU and memory, no GPU
            Recommendation result = recommender().run(TestSpecs.simple("churn"), List.of("ml.c5.large"),
                    new Recommender.Goal(100, 100), 1, InvocationRequest.of("x", "application/json", "[1]".getBytes()),
                    PRICES, line -> {
                        if (line.startsWith("ml.c5.large: load steps against ")) {
                            endpoint[0] = line.substring(line.lastIndexOf(' ') + 1);
                        } else if (line.contains(" in flight, ")) {
                            Instant during = Instant.now().minusMillis(500); // inside the step just measured
                            cloudWatch.putMetricData(b -> b.namespace("/aws/sagemaker/Endpoints").metricData(
                                    datum(endpoint[0], "CPUUtilization", 150.0, during),
                                    datum(endpoint[0], "MemoryUtilization", 40.0, during)));
                        }
                    }, CancelToken.none());

            Recommendation.Row row = result.rows().get(0);
            assertThat(row.cpuPercent()).isEqualTo(150.0);
            assertThat(row.memoryPercent()).isEqualTo(40.0);
            assertThat(row.gpuPercent()).isNull();
            assertThat(row.errorPercent()).isZero();
            assertThat(result.csv().lines().toList().get(0)).contains(",error_percent,").endsWith(
                    ",cpu_utilization_percent,memory_utilization_percent,gpu_utilization_percent,recommended,note");
            assertThat(result.csv().lines().toList().get(1)).contains(",150.0000,40.0000,,true,");
            assertThat(result.json()).contains("\"cpuPercent\" : 150.0").contains("\"gpuPercent\" : null");
            assertThat(result.table().lines().toList().get(0)).endsWith("CPU %   MEM %   GPU %");
            assertThat(result.table().lines().toList().get(1)).endsWith("  150.0    40.0       -");
        }
    }

    private static MetricDatum datum(String endpoint, String metric, double value, Instant at) {
        return MetricDatum.builder().metricName(metric).value(value).timestamp(at).unit(StandardUnit.PERCENT)
                .dimensions(Dimension.builder().name("EndpointName").value(endpoint).build(),
                        Dimension.builder().name("VariantName").value("AllTraffic").build()).build();
    }
}
