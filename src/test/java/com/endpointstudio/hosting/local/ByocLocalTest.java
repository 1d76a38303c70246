package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.cli.Cli;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsEnvironment;
import com.endpointstudio.testing.TestPython;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container folder written by `byoc new` deployed on Local hosting without Docker: its serve runs
 * gunicorn with the Flask app on the chosen Python, loads a spaCy pipeline made in the test (a blank
 * English pipeline with an entity ruler: no downloaded weights) from the unpacked model folder, and
 * answers InvokeEndpoint through the Local runtime, called with boto3.
 */
class ByocLocalTest {

    private static final String PIPELINE = """
            import sys, spacy
            nlp = spacy.blank("en")
            nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Amazon"}])
            nlp.to_disk(sys.argv[1])
            """;

    @TempDir
    Path dir;

    private StudioServices services;
    private LocalHost host;
    private DeploymentRunner runner;
    private final List<DeploymentEvent> events = new ArrayList<>();
    private String python;

    @BeforeEach
    void start() {
        python = TestPython.withModules(List.of("spacy", "flask", "gunicorn"), List.of("spacy", "flask", "gunicorn"));
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), AwsEnvironment.fromFiles(
                dir.resolve("none"), dir.resolve("none"), Map.of()));
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(python), Duration.ofSeconds(90),
                Duration.ofSeconds(30));
        runner = new DeploymentRunner(new LocalHosting(host, dir.resolve("local")).hosting(),
                new DeploymentJournal(dir.resolve("journal")), Duration.ofMillis(50), Duration.ofMinutes(3));
    }

    @AfterEach
    void stop() {
        host.close();
        services.close();
    }

    private Path byocNew(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path folder = dir.resolve(name);
        int code = Cli.run(services, new PrintWriter(out), new PrintWriter(err), "byoc", "new", "--library", "spacy",
                "-o", folder.toString());
        assertThat(code).as(err.toString()).isZero();
        return folder;
    }

    private Path pipeline() throws Exception {
        Path model = dir.resolve("ner-model");
        Path script = Files.writeString(dir.resolve("pipeline.py"), PIPELINE);
        Process made = new ProcessBuilder(python, script.toString(), model.toString()).redirectErrorStream(true).start();
        String log = new String(made.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(made.waitFor(120, TimeUnit.SECONDS) && made.exitValue() == 0).as(log).isTrue();
        return model;
    }

    /** The simple real-time spec with the container folder as the image and one worker in its environment. */
    private static DeploymentSpec spec(String name, Path folder, Path model) {
        DeploymentSpec plain = SpecDefaults.realTime(name).image(folder.toString()).modelData(model.toString())
                .instanceType("ml.m5.large").build();
        ModelSpec m = plain.models().get(0);
        ContainerSpec c = m.containers().get(0);
        ContainerSpec one = new ContainerSpec(c.image(), null, c.modelData(), Map.of("MODEL_SERVER_WORKERS", "1"),
                null, null);
        return new DeploymentSpec(plain.specVersion(), List.of(new ModelSpec(m.name(), null, List.of(one), null, null,
                false)), plain.endpointConfig(), plain.endpoint());
    }

    @Test
    void aSpacyContainerFolderAnswersInvokeEndpointWithThePipelinesOutput() throws Exception {
        Path folder = byocNew("spacy-container");
        Path model = pipeline();
        DeploymentSpec spec = spec("nlp", folder, model);
        new SpecValidator(dir).forLocalHosting().validate(spec);

        long started = System.nanoTime();
        DeploymentRecord record = runner.run(runner.plan(spec, "local", true), events::add, CancelToken.none());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(record.state()).as(String.valueOf(record.failure()) + "\n" + String.join("\n",
                host.logTail("nlp", 60))).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        System.out.println("[byoc] spaCy container folder InService on Local in " + seconds + " s");
        assertThat(host.describe("nlp").orElseThrow().status()).isEqualTo("InService");
        // the container's environment from the spec reached serve; requirements.txt was installed as the image does
        assertThat(host.logTail("nlp", 200)).anyMatch(line -> line.contains("Starting the inference server with 1 workers"))
                .anyMatch(line -> line.contains("the container folder's requirements.txt"));

        try (LocalRuntimeServer server = new LocalRuntimeServer(host, new LocalMetrics(), 0)) {
            Boto3 boto3 = new Boto3(dir, server.url());
            String answer = boto3.run("""
                    r = runtime.invoke_endpoint(EndpointName="nlp", ContentType="application/json",
                                                Body=json.dumps({"text": "Amazon hosts models"}))
                    print(r["ContentType"], r["Body"].read().decode())
                    """);
            assertThat(answer).isEqualTo("application/json [{\"tokens\": [\"Amazon\", \"hosts\", \"models\"], "
                    + "\"entities\": [{\"text\": \"Amazon\", \"label\": \"ORG\", \"start\": 0, \"end\": 6}]}]");
            String refused = boto3.run("""
                    runtime.invoke_endpoint(EndpointName="nlp", ContentType="text/csv", Body=b"a,b")
                    """);
            assertThat(refused).startsWith("ModelError 415")
                    .contains("This predictor takes application/json, text/plain, not text/csv");
        }

        int port = host.port("nlp");
        host.delete("nlp");
        // serve's gunicorn stopped with it: the port is free again
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPredictorThatFailsToImportLeavesTheEndpointFailedWithTheReason() throws Exception {
        Path folder = byocNew("broken-container");
        // the interpreter already has what requirements.txt lists; this folder installs nothing
        Files.delete(folder.resolve("requirements.txt"));
        Path predictor = folder.resolve("program/predictor.py");
        Files.writeString(predictor, Files.readString(predictor).replace("import scoring",
                "import scoring\nimport spacy_lookups_for_ner"));

        DeploymentRecord record = runner.run(runner.plan(spec("broken", folder, pipeline()), "local", true),
                events::add, CancelToken.none());

        assertThat(record.state()).isEqualTo(DeploymentRecord.State.FAILED);
        var status = host.describe("broken").orElseThrow();
        assertThat(status.status()).isEqualTo("Failed");
        assertThat(status.failureReason()).contains("The container's serve stopped before GET /ping answered")
                .contains("ModuleNotFoundError: No module named 'spacy_lookups_for_ner'")
                .contains("gunicorn could not import the app");
        assertThat(record.failure().message()).contains("No module named 'spacy_lookups_for_ner'");
        assertThat(host.logTail("broken", 200)).anyMatch(line -> line.contains("predictor.py"));
    }

    @Test
    void aContainerFolderIsRefusedOnAwsWithTheWayToPushItAndAFolderWithoutServeOnLocal() throws Exception {
        Path folder = byocNew("aws-container");
        DeploymentSpec spec = SpecDefaults.realTime("nlp").image(folder.toString()).modelData("s3://bucket/model.tar.gz")
                .executionRole("arn:aws:iam::123456789012:role/SageMakerRole").instanceType("ml.m5.large").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpecValidator(dir).validate(spec))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Container image: '" + folder + "' is a container folder, which only Local hosting runs")
                .hasMessageContaining("endpoint-studio byoc push");

        Path empty = Files.createDirectories(dir.resolve("no-serve"));
        DeploymentSpec local = spec("nlp", empty, dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpecValidator(dir).forLocalHosting().validate(local))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Container image: the folder " + empty + " has no serve program");
    }
}
