package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.core.packaging.SampleModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3 (the real client, from python3) invoking a local endpoint through the runtime path. */
class LocalRuntimeServerTest {

    @TempDir
    Path dir;

    private LocalHost host;
    private LocalMetrics metrics;
    private LocalRuntimeServer server;

    @BeforeEach
    void start() throws Exception {
        host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        Path artifact = dir.resolve("sample.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), artifact, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        assertThat(host.create("houses", artifact, "custom", line -> { }).status()).isEqualTo("InService");
        metrics = new LocalMetrics();
        server = new LocalRuntimeServer(host, metrics, 0);
    }

    @AfterEach
    void stop() {
        server.close();
        host.close();
    }

    private String boto3(String call) throws Exception {
        Path script = dir.resolve("invoke.py");
        Files.writeString(script, """
                import boto3, sys
                runtime = boto3.client("sagemaker-runtime", region_name="us-east-1", endpoint_url=sys.argv[1],
                                       aws_access_key_id="local", aws_secret_access_key="local")
                try:
                %s
                except runtime.exceptions.ModelError as e:
                    print("ModelError", e.response["OriginalStatusCode"], e.response["Error"]["Message"])
                except Exception as e:
                    print(type(e).__name__, e)
                """.formatted(call.indent(4)));
        Process python = new ProcessBuilder(PythonInterpreter.detect(null).command(), script.toString(), server.url())
                .redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        python.waitFor();
        return out;
    }

    @Test
    void boto3InvokesTheLocalEndpointAndTheMetricsCountIt() throws Exception {
        String ok = boto3("""
                r = runtime.invoke_endpoint(EndpointName="houses", ContentType="application/json", Body=b"[[3, 80, 12]]")
                print(r["Body"].read().decode(), r["InvokedProductionVariant"], r["ContentType"])
                """);
        assertThat(ok).isEqualTo("{\"predictions\": [235.9]} AllTraffic application/json");

        String modelError = boto3("""
                runtime.invoke_endpoint(EndpointName="houses", ContentType="image/png", Body=b"x")
                """);
        assertThat(modelError).startsWith("ModelError 500").contains("Unsupported content type: image/png");

        String unknown = boto3("""
                runtime.invoke_endpoint(EndpointName="nowhere", ContentType="application/json", Body=b"[]")
                """);
        assertThat(unknown).contains("ValidationError").contains("Endpoint nowhere");

        Instant now = Instant.now();
        List<LocalMetrics.Datapoint> invocations = metrics.query("houses", "Invocations", now.minusSeconds(600),
                now.plusSeconds(60));
        assertThat(invocations.stream().mapToDouble(LocalMetrics.Datapoint::sum).sum()).isEqualTo(2);
        assertThat(metrics.query("houses", "Invocation5XXErrors", now.minusSeconds(600), now.plusSeconds(60))
                .stream().mapToDouble(LocalMetrics.Datapoint::sum).sum()).isEqualTo(1);
        assertThat(metrics.query("houses", "ModelLatency", now.minusSeconds(600), now.plusSeconds(60)))
                .singleElement().satisfies(p -> assertThat(p.sampleCount()).isEqualTo(1));
    }
}
