package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * InvokeEndpointAsync on Local hosting (async-inference.md, async-inference-check-predictions.md):
 * the request is queued and answered at once with its inference id and output location; the
 * endpoint's queue runs at most MaxConcurrentInvocationsPerInstance requests at a time; each
 * reads its input from the local bucket folder, goes through the endpoint's containers and writes
 * the answer to {@code S3OutputPath/<InferenceId>.out}, or the error to
 * {@code S3FailurePath/<InferenceId>-error.out}; then the notification SageMaker publishes to the
 * success or error topic is appended to the endpoint's notification log.
 */
final class AsyncInference implements AutoCloseable {

    /** InvokeEndpointAsync's defaults: a request lives 6 hours in the queue and may run 15 minutes. */
    static final Duration DEFAULT_TTL = Duration.ofHours(6);
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    /** One InvokeEndpointAsync request as received; optional members are null. */
    record Request(String endpoint, String requestId, String contentType, String accept, String customAttributes,
                   String inferenceId, String inputLocation, String outputPathExtension, String filename,
                   Integer ttlSeconds, Integer timeoutSeconds) {
    }

    record Accepted(String inferenceId, String outputLocation, String failureLocation) {
    }

    private final LocalHost host;
    private final InvocationRouter router;
    private final LocalBuckets buckets;
    private final LocalMetrics metrics;
    private final DataCapture capture;
    private final Map<String, ExecutorService> queues = new ConcurrentHashMap<>();

    AsyncInference(LocalHost host, InvocationRouter router, LocalBuckets buckets, LocalMetrics metrics,
                   DataCapture capture) {
        this.host = host;
        this.router = router;
        this.buckets = buckets;
        this.metrics = metrics;
        this.capture = capture;
    }

    /** Checks the request, queues it and says where its result will be. */
    Accepted submit(Request request) throws RuntimeFailure {
        LocalEndpointRecord endpoint = host.endpoint(request.endpoint()).orElseThrow(() -> RuntimeFailure.validation(
                "Endpoint " + request.endpoint() + " of account local not found."));
        AsyncSpec async = endpoint.topology().async();
        if (async == null) {
            throw RuntimeFailure.validation("Endpoint " + request.endpoint() + " is not an asynchronous endpoint (its "
                    + "EndpointConfig has no AsyncInferenceConfig): invoke it with InvokeEndpoint.");
        }
        if (!"InService".equals(host.describe(request.endpoint()).map(LocalEndpointStatus::status).orElse(""))) {
            throw RuntimeFailure.validation("Endpoint " + request.endpoint() + " is not InService.");
        }
        // the runtime API's limits of InvokeEndpointAsyncInput
        if (request.ttlSeconds() != null && (request.ttlSeconds() < 60 || request.ttlSeconds() > 21600)) {
            throw RuntimeFailure.validation("RequestTTLSeconds must be between 60 and 21600; it is "
                    + request.ttlSeconds() + ".");
        }
        if (request.timeoutSeconds() != null && (request.timeoutSeconds() < 1 || request.timeoutSeconds() > 3600)) {
            throw RuntimeFailure.validation("InvocationTimeoutSeconds must be between 1 and 3600; it is "
                    + request.timeoutSeconds() + ".");
        }
        if (request.inputLocation() == null) {
            throw RuntimeFailure.validation("InputLocation is required: the s3:// location of the request's input.");
        }
        try {
            buckets.path(request.inputLocation());
        } catch (com.endpointstudio.core.error.ValidationException e) {
            throw RuntimeFailure.validation("InputLocation " + request.inputLocation() + " is not valid: "
                    + e.getMessage());
        }
        String id = request.inferenceId() != null ? request.inferenceId() : UUID.randomUUID().toString();
        String name = request.filename() != null ? request.filename() : id + ".out";
        String extension = request.outputPathExtension() == null ? "" : "/" + request.outputPathExtension();
        String output = join(async.s3OutputPath() + extension, name);
        String failureBase = async.s3FailurePath() != null ? async.s3FailurePath() : async.s3OutputPath();
        String failure = join(failureBase + extension, (request.filename() != null ? request.filename() : id)
                + "-error.out");
        Accepted accepted = new Accepted(id, output, failure);
        Instant received = Instant.now();
        queue(endpoint, async).execute(() -> process(request, accepted, async, received));
        return accepted;
    }

    private ExecutorService queue(LocalEndpointRecord endpoint, AsyncSpec async) {
        String key = endpoint.name() + "@" + endpoint.createdAt();
        return queues.computeIfAbsent(key, k -> {
            // MaxConcurrentInvocationsPerInstance; without it SageMaker picks a value, here one per CPU
            int concurrency = async.maxConcurrentInvocationsPerInstance() != null
                    ? async.maxConcurrentInvocationsPerInstance() : Runtime.getRuntime().availableProcessors();
            AtomicInteger count = new AtomicInteger();
            return Executors.newFixedThreadPool(concurrency, task -> {
                Thread thread = new Thread(task, "local-async-" + endpoint.name() + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        });
    }

    private void process(Request request, Accepted accepted, AsyncSpec async, Instant received) {
        Duration ttl = request.ttlSeconds() == null ? DEFAULT_TTL : Duration.ofSeconds(request.ttlSeconds());
        if (Duration.between(received, Instant.now()).compareTo(ttl) > 0) {
            fail(request, accepted, async, received, "The request expired: it waited longer than its RequestTTLSeconds "
                    + "(" + ttl.toSeconds() + " s) in the queue.");
            return;
        }
        var input = buckets.read(request.inputLocation());
        if (input.isEmpty()) {
            fail(request, accepted, async, received, "ClientError: Failed to download input data from "
                    + request.inputLocation() + ". Please ensure that there is an object located at the URL.");
            return;
        }
        Duration timeout = request.timeoutSeconds() == null ? DEFAULT_TIMEOUT
                : Duration.ofSeconds(request.timeoutSeconds());
        InvocationRouter.Call call = new InvocationRouter.Call(request.endpoint(), request.requestId(),
                request.contentType(), request.accept(), request.customAttributes(), null, null, null,
                input.get().body(), true, timeout);
        long started = System.nanoTime();
        String variant = null;
        try {
            InvocationRouter.Target target = router.target(call);
            variant = target.variant().name();
            ContainerClient.Answer answer = router.invoke(target, call);
            long micros = (System.nanoTime() - started) / 1000;
            metrics.record(request.endpoint(), variant, 200, Math.min(micros, answer.modelMicros()),
                    Math.max(0, micros - answer.modelMicros()), Instant.now());
            String contentType = answer.contentType() == null ? "application/json" : answer.contentType();
            buckets.write(accepted.outputLocation(), answer.body(), contentType);
            capture.capture(request.endpoint(), variant, target.endpoint().topology().capture(), accepted.inferenceId(),
                    request.contentType(), input.get().body(), contentType, answer.body());
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("contentType", contentType);
            response.put("outputLocation", accepted.outputLocation());
            notify(request, accepted, async, received, "Completed", null, response);
        } catch (RuntimeFailure failure) {
            metrics.record(request.endpoint(), variant, failure.metricStatus(), 0, 0, Instant.now());
            fail(request, accepted, async, received, "ClientError: " + failure.getMessage());
        } catch (RuntimeException e) {
            fail(request, accepted, async, received, "InternalFailure: " + e.getMessage());
        }
    }

    private void fail(Request request, Accepted accepted, AsyncSpec async, Instant received, String reason) {
        buckets.write(accepted.failureLocation(), reason.getBytes(StandardCharsets.UTF_8), "text/plain");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("failureLocation", accepted.failureLocation());
        notify(request, accepted, async, received, "Failed", reason, response);
    }

    /** The message SageMaker publishes to the success or error topic, in the shape of async-inference-check-predictions.md. */
    private void notify(Request request, Accepted accepted, AsyncSpec async, Instant received, String status,
                        String failureReason, Map<String, Object> response) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("awsRegion", "local");
        message.put("eventTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        message.put("receivedTime", received.truncatedTo(ChronoUnit.MILLIS).toString());
        message.put("invocationStatus", status);
        if (failureReason != null) {
            message.put("failureReason", failureReason);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (request.accept() != null) {
            parameters.put("accept", request.accept());
        }
        parameters.put("contentType", request.contentType() == null ? "application/octet-stream" : request.contentType());
        if (request.customAttributes() != null) {
            parameters.put("customAttributes", request.customAttributes());
        }
        parameters.put("endpointName", request.endpoint());
        parameters.put("inputLocation", request.inputLocation());
        message.put("requestParameters", parameters);
        message.put("responseParameters", response);
        message.put("inferenceId", accepted.inferenceId());
        message.put("eventVersion", "1.0");
        message.put("eventSource", "aws:sagemaker");
        message.put("eventName", "InferenceResult");
        Map<String, Object> line = new LinkedHashMap<>();
        String topic = "Completed".equals(status) ? async.successTopic() : async.errorTopic();
        line.put("topic", topic);
        line.put("message", message);
        AsyncNotifications.append(host.root(), request.endpoint(), line);
    }

    private static String join(String prefix, String name) {
        return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
    }

    @Override
    public void close() {
        queues.values().forEach(ExecutorService::shutdownNow);
        queues.clear();
    }
}
