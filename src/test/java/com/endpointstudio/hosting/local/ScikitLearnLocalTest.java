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
 * A scikit-learn model trained in the test, packaged, deployed locally and invoked with JSON and
 * CSV; its answers must be the model's own. The test provisions scikit-learn with pip when the
 * interpreter lacks it.
 */
class ScikitLearnLocalTest {

    private static final String TRAIN = """
            import json, sys, joblib
            from sklearn.datasets import load_iris
            from sklearn.linear_model import LogisticRegression
            X, y = load_iris(return_X_y=True)
            model = LogisticRegression(max_iter=500).fit(X, y)
            joblib.dump(model, sys.argv[1])
            rows = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], [5.9, 3.0, 4.2, 1.5]]
            print(json.dumps(model.predict(rows).tolist()))
            """;

    private static final String INFERENCE = """
            import os
            import joblib

            def model_fn(model_dir):
                return joblib.load(os.path.join(model_dir, "model.joblib"))
            """;

    @TempDir
    Path dir;

    @Test
    void aTrainedModelAnswersAsItselfThroughALocalEndpoint() throws Exception {
        String python = TestPython.withModules(List.of("sklearn", "joblib"), List.of("scikit-learn"));
        Path weights = dir.resolve("model.joblib");
        Path train = Files.writeString(dir.resolve("train.py"), TRAIN);
        Process training = new ProcessBuilder(python, train.toString(), weights.toString()).redirectErrorStream(true).start();
        String expected = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(training.waitFor()).as(expected).isZero();

        PackageTree tree = new PackageTree();
        tree.put("model.joblib", new FileSource.OnDisk(weights, Files.size(weights)));
        tree.putText("code/inference.py", INFERENCE);
        Path artifact = dir.resolve("iris.tar.gz");
        new ModelPackager().build(tree.toPlan(), Set.of(), artifact, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());

        try (LocalHost host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(python),
                Duration.ofSeconds(60), Duration.ofSeconds(30))) {
            LocalEndpointStatus status = host.create("iris", artifact, "sklearn", line -> { });
            assertThat(status.status()).as(status.failureReason()).isEqualTo("InService");
            try (LocalRuntimeServer server = new LocalRuntimeServer(host, new LocalMetrics(), 0)) {
                HttpClient client = HttpClient.newHttpClient();
                String json = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/endpoints/iris/invocations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], "
                                + "[5.9, 3.0, 4.2, 1.5]]")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(json).isEqualTo(expected);

                String csv = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/endpoints/iris/invocations"))
                        .header("Content-Type", "text/csv").header("Accept", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString("5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n5.9,3.0,4.2,1.5"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat("[" + String.join(", ", csv.lines().toList()) + "]").isEqualTo(expected);
            }
        }
    }
}
