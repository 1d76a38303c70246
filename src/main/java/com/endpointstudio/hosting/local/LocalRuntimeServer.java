package com.endpointstudio.hosting.local;

import com.endpointstudio.core.invoke.RuntimeHeaders;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the SageMaker runtime API for local endpoints on 127.0.0.1 ({@code POST
 * /endpoints/NAME/invocations}), so boto3, the AWS CLI and the studio invoke them exactly as
 * they invoke AWS. Requests are forwarded to the endpoint's model server; every invocation is
 * recorded in {@link LocalMetrics}. Signatures are not checked: the server listens on loopback only.
 */
public final class LocalRuntimeServer implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile(
            "^/endpoints/([a-zA-Z0-9](?:-*[a-zA-Z0-9])*)/(invocations|invocations-response-stream|async-invocations)$");
    private static final long MAX_BODY = 6 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the client's
        // delayed ACK adds about 40 ms to each keep-alive response.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    /**
     * Local only: one sentence on why the container answered as it did, when a container rule
     * rather than the model is the cause (the answer itself is SageMaker's).
     */
    public static final String EXPLANATION = "X-Endpoint-Studio-Explanation";

    private final LocalHost host;
    private final LocalMetrics metrics;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-runtime");
        thread.setDaemon(true);
        return thread;
    });
    private final ContainerClient client;
    private final MultiModelCache models;
    private final InvocationRouter router;
    private final AsyncInference async;
    private final DataCapture capture;

    public LocalRuntimeServer(LocalHost host, LocalMetrics metrics, int port) throws IOException {
        this.host = host;
        this.metrics = metrics;
        this.client = new ContainerClient(host.requestTimeout());
        this.models = host.multiModels();
        this.router = new InvocationRouter(host, client, models, new java.util.SplittableRandom(), metrics);
        this.capture = new DataCapture(host.buckets(), new java.util.SplittableRandom());
        this.async = new AsyncInference(host, router, host.buckets(), metrics, capture);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** The endpoint URL to give boto3 or the AWS CLI (--endpoint-url). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping") && exchange.getRequestMethod().equals("GET")) {
                send(exchange, 200, "text/plain", new byte[0]);
                return;
            }
            Matcher matcher = INVOKE.matcher(path);
            if (!matcher.matches() || !exchange.getRequestMethod().equals("POST")) {
                error(exchange, 404, "UnknownOperationException", "No runtime operation at " + path);
                return;
            }
            if (matcher.group(2).equals("async-invocations")) {
                invokeAsync(exchange, matcher.group(1));
            } else {
                invoke(exchange, matcher.group(1), matcher.group(2).endsWith("stream"));
            }
        }
    }

    private void invoke(HttpExchange exchange, String endpoint, boolean stream) throws IOException {
        long started = System.nanoTime();
        String requestId = java.util.UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes((int) MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            error(exchange, 413, "ValidationError", "The request body is larger than the 6 MiB InvokeEndpoint accepts.");
            return;
        }
        var headers = exchange.getRequestHeaders();
        // InvokeEndpointWithResponseStream takes its Accept as X-Amzn-SageMaker-Accept
        String accept = stream ? headers.getFirst(RuntimeHeaders.ACCEPT) : headers.getFirst("Accept");
        InvocationRouter.Call call = new InvocationRouter.Call(endpoint, requestId, headers.getFirst("Content-Type"),
                blankToNull(accept), headers.getFirst(RuntimeHeaders.CUSTOM_ATTRIBUTES),
                blankToNull(headers.getFirst(RuntimeHeaders.TARGET_VARIANT)),
                stream ? null : blankToNull(headers.getFirst(RuntimeHeaders.TARGET_MODEL)),
                blankToNull(headers.getFirst(RuntimeHeaders.TARGET_CONTAINER_HOSTNAME)), body, false, null,
                blankToNull(headers.getFirst(RuntimeHeaders.INFERENCE_COMPONENT)));
        InvocationRouter.Target target;
        try {
            target = router.target(call);
        } catch (RuntimeFailure failure) {
            metrics.record(endpoint, null, failure.status(), 0, 0, Instant.now());
            fail(exchange, failure);
            return;
        }
        String variant = target.variant().name();
        if (stream) {
            stream(exchange, target, call, started);
            return;
        }
        ContainerClient.Answer answer;
        try {
            answer = router.invoke(target, call);
        } catch (RuntimeFailure failure) {
            metrics.record(endpoint, variant, failure.metricStatus(), 0, 0, Instant.now());
            fail(exchange, failure);
            return;
        }
        long totalMicros = (System.nanoTime() - started) / 1000;
        long modelMicros = Math.min(answer.modelMicros(), totalMicros);
        metrics.record(endpoint, variant, 200, modelMicros, totalMicros - modelMicros, Instant.now());
        capture.capture(endpoint, variant, target.endpoint().topology().capture(),
                blankToNull(headers.getFirst(RuntimeHeaders.INFERENCE_ID)), call.contentType(), body,
                answer.contentType(), answer.body());
        if (answer.explanation() != null) {
            exchange.getResponseHeaders().set(EXPLANATION, answer.explanation());
        }
        if (answer.customAttributes() != null) {
            exchange.getResponseHeaders().set(RuntimeHeaders.CUSTOM_ATTRIBUTES, answer.customAttributes());
        }
        exchange.getResponseHeaders().set(RuntimeHeaders.INVOKED_PRODUCTION_VARIANT, variant);
        // Local only: the model's own time, so tools can tell it from the serving overhead.
        exchange.getResponseHeaders().set("X-Local-Model-Latency-Micros", Long.toString(modelMicros));
        send(exchange, 200, answer.contentType() == null ? "application/json" : answer.contentType(), answer.body());
    }

    /**
     * InvokeEndpointAsync: queued, answered 202 at once with the inference id (in the body) and the
     * output and failure locations (in headers), as the runtime API's InvokeEndpointAsyncOutput has them.
     */
    private void invokeAsync(HttpExchange exchange, String endpoint) throws IOException {
        String requestId = java.util.UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream()); // the input is read from InputLocation
        }
        var headers = exchange.getRequestHeaders();
        AsyncInference.Accepted accepted;
        try {
            accepted = async.submit(new AsyncInference.Request(endpoint, requestId,
                    blankToNull(headers.getFirst(RuntimeHeaders.CONTENT_TYPE)),
                    blankToNull(headers.getFirst(RuntimeHeaders.ACCEPT)),
                    headers.getFirst(RuntimeHeaders.CUSTOM_ATTRIBUTES),
                    blankToNull(headers.getFirst(RuntimeHeaders.INFERENCE_ID)),
                    blankToNull(headers.getFirst(RuntimeHeaders.INPUT_LOCATION)),
                    blankToNull(headers.getFirst(RuntimeHeaders.S3_OUTPUT_PATH_EXTENSION)),
                    blankToNull(headers.getFirst(RuntimeHeaders.FILENAME)),
                    integer(headers.getFirst(RuntimeHeaders.REQUEST_TTL_SECONDS)),
                    integer(headers.getFirst(RuntimeHeaders.INVOCATION_TIMEOUT_SECONDS))));
        } catch (RuntimeFailure failure) {
            fail(exchange, failure);
            return;
        }
        exchange.getResponseHeaders().set(RuntimeHeaders.OUTPUT_LOCATION, accepted.outputLocation());
        exchange.getResponseHeaders().set(RuntimeHeaders.FAILURE_LOCATION, accepted.failureLocation());
        send(exchange, 202, "application/json", JSON.writeValueAsBytes(Map.of("InferenceId", accepted.inferenceId())));
    }

    private static Integer integer(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * InvokeEndpointWithResponseStream: the containers before the last answer as usual; each piece
     * the last one sends (a chunk of its chunked answer) goes out at once as a PayloadPart event of
     * the AWS event stream encoding.
     */
    private void stream(HttpExchange exchange, InvocationRouter.Target target, InvocationRouter.Call call, long started)
            throws IOException {
        String endpoint = call.endpoint();
        String variant = target.variant().name();
        ServerlessCapacity.Permit permit;
        try {
            permit = router.admit(target);
        } catch (RuntimeFailure failure) {
            metrics.record(endpoint, variant, failure.metricStatus(), 0, 0, Instant.now());
            fail(exchange, failure);
            return;
        }
        try (permit) {
            streamAdmitted(exchange, target, call, started);
        }
    }

    private void streamAdmitted(HttpExchange exchange, InvocationRouter.Target target, InvocationRouter.Call call,
                                long started) throws IOException {
        String endpoint = call.endpoint();
        String variant = target.variant().name();
        HttpResponse<InputStream> response;
        try {
            InvocationRouter.Hop hop = router.upToLast(target, call);
            int port = host.serverPort(endpoint, target.last().key());
            response = client.open(port, "/invocations", ContainerClient.headers(hop.contentType(), call.accept(),
                    call.customAttributes()), hop.body());
        } catch (RuntimeFailure failure) {
            metrics.record(endpoint, variant, failure.metricStatus(), 0, 0, Instant.now());
            fail(exchange, failure);
            return;
        } catch (IOException | RuntimeException e) {
            metrics.record(endpoint, variant, 500, 0, 0, Instant.now());
            fail(exchange, RuntimeFailure.model(endpoint, InvocationRouter.sageMakerName(target, target.last()), 0,
                    "The model server did not answer: " + e.getMessage(), null));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (InputStream parts = response.body()) {
            response.headers().firstValue(EXPLANATION).ifPresent(why -> exchange.getResponseHeaders().set(EXPLANATION, why));
            if (response.statusCode() != 200) {
                byte[] body = parts.readAllBytes();
                metrics.record(endpoint, variant, response.statusCode(), 0, 0, Instant.now());
                fail(exchange, RuntimeFailure.model(endpoint, InvocationRouter.sageMakerName(target, target.last()),
                        response.statusCode(), new String(body, StandardCharsets.UTF_8),
                        response.headers().firstValue(EXPLANATION).orElse(null)));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
            exchange.getResponseHeaders().set(RuntimeHeaders.INVOKED_PRODUCTION_VARIANT, variant);
            exchange.getResponseHeaders().set(RuntimeHeaders.CONTENT_TYPE,
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[16 * 1024];
                int read;
                while ((read = parts.read(buffer)) > 0) {
                    event("PayloadPart", java.util.Arrays.copyOf(buffer, read)).encode(out);
                    out.flush();
                }
            }
        }
        long totalMicros = (System.nanoTime() - started) / 1000;
        metrics.record(endpoint, variant, 200, totalMicros, 0, Instant.now());
    }

    private static software.amazon.eventstream.Message event(String type, byte[] payload) {
        Map<String, software.amazon.eventstream.HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", software.amazon.eventstream.HeaderValue.fromString("event"));
        headers.put(":event-type", software.amazon.eventstream.HeaderValue.fromString(type));
        headers.put(":content-type", software.amazon.eventstream.HeaderValue.fromString("application/octet-stream"));
        return new software.amazon.eventstream.Message(headers, payload);
    }

    /** An error of the runtime API, in its shape: the error type in x-amzn-ErrorType, the members in the body. */
    private static void fail(HttpExchange exchange, RuntimeFailure failure) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", failure.type());
        if (failure.explanation() != null) {
            exchange.getResponseHeaders().set(EXPLANATION, failure.explanation());
        }
        send(exchange, failure.status(), "application/json", JSON.writeValueAsBytes(failure.body()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("__type", type, "message", message)));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        async.close();
        server.stop(0);
        workers.shutdownNow();
    }
}
