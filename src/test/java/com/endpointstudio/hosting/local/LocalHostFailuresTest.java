package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes wrong with local endpoints, each ending in a clear state: restarts, limits, hangs, crashes. */
class LocalHostFailuresTest {

    @TempDir
    Path dir;

    private LocalHost host;
    private LocalRuntimeServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        host = newHost();
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
        host.close();
    }

    private LocalHost newHost() {
        return new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(30),
                Duration.ofSeconds(1));
    }

    private Path artifact(String name, String script) throws Exception {
        PackageTree tree = SampleModel.tree();
        if (script != null) {
            tree.putText("code/inference.py", script);
        }
        Path archive = dir.resolve(name + ".tar.gz");
        new ModelPackager().build(tree.toPlan(), Set.of(), archive, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());
        return archive;
    }

    private HttpResponse<String> invoke(String endpoint, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/endpoints/" + endpoint + "/invocations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runningEndpointsSurviveARestartOfTheStudio() throws Exception {
        host.create("houses", artifact("houses", null), "custom", line -> { });
        server.close();
        host.close();

        host = newHost();
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
        assertThat(host.describe("houses")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("OutOfService"));
        host.restore(line -> { });
        assertThat(invoke("houses", "[[3, 80, 12]]".getBytes()).body()).isEqualTo("{\"predictions\": [235.9]}");
    }

    @Test
    void aStoppedEndpointStaysStoppedAcrossARestartAndStartsWithOneCall() throws Exception {
        host.create("houses", artifact("houses", null), "custom", line -> { });
        host.stop("houses");
        host.close();
        host = newHost();
        host.restore(line -> { });
        assertThat(host.describe("houses").orElseThrow().status()).isEqualTo("OutOfService");
        assertThat(host.start("houses", line -> { }).status()).isEqualTo("InService");
    }

    @Test
    void aRequestOverTheLimitIsRefusedWithTheLimit() throws Exception {
        host.create("houses", artifact("houses", null), "custom", line -> { });
        HttpResponse<String> response = invoke("houses", new byte[6 * 1024 * 1024 + 1]);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("6 MiB");
    }

    @Test
    void aSlowHandlerGetsSageMakersTimeoutAnswer() throws Exception {
        String slow = "import time\n\ndef model_fn(d):\n    return 1\n\ndef transform_fn(m, body, ct, accept):\n"
                + "    time.sleep(5)\n    return b'late', 'text/plain'\n";
        host.create("slow", artifact("slow", slow), "custom", line -> { });
        HttpResponse<String> response = invoke("slow", "[]".getBytes());
        assertThat(response.statusCode()).isEqualTo(424);
        assertThat(response.body()).contains("Your invocation timed out while waiting for a response from container");
        assertThat(response.headers().firstValue(LocalRuntimeServer.EXPLANATION)).hasValueSatisfying(
                why -> assertThat(why).contains("did not answer within 1 s"));
    }

    @Test
    void aWorkerThatDiesIsReplacedAndTheEndpointStaysInService() throws Exception {
        String crash = "import os\n\ndef model_fn(d):\n    print('model loaded', flush=True)\n    return 1\n\n"
                + "def transform_fn(m, body, ct, accept):\n    if body == '[1]':\n        os._exit(3)\n"
                + "    return 'alive', 'text/plain'\n";
        host.create("crash", artifact("crash", crash), "custom", "1", Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", "1"),
                null, line -> { });
        HttpResponse<String> died = invoke("crash", "[1]".getBytes());
        assertThat(died.statusCode()).isEqualTo(424);
        assertThat(died.body()).contains("Worker died.");
        HttpResponse<String> next = invoke("crash", "[2]".getBytes());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("alive");
        assertThat(host.describe("crash").orElseThrow().status()).isEqualTo("InService");
        assertThat(host.logTail("crash", 80).stream().filter(line -> line.contains("model loaded"))).hasSize(2);
    }

    @Test
    void aDeletedModelFolderIsReportedWhenTheEndpointStarts() throws Exception {
        host.create("houses", artifact("houses", null), "custom", line -> { });
        host.stop("houses");
        try (Stream<Path> walk = Files.walk(dir.resolve("local/endpoints/houses/model"))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThatThrownBy(() -> host.start("houses", line -> { })).isInstanceOf(StudioException.class)
                .hasMessageContaining("was deleted").hasMessageContaining("deploy it again");
    }

    @Test
    void deletingAnEndpointFreesItsPortAndFolder() throws Exception {
        host.create("houses", artifact("houses", null), "custom", line -> { });
        int port = host.port("houses");
        host.delete("houses");
        assertThat(dir.resolve("local/endpoints/houses")).doesNotExist();
        try (java.net.ServerSocket reuse = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).isEqualTo(port);
        }
    }
}
