package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.hosting.aws.AwsEnvironment;
import com.endpointstudio.testing.TestPython;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `byoc new` writes SageMaker's container layout; its `serve` runs the Flask app under gunicorn
 * exactly as the container's command would, and answers /ping and /invocations with the spaCy
 * pipeline's output (a blank pipeline made in the test: no downloaded weights).
 */
class ByocCommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private Process server;

    @BeforeEach
    void start() {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), AwsEnvironment.fromFiles(
                dir.resolve("none"), dir.resolve("none"), Map.of()));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        services.close();
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void aSpacyContainerServesThePipelinesTokensAndEntities() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path container = dir.resolve("spacy-container");
        assertThat(run(out, err, "byoc", "new", "--library", "spacy", "-o", container.toString(), "--train"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("program/serve").contains("program/predictor.py").contains("program/train");
        assertThat(Files.isExecutable(container.resolve("program/serve"))).isTrue();
        assertThat(Files.readString(container.resolve("requirements.txt"))).startsWith("spacy\n");
        assertThat(Files.readString(container.resolve("Dockerfile"))).contains("chmod +x /opt/program/serve "
                + "/opt/program/train");

        // the container's train writes a pipeline where SageMaker packs the model from
        String python = TestPython.withModules(List.of("spacy", "flask", "gunicorn"),
                List.of("spacy", "flask", "gunicorn"));
        Path prefix = dir.resolve("opt-ml");
        Files.createDirectories(prefix.resolve("input/data/training"));
        Files.writeString(prefix.resolve("input/data/training/patterns.jsonl"),
                "{\"label\": \"ORG\", \"pattern\": \"Amazon\"}\n");
        ProcessBuilder trainer = new ProcessBuilder(python, container.resolve("program/train").toString())
                .redirectErrorStream(true);
        trainer.environment().put("SM_PREFIX", prefix.toString());
        Process trained = trainer.start();
        String trainLog = new String(trained.getInputStream().readAllBytes());
        assertThat(trained.waitFor(120, TimeUnit.SECONDS) && trained.exitValue() == 0).as(trainLog).isTrue();

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder serve = new ProcessBuilder(python, container.resolve("program/serve").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        serve.environment().putAll(Map.of("SAGEMAKER_BIND_TO_PORT", String.valueOf(port), "MODEL_SERVER_WORKERS", "1",
                "SM_MODEL_DIR", prefix.resolve("model").toString()));
        server = serve.start();
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int ping = 0;
        while (ping != 200 && System.nanoTime() < deadline) {
            try {
                ping = http.send(HttpRequest.newBuilder(base.resolve("/ping")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        assertThat(ping).as(Files.readString(dir.resolve("serve.log"))).isEqualTo(200);

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/invocations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"Amazon hosts models\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[{\"tokens\": [\"Amazon\", \"hosts\", \"models\"], \"entities\": "
                + "[{\"text\": \"Amazon\", \"label\": \"ORG\", \"start\": 0, \"end\": 6}]}]");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(base.resolve("/invocations"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a,b")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(refused.body()).startsWith("This predictor takes application/json, text/plain, not text/csv");
    }

    @Test
    void aFolderThatHoldsFilesIsNotOverwrittenAndABadLibraryNameIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mine/program"));
        Files.writeString(folder.resolve("predictor.py"), "mine");
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "byoc", "new", "--library", "lightgbm", "-o",
                folder.getParent().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already holds program/predictor.py");
        assertThat(Files.readString(folder.resolve("predictor.py"))).isEqualTo("mine");
        err = new StringWriter();
        assertThat(run(new StringWriter(), err, "byoc", "new", "--library", "not a package", "-o",
                dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Library: 'not a package' is not a pip package name");
    }
}
