package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.TestPython;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript model saved as model.pt with no inference.py: the PyTorch container's default
 * handlers load it with torch.jit.load and run it on JSON input. The test provisions torch with
 * pip when the interpreter lacks it.
 */
class PyTorchLocalTest {

    private static final String EXPORT = """
            import json, sys, torch
            torch.manual_seed(7)
            model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)).eval()
            torch.jit.script(model).save(sys.argv[1])
            with torch.no_grad():
                print(json.dumps(model(torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])).tolist()))
            """;

    @TempDir
    Path dir;

    @Test
    void aTorchScriptModelIsServedByTheDefaultHandlers() throws Exception {
        String python = TestPython.withModules(List.of("torch", "numpy"), List.of("torch", "numpy"));
        Path weights = dir.resolve("model.pt");
        Path export = Files.writeString(dir.resolve("export.py"), EXPORT);
        Process exporting = new ProcessBuilder(python, export.toString(), weights.toString()).redirectErrorStream(true)
                .start();
        String output = new String(exporting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(exporting.waitFor()).as(output).isZero();
        String expected = output.lines().reduce((first, last) -> last).orElseThrow();

        PackageTree tree = new PackageTree();
        tree.put("model.pt", new FileSource.OnDisk(weights, Files.size(weights)));
        Path artifact = dir.resolve("torch.tar.gz");
        new ModelPackager().build(tree.toPlan(), Set.of(), artifact, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());

        try (LocalHost host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(python),
                Duration.ofSeconds(120), Duration.ofSeconds(30))) {
            LocalEndpointStatus status = host.create("scripted", artifact, "pytorch", line -> { });
            assertThat(status.status()).as(status.failureReason()).isEqualTo("InService");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + host.port("scripted") + "/invocations"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(expected);
        }
    }
}
