package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.TestArchives;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serverless endpoint on Local hosting: invocations past MaxConcurrency throttled with
 * SageMaker's ThrottlingException, a cold start after the idle time measured as ModelSetupTime,
 * and the memory size applied to the model server's processes.
 */
class LocalServerlessTest {

    @TempDir
    static Path dir;

    private static LocalHost host;
    private static LocalMetrics metrics;
    private static LocalRuntimeServer server;
    private static Boto3 boto3;

    @BeforeAll
    static void deploy() throws Exception {
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(60),
                Duration.ofSeconds(20));
        host.useServerlessIdleTime(Duration.ofSeconds(2));
        metrics = new LocalMetrics();
        server = new LocalRuntimeServer(host, metrics, 0);
        boto3 = new Boto3(dir, server.url());
        ModelSpec model = new ModelSpec("lean-model", null, List.of(LocalShapesTest.container("slow", null, Map.of())),
                null, null, false);
        DeploymentSpec spec = new DeploymentSpec(1, List.of(model), new EndpointConfigSpec("lean-config", List.of(
                new VariantSpec("AllTraffic", "lean-model", null, 0, 1, new ServerlessSpec(1024, 1, null), null))),
                new EndpointSpec("lean", Map.of()));
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        DeploymentRunner runner = new DeploymentRunner(new LocalHosting(host, dir.resolve("local")).hosting(),
                new DeploymentJournal(dir.resolve("journal")), Duration.ofMillis(50), Duration.ofMinutes(2));
        DeploymentRecord record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aCallPastMaxConcurrencyIsThrottledAndTheNextOneIsServed() throws Exception {
        String out = boto3.run("""
                import threading
                from botocore.exceptions import ClientError
                outcomes = []
                def call(seconds):
                    try:
                        runtime.invoke_endpoint(EndpointName="lean", ContentType="application/json",
                                                Body=json.dumps({"seconds": seconds}).encode())
                        outcomes.append("served")
                    except ClientError as e:
                        outcomes.append("%s %s %s" % (e.response["Error"]["Code"],
                                                      e.response["ResponseMetadata"]["HTTPStatusCode"],
                                                      e.response["Error"]["Message"]))
                first = threading.Thread(target=call, args=(1.5,))
                first.start()
                import time
                time.sleep(0.5)
                call(0)
                first.join()
                call(0)
                print("\\n".join(outcomes))
                """);
        assertThat(out.lines()).containsExactly(
                "ThrottlingException 429 Rate exceeded: the serverless variant AllTraffic of endpoint lean already "
                        + "serves its MaxConcurrency of 1 invocation.",
                "served", "served");
    }

    @Test
    void afterTheIdleTimeTheNextCallWaitsForAColdStartMeasuredAsModelSetupTime() throws Exception {
        Instant before = Instant.now();
        assertThat(boto3.run("""
                r = runtime.invoke_endpoint(EndpointName="lean", ContentType="application/json", Body=b"{\\"seconds\\": 0}")
                print(r["ResponseMetadata"]["HTTPStatusCode"])
                """)).isEqualTo("200");
        // the idle time passes, then the next check scales it to zero (later on a busy machine)
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (host.logTail("lean", 50).stream().noneMatch(line -> line.contains("scaled to zero"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(host.logTail("lean", 50)).anyMatch(line -> line.contains("scaled to zero until the next invocation"));
        assertThat(host.describe("lean").orElseThrow().status()).isEqualTo("InService");

        assertThat(boto3.run("""
                r = runtime.invoke_endpoint(EndpointName="lean", ContentType="application/json",
                                            Body=b"{\\"seconds\\": 0, \\"echo\\": \\"warm again\\"}")
                print(json.loads(r["Body"].read())["echo"])
                """)).isEqualTo("warm again");
        assertThat(host.logTail("lean", 50)).anyMatch(line -> line.contains("cold start"));
        List<LocalMetrics.Datapoint> setup = metrics.query("lean", "ModelSetupTime", before.minusSeconds(120),
                Instant.now().plusSeconds(60));
        assertThat(setup.stream().mapToDouble(LocalMetrics.Datapoint::sampleCount).sum()).isGreaterThanOrEqualTo(1);
        assertThat(setup.stream().mapToDouble(LocalMetrics.Datapoint::maximum).max().orElse(0)).isGreaterThan(0);
    }

    @Test
    void aModelServerThatUsesMoreThanTheMemorySizeLosesTheWorkerThatDidIt() throws Exception {
        Path model = TestArchives.tarGz(dir.resolve("hungry.tar.gz"), Map.of("code/inference.py", """
                import time

                def model_fn(model_dir):
                    return None

                def transform_fn(model, body, content_type, accept):
                    hoard = b"x" * (300 * 1024 * 1024)
                    time.sleep(3)
                    return str(len(hoard)), "text/plain"
                """));
        host.create("hungry", List.of(new LocalHost.ServerPlan("AllTraffic/primary", "AllTraffic", "primary",
                model.toString(), "custom", null, Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", "1"), null, false, 150,
                null)),
                LocalTopology.single("AllTraffic/primary"), line -> { });
        String out = boto3.run("""
                runtime.invoke_endpoint(EndpointName="hungry", ContentType="application/json", Body=b"{}")
                """);
        assertThat(out).startsWith("ModelError 500").contains("Worker died.");
        assertThat(host.logTail("hungry", 50)).anyMatch(line -> line.contains("more than the endpoint's memory size of "
                + "150 MB"));
        host.delete("hungry");
    }
}
