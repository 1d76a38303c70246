package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Python processes running the serving adapter on model folders made in the tests. */
class ServingProcessTest {

    @TempDir
    Path dir;

    private final List<ServingProcess> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        started.forEach(ServingProcess::close);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path sampleModel() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model/code"));
        for (String name : List.of("model.json", "code/inference.py")) {
            try (InputStream in = getClass().getResourceAsStream("/samples/linear-regression/" + name)) {
                Files.write(dir.resolve("model").resolve(name), in.readAllBytes());
            }
        }
        return model.getParent();
    }

    private Path modelWithScript(String script) throws IOException {
        Path model = Files.createDirectories(dir.resolve("broken/code"));
        Files.writeString(model.resolve("inference.py"), script);
        return model.getParent();
    }

    private ServingProcess serve(Path model, int port, Duration startTimeout) throws Exception {
        ServingProcess process = ServingProcess.start(PythonInterpreter.detect(null), ServingAdapter.install(dir.resolve("adapter")),
                new ServingProcess.Options(model, ServingPersonality.of("custom", null), java.util.Map.of(), port, startTimeout,
                        Duration.ofSeconds(5), 6 * 1024 * 1024),
                dir.resolve("logs/endpoint.log"), line -> { });
        started.add(process);
        process.awaitReady();
        return process;
    }

    private HttpResponse<String> invoke(int port, String contentType, String accept, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invocations"))
                .header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSampleModelServesJsonAndCsv() throws Exception {
        int port = freePort();
        ServingProcess process = serve(sampleModel(), port, Duration.ofSeconds(30));
        assertThat(process.status()).isEqualTo(ServingProcess.Status.IN_SERVICE);

        HttpResponse<String> json = invoke(port, "application/json", "application/json", "[[3, 80, 12], [2, 50, 30]]");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("{\"predictions\": [235.9, 146.0]}");
        assertThat(json.headers().firstValue("X-Model-Latency-Micros")).isPresent();

        HttpResponse<String> csv = invoke(port, "text/csv", "text/csv", "3,80,12\n2,50,30");
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv");
        assertThat(csv.body()).isEqualTo("235.9\n146.0");

        HttpResponse<String> refused = invoke(port, "image/png", "application/json", "x");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("Unsupported content type: image/png");
        for (int i = 0; i < 50 && process.tail(50).stream().noneMatch(l -> l.contains("ValueError")); i++) {
            Thread.sleep(100); // the log is read on its own thread
        }
        assertThat(process.tail(50)).anySatisfy(line -> assertThat(line).contains("ValueError"));

        process.close();
        assertThat(process.isAlive()).isFalse();
        assertThat(process.status()).isEqualTo(ServingProcess.Status.STOPPED);
    }

    @Test
    void aModelFnThatRaisesFailsWithItsTraceback() throws Exception {
        ServingProcess process = serve(modelWithScript("def model_fn(model_dir):\n    raise RuntimeError('weights corrupt')\n"),
                freePort(), Duration.ofSeconds(30));
        assertThat(process.status()).isEqualTo(ServingProcess.Status.FAILED);
        assertThat(process.failureReason()).contains("model_fn raised RuntimeError: weights corrupt");
        assertThat(process.tail(40)).anySatisfy(line -> assertThat(line).contains("Traceback"));
        assertThat(Files.readString(dir.resolve("logs/endpoint.log"))).contains("weights corrupt");
    }

    @Test
    void aMissingPackageIsNamedWithThePipCommand() throws Exception {
        ServingProcess process = serve(modelWithScript("import endpoint_studio_absent_pkg\n\ndef model_fn(d):\n    return 1\n"),
                freePort(), Duration.ofSeconds(30));
        assertThat(process.failureReason()).contains("'endpoint_studio_absent_pkg' is not installed")
                .contains("-m pip install endpoint_studio_absent_pkg");
    }

    @Test
    void aTakenPortIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ServingProcess process = serve(sampleModel(), taken.getLocalPort(), Duration.ofSeconds(30));
            assertThat(process.status()).isEqualTo(ServingProcess.Status.FAILED);
            assertThat(process.failureReason()).contains("Port " + taken.getLocalPort()).contains("can't be opened");
        }
    }

    @Test
    void aHangingModelFnFailsAfterTheStartTimeoutAndIsStopped() throws Exception {
        ServingProcess process = serve(modelWithScript("import time\n\ndef model_fn(d):\n    time.sleep(120)\n"),
                freePort(), Duration.ofSeconds(3));
        assertThat(process.status()).isEqualTo(ServingProcess.Status.FAILED);
        assertThat(process.failureReason()).contains("/ping").contains("3 s");
        Thread.sleep(500);
        assertThat(process.isAlive()).isFalse();
    }
}
