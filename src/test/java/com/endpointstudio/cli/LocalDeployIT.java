package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.ServingOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `endpoint-studio deploy --local` from the launcher script: serves until stopped, leaves no process behind. */
class LocalDeployIT {

    private static final Path BASEDIR = Path.of(System.getProperty("studio.basedir", "."));

    @TempDir
    Path home;

    @Test
    void deploysTheSampleLocallyServesItAndStopsItsModelServerOnExit() throws Exception {
        Path artifact = home.resolve("houses.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), artifact, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        Path spec = home.resolve("houses.json");
        SpecFiles.write(spec, SpecDefaults.realTime("houses").modelData(artifact.toString()).instanceType("ml.m5.large")
                .build());

        ProcessBuilder builder = new ProcessBuilder(List.of(BASEDIR.resolve("bin/endpoint-studio").toString(), "deploy",
                spec.toString(), "--local")).redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        Process studio = builder.start();
        try {
            String url = ServingOutput.await(studio, "houses");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[[3, 80, 12]]"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("{\"predictions\": [235.9]}");
        } finally {
            studio.destroy();
            assertThat(studio.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Thread.sleep(1000);
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains("sagemaker_serve.py") && line.contains(home.toString())))
                .as("model servers left running").isEmpty();
    }
}
