package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.endpoints.LoadedModel;
import com.endpointstudio.core.endpoints.MultiModelEndpoints;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-model endpoint on Local hosting: models loaded from a folder of archives on their first
 * TargetModel, at most two held at once here, the least recently used unloaded, SageMaker's
 * errors for a missing or absent target model; called with boto3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalMultiModelTest {

    private static final String SCRIPT = """
            import json, os

            def model_fn(model_dir):
                with open(os.path.join(model_dir, "name.txt")) as f:
                    name = f.read()
                if name == "broken":
                    raise ValueError("the weights of broken are damaged")
                return name

            def input_fn(body, content_type):
                return json.loads(body)

            def predict_fn(data, name):
                return {"model": name, "input": data}

            def output_fn(prediction, accept):
                return json.dumps(prediction), "application/json"
            """;

    @TempDir
    static Path dir;

    private static LocalHost host;
    private static LocalHosting hosting;
    private static LocalRuntimeServer server;
    private static Boto3 boto3;
    private static Path models;

    @BeforeAll
    static void deploy() throws Exception {
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(60),
                Duration.ofSeconds(20));
        host.useMultiModelLimits(new MultiModelLimits(2, null));
        hosting = new LocalHosting(host, dir.resolve("local"));
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
        boto3 = new Boto3(dir, server.url());
        models = Files.createDirectories(dir.resolve("models"));
        for (String name : List.of("alpha", "beta", "gamma", "broken")) {
            archive(models.resolve(name + ".tar.gz"), name);
        }
        archive(Files.createDirectories(models.resolve("team")).resolve("delta.tar.gz"), "delta");

        ModelSpec model = new ModelSpec("many-model", null, List.of(new ContainerSpec("local/python",
                new FrameworkRef("custom", null, null), new ModelDataSpec(models.toString(), null, null, false),
                Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", "1"), null, "MultiModel")), null, null, false);
        DeploymentSpec spec = LocalShapesTest.spec("many", List.of(model),
                List.of(new VariantSpec("AllTraffic", "many-model", "ml.m5.large", 1, 1)));
        SpecValidator.forWorkingFolder().forLocalHosting().validate(spec);
        DeploymentRunner runner = new DeploymentRunner(hosting.hosting(), new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(50), Duration.ofMinutes(2));
        DeploymentRecord record = runner.run(runner.plan(spec, "local", true), e -> { }, CancelToken.none());
        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
    }

    private static Path archive(Path file, String name) {
        return TestArchives.tarGz(file, Map.of("code/inference.py", SCRIPT, "name.txt", name));
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

    private static String invoke(String... targets) throws Exception {
        StringBuilder code = new StringBuilder("for target in " + pythonList(targets) + ":\n");
        code.append("""
                    r = runtime.invoke_endpoint(EndpointName="many", ContentType="application/json",
                                                TargetModel=target, Body=b"[1]")
                    print(r["Body"].read().decode())
                """);
        return boto3.run(code.toString());
    }

    private static String pythonList(String... values) {
        return "[" + String.join(", ", java.util.Arrays.stream(values).map(v -> "\"" + v + "\"").toList()) + "]";
    }

    private static List<String> loaded() {
        return hosting.loadedModels("many").stream().map(LoadedModel::targetModel).toList();
    }

    @Test
    @Order(1)
    void theFirstCallLoadsTheTargetModelFromTheFolderAndTheNextOnesFindItLoaded() throws Exception {
        assertThat(loaded()).isEmpty();
        assertThat(invoke("alpha.tar.gz", "team/delta.tar.gz", "alpha.tar.gz")).isEqualTo("""
                {"model": "alpha", "input": [1]}
                {"model": "delta", "input": [1]}
                {"model": "alpha", "input": [1]}""");
        assertThat(loaded()).containsExactly("alpha.tar.gz", "team/delta.tar.gz");
        assertThat(host.logTail("many", 200).stream().filter(line -> line.contains("[studio] loaded model"))).hasSize(2);
    }

    @Test
    @Order(2)
    void aModelBeyondWhatTheContainerHoldsUnloadsTheLeastRecentlyUsedOne() throws Exception {
        // alpha was used last: delta is the least recently used and makes room for beta
        assertThat(invoke("beta.tar.gz")).contains("\"model\": \"beta\"");
        assertThat(loaded()).containsExactly("beta.tar.gz", "alpha.tar.gz");
        assertThat(host.logTail("many", 200)).anyMatch(line -> line.contains("[studio] unloaded model"));
        assertThat(invoke("team/delta.tar.gz")).contains("\"model\": \"delta\"");
        assertThat(loaded()).containsExactly("team/delta.tar.gz", "beta.tar.gz");
    }

    @Test
    @Order(3)
    void aTargetModelThatIsNotInTheFolderIsSageMakersValidationError() throws Exception {
        String out = boto3.run("""
                try:
                    runtime.invoke_endpoint(EndpointName="many", ContentType="application/json",
                                            TargetModel="missing.tar.gz", Body=b"[1]")
                except runtime.exceptions.ValidationError as e:
                    print(e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"])
                """);
        assertThat(out).startsWith("400 Failed to download model data(bucket: " + models.toAbsolutePath()
                + ", key: missing.tar.gz). Please ensure that there is an object located at the URL");
        String none = boto3.run("""
                runtime.invoke_endpoint(EndpointName="many", ContentType="application/json", Body=b"[1]")
                """);
        assertThat(none).startsWith("ValidationError").contains("is missing a target model header.");
    }

    @Test
    @Order(4)
    void aModelThatFailsToLoadIsAModelErrorAndTheEndpointKeepsServing() throws Exception {
        String out = invoke("broken.tar.gz");
        assertThat(out).startsWith("ModelError 500").contains("the weights of broken are damaged");
        assertThat(invoke("gamma.tar.gz")).contains("\"model\": \"gamma\"");
        assertThat(hosting.describe("many").orElseThrow().status()).isEqualTo("InService");
    }

    @Test
    @Order(5)
    void aPackagedModelAddedToTheFolderIsListedAndServed() throws Exception {
        var details = hosting.describe("many").orElseThrow();
        assertThat(MultiModelEndpoints.prefix(details)).contains(models.toAbsolutePath() + "/");
        Path epsilon = archive(dir.resolve("epsilon.tar.gz"), "epsilon");
        assertThat(MultiModelEndpoints.add(details, epsilon, hosting, ProgressListener.NONE, CancelToken.none()))
                .isEqualTo("epsilon.tar.gz");
        assertThat(MultiModelEndpoints.models(details, hosting)).containsExactly("alpha.tar.gz", "beta.tar.gz",
                "broken.tar.gz", "epsilon.tar.gz", "gamma.tar.gz", "team/delta.tar.gz");
        assertThat(invoke("epsilon.tar.gz")).contains("\"model\": \"epsilon\"");
    }
}
