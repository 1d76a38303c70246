package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.core.packaging.SampleModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment runner on Local hosting: the packaged stdlib sample, served by a real Python process. */
class LocalHostingTest {

    @TempDir
    Path dir;

    private LocalHost host;
    private DeploymentRunner runner;
    private final List<DeploymentEvent> events = new ArrayList<>();

    @BeforeEach
    void start() {
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        runner = new DeploymentRunner(new LocalHosting(host, dir.resolve("local")).hosting(),
                new DeploymentJournal(dir.resolve("journal")), Duration.ofMillis(50), Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private Path packageSample(String script) throws Exception {
        PackageTree tree = SampleModel.tree();
        if (script != null) {
            tree.putText("code/inference.py", script);
        }
        Path archive = dir.resolve(script == null ? "sample.tar.gz" : "broken.tar.gz");
        new ModelPackager().build(tree.toPlan(), Set.of(), archive, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());
        return archive;
    }

    private DeploymentSpec spec(String name, Path artifact) {
        return SpecDefaults.realTime(name).image("local/python").framework(new FrameworkRef("custom", null, null))
                .modelData(artifact.toString()).instanceType("ml.m5.large").build();
    }

    @Test
    void deploysThePackagedSampleAndServesPredictionsThenRollsBack() throws Exception {
        DeploymentRecord record = runner.run(runner.plan(spec("houses", packageSample(null)), "local", true), events::add,
                CancelToken.none());

        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(events).anySatisfy(e -> assertThat(e.message()).isEqualTo("InService"));
        int port = host.port("houses");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/invocations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[[3, 80, 12]]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"predictions\": [235.9]}");

        runner.rollback(record, events::add);
        assertThat(host.list()).isEmpty();
        assertThat(dir.resolve("local/models/houses-model.json")).doesNotExist();
    }

    @Test
    void aModelFnThatRaisesEndsFailedWithTheTraceback() throws Exception {
        Path broken = packageSample("def model_fn(model_dir):\n    raise ValueError('bad weights')\n");
        DeploymentRecord record = runner.run(runner.plan(spec("broken", broken), "local", true), events::add,
                CancelToken.none());

        assertThat(record.state()).isEqualTo(DeploymentRecord.State.FAILED);
        assertThat(record.failure().message()).contains("model_fn raised ValueError: bad weights");
        assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("Traceback"));
    }

    @Test
    void aCustomImageWithoutDockerFailsWithTheReasonAndRollsBackClean() throws Exception {
        var noDocker = new DeploymentRunner(new LocalHosting(host, dir.resolve("local"), new LocalRuntimes(() -> false,
                () -> new DockerEngine.Status(false, "no engine answers"))).hosting(),
                new DeploymentJournal(dir.resolve("journal")), Duration.ofMillis(50), Duration.ofMinutes(1));
        DeploymentSpec custom = SpecDefaults.realTime("byoc").image("123456789012.dkr.ecr.us-east-1.amazonaws.com/mine:1")
                .modelData(packageSample(null).toString()).instanceType("ml.m5.large").build();

        DeploymentRecord record = noDocker.run(noDocker.plan(custom, "local", true), events::add, CancelToken.none());

        assertThat(record.state()).isEqualTo(DeploymentRecord.State.FAILED);
        assertThat(record.failure().message()).contains("only the Docker runtime can serve").contains("no engine answers");
        noDocker.rollback(record, events::add);
        assertThat(host.list()).isEmpty();
        assertThat(dir.resolve("local/models/byoc-model.json")).doesNotExist();
        assertThat(dir.resolve("local/endpoint-configs/byoc-config.json")).doesNotExist();
    }

    @Test
    void anUpdateSwitchesTheEndpointToANewConfigAndARevertSwitchesItBack() throws Exception {
        LocalHosting local = new LocalHosting(host, dir.resolve("local"));
        DeploymentRecord record = runner.run(runner.plan(spec("houses", packageSample(null)), "local", true), events::add,
                CancelToken.none());
        assertThat(record.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        var updates = new com.endpointstudio.core.endpoints.EndpointUpdates(local, local, dir.resolve("updates.json"),
                "local");
        var before = local.describe("houses").orElseThrow();
        assertThat(before.configName()).isEqualTo("houses-config");
        assertThat(before.variants().get(0).instanceType()).isEqualTo("ml.m5.large");

        String newConfig = updates.apply(before, List.of(new com.endpointstudio.core.endpoints.EndpointUpdates
                .VariantChange(before.variants().get(0).name(), "ml.c5.xlarge", null, null)));

        var after = local.describe("houses").orElseThrow();
        assertThat(after.configName()).isEqualTo(newConfig).startsWith("houses-config-");
        assertThat(after.variants().get(0).instanceType()).isEqualTo("ml.c5.xlarge");
        assertThat(after.status()).isEqualTo("InService");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + host.port("houses") + "/invocations")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("[[3, 80, 12]]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("235.9");

        updates.revert("houses");
        assertThat(local.describe("houses").orElseThrow().configName()).isEqualTo("houses-config");
        assertThat(local.describe("houses").orElseThrow().variants().get(0).instanceType()).isEqualTo("ml.m5.large");
    }
}
