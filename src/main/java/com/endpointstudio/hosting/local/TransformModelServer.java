package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.io.FileTrees;
import com.endpointstudio.core.transform.TransformAgent;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The model server of one transform job on this computer: the job's Model unpacked into the job's
 * folder and served by the same serving personality a Local endpoint of that Model gets, with the
 * environment SageMaker gives a batch transform's container — the Model's variables, the job's on top,
 * and SAGEMAKER_BATCH, plus SAGEMAKER_MAX_PAYLOAD_IN_MB, SAGEMAKER_BATCH_STRATEGY and
 * SAGEMAKER_MAX_CONCURRENT_TRANSFORMS where the job sets them (your-algorithms-batch-code.html).
 */
final class TransformModelServer implements TransformAgent.ModelServer, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServingProcess process;
    private final Path modelDir;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI invocations;
    private final URI executionParameters;

    private TransformModelServer(ServingProcess process, Path modelDir) {
        this.process = process;
        this.modelDir = modelDir;
        this.invocations = URI.create("http://127.0.0.1:" + process.port() + "/invocations");
        this.executionParameters = URI.create("http://127.0.0.1:" + process.port() + "/execution-parameters");
    }

    /** Unpacks the Model into {@code folder}/model and starts its server; returns once it answers /ping. */
    static TransformModelServer start(LocalHost host, Path folder, ModelSpec model, TransformJobSpec job, Path log,
                                      Consumer<String> lines) throws InterruptedException {
        ContainerSpec container = model.containers().get(0);
        if (container.modelData() == null) {
            throw new StudioException("The Model " + model.name() + " has no model data to serve.");
        }
        Path modelDir = folder.resolve("model");
        ServingProcess process = null;
        try {
            FileTrees.delete(modelDir);
            Files.createDirectories(modelDir);
            LocalHost.unpack(Path.of(container.modelData().location()), modelDir);
            PythonInterpreter python = host.requirements().prepare(host.python(), modelDir, lines);
            long payload = job.maxPayloadInMB() == null ? 6L << 20
                    : job.maxPayloadInMB() == 0 ? Long.MAX_VALUE : Math.max(6L, job.maxPayloadInMB()) << 20;
            var options = new ServingProcess.Options(modelDir, ServingPersonality.of(container),
                    environment(container, job), freePort(), host.startTimeout(), host.requestTimeout(), payload);
            process = ServingProcess.start(python, host.adapter(), options, log, lines);
            if (process.awaitReady() != ServingProcess.Status.IN_SERVICE) {
                throw new StudioException("The model server of " + model.name() + " did not start: "
                        + process.failureReason());
            }
            return new TransformModelServer(process, modelDir);
        } catch (RequirementsEnvironment.InstallFailed e) {
            FileTrees.deleteQuietly(modelDir);
            throw new StudioException("The model server of " + model.name() + " did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            if (process != null) {
                process.close();
            }
            FileTrees.deleteQuietly(modelDir);
            throw new StudioException("Could not prepare the model of " + model.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            if (process != null) {
                process.close();
            }
            FileTrees.deleteQuietly(modelDir);
            throw e;
        }
    }

    static Map<String, String> environment(ContainerSpec container, TransformJobSpec job) {
        Map<String, String> environment = new LinkedHashMap<>(container.environment());
        environment.putAll(job.environment());
        environment.put("SAGEMAKER_BATCH", "true");
        if (job.maxPayloadInMB() != null) {
            environment.put("SAGEMAKER_MAX_PAYLOAD_IN_MB", job.maxPayloadInMB().toString());
        }
        if (job.batchStrategy() != null) {
            environment.put("SAGEMAKER_BATCH_STRATEGY",
                    TransformJobSpec.SINGLE_RECORD.equals(job.batchStrategy()) ? "SINGLE_RECORD" : "MULTI_RECORD");
        }
        if (job.maxConcurrentTransforms() != null && job.maxConcurrentTransforms() > 0) {
            environment.put("SAGEMAKER_MAX_CONCURRENT_TRANSFORMS", job.maxConcurrentTransforms().toString());
        }
        return environment;
    }

    /** The job's settings: its own, else what GET /execution-parameters answers, else SageMaker's defaults. */
    TransformAgent.Settings settings(TransformJobSpec job) throws InterruptedException {
        Integer concurrency = null;
        String strategy = null;
        Integer payload = null;
        try {
            HttpResponse<String> response = executionParameters();
            if (response.statusCode() == 200) {
                JsonNode parameters = JSON.readTree(response.body());
                concurrency = parameters.hasNonNull("MaxConcurrentTransforms")
                        ? parameters.get("MaxConcurrentTransforms").asInt() : null;
                strategy = parameters.hasNonNull("BatchStrategy") ? parameters.get("BatchStrategy").asText() : null;
                payload = parameters.hasNonNull("MaxPayloadInMB") ? parameters.get("MaxPayloadInMB").asInt() : null;
            }
        } catch (IOException e) {
            // no execution parameters: the defaults apply
        }
        return TransformAgent.Settings.choose(job, concurrency, strategy, payload);
    }

    /**
     * GET /execution-parameters, tried again after a connection error: a server that has just answered
     * its first /ping may drop a connection once, and the defaults it would then get (MultiRecord, 6 MB)
     * change how the job batches its records.
     */
    private HttpResponse<String> executionParameters() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.send(HttpRequest.newBuilder(executionParameters).timeout(Duration.ofSeconds(10)).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                throw e; // the server answers nothing: the defaults apply
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public TransformAgent.Answer invoke(byte[] body, String contentType, String accept, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(invocations).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new TransformAgent.Answer(response.statusCode(), response.body());
    }

    /** Stops the server and removes the unpacked model. */
    @Override
    public void close() {
        process.close();
        FileTrees.deleteQuietly(modelDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
