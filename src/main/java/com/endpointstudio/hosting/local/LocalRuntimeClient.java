package com.endpointstudio.hosting.local;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationError;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.RuntimeHeaders;
import com.endpointstudio.core.task.CancelToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.MessageDecoder;

/**
 * How the studio itself calls Local endpoints: plain HTTP to the local runtime server (the
 * SageMaker runtime API it answers for boto3 and the AWS CLI), without an SDK client and its
 * signing. A cancelled {@link CancelToken} — the job's current one, or the one given for a
 * stream — aborts the request at once. The runtime server records every call in the local
 * metrics, whichever process sent it.
 */
public final class LocalRuntimeClient implements EndpointRuntime {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(70);

    private final Supplier<String> runtimeUrl;
    private final LocalBuckets buckets;
    private final Path localRoot;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @param runtimeUrl where the local runtime server answers, asked on each call (it may start late) */
    public LocalRuntimeClient(Supplier<String> runtimeUrl) {
        this(runtimeUrl, null, null);
    }

    /**
     * @param buckets   the local bucket folder asynchronous inputs are staged in and results read from
     * @param localRoot Local hosting's folder, where the notifications of asynchronous requests are kept
     */
    public LocalRuntimeClient(Supplier<String> runtimeUrl, LocalBuckets buckets, Path localRoot) {
        this.runtimeUrl = runtimeUrl;
        this.buckets = buckets;
        this.localRoot = localRoot;
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        request.validate();
        HttpRequest.Builder http = call(request, "invocations", RuntimeHeaders.invokeEndpoint(request));
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(http.build(), HttpResponse.BodyHandlers.ofByteArray(),
                CancelToken.current(), request.endpointName());
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        if (response.statusCode() != 200) {
            return failed(response.statusCode(), response.headers(), response.body(), latency, null);
        }
        HttpHeaders headers = response.headers();
        return new InvocationResult(200, headers.firstValue("Content-Type").orElse(null), response.body(),
                headers.firstValue(RuntimeHeaders.INVOKED_PRODUCTION_VARIANT).orElse(null),
                headers.firstValue(RuntimeHeaders.CUSTOM_ATTRIBUTES).orElse(null), latency, null, null, null);
    }

    @Override
    public InvocationResult invokeWithResponseStream(InvocationRequest request, Consumer<byte[]> onPart,
                                                     CancelToken cancel) {
        request.validate();
        HttpRequest.Builder http = call(request, "invocations-response-stream",
                RuntimeHeaders.invokeEndpointWithResponseStream(request));
        long started = System.nanoTime();
        HttpResponse<InputStream> response = send(http.build(), HttpResponse.BodyHandlers.ofInputStream(), cancel,
                request.endpointName());
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        long[] firstByte = {-1};
        try (InputStream events = response.body();
             CancelToken.Registration abort = cancel.onCancel(() -> closeQuietly(events))) {
            if (response.statusCode() != 200) {
                return failed(response.statusCode(), response.headers(), events.readAllBytes(),
                        Duration.ofNanos(System.nanoTime() - started), null);
            }
            MessageDecoder decoder = new MessageDecoder(message -> {
                HeaderValue type = message.getHeaders().get(":event-type");
                if (type != null && "PayloadPart".equals(type.getString())) {
                    if (firstByte[0] < 0) {
                        firstByte[0] = System.nanoTime() - started;
                    }
                    whole.writeBytes(message.getPayload());
                    onPart.accept(message.getPayload());
                }
            });
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = events.read(buffer)) > 0) {
                decoder.feed(buffer, 0, read);
            }
        } catch (IOException e) {
            cancel.throwIfCancelled();
            throw unreachable(request.endpointName(), e);
        }
        cancel.throwIfCancelled();
        HttpHeaders headers = response.headers();
        return new InvocationResult(200, headers.firstValue(RuntimeHeaders.CONTENT_TYPE).orElse(null),
                whole.toByteArray(), headers.firstValue(RuntimeHeaders.INVOKED_PRODUCTION_VARIANT).orElse(null), null,
                Duration.ofNanos(System.nanoTime() - started), firstByte[0] < 0 ? null : Duration.ofNanos(firstByte[0]),
                null, null);
    }

    /** Writes the body into the local bucket under {@code inputPrefix}, then calls InvokeEndpointAsync with it. */
    @Override
    public AsyncInvocation invokeAsync(InvocationRequest request, String inputPrefix) {
        request.validate();
        String prefix = inputPrefix.endsWith("/") ? inputPrefix : inputPrefix + "/";
        String input = prefix + request.endpointName() + "/" + UUID.randomUUID() + ".input";
        buckets().write(input, request.body(), request.contentType());
        return invokeAsyncAt(request, input);
    }

    /** InvokeEndpointAsync with an input already in the local bucket folder. */
    @Override
    public AsyncInvocation invokeAsyncAt(InvocationRequest request, String inputLocation) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(runtimeUrl.get() + "/endpoints/"
                        + request.endpointName() + "/async-invocations"))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody());
        RuntimeHeaders.invokeEndpointAsync(request, inputLocation).forEach(http::header);
        HttpResponse<byte[]> response = send(http.build(), HttpResponse.BodyHandlers.ofByteArray(),
                CancelToken.current(), request.endpointName());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            InvocationResult failed = failed(response.statusCode(), response.headers(), response.body(), Duration.ZERO,
                    null);
            throw new StudioException("Invoke endpoint " + request.endpointName() + " asynchronously: "
                    + failed.error().code() + ": " + failed.error().message());
        }
        String inferenceId;
        try {
            inferenceId = JSON.readTree(response.body()).path("InferenceId").asText(null);
        } catch (IOException e) {
            throw new StudioException("The local runtime's answer to InvokeEndpointAsync can't be read: "
                    + e.getMessage(), e);
        }
        return new AsyncInvocation(request.endpointName(), inferenceId, inputLocation,
                response.headers().firstValue(RuntimeHeaders.OUTPUT_LOCATION).orElse(null),
                response.headers().firstValue(RuntimeHeaders.FAILURE_LOCATION).orElse(null), Instant.now());
    }

    /** The result in the local bucket folder: the output, or the failure file written in its place. */
    @Override
    public Optional<InvocationResult> asyncResult(AsyncInvocation invocation) {
        Duration waited = Duration.between(invocation.startedAt(), Instant.now());
        var output = invocation.outputLocation() == null ? Optional.<LocalBuckets.StoredObject>empty()
                : buckets().read(invocation.outputLocation());
        if (output.isPresent()) {
            return Optional.of(new InvocationResult(200, output.get().contentType(), output.get().body(), null, null,
                    waited, null, null, invocation.inferenceId()));
        }
        if (invocation.failureLocation() == null) {
            return Optional.empty();
        }
        return buckets().read(invocation.failureLocation()).map(found -> new InvocationResult(500,
                found.contentType(), found.body(), null, null, waited, null, new InvocationError(
                        "AsyncInferenceFailure", new String(found.body(), StandardCharsets.UTF_8), null),
                invocation.inferenceId()));
    }

    /** The notification Local hosting published for the request, as SNS would deliver it. */
    @Override
    public Optional<String> asyncNotification(AsyncInvocation invocation) {
        return localRoot == null ? Optional.empty()
                : AsyncNotifications.of(localRoot, invocation.endpointName(), invocation.inferenceId());
    }

    private LocalBuckets buckets() {
        if (buckets == null) {
            throw new StudioException("Asynchronous inputs and results of Local endpoints live in the local bucket "
                    + "folder, which this client was not given.");
        }
        return buckets;
    }

    private volatile LocalLoadTestRuntime loadTests;

    @Override
    public EndpointRuntime forLoadTest() {
        if (loadTests == null) {
            synchronized (this) {
                if (loadTests == null) {
                    loadTests = new LocalLoadTestRuntime(this, runtimeUrl);
                }
            }
        }
        return loadTests;
    }

    private HttpRequest.Builder call(InvocationRequest request, String operation, Map<String, String> headers) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(runtimeUrl.get() + "/endpoints/"
                        + request.endpointName() + "/" + operation))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        headers.forEach(http::header);
        return http;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, CancelToken cancel,
                                     String endpoint) {
        cancel.throwIfCancelled();
        CompletableFuture<HttpResponse<T>> call = http.sendAsync(request, body);
        try (CancelToken.Registration abort = cancel.onCancel(() -> call.cancel(true))) {
            return call.get();
        } catch (CancellationException e) {
            throw new CancellationException("the invocation of " + endpoint + " was cancelled");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            cancel.throwIfCancelled();
            throw unreachable(endpoint, e.getCause());
        }
    }

    /** The runtime server's error: a ModelError with the container's status and message, or the API's own. */
    private static InvocationResult failed(int status, HttpHeaders headers, byte[] body, Duration latency,
                                           Duration firstByte) {
        return failed(status, headers::firstValue, body, latency, firstByte);
    }

    /** The same, with the answer's headers by name. */
    static InvocationResult failed(int status, java.util.function.Function<String, java.util.Optional<String>> headers,
                                   byte[] body, Duration latency, Duration firstByte) {
        String type = headers.apply("x-amzn-ErrorType").orElse("Error");
        String message = new String(body, StandardCharsets.UTF_8);
        String logStream = null;
        int shown = status;
        try {
            JsonNode error = JSON.readTree(body);
            if ("ModelError".equals(type)) {
                shown = error.path("OriginalStatusCode").asInt(status);
                message = error.path("OriginalMessage").asText(message);
                logStream = error.path("LogStreamArn").asText(null);
            } else {
                type = error.path("__type").asText(type);
                message = error.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // the body is the message
        }
        return new InvocationResult(shown, "text/plain", message.getBytes(StandardCharsets.UTF_8), null, null, latency,
                firstByte, new InvocationError(type, message, logStream,
                headers.apply(LocalRuntimeServer.EXPLANATION).orElse(null)), null);
    }

    StudioException unreachable(String endpoint, Throwable cause) {
        String url = runtimeUrl.get();
        if (cause instanceof ConnectException) {
            return new StudioException("No local runtime answers at " + url + ": start the studio, or serve the "
                    + "endpoint with 'endpoint-studio deploy SPEC.json --local'.", cause);
        }
        return new StudioException("Invoking the local endpoint " + endpoint + " at " + url + " failed: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing is how the stream is abandoned
        }
    }
}
